// tickets import [--format jsonl|csv] [FILE|-]
// jsonl: the lines `export --format jsonl` writes (or bare events, one per
// line); every event's hash is checked, events already present are skipped.
// csv: a header row of field names, one new ticket per row (bulk creation,
// cmd/import_csv.cpp).
// All or nothing: one transaction.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "cmd/import_csv.hpp"
#include "cmd/notify.hpp"
#include "cmd/text_encoding.hpp"
#include "core/base64.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/event_schema.hpp"
#include "core/hash.hpp"
#include "core/names.hpp"
#include "core/pipeline.hpp"
#include "core/search_text.hpp"
#include "core/text.hpp"
#include "core/workflow.hpp"
#include "store/apply_events.hpp"
#include "store/blobs.hpp"
#include "store/bulk_json.hpp"

#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

namespace tickets {

namespace {

using ImportStats = AppliedEvents;

std::string read_all(std::istream& in) {
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The input file, or stdin for "" and "-".
std::istream& open_input(const std::string& file, std::ifstream& storage) {
    if (file.empty() || file == "-") return std::cin;
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
        throw Failure(kDataErr, fmt::format("cannot read {}: is a directory", file));
    storage.open(file, std::ios::binary);
    if (!storage)
        throw Failure(kDataErr, fmt::format("cannot read {}: {}", file, std::strerror(errno)));
    return storage;
}

// Attachments travel with their ticket's line as {"sha256": base64}.
std::vector<std::string> decode_blobs(const Json& blobs) {
    if (!blobs.is_object()) throw Failure(kDataErr, "'blobs' must be an object");
    std::vector<std::string> out;
    for (const auto& [sha, data] : blobs.items()) {
        auto bytes = data.is_string() ? base64_decode(data.get<std::string>()) : std::nullopt;
        if (!bytes || sha256_hex(*bytes) != sha)
            throw Failure(kDataErr, fmt::format("blob {} is damaged", sha.substr(0, 12)));
        out.push_back(std::move(*bytes));
    }
    return out;
}

// An attachment's content comes in its line's "blobs" or is in the store
// already: a store with an event whose blob is missing fails fsck and export.
void require_blobs(Repository& repo, const std::vector<PreparedTicket>& tickets) {
    for (const auto& t : tickets)
        for (const auto& e : t.events)
            if (auto sha = missing_blob(repo.dir(), e))
                throw Failure(kDataErr, fmt::format("event {}: attachment {} is neither in the "
                                                    "line's blobs nor in the store",
                                                    e.id.substr(0, 12), sha->substr(0, 12)));
}

// One line of the input, parsed and checked, its tickets folded.
struct ParsedLine {
    size_t number = 0;
    std::vector<PreparedTicket> tickets;
    std::vector<std::string> blobs;
    Verdicts verdicts;
};

Failure on_line(size_t number, const std::exception& e) {
    if (auto* f = dynamic_cast<const Failure*>(&e))
        return Failure(f->code(), fmt::format("import: line {}: {}", number, f->what()));
    return Failure(kDataErr, fmt::format("import: line {}: malformed JSON: {}", number, e.what()));
}

// The parser checks the UTF-8 too: no separate pass per line.
template <class Parse> auto parsed_json(const std::string& line, Parse parse) {
    try {
        return parse();
    } catch (const Failure&) {
        if (!is_valid_utf8(line)) throw Failure(kDataErr, "not valid UTF-8");
        throw;
    }
}

ParsedLine parse_line(const Repository& repo, size_t number, const std::string& line) {
    ParsedLine parsed;
    parsed.number = number;
    try {
        std::vector<Event> events;
        WireLine wire;
        if (parsed_json(line, [&] { return parse_bulk_events(line, wire); })) {
            // Most lines: their events read straight from the parser.
            events.reserve(wire.events.size());
            for (auto& w : wire.events) events.push_back(event_from_wire(std::move(w)));
            if (!wire.blobs.is_null()) parsed.blobs = decode_blobs(wire.blobs);
            if (!wire.verdicts.is_null()) parsed.verdicts = verdicts_from_json(wire.verdicts);
        } else {
            // Any other shape, and the messages of what is wrong with it.
            Json j = parsed_json(line, [&] { return parse_bulk_json(line); });
            if (!j.is_object()) throw Failure(kDataErr, "not a JSON object");
            if (j.contains("events")) {
                if (!j["events"].is_array()) throw Failure(kDataErr, "'events' must be an array");
                for (auto& ej : j["events"]) events.push_back(event_from_json(std::move(ej)));
                if (j.contains("blobs")) parsed.blobs = decode_blobs(j["blobs"]);
                if (j.contains("verdicts")) parsed.verdicts = verdicts_from_json(j["verdicts"]);
            } else {
                events.push_back(event_from_json(std::move(j)));
            }
        }
        parsed.tickets = prepare_tickets(std::move(events), repo);
    } catch (const Json::exception& e) {
        throw on_line(number, e);
    } catch (const Failure& e) {
        throw on_line(number, e);
    }
    return parsed;
}

// Line by line, so that memory stays flat however large the input is.
// Parsing, checking hashes and folding run on a second thread, ahead of
// the one writing the store: they cost about as much as the writing.
// Up to 16 chunks (512 tickets) wait between the two: the writing thread
// stops every few hundred tickets to fill the full-text index, and with
// two chunks the parsing one sat idle meanwhile and then could not keep
// up (both threads ~75% busy; with 16 chunks and full-text batches of 500
// the import took ~0.9 of the time side by side, peak memory +5 MB).
ImportStats import_jsonl(Repository& repo, std::istream& in) {
    constexpr size_t kLinesPerChunk = 32;
    constexpr size_t kChunksAhead = 16;
    size_t number = 0;
    bool at_end = false;
    auto read_chunk = [&]() -> std::optional<std::vector<ParsedLine>> {
        std::vector<ParsedLine> chunk;
        std::string line;
        while (!at_end && chunk.size() < kLinesPerChunk) {
            if (!std::getline(in, line)) {
                at_end = true;
                if (in.bad()) throw Failure(kDataErr, "import: reading the input failed");
                break;
            }
            ++number;
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            chunk.push_back(parse_line(repo, number, line));
        }
        if (chunk.empty()) return std::nullopt;
        return chunk;
    };
    ImportStats stats;
    auto store_chunk = [&](std::vector<ParsedLine>& chunk) {
        for (size_t i = 0; i < chunk.size(); ++i) {
            ParsedLine& parsed = chunk[i];
            if (i + 1 < chunk.size()) prefetch_prepared(repo, chunk[i + 1].tickets, stats);
            try {
                for (const auto& bytes : parsed.blobs) put_blob(repo.dir(), bytes);
                require_blobs(repo, parsed.tickets);
                apply_prepared(repo, parsed.tickets, stats);
                apply_verdicts(repo, parsed.tickets, parsed.verdicts);
            } catch (const Failure& e) {
                throw on_line(parsed.number, e);
            }
        }
    };
    run_pipeline<std::vector<ParsedLine>>(read_chunk, store_chunk, kChunksAhead);
    return stats;
}

} // namespace

void add_import(CLI::App& app, Context& ctx) {
    struct Options {
        std::string format, file, encoding = "auto";
        bool no_notify = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("import", "Import tickets from JSON Lines (lossless) or CSV");
    cmd->add_option("file", o->file, "Input file (- or nothing: stdin)")->type_name("FILE");
    cmd->add_option("--format", o->format, "jsonl or csv (default: from the file name, else jsonl)")
        ->check(CLI::IsMember({"jsonl", "csv"}));
    cmd->add_option("--encoding", o->encoding,
                    "CSV: auto (default: UTF-8, else Windows-1252), utf-8, windows-1252, "
                    "iso-8859-1, iso-8859-15 or utf-16")
        ->type_name("NAME");
    cmd->add_flag("--no-notify", o->no_notify,
                  "Queue no mail for the tickets a CSV creates (a migration)");
    cmd->callback([&ctx, o] {
        if (o->no_notify) ctx.override_config("notify.enabled", "false", "--no-notify");
        std::string format = o->format;
        if (format.empty())
            format = o->file.size() > 4 && o->file.substr(o->file.size() - 4) == ".csv" ? "csv"
                                                                                        : "jsonl";
        if (format == "jsonl" && o->encoding != "auto")
            throw Failure(kUsage, "import: --encoding is for CSV; JSON Lines are UTF-8");
        std::ifstream file;
        std::istream& in = open_input(o->file, file);
        std::string csv;
        if (format == "csv") { // CSV records may span lines: parsed whole
            csv = decode_to_utf8(read_all(in), o->encoding, "import input");
            ctx.me();
        }
        Repository& repo = ctx.repo_for_write();
        repo.prepare_bulk_load(); // an empty store: see repository.hpp
        Repository::WriteTransaction tx(repo);
        repo.defer_search_index();
        ImportStats stats = format == "csv" ? import_csv(ctx, repo, csv) : import_jsonl(repo, in);
        tx.commit();
        after_commit(ctx);
        ctx.say(fmt::format("imported {} new ticket(s), {} event(s); {} event(s) already present",
                            stats.new_tickets, stats.added, stats.known));
    });
}

} // namespace tickets
