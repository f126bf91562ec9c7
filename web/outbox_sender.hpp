#pragma once
// Mail that must go out at once (a sign-in link): the server's outbox is
// flushed by a thread of its own, so that a request does not wait for the
// SMTP server, and the answer takes as long whether a mail was sent or not.
#include <filesystem>

namespace tickets {

// Asks the sender thread to flush the store's outbox through smtp.url
// (mail/outbox.hpp); without smtp.url the messages wait for `tickets
// outbox flush`. Returns at once.
void send_outbox_soon(const std::filesystem::path& repo_dir);

} // namespace tickets
