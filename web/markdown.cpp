#include "web/markdown.hpp"

#include <cmark.h>
#include <cstdlib>
#include <memory>

namespace tickets {

std::string markdown_to_html(const std::string& markdown) {
    // CMARK_OPT_DEFAULT is safe since cmark 0.29; VALIDATE_UTF8 replaces
    // bad bytes instead of passing them through.
    std::unique_ptr<char, decltype(&std::free)> html(
        cmark_markdown_to_html(markdown.data(), markdown.size(),
                               CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART),
        &std::free);
    return html ? std::string(html.get()) : std::string();
}

} // namespace tickets
