#include "store/kb_store.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/search_text.hpp"
#include "core/text.hpp"

#include <fmt/format.h>

namespace tickets {

namespace {

// Folded search terms of `text` as FTS5 prefix queries: "heiz"*.
std::vector<std::string> prefix_terms(const std::string& text) {
    std::vector<std::string> out;
    std::string folded = fold_for_search(text);
    for (auto term : search_terms(folded))
        if (term_length(term) >= 3) out.push_back(fmt::format("\"{}\"*", term));
    return out;
}

KbArticle article_of(SQLite::Statement& st) {
    KbArticle a;
    a.id = st.getColumn(0).getString();
    a.title = st.getColumn(1).getString();
    a.section = st.getColumn(2).getString();
    a.product = st.getColumn(3).getString();
    a.language = st.getColumn(4).getString();
    a.tags = Json::parse(st.getColumn(5).getString()).get<std::vector<std::string>>();
    a.body = st.getColumn(6).getString();
    a.author = st.getColumn(7).getString();
    a.created = st.getColumn(8).getInt64();
    a.updated = st.getColumn(9).getInt64();
    a.removed = st.getColumn(10).getInt() != 0;
    a.version = st.getColumn(11).getString();
    return a;
}

constexpr const char* kColumns =
    "a.id, a.title, a.section, a.product, a.language, a.tags, a.body, a.author, a.created, "
    "a.updated, a.removed, a.version";

} // namespace

bool KbStore::append(const Event& e) {
    std::string article = e.ticket.empty() ? e.id : e.ticket;
    SQLite::Statement st(repo_.db(), "INSERT OR IGNORE INTO kb_events (id, article, body) "
                                     "VALUES (?, ?, ?)");
    st.bind(1, e.id);
    st.bind(2, article);
    st.bind(3, e.canonical.empty() ? canonical_serialisation(e) : e.canonical);
    if (st.exec() == 0) return false;
    repo_.observe_lamport(e.lamport);
    refold(article);
    return true;
}

std::vector<Event> KbStore::versions(const std::string& article_id) {
    SQLite::Statement st(repo_.db(),
                         "SELECT id, body FROM kb_events WHERE article = ? ORDER BY seq");
    st.bind(1, article_id);
    std::vector<Event> out;
    while (st.executeStep())
        out.push_back(event_from_stored(st.getColumn(0).getString(), st.getColumn(1).getString()));
    return out;
}

bool KbStore::has_version(const std::string& event_id) {
    SQLite::Statement st(repo_.db(), "SELECT 1 FROM kb_events WHERE id = ?");
    st.bind(1, event_id);
    return st.executeStep();
}

void KbStore::refold(const std::string& article_id) {
    auto folded = kb_fold(versions(article_id));
    if (!folded) return;
    const KbArticle& a = *folded;
    SQLite::Statement old(repo_.db(), "SELECT rowid FROM kb_articles WHERE id = ?");
    old.bind(1, a.id);
    if (old.executeStep()) {
        std::int64_t rowid = old.getColumn(0).getInt64();
        SQLite::Statement del(repo_.db(), "DELETE FROM kb_search WHERE rowid = ?");
        del.bind(1, rowid);
        del.exec();
        SQLite::Statement gone(repo_.db(), "DELETE FROM kb_articles WHERE rowid = ?");
        gone.bind(1, rowid);
        gone.exec();
    }
    SQLite::Statement st(repo_.db(),
                         "INSERT INTO kb_articles (id, title, section, product, language, tags, "
                         "body, author, created, updated, removed, version) VALUES (?, ?, ?, ?, "
                         "?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, a.id);
    st.bind(2, a.title);
    st.bind(3, a.section);
    st.bind(4, a.product);
    st.bind(5, a.language);
    st.bind(6, Json(a.tags).dump());
    st.bind(7, a.body);
    st.bind(8, a.author);
    st.bind(9, static_cast<std::int64_t>(a.created));
    st.bind(10, static_cast<std::int64_t>(a.updated));
    st.bind(11, a.removed ? 1 : 0);
    st.bind(12, a.version);
    st.exec();
    if (a.removed) return; // not found by searches any more
    SQLite::Statement text(repo_.db(),
                           "INSERT INTO kb_search (rowid, title, body) VALUES (?, ?, ?)");
    text.bind(1, repo_.db().getLastInsertRowid());
    text.bind(2, fold_for_search(a.title + " " + join(a.tags, " ")));
    text.bind(3, fold_for_search(a.body));
    text.exec();
}

KbArticle KbStore::article(const std::string& prefix) {
    std::string p = to_lower_ascii(trim(prefix));
    if (p.empty() || p.find_first_not_of("0123456789abcdef") != std::string::npos)
        throw Failure(kUsage, fmt::format("article '{}': not an article id", prefix));
    SQLite::Statement st(repo_.db(), fmt::format("SELECT {} FROM kb_articles a WHERE a.id LIKE ? "
                                                 "|| '%' LIMIT 2",
                                                 kColumns));
    st.bind(1, p);
    if (!st.executeStep()) throw Failure(kNotFound, fmt::format("article {}: not found", prefix));
    KbArticle a = article_of(st);
    if (st.executeStep())
        throw Failure(kAmbiguous, fmt::format("article {}: ambiguous, give more digits", prefix));
    return a;
}

std::vector<KbArticle> KbStore::list(const KbQuery& q) {
    std::vector<std::string> where = {q.removed ? "a.removed = 1" : "a.removed = 0"};
    std::vector<std::string> params;
    for (const auto& [column, value] :
         {std::pair<const char*, const std::string&>{"section", q.section},
          {"product", q.product},
          {"language", q.language}})
        if (!value.empty()) {
            where.push_back(fmt::format("a.{} = ? COLLATE NOCASE", column));
            params.push_back(value);
        }
    std::vector<std::string> terms;
    for (const auto& w : q.words)
        for (auto& t : prefix_terms(w)) terms.push_back(t);
    if (!terms.empty()) {
        where.push_back("a.rowid IN (SELECT rowid FROM kb_search WHERE kb_search MATCH ?)");
        params.push_back(join(terms, " AND "));
    }
    SQLite::Statement st(repo_.db(),
                         fmt::format("SELECT {} FROM kb_articles a WHERE {} ORDER BY a.section, "
                                     "a.title COLLATE NOCASE, a.id",
                                     kColumns, join(where, " AND ")));
    for (size_t i = 0; i < params.size(); ++i) st.bind(static_cast<int>(i + 1), params[i]);
    std::vector<KbArticle> out;
    while (st.executeStep()) out.push_back(article_of(st));
    return out;
}

std::vector<KbArticleSummary> KbStore::suggest(const std::string& subject, int limit) {
    std::vector<std::string> terms = prefix_terms(subject);
    std::vector<KbArticleSummary> out;
    if (terms.empty()) return out;
    // Any of the words; bm25 puts the articles matching more (and rarer) ones first.
    SQLite::Statement st(repo_.db(),
                         fmt::format("SELECT {} FROM kb_search s JOIN kb_articles a ON a.rowid = "
                                     "s.rowid WHERE kb_search MATCH ? AND a.removed = 0 ORDER BY "
                                     "bm25(kb_search, 5.0, 1.0) LIMIT ?",
                                     kColumns));
    st.bind(1, join(terms, " OR "));
    st.bind(2, limit);
    while (st.executeStep()) out.push_back(kb_summary(article_of(st)));
    return out;
}

KbStore::Page KbStore::page_after(std::int64_t seq, int limit, std::size_t max_bytes) {
    SQLite::Statement st(repo_.db(),
                         "SELECT seq, id, body FROM kb_events WHERE seq > ? ORDER BY seq LIMIT ?");
    st.bind(1, seq);
    st.bind(2, limit + 1);
    Page p;
    p.cursor = seq;
    int n = 0;
    std::size_t bytes = 0;
    while (st.executeStep()) {
        if (n++ == limit || (n > 1 && bytes >= max_bytes)) {
            p.more = true;
            break;
        }
        bytes += static_cast<std::size_t>(st.getColumn(2).getBytes());
        p.cursor = st.getColumn(0).getInt64();
        p.events.push_back(event_to_json(
            event_from_stored(st.getColumn(1).getString(), st.getColumn(2).getString())));
    }
    return p;
}

std::int64_t KbStore::last_seq() {
    return repo_.db().execAndGet("SELECT coalesce(max(seq), 0) FROM kb_events").getInt64();
}

std::int64_t KbStore::pull_cursor(const std::string& remote) {
    SQLite::Statement st(repo_.db(), "SELECT cursor FROM kb_remotes WHERE remote = ?");
    st.bind(1, remote);
    return st.executeStep() ? st.getColumn(0).getInt64() : 0;
}

std::int64_t KbStore::pushed_seq(const std::string& remote) {
    SQLite::Statement st(repo_.db(), "SELECT pushed_seq FROM kb_remotes WHERE remote = ?");
    st.bind(1, remote);
    return st.executeStep() ? st.getColumn(0).getInt64() : 0;
}

void KbStore::set_cursors(const std::string& remote, std::int64_t cursor, std::int64_t pushed) {
    SQLite::Statement st(repo_.db(), "INSERT INTO kb_remotes (remote, cursor, pushed_seq) VALUES "
                                     "(?, ?, ?) ON CONFLICT (remote) DO UPDATE SET cursor = "
                                     "excluded.cursor, pushed_seq = excluded.pushed_seq");
    st.bind(1, remote);
    st.bind(2, cursor);
    st.bind(3, pushed);
    st.exec();
}

} // namespace tickets
