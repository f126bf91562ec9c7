#pragma once
// The knowledge base in the store (core/kb.hpp): article versions as
// events in kb_events, the newest of each article in kb_articles with its
// full text in kb_search. Versions come from `tickets kb` and from sync
// (GET and POST /v1/kb); each is kept once, by its id.
#include "core/kb.hpp"
#include "store/repository.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tickets {

struct KbQuery {
    std::string section, product, language; // empty: any
    std::vector<std::string> words;         // full text, all of them
    bool removed = false;                   // list removed articles instead
};

class KbStore {
  public:
    explicit KbStore(Repository& repo) : repo_(repo) {}

    // Stores a version checked by the caller (hash, kb_version_problem) and
    // folds its article again; false when the store has it already. Inside
    // the caller's write transaction.
    bool append(const Event& version);
    // The article of an id or a unique prefix of one; Failure(kNotFound)
    // or Failure(kUsage) for an ambiguous prefix.
    KbArticle article(const std::string& id_or_prefix);
    std::vector<KbArticle> list(const KbQuery& q);
    // Articles for a ticket's subject: those sharing the most of its words
    // first, at most `limit`; removed ones never.
    std::vector<KbArticleSummary> suggest(const std::string& subject, int limit);
    std::vector<Event> versions(const std::string& article_id);
    bool has_version(const std::string& event_id);

    // Sync: versions after `seq` in arrival order, as wire JSON, at most
    // `limit`; the cursor is the last seq returned.
    struct Page {
        Json events = Json::array();
        std::int64_t cursor = 0;
        bool more = false;
    };
    // At most `max_bytes` of versions too (and at least one).
    Page page_after(std::int64_t seq, int limit, std::size_t max_bytes = SIZE_MAX);
    std::int64_t last_seq();
    std::int64_t pull_cursor(const std::string& remote);
    std::int64_t pushed_seq(const std::string& remote);
    void set_cursors(const std::string& remote, std::int64_t cursor, std::int64_t pushed);

  private:
    Repository& repo_;
    void refold(const std::string& article_id);
};

} // namespace tickets
