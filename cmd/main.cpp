// tickets: support and property-management ticketing on a local, Git-style
// store. This file wires the subcommands (one file each in cmd/) and maps
// failures to the exit codes documented in tickets(1).
#include "cmd/commands.hpp"
#include "core/error.hpp"
#include "store/sqlite_library.hpp"

#include <SQLiteCpp/Exception.h>
#include <cstring>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>
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

// The first argument that is not a global option or its value: the command
// (nullptr when there is none). Allocates nothing: see
// choose_allocator_settings.
const char* first_word(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "-C" || a == "--repo" || a == "--as" || a == "--color") {
            ++i;
            continue;
        }
        if (!a.empty() && a[0] != '-') return argv[i];
    }
    return nullptr;
}

using AddCommand = void (*)(CLI::App&, Context&);
enum class Size {
    small, // a few tickets: starts fast
    bulk,  // goes through the whole store, or serves it
};
struct Command {
    const char* name;
    const char* alias; // or nullptr
    AddCommand add;
    Size size;
};
// In the order of `tickets --help`.
const Command kCommands[] = {
    {"init", nullptr, add_init, Size::small},
    {"new", nullptr, add_new, Size::small},
    {"list", "ls", add_list, Size::small},
    {"show", nullptr, add_show, Size::small},
    {"comment", nullptr, add_comment, Size::small},
    {"edit", nullptr, add_edit, Size::small},
    {"assign", nullptr, add_assign, Size::small},
    {"status", nullptr, add_status, Size::small},
    {"escalate", nullptr, add_escalate, Size::small},
    {"resolve", "solve", add_resolve, Size::small},
    {"reopen", nullptr, add_reopen, Size::small},
    {"close", nullptr, add_close, Size::small},
    {"delete", nullptr, add_delete, Size::small},
    {"rate", nullptr, add_rate, Size::small},
    {"export", nullptr, add_export, Size::bulk},
    {"import", nullptr, add_import, Size::bulk},
    {"config", nullptr, add_config, Size::small},
    {"fsck", nullptr, add_fsck, Size::bulk},
    {"reindex", nullptr, add_reindex, Size::bulk},
    {"remote", nullptr, add_remote_command, Size::small},
    {"clone", nullptr, add_clone, Size::bulk},
    {"pull", nullptr, add_pull, Size::small},
    {"push", nullptr, add_push, Size::small},
    {"sync", nullptr, add_sync, Size::small},
    {"serve", nullptr, add_serve, Size::bulk},
    {"user", nullptr, add_user, Size::small},
    {"org", nullptr, add_org, Size::small},
    {"token", nullptr, add_token, Size::small},
    {"sweep", nullptr, add_sweep, Size::small},
    {"outbox", nullptr, add_outbox, Size::small},
    {"mail-in", nullptr, add_mail_in, Size::small},
    {"completion", nullptr, add_completion, Size::small},
};

const Command* find_command(const char* word) {
    if (!word) return nullptr;
    for (const auto& c : kCommands)
        if (std::strcmp(word, c.name) == 0 || (c.alias && std::strcmp(word, c.alias) == 0))
            return &c;
    return nullptr;
}

// Only the command that was asked for: setting up every command's options
// took a millisecond of each process, a tenth of a `show`. All of them when
// the word names none (--help, help, an unknown word) and for `completion`,
// which describes them all.
void register_commands(CLI::App& app, Context& ctx, const char* word) {
    const Command* command = find_command(word);
    if (command && std::strcmp(command->name, "completion") != 0) {
        command->add(app, ctx);
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
// paid for an madvise.)
#define TICKETS_MALLOC_CONF "narenas:2,dirty_decay_ms:1000,muzzy_decay_ms:0"
extern "C" const char* malloc_conf;
const char* malloc_conf = TICKETS_MALLOC_CONF;

namespace {

// A small command's heap on transparent huge pages: a few 2 MiB page faults
// instead of 350-600 of 4 KiB, which cost ~10 us each on the VMs we
// measure on (new 0.78 of the time, show 0.9). Not for bulk commands: an
// import took a tenth more CPU time and up to 19 MB more memory.
const char* const kSmallCommandMallocConf = TICKETS_MALLOC_CONF ",thp:always";

// jemalloc reads malloc_conf once, when the first allocation initialises
// it, which is before main. This runs earlier still: the binary's first
// constructor, to which glibc passes the program's arguments.
__attribute__((constructor(101))) void choose_allocator_settings(int argc, char** argv, char**) {
    const Command* command = find_command(first_word(argc, argv));
    if (!command || command->size == Size::small) malloc_conf = kSmallCommandMallocConf;
}

} // namespace

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
            if (const char* unknown = first_word(argc, argv))
                what = fmt::format("unknown command '{}'", unknown);
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
