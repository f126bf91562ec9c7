// tickets: support and property-management ticketing on a local, Git-style
// store. This file wires the subcommands (one file each in cmd/) and maps
// failures to the exit codes documented in tickets(1).
#include "build_config.hpp"
#include "cmd/commands.hpp"
#include "core/error.hpp"
#include "helper/allocator.hpp"
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
            // app.help() would describe the subcommand being run: help itself.
            std::cout << app.get_formatter()->make_help(&app, app.get_name(),
                                                        CLI::AppFormatMode::Normal);
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
// (nullptr when there is none).
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
    {"link", nullptr, add_link},
    {"merge", nullptr, add_merge},
    {"attachment", nullptr, add_attachment},
    {"macro", nullptr, add_macro},
    {"kb", nullptr, add_kb},
    {"report", nullptr, add_report},
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
    {"rejected", nullptr, add_rejected},
    {"serve", nullptr, add_serve},
    {"user", nullptr, add_user},
    {"org", nullptr, add_org},
    {"token", nullptr, add_token},
    {"sweep", nullptr, add_sweep},
    {"outbox", nullptr, add_outbox},
    {"mail-in", nullptr, add_mail_in},
    {"completion", nullptr, add_completion},
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

namespace {

// `tickets --version`: the version and the optional parts this build has
// (CMake options TICKETS_SYNC, TICKETS_MAIL, TICKETS_SIMDJSON, TICKETS_XLSX,
// TICKETS_PDF), which tests probe to skip what is not built.
std::string version_text() {
    std::string features;
    for (auto [name, on] : {std::pair{"sync", TICKETS_SYNC}, std::pair{"mail", TICKETS_MAIL},
                            std::pair{"simdjson", TICKETS_SIMDJSON},
                            std::pair{"xlsx", TICKETS_XLSX}, std::pair{"pdf", TICKETS_PDF}})
        if (on) features += std::string(features.empty() ? "" : " ") + name;
    return fmt::format("tickets {}\nfeatures: {}", TICKETS_VERSION,
                       features.empty() ? "none" : features);
}

} // namespace

int main(int argc, char** argv) {
    keep_freed_memory();
    configure_sqlite_library();
    Context ctx;
    CLI::App app{"tickets: support and property-management tickets on a local, Git-style store",
                 "tickets"};
    app.set_version_flag("--version", version_text());
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
