#pragma once
// Markdown to HTML for knowledge-base articles, by libcmark (CommonMark)
// in its safe mode: raw HTML and javascript:, vbscript:, file: and data:
// links are left out, so an article cannot bring script into the pages.
#include <string>

namespace tickets {

std::string markdown_to_html(const std::string& markdown);

} // namespace tickets
