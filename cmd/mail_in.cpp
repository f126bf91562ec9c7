// tickets mail-in [--json] < message.eml: mail intake, as a mail server's
// pipe delivers it. A new message opens a question ticket by its sender; a
// reply whose subject carries a ticket token ("[#3f2a1c9]"), or that answers
// one of our notifications (In-Reply-To/References), becomes the sender's
// comment on that ticket (a requester's reply reopens a solved one, a reply
// to a closed one opens a follow-up). A Message-Id is processed once.
// Replies lose the history they quote (the whole mail stays attached). Mail
// that must not be answered becomes no public text: a machine's mail
// (auto-replies, lists, bounces) opens no ticket and is only an internal
// note on the ticket it answers; a reply from someone who is not part of
// the ticket is held as an internal note for an agent; a sender over
// mail.max_per_hour is ignored.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "cmd/create.hpp"
#include "cmd/follow_up.hpp"
#include "cmd/notify.hpp"
#include "core/error.hpp"
#include "core/fold.hpp"
#include "core/hash.hpp"
#include "core/mail_text.hpp"
#include "core/pseudonym.hpp"
#include "core/text.hpp"
#include "mail/mail_message.hpp"
#include "store/accounts.hpp"
#include "store/blobs.hpp"

#include <charconv>
#include <cstdio>
#include <fmt/format.h>
#include <iostream>

namespace tickets {

namespace {

constexpr std::uint64_t kDefaultMaxBytes = 25 * 1024 * 1024;

struct MailInOptions {
    bool json = false;
};

std::uint64_t max_bytes(Context& ctx) {
    std::string value = ctx.config().get_or("mail.max_bytes", std::to_string(kDefaultMaxBytes));
    std::uint64_t n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size() || n == 0)
        throw Failure(kConfig,
                      fmt::format("config mail.max_bytes = '{}' is not a number of bytes", value));
    return n;
}

// All of stdin, refused as soon as it exceeds `limit`.
std::string read_message(std::uint64_t limit) {
    std::string raw;
    char buffer[1 << 16];
    while (size_t n = std::fread(buffer, 1, sizeof buffer, stdin)) {
        raw.append(buffer, n);
        if (raw.size() > limit)
            throw Failure(kDataErr,
                          fmt::format("mail-in: the message is larger than mail.max_bytes ({} "
                                      "bytes); nothing changed",
                                      limit));
    }
    if (std::ferror(stdin)) throw Failure(kTempFail, "mail-in: cannot read the message on stdin");
    return raw;
}

std::optional<std::string> try_resolve(Repository& repo, const std::string& prefix) {
    try {
        return repo.resolve(prefix);
    } catch (const Failure&) {
        return std::nullopt; // a token of another system, or ambiguous: a new message
    }
}

// The ticket a reply belongs to: the subject's token first, then the
// message ids of our notifications it refers to.
std::optional<std::string> reply_target(Repository& repo, const IncomingMail& m) {
    for (const auto& token : subject_ticket_tokens(m.subject))
        if (auto id = try_resolve(repo, token)) return id;
    for (const auto& id : m.in_reply_to) {
        std::string prefix = notification_ticket_prefix(id);
        if (prefix.empty()) continue;
        if (auto ticket = try_resolve(repo, prefix)) return ticket;
    }
    return std::nullopt;
}

// The attachments as the event names them; their blobs are written only
// once the mail is accepted (see run), so that a refused one leaves nothing.
Json mail_attachments(const std::vector<MailAttachment>& files) {
    Json list = Json::array();
    for (const auto& f : files)
        list.push_back({{"name", f.name},
                        {"sha256", sha256_hex(f.bytes)},
                        {"mime", f.mime},
                        {"size", f.bytes.size()}});
    return list;
}

// CC of a new ticket: the mail's CC without the sender and the desk itself.
std::vector<std::string> ticket_cc(Context& ctx, const IncomingMail& m) {
    std::string desk = to_lower_ascii(ctx.config().get_or("notify.from", "tickets@localhost"));
    std::vector<std::string> cc;
    for (const auto& a : m.cc)
        if (a != m.from && a != desk && is_plausible_email(a)) cc.push_back(a);
    return cc;
}

struct Outcome {
    std::string action, ticket, event, follow_up_of, status, why;
};

int max_per_hour(Context& ctx) {
    std::string value = ctx.config().get_or("mail.max_per_hour", "30");
    int n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size() || n < 1)
        throw Failure(kConfig, fmt::format("config mail.max_per_hour = '{}' is not a number of "
                                           "messages (1 or more)",
                                           value));
    return n;
}

