#include "cmd/context.hpp"

#include "core/error.hpp"
#include "core/pseudonym.hpp"
#include "core/text.hpp"
#include "store/discovery.hpp"
#include "store/sla_config.hpp"
#include "store/ticket_defaults.hpp"
#include "store/time_zone.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <unistd.h>

namespace tickets {

Instant Context::now() {
    if (!now_) now_ = clock_now();
    return *now_;
}

std::optional<std::filesystem::path> Context::repo_dir() {
    RepoLocation where = locate_repo(options.repo);
    if (where.exists) return where.dir;
    return std::nullopt;
}

Repository& Context::repo() {
    if (!repo_) {
        RepoLocation where = locate_repo(options.repo);
        if (!where.exists)
            throw Failure(kNotFound, "no ticket store found here or in any parent directory, and "
                                     "no default store at " +
                                         where.dir.string() + " (run 'tickets init')");
        repo_ = Repository::open(where.dir);
    }
    return *repo_;
}

Repository& Context::repo_for_write() {
    if (!repo_) {
        RepoLocation where = locate_repo(options.repo);
        repo_ = where.exists ? Repository::open(where.dir) : Repository::create(where.dir);
    }
    return *repo_;
}

const SlaSettings& Context::sla_settings() {
    if (!sla_settings_) sla_settings_ = configured_sla_settings(config());
    return *sla_settings_;
}

const TimeZone& Context::time_zone() {
    if (!time_zone_)
        time_zone_ = configured_time_zone(config().get_or("calendar.timezone", "Europe/Berlin"));
    return *time_zone_;
}

const Config& Context::config() {
    if (!config_) {
        std::optional<std::filesystem::path> dir;
        try {
            dir = repo_ ? std::optional(repo_->dir()) : repo_dir();
        } catch (const Failure&) {
            // No store: the other layers still count (e.g. `config get` outside a store).
        }
        config_ = Config::load(dir);
        if (!options.as.empty()) config_->set_override("user.email", options.as, "--as");
    }
    return *config_;
}

void Context::override_config(const std::string& key, const std::string& value,
                              const std::string& origin) {
    config();
    config_->set_override(key, value, origin);
}

std::string Context::me_if_known() {
    auto email = config().get("user.email");
    if (!email || email->empty()) return "";
    if (!is_plausible_email(*email))
        throw Failure(kConfig, fmt::format("user.email '{}' is not a mail address", *email));
    return to_lower_ascii(*email);
}

std::string Context::me() {
    std::string email = me_if_known();
    if (email.empty())
        throw Failure(kConfig, "who are you? set 'tickets config set user.email you@example.com', "
                               "TICKETS_USER, or pass --as EMAIL");
    return email;
}

void Context::act_as(const std::string& email) {
    options.as = email;
    if (config_) config_->set_override("user.email", email, "mail sender");
}

std::string Context::organisation_of(const std::string& email) {
    if (is_pseudonym(email)) return ""; // its domain names nobody's organisation
    std::string domain = email_domain(email);
    if (auto configured = config().get("domains." + domain)) return *configured;
    return is_public_mail_domain(domain) ? "" : domain;
}

bool Context::stdout_is_terminal() const {
    return ::isatty(STDOUT_FILENO) == 1;
}
bool Context::stdin_is_terminal() const {
    return ::isatty(STDIN_FILENO) == 1;
}

bool Context::use_color() const {
    if (options.color == "always") return true;
    if (options.color == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    return stdout_is_terminal() && !(no_color && *no_color);
}

void Context::say(const std::string& message) const {
    if (!options.quiet) fmt::print(stderr, "{}\n", message);
}

} // namespace tickets
