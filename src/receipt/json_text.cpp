#include "receipt/json_text.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cerrno>
#include <cstdlib>
#include <string>

namespace fd {
namespace {

// Numbers arrive as text and are converted here (see ExactNumbers), never by RapidJSON 1.1's own
// number parsing: its default mode may be 1 ULP off, so a rewritten file would drift, and its
// full-precision mode has undefined behaviour on inputs such as "0e100" (found by fuzzing).
constexpr unsigned kParseFlags =
    rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag;

// Forwards SAX events to the document, turning each number's text into an integer when it is
// one and otherwise into the correctly rounded double (strtod), which the writer prints back
// as the shortest text that reads the same: merging twice gives the same bytes.
template <typename Handler>
struct ExactNumbers : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, ExactNumbers<Handler>> {
  explicit ExactNumbers(Handler& target) : out(target) {}
  Handler& out;

  bool Null() { return out.Null(); }
  bool Bool(bool b) { return out.Bool(b); }
  bool String(const char* text, rapidjson::SizeType length, bool copy) {
    return out.String(text, length, copy);
  }
  bool Key(const char* text, rapidjson::SizeType length, bool copy) {
    return out.Key(text, length, copy);
  }
  bool StartObject() { return out.StartObject(); }
  bool EndObject(rapidjson::SizeType members) { return out.EndObject(members); }
  bool StartArray() { return out.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) { return out.EndArray(elements); }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    const std::string number(text, length);
    const bool integral = number.find_first_of(".eE") == std::string::npos;
    errno = 0;
    char* end = nullptr;
    if (integral && number.front() == '-') {
      const long long value = std::strtoll(number.c_str(), &end, 10);
      if (errno == 0) return out.Int64(value);
    } else if (integral) {
      const unsigned long long value = std::strtoull(number.c_str(), &end, 10);
      if (errno == 0) return out.Uint64(value);
    }
    return out.Double(std::strtod(number.c_str(), &end));  // out of range: inf, refused on write
  }
};

// A SAX pass that only counts nesting, so a hostile file cannot exhaust the stack later.
struct DepthLimit : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, DepthLimit> {
  std::size_t depth = 0;
  bool tooDeep = false;

  bool Default() { return true; }
  bool StartObject() { return enter(); }
  bool StartArray() { return enter(); }
  bool EndObject(rapidjson::SizeType /*members*/) { return leave(); }
  bool EndArray(rapidjson::SizeType /*elements*/) { return leave(); }

  bool enter() {
    tooDeep = ++depth > kMaxJsonDepth;
    return !tooDeep;
  }
  bool leave() {
    --depth;
    return true;
  }
};

std::string lowerFirst(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z')
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
  while (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

std::optional<std::string> parseJson(std::string_view text, rapidjson::Document& document) {
  // The parser takes a NUL byte for the end of the text; it would hide what follows.
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    return "offset " + std::to_string(nul) + ": a NUL byte is not JSON";
  }
  DepthLimit limit;
  rapidjson::Reader reader;
  rapidjson::MemoryStream depthStream(text.data(), text.size());
  const rapidjson::ParseResult scanned = reader.Parse<kParseFlags>(depthStream, limit);
  if (limit.tooDeep) return "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
  if (scanned.IsError()) {
    return "offset " + std::to_string(scanned.Offset()) + ": " +
           lowerFirst(rapidjson::GetParseError_En(scanned.Code()));
  }
  rapidjson::ParseResult parsed;
  auto generate = [&](rapidjson::Document& target) {
    rapidjson::MemoryStream stream(text.data(), text.size());
    ExactNumbers<rapidjson::Document> numbers(target);
    parsed = rapidjson::Reader().Parse<kParseFlags>(stream, numbers);
    return !parsed.IsError();
  };
  document.Populate(generate);
  if (parsed.IsError()) {
    return "offset " + std::to_string(parsed.Offset()) + ": " +
           lowerFirst(rapidjson::GetParseError_En(parsed.Code()));
  }
  return std::nullopt;
}

std::string describeJsonValue(const rapidjson::Value& value) {
  if (value.IsString()) {
    // As written, but a control character must not break the warning's line.
    std::string out;
    for (const char c : std::string_view(value.GetString(), value.GetStringLength())) {
      if (c == '\n')
        out += "\\n";
      else if (c == '\r')
        out += "\\r";
      else if (c == '\t')
        out += "\\t";
      else if (static_cast<unsigned char>(c) < 0x20)
        out += '?';
      else
        out += c;
    }
    return out;
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  if (!value.Accept(writer)) return "(a number out of range)";  // inf/NaN cannot be written
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace fd
