#include "serve/assets.h"

namespace detente {

const WebAsset* FindWebAsset(std::string_view path) {
  if (path == "/") path = "/index.html";
  for (const WebAsset& a : WebAssets())
    if (a.path == path) return &a;
  return nullptr;
}

}  // namespace detente
