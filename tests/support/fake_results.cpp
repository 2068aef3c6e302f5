#include "support/fake_results.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/DigestEngine.h>
#include <Poco/MD5Engine.h>
#include <Poco/SHA2Engine.h>
#include <Poco/URI.h>
#include <Poco/UUIDGenerator.h>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <random>
#include <regex>
#include <sstream>

namespace fd::test {

namespace {

constexpr std::string_view kTwirpPrefix = "/twirp/github.actions.results.api.v1.ArtifactService/";
constexpr std::string_view kBlobPrefix = "/fake-blob/";
constexpr std::string_view kForbiddenNameCharacters = "\":<>|*?\r\n\\/";

std::string base64(std::string_view bytes, int options = 0) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out, options);
  encoder.rdbuf()->setLineLength(0);
  encoder.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  encoder.close();
  return out.str();
}

std::optional<std::string> unbase64(const std::string& text) {
  static const std::regex kShape("^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$");
  if (!std::regex_match(text, kShape)) return std::nullopt;
  std::istringstream in(text);
  Poco::Base64Decoder decoder(in);
  return std::string(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
}

std::string randomBytes(std::size_t count) {
  static std::mt19937_64 engine{std::random_device{}()};
  std::string bytes(count, '\0');
  for (char& c : bytes) c = static_cast<char>(engine() & 0xFF);
  return bytes;
}

std::string hexDigest(Poco::DigestEngine& engine, std::string_view bytes) {
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string sha256(std::string_view bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  return hexDigest(engine, bytes);
}

// Query parameters decoded as Azure does ('+' is a space, so a client must encode it).
std::map<std::string, std::string> queryOf(const std::string& uri) {
  std::map<std::string, std::string> parameters;
  const auto question = uri.find('?');
  if (question == std::string::npos) return parameters;
  std::istringstream query(uri.substr(question + 1));
  std::string pair;
  while (std::getline(query, pair, '&')) {
    const auto equals = pair.find('=');
    std::string key;
    std::string value;
    Poco::URI::decode(pair.substr(0, equals), key, true);
    if (equals != std::string::npos) Poco::URI::decode(pair.substr(equals + 1), value, true);
    parameters[key] = value;
  }
  return parameters;
}

ServerResponse json(int status, const std::string& body) {
  ServerResponse response;
  response.status = status;
  response.body = body;
  return response;
}

std::string quoted(const std::string& text) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return buffer.GetString();
}

ServerResponse twirpError(int status, const std::string& code, const std::string& message) {
  return json(status, "{\"code\":" + quoted(code) + ",\"msg\":" + quoted(message) + "}");
}

ServerResponse azureError(int status, const std::string& code, const std::string& message) {
  ServerResponse response;
  response.status = status;
  response.contentType = "application/xml";
  response.headers = {{"x-ms-error-code", code}, {"x-ms-request-id", "fake"}};
  response.body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code +
                  "</Code><Message>" + message + "</Message></Error>";
  return response;
}

ServerResponse azureCreated(const std::string& etag) {
  ServerResponse response;
  response.status = 201;
  response.contentType = "";
  response.headers = {{"x-ms-request-id", "fake"},
                      {"x-ms-version", "2023-11-03"},
                      {"x-ms-request-server-encrypted", "true"},
                      {"Date", "Fri, 03 Apr 2026 21:30:00 GMT"}};
  if (!etag.empty()) {
    response.headers.emplace_back("ETag", "\"" + etag + "\"");
    response.headers.emplace_back("Last-Modified", "Fri, 03 Apr 2026 21:30:00 GMT");
  }
  return response;
}

// Protobuf-JSON accepts a field by its proto name or its JSON (camelCase) name.
const rapidjson::Value* field(const rapidjson::Value& object, const char* snake,
                              const char* camel) {
  for (const char* name : {snake, camel}) {
    const auto found = object.FindMember(name);
    if (found != object.MemberEnd()) return &found->value;
  }
  return nullptr;
}

// A string field; int64 fields may arrive as a JSON string or number.
std::optional<std::string> text(const rapidjson::Value& object, const char* snake,
                                const char* camel) {
  const rapidjson::Value* value = field(object, snake, camel);
  if (value == nullptr) return std::nullopt;
  if (value->IsString()) return std::string(value->GetString(), value->GetStringLength());
  if (value->IsUint64()) return std::to_string(value->GetUint64());
  return std::nullopt;
}

bool validRfc3339(const std::string& time) {
  static const std::regex kTime(
      R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$)");
  return std::regex_match(time, kTime);
}

// The ids named in a Put Block List body, in order (Latest, Committed or Uncommitted).
std::optional<std::vector<std::string>> blockListIds(const std::string& xml) {
  if (xml.find("<BlockList>") == std::string::npos) return std::nullopt;
  static const std::regex kEntry(
      "<(Latest|Committed|Uncommitted)>([^<]*)</(Latest|Committed|Uncommitted)>");
  std::vector<std::string> ids;
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), kEntry); it != std::sregex_iterator();
       ++it) {
    ids.push_back((*it)[2].str());
  }
  return ids;
}

}  // namespace

