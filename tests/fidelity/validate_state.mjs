// Validates state files against the factory's state rules (state-rules.schema.json) with Ajv,
// draft 2020-12 and its formats (date-time), from the packages tests/openapi pins.
//
//   node tests/fidelity/validate_state.mjs <schema.json> <state.json>...
//
// Prints "ok <file>" or one line per error ("<file>: <path> <message>"); exit 1 on any error,
// 2 when the validator cannot start.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'openapi', 'package.json'));

let Ajv2020;
let addFormats;
try {
  Ajv2020 = require('ajv/dist/2020').default;
  addFormats = require('ajv-formats').default;
} catch (error) {
  console.error(`validate_state.mjs: ${error.message}`);
  console.error('install the pinned packages first: npm ci --prefix tests/openapi');
  process.exit(2);
}

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error('usage: node tests/fidelity/validate_state.mjs <schema.json> <state.json>...');
  process.exit(2);
}
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));

let failed = false;
for (const file of files) {
  let state;
  try {
    state = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    console.log(`${file}: not JSON: ${error.message}`);
    failed = true;
    continue;
  }
  if (validate(state)) {
    console.log(`ok ${file}`);
    continue;
  }
  failed = true;
  for (const error of validate.errors) {
    const detail = error.params && Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : '';
    console.log(`${file}: ${error.instancePath || '(root)'} ${error.message}${detail}`);
  }
}
process.exit(failed ? 1 : 0);
