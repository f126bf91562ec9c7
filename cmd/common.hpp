#pragma once
// Helpers shared by the subcommands: ids from arguments or stdin, text from
// -m/-F/$EDITOR, JSON output, and the one-transaction change of many tickets.
#include "cmd/context.hpp"
#include "core/access.hpp"
#include "core/event.hpp"
#include "core/ticket.hpp"

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tickets {

// Ids from the arguments; "-" reads further ids from stdin (the first word
// of each line, so `tickets list | tickets close -` works on TSV too).
std::vector<std::string> expand_id_args(const std::vector<std::string>& args);
// The same, resolved to full ids and without duplicates, in order. Empty only
// when the ids came from an empty stdin.
std::vector<std::string> resolve_ids(Repository& repo, const std::vector<std::string>& args);

// Long text from -m, -F FILE|-, or $EDITOR when on a terminal. `what` names it
// in errors ("description"). Nothing when none was given and none is required.
std::optional<std::string> read_text(Context& ctx, const std::string& message,
                                     const std::string& file, const std::string& what,
                                     bool required);
// Failure(kDataErr) when `text` is not UTF-8.
void require_utf8(const std::string& text, const std::string& what);

void print_json(const Json& j);
// Writes `pending` to stdout once it holds 64 KiB, then empties it: output
// streamed in pieces of that size rather than a write per row.
void write_when_full(std::string& pending);
// An array of JSON values printed as print_json prints it, one element at a
// time (a listing of a whole store would otherwise build it all first).
class JsonArrayPrinter {
  public:
    void add(const Json& element);
    void finish();

  private:
    std::string pending_;
    bool empty_ = true;
};

// A new event by the acting user at the current time, sealed (id computed).
Event make_event(Context& ctx, Repository& repo, const std::string& type,
                 const std::string& ticket_id, Json payload);
// A `set` or `escalate` payload with the SLA targets (core/sla.hpp) the
// changed ticket takes, when the change moves what the policies choose by
// (priority, type, organisation, product) to other targets.
Json with_sla_targets(Context& ctx, const Ticket& before, const std::string& type, Json payload);
// A new event of these parts, sealed (id computed); Failure(kDataErr) when
// it is too large to sync. `label` names its ticket in that message (empty:
// a new ticket). For events made without the store at hand (a CSV row on
// the parsing thread); make_event() finds the parts itself.
Event sealed_event(const std::string& type, const std::string& ticket_id, const std::string& author,
                   Instant time, std::int64_t lamport, Json payload, const std::string& label);

// A file written whole or not at all: `write(part)` fills a temporary file
// beside `output` (".NAME.PID.part"), which is then renamed over it. If
// anything fails, the temporary file goes and `output` stays as it was; a
// directory that cannot be written is Failure(kDataErr) naming `output`.
void write_file_whole(const std::string& output,
                      const std::function<void(const std::string& part)>& write);
// `text` on stdout, or into `output` whole (write_file_whole) when one is given.
void write_text_output(const std::string& output, const std::string& text);

// The registered user who acts here, whose rights forbid_push checks; none
// in a store without users or with core.open = true (see below).
std::optional<User> acting_user(Context& ctx, Repository& repo);

// Why the acting user may not make this change here (DOMAIN.md "who may
// act"): in a store with registered users (a server's), the rules a push
// meets (core/access forbid_push) hold for local commands too, and an
// address the store does not know has a customer's rights. A store without
// users is one person's, who may do what the workflow allows; so is one
// with core.open = true. `acting` caches the lookup across tickets
// (`t` is nullptr for a create).
std::optional<std::string> forbid_local_change(Context& ctx, Repository& repo, const Ticket* t,
                                               const Event& e,
                                               std::optional<std::optional<User>>& acting);

// The change of several tickets as one transaction: for each id, `make`
// builds the event from the current state; a refusal of any aborts all with
// "ticket 3f2a1c9: cannot …" and exit 1 (exit 77 when the acting user's
// role may not make a status change, see forbid_local_change). Reports each ticket on stderr
// ("ticket 3f2a1c9: solved") or, with `json`, prints the changed tickets.
using MakeChange = std::function<Event(Repository&, const Ticket&)>;
// What a ticket already is when the change has nothing to do ("closed"):
// it is reported and left alone, so that a bulk change run again (after a
// kill, by a retrying script) does the rest and exits 0.
using AlreadyDone = std::function<std::optional<std::string>(const Ticket&)>;
void change_tickets(Context& ctx, const std::vector<std::string>& id_args, bool json,
                    const MakeChange& make, const AlreadyDone& already_done = {});

// Checks `e` against the acting user's rights (forbid_local_change) and
// the workflow, then applies it to `t`, appends it and rewrites the
// ticket's rows, inside the caller's transaction. Otherwise
// Failure(kNoPerm) or Failure(kRefused) "ticket ID: <refusal><why>",
// with `t` as it was. The caller queues the notifications.
void commit_change(Context& ctx, Repository& repo, Ticket& t, const Event& e,
                   std::optional<std::optional<User>>& acting, const std::string& refusal = "");
// The same without rewriting the rows: for a caller that appends several
// events to a ticket and then materialises it once.
void append_change(Context& ctx, Repository& repo, Ticket& t, const Event& e,
                   std::optional<std::optional<User>>& acting, const std::string& refusal = "");

// The ticket a reply to `t` belongs on: `t`, or the ticket it was merged
// into (and so on), as far as this store holds them.
Ticket follow_merges(Repository& repo, Ticket t);

// Adds --json to a subcommand.
void add_json_flag(CLI::App* cmd, bool& json);

// Adds the filter terms of list and export. A negated term ("-status:closed")
// looks like an option to the parser: it is let through, and
// negated_filter_terms() takes it back.
void add_filter_terms(CLI::App* cmd, std::vector<std::string>& terms, const std::string& help);
// The words the parser left over that are negated filter terms;
// Failure(kUsage) for any other (an unknown option).
std::vector<std::string> negated_filter_terms(CLI::App* cmd);

// The shortest prefix of `id` (at least 7 digits) that no other ticket shares.
std::string abbrev(Repository& repo, const std::string& id);

} // namespace tickets
