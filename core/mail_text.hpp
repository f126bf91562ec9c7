#pragma once
// Pure helpers of mail intake (`tickets mail-in`): the ticket token in a
// reply's subject, the ticket a message id of our notifications names, and
// the text of an HTML-only mail. The MIME parsing is in store/mail_message.
#include <string>
#include <string_view>
#include <vector>

namespace tickets {

// The ticket tokens in a subject, in order: '#' followed by at least 7 hex
// digits and no further letter or digit ("Re: [#3f2a1c9] Heizung" ->
// {"3f2a1c9"}), lower-cased. Bracketed tokens ("[#…]") come first.
std::vector<std::string> subject_ticket_tokens(std::string_view subject);

// The ticket id prefix in a message id that our notifications made
// ("3f2a1c9d0e1f@tickets.local", "3f2a1c9d0e1f.0a1b….customer@tickets.local",
// with or without <>); empty for any other message id.
std::string notification_ticket_prefix(std::string_view message_id);

// Readable text of an HTML body: no tags, scripts, styles or comments;
// line breaks for <br>, paragraphs, list items, table rows and headings;
// entities decoded; runs of blanks and blank lines collapsed.
std::string html_to_text(std::string_view html);

// The header fields that tell a machine's mail from a person's, as
// tickets-mail-parse reports them (names as below, values as sent).
inline const char* const kAutomationHeaders[] = {"Auto-Submitted",
                                                 "Precedence",
                                                 "List-Id",
                                                 "List-Unsubscribe",
                                                 "X-Autoreply",
                                                 "X-Autorespond",
                                                 "X-Auto-Response-Suppress",
                                                 "X-Loop",
                                                 "Return-Path",
                                                 "Content-Type"};

// Why a message is a machine's and must not be answered (RFC 3834
// Auto-Submitted other than "no", Precedence bulk/junk/list, a mailing
// list, a delivery report, an auto-reply header, an empty Return-Path,
// MAILER-DAEMON or postmaster as sender), or empty for a person's.
std::string machine_mail(std::string_view sender,
                         const std::vector<std::pair<std::string, std::string>>& headers);

// A reply without the history it quotes: everything from the first line
// that starts a quoted message ("-----Ursprüngliche Nachricht-----",
// "-----Original Message-----", "Am … schrieb …:", "On … wrote:", an
// Outlook "Von:"/"From:" block) and every "> " line are cut, and trailing
// blank lines. The text itself when it quotes nothing, or is nothing but quotes.
std::string without_quoted_history(std::string_view text);

} // namespace tickets
