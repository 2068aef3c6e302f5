#include "platform/manifest_tools.hpp"

#include "platform/tool_installer.hpp"
#include "platform/tool_pin.hpp"

namespace fd {

Status installManifestTools(const std::vector<ToolSpec>& tools, PlatformServices services) {
  if (tools.empty()) return okStatus();
  Result<std::string> root = toolCacheRoot(services.env);
  if (!root) return root.error();
  ToolInstaller installer(services.http, services.fs, services.log, *root);
  const std::string inherited = services.env.get("PATH").value_or("/usr/local/bin:/usr/bin:/bin");
  for (const ToolSpec& tool : tools) {
    const ToolPin pin{tool.name,   "pinned",    mirrored(tool.url, services.env),
                      tool.sha256, tool.binary, {tool.name}};
    Result<std::string> dir = installer.install(pin);
    if (!dir) return makeError(dir.code(), "tools: " + tool.name + ": " + dir.message());
    services.commands.prependPath(*dir, inherited);
  }
  return okStatus();
}

}  // namespace fd
