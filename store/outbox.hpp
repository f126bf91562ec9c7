#pragma once
// The mail outbox: .tickets/outbox/ holds one RFC 5322 file per message.
//   outbox/tmp/    staged by a command inside its transaction
//   outbox/*.eml   ready to send (moved there once the change committed)
//   outbox/sent/   accepted by the SMTP server
// Files are named by the event that caused them ("<event id>-<role>.eml"),
// so writing a message again never makes a second one, and a message moves
// to sent/ only after the server accepted it.
#include "store/repository.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace tickets {

// Writes tmp/NAME atomically (temporary file, fsync, rename).
void stage_message(const std::filesystem::path& repo_dir, const std::string& name,
                   const std::string& content);
// Moves tmp/NAME to the outbox, unless the outbox or sent/ has it already.
void promote_staged(const std::filesystem::path& repo_dir, const std::string& name);
// Staged messages left by a command that stopped between its commit and the
// promotion: those whose event is in the log are promoted; those whose
// event is not (the change rolled back) are removed after an hour.
void recover_staged(Repository& repo, std::int64_t now);

struct OutboxMessage {
    std::string name;
    std::filesystem::path path;
    std::string date, from, to, cc, subject; // subject decoded (RFC 2047)
    std::string ticket, event;
};
// Ready messages, oldest first; with `sent`, the delivered ones.
std::vector<OutboxMessage> outbox_messages(const std::filesystem::path& repo_dir,
                                           bool sent = false);

struct SmtpSettings {
    std::string url;      // smtp://host:port or smtps://host:port
    std::string from;     // envelope sender
    std::string user;     // TICKETS_SMTP_USER
    std::string password; // TICKETS_SMTP_PASSWORD
};

struct FlushResult {
    int sent = 0;
    std::vector<std::string> failures; // "NAME: reason"
};
// Sends every ready message through libcurl's SMTP, one at a time, under a
// lock (outbox/.lock) so that two flushes never send the same message; each
// moves to sent/ once the server accepted it, a failed one stays.
FlushResult flush_outbox(const std::filesystem::path& repo_dir, const SmtpSettings& smtp);

} // namespace tickets
