#!/usr/bin/env python3
"""Reads what a run left behind, for tests/container/run.sh.

  inspect.py output FILE NAME      value of output NAME in a GITHUB_OUTPUT file (exit 1 if absent)
  inspect.py outputs-valid FILE    every entry well formed (name=value or name<<DELIM ... DELIM)
  inspect.py zip-member ZIP NAME   prints member NAME of the zip (exit 1 if absent or not a zip)
  inspect.py inputs ACTION_YML     "name<TAB>default" for each input of action.yml
"""
import re
import sys
import zipfile


def parse_outputs(path):
    """Parses the runner's file-command format; raises ValueError on a malformed file."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    values, i = {}, 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            if not name or not delim:
                raise ValueError(f"line {i + 1}: empty name or delimiter")
            end = lines.index(delim, i + 1) if delim in lines[i + 1:] else -1
            if end < 0:
                raise ValueError(f"line {i + 1}: delimiter {delim} never closes")
            values[name] = "\n".join(lines[i + 1:end])
            i = end + 1
        elif "=" in line:
            name, value = line.split("=", 1)
            if not name:
                raise ValueError(f"line {i + 1}: empty name")
            values[name] = value
            i += 1
        elif line.strip() == "":
            i += 1
        else:
            raise ValueError(f"line {i + 1}: neither name=value nor name<<delimiter")
    return values


def action_inputs(path):
    """name and default of each input, from action.yml's own simple layout."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    block = re.search(r"^inputs:\n(.*?)^\S", text, re.S | re.M).group(1)
    result, name = [], None
    for line in block.split("\n"):
        if m := re.fullmatch(r"  ([a-z][a-z0-9-]*):", line):
            name = m.group(1)
            result.append([name, ""])
        elif (m := re.fullmatch(r"    default: (.*)", line)) and name:
            value = m.group(1).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            result[-1][1] = value
    return result


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "output" and len(argv) == 4:
        values = parse_outputs(argv[2])
        if argv[3] not in values:
            return 1
        sys.stdout.write(values[argv[3]])
        return 0
    if cmd == "outputs-valid" and len(argv) == 3:
        try:
            parse_outputs(argv[2])
        except ValueError as err:
            print(err, file=sys.stderr)
            return 1
        return 0
    if cmd == "zip-member" and len(argv) == 4:
        try:
            with zipfile.ZipFile(argv[2]) as z:
                sys.stdout.write(z.read(argv[3]).decode("utf-8"))
        except (KeyError, zipfile.BadZipFile, OSError) as err:
            print(err, file=sys.stderr)
            return 1
        return 0
    if cmd == "inputs" and len(argv) == 3:
        for name, default in action_inputs(argv[2]):
            print(f"{name}\t{default}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
