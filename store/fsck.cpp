#include "store/fsck.hpp"

#include "core/error.hpp"
#include "core/event_schema.hpp"
#include "core/fold.hpp"
#include "core/text.hpp"
#include "store/blobs.hpp"
#include "store/materialised_row.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace tickets {

namespace {

std::string column_as_text(const Column& c) {
    if (std::holds_alternative<std::monostate>(c)) return ""; // NULL reads as ""
    return std::holds_alternative<std::int64_t>(c) ? std::to_string(std::get<std::int64_t>(c))
                                                   : std::get<std::string>(c);
}

// Each event fits its schema, and every attachment it names is in
// objects/ with the content its hash says: what export and a pull need.
void check_events(Repository& repo, const std::string& shown, const std::vector<Event>& events,
                  FsckReport& report) {
    for (const auto& e : events) {
        if (auto why = schema_problem(e)) {
            report.problems.push_back(
                fmt::format("ticket {}: event {}: {}", shown, e.id.substr(0, 12), *why));
            continue;
        }
        auto files = e.payload.find("attachments");
        if (files == e.payload.end()) continue;
        for (const auto& f : *files) {
            std::string sha = f.at("sha256");
            try {
                if (!read_blob(repo.dir(), sha))
                    report.problems.push_back(fmt::format(
                        "ticket {}: attachment blob {} is missing", shown, sha.substr(0, 12)));
            } catch (const Failure& bad) {
                report.problems.push_back(fmt::format("ticket {}: {}", shown, bad.what()));
            }
        }
    }
}

void check_ticket(Repository& repo, const std::string& id, FsckReport& report) {
    std::string shown = id.substr(0, 12);
    Ticket t;
    try {
        std::vector<Event> events = repo.events_of(id, Repository::EventCheck::hash);
        check_events(repo, shown, events, report);
        t = fold(events, repo.verdicts_of(id));
    } catch (const Failure& e) {
        report.problems.push_back(fmt::format("ticket {}: {}", shown, e.what()));
        return;
    }
    if (t.id != id) {
        report.problems.push_back(fmt::format("ticket {}: no create event", shown));
        return;
    }
    MaterialisedRow expected = materialised_row(t, repo.sla_calendar_for(t));
    SQLite::Statement st(repo.db(),
                         fmt::format("SELECT {}, rowid FROM tickets WHERE id = ?", kRowColumns));
    st.bind(1, id);
    if (!st.executeStep()) {
        report.problems.push_back(fmt::format("ticket {}: missing from the tickets table", shown));
        return;
    }
    const std::vector<std::string>& names = row_column_names();
    for (size_t i = 0; i < expected.columns.size(); ++i) {
        std::string stored = st.getColumn(static_cast<int>(i)).getString();
        if (stored != column_as_text(expected.columns[i]))
            report.problems.push_back(fmt::format(
                "ticket {}: column {} is '{}', the events say '{}'", shown, names[i],
                stored.substr(0, 60), column_as_text(expected.columns[i]).substr(0, 60)));
    }
    std::int64_t rowid = st.getColumn(static_cast<int>(expected.columns.size())).getInt64();
    SQLite::Statement doc(repo.db(), "SELECT doc FROM ticket_docs WHERE rowid = ?");
    doc.bind(1, rowid);
    if (!doc.executeStep())
        report.problems.push_back(fmt::format("ticket {}: missing from ticket_docs", shown));
    else if (doc.getColumn(0).getString() != expected.doc)
        report.problems.push_back(
            fmt::format("ticket {}: its JSON document differs from the events", shown));
    SQLite::Statement sla(repo.db(),
                          "SELECT policy, due, breached FROM ticket_sla WHERE rowid = ?");
    sla.bind(1, rowid);
    bool has_sla = sla.executeStep();
    if (has_sla != expected.sla.has_value() ||
        (has_sla && (sla.getColumn(0).getString() != expected.sla->policy ||
                     sla.getColumn(1).isNull() != !expected.sla->due ||
                     (expected.sla->due && sla.getColumn(1).getInt64() != *expected.sla->due) ||
                     (sla.getColumn(2).getInt() != 0) != expected.sla->breached)))
        report.problems.push_back(
            fmt::format("ticket {}: its SLA row differs from the events", shown));
    SQLite::Statement cc(repo.db(),
                         "SELECT address FROM ticket_cc WHERE ticket = ? ORDER BY address");
    cc.bind(1, rowid);
    std::vector<std::string> stored_cc, expected_cc;
    while (cc.executeStep()) stored_cc.push_back(cc.getColumn(0).getString());
    for (const auto& address : expected.cc) expected_cc.push_back(to_lower_ascii(address));
    std::sort(expected_cc.begin(), expected_cc.end());
    expected_cc.erase(std::unique(expected_cc.begin(), expected_cc.end()), expected_cc.end());
    if (stored_cc != expected_cc)
        report.problems.push_back(
            fmt::format("ticket {}: its CC index differs from the events", shown));
    SQLite::Statement fts(
        repo.db(), "SELECT subject, description, comments, notes FROM search WHERE rowid = ?");
    fts.bind(1, rowid);
    if (!fts.executeStep() || fts.getColumn(0).getString() != expected.search_subject ||
        fts.getColumn(1).getString() != expected.search_description ||
        fts.getColumn(2).getString() != expected.search_comments ||
        fts.getColumn(3).getString() != expected.search_notes)
        report.problems.push_back(
            fmt::format("ticket {}: full-text index differs from the events", shown));
}

} // namespace

