#include "cmd/common.hpp"

#include "cmd/notify.hpp"
#include "core/error.hpp"
#include "core/event_schema.hpp"
#include "core/filter.hpp"
#include "core/fold.hpp"
#include "core/ids.hpp"
#include "core/pseudonym.hpp"
#include "core/text.hpp"
#include "core/workflow.hpp"
#include "store/accounts.hpp"
#include "store/blobs.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <unistd.h>

namespace tickets {

std::vector<std::string> expand_id_args(const std::vector<std::string>& args) {
    std::vector<std::string> ids;
    for (const auto& a : args) {
        if (a != "-") {
            ids.push_back(a);
            continue;
        }
        std::string line;
        while (std::getline(std::cin, line)) {
            std::istringstream words(line);
            std::string first;
            if (words >> first) ids.push_back(first);
        }
    }
    return ids;
}

std::vector<std::string> resolve_ids(Repository& repo, const std::vector<std::string>& args) {
    std::vector<std::string> ids;
    std::set<std::string> seen;
    for (const auto& a : expand_id_args(args)) {
        std::string id = repo.resolve(a);
        if (seen.insert(id).second) ids.push_back(id);
    }
    // An empty pipe is an empty selection, not a mistake: cron jobs run
    // `tickets list --ids … | tickets close -` whether or not anything matched.
    bool from_stdin = std::find(args.begin(), args.end(), "-") != args.end();
    if (ids.empty() && !from_stdin) throw Failure(kUsage, "no ticket ids given");
    return ids;
}

void require_utf8(const std::string& text, const std::string& what) {
    if (!is_valid_utf8(text)) throw Failure(kDataErr, fmt::format("{}: not valid UTF-8", what));
}

namespace {

std::string edit_in_editor(const std::string& what) {
    const char* editor = std::getenv("VISUAL");
    if (!editor || !*editor) editor = std::getenv("EDITOR");
    if (!editor || !*editor) editor = "vi";
    char path[] = "/tmp/tickets-XXXXXX.md";
    int fd = ::mkstemps(path, 3);
    if (fd < 0) throw Failure(kTempFail, "cannot create a temporary file for the editor");
    std::string hint = fmt::format("\n# Write the {} above. Lines starting with '#' are dropped;\n"
                                   "# an empty text aborts.\n",
                                   what);
    if (::write(fd, hint.data(), hint.size()) < 0) {
    }
    ::close(fd);
    int rc = std::system(fmt::format("{} '{}'", editor, path).c_str());
    std::ifstream in(path);
    std::string text, line;
    while (std::getline(in, line))
        if (line.rfind("#", 0) != 0) text += line + "\n";
    ::unlink(path);
    if (rc != 0)
        throw Failure(kRefused, fmt::format("editor '{}' failed; nothing changed", editor));
    return trim(text);
}

} // namespace

std::optional<std::string> read_text(Context& ctx, const std::string& message,
                                     const std::string& file, const std::string& what,
                                     bool required) {
    std::string text;
    if (!message.empty() && !file.empty())
        throw Failure(kUsage, fmt::format("give the {} with -m or -F, not both", what));
    if (!message.empty()) {
        text = message;
    } else if (file == "-") {
        std::ostringstream s;
        s << std::cin.rdbuf();
        text = s.str();
    } else if (!file.empty()) {
        text = read_file(file);
    } else if (required && ctx.stdin_is_terminal() && ctx.stdout_is_terminal()) {
        text = edit_in_editor(what);
    } else if (required) {
        throw Failure(kUsage,
                      fmt::format("a {} is required: use -m TEXT or -F FILE (- for stdin)", what));
    } else {
        return std::nullopt;
    }
    require_utf8(text, what);
    if (required && trim(text).empty()) throw Failure(kUsage, fmt::format("the {} is empty", what));
    return text;
}

void print_json(const Json& j) {
    std::cout << j.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

void write_when_full(std::string& pending) {
    if (pending.size() < 64 * 1024) return;
    std::cout << pending;
    pending.clear();
}

void JsonArrayPrinter::add(const Json& element) {
    pending_ += empty_ ? "[\n  " : ",\n  ";
    empty_ = false;
    // One level deeper than on its own: JSON text has no raw newline inside
    // its strings, so every newline starts a line to indent.
    for (char c : element.dump(2, ' ', false, Json::error_handler_t::replace)) {
        pending_ += c;
        if (c == '\n') pending_ += "  ";
    }
    write_when_full(pending_);
}

void JsonArrayPrinter::finish() {
    std::cout << pending_ << (empty_ ? "[]\n" : "\n]\n");
    pending_.clear();
}

namespace {

// Who writes the event: the acting user, or the pseudonym under which they
// write on a ticket they opened anonymously (core/pseudonym.hpp).
std::string author_of(Context& ctx, Repository& repo, const std::string& ticket_id,
                      const Json& payload) {
    const std::string& me = ctx.me();
    Accounts accounts(repo);
    if (ticket_id.empty()) {
        std::string requester = payload.value("requester", "");
        if (is_pseudonym(requester) && accounts.pseudonym_owner(requester) == me) return requester;
        return me;
    }
    return accounts.own_pseudonym(ticket_id, me).value_or(me);
}

} // namespace

Event make_event(Context& ctx, Repository& repo, const std::string& type,
                 const std::string& ticket_id, Json payload) {
    std::string author = author_of(ctx, repo, ticket_id, payload);
    Instant time = ctx.now();
    std::int64_t lamport = repo.next_lamport();
    return sealed_event(type, ticket_id, author, time, lamport, std::move(payload),
                        ticket_id.empty() ? "" : abbrev(repo, ticket_id));
}

Json with_sla_targets(Context& ctx, const Ticket& before, const std::string& type, Json payload) {
    Ticket after = before;
    Event probe;
    probe.type = type;
    probe.ticket = before.id;
    probe.time = before.updated;
    probe.payload = payload;
    if (apply_event(after, probe)) return payload; // refused: the command says why
    if (!sla_choice_changed(before, after)) return payload;
    auto targets = sla_targets_for(after, ctx.sla_settings());
    if (targets != before.sla) payload["sla"] = sla_targets_json(targets);
    return payload;
}

Event sealed_event(const std::string& type, const std::string& ticket_id, const std::string& author,
                   Instant time, std::int64_t lamport, Json payload, const std::string& label) {
    Event e;
    e.type = type;
    e.ticket = ticket_id;
    e.author = author;
    e.time = time;
    e.lamport = lamport;
    e.payload = std::move(payload);
    e = seal(std::move(e));
    if (e.canonical.size() > kMaxEventBytes)
        throw Failure(kDataErr,
                      fmt::format("{}{}: {} bytes of text, more than an event may hold ({} MiB); "
                                  "attach long texts as files",
                                  label.empty() ? "new ticket" : "ticket ", label,
                                  e.canonical.size(), kMaxEventBytes >> 20));
    return e;
}

void write_text_output(const std::string& output, const std::string& text) {
    if (output.empty()) {
        std::cout << text;
        return;
    }
    write_file_whole(output, [&](const std::string& part) {
        std::ofstream file(part, std::ios::binary);
        file << text;
        file.close();
        if (!file)
            throw Failure(kDataErr, fmt::format("cannot write {}: {}", part, std::strerror(errno)));
    });
}

void write_file_whole(const std::string& output,
                      const std::function<void(const std::string& part)>& write) {
    namespace fs = std::filesystem;
    fs::path target(output);
    // A name of this run's own, made here (O_EXCL: not a file or link that
    // is there already), and the reason it cannot be found out now rather
    // than by a library at the end.
    fs::path part =
        target.parent_path() / fmt::format(".{}.{}.part", target.filename().string(), ::getpid());
    int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        throw Failure(kDataErr, fmt::format("cannot write {}: {}", output, std::strerror(errno)));
    ::close(fd);
    std::error_code ec;
    try {
        write(part.string());
    } catch (const Failure& f) {
        fs::remove(part, ec);
        // A helper names the file it wrote: the user's name is the output's.
        std::string message = f.what();
        for (size_t at; (at = message.find(part.string())) != std::string::npos;)
            message.replace(at, part.string().size(), output);
        throw Failure(f.code(), message);
    } catch (...) {
        fs::remove(part, ec);
        throw;
    }
    fs::rename(part, target, ec);
    if (ec) {
        fs::remove(part, ec);
        throw Failure(kDataErr, fmt::format("cannot write {}: {}", output, ec.message()));
    }
}

std::optional<User> acting_user(Context& ctx, Repository& repo) {
    std::string open = ctx.config().get_or("core.open", "false");
    if (open != "true" && open != "false")
        throw Failure(kConfig, fmt::format("config core.open = '{}' is not true or false", open));
    return Accounts(repo).acting_user(ctx.me(), open == "true");
}

std::optional<std::string> forbid_local_change(Context& ctx, Repository& repo, const Ticket* t,
                                               const Event& e,
                                               std::optional<std::optional<User>>& acting) {
    if (!acting) acting = acting_user(ctx, repo);
    if (!*acting) return std::nullopt;
    return forbid_push(**acting, t, e);
}

void append_change(Context& ctx, Repository& repo, Ticket& t, const Event& e,
                   std::optional<std::optional<User>>& acting, const std::string& refusal) {
    if (auto why = forbid_local_change(ctx, repo, &t, e, acting))
        throw Failure(kNoPerm, fmt::format("ticket {}: {}", abbrev(repo, t.id), *why));
    if (auto why = apply_event(t, e))
        throw Failure(kRefused, fmt::format("ticket {}: {}{}", abbrev(repo, t.id), refusal, *why));
    repo.append(e);
}

void commit_change(Context& ctx, Repository& repo, Ticket& t, const Event& e,
                   std::optional<std::optional<User>>& acting, const std::string& refusal) {
    append_change(ctx, repo, t, e, acting, refusal);
    repo.materialise(t);
}

void change_tickets(Context& ctx, const std::vector<std::string>& id_args, bool json,
                    const MakeChange& make, const AlreadyDone& already_done) {
    ctx.me(); // fail on a missing identity before reading stdin or locking the store
    Repository& repo = ctx.repo();
    std::vector<std::string> ids = resolve_ids(repo, id_args);
    Repository::WriteTransaction tx(repo);
    std::vector<Ticket> changed;
    std::vector<std::string> summaries;
    std::optional<std::optional<User>> acting; // looked up once, when needed
    for (const auto& id : ids) {
        Ticket t = repo.folded(id);
        if (auto state = already_done ? already_done(t) : std::nullopt) {
            ctx.say(fmt::format("ticket {}: already {}", abbrev(repo, id), *state));
            continue;
        }
        const Ticket before = t;
        Event e = make(repo, t);
        commit_change(ctx, repo, t, e, acting);
        queue_notifications(ctx, repo, before, e, t);
        // The status, and the priority when the change moved it (an escalation).
        std::string summary = t.status + (t.deleted ? " (deleted)" : "");
        if (t.priority != before.priority) summary += ", priority " + t.priority;
        summaries.push_back(fmt::format("ticket {}: {}", abbrev(repo, id), summary));
        changed.push_back(std::move(t));
    }
    tx.commit();
    after_commit(ctx);
    if (ids.empty()) ctx.say("no tickets to change");
    if (json) {
        Json out = Json::array();
        for (const auto& t : changed) out.push_back(ticket_to_json(t, false));
        print_json(out);
        return;
    }
    for (const auto& line : summaries) ctx.say(line);
}

Ticket follow_merges(Repository& repo, Ticket t) {
    for (int hops = 0; hops < 16 && !t.merged_into.empty() && repo.has_ticket(t.merged_into);
         ++hops)
        t = repo.folded(t.merged_into);
    return t;
}

void add_filter_terms(CLI::App* cmd, std::vector<std::string>& terms, const std::string& help) {
    cmd->add_option("filter", terms, help);
    // What the command does not know falls through to the main command
    // (where global options are): both keep it for negated_filter_terms().
    cmd->allow_extras();
    if (CLI::App* main = cmd->get_parent()) main->allow_extras();
}

std::vector<std::string> negated_filter_terms(CLI::App* cmd) {
    std::vector<std::string> out, left = cmd->remaining();
    if (CLI::App* main = cmd->get_parent())
        for (const auto& word : main->remaining()) left.push_back(word);
    const auto& keys = filter_keys();
    for (const auto& word : left) {
        size_t colon = word.find(':');
        bool negated = word.size() > 1 && word[0] == '-' && colon != std::string::npos &&
                       std::find(keys.begin(), keys.end(),
                                 to_lower_ascii(word.substr(1, colon - 1))) != keys.end();
        if (!negated)
            throw Failure(kUsage, fmt::format("{}: unknown option '{}' (see 'tickets {} --help')",
                                              cmd->get_name(), word, cmd->get_name()));
        out.push_back(word);
    }
    return out;
}

void add_json_flag(CLI::App* cmd, bool& json) {
    cmd->add_flag("--json", json, "Print JSON (schema in tickets(1))");
}

std::string abbrev(Repository& repo, const std::string& id) {
    // Neighbours in sorted order share the longest prefixes with `id`.
    size_t length = kShortIdLength;
    SQLite::Statement st(repo.db(),
                         "SELECT id FROM (SELECT max(id) AS id FROM tickets WHERE id < ?1) "
                         "UNION ALL SELECT min(id) FROM tickets WHERE id > ?1");
    st.bind(1, id);
    while (st.executeStep()) {
        if (st.getColumn(0).isNull()) continue;
        std::string other = st.getColumn(0).getString();
        size_t common = 0;
        while (common < id.size() && common < other.size() && id[common] == other[common]) ++common;
        length = std::max(length, common + 1);
    }
    return id.substr(0, std::min(length, id.size()));
}

} // namespace tickets
