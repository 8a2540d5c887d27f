#include "read/html.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace detente {
namespace {

bool AttrContains(const GumboElement& el, const char* name, std::initializer_list<const char*> words) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  if (!a) return false;
  std::string v(a->value);
  for (auto& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* w : words)
    if (v.find(w) != std::string::npos) return true;
  return false;
}

const char* Attr(const GumboElement& el, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  return a ? a->value : nullptr;
}

bool IsBlockTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_DIV: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_PRE: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BODY: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_HR: case GUMBO_TAG_DL:
      return true;
    default:
      return false;
  }
}

bool IsSkippedTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG: case GUMBO_TAG_IFRAME: case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_HEAD: case GUMBO_TAG_MATH:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS:
      return true;
    default:
      return false;
  }
}

struct Walker {
  HtmlExtract* out = nullptr;
  std::string current;       // text of the block being built
  uint32_t current_source = 0;
  bool has_hint = false;
  Role hint = Role::kBody;
  bool seen_h1 = false;
  int depth = 0;

  void Flush() {
    // Collapse whitespace runs (but keep <br> newlines) and trim.
    std::string cleaned;
    cleaned.reserve(current.size());
    bool space = false;
    for (char c : current) {
      if (c == '\n') {
        while (!cleaned.empty() && cleaned.back() == ' ') cleaned.pop_back();
        if (!cleaned.empty() && cleaned.back() != '\n') cleaned.push_back('\n');
        space = false;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        space = true;
        continue;
      }
      if (space && !cleaned.empty() && cleaned.back() != '\n') cleaned.push_back(' ');
      space = false;
      cleaned.push_back(c);
    }
    while (!cleaned.empty() && (cleaned.back() == ' ' || cleaned.back() == '\n')) cleaned.pop_back();
    current.clear();
    if (cleaned.empty()) return;
    if (!out->text.empty()) out->text += "\n\n";
    Block b;
    b.span.start = static_cast<uint32_t>(out->text.size());
    out->text += cleaned;
    b.span.end = static_cast<uint32_t>(out->text.size());
    b.has_hint = has_hint;
    b.hint = hint;
    out->blocks.push_back(b);
    out->source_offsets.push_back(current_source);
  }

  void Visit(const GumboNode* node, bool in_boiler, bool in_caption) {
    if (++depth > 400) {  // pathological nesting: stop descending
      --depth;
      return;
    }
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
        node->type == GUMBO_NODE_WHITESPACE) {
      if (current.empty()) {
        current_source = static_cast<uint32_t>(node->v.text.start_pos.offset);
        has_hint = in_boiler || in_caption;
        hint = in_boiler ? Role::kBoilerplate : Role::kCaption;
      }
      current += node->v.text.text;
      --depth;
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) {
      --depth;
      return;
    }
    const GumboElement& el = node->v.element;
    if (IsSkippedTag(el.tag)) {
      --depth;
      return;
    }
    if (el.tag == GUMBO_TAG_BR) {
      current.push_back('\n');
      --depth;
      return;
    }
    bool block = IsBlockTag(el.tag);
    bool boiler = in_boiler || el.tag == GUMBO_TAG_NAV || el.tag == GUMBO_TAG_FOOTER ||
                  AttrContains(el, "class", {"newsletter", "subscribe", "share", "social", "cookie",
                                             "menu", "navbar", "footer", "breadcrumb", "advert",
                                             "comments", "paywall", "signup"}) ||
                  AttrContains(el, "id", {"newsletter", "footer", "nav", "menu", "cookie", "comments"}) ||
                  AttrContains(el, "role", {"navigation", "banner", "contentinfo"});
    bool caption = in_caption || el.tag == GUMBO_TAG_FIGCAPTION || el.tag == GUMBO_TAG_CAPTION ||
                   AttrContains(el, "class", {"caption", "credit"});
    if (block) Flush();
    if (el.tag == GUMBO_TAG_H1 && !seen_h1 && !boiler) {
      seen_h1 = true;
      current_source = static_cast<uint32_t>(el.start_pos.offset);
      for (unsigned i = 0; i < el.children.length; ++i)
        Visit(static_cast<const GumboNode*>(el.children.data[i]), boiler, caption);
      has_hint = true;
      hint = Role::kTitle;
      Flush();
      --depth;
      return;
    }
    for (unsigned i = 0; i < el.children.length; ++i)
      Visit(static_cast<const GumboNode*>(el.children.data[i]), boiler, caption);
    if (block) Flush();
    --depth;
  }
};

void ReadHead(const GumboNode* node, HtmlExtract* out, int depth) {
  if (node->type != GUMBO_NODE_ELEMENT || depth > 200) return;
  const GumboElement& el = node->v.element;
  if (el.tag == GUMBO_TAG_TITLE && out->title.empty() && el.children.length > 0) {
    auto* child = static_cast<const GumboNode*>(el.children.data[0]);
    if (child->type == GUMBO_NODE_TEXT) out->title = child->v.text.text;
  } else if (el.tag == GUMBO_TAG_META) {
    const char* prop = Attr(el, "property");
    if (!prop) prop = Attr(el, "name");
    if (!prop) prop = Attr(el, "itemprop");
    const char* content = Attr(el, "content");
    if (prop && content) {
      std::string p(prop);
      if (p == "og:title") out->title = content;
      else if ((p == "description" || p == "og:description") && out->description.empty()) out->description = content;
      else if (p == "og:url" && out->url.empty()) out->url = content;
      else if ((p == "article:published_time" || p == "datePublished" || p == "date" ||
                p == "pubdate" || p == "publish-date" || p == "dc.date") && out->published.empty())
        out->published = content;
    }
  } else if (el.tag == GUMBO_TAG_LINK) {
    const char* rel = Attr(el, "rel");
    const char* href = Attr(el, "href");
    if (rel && href && std::strcmp(rel, "canonical") == 0) out->url = href;
  } else if (el.tag == GUMBO_TAG_TIME && out->published.empty()) {
    if (const char* dt = Attr(el, "datetime")) out->published = dt;
  }
  for (unsigned i = 0; i < el.children.length; ++i)
    ReadHead(static_cast<const GumboNode*>(el.children.data[i]), out, depth + 1);
}

}  // namespace

bool LooksLikeHtml(std::string_view bytes) {
  std::size_t i = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[i]))) ++i;
  if (i >= bytes.size() || bytes[i] != '<') return false;
  std::string head(bytes.substr(i, 1024));
  for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* tag : {"<!doctype html", "<html", "<head", "<body", "<!--", "<meta", "<div",
                          "<p>", "<p ", "<article", "<title", "<h1", "<section", "<main"})
    if (head.find(tag) != std::string::npos) return true;
  return false;
}

HtmlExtract ExtractHtml(std::string_view html) {
  HtmlExtract out;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 1000;
  GumboOutput* parsed = gumbo_parse_with_options(&options, html.data(), html.size());
  ReadHead(parsed->root, &out, 0);
  Walker walker;
  walker.out = &out;
  walker.Visit(parsed->root, false, false);
  walker.Flush();
  gumbo_destroy_output(&options, parsed);
  return out;
}

}  // namespace detente
