#include "mail/notify_settings.hpp"

#include "core/error.hpp"
#include "core/pseudonym.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace tickets {

NotifySettings notify_settings(const Config& config) {
    NotifySettings s;
    s.from = config.get_or("notify.from", s.from);
    s.language = config.get_or("notify.language", s.language);
    if (s.language != "de" && s.language != "en")
        throw Failure(kConfig,
                      fmt::format("config notify.language = '{}' is not de or en", s.language));
    s.portal_url = config.get_or("serve.url", "");
    while (!s.portal_url.empty() && s.portal_url.back() == '/') s.portal_url.pop_back();
    return s;
}

void learn_identity(NotifySettings& settings, Accounts& accounts, const Ticket& t) {
    if (!is_pseudonym(t.requester) || settings.identities.count(t.requester)) return;
    if (auto owner = accounts.pseudonym_owner(t.requester))
        settings.identities[t.requester] = *owner;
}

bool notifications_enabled(const Config& config, bool is_clone) {
    std::string enabled = config.get_or("notify.enabled", "auto");
    if (enabled == "auto") return !is_clone;
    if (enabled == "true") return true;
    if (enabled == "false") return false;
    throw Failure(kConfig,
                  fmt::format("config notify.enabled = '{}' is not auto, true or false", enabled));
}

std::optional<SmtpSettings> smtp_settings(const Config& config) {
    auto url = config.get("smtp.url");
    if (!url || url->empty()) return std::nullopt;
    if (url->rfind("smtp://", 0) != 0 && url->rfind("smtps://", 0) != 0)
        throw Failure(
            kConfig,
            fmt::format("config smtp.url = '{}' must start with smtp:// or smtps://", *url));
    SmtpSettings smtp;
    smtp.url = *url;
    smtp.from = config.get_or("notify.from", "tickets@localhost");
    if (const char* u = std::getenv("TICKETS_SMTP_USER")) smtp.user = u;
    if (const char* p = std::getenv("TICKETS_SMTP_PASSWORD")) smtp.password = p;
    return smtp;
}

} // namespace tickets
