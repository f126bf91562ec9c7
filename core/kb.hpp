#pragma once
// Knowledge-base articles (`tickets kb`, the help centre of the web pages).
// An article is written as versions: each version is an event of type
// "article" whose payload holds the whole article, hashed like every event,
// so replicas exchange versions as they exchange ticket events and agree on
// the newest in the fold's order (lamport, time, id). The first version's id
// is the article's; later versions name it in "ticket".
#include "core/event.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tickets {

struct KbArticle {
    std::string id;
    std::string title, body; // body: Markdown
    std::string section, product, language;
    std::vector<std::string> tags;
    bool removed = false;
    std::string author; // of the newest version
    Instant created = 0, updated = 0;
    std::string version; // the newest version's event id
};

// What a list or a suggestion shows of an article.
struct KbArticleSummary {
    std::string id, title, section, product, language;
    std::string excerpt; // the first words of the body, without Markdown marks
};

// The payload of a version holding `a`'s fields.
Json kb_payload(const KbArticle& a);
// Checks a version event beyond its schema (type "article", a title);
// the reason when it is not one.
std::optional<std::string> kb_version_problem(const Event& e);
// The article as its versions make it: the newest in the fold's order
// decides every field. `versions` are one article's; nothing when empty.
std::optional<KbArticle> kb_fold(std::vector<Event> versions);

KbArticleSummary kb_summary(const KbArticle& a);
// About `words` words of Markdown as plain text, for lists.
std::string kb_excerpt(const std::string& markdown, std::size_t words = 30);

} // namespace tickets