FsckReport check_store(Repository& repo) {
    FsckReport report;
    report.events = static_cast<size_t>(repo.count_events());
    std::set<std::string> from_events;
    for (const auto& id : repo.all_ticket_ids()) {
        from_events.insert(id);
        check_ticket(repo, id, report);
        ++report.tickets;
    }
    SQLite::Statement st(repo.db(), "SELECT id FROM tickets");
    while (st.executeStep()) {
        std::string id = st.getColumn(0).getString();
        if (!from_events.count(id))
            report.problems.push_back(
                fmt::format("ticket {}: in the tickets table but has no events", id.substr(0, 12)));
    }
    // Tables whose rowids are the tickets' rowids, and how a report names them.
    const std::pair<const char*, const char*> by_ticket_rowid[] = {{"search", "full-text index"},
                                                                   {"ticket_docs", "ticket_docs"},
                                                                   {"ticket_sla", "ticket_sla"}};
    for (const auto& [table, what] : by_ticket_rowid) {
        std::int64_t orphans =
            repo.db()
                .execAndGet(fmt::format(
                    "SELECT count(*) FROM {} WHERE rowid NOT IN (SELECT rowid FROM tickets)",
                    table))
                .getInt64();
        if (orphans)
            report.problems.push_back(fmt::format("{}: {} row(s) without a ticket", what, orphans));
    }
    std::int64_t cc_orphans =
        repo.db()
            .execAndGet(
                "SELECT count(*) FROM ticket_cc WHERE ticket NOT IN (SELECT rowid FROM tickets)")
            .getInt64();
    if (cc_orphans)
        report.problems.push_back(fmt::format("CC index: {} row(s) without a ticket", cc_orphans));
    return report;
}

size_t rebuild_store(Repository& repo) {
    repo.db().exec("DELETE FROM tickets; DELETE FROM ticket_docs; DELETE FROM ticket_sla; "
                   "DELETE FROM ticket_cc; DELETE FROM search; "
                   "DELETE FROM search_terms; "
                   "INSERT INTO search_term_trigrams (search_term_trigrams) VALUES ('delete-all')");
    return refold_store(repo);
}

size_t refold_store(Repository& repo) {
    size_t n = 0;
    repo.defer_search_index();
    for (const auto& id : repo.all_ticket_ids()) {
        repo.refold(id);
        ++n;
    }
    repo.index_deferred_search();
    return n;
}

} // namespace tickets
