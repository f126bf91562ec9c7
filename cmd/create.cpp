#include "cmd/create.hpp"

#include "cmd/automation.hpp"
#include "cmd/common.hpp"
#include "cmd/notify.hpp"
#include "core/error.hpp"
#include "core/event_schema.hpp"
#include "core/fold.hpp"
#include "core/hash.hpp"
#include "core/names.hpp"
#include "core/text.hpp"
#include "core/workflow.hpp"
#include "store/blobs.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <random>

namespace tickets {

namespace {

std::string random_nonce() {
    std::random_device rd;
    return fmt::format("{:08x}{:08x}", rd(), rd());
}

// Content sniffing for the common attachment kinds, by magic bytes.
std::string sniff_mime(const std::string& bytes) {
    auto starts = [&](std::string_view magic) { return bytes.rfind(magic, 0) == 0; };
    if (starts("%PDF-")) return "application/pdf";
    if (starts("\x89PNG\r\n\x1a\n")) return "image/png";
    if (starts("\xff\xd8\xff")) return "image/jpeg";
    if (starts("GIF87a") || starts("GIF89a")) return "image/gif";
    if (starts("PK\x03\x04")) return "application/zip";
    return "application/octet-stream";
}

} // namespace

Json store_attachments(Repository& repo, const std::vector<std::string>& files) {
    Json list = Json::array();
    std::vector<std::string> contents;
    for (const auto& f : files) { // all readable before any write
        contents.push_back(read_file(f));
        if (contents.back().size() > kMaxAttachmentBytes)
            throw Failure(kDataErr, fmt::format("cannot attach {}: {} bytes, more than {} MiB", f,
                                                contents.back().size(), kMaxAttachmentBytes >> 20));
    }
    for (size_t i = 0; i < files.size(); ++i) {
        std::string sha = put_blob(repo.dir(), contents[i]);
        list.push_back({{"name", std::filesystem::path(files[i]).filename().string()},
                        {"sha256", sha},
                        {"mime", sniff_mime(contents[i])},
                        {"size", contents[i].size()}});
    }
    return list;
}

Ticket create_ticket(Context& ctx, Repository& repo, TicketDraft draft) {
    if (draft.requester.empty()) draft.requester = ctx.me();
    if (draft.organisation.empty()) draft.organisation = ctx.organisation_of(draft.requester);
    if (draft.nonce.empty()) draft.nonce = random_nonce();
    // The workflow is fixed at creation and recorded in the create event, so
    // that every replica folds the ticket alike whatever its own config says.
    if (draft.workflow.empty()) {
        draft.workflow = ctx.config().get_or("core.workflow", support_workflow().name);
        if (!find_workflow(draft.workflow))
            throw Failure(kConfig, fmt::format("config core.workflow = '{}' is not a workflow ({})",
                                               draft.workflow, join(workflow_names(), ", ")));
    }
    auto type = canonical_type(draft.type).value_or(draft.type);
    std::string key = "priority." + type;
    std::string configured = ctx.config().get_or(key, default_priority_for_type(type));
    auto priority = canonical_priority(configured);
    if (!priority)
        throw Failure(kConfig, fmt::format("config {} = '{}' is not a priority (low, normal, high, "
                                           "urgent)",
                                           key, configured));
    bool priority_given = !draft.priority.empty();
    draft = validated(std::move(draft), *priority);
    apply_create_rules(ctx, draft, priority_given);
    Event e = make_event(ctx, repo, "create", "", create_payload(draft));
    Ticket t;
    apply_event(t, e);
    // A new event makes a new ticket: its rows are inserted, not upserted
    // (see Repository::materialise). The same create given twice (same
    // content, same second) is the ticket already there.
    repo.materialise(t, /*fresh=*/repo.append(e));
    queue_notifications(ctx, repo, Ticket{}, e, t);
    return t;
}

} // namespace tickets