std::string makeRuntimeToken(const std::string& scp) {
  const int options = Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING;
  const std::string header = R"({"alg":"RS256","typ":"JWT","x5t":"fake"})";
  const std::string payload =
      "{\"scp\":" + quoted(scp) +
      R"(,"iss":"fake-results","aud":"vso","nbf":1775250000,"exp":4102444800})";
  return base64(header, options) + "." + base64(payload, options) + "." +
         base64(randomBytes(64), options);
}

FakeResultsService::FakeResultsService()
    : runBackendId_(Poco::UUIDGenerator::defaultGenerator().createRandom().toString()),
      jobBackendId_(Poco::UUIDGenerator::defaultGenerator().createRandom().toString()) {
  token_ =
      makeRuntimeToken("Actions.ExampleScope Actions.UploadArtifacts:" + runBackendId_ + ":" +
                       jobBackendId_ + " Actions.Results:" + runBackendId_ + ":" + jobBackendId_);
  server_ = std::make_unique<LoopbackServer>(
      [this](const ServerRequest& request) { return handle(request); });
}

FakeResultsService::~FakeResultsService() { server_->stop(); }

std::string FakeResultsService::resultsUrl() const { return server_->url() + "/"; }

void FakeResultsService::failNext(const std::string& operation, const ServerResponse& response,
                                  int times) {
  const std::lock_guard lock(mutex_);
  for (int i = 0; i < times; ++i) faults_[operation].push_back(response);
}

std::optional<StoredArtifact> FakeResultsService::artifact(const std::string& name) const {
  const std::lock_guard lock(mutex_);
  for (const StoredArtifact& stored : artifacts_) {
    if (stored.name == name) return stored;
  }
  return std::nullopt;
}

std::vector<StoredArtifact> FakeResultsService::artifacts() const {
  const std::lock_guard lock(mutex_);
  return artifacts_;
}

std::vector<std::string> FakeResultsService::rejections() const {
  const std::lock_guard lock(mutex_);
  return rejections_;
}

int FakeResultsService::count(const std::string& operation) const {
  const std::lock_guard lock(mutex_);
  const auto found = counts_.find(operation);
  return found == counts_.end() ? 0 : found->second;
}

std::optional<ServerResponse> FakeResultsService::fault(const std::string& operation) {
  ++counts_[operation];
  auto& queue = faults_[operation];
  if (queue.empty()) return std::nullopt;
  ServerResponse response = queue.front();
  queue.erase(queue.begin());
  return response;
}

ServerResponse FakeResultsService::reject(const std::string& operation, ServerResponse response,
                                          const std::string& reason) {
  rejections_.push_back(operation + ": " + std::to_string(response.status) + " " + reason);
  return response;
}

ServerResponse FakeResultsService::handle(const ServerRequest& request) {
  const std::lock_guard lock(mutex_);
  const std::string path = request.path();
  if (path.rfind(kTwirpPrefix, 0) == 0) return twirp(request, path.substr(kTwirpPrefix.size()));
  if (path.rfind(kBlobPrefix, 0) == 0) return blob(request);
  return reject(path, twirpError(404, "bad_route", "no handler for " + path), "unknown path");
}

