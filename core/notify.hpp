#pragma once
// Which mail messages a change produces, and their RFC 5322 form. Pure: the
// caller (cmd/notify.cpp) writes them to the outbox after the change commits.
//
// Who gets what:
//   create            requester and CC (confirmation, the thread's first
//                     message); the assignee when assigned on creation
//   public comment    requester and CC; the assignee when a customer wrote
//   internal note     the assignee only, when staff; never a customer
//   status, reopen,   requester and CC
//   close
//   resolve           requester and CC, with the satisfaction question
//   assign            the new assignee
//   escalate          the assignee
//   remind            the requester
// Nobody is sent their own change. An anonymous requester's messages go to
// them alone, and their name is shown as "anonym"/"anonymous".
#include "core/event.hpp"
#include "core/ticket.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tickets {

// Hex digits of the ticket id in a notification's subject ("[#3f2a1c9e0b4d]").
constexpr std::size_t kMailTokenLength = 12;

struct NotifySettings {
    std::string from = "tickets@localhost";
    std::string language = "de"; // "de" or "en"
    // Who may get internal notes: the store's agents and managers; unset in
    // a store without registered users. An assignee outside it (a service
    // provider, a caretaker) is not sent internal notes.
    std::optional<std::set<std::string>> staff;
    // Who stands behind the pseudonyms of anonymous requesters
    // (core/pseudonym.hpp): each is mailed alone, at that address. A
    // pseudonym not in it is not mailed.
    std::map<std::string, std::string> identities;
    // The web pages' address (serve.url, without a trailing slash): the
    // solution mail then links to the page that rates it; empty: the
    // command line's way is shown.
    std::string portal_url;
};

struct MailMessage {
    std::string name; // stable file name: "<event id>-<role>.eml"
    std::string ticket, event;
    std::string from;
    std::vector<std::string> to, cc;
    std::string subject;
    std::string message_id;  // with <>
    std::string in_reply_to; // the thread's first message, with <>; empty for it
    Instant date = 0;
    std::string body; // UTF-8, "\n" line ends
};

std::vector<MailMessage> notifications(const Ticket& before, const Event& e, const Ticket& after,
                                       const NotifySettings& settings);

// The message id of a ticket's first message, to which all others refer.
std::string thread_message_id(const std::string& ticket_id);

// The message as sent: CRLF line ends, RFC 2047 subject when not ASCII,
// quoted-printable UTF-8 body.
std::string render_message(const MailMessage& m);

// RFC 5322 date: "Mon, 23 Nov 2026 14:52:00 +0000".
std::string rfc5322_date(Instant t);
// "=?UTF-8?B?…?=" words (folded) when `text` is not plain ASCII.
std::string encode_header_word(const std::string& text);
std::string quoted_printable(const std::string& text);

} // namespace tickets
