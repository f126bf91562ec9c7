#pragma once
// Mail that must go out at once (a sign-in link) is made and sent by a
// thread of the server's own: the request that asks for it is answered
// before anything about the address is looked up, so the answer takes as
// long and reads the same whether a mail goes out or not, and it does not
// wait for the SMTP server.
#include "store/repository.hpp"

#include <filesystem>
#include <functional>

namespace tickets {

// Runs `job` on the sender thread with its own connection to the store,
// then writes what is queued in the outbox (mail/outbox.hpp settle_outbox)
// and flushes it through smtp.url; without smtp.url the messages wait for
// `tickets outbox flush`. Sent sign-in mails are then deleted from
// outbox/sent/: their links must not outlive the sending. Returns at once.
void send_soon(const std::filesystem::path& repo_dir, std::function<void(Repository&)> job);

} // namespace tickets
