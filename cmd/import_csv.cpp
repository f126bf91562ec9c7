#include "cmd/import_csv.hpp"

#include "cmd/common.hpp"
#include "cmd/create.hpp"
#include "cmd/notify.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/fold.hpp"
#include "core/names.hpp"
#include "core/pipeline.hpp"
#include "core/pseudonym.hpp"
#include "core/search_text.hpp"
#include "core/text.hpp"
#include "core/workflow.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace tickets {

namespace {

// A CSV column's field, from its header: the English name or the German one
// a portal's or an office's spreadsheet has ("Betreff", "Priorität"), in
// any case, umlauts written either way, blanks ignored.
std::optional<std::string> csv_column_field(const std::string& header) {
    static const std::pair<const char*, const char*> kNames[] = {
        {"subject", "subject"},
        {"betreff", "subject"},
        {"titel", "subject"},
        {"description", "description"},
        {"beschreibung", "description"},
        {"nachricht", "description"},
        {"text", "description"},
        {"type", "type"},
        {"anfragetyp", "type"},
        {"typ", "type"},
        {"art", "type"},
        {"priority", "priority"},
        {"prioritaet", "priority"},
        {"status", "status"},
        {"requester", "requester"},
        {"anfragender", "requester"},
        {"anfragende", "requester"},
        {"melder", "requester"},
        {"email", "requester"},
        {"assignee", "assignee"},
        {"bearbeiter", "assignee"},
        {"zustaendig", "assignee"},
        {"group", "group"},
        {"gruppe", "group"},
        {"cc", "cc"},
        {"kopie", "cc"},
        {"tags", "tags"},
        {"schlagworte", "tags"},
        {"stichworte", "tags"},
        {"product", "product"},
        {"produkt", "product"},
        {"topic", "topic"},
        {"thema", "topic"},
        {"category", "category"},
        {"kategorie", "category"},
        {"property", "property"},
        {"liegenschaft", "property"},
        {"objekt", "property"},
        {"visibility", "visibility"},
        {"sichtbarkeit", "visibility"},
        {"due", "due"},
        {"faellig", "due"},
        {"faelligam", "due"},
        {"organisation", "organisation"},
        {"organization", "organisation"},
        {"firma", "organisation"},
        {"workflow", "workflow"},
        {"ablauf", "workflow"},
    };
    std::string key;
    for (char c : fold_for_search(header))
        if (c != ' ') key += c;
    for (const auto& [name, field] : kNames)
        if (key == name) return std::string(field);
    return std::nullopt;
}

void set_draft_field(TicketDraft& d, const std::string& field, const std::string& value) {
    auto list = [](const std::string& v) {
        std::vector<std::string> items;
        std::string normalised = v;
        std::replace(normalised.begin(), normalised.end(), ';', ',');
        for (const auto& item : split(normalised, ','))
            if (!trim(item).empty()) items.push_back(trim(item));
        return items;
    };
    if (field == "subject")
        d.subject = value;
    else if (field == "description")
        d.description = value;
    else if (field == "type")
        d.type = value.empty() ? "question" : value;
    else if (field == "priority")
        d.priority = value;
    else if (field == "requester")
        d.requester = value;
    else if (field == "assignee")
        d.assignee = value;
    else if (field == "group")
        d.group = value;
    else if (field == "cc")
        d.cc = list(value);
    else if (field == "tags")
        d.tags = list(value);
    else if (field == "product")
        d.product = value;
    else if (field == "topic")
        d.topic = value;
    else if (field == "category")
        d.category = value;
    else if (field == "property")
        d.property = value;
    else if (field == "visibility")
        d.visibility = value.empty() ? "private" : value;
    else if (field == "due")
        d.due = value;
    else if (field == "organisation")
        d.organisation = value;
    else if (field == "workflow")
        d.workflow = value; // empty: core.workflow
}

// The fields of the columns, in order, from the header row.
std::vector<std::string> csv_fields(const CsvRecord& rec) {
    std::vector<std::string> fields; // of the columns, in order
    for (const auto& column : rec.fields) {
        auto field = csv_column_field(trim(column));
        if (!field)
            throw Failure(kDataErr,
                          fmt::format("import: CSV header: unknown column '{}' (known: subject, "
                                      "description, type, priority, status, requester, assignee, "
                                      "group, cc, tags, product, topic, category, property, "
                                      "visibility, due, organisation, workflow, or their German "
                                      "names: Betreff, Beschreibung, Anfragetyp, Priorität, …)",
                                      trim(column)));
        if (std::find(fields.begin(), fields.end(), *field) != fields.end())
            throw Failure(kDataErr, fmt::format("import: CSV header: column '{}' is the {} field "
                                                "again",
                                                trim(column), *field));
        fields.push_back(*field);
    }
    return fields;
}

// Rows' tickets, made on the parsing thread: their events, folded, their
// rows built; and each one's state after its create, for the create's
// notifications.
struct RowTickets {
    std::vector<PreparedTicket> tickets;
    std::vector<Ticket> created;
};

// What a row turns into, pure but for the nonce: a create event and, for a
// status other than the new ticket's, the event its command writes (status,
// resolve without a solution text, close), checked as that command checks.
void add_row(RowTickets& out, const CreateDefaults& c, TicketDraft d, const std::string& status,
             std::int64_t& lamport) {
    // An anonymous ticket is written by its pseudonym, which only `new
    // --anonymous` makes and keeps apart from its person.
    if (is_pseudonym(to_lower_ascii(trim(d.requester))))
        throw Failure(kDataErr, fmt::format("field requester: '{}' is a pseudonym; an import "
                                            "cannot open anonymous tickets",
                                            d.requester));
    Event created = draft_event(c, std::move(d), lamport++, true);
    Ticket t;
    apply_event(t, created);
    Ticket after_create = t;
    std::vector<Event> events{std::move(created)};
    if (!status.empty()) {
        auto to = canonical_status(status);
        const Workflow& w = workflow_of(t.workflow);
        if (!to || !w.has_status(*to))
            throw Failure(kDataErr, fmt::format("field status: '{}' is not a status of the {} "
                                                "workflow",
                                                status, w.name));
        if (*to != t.status) {
            std::string type = *to == w.resolve_to ? "resolve"
                               : *to == w.close_to ? "close"
                                                   : "status";
            Json payload = type == "resolve" ? Json{{"solution", ""}}
                           : type == "close" ? Json::object()
                                             : Json{{"status", *to}};
            Event e = sealed_event(type, t.id, c.author, c.time, lamport++, std::move(payload),
                                   t.short_id());
            if (c.acting)
                if (auto why = forbid_push(*c.acting, &t, e))
                    throw Failure(kNoPerm, fmt::format("ticket {}: {}", t.short_id(), *why));
            if (auto why = apply_event(t, e))
                throw Failure(kRefused, fmt::format("ticket {}: {}", t.short_id(), *why));
            events.push_back(std::move(e));
        }
    }
    PreparedTicket prepared;
    prepared.id = t.id;
    prepared.row = materialised_row(t, t.sla ? c.calendar : nullptr);
    prepared.folded = std::move(t);
    prepared.events = std::move(events);
    out.tickets.push_back(std::move(prepared));
    out.created.push_back(std::move(after_create));
}

} // namespace

