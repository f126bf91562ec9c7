#include "store/ticket_defaults.hpp"

#include "core/error.hpp"
#include "core/names.hpp"
#include "core/text.hpp"
#include "core/workflow.hpp"

#include <chrono>
#include <cstdlib>
#include <fmt/format.h>
#include <random>

namespace tickets {

std::string configured_workflow(const Config& config) {
    std::string name = config.get_or("core.workflow", support_workflow().name);
    if (!find_workflow(name))
        throw Failure(kConfig, fmt::format("config core.workflow = '{}' is not a workflow ({})",
                                           name, join(workflow_names(), ", ")));
    return name;
}

std::string configured_priority(const Config& config, const std::string& type) {
    std::string canonical = canonical_type(type).value_or(type);
    std::string key = "priority." + canonical;
    std::string configured = config.get_or(key, default_priority_for_type(canonical));
    auto priority = canonical_priority(configured);
    if (!priority)
        throw Failure(kConfig, fmt::format("config {} = '{}' is not a priority (low, normal, high, "
                                           "urgent)",
                                           key, configured));
    return *priority;
}

std::string new_nonce() {
    static std::random_device rd; // opened once: a bulk import asks per ticket
    return fmt::format("{:08x}{:08x}", rd(), rd());
}

Instant clock_now() {
    if (const char* fixed = std::getenv("TICKETS_NOW"); fixed && *fixed) {
        auto parsed = parse_instant(fixed);
        if (!parsed)
            throw Failure(kUsage, fmt::format("TICKETS_NOW='{}' is not an ISO-8601 instant "
                                              "(e.g. 2026-11-23T09:00:00Z)",
                                              fixed));
        return *parsed;
    }
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace tickets
