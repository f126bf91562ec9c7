#include "store/materialised_row.hpp"

#include "core/json_text.hpp"
#include "core/names.hpp"
#include "core/search_text.hpp"

#include <algorithm>

namespace tickets {

const char* const kRowColumns =
    "id, subject, status, type, priority, priority_rank, requester, organisation, assignee, "
    "product, topic, category, property, cc, tags, deleted, created, updated, due, solved, closed, "
    "answered, escalations, reminders, rating";

const std::vector<std::string>& row_column_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        std::string all = kRowColumns;
        for (size_t start = 0; start < all.size();) {
            size_t comma = std::min(all.find(", ", start), all.size());
            out.push_back(all.substr(start, comma - start));
            start = comma + 2;
        }
        return out;
    }();
    return names;
}

namespace {

std::string strings_text(const std::vector<std::string>& values) {
    std::string out;
    append_json_strings(out, values);
    return out;
}

Column optional_instant(const std::optional<Instant>& t) {
    if (!t) return std::monostate{};
    return std::int64_t{*t};
}

} // namespace

MaterialisedRow materialised_row(const Ticket& t, const WorkCalendar* calendar) {
    MaterialisedRow row;
    row.cc = t.cc;
    row.columns = {t.id,
                   t.subject,
                   t.status,
                   t.type,
                   t.priority,
                   std::int64_t{priority_rank(t.priority)},
                   t.requester,
                   t.organisation,
                   t.assignee,
                   t.product,
                   t.topic,
                   t.category,
                   t.property,
                   strings_text(t.cc),
                   strings_text(t.tags),
                   std::int64_t{t.deleted ? 1 : 0},
                   std::int64_t{t.created},
                   std::int64_t{t.updated},
                   optional_instant(t.due),
                   optional_instant(t.solved_at),
                   optional_instant(t.closed_at),
                   optional_instant(t.first_response),
                   std::int64_t{t.escalation_count},
                   std::int64_t{t.reminder_count},
                   t.rating};
    row.doc = ticket_document(t);
    row.search_subject = fold_for_search(t.subject);
    row.search_description = fold_for_search(t.description);
    for (const auto& c : t.comments) {
        std::string& text = c.internal ? row.search_notes : row.search_comments;
        text += fold_for_search(c.body);
        text += ' ';
    }
    if (t.sla && calendar && !t.deleted) {
        SlaState s = sla_state(t, *t.sla, *calendar, t.updated);
        row.sla = MaterialisedRow::Sla{t.sla->policy, s.due, s.breached_before};
    }
    return row;
}

} // namespace tickets