// Rows are read, checked, hashed and folded on a second thread, ahead of
// the one that writes them, as the JSON Lines import does (cmd/import.cpp):
// each side costs about as much as the other.
AppliedEvents import_csv(Context& ctx, Repository& repo, const std::string& text) {
    // A record at a time: 100,000 rows parsed whole took twice the memory
    // of the text.
    CsvReader reader(text, detect_csv_separator(text));
    CsvRecord rec;
    if (!reader.next(rec))
        throw Failure(kDataErr, "import: CSV input is empty (a header row is required)");
    const std::vector<std::string> fields = csv_fields(rec);
    // Everything the rows share, looked up here: the other thread must not
    // touch the store.
    const CreateDefaults defaults = create_defaults(ctx, repo);
    std::int64_t lamport = repo.next_lamport();
    constexpr size_t kRowsPerChunk = 64;
    auto read_chunk = [&]() -> std::optional<RowTickets> {
        RowTickets chunk;
        while (chunk.tickets.size() < kRowsPerChunk && reader.next(rec)) {
            if (rec.fields.size() != fields.size())
                throw Failure(kDataErr,
                              fmt::format("import: CSV line {}: {} fields, the header has {}",
                                          rec.line, rec.fields.size(), fields.size()));
            TicketDraft d;
            std::string status;
            for (size_t c = 0; c < fields.size(); ++c) {
                if (fields[c] == "status")
                    status = trim(rec.fields[c]);
                else
                    set_draft_field(d, fields[c], rec.fields[c]);
            }
            try {
                add_row(chunk, defaults, std::move(d), status, lamport);
            } catch (const Failure& e) {
                // A bad value in a row is bad data (65), not a bad command line.
                throw Failure(e.code() == kUsage ? kDataErr : e.code(),
                              fmt::format("import: CSV line {}: {}", rec.line, e.what()));
            }
        }
        if (chunk.tickets.empty()) return std::nullopt;
        return chunk;
    };
    AppliedEvents stats;
    auto store_chunk = [&](RowTickets& chunk) {
        apply_prepared(repo, chunk.tickets, stats);
        for (size_t i = 0; i < chunk.tickets.size(); ++i) {
            const PreparedTicket& p = chunk.tickets[i];
            queue_notifications(ctx, repo, Ticket{}, p.events[0], chunk.created[i]);
            if (p.events.size() > 1)
                queue_notifications(ctx, repo, chunk.created[i], p.events[1], *p.folded);
        }
    };
    run_pipeline<RowTickets>(read_chunk, store_chunk, 16);
    return stats;
}

} // namespace tickets
