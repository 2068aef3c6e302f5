#include "artifact/artifact_uploader.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DigestEngine.h>
#include <Poco/Exception.h>
#include <Poco/SHA2Engine.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <vector>

#include "artifact/artifact_name.hpp"
#include "artifact/blob_upload.hpp"
#include "artifact/runtime_token.hpp"
#include "artifact/twirp.hpp"
#include "artifact/zip_archive.hpp"

namespace fd {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void field(JsonWriter& json, const char* name, const std::string& value) {
  json.Key(name);
  json.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

std::string createRequest(const BackendIds& ids, const std::string& name, int version,
                          const std::string& mimeType, const std::string& expiresAt) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  field(json, "workflow_run_backend_id", ids.workflowRun);
  field(json, "workflow_job_run_backend_id", ids.workflowJobRun);
  field(json, "name", name);
  json.Key("version");
  json.Int(version);
  if (!mimeType.empty()) field(json, "mime_type", mimeType);
  if (!expiresAt.empty()) field(json, "expires_at", expiresAt);
  json.EndObject();
  return buffer.GetString();
}

std::string finalizeRequest(const BackendIds& ids, const std::string& name, std::uint64_t size,
                            const std::string& sha256) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  field(json, "workflow_run_backend_id", ids.workflowRun);
  field(json, "workflow_job_run_backend_id", ids.workflowJobRun);
  field(json, "name", name);
  field(json, "size", std::to_string(size));  // int64 travels as a JSON string
  field(json, "hash", "sha256:" + sha256);
  json.EndObject();
  return buffer.GetString();
}

std::string mimeTypeFor(const std::string& fileName) {
  const auto dot = fileName.rfind('.');
  const std::string extension = dot == std::string::npos ? "" : fileName.substr(dot);
  if (extension == ".md") return "text/markdown";
  if (extension == ".txt") return "text/plain";
  if (extension == ".json") return "application/json";
  return "application/octet-stream";
}

Error failed(const std::string& step, const std::string& name, const HttpResponse& response) {
  if (response.status == 409) {
    return makeError(ErrorCode::FailedPrecondition,
                     "an artifact named " + name +
                         " already exists in this run: re-runs need a unique name; the default "
                         "includes the run attempt");
  }
  const ErrorCode code = response.status == 401 || response.status == 403
                             ? ErrorCode::PermissionDenied
                             : ErrorCode::FailedPrecondition;
  return makeError(code, step + ": " + describeTwirpFailure(response));
}

// The 2xx JSON body, or why not; `ok: false` is a failure like a bad status.
Result<rapidjson::Document> okBody(const std::string& step, const std::string& name,
                                   const Result<HttpResponse>& response) {
  if (!response) return response.error();
  if (response->status < 200 || response->status > 299) return failed(step, name, *response);
  rapidjson::Document json;
  json.Parse(response->body.data(), response->body.size());
  if (json.HasParseError() || !json.IsObject()) {
    return makeError(ErrorCode::Unavailable, step + ": the response is not a JSON object");
  }
  if (!jsonBool(json, "ok")) {
    return makeError(ErrorCode::FailedPrecondition, step + ": the service answered ok: false");
  }
  return json;
}

// The `sig` parameter of a SAS URL, decoded and as sent.
std::vector<std::string> signatureOf(const std::string& url) {
  try {
    for (const auto& [key, value] : Poco::URI(url).getQueryParameters()) {
      if (key != "sig" || value.empty()) continue;
      std::string encoded;
      Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]", encoded);
      return {value, encoded};
    }
  } catch (const Poco::Exception&) {
  }
  return {};
}

}  // namespace

std::string sha256Hex(std::string_view bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string rfc3339(std::chrono::system_clock::time_point time) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch());
  return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(seconds.count()),
                                         Poco::DateTimeFormat::ISO8601_FORMAT);
}

Result<UploadedArtifact> ArtifactUploader::upload(const ArtifactRuntime& runtime,
                                                  const ArtifactFile& file) const {
  const std::string name = file.zip ? file.name : file.fileName;
  if (Status valid = validateArtifactName(name); !valid) return valid.error();
  Result<BackendIds> ids = backendIdsFromToken(runtime.token);
  if (!ids) return ids.error();

  std::string payload = file.content;
  if (file.zip) {
    Result<std::string> zipped = zipSingleFile(file.fileName, file.content, clock.now());
    if (!zipped) return zipped.error();
    payload = std::move(*zipped);
  }
  std::string expiresAt;
  if (file.retentionDays && *file.retentionDays > 0) {
    int days = *file.retentionDays;
    if (runtime.maxRetentionDays && *runtime.maxRetentionDays < days) {
      log.warning("retention-days " + std::to_string(days) +
                  " is more than the repository allows; using " +
                  std::to_string(*runtime.maxRetentionDays));
      days = *runtime.maxRetentionDays;
    }
    expiresAt = rfc3339(clock.now() + std::chrono::hours(24) * days);
  }

  const RetryingSender sender{http, clock, random, &log, policy};
  const std::string contentType = file.zip ? "application/zip" : mimeTypeFor(file.fileName);
  Result<rapidjson::Document> created = okBody(
      "CreateArtifact", name,
      callTwirp(
          sender, runtime.resultsOrigin, runtime.token, "CreateArtifact",
          createRequest(*ids, name, file.zip ? 4 : 7, file.zip ? "" : contentType, expiresAt)));
  if (!created) return created.error();
  const std::string signedUrl = jsonString(*created, "signed_upload_url", "signedUploadUrl");
  if (signedUrl.empty()) {
    return makeError(ErrorCode::FailedPrecondition, "CreateArtifact: no signed_upload_url");
  }
  // The signature grants write access to the blob: never shown (the toolkit masks it too).
  for (const std::string& secret : signatureOf(signedUrl)) log.addSecret(secret);

  if (Status uploaded = uploadBlockBlob(sender, signedUrl, payload, contentType); !uploaded) {
    return uploaded.error();
  }
  UploadedArtifact artifact;
  artifact.size = payload.size();
  artifact.sha256 = sha256Hex(payload);
  Result<rapidjson::Document> finalized =
      okBody("FinalizeArtifact", name,
             callTwirp(sender, runtime.resultsOrigin, runtime.token, "FinalizeArtifact",
                       finalizeRequest(*ids, name, artifact.size, artifact.sha256)));
  if (!finalized) return finalized.error();
  artifact.id = jsonString(*finalized, "artifact_id", "artifactId");
  if (artifact.id.empty()) {
    return makeError(ErrorCode::FailedPrecondition, "FinalizeArtifact: no artifact_id");
  }
  artifact.url = artifactUrl(runtime, artifact.id);
  return artifact;
}

}  // namespace fd
