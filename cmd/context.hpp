#pragma once
// What every subcommand shares: the global flags, the clock, the acting
// user, the configuration and the store (opened on first use).
#include "core/calendar.hpp"
#include "core/sla.hpp"
#include "core/time.hpp"
#include "store/config.hpp"
#include "store/repository.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace tickets {

struct GlobalOptions {
    std::optional<std::filesystem::path> repo; // -C / --repo
    std::string as;                            // --as EMAIL
    std::string color = "auto";                // --color auto|always|never
    bool quiet = false;                        // --quiet: no messages on stderr
};

class Context {
  public:
    GlobalOptions options;

    // TICKETS_NOW when set (validated), else the system clock.
    Instant now();
    // The store for reading; Failure(kNotFound) when there is none.
    Repository& repo();
    // The store for writing: creates the per-user default store on first write.
    Repository& repo_for_write();
    const Config& config();
    // The zone of local times (calendar.timezone, default Europe/Berlin),
    // from the system's time-zone database on first use.
    const TimeZone& time_zone();
    // The SLA policies ([sla.NAME], core/sla.hpp), read on first use.
    const SlaSettings& sla_settings();
    // Sets a key for this run, as a command-line flag does (import --no-notify).
    void override_config(const std::string& key, const std::string& value,
                         const std::string& origin);

    // The acting user: --as, TICKETS_USER, user.email. Failure(kConfig) when unset.
    std::string me();
    // The same, or empty when unset (for reads, where "me" is optional).
    std::string me_if_known();
    // Acts as `email` from now on, as --as would (mail-in: the sender acts).
    void act_as(const std::string& email);
    // The organisation of an address: the configured name for its domain
    // (domains.DOMAIN), else the domain itself; none for private mail
    // providers such as gmail.com or web.de.
    std::string organisation_of(const std::string& email);

    bool stdout_is_terminal() const;
    bool stdin_is_terminal() const;
    bool use_color() const;
    // A message for people: stderr, unless -q.
    void say(const std::string& message) const;

  private:
    std::optional<std::filesystem::path> repo_dir();
    std::unique_ptr<Repository> repo_;
    std::optional<Config> config_;
    std::optional<TimeZone> time_zone_;
    std::optional<SlaSettings> sla_settings_;
    std::optional<Instant> now_;
};

} // namespace tickets
