#pragma once
// One incoming RFC 5322 message as mail intake reads it, and its frames
// between `tickets mail-in` and the helper tickets-mail-parse
// (helper/frame.hpp): the fields in the header, the attachments' bytes one
// after the other in the body.
#include "helper/frame.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tickets {

struct MailAttachment {
    std::string name;  // file name without directories (generated when the part has none)
    std::string mime;  // declared content type, lower case ("application/pdf")
    std::string bytes; // decoded content
};

// MIME with quoted-printable and base64, RFC 2047 headers and RFC 2231 file
// names decoded and every text converted to UTF-8 (undeclared 8-bit text is
// read as UTF-8, else Windows-1252).
struct IncomingMail {
    std::string from;                     // the sender's address, lower case
    std::string from_name;                // display name, UTF-8 (may be empty)
    std::vector<std::string> cc;          // addresses, lower case, in order, no duplicates
    std::string subject;                  // decoded to UTF-8, one line (may be empty)
    std::string message_id;               // without <>; empty when the header is missing
    std::vector<std::string> in_reply_to; // In-Reply-To, then References, without <>
    std::string text; // the text/plain body in UTF-8 (HTML converted when there is none)
    std::vector<MailAttachment> attachments;
    // The fields of core/mail_text.hpp kAutomationHeaders that the message
    // has (Content-Type: the top-level type), for machine_mail().
    std::vector<std::pair<std::string, std::string>> automation;
};

helper::Frame to_frame(const IncomingMail& mail);
// Failure(kTempFail) when the frame does not hold a message.
IncomingMail mail_from_frame(const helper::Frame& frame);

// In the helper: the message parsed with GMime (mail/mime.cpp).
IncomingMail parse_mail_with_gmime(std::string_view raw);

} // namespace tickets