ServerResponse FakeResultsService::twirp(const ServerRequest& request, const std::string& method) {
  if (method != "CreateArtifact" && method != "FinalizeArtifact") {
    ++counts_[method];
    return reject(method, twirpError(404, "bad_route", "unknown method " + method), "bad route");
  }
  if (auto injected = fault(method)) return *injected;
  if (request.method != "POST") {
    return reject(method, twirpError(404, "bad_route", "twirp requires POST"), "not POST");
  }
  if (request.header("Authorization").value_or("") != "Bearer " + token_) {
    return reject(method, twirpError(401, "unauthenticated", "invalid or missing bearer token"),
                  "bad token");
  }
  if (request.header("Content-Type").value_or("").rfind("application/json", 0) != 0) {
    return reject(method, twirpError(404, "bad_route", "unexpected Content-Type"), "content type");
  }
  return method == "CreateArtifact" ? createArtifact(request) : finalizeArtifact(request);
}

ServerResponse FakeResultsService::createArtifact(const ServerRequest& request) {
  const std::string op = "CreateArtifact";
  rapidjson::Document body;
  body.Parse(request.body.data(), request.body.size());
  if (body.HasParseError() || !body.IsObject()) {
    return reject(op, twirpError(400, "malformed", "the body is not a JSON object"), "malformed");
  }
  const auto run = text(body, "workflow_run_backend_id", "workflowRunBackendId");
  const auto job = text(body, "workflow_job_run_backend_id", "workflowJobRunBackendId");
  if (run != runBackendId_ || job != jobBackendId_) {
    return reject(op, twirpError(403, "permission_denied", "backend ids do not match the token"),
                  "backend ids");
  }
  const std::string name = text(body, "name", "name").value_or("");
  if (name.empty() || name.find_first_of(kForbiddenNameCharacters) != std::string::npos) {
    return reject(op, twirpError(400, "invalid_argument", "invalid artifact name"), "name");
  }
  const rapidjson::Value* version = field(body, "version", "version");
  if (version == nullptr || !version->IsInt() ||
      (version->GetInt() != 4 && version->GetInt() != 7)) {
    return reject(op, twirpError(400, "invalid_argument", "unsupported version"), "version");
  }
  StoredArtifact stored;
  stored.name = name;
  stored.version = version->GetInt();
  stored.mimeType = text(body, "mime_type", "mimeType").value_or("");
  stored.expiresAt = text(body, "expires_at", "expiresAt").value_or("");
  if (!stored.expiresAt.empty() && !validRfc3339(stored.expiresAt)) {
    return reject(op, twirpError(400, "invalid_argument", "expires_at is not RFC 3339"),
                  "expires_at");
  }
  const bool duplicate = std::any_of(artifacts_.begin(), artifacts_.end(),
                                     [&](const StoredArtifact& a) { return a.name == name; });
  if (duplicate) {
    return reject(op,
                  twirpError(409, "already_exists",
                             "an artifact with this name already exists on the workflow run"),
                  "duplicate name");
  }
  stored.signature = base64(randomBytes(32));  // standard base64: '+', '/' and '=' need encoding
  std::string encodedSignature;
  Poco::URI::encode(stored.signature, "+/=&", encodedSignature);
  stored.blobPath = std::string(kBlobPrefix) + "actions-results-" + runBackendId_ + "/" +
                    std::to_string(artifacts_.size() + 1) + ".blob";
  const std::string url =
      server_->url() + stored.blobPath +
      "?sv=2023-11-03&sr=b&sp=cw&se=2099-01-01T00%3A00%3A00Z&sig=" + encodedSignature;
  artifacts_.push_back(stored);
  return json(200, "{\"ok\":true,\"signed_upload_url\":" + quoted(url) + "}");
}

ServerResponse FakeResultsService::finalizeArtifact(const ServerRequest& request) {
  const std::string op = "FinalizeArtifact";
  rapidjson::Document body;
  body.Parse(request.body.data(), request.body.size());
  if (body.HasParseError() || !body.IsObject()) {
    return reject(op, twirpError(400, "malformed", "the body is not a JSON object"), "malformed");
  }
  const auto run = text(body, "workflow_run_backend_id", "workflowRunBackendId");
  const auto job = text(body, "workflow_job_run_backend_id", "workflowJobRunBackendId");
  if (run != runBackendId_ || job != jobBackendId_) {
    return reject(op, twirpError(403, "permission_denied", "backend ids do not match the token"),
                  "backend ids");
  }
  const std::string name = text(body, "name", "name").value_or("");
  const auto found = std::find_if(artifacts_.begin(), artifacts_.end(),
                                  [&](const StoredArtifact& a) { return a.name == name; });
  if (found == artifacts_.end() || found->finalized) {
    return reject(op, twirpError(404, "not_found", "no artifact being uploaded with this name"),
                  "unknown artifact");
  }
  if (!found->committed) {
    return reject(op, twirpError(412, "failed_precondition", "the blob was never committed"),
                  "blob not committed");
  }
  const std::string size = text(body, "size", "size").value_or("");
  if (size != std::to_string(found->blob.size())) {
    return reject(op, twirpError(400, "invalid_argument", "size does not match the blob"),
                  "size " + size + " != " + std::to_string(found->blob.size()));
  }
  const auto hash = text(body, "hash", "hash");
  if (hash && *hash != "sha256:" + sha256(found->blob)) {
    return reject(op, twirpError(400, "invalid_argument", "hash does not match the blob"),
                  "hash mismatch");
  }
  found->finalized = true;
  found->finalizedSize = size;
  found->finalizedHash = hash.value_or("");
  found->id = std::to_string(nextId_++);
  return json(200, "{\"ok\":true,\"artifact_id\":\"" + found->id + "\"}");
}

