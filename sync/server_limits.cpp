#include "sync/server_limits.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

namespace tickets {

namespace {

template <class T> void read_limit(const Config& config, const char* key, T& value) {
    auto text = config.get(std::string("serve.") + key);
    if (!text) return;
    bool digits = !text->empty() && text->size() <= 12 &&
                  text->find_first_not_of("0123456789") == std::string::npos;
    long long n = digits ? std::stoll(*text) : 0;
    if (n <= 0)
        throw Failure(kConfig, fmt::format("config serve.{}: '{}' is not a positive whole number",
                                           key, *text));
    value = static_cast<T>(n);
}

} // namespace

ServerLimits server_limits(const Config& config) {
    ServerLimits l;
    read_limit(config, "max_body_bytes", l.max_body_bytes);
    read_limit(config, "threads", l.threads);
    read_limit(config, "max_connections", l.max_connections);
    read_limit(config, "head_timeout", l.head_seconds);
    read_limit(config, "body_timeout", l.body_seconds);
    read_limit(config, "write_timeout", l.write_seconds);
    read_limit(config, "idle_timeout", l.idle_seconds);
    if (l.threads > 1024)
        throw Failure(kConfig,
                      fmt::format("config serve.threads: {} is more than 1024", l.threads));
    if (l.max_connections < l.threads)
        throw Failure(kConfig, fmt::format("config serve.max_connections ({}) is below "
                                           "serve.threads ({})",
                                           l.max_connections, l.threads));
    return l;
}

} // namespace tickets
