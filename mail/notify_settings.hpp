#pragma once
// The [notify] settings, read alike by the commands (cmd/notify.cpp) and the
// server (sync/server_automation.cpp).
#include "core/notify.hpp"
#include "mail/outbox.hpp"
#include "store/accounts.hpp"
#include "store/config.hpp"

namespace tickets {

// notify.from and notify.language (de or en); Failure(kConfig) on a bad value.
NotifySettings notify_settings(const Config& config);

// Adds who stands behind the ticket's anonymous requester, when the store
// knows, to settings.identities: the requester is then mailed alone.
void learn_identity(NotifySettings& settings, Accounts& accounts, const Ticket& t);

// Whether a change queues mail (notify.enabled): "true" always, "false"
// never, "auto" (the default) unless the store is a clone, whose server
// sends the mail for what it accepts. Failure(kConfig) on another value.
bool notifications_enabled(const Config& config, bool is_clone);

// smtp.url and notify.from, the credentials from $TICKETS_SMTP_USER and
// $TICKETS_SMTP_PASSWORD; nothing without smtp.url. Failure(kConfig) for a
// URL that is not smtp:// or smtps://.
std::optional<SmtpSettings> smtp_settings(const Config& config);

} // namespace tickets
