#include "git/libgit2_api.hpp"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace fd::git {

namespace {

const Libgit2Api* loadedApi = nullptr;

Error unavailable(const char* soname, const std::string& why) {
  return makeError(ErrorCode::Unavailable,
                   std::string("libgit2 (") + soname + ") cannot be loaded, so no git repository " +
                       "can be read: " + why +
                       "; install the libgit2 package this binary was built with (Debian: "
                       "apt-get install libgit2-1.5)");
}

std::string dlerrorText() {
  const char* text = dlerror();
  return text == nullptr ? "unknown error" : text;
}

}  // namespace

Result<const Libgit2Api*> openLibgit2(const char* soname) {
  void* library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) return unavailable(soname, dlerrorText());
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
    Result<const Libgit2Api*> api = openLibgit2(FD_LIBGIT2_SONAME);
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
