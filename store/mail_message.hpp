#pragma once
// Incoming mail for `tickets mail-in`: one RFC 5322 message parsed with
// GMime into a plain struct, and the table of Message-Ids already processed.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}

namespace tickets {

struct MailAttachment {
    std::string name;  // file name without directories (generated when the part has none)
    std::string mime;  // declared content type, lower case ("application/pdf")
    std::string bytes; // decoded content
};

struct IncomingMail {
    std::string from;                     // the sender's address, lower case
    std::string from_name;                // display name, UTF-8 (may be empty)
    std::vector<std::string> cc;          // addresses, lower case, in order, no duplicates
    std::string subject;                  // decoded to UTF-8, one line (may be empty)
    std::string message_id;               // without <>; empty when the header is missing
    std::vector<std::string> in_reply_to; // In-Reply-To, then References, without <>
    std::string text; // the text/plain body in UTF-8 (HTML converted when there is none)
    std::vector<MailAttachment> attachments;
};

// Parses a message (a leading mbox "From " line is skipped). MIME with
// quoted-printable and base64, RFC 2047 headers and RFC 2231 file names are
// decoded and every text is converted to UTF-8 (undeclared 8-bit text is
// read as UTF-8, else Windows-1252). Throws Failure(kDataErr) when the input
// is not a mail message or has no sender address.
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
