// tickets export [FILTER…] --format json|jsonl|csv [-o FILE]
// jsonl is the lossless form: one line per ticket with every event and the
// attachment blobs, so that `import` rebuilds the same store.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "cmd/export_xlsx.hpp"
#include "core/base64.hpp"
#include "core/calendar.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/filter.hpp"
#include "core/fold.hpp"
#include "core/time.hpp"
#include "store/blobs.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <iostream>

namespace tickets {

namespace {

// The CSV header, in this order. clang-format off keeps the table compact.
// clang-format off
const std::vector<std::string> kCsvColumns = {
    "id",       "subject",    "status",     "type",       "priority",  "requester",
    "organisation", "assignee", "cc",       "tags",       "product",   "topic",
    "category", "property",   "visibility", "created_at", "updated_at", "solved_at",
    "closed_at", "escalated", "escalation_count", "comment_count", "deleted", "workflow",
    "description"};
// clang-format on

std::string csv_value(const Json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    if (v.is_array()) {
        std::string out;
        for (const auto& item : v) out += (out.empty() ? "" : ";") + item.get<std::string>();
        return out;
    }
    return v.dump();
}

Json jsonl_record(Repository& repo, const std::string& id) {
    std::vector<Event> events = repo.events_of(id);
    std::sort(events.begin(), events.end(), fold_order);
    Json list = Json::array();
    Json blobs = Json::object();
    for (const auto& e : events) {
        list.push_back(event_to_json(e));
        auto files = e.payload.find("attachments");
        if (files == e.payload.end() || !files->is_array()) continue;
        for (const auto& f : *files) {
            std::string sha = f.value("sha256", "");
            if (sha.empty() || blobs.contains(sha)) continue;
            auto bytes = read_blob(repo.dir(), sha);
            if (!bytes)
                throw Failure(kDataErr, fmt::format("ticket {}: attachment blob {} is missing",
                                                    id.substr(0, 7), sha.substr(0, 12)));
            blobs[sha] = base64_encode(*bytes);
        }
    }
    Json record = {{"ticket", repo.ticket_json(id)}, {"events", list}, {"blobs", blobs}};
    // What the server skipped for good (core/fold.hpp): a restored backup
    // must fold as the store did.
    Verdicts verdicts = repo.verdicts_of(id);
    if (!verdicts.empty()) record["verdicts"] = verdicts;
    return record;
}

// The tickets as one JSON array, the text dump(2) writes for it, a ticket
// at a time: the whole array of 100,000 tickets took 1.4 GB. Strings hold
// no raw line breaks, so indenting each line of a ticket's own dump(2)
// gives its text inside the array.
void write_json_array(std::ostream& out, Repository& repo, const std::vector<std::string>& ids) {
    if (ids.empty()) {
        out << "[]\n";
        return;
    }
    out << "[\n";
    for (size_t i = 0; i < ids.size(); ++i) {
        std::string indented = "  ";
        for (char c : repo.ticket_json_with_comments(ids[i]).dump(2)) {
            indented += c;
            if (c == '\n') indented += "  ";
        }
        indented += i + 1 < ids.size() ? ",\n" : "\n";
        out << indented;
    }
    out << "]\n";
}

} // namespace

void add_export(CLI::App& app, Context& ctx) {
    struct Options {
        std::vector<std::string> terms;
        std::string format = "jsonl", output, language;
        bool excel = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("export",
                                   "Export tickets as JSON, JSON Lines, CSV or an Excel workbook");
    add_filter_terms(cmd, o->terms, "Filter terms, as for list");
    cmd->add_option("--format", o->format,
                    "json, jsonl (lossless, with events), csv or xlsx (with -o FILE)")
        ->check(CLI::IsMember({"json", "jsonl", "csv", "xlsx"}))
        ->capture_default_str();
    cmd->add_option("-o,--output", o->output, "Write to FILE instead of stdout")->type_name("FILE");
    cmd->add_flag("--excel", o->excel,
                  "CSV as German Excel opens it: ';' between fields, a byte-order mark, local "
                  "times (calendar.timezone) as DD.MM.YYYY HH:MM");
    cmd->add_option("--language", o->language,
                    "xlsx: column titles in de or en (default: notify.language, else de)")
        ->check(CLI::IsMember({"de", "en"}))
        ->type_name("LANG");
    cmd->callback([&ctx, o, cmd] {
        for (auto& term : negated_filter_terms(cmd)) o->terms.push_back(term);
        Filter f = parse_filter(o->terms, ctx.now(), ctx.me_if_known());
        Repository& repo = ctx.repo();
        // Oldest first, deleted tickets included: an export is a complete copy.
        std::vector<std::string> ids = repo.list_ids(f, {"created", true, -1, true});
        if (o->excel && o->format != "csv")
            throw Failure(kUsage, "export: --excel is a form of --format csv");
        if (o->format == "xlsx") {
            if (o->output.empty())
                throw Failure(kUsage, "export: --format xlsx writes a file: give -o FILE");
            std::string language =
                o->language.empty() ? ctx.config().get_or("notify.language", "de") : o->language;
            export_xlsx(ctx, repo, ids, o->output, language);
            ctx.say(fmt::format("exported {} ticket(s) to {}", ids.size(), o->output));
            return;
        }
        if (!o->language.empty()) throw Failure(kUsage, "export: --language is for --format xlsx");
        std::ofstream file;
        if (!o->output.empty()) {
            file.open(o->output, std::ios::binary);
            if (!file) throw Failure(kDataErr, fmt::format("cannot write {}", o->output));
        }
        std::ostream& out = o->output.empty() ? std::cout : file;
        if (o->format == "csv") {
            const TimeZone* zone = nullptr; // --excel: times as local times
            if (o->excel) {
                zone = &ctx.time_zone();
                out << "\xEF\xBB\xBF"; // Excel reads UTF-8 only after this mark
            }
            char separator = o->excel ? ';' : ',';
            out << csv_row(kCsvColumns, separator);
            for (const auto& id : ids) {
                Json t = repo.ticket_json(id);
                std::vector<std::string> row;
                // A row materialised before workflows were recorded.
                if (!t.contains("workflow")) t["workflow"] = "support";
                for (const auto& c : kCsvColumns) {
                    const Json& v = t.at(c);
                    auto at = zone && v.is_string() && c.size() > 3 &&
                                      c.compare(c.size() - 3, 3, "_at") == 0
                                  ? parse_instant(v.get<std::string>())
                                  : std::nullopt;
                    row.push_back(at ? format_local_german(*at, *zone) : csv_value(v));
                }
                out << csv_row(row, separator);
            }
        } else if (o->format == "jsonl") {
            for (const auto& id : ids) out << jsonl_record(repo, id).dump() << "\n";
        } else {
            write_json_array(out, repo, ids);
        }
        out.flush();
        if (!out) throw Failure(kTempFail, "export: write failed");
        ctx.say(fmt::format("exported {} ticket(s)", ids.size()));
    });
}

} // namespace tickets
