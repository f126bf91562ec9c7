// tickets: support and property-management ticketing on a local, Git-style
// store. This file wires the subcommands (one file each in cmd/) and maps
// failures to the exit codes documented in tickets(1).
#include "cmd/commands.hpp"
#include "core/error.hpp"
#include "store/sqlite_library.hpp"

#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sqlite3.h>

using namespace tickets;

namespace {

void add_help(CLI::App& app) {
    auto* help = app.add_subcommand("help", "Show help for a subcommand");
    auto topic = std::make_shared<std::string>();
    help->add_option("command", *topic, "Subcommand");
    help->callback([&app, topic] {
        if (topic->empty()) {
            std::cout << app.help();
            return;
        }
        CLI::App* sub = nullptr;
        try {
            sub = app.get_subcommand(*topic);
        } catch (const CLI::OptionNotFound&) {
        }
        if (!sub || *topic == "help")
            throw Failure(kUsage,
                          fmt::format("no such command '{}' (see 'tickets --help')", *topic));
        std::cout << sub->help();
    });
}

// The first argument that is not a global option or its value: the command.
std::optional<std::string> first_word(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "-C" || a == "--repo" || a == "--as" || a == "--color") {
            ++i;
            continue;
        }
        if (!a.empty() && a[0] != '-') return std::string(a);
    }
    return std::nullopt;
}

int exit_code_of(const SQLite::Exception& e) {
    switch (e.getErrorCode()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
        return kTempFail;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
        return kNoPerm;
    default:
        return kDataErr;
    }
}

} // namespace

// jemalloc's settings (it is linked into the release binary, see
// CMakeLists.txt): two arenas for the two threads of an import or a pull,
// and freed pages returned after one second rather than ten, which kept a
// clone's peak memory above 100 MB. (At once, every free of a long listing
// paid for an madvise.)
extern "C" const char* malloc_conf;
const char* malloc_conf = "narenas:2,dirty_decay_ms:1000,muzzy_decay_ms:0";

int main(int argc, char** argv) {
    configure_sqlite_library();
    Context ctx;
    CLI::App app{"tickets: support and property-management tickets on a local, Git-style store",
                 "tickets"};
    app.set_version_flag("--version", "tickets 0.1.0");
    app.require_subcommand(1);
    app.fallthrough();
    app.add_option("-C,--repo", ctx.options.repo, "Use the store in DIR (or above it)")
        ->type_name("DIR");
    app.add_option("--as", ctx.options.as, "Act as this user (overrides user.email)")
        ->type_name("EMAIL");
    app.add_option("--color", ctx.options.color, "Colour: auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    app.add_flag("--quiet", ctx.options.quiet, "No messages on stderr");

    add_init(app, ctx);
    add_new(app, ctx);
    add_list(app, ctx);
    add_show(app, ctx);
    add_comment(app, ctx);
    add_edit(app, ctx);
    add_assign(app, ctx);
    add_status(app, ctx);
    add_escalate(app, ctx);
    add_resolve(app, ctx);
    add_reopen(app, ctx);
    add_close(app, ctx);
    add_delete(app, ctx);
    add_rate(app, ctx);
    add_export(app, ctx);
    add_import(app, ctx);
    add_config(app, ctx);
    add_fsck(app, ctx);
    add_reindex(app, ctx);
    add_remote_command(app, ctx);
    add_clone(app, ctx);
    add_pull(app, ctx);
    add_push(app, ctx);
    add_sync(app, ctx);
    add_serve(app, ctx);
    add_user(app, ctx);
    add_org(app, ctx);
    add_token(app, ctx);
    add_sweep(app, ctx);
    add_outbox(app, ctx);
    add_mail_in(app, ctx);
    add_completion(app, ctx);
    add_help(app);

    try {
        app.parse(argc, argv);
        std::cout.flush();
        return std::cout ? kOk : kTempFail;
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e); // --help, --version
        std::string what = e.what();
        if (app.get_subcommands().empty()) {
            if (auto unknown = first_word(argc, argv))
                what = fmt::format("unknown command '{}'", *unknown);
        }
        fmt::print(stderr, "tickets: {} (see 'tickets --help')\n", what);
        return kUsage;
    } catch (const Failure& e) {
        std::cout.flush();
        fmt::print(stderr, "tickets: {}\n", e.what());
        return e.code();
    } catch (const SQLite::Exception& e) {
        fmt::print(stderr, "tickets: store: {}\n", e.what());
        return exit_code_of(e);
    } catch (const nlohmann::json::exception& e) {
        fmt::print(stderr, "tickets: bad JSON: {}\n", e.what());
        return kDataErr;
    } catch (const std::filesystem::filesystem_error& e) {
        fmt::print(stderr, "tickets: {}\n", e.what());
        return kTempFail;
    }
}