// Whether the sender takes part in the ticket: its requester, CC or
// assignee, or staff (the store's registered agents and managers; in a
// store without users, its own user).
bool is_staff_sender(Repository& repo, const std::string& sender, const std::string& owner) {
    if (auto staff = Accounts(repo).staff_addresses()) return staff->count(sender) > 0;
    return sender == owner;
}

bool takes_part(Repository& repo, const Ticket& t, const std::string& sender,
                const std::string& owner) {
    if (sender == t.requester || sender == t.assignee) return true;
    // The requester of an anonymous ticket answers from the address behind
    // its pseudonym, and writes under the pseudonym (make_event).
    if (is_pseudonym(t.requester) && Accounts(repo).pseudonym_owner(t.requester) == sender)
        return true;
    if (std::find(t.cc.begin(), t.cc.end(), sender) != t.cc.end()) return true;
    return is_staff_sender(repo, sender, owner);
}

// The mail as the sender's comment on the ticket: `action` "commented", or
// "held" for an internal note (the mail kept, nobody outside told).
Outcome add_comment(Context& ctx, Repository& repo, Ticket t, const IncomingMail& m,
                    const std::string& body, const Json& attachments, const std::string& action,
                    const std::string& why = "") {
    const Ticket before = t;
    Json payload = {{"body", body}, {"internal", action == "held"}, {"attachments", attachments}};
    // A Message-Id often names the sender's mail domain, and the sender's
    // name is theirs: neither on an anonymous ticket, where a pseudonym
    // writes.
    if (!is_pseudonym(t.requester)) {
        if (!m.message_id.empty()) payload["message_id"] = m.message_id;
        if (std::string name = display_name(m.from_name); !name.empty())
            payload["author_name"] = name;
    }
    Event e = make_event(ctx, repo, "comment", t.id, std::move(payload));
    if (auto refused = apply_event(t, e))
        throw Failure(kRefused, fmt::format("ticket {}: {}", abbrev(repo, t.id), *refused));
    repo.append(e);
    repo.materialise(t);
    queue_notifications(ctx, repo, before, e, t);
    return {action, t.id, e.id, "", t.status, why};
}

Outcome hold(Context& ctx, Repository& repo, const Ticket& t, const IncomingMail& m,
             const std::string& why, const Json& attachments) {
    std::string text = trim(m.text).empty() ? "(no text)" : m.text;
    return add_comment(ctx, repo, t, m, fmt::format("{}\n\n{}", why, text), attachments, "held",
                       why);
}

// `owner`: the store's own user (user.email), before the sender acts.
Outcome apply_mail(Context& ctx, Repository& repo, const IncomingMail& m, const std::string& raw,
                   const std::string& owner, std::vector<std::string>& blobs) {
    std::optional<std::string> target = reply_target(repo, m);
    Json attachments = mail_attachments(m.attachments);
    std::string machine = machine_mail(m.from, m.automation);
    if (!target) {
        if (!machine.empty())
            return {"ignored", "", "", "", "", "an automatic message (" + machine + ")"};
        TicketDraft d;
        d.subject = m.subject.empty() ? "(no subject)" : m.subject;
        d.description = trim(m.text).empty() ? "(no text)" : m.text;
        d.requester = m.from;
        d.requester_name = m.from_name;
        d.cc = ticket_cc(ctx, m);
        d.type = "question";
        d.attachments = attachments;
        d.message_id = m.message_id;
        Ticket t = create_ticket(ctx, repo, std::move(d));
        return {"created", t.id, t.id, "", t.status, ""};
    }
    Ticket t = follow_merges(repo, repo.folded(*target)); // a merged ticket's replies go on
    if (!machine.empty())
        return hold(ctx, repo, t, m,
                    fmt::format("Automatic mail from {} ({}), not answered:", m.from, machine),
                    attachments);
    if (!takes_part(repo, t, m.from, owner))
        return hold(ctx, repo, t, m,
                    fmt::format("Mail from {}, who is not part of this ticket; held for an "
                                "agent (forward it, or add the sender to CC):",
                                m.from),
                    attachments);
    // The reply without the history it quotes; the whole mail stays with it,
    // except an agent's, whose quotes may hold internal notes that the
    // public comment must not carry.
    std::string body = without_quoted_history(m.text);
    // Nor the whole mail, whose headers name the sender.
    bool anonymous =
        is_pseudonym(t.requester) && Accounts(repo).pseudonym_owner(t.requester) == m.from;
    if (body != m.text && !anonymous && !is_staff_sender(repo, m.from, owner)) {
        attachments.push_back({{"name", "original.eml"},
                               {"sha256", sha256_hex(raw)},
                               {"mime", "message/rfc822"},
                               {"size", raw.size()}});
        blobs.push_back(raw);
    }
    if (trim(body).empty()) body = "(no text)";
    if (t.status == "closed") {
        Ticket f = open_follow_up(ctx, repo, t, body, attachments, anonymous ? "" : m.message_id);
        return {"follow-up", f.id, f.id, t.id, f.status, ""};
    }
    return add_comment(ctx, repo, t, m, body, attachments, "commented");
}

