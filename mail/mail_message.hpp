#pragma once
// Incoming mail for `tickets mail-in`: one RFC 5322 message parsed into a
// plain struct, and the table of Message-Ids already processed.
#include "mail/incoming_mail.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}

namespace tickets {

// Parses a message (a leading mbox "From " line is skipped), in the helper
// tickets-mail-parse (GMime, mail/mime.cpp): see IncomingMail. Throws
// Failure(kDataErr) when the input is not a mail message or has no sender
// address, Failure(kUnavailable) when the build has no mail helper.
IncomingMail parse_mail(std::string_view raw);

// A Message-Id that mail intake has processed: the event it became and the
// ticket that event belongs to (both empty for a message it ignored).
struct ProcessedMail {
    std::string event, ticket;
};
std::optional<ProcessedMail> find_processed_mail(SQLite::Database& db,
                                                 const std::string& message_id);
// Inside the caller's write transaction; `sender` and `received` count for
// the per-sender limit.
void record_processed_mail(SQLite::Database& db, const std::string& message_id,
                           const ProcessedMail& processed, const std::string& sender,
                           std::int64_t received);
// How many messages of the sender were processed since `since`.
int mail_from_sender_since(SQLite::Database& db, const std::string& sender, std::int64_t since);

} // namespace tickets
