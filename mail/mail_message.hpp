#pragma once
// Incoming mail for `tickets mail-in`: one RFC 5322 message parsed into a
// plain struct, and the table of Message-Ids already processed.
#include "mail/incoming_mail.hpp"

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
// ticket that event belongs to.
struct ProcessedMail {
    std::string event, ticket;
};
std::optional<ProcessedMail> find_processed_mail(SQLite::Database& db,
                                                 const std::string& message_id);
// Inside the caller's write transaction.
void record_processed_mail(SQLite::Database& db, const std::string& message_id,
                           const ProcessedMail& processed);

} // namespace tickets
