#include "core/notify.hpp"

#include "core/base64.hpp"
#include "core/names.hpp"
#include "core/pseudonym.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace tickets {

namespace {

struct Texts {
    const char* created;   // {author}
    const char* comment;   // {author}
    const char* note;      // {author}
    const char* status;    // {status}
    const char* solved;    // solution follows
    const char* rate;      // {id}
    const char* rate_link; // {good} {bad}: the web page's links
    const char* assigned;  // {author}
    const char* escalated; // {author}
    const char* reminder1;
    const char* reminder2;
    const char* reminder_subject;
    const char* closed_no_reply;
    const char* closed_solved;
    const char* closed_merged; // {into}
    const char* footer;        // {id} {subject} {status}
};

const Texts kGerman = {
    "Ihre Anfrage ist eingegangen ({author}):",
    "{author} hat geschrieben:",
    "Interne Notiz von {author}:",
    "Der Status Ihres Tickets ist jetzt: {status}.",
    "Ihr Ticket wurde gelöst. Die Lösung:",
    "Sind Sie mit der Lösung zufrieden? Bewerten Sie sie mit\n"
    "  tickets rate {id} good\noder\n  tickets rate {id} bad",
    "Sind Sie mit der Lösung zufrieden? Ein Klick genügt:\n  Gut: {good}\n  Schlecht: {bad}",
    "{author} hat Ihnen dieses Ticket zugewiesen.",
    "{author} hat dieses Ticket eskaliert:",
    "Wir warten noch auf Ihre Antwort zu diesem Ticket. Bitte antworten Sie auf diese "
    "Nachricht,\ndamit wir weiterhelfen können.",
    "Zweite Erinnerung: Wir warten noch auf Ihre Antwort zu diesem Ticket. Ohne Antwort\n"
    "wird das Ticket in einigen Werktagen geschlossen.",
    "Erinnerung",
    "Wir haben das Ticket geschlossen, weil wir keine Antwort erhalten haben. Eine Antwort\n"
    "auf diese Nachricht eröffnet ein neues Ticket.",
    "Das gelöste Ticket wurde automatisch geschlossen.",
    "Ihre Anfrage wird unter Ticket #{into} weiter bearbeitet; bitte antworten Sie dort.",
    "Ticket #{id}: {subject}\nStatus: {status}",
};

const Texts kEnglish = {
    "Your request has been received ({author}):",
    "{author} wrote:",
    "Internal note by {author}:",
    "The status of your ticket is now: {status}.",
    "Your ticket has been solved. The solution:",
    "Are you satisfied with the solution? Rate it with\n"
    "  tickets rate {id} good\nor\n  tickets rate {id} bad",
    "Are you satisfied with the solution? One click will do:\n  Good: {good}\n  Bad: {bad}",
    "{author} assigned this ticket to you.",
    "{author} escalated this ticket:",
    "We are still waiting for your reply to this ticket. Please answer this message so\n"
    "that we can help you further.",
    "Second reminder: we are still waiting for your reply to this ticket. Without a reply\n"
    "the ticket will be closed in a few working days.",
    "Reminder",
    "We closed the ticket because we did not hear back from you. A reply to this message\n"
    "opens a new ticket.",
    "The solved ticket was closed automatically.",
    "Your request continues as ticket #{into}; please reply there.",
    "Ticket #{id}: {subject}\nStatus: {status}",
};

std::string lower(const std::string& s) {
    return to_lower_ascii(s);
}

bool same(const std::string& a, const std::string& b) {
    return lower(a) == lower(b);
}

std::string text_of(const Json& p, const char* key) {
    auto it = p.find(key);
    return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string status_name(const std::string& status, bool german) {
    return german ? german_status(status) : status;
}

struct Builder {
    const Ticket& after;
    const Event& e;
    const NotifySettings& settings;
    const Texts& texts;
    bool german;
    std::vector<MailMessage> out;

    std::string fill(const std::string& tpl) const {
        std::string author = is_pseudonym(e.author) ? anonymous_label(german) : e.author;
        return fmt::format(fmt::runtime(tpl), fmt::arg("author", author),
                           fmt::arg("id", after.short_id()), fmt::arg("subject", after.subject),
                           fmt::arg("status", status_name(after.status, german)));
    }

    // `role` names the audience in the file name and message id.
    void add(const std::string& role, std::vector<std::string> to, std::vector<std::string> cc,
             const std::string& body, const std::string& subject_prefix = "") {
        // The confirmation of a new ticket goes to its requester even when
        // they opened it themselves; otherwise nobody is told their own change.
        // So do the sweep's reminders and closings, whoever ran the sweep.
        bool automatic = e.type == "remind" || (e.type == "close" && e.payload.contains("reason"));
        bool keep_author = (e.type == "create" && role == "customer") || automatic;
        auto drop = [&](std::vector<std::string>& list, const std::vector<std::string>& also) {
            std::vector<std::string> kept;
            for (const auto& a : list) {
                if (a.empty() || (!keep_author && same(a, e.author))) continue;
                bool dup =
                    std::any_of(kept.begin(), kept.end(), [&](auto& k) { return same(k, a); }) ||
                    std::any_of(also.begin(), also.end(), [&](auto& k) { return same(k, a); });
                if (!dup) kept.push_back(a);
            }
            list = kept;
        };
        drop(to, {});
        drop(cc, to);
        // The pseudonym of an anonymous requester is mailed alone, at the
        // address behind it, so that no other recipient sees who it is.
        std::vector<std::string> hidden;
        for (auto* list : {&to, &cc})
            list->erase(std::remove_if(list->begin(), list->end(),
                                       [&](const std::string& a) {
                                           if (!is_pseudonym(a)) return false;
                                           hidden.push_back(a);
                                           return true;
                                       }),
                        list->end());
        if (to.empty()) std::swap(to, cc);
        if (!to.empty()) compose(role, to, cc, body, subject_prefix);
        for (const auto& pseudonym : hidden)
            if (auto it = settings.identities.find(pseudonym); it != settings.identities.end())
                compose(role + "-anonymous", {it->second}, {}, body, subject_prefix);
    }

    void compose(const std::string& role, const std::vector<std::string>& to,
                 const std::vector<std::string>& cc, const std::string& body,
                 const std::string& subject_prefix) {
        MailMessage m;
        m.ticket = after.id;
        m.event = e.id;
        m.name = e.id + "-" + role + ".eml";
        m.from = settings.from;
        m.to = to;
        m.cc = cc;
        // The token mail-in finds the ticket by: 12 digits, where the short
        // id's 7 can match several tickets of a large store (mail-in then
        // opens a new ticket instead of adding the reply).
        m.subject = fmt::format("[#{}] {}{}", after.id.substr(0, kMailTokenLength),
                                subject_prefix.empty() ? "" : subject_prefix + ": ", after.subject);
        bool first = e.type == "create" && role == "customer";
        m.message_id = first ? thread_message_id(after.id)
                             : fmt::format("<{}.{}.{}@tickets.local>", after.id.substr(0, 12),
                                           e.id.substr(0, 16), role);
        if (!first) m.in_reply_to = thread_message_id(after.id);
        m.date = e.time;
        m.body = body + "\n\n-- \n" + fill(texts.footer) + "\n";
        out.push_back(std::move(m));
    }
};

} // namespace

std::string thread_message_id(const std::string& ticket_id) {
    return fmt::format("<{}@tickets.local>", ticket_id.substr(0, 12));
}

std::vector<MailMessage> notifications(const Ticket& before, const Event& e, const Ticket& after,
                                       const NotifySettings& settings) {
    bool german = settings.language != "en";
    Builder b{after, e, settings, german ? kGerman : kEnglish, german, {}};
    const Texts& tx = b.texts;
    std::vector<std::string> requester = {after.requester};
    const std::vector<std::string>& cc = after.cc;
    const Json& p = e.payload;
    const std::string& type = e.type;
    if (type == "create") {
        b.add("customer", requester, cc,
              b.fill(tx.created) + "\n\n" + after.subject + "\n\n" + after.description);
        if (!after.assignee.empty())
            b.add("assignee", {after.assignee}, {},
                  b.fill(tx.assigned) + "\n\n" + after.subject + "\n\n" + after.description);
    } else if (type == "comment") {
        std::string body = text_of(p, "body");
        if (p.value("internal", false) == true) {
            if (!settings.staff || settings.staff->count(after.assignee))
                b.add("assignee", {after.assignee}, {}, b.fill(tx.note) + "\n\n" + body);
        } else {
            b.add("customer", requester, cc, b.fill(tx.comment) + "\n\n" + body);
            bool from_customer =
                same(e.author, after.requester) ||
                std::any_of(cc.begin(), cc.end(), [&](auto& a) { return same(a, e.author); });
            if (from_customer)
                b.add("assignee", {after.assignee}, {}, b.fill(tx.comment) + "\n\n" + body);
        }
    } else if (type == "status" || type == "reopen" || type == "close") {
        if (before.status == after.status) return {};
        std::string body = b.fill(tx.status);
        std::string reason = text_of(p, "reason");
        if (type == "close" && reason == "no-reply")
            body += "\n\n" + std::string(tx.closed_no_reply);
        if (type == "close" && reason == "solved") body += "\n\n" + std::string(tx.closed_solved);
        if (type == "close" && !text_of(p, "into").empty())
            body += "\n\n" +
                    fmt::format(fmt::runtime(tx.closed_merged),
                                fmt::arg("into", text_of(p, "into").substr(0, kMailTokenLength)));
        if (type == "reopen" && !text_of(p, "message").empty())
            body += "\n\n" + text_of(p, "message");
        b.add("customer", requester, cc, body);
    } else if (type == "resolve") {
        std::string rate = b.fill(tx.rate);
        if (!settings.portal_url.empty()) {
            std::string page = settings.portal_url + "/t/" + after.id + "/rate/";
            rate = fmt::format(fmt::runtime(tx.rate_link), fmt::arg("good", page + "good"),
                               fmt::arg("bad", page + "bad"));
        }
        b.add("customer", requester, cc,
              std::string(tx.solved) + "\n\n" + text_of(p, "solution") + "\n\n" + rate);
    } else if (type == "assign") {
        if (!same(before.assignee, after.assignee))
            b.add("assignee", {after.assignee}, {},
                  b.fill(tx.assigned) + "\n\n" + after.subject + "\n\n" + after.description);
    } else if (type == "escalate") {
        b.add("assignee", {after.assignee}, {},
              b.fill(tx.escalated) + "\n\n" + text_of(p, "reason"));
    } else if (type == "remind") {
        bool second = p.value("reminder", 1) >= 2;
        b.add("customer", requester, {}, second ? tx.reminder2 : tx.reminder1, tx.reminder_subject);
    }
    return std::move(b.out);
}

std::string rfc5322_date(Instant t) {
    static const char* days[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::int64_t day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    std::int64_t secs = t - day * 86400;
    int y;
    unsigned m, d;
    civil_from_days(day, y, m, d);
    return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", days[((day % 7) + 7) % 7], d,
                       months[m - 1], y, secs / 3600, secs / 60 % 60, secs % 60);
}

std::string encode_header_word(const std::string& text) {
    bool ascii = std::all_of(text.begin(), text.end(),
                             [](unsigned char c) { return c >= 0x20 && c < 0x7f; });
    if (ascii && text.find("=?") == std::string::npos) return text;
    // Encoded words of at most 75 characters: 45 bytes of UTF-8 at a time,
    // never splitting a character.
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        size_t end = std::min(text.size(), i + 45);
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64_encode(text.substr(i, end - i)) + "?=";
        i = end;
    }
    return out;
}