void report(Repository& repo, const Outcome& o, const std::string& message_id, bool json) {
    std::string short_id = o.ticket.empty() ? "" : abbrev(repo, o.ticket);
    if (!json) {
        if (!short_id.empty()) std::cout << short_id << "\n";
        return;
    }
    Json out = {{"ticket", o.ticket.empty() ? Json() : Json(o.ticket)},
                {"short_id", short_id.empty() ? Json() : Json(short_id)},
                {"action", o.action},
                {"event", o.event.empty() ? Json() : Json(o.event)}};
    if (!o.why.empty()) out["reason"] = o.why;
    out["message_id"] = message_id.empty() ? Json() : Json(message_id);
    if (!o.status.empty()) out["status"] = o.status;
    if (!o.follow_up_of.empty()) out["follow_up_of"] = o.follow_up_of;
    print_json(out);
}

void run(Context& ctx, const MailInOptions& o) {
    std::string raw = read_message(max_bytes(ctx));
    IncomingMail m = parse_mail(raw);
    if (!is_plausible_email(m.from))
        throw Failure(kDataErr, fmt::format("mail-in: sender '{}' is not a mail address", m.from));
    int limit = max_per_hour(ctx);
    std::string owner = ctx.me_if_known();
    ctx.act_as(m.from); // the sender acts, not the configured user
    Repository& repo = ctx.repo();
    Repository::WriteTransaction tx(repo);
    // Without a Message-Id, the same bytes delivered twice count once too.
    std::string key = m.message_id.empty() ? "sha256:" + sha256_hex(raw) : m.message_id;
    if (auto seen = find_processed_mail(repo.db(), key)) {
        ctx.say(
            fmt::format("mail-in: message <{}> already processed ({})", key,
                        seen->ticket.empty() ? "ignored" : "ticket " + abbrev(repo, seen->ticket)));
        report(repo, {"duplicate", seen->ticket, seen->event, "", "", ""}, m.message_id, o.json);
        return; // the transaction rolls back: nothing written
    }
    Outcome outcome;
    std::vector<std::string> blobs;
    if (mail_from_sender_since(repo.db(), m.from, ctx.now() - 3600) >= limit)
        outcome = {"ignored",
                   "",
                   "",
                   "",
                   "",
                   fmt::format("more than {} messages from {} in an hour (mail.max_per_hour)",
                               limit, m.from)};
    else
        outcome = apply_mail(ctx, repo, m, raw, owner, blobs);
    for (const auto& f : m.attachments)
        if (outcome.action != "ignored") put_blob(repo.dir(), f.bytes);
    for (const auto& b : blobs) put_blob(repo.dir(), b);
    record_processed_mail(repo.db(), key, {outcome.event, outcome.ticket}, m.from, ctx.now());
    tx.commit();
    after_commit(ctx);
    if (outcome.action == "commented")
        ctx.say(fmt::format("ticket {}: comment by {} added ({})", abbrev(repo, outcome.ticket),
                            m.from, outcome.status));
    else if (outcome.action == "follow-up")
        ctx.say(fmt::format("ticket {} is closed: opened follow-up {}",
                            abbrev(repo, outcome.follow_up_of), abbrev(repo, outcome.ticket)));
    else if (outcome.action == "held")
        ctx.say(fmt::format("ticket {}: mail from {} held as an internal note: {}",
                            abbrev(repo, outcome.ticket), m.from,
                            outcome.why.substr(0, outcome.why.find(':'))));
    else if (outcome.action == "ignored")
        ctx.say(fmt::format("mail-in: message from {} ignored: {}", m.from, outcome.why));
    report(repo, outcome, m.message_id, o.json);
}

} // namespace

void add_mail_in(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<MailInOptions>();
    auto* cmd = app.add_subcommand(
        "mail-in", "Read one mail on stdin: open a ticket, or comment on the one it answers");
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] { run(ctx, *o); });
}

} // namespace tickets
