#include "cmd/export_xlsx.hpp"

#include "cmd/common.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "helper/helper.hpp"

#include <fmt/format.h>

namespace tickets {

namespace {

struct XlsxColumn {
    const char* key; // of the ticket's JSON (man/tickets.1, JSON OUTPUT)
    const char *german, *english;
    const char* kind; // text, number, bool or date
};

// The office's view of a ticket: what a list in a spreadsheet needs, in the
// order a desk reads it; the JSON has the rest.
const XlsxColumn kColumns[] = {
    {"short_id", "Nr.", "No.", "text"},
    {"subject", "Betreff", "Subject", "text"},
    {"status", "Status", "Status", "text"},
    {"type", "Anfragetyp", "Type", "text"},
    {"priority", "Priorität", "Priority", "text"},
    {"requester", "Anfragender", "Requester", "text"},
    {"organisation", "Organisation", "Organisation", "text"},
    {"assignee", "Bearbeiter", "Assignee", "text"},
    {"group", "Gruppe", "Group", "text"},
    {"cc", "CC", "CC", "text"},
    {"tags", "Schlagworte", "Tags", "text"},
    {"product", "Produkt", "Product", "text"},
    {"topic", "Thema", "Topic", "text"},
    {"category", "Kategorie", "Category", "text"},
    {"property", "Liegenschaft", "Property", "text"},
    {"visibility", "Sichtbarkeit", "Visibility", "text"},
    {"created_at", "Erstellt", "Created", "date"},
    {"updated_at", "Geändert", "Updated", "date"},
    {"due_at", "Fällig", "Due", "date"},
    {"solved_at", "Gelöst", "Solved", "date"},
    {"closed_at", "Geschlossen", "Closed", "date"},
    {"escalated", "Eskaliert", "Escalated", "bool"},
    {"escalation_count", "Eskalationen", "Escalations", "number"},
    {"comment_count", "Beiträge", "Comments", "number"},
    {"deleted", "Gelöscht", "Deleted", "bool"}, // an export has every ticket
    {"description", "Beschreibung", "Description", "text"},
};

// Excel keeps at most 32,767 characters in a cell, and XML 1.0 has no
// control characters but tab and line breaks.
std::string cell_text(const std::string& text) {
    std::string out;
    size_t characters = 0;
    for (size_t at = 0; at < text.size() && characters < 32767; ++characters) {
        char32_t c = next_code_point(text, at);
        if (c < 0x20 && c != '\t' && c != '\n') c = ' ';
        append_utf8(out, c);
    }
    return out;
}

Json cell(const XlsxColumn& c, const Json& v, const TimeZone& zone) {
    if (v.is_null()) return nullptr;
    std::string kind = c.kind;
    if (kind == "date") {
        auto t = parse_instant(v.get<std::string>());
        return t ? Json(*t + utc_offset(zone, *t)) : Json();
    }
    if (v.is_array()) return cell_text(join(v.get<std::vector<std::string>>(), ", "));
    if (v.is_string()) return cell_text(v.get<std::string>());
    return v; // numbers and true/false as they are
}

} // namespace

void export_xlsx(Context& ctx, Repository& repo, const std::vector<std::string>& ids,
                 const std::string& output, const std::string& language) {
    bool german = language == "de";
    Json columns = Json::array();
    for (const auto& c : kColumns)
        columns.push_back({{"title", german ? c.german : c.english}, {"kind", c.kind}});
    const TimeZone& zone = ctx.time_zone();
    helper::Helper xlsx("tickets-xlsx", "xlsx");
    write_file_whole(output, [&](const std::string& part) {
        xlsx.exchange({{{"open", part},
                        {"sheet", "Tickets"},
                        {"date_format", german ? "dd.mm.yyyy hh:mm" : "yyyy-mm-dd hh:mm"},
                        {"columns", columns}},
                       ""});
        // A frame per thousand tickets: the helper writes while the next
        // ones are read, and neither holds them all.
        constexpr size_t kRowsPerFrame = 1000;
        Json rows = Json::array();
        auto send = [&] {
            xlsx.exchange(
                {{{"rows", true}}, rows.dump(-1, ' ', false, Json::error_handler_t::replace)});
            rows = Json::array();
        };
        for (const auto& id : ids) {
            Json t = repo.ticket_json(id);
            Json row = Json::array();
            for (const auto& c : kColumns) row.push_back(cell(c, t.value(c.key, Json()), zone));
            rows.push_back(std::move(row));
            if (rows.size() == kRowsPerFrame) send();
        }
        if (!rows.empty()) send();
        xlsx.exchange({{{"close", true}}, ""});
    });
}

} // namespace tickets
