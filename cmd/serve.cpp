// tickets serve [--listen ADDR:PORT]: serve this store to clients over HTTP.
// The server is the helper tickets-serve (sync/serve_main.cpp), which this
// command becomes once it has checked its options and found the store.
#include "cmd/commands.hpp"
#include "core/error.hpp"
#include "helper/helper.hpp"

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
        std::string host;
        int port = 0;
        try {
            if (colon == std::string::npos) throw std::invalid_argument(*listen);
            host = listen->substr(0, colon);
            size_t used = 0;
            port = std::stoi(listen->substr(colon + 1), &used);
            if (used != listen->size() - colon - 1 || port < 0 || port > 65535)
                throw std::invalid_argument(*listen);
        } catch (const std::exception&) {
            throw Failure(kUsage, fmt::format("serve: --listen '{}' is not ADDR:PORT", *listen));
        }
        if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
        std::vector<std::string> args{ctx.repo().dir().string(), host, std::to_string(port)};
        if (*quiet_log) args.push_back("--no-access-log");
        helper::exec_helper("tickets-serve", "sync", args);
    });
}

} // namespace tickets
