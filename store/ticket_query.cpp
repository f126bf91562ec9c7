// Translates the filter language (core/filter.hpp) into one SQL query over
// the materialised tickets table and the FTS5 index.
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "core/search_text.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "store/repository.hpp"

#include <fmt/format.h>
#include <functional>
#include <optional>

namespace tickets {

namespace {

// Fields whose values people type in any case ("heizung" finds "Heizung").
bool case_insensitive(const std::string& field) {
    return field == "product" || field == "topic" || field == "category" || field == "property" ||
           field == "organisation";
}

// A quoted FTS5 string: punctuation in it is text, not query syntax.
std::string fts_quoted(std::string_view text) {
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

// The FTS5 query for one search word, or "" for a word of punctuation only
// (it restricts nothing). A word of one term of three or more characters
// finds that text anywhere inside a term: the terms holding it come from
// the trigram index of search_terms. A shorter one is a term's start, and
// one of several terms ("2.OG", "e-mail") a phrase whose last term may
// continue.
std::string fts_query_for_word(SQLite::Database& db, const std::string& word) {
    std::string folded = fold_for_search(word);
    auto terms = search_terms(folded);
    if (terms.empty()) return "";
    if (terms.size() > 1 || term_length(terms[0]) < 3) {
        std::string phrase;
        for (auto term : terms) {
            if (!phrase.empty()) phrase += ' ';
            phrase += term;
        }
        return fts_quoted(phrase) + "*";
    }
    SQLite::Statement holding(
        db, "SELECT term FROM search_term_trigrams WHERE search_term_trigrams MATCH ?");
    holding.bind(1, fts_quoted(terms[0]));
    std::vector<std::string> any;
    while (holding.executeStep()) any.push_back(fts_quoted(holding.getColumn(0).getString()));
    // No term holds it: the term itself, which the index does not have either.
    if (any.empty()) return fts_quoted(terms[0]);
    return "(" + join(any, " OR ") + ")";
}

bool looks_like_id(const std::string& word) {
    if (word.size() < 4) return false;
    for (char c : to_lower_ascii(word))
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

std::string order_by(const ListOptions& opts) {
    struct Sort {
        const char* name;
        const char* column;
        bool descending; // the natural direction: newest and most urgent first
    };
    static const Sort sorts[] = {
        {"updated", "t.updated", true},
        {"created", "t.created", true},
        {"priority", "t.priority_rank", true},
        // Both workflows' statuses in the order of the work (closed last).
        {"status",
         "CASE t.status WHEN 'new' THEN 0 WHEN 'open' THEN 1 WHEN 'approved' THEN 2 "
         "WHEN 'pending' THEN 3 WHEN 'hold' THEN 4 WHEN 'in-progress' THEN 5 "
         "WHEN 'solved' THEN 6 WHEN 'done' THEN 7 ELSE 8 END",
         false},
        {"subject", "t.subject COLLATE NOCASE", false},
        // The nearest due date first, tickets without one last.
        {"due", "t.due IS NULL, t.due", false},
        // Breached SLA clocks first, then the nearest deadline, then
        // tickets whose clocks do not run, then those without a policy.
        {"sla",
         "CASE WHEN sla.breached = 1 THEN 0 WHEN sla.due IS NOT NULL THEN 1 WHEN sla.rowid IS "
         "NOT NULL THEN 2 ELSE 3 END, sla.due",
         false},
        {"id", "t.id", false},
    };
    for (const auto& s : sorts) {
        if (opts.sort != s.name) continue;
        bool desc = s.descending != opts.reverse;
        return fmt::format("{} {}, t.id {}", s.column, desc ? "DESC" : "ASC",
                           desc ? "DESC" : "ASC");
    }
    throw Failure(kUsage, fmt::format("unknown sort key '{}' (use updated, created, priority, "
                                      "status, subject, due, sla or id)",
                                      opts.sort));
}

} // namespace

// Whether a search with a limit is cheaper walking the tickets in list
// order, testing each against the set of matches, than reading every match
// and sorting them. The walk reads about tickets / matches * limit rows
// before it has `limit` matches, the other way every match: with 100,000
// tickets and a limit of 50, a word in 9,000 tickets took 50 ms from its
// matches and a few from the walk; a word in 30 tickets the other way round.
bool Repository::walk_in_list_order(const std::string& match, std::int64_t limit) {
    if (limit < 0) return false;
    SQLite::Statement& count = statements_.get("SELECT count(*) FROM search WHERE search MATCH ?");
    count.bind(1, match);
    count.executeStep();
    double matches = static_cast<double>(count.getColumn(0).getInt64());
    count.reset();
    SQLite::Statement& size = statements_.get("SELECT coalesce(max(rowid), 0) FROM tickets");
    size.executeStep();
    double tickets = static_cast<double>(size.getColumn(0).getInt64());
    size.reset();
    return matches * matches > tickets * static_cast<double>(std::max<std::int64_t>(limit, 1));
}

std::vector<std::string> Repository::list_ids(const Filter& f, const ListOptions& opts) {
    std::vector<std::string> ids;
    list_rows(f, opts, "t.id",
              [&](SQLite::Statement& st) { ids.push_back(st.getColumn(0).getString()); });
    return ids;
}

namespace {

// A listed ticket's JSON document (see list_rows: joined once per row,
// and not at all when no selected expression reads it).
const char* const kDocument = "d.doc";

// Where a key of a ticket's JSON can be read without parsing its document
// (about 2 KB, the biggest cost of listing many tickets).
enum class Source { text, instant, json_text, flag, number };
struct KeyColumn {
    const char* key;
    const char* sql;
    Source source;
};
const KeyColumn kKeyColumns[] = {
    {"id", "t.id", Source::text},
    {"short_id", "substr(t.id, 1, 7)", Source::text}, // kShortIdLength
    {"subject", "t.subject", Source::text},
    {"status", "t.status", Source::text},
    {"type", "t.type", Source::text},
    {"priority", "t.priority", Source::text},
    {"requester", "t.requester", Source::text},
    {"organisation", "t.organisation", Source::text},
    {"assignee", "t.assignee", Source::text},
    {"product", "t.product", Source::text},
    {"topic", "t.topic", Source::text},
    {"category", "t.category", Source::text},
    {"property", "t.property", Source::text},
    {"created_at", "t.created", Source::instant},
    {"updated_at", "t.updated", Source::instant},
    {"tags", "t.tags", Source::json_text},
    {"cc", "t.cc", Source::json_text},
    // From ticket_sla (NULL for a ticket without a policy); SLA_NOW is the
    // filter's time, bound as the query's last parameter.
    // Not keys of the document (which has null where these have no key).
    {"answered", "t.answered", Source::instant},
    {"solved", "t.solved", Source::instant},
    {"closed", "t.closed", Source::instant},
    {"escalation_count", "t.escalations", Source::number},
    {"reminder_count", "t.reminders", Source::number},
    {"rating", "t.rating", Source::text},
    // The document is read only for the few tickets rated bad.
    {"rating_reason",
     "CASE WHEN t.rating = 'bad' THEN (SELECT doc ->> '$.satisfaction.reason' FROM ticket_docs "
     "WHERE rowid = t.rowid) END",
     Source::text},
    {"sla_policy", "sla.policy", Source::text},
    {"sla_due", "sla.due", Source::instant},
    {"sla_breached", "(sla.breached = 1 OR coalesce(sla.due < SLA_NOW, 0))", Source::flag},
};

} // namespace

void Repository::each_ticket(const Filter& f, const ListOptions& opts,
                             const std::vector<std::string>& keys,
                             const std::function<void(const Json&)>& ticket) {
    if (keys.empty()) {
        list_rows(f, opts, kDocument,
                  [&](SQLite::Statement& st) { ticket(parse_json(st.getColumn(0).getString())); });
        return;
    }
    // Only the keys asked for, from the table's columns where it has them.
    std::vector<std::string> select;
    std::vector<Source> sources;
    for (const auto& key : keys) {
        const KeyColumn* known = nullptr;
        for (const auto& k : kKeyColumns)
            if (key == k.key) known = &k;
        if (known) {
            select.push_back(known->sql);
            sources.push_back(known->source);
            continue;
        }
        if (key.empty() ||
            key.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos)
            throw Failure(kUsage, fmt::format("'{}' is not a ticket field", key));
        select.push_back(fmt::format("{} -> '$.{}'", kDocument, key));
        sources.push_back(Source::json_text);
    }
    Json t = Json::object(); // one object reused: its keys stay allocated
    list_rows(f, opts, join(select, ", "), [&](SQLite::Statement& st) {
        for (size_t i = 0; i < keys.size(); ++i) {
            SQLite::Column c = st.getColumn(static_cast<int>(i));
            if (c.isNull()) { // not in this ticket's document
                t.erase(keys[i]);
                continue;
            }
            switch (sources[i]) {
            case Source::text:
                t[keys[i]] = c.getString();
                break;
            case Source::instant:
                t[keys[i]] = format_instant(c.getInt64());
                break;
            case Source::json_text:
                t[keys[i]] = Json::parse(c.getString());
                break;
            case Source::flag:
                t[keys[i]] = c.getInt() != 0;
                break;
            case Source::number:
                t[keys[i]] = c.getInt64();
                break;
            }
        }
        ticket(t);
    });
}

// FTS5's column filter for ListOptions::public_text.
static const std::string kPublicColumns = "{subject description comments} : (";

void Repository::list_rows(const Filter& f, const ListOptions& opts, const std::string& select,
                           const std::function<void(SQLite::Statement&)>& row) {
    std::vector<std::string> where;
    // Dates bind as integers so that comparisons use the indexes.
    struct Param {
        std::string text;
        std::optional<std::int64_t> number;
        Param(std::string t) : text(std::move(t)) {}
        Param(std::int64_t n) : number(n) {}
    };
    std::vector<Param> params;
    if (!opts.include_deleted) where.push_back("t.deleted = 0");
    // The scope's tickets as a union of index lookups (the requester's and
    // assignee's indexes, the CC index); see the FROM below.
    std::string scope_sql;
    std::vector<Param> scope_params;
    if (opts.scope) {
        std::vector<std::string> any;
        auto among = [&](const std::string& select, const std::vector<std::string>& values) {
            if (values.empty()) return;
            std::vector<std::string> marks(values.size(), "?");
            any.push_back(fmt::format("{} IN ({})", select, join(marks, ", ")));
            for (const auto& v : values) scope_params.emplace_back(to_lower_ascii(v));
        };
        among("SELECT rowid AS r FROM tickets WHERE requester", opts.scope->requesters);
        among("SELECT rowid AS r FROM tickets WHERE assignee", opts.scope->assignees);
        among("SELECT ticket AS r FROM ticket_cc WHERE address", opts.scope->cc);
        for (const auto& domain : opts.scope->domains) {
            any.push_back("SELECT rowid AS r FROM tickets WHERE requester LIKE ?");
            scope_params.emplace_back("%@" + to_lower_ascii(domain));
        }
        if (opts.scope->public_properties)
            any.push_back(
                "SELECT x.rowid AS r FROM tickets x JOIN ticket_docs xd ON xd.rowid = x.rowid "
                "WHERE x.property != '' AND xd.doc ->> '$.visibility' = 'public'");
        // Nothing at all: a select of no rows.
        scope_sql = any.empty() ? "SELECT rowid AS r FROM tickets WHERE 0" : join(any, " UNION ");
    }
    for (const auto& c : f.fields) {
        std::vector<std::string> any;
        for (const auto& v : c.values) {
            const char* list_column = c.field == "tag" ? "tags" : "cc";
            if ((c.field == "tag" || c.field == "cc") && v.empty()) {
                any.push_back(fmt::format("json_array_length(t.{}) = 0", list_column));
                continue;
            }
            if (c.field == "due") { // due:none, the only value it takes
                any.push_back("t.due IS NULL");
                continue;
            }
            if (c.field == "sla") {
                any.push_back(
                    v == "none" ? "sla.rowid IS NULL"
                    : v == "breached"
                        ? "coalesce(sla.breached = 1 OR sla.due < SLA_NOW, 0)"
                        : "coalesce(sla.breached = 0 AND coalesce(sla.due >= SLA_NOW, 1), 0)");
                continue;
            }
            params.push_back(v);
            if (c.field == "tag" || c.field == "cc")
                any.push_back(fmt::format("EXISTS (SELECT 1 FROM json_each(t.{}) WHERE value = ? "
                                          "COLLATE NOCASE)",
                                          list_column));
            else if (c.field == "id")
                any.push_back("t.id LIKE ? || '%'");
            else if (c.field == "organisation") {
                // An organisation by name or by its mail domain.
                params.push_back(v);
                any.push_back("(t.organisation = ? COLLATE NOCASE OR t.requester LIKE '%@' || ?)");
            } else
                any.push_back(fmt::format("t.{} = ?{}", c.field,
                                          case_insensitive(c.field) ? " COLLATE NOCASE" : ""));
        }
        // fmt, not operator+: GCC 12 warns (-Wstringop-overflow) about the latter here.
        where.push_back(fmt::format("{}({})", c.negated ? "NOT " : "", join(any, " OR ")));
    }
    for (const auto& d : f.dates) {
        // sla.due: the column of that name in ticket_sla, joined as `sla`.
        where.push_back(fmt::format("{}{} {} ?", d.field.find('.') == std::string::npos ? "t." : "",
                                    d.field, d.after ? ">=" : "<"));
        params.emplace_back(std::int64_t{d.at});
    }
    // Words that may also be an id prefix each get a test of their own; the
    // others are one FTS5 query (its terms joined by spaces must all match),
    // from which the query starts: the cost of a search is then that of its
    // matches, where walking the tickets in list order and testing each
    // cost a probe per ticket of the store.
    std::vector<std::string> fts_terms;
    for (const auto& given : f.words) {
        // "#3f2a1c9e0b4d", as the mail subjects write a ticket's number.
        std::string word = given.size() > 1 && given[0] == '#' ? given.substr(1) : given;
        std::string query = fts_query_for_word(db_, word);
        if (!looks_like_id(word)) {
            if (!query.empty()) fts_terms.push_back(query);
            continue;
        }
        params.push_back(opts.public_text && !query.empty() ? kPublicColumns + query + ")" : query);
        params.push_back(to_lower_ascii(word));
        where.push_back(
            "(t.rowid IN (SELECT rowid FROM search WHERE search MATCH ?) OR t.id LIKE ? || '%')");
    }
    std::string from = "tickets t";
    if (!fts_terms.empty()) {
        std::string match = join(fts_terms, " AND ");
        if (opts.public_text) match = kPublicColumns + match + ")";
        if (walk_in_list_order(match, opts.limit)) {
            // The matches as a set of rowids, probed while the tickets are
            // walked in list order: done after `limit` of them.
            where.insert(where.begin(),
                         "t.rowid IN (SELECT rowid FROM search WHERE search MATCH ?)");
        } else {
            // CROSS JOIN: SQLite keeps this order of the tables.
            from = "search s CROSS JOIN tickets t ON t.rowid = s.rowid";
            where.insert(where.begin(), "search MATCH ?");
        }
        params.insert(params.begin(), match);
    }
    if (opts.scope) {
        if (from == "tickets t") {
            // The few tickets of one person first, then sorted: walking the
            // listing order's index probed every ticket of the store.
            from = "(" + scope_sql + ") scope CROSS JOIN tickets t ON t.rowid = scope.r";
            params.insert(params.begin(), scope_params.begin(), scope_params.end());
        } else {
            where.push_back("t.rowid IN (" + scope_sql + ")");
            params.insert(params.end(), scope_params.begin(), scope_params.end());
        }
    }
    // Joins that no part of the query reads cost nothing: SQLite leaves them out.
    std::string sql = fmt::format("SELECT {} FROM {} LEFT JOIN ticket_docs d ON d.rowid = t.rowid "
                                  "LEFT JOIN ticket_sla sla ON sla.rowid = t.rowid",
                                  select, from);
    if (!where.empty()) sql += " WHERE " + join(where, " AND ");
    sql += " ORDER BY " + order_by(opts);
    if (opts.limit >= 0) sql += fmt::format(" LIMIT {}", opts.limit);

    // The filter's time as a literal: a parameter among the positional ones
    // would take a number of its own.
    for (size_t at = sql.find("SLA_NOW"); at != std::string::npos; at = sql.find("SLA_NOW", at))
        sql.replace(at, 7, std::to_string(f.now));
    SQLite::Statement st(db_, sql);
    for (size_t i = 0; i < params.size(); ++i) {
        if (params[i].number)
            st.bind(static_cast<int>(i + 1), *params[i].number);
        else
            st.bind(static_cast<int>(i + 1), params[i].text);
    }
    while (st.executeStep()) row(st);
}

} // namespace tickets