std::string quoted_printable(const std::string& text) {
    std::string out;
    std::vector<std::string> lines = split(text, '\n');
    for (size_t n = 0; n < lines.size(); ++n) {
        std::string line = lines[n];
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string encoded;
        size_t width = 0;
        for (size_t i = 0; i < line.size(); ++i) {
            unsigned char c = static_cast<unsigned char>(line[i]);
            bool last = i + 1 == line.size();
            std::string piece;
            if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last))
                piece = std::string(1, static_cast<char>(c));
            else
                piece = fmt::format("={:02X}", c);
            if (width + piece.size() > 75) {
                encoded += "=\r\n";
                width = 0;
            }
            encoded += piece;
            width += piece.size();
        }
        out += encoded;
        if (n + 1 < lines.size()) out += "\r\n";
    }
    return out;
}

std::string render_message(const MailMessage& m) {
    std::string h;
    h += "Date: " + rfc5322_date(m.date) + "\r\n";
    h += "From: " + m.from + "\r\n";
    h += "To: " + join(m.to, ", ") + "\r\n";
    if (!m.cc.empty()) h += "Cc: " + join(m.cc, ", ") + "\r\n";
    h += "Subject: " + encode_header_word(m.subject) + "\r\n";
    h += "Message-Id: " + m.message_id + "\r\n";
    if (!m.in_reply_to.empty()) {
        h += "In-Reply-To: " + m.in_reply_to + "\r\n";
        h += "References: " + m.in_reply_to + "\r\n";
    }
    h += "Auto-Submitted: auto-generated\r\n";
    if (!m.ticket.empty()) h += "X-Tickets-Ticket: " + m.ticket + "\r\n";
    if (!m.event.empty()) h += "X-Tickets-Event: " + m.event + "\r\n";
    h += "MIME-Version: 1.0\r\n";
    h += "Content-Type: text/plain; charset=utf-8\r\n";
    h += "Content-Transfer-Encoding: quoted-printable\r\n";
    std::string body = quoted_printable(m.body);
    if (body.size() < 2 || body.compare(body.size() - 2, 2, "\r\n") != 0) body += "\r\n";
    return h + "\r\n" + body;
}

} // namespace tickets
