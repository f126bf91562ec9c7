// tickets serve [--listen ADDR:PORT]: serve this store to clients over HTTP.
#include "cmd/commands.hpp"
#include "core/error.hpp"
#include "store/http_server.hpp"

#include <fmt/format.h>

namespace tickets {

void add_serve(CLI::App& app, Context& ctx) {
    auto listen = std::make_shared<std::string>("127.0.0.1:8080");
    auto quiet_log = std::make_shared<bool>(false);
    auto* cmd =
        app.add_subcommand("serve", "Serve this store to clients (push, pull, clone) over HTTP");
    cmd->add_option("--listen", *listen, "Address and port (port 0 picks a free one)")
        ->type_name("ADDR:PORT")
        ->capture_default_str();
    cmd->add_flag("--no-access-log", *quiet_log, "Do not log requests on stderr");
    cmd->callback([&ctx, listen, quiet_log] {
        size_t colon = listen->rfind(':');
        ServeOptions options;
        try {
            if (colon == std::string::npos) throw std::invalid_argument(*listen);
            options.host = listen->substr(0, colon);
            size_t used = 0;
            options.port = std::stoi(listen->substr(colon + 1), &used);
            if (used != listen->size() - colon - 1 || options.port < 0 || options.port > 65535)
                throw std::invalid_argument(*listen);
        } catch (const std::exception&) {
            throw Failure(kUsage, fmt::format("serve: --listen '{}' is not ADDR:PORT", *listen));
        }
        if (options.host.size() > 2 && options.host.front() == '[')
            options.host = options.host.substr(1, options.host.size() - 2);
        options.access_log = !*quiet_log;
        serve(ctx.repo().dir(), options);
    });
}

} // namespace tickets
