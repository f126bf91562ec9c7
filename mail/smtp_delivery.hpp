#pragma once
// One message to send, as `tickets outbox flush` hands it to the helper
// tickets-smtp (mail/smtp_main.cpp, libcurl): the envelope and credentials in
// the frame's header (never on a command line), the message as its body.
// The answer's header is empty when the server accepted the message, else
// {"refused": why}.
#include "helper/frame.hpp"

#include <string>
#include <vector>

namespace tickets {

struct SmtpDelivery {
    std::string url;  // smtp://host:port or smtps://host:port
    std::string from; // envelope sender
    std::string user, password;
    std::vector<std::string> recipients;
    std::string message; // RFC 5322
};

helper::Frame to_frame(const SmtpDelivery& delivery);
SmtpDelivery delivery_from_frame(const helper::Frame& frame);

// In the helper: empty when the server accepted the message, else why not.
std::string send_mail(const SmtpDelivery& delivery);

} // namespace tickets
