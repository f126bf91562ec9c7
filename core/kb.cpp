#include "core/kb.hpp"

#include "core/text.hpp"

#include <algorithm>

namespace tickets {

Json kb_payload(const KbArticle& a) {
    Json p = {{"title", a.title}, {"body", a.body}, {"tags", a.tags}};
    for (const auto& [key, value] :
         {std::pair<const char*, const std::string&>{"section", a.section},
          {"product", a.product},
          {"language", a.language}})
        if (!value.empty()) p[key] = value;
    if (a.removed) p["removed"] = true;
    return p;
}

std::optional<std::string> kb_version_problem(const Event& e) {
    // The fields' types are the event schema's (core/event_schema.cpp).
    if (e.type != "article") return "not an article version";
    if (e.payload.value("title", "").empty()) return "an article needs a title";
    std::string language = e.payload.value("language", "");
    if (!language.empty() && language != "de" && language != "en")
        return "an article's language is de or en";
    return std::nullopt;
}

std::optional<KbArticle> kb_fold(std::vector<Event> versions) {
    if (versions.empty()) return std::nullopt;
    std::sort(versions.begin(), versions.end(), fold_order);
    const Event& newest = versions.back();
    KbArticle a;
    a.id = newest.ticket.empty() ? newest.id : newest.ticket;
    const Json& p = newest.payload;
    a.title = p.value("title", "");
    a.body = p.value("body", "");
    a.section = p.value("section", "");
    a.product = p.value("product", "");
    a.language = p.value("language", "");
    if (auto it = p.find("tags"); it != p.end() && it->is_array())
        a.tags = it->get<std::vector<std::string>>();
    a.removed = p.value("removed", false);
    a.author = newest.author;
    a.updated = newest.time;
    a.version = newest.id;
    a.created = newest.time;
    for (const auto& v : versions) a.created = std::min(a.created, v.time);
    return a;
}

std::string kb_excerpt(const std::string& markdown, std::size_t words) {
    std::string out;
    std::size_t count = 0;
    std::string word;
    auto flush = [&] {
        if (word.empty()) return;
        if (count < words) {
            if (!out.empty()) out += ' ';
            out += word;
        }
        ++count;
        word.clear();
    };
    for (char c : markdown) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
            flush();
        else if (std::string_view("#*_`>[]()|").find(c) == std::string_view::npos)
            word += c; // Markdown's marks are left out
    }
    flush();
    if (count > words) out += " …";
    return out;
}

KbArticleSummary kb_summary(const KbArticle& a) {
    return {a.id, a.title, a.section, a.product, a.language, kb_excerpt(a.body)};
}

} // namespace tickets
