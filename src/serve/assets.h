// The dashboard's files (web/, built by vite at build time), compiled into
// the binary: static serving only ever answers with one of these, looked up
// by exact path, so no request can reach the file system.
#pragma once

#include <span>
#include <string_view>

namespace detente {

struct WebAsset {
  std::string_view path;  // "/index.html", "/assets/index-1a2b3c.js"
  std::string_view mime;  // "text/html; charset=utf-8"
  std::string_view data;
};

// Defined in the generated web_assets.cc (cmake/embed_assets.cmake).
std::span<const WebAsset> WebAssets();

// The asset served at `path` ("/" is "/index.html"); nullptr when none.
const WebAsset* FindWebAsset(std::string_view path);

}  // namespace detente
