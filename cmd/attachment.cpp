// tickets attachment list ID | get ID NAME [-o FILE]: the files of a
// ticket's correspondence, taken out of the store (objects/, by SHA-256).
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "store/blobs.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>

namespace tickets {

namespace {

// Every attachment of the ticket's correspondence, oldest first.
std::vector<Json> attachments_of(Repository& repo, const std::string& id) {
    std::vector<Json> out;
    Json ticket = repo.ticket_json_with_comments(id); // kept: the loop reads inside it
    for (const auto& c : ticket.at("comments"))
        for (const auto& a : c.at("attachments")) out.push_back(a);
    return out;
}

// The attachment called `name`, or whose SHA-256 starts with it (4 digits
// or more); of several files of that name, the latest.
Json find_attachment(Repository& repo, const std::string& id, const std::string& name) {
    std::vector<Json> all = attachments_of(repo, id);
    const Json* found = nullptr;
    for (const auto& a : all)
        if (a.at("name") == name) found = &a;
    if (!found && name.size() >= 4) {
        std::vector<const Json*> by_hash;
        for (const auto& a : all)
            if (a.at("sha256").get<std::string>().rfind(to_lower_ascii(name), 0) == 0)
                by_hash.push_back(&a);
        if (by_hash.size() > 1)
            throw Failure(kAmbiguous, fmt::format("ticket {}: '{}' starts the hashes of {} "
                                                  "attachments",
                                                  abbrev(repo, id), name, by_hash.size()));
        if (!by_hash.empty()) found = by_hash.front();
    }
    if (!found) {
        std::vector<std::string> names;
        for (const auto& a : all) names.push_back(a.at("name").get<std::string>());
        throw Failure(kNotFound,
                      fmt::format("ticket {}: no attachment '{}' ({})", abbrev(repo, id), name,
                                  names.empty() ? "it has none" : join(names, ", ")));
    }
    return *found;
}

} // namespace

void add_attachment(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("attachment", "List a ticket's attachments or take one out");
    cmd->require_subcommand(1);

    auto list_id = std::make_shared<std::string>();
    auto* list = cmd->add_subcommand("list", "The ticket's attachments: name, type, size, hash");
    list->add_option("id", *list_id, "Ticket id")->required();
    list->callback([&ctx, list_id] {
        Repository& repo = ctx.repo();
        std::string id = resolve_ids(repo, {*list_id}).front();
        for (const auto& a : attachments_of(repo, id))
            std::cout << fmt::format("{}\t{}\t{}\t{}\n", a.at("name").get<std::string>(),
                                     a.at("mime").get<std::string>(),
                                     a.at("size").get<std::int64_t>(),
                                     a.at("sha256").get<std::string>());
    });

    struct GetOptions {
        std::string id, name, output;
    };
    auto o = std::make_shared<GetOptions>();
    auto* get = cmd->add_subcommand("get", "Write an attachment to a file");
    get->add_option("id", o->id, "Ticket id")->required();
    get->add_option("name", o->name, "Its file name, or the start of its SHA-256")->required();
    get->add_option("-o,--output", o->output, "Write to FILE (- for stdout; default: ./NAME)")
        ->type_name("FILE");
    get->callback([&ctx, o] {
        Repository& repo = ctx.repo();
        std::string id = resolve_ids(repo, {o->id}).front();
        Json a = find_attachment(repo, id, o->name);
        std::string sha = a.at("sha256").get<std::string>();
        auto bytes = read_blob(repo.dir(), sha);
        if (!bytes)
            throw Failure(kNotFound, fmt::format("ticket {}: attachment {} is not in this store "
                                                 "(blob {} missing; pull it)",
                                                 abbrev(repo, id), a.at("name").get<std::string>(),
                                                 sha.substr(0, 12)));
        if (o->output == "-") {
            std::cout << *bytes << std::flush;
            return;
        }
        // The stored name is the sender's: only its last component is used.
        std::string file =
            o->output.empty()
                ? std::filesystem::path(a.at("name").get<std::string>()).filename().string()
                : o->output;
        if (file.empty() || file == "." || file == "..")
            throw Failure(kUsage, "attachment get: give the file to write with -o");
        if (o->output.empty() && std::filesystem::exists(file))
            throw Failure(kRefused, fmt::format("attachment get: {} exists; give -o to choose "
                                                "where to write",
                                                file));
        std::ofstream out(file, std::ios::binary);
        out << *bytes;
        out.close();
        if (!out) throw Failure(kDataErr, fmt::format("attachment get: cannot write {}", file));
        ctx.say(fmt::format("wrote {} ({} bytes)", file, bytes->size()));
    });
}

} // namespace tickets
