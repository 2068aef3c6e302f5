// loadManifest: reads the manifest through the FileSystem port, bounded, then parses it.
#include "manifest/manifest_loader.hpp"

#include "manifest/diagnostics.hpp"

namespace fd {
namespace {

// The seed's actionable message, with the least a manifest needs to load and deploy.
std::string notFoundMessage(const std::string& displayPath) {
  return "No deployment manifest found at " + displayPath +
         ".\n"
         "Run /setup to generate the deployment configuration, or create the file manually "
         "with the required fields:\n"
         "  platform, project_name, health_check_path, and for each environment you deploy to\n"
         "  (alpha, staging, prod): environments.<env>.app_name, .deploy_command and .url\n"
         "For example:\n"
         "  {\n"
         "    \"platform\": \"fly.io\",\n"
         "    \"project_name\": \"shop\",\n"
         "    \"health_check_path\": \"/health\",\n"
         "    \"environments\": {\n"
         "      \"prod\": { \"app_name\": \"shop\", \"deploy_command\": \"fly deploy -c "
         "fly.toml\",\n"
         "                \"url\": \"https://shop.fly.dev\" }\n"
         "    }\n"
         "  }\n"
         "Every field is described in docs/MANIFEST.md.";
}

}  // namespace

Result<Manifest> loadManifest(const FileSystem& fs, const std::string& path,
                              const std::string& displayPath, std::string_view environment) {
  Result<std::string> text = fs.read(path, kMaxManifestBytes);
  if (text.ok()) return parseManifest(*text, displayPath, environment);
  switch (text.code()) {
    case ErrorCode::NotFound:
      return makeError(ErrorCode::NotFound, notFoundMessage(displayPath));
    case ErrorCode::ResourceExhausted:
      return makeError(ErrorCode::InvalidArgument,
                       manifest::prefixed(displayPath,
                                          "larger than 1 MiB; a deployment manifest is a few "
                                          "kilobytes (is this the right file?)"));
    default:
      return makeError(text.code(), manifest::prefixed(displayPath, "cannot read the manifest: " +
                                                                        text.message()));
  }
}

}  // namespace fd
