#pragma once
// The mail with a one-time sign-in link to the web pages (web/portal_sign_in.cpp).
#include "core/notify.hpp"

#include <string>

namespace tickets {

// `link` is the whole URL; `key` makes the message's file name and id
// (a hash of the link's token, never the token).
MailMessage sign_in_message(const std::string& to, const std::string& link, const std::string& key,
                            const NotifySettings& settings, Instant now);

} // namespace tickets
