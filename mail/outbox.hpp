#pragma once
// The mail outbox: .tickets/outbox/ holds one RFC 5322 file per message.
//   outbox/*.eml   ready to send
//   outbox/sent/   accepted by the SMTP server
// Files are named by the event that caused them ("<event id>-<role>.eml"),
// so writing a message again never makes a second one, and a message moves
// to sent/ only after the server accepted it.
//
// A command queues its messages in the store's outbox table inside its own
// transaction, so a message exists exactly when its change committed, and
// writes the files after the commit without syncing them: the row is the
// durable copy until settle_outbox has synced the file (a sync per message
// cost a tenth of a `new`).
#include "store/repository.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace tickets {

// Inside the command's write transaction.
void queue_message(Repository& repo, const std::string& name, const std::string& content);
// After the commit: outbox/NAME, unless the outbox or sent/ has it already.
// Throws Failure when the file cannot be written (the row keeps it).
void write_message(const std::filesystem::path& repo_dir, const std::string& name,
                   const std::string& content);
// Writes the files of queued messages that are missing or incomplete (a
// command that stopped after its commit, a crash of the machine), syncs
// them and the directory, and then deletes their rows. Also promotes the
// messages that versions before the outbox table staged in outbox/tmp/.
void settle_outbox(Repository& repo);

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
