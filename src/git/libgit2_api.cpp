#include "git/libgit2_api.hpp"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace fd::git {

namespace {

const Libgit2Api* loadedApi = nullptr;

// Debian names the package after the soname's version: libgit2.so.1.5 is in libgit2-1.5.
std::string debianPackage(const std::string& soname) {
  const std::string prefix = "libgit2.so.";
  if (!soname.starts_with(prefix)) return "libgit2";
  return "libgit2-" + soname.substr(prefix.size());
}

Error unavailable(const char* soname, const std::string& why) {
  return makeError(
      ErrorCode::Unavailable,
      std::string("libgit2 (") + soname + ") cannot be loaded, so no git repository " +
          "can be read: " + why +
          "; install the libgit2 this binary was built with (Debian: apt-get install " +
          debianPackage(soname) + ")");
}

std::string dlerrorText() {
  const char* text = dlerror();
  return text == nullptr ? "unknown error" : text;
}

}  // namespace

Result<const Libgit2Api*> openLibgit2(const char* soname, const char* builtPath) {
  void* library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  const std::string why = library == nullptr ? dlerrorText() : "";
  // Not on the loader's path (a libgit2 installed elsewhere): where the build found it.
  if (library == nullptr && builtPath != nullptr)
    library = dlopen(builtPath, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) return unavailable(soname, why);
  auto api = std::make_unique<Libgit2Api>();
#define FD_LIBGIT2_RESOLVE(name)                                            \
  api->name = reinterpret_cast<decltype(api->name)>(dlsym(library, #name)); \
  if (api->name == nullptr) return unavailable(soname, "it has no function " #name);
  FD_LIBGIT2_FUNCTIONS(FD_LIBGIT2_RESOLVE)
#undef FD_LIBGIT2_RESOLVE
  return api.release();  // process lifetime: the library is never closed either
}

Result<const Libgit2Api*> loadLibgit2() {
  static const Result<const Libgit2Api*> loaded = [] {
    Result<const Libgit2Api*> api = openLibgit2(FD_LIBGIT2_SONAME, FD_LIBGIT2_PATH);
    if (api) loadedApi = *api;
    return api;
  }();
  return loaded;
}

const Libgit2Api& lg2() {
  if (loadedApi == nullptr) {  // a handle or session made without loadLibgit2(): a bug, not input
    std::fputs("factory-deploy: libgit2 used before it was loaded\n", stderr);
    std::abort();
  }
  return *loadedApi;
}

}  // namespace fd::git
