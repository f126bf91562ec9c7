#pragma once
// What the server does on its own (DESIGN.md: the server is the authority
// of a team). For every event a push brings that it accepts and does not
// skip, it queues the notifications; to every ticket created by a push it
// applies its [rules.*]; a public reply to a ticket it has closed opens the
// linked follow-up, as a local `comment` does. Its own events are authored
// by the server identity: serve.identity, else notify.from. A pushed
// ticket whose SLA targets are not the ones the server's [sla.*] policies
// give it (a clone without them) gets the server's through its own `set`. (Changes made
// on the server itself, `mail-in` included, are the commands' own and do
// the same there: cmd/notify.cpp, cmd/create.cpp.)
#include "core/notify.hpp"
#include "core/rules.hpp"
#include "core/ticket.hpp"
#include "store/config.hpp"
#include "store/repository.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tickets {

struct ServerPolicy {
    std::string identity;
    std::string workflow; // of tickets created on the server, and learnt by clones
    bool notify = true;
    NotifySettings notify_settings;
    std::vector<CreateRule> rules;
    SlaSettings sla; // the targets a pushed ticket takes when its clone had none or others
    Config config;   // priority.TYPE for follow-ups
};

// From the server store's configuration; Failure(kConfig) on a bad setting.
ServerPolicy server_policy(const Config& config);

// GET /v1/info: {"workflow", "identity", "version"}, what clones learn.
Json server_info(const ServerPolicy& policy);

// One push's automation, inside its write transaction.
class ServerAutomation {
  public:
    ServerAutomation(Repository& repo, const ServerPolicy& policy, Instant now);

    // `e` was accepted and taken by the fold: `before` is its ticket before
    // it, `after` the ticket after it. The server's own events on that
    // ticket are appended and applied to `after` as well. Returns the
    // verdict for `e` when the server decides it stays without effect (a
    // reply to a closed ticket, which went to its follow-up instead).
    std::optional<std::string> accepted(const Ticket& before, const Event& e, Ticket& after);

    // After the commit: the queued messages' files in outbox/ (a failure
    // leaves them queued in the store for `outbox` and the sweep).
    void write_messages();

  private:
    Event own_event(const std::string& type, const std::string& ticket, Json payload);
    void append_own(Ticket& t, const Event& e);
    void notify(const Ticket& before, const Event& e, const Ticket& after);
    void apply_rules(Ticket& t, bool priority_given);
    void stamp_sla_targets(const Ticket& before, const Event& e, Ticket& after);
    std::optional<std::string> open_follow_up(Ticket& closed, const Event& reply);

    Repository& repo_;
    const ServerPolicy& policy_;
    NotifySettings notify_settings_; // the policy's, with the store's staff
    Instant now_;
    std::vector<std::pair<std::string, std::string>> messages_; // name, content
};

} // namespace tickets
