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

using AddCommand = void (*)(CLI::App&, Context&);
struct Command {
    const char* name;
    const char* alias; // or nullptr
    AddCommand add;
};
// In the order of `tickets --help`.
const Command kCommands[] = {
    {"init", nullptr, add_init},
    {"new", nullptr, add_new},
    {"list", "ls", add_list},
    {"show", nullptr, add_show},
    {"comment", nullptr, add_comment},
    {"edit", nullptr, add_edit},
    {"assign", nullptr, add_assign},
    {"status", nullptr, add_status},
    {"escalate", nullptr, add_escalate},
    {"resolve", "solve", add_resolve},
    {"reopen", nullptr, add_reopen},
    {"close", nullptr, add_close},
    {"delete", nullptr, add_delete},
    {"rate", nullptr, add_rate},
    {"export", nullptr, add_export},
    {"import", nullptr, add_import},
    {"config", nullptr, add_config},
    {"fsck", nullptr, add_fsck},
    {"reindex", nullptr, add_reindex},
    {"remote", nullptr, add_remote_command},
    {"clone", nullptr, add_clone},
    {"pull", nullptr, add_pull},
    {"push", nullptr, add_push},
    {"sync", nullptr, add_sync},
    {"serve", nullptr, add_serve},
    {"user", nullptr, add_user},
    {"org", nullptr, add_org},
    {"token", nullptr, add_token},
    {"sweep", nullptr, add_sweep},
    {"outbox", nullptr, add_outbox},
    {"mail-in", nullptr, add_mail_in},
    {"completion", nullptr, add_completion},
};

// Only the command that was asked for: setting up every command's options
// took a millisecond of each process, a tenth of a `show`. All of them when
// the word names none (--help, help, an unknown word) and for `completion`,
// which describes them all.
void register_commands(CLI::App& app, Context& ctx, const std::optional<std::string>& word) {
    if (word && *word != "completion")
        for (const auto& c : kCommands)
            if (*word == c.name || (c.alias && *word == c.alias)) {
                c.add(app, ctx);
                return;
            }
    for (const auto& c : kCommands) c.add(app, ctx);
    add_help(app);
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
// paid for an madvise.) The heap on transparent huge pages: a few 2 MiB
// page faults instead of hundreds of 4 KiB ones in every short command;
// commands that go through the whole store turn them off again, see
// store/memory_pages.hpp.
extern "C" const char* malloc_conf;
const char* malloc_conf = "narenas:2,dirty_decay_ms:1000,muzzy_decay_ms:0,thp:always";

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

    register_commands(app, ctx, first_word(argc, argv));

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