ServerResponse FakeResultsService::blob(const ServerRequest& request) {
  const auto query = queryOf(request.uri);
  const auto comp = query.find("comp");
  const std::string op = comp == query.end() ? "putblob" : comp->second;
  if (auto injected = fault(op)) return *injected;
  const std::string path = request.path();
  const auto found = std::find_if(artifacts_.begin(), artifacts_.end(),
                                  [&](const StoredArtifact& a) { return a.blobPath == path; });
  if (found == artifacts_.end()) {
    return reject(op, azureError(404, "ResourceNotFound", "no such blob"), "unknown blob");
  }
  const auto sig = query.find("sig");
  if (sig == query.end() || sig->second != found->signature) {
    return reject(op, azureError(403, "AuthenticationFailed", "signature mismatch"), "bad sig");
  }
  if (request.method != "PUT") {
    return reject(op, azureError(405, "UnsupportedHttpVerb", "PUT only"), "not PUT");
  }
  if (found->finalized) {
    return reject(op, azureError(409, "BlobImmutable", "the artifact is finalized"), "finalized");
  }
  if (const auto md5 = request.header("Content-MD5")) {
    Poco::MD5Engine engine;
    engine.update(request.body.data(), static_cast<unsigned>(request.body.size()));
    if (*md5 != base64(std::string(reinterpret_cast<const char*>(engine.digest().data()), 16))) {
      return reject(op, azureError(400, "Md5Mismatch", "Content-MD5 mismatch"), "md5");
    }
  }
  if (op == "block") {
    const auto id = query.find("blockid");
    const auto decoded = id == query.end() ? std::nullopt : unbase64(id->second);
    if (!decoded || decoded->empty() || decoded->size() > 64) {
      return reject(op, azureError(400, "InvalidQueryParameterValue", "bad blockid"), "blockid");
    }
    const bool uneven =
        std::any_of(found->stagedBlocks.begin(), found->stagedBlocks.end(),
                    [&](const auto& block) { return block.first.size() != id->second.size(); });
    if (uneven) {
      return reject(op, azureError(400, "InvalidBlobOrBlock", "block ids of unequal length"),
                    "uneven block ids");
    }
    found->stagedBlocks[id->second] = request.body;
    return azureCreated("");
  }
  if (op == "blocklist") {
    const auto ids = blockListIds(request.body);
    if (!ids) return reject(op, azureError(400, "InvalidXmlDocument", "no BlockList"), "xml");
    std::string content;
    for (const std::string& id : *ids) {
      const auto block = found->stagedBlocks.find(id);
      if (block == found->stagedBlocks.end()) {
        return reject(op, azureError(400, "InvalidBlockList", "unknown block " + id),
                      "unstaged block");
      }
      content += block->second;
    }
    found->committedBlocks = *ids;
    found->blob = content;
    found->committed = true;
    found->blobContentType = request.header("x-ms-blob-content-type").value_or("");
    return azureCreated(sha256(content).substr(0, 16));
  }
  if (op == "putblob" && request.header("x-ms-blob-type").value_or("") == "BlockBlob") {
    found->blob = request.body;
    found->committed = true;
    found->blobContentType = request.header("x-ms-blob-content-type").value_or("");
    return azureCreated(sha256(request.body).substr(0, 16));
  }
  return reject(op, azureError(400, "InvalidQueryParameterValue", "unsupported operation"),
                "unsupported");
}

}  // namespace fd::test
