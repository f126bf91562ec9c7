// tickets user|org|token: the people, organisations and tokens a server
// knows (run them in the server's store).
#include "store/accounts.hpp"
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "store/property_register.hpp"

#include <fmt/format.h>
#include <iostream>

namespace tickets {

void add_user(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("user", "Manage the users of a server");
    cmd->require_subcommand(1);
    auto u = std::make_shared<User>();
    auto json = std::make_shared<bool>(false);
    auto* add = cmd->add_subcommand("add", "Add or change a user: EMAIL --role ROLE");
    add->add_option("email", u->email, "Mail address")->required();
    add->add_option("--role", u->role,
                    "customer, main-contact, admin, agent; tenant, owner, board, provider, "
                    "caretaker, manager (or the German names: Mieter, Eigentümer, Beirat, "
                    "Dienstleister, Hauswart, Hausverwalter, Hauptansprechpartner, …)")
        ->required()
        ->check([](const std::string& role) {
            return canonical_role(role)
                       ? std::string()
                       : "unknown role '" + role + "' (" + join(all_roles(), ", ") + ")";
        });
    add->add_option("--property", u->properties,
                    "Properties the resident lives in, by name or id (several; replaces the "
                    "user's)")
        ->type_name("NAME");
    add->add_option("--org", u->organisation, "Organisation (default: by mail domain)")
        ->type_name("NAME");
    add->add_flag("--restricted", u->restricted, "Sees only own and CC'd tickets");
    add->callback([&ctx, u] {
        Repository& repo = ctx.repo();
        User given = *u;
        PropertyRegister properties(ctx.config()); // an id stands for its property's name
        for (auto& p : given.properties) p = properties.name_of(p);
        Repository::WriteTransaction tx(repo);
        User saved = Accounts(repo).add_user(given);
        tx.commit();
        ctx.say(fmt::format("user {}: {}{}{}", saved.email, saved.role,
                            saved.organisation.empty() ? "" : ", " + saved.organisation,
                            saved.properties.empty() ? "" : ", " + join(saved.properties, "; ")));
    });
    auto* list = cmd->add_subcommand("list", "List users");
    add_json_flag(list, *json);
    list->callback([&ctx, json] {
        Json out = Json::array();
        for (const auto& user : Accounts(ctx.repo()).users()) {
            out.push_back({{"email", user.email},
                           {"role", user.role},
                           {"organisation", user.organisation},
                           {"restricted", user.restricted},
                           {"properties", user.properties}});
            if (!*json)
                std::cout << user.email << "\t" << user.role << "\t" << user.organisation
                          << (user.restricted ? "\trestricted" : "")
                          << (user.properties.empty() ? "" : "\t" + join(user.properties, "; "))
                          << "\n";
        }
        if (*json) print_json(out);
    });
}

void add_org(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("org", "Manage the organisations of a server");
    cmd->require_subcommand(1);
    auto org = std::make_shared<Organisation>();
    auto restricted = std::make_shared<bool>(false);
    auto json = std::make_shared<bool>(false);
    auto* add = cmd->add_subcommand("add", "Add or change an organisation: NAME --domain DOMAIN");
    add->add_option("name", org->name, "Name")->required();
    add->add_option("--domain", org->domains, "Mail domain of its members (repeatable)")
        ->required()
        ->allow_extra_args(false);
    auto* shared =
        add->add_flag("--shared", org->shared, "All members see all tickets of the organisation");
    add->add_flag("--restricted", *restricted, "Members see only their own tickets (default)")
        ->excludes(shared);
    add->callback([&ctx, org] {
        Repository& repo = ctx.repo();
        Repository::WriteTransaction tx(repo);
        Accounts(repo).add_organisation(*org);
        tx.commit();
        ctx.say(fmt::format("organisation {}: {} ({})", org->name, join(org->domains, ", "),
                            org->shared ? "shared" : "restricted"));
    });
    auto* list = cmd->add_subcommand("list", "List organisations");
    add_json_flag(list, *json);
    list->callback([&ctx, json] {
        Json out = Json::array();
        for (const auto& o : Accounts(ctx.repo()).organisations()) {
            out.push_back({{"name", o.name}, {"domains", o.domains}, {"shared", o.shared}});
            if (!*json)
                std::cout << o.name << "\t" << join(o.domains, ",") << "\t"
                          << (o.shared ? "shared" : "restricted") << "\n";
        }
        if (*json) print_json(out);
    });
}

void add_token(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("token", "Create and revoke access tokens of a server");
    cmd->require_subcommand(1);
    auto email = std::make_shared<std::string>();
    auto* create = cmd->add_subcommand("create", "Create a token for a user (printed once)");
    create->add_option("email", *email, "The user")->required();
    create->callback([&ctx, email] {
        Repository& repo = ctx.repo();
        Repository::WriteTransaction tx(repo);
        std::string token = Accounts(repo).create_token(to_lower_ascii(*email), ctx.now());
        tx.commit();
        std::cout << token << "\n";
        ctx.say("store it now: the server keeps only its hash");
    });
    auto* revoke =
        cmd->add_subcommand("revoke", "Revoke every token of a user and end their web sessions");
    revoke->add_option("email", *email, "The user")->required();
    revoke->callback([&ctx, email] {
        Repository& repo = ctx.repo();
        Repository::WriteTransaction tx(repo);
        int sessions = 0;
        int n = Accounts(repo).revoke_tokens(*email, ctx.now(), &sessions);
        tx.commit();
        if (n == 0 && sessions == 0)
            throw Failure(kNotFound, fmt::format("token: {} has no active token", *email));
        ctx.say(fmt::format("revoked {} token(s) of {}", n, *email));
        if (sessions > 0) ctx.say(fmt::format("ended {} web session(s)", sessions));
    });
}

} // namespace tickets
