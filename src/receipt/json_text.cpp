#include "receipt/json_text.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace fd {
namespace {

constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag;

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
  rapidjson::MemoryStream stream(text.data(), text.size());
  document.ParseStream<kParseFlags>(stream);
  if (document.HasParseError()) {
    return "offset " + std::to_string(document.GetErrorOffset()) + ": " +
           lowerFirst(rapidjson::GetParseError_En(document.GetParseError()));
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
