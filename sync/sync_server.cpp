#include "sync/sync_server.hpp"

#include "core/error.hpp"
#include "core/event_schema.hpp"
#include "core/fold.hpp"
#include "core/ids.hpp"
#include "core/json_parse.hpp"
#include "core/names.hpp"
#include "core/pseudonym.hpp"
#include "core/text.hpp"

#include "store/blobs.hpp"
#include "store/config.hpp"
#include "store/kb_store.hpp"
#include "sync/visibility.hpp"

#include <fmt/format.h>
#include <map>

namespace tickets {

namespace {

// The wire form of a stored event without parsing it: the canonical body
// is a JSON object, and "id" goes in front of its other keys.
void append_wire_event(std::string& out, const std::string& id, const std::string& body) {
    out += "{\"id\":\"";
    out += id;
    out += "\",";
    out.append(body, 1, std::string::npos);
}

// What a push of tickets' events and one of article versions both refuse.
void check_push_batch(const Json& events) {
    if (!events.is_array()) throw Failure(kDataErr, "'events' must be an array");
    if (events.size() > kMaxPushEvents)
        throw Failure(kDataErr, fmt::format("at most {} events per push", kMaxPushEvents));
}

// A pushed event's answer, named by the id it claims (null when it has none).
Json push_result(const Json& event) {
    return {{"id", event.is_object() && event.contains("id") && event["id"].is_string()
                       ? event["id"]
                       : Json(nullptr)}};
}

} // namespace

std::string pull_page(Repository& repo, Accounts& accounts, const User& user, std::int64_t after,
                      int limit) {
    limit = std::clamp(limit, 1, kMaxPageSize);
    VisibilityCache visibility(repo, accounts, user);
    // Scan a bounded number of rows so that a customer behind many invisible
    // events still gets a quick answer (with more = true).
    const int scan = limit * 4;
    SQLite::Statement st(repo.db(),
                         "SELECT e.seq, e.id, e.ticket, e.type, e.body, v.reason FROM events e "
                         "LEFT JOIN verdicts v ON v.event = e.id WHERE e.seq > ? "
                         "ORDER BY e.seq LIMIT ?");
    st.bind(1, after);
    st.bind(2, scan + 1);
    // Written as text: a clone pages through every event of the store, and
    // parsing and re-serialising each one cost more than the rest together.
    std::string events = "[";
    Json verdicts = Json::object();
    int sent = 0;
    std::int64_t cursor = after;
    int scanned = 0;
    bool more = false;
    while (st.executeStep()) {
        if (scanned == scan || sent == limit) {
            more = true;
            break;
        }
        ++scanned;
        cursor = st.getColumn(0).getInt64();
        std::string ticket = st.getColumn(2).getString();
        if (!visibility.visible(ticket)) continue;
        std::string type = st.getColumn(3).getString();
        std::string body = st.getColumn(4).getString();
        // Internal notes never reach customers.
        if (visibility_needs_payload(user, type) &&
            !can_see_event(user, type, parse_json(body).value("payload", Json::object())))
            continue;
        if (sent++ > 0) events += ',';
        std::string id = st.getColumn(1).getString();
        append_wire_event(events, id, body);
        if (!st.getColumn(5).isNull()) verdicts[id] = st.getColumn(5).getString();
    }
    events += ']';
    return fmt::format("{{\"events\":{},\"verdicts\":{},\"cursor\":{},\"more\":{}}}", events,
                       verdicts.dump(), cursor, more);
}

Json ticket_events(Repository& repo, Accounts& accounts, const User& user, const std::string& id) {
    VisibilityCache visibility(repo, accounts, user);
    if (!visibility.visible(id))
        throw Failure(kNotFound, fmt::format("ticket {}: not found", id.substr(0, kShortIdLength)));
    Json events = Json::array();
    Json verdicts = Json::object();
    Verdicts known = repo.verdicts_of(id);
    for (const auto& e : repo.events_of(id)) {
        if (!can_see_event(user, e)) continue;
        events.push_back(event_to_json(e));
        if (auto v = known.find(e.id); v != known.end()) verdicts[e.id] = v->second;
    }
    return {{"events", events}, {"verdicts", verdicts}};
}

Json push_events(Repository& repo, Accounts& accounts, const User& user, const Json& events,
                 const ServerPolicy& policy, Instant now) {
    check_push_batch(events);
    Repository::WriteTransaction tx(repo);
    User pusher = user; // gains the pseudonyms of the anonymous tickets it opens
    VisibilityCache visibility(repo, accounts, pusher);
    ServerAutomation automation(repo, policy, now);
    std::map<std::string, Ticket> touched;
    Json results = Json::array();
    for (const auto& j : events) {
        Json result = push_result(j);
        auto reject = [&](const std::string& why) {
            result["status"] = "rejected";
            result["reason"] = why;
            results.push_back(result);
        };
        Event e;
        try {
            e = event_from_json(j);
        } catch (const Failure& f) {
            reject(f.what());
            continue;
        }
        // An anonymous ticket's create brings a new pseudonym: the pusher's
        // once the create is stored.
        bool claims = e.type == "create" && is_pseudonym(e.author) &&
                      e.payload.value("requester", "") == e.author &&
                      !accounts.pseudonym_owner(e.author);
        User acting = pusher;
        if (claims) acting.aliases.push_back(e.author);
        if (!acting.is(e.author)) { // before anything else: nobody learns about tickets by forging
            reject(fmt::format("author {} is not the authenticated user {}", e.author, user.email));
            continue;
        }
        if (std::int64_t clock = repo.lamport_clock(); e.lamport > clock + kMaxLamportLead) {
            reject(fmt::format("lamport {} is more than {} ahead of the server's clock {}",
                               e.lamport, kMaxLamportLead, clock));
            continue;
        }
        if (e.type == "article") { // the knowledge base's, not a ticket's: /v1/kb
            reject("article versions are pushed to /v1/kb");
            continue;
        }
        std::string ticket_id = e.ticket_id();
        auto state = touched.find(ticket_id);
        if (state == touched.end() && repo.has_ticket(ticket_id))
            state = touched.emplace(ticket_id, repo.folded(ticket_id)).first;
        bool exists = state != touched.end();
        if (exists && !visibility.visible(ticket_id) && e.type != "create") {
            reject("unknown ticket");
            continue;
        }
        if (!exists && e.type != "create") {
            reject("unknown ticket");
            continue;
        }
        if (auto why = forbid_push(acting, exists ? &state->second : nullptr, e)) {
            reject(*why);
            continue;
        }
        if (auto missing = missing_blob(repo.dir(), e)) {
            reject(fmt::format("attachment {} is not on the server (send it first: POST "
                               "/v1/blobs/{})",
                               missing->substr(0, 12), *missing));
            continue;
        }
        if (!repo.append(e)) {
            result["status"] = "duplicate";
            results.push_back(result);
            continue;
        }
        if (!exists) {
            state = touched.emplace(ticket_id, Ticket{}).first;
            visibility.created(ticket_id);
        }
        if (claims) {
            accounts.add_pseudonym(e.author, pusher.email);
            pusher.aliases.push_back(e.author);
        }
        // Refused now, skipped for good: the verdict travels with the event
        // (pull_page), so that no replica and no later refold applies it
        // where the merged order would put it (a backdated escalation of a
        // closed ticket).
        const Ticket before = state->second;
        if (auto why = apply_event(state->second, e)) {
            result["skipped"] = *why;
            repo.record_verdict(e.id, ticket_id, *why);
        } else if (auto why = automation.accepted(before, e, state->second)) {
            result["skipped"] = *why;
            repo.record_verdict(e.id, ticket_id, *why);
        }
        result["status"] = "accepted";
        results.push_back(result);
    }
    // The stored state is the fold in the merged order, not the order of arrival.
    for (const auto& [id, t] : touched) repo.refold(id);
    tx.commit();
    automation.write_messages();
    return {{"results", results}};
}

Json known_pseudonyms(Accounts& accounts, const User& user) {
    Json out = Json::object();
    if (is_staff(user.role))
        for (const auto& [address, email] : accounts.pseudonyms()) out[address] = email;
    else
        for (const auto& address : user.aliases) out[address] = user.email;
    return {{"pseudonyms", out}};
}

void receive_blob(Repository& repo, const std::string& sha256, const std::string& content) {
    put_blob_checked(repo.dir(), sha256, content);
}

std::string send_blob(Repository& repo, Accounts& accounts, const User& user,
                      const std::string& ticket_id, const std::string& sha256) {
    Failure not_found(kNotFound, fmt::format("attachment {}: not found", sha256.substr(0, 12)));
    VisibilityCache visibility(repo, accounts, user);
    if (!visibility.visible(ticket_id)) throw not_found;
    for (const auto& e : repo.events_of(ticket_id)) {
        if (!can_see_event(user, e)) continue; // an internal note's files stay internal
        for (const auto& sha : attachment_hashes(e))
            if (sha == sha256)
                if (auto content = read_blob(repo.dir(), sha)) return *content;
    }
    throw not_found;
}

Json kb_page(Repository& repo, std::int64_t after, int limit) {
    KbStore::Page p = KbStore(repo).page_after(after, std::clamp(limit, 1, kMaxPageSize));
    return {{"events", p.events}, {"cursor", p.cursor}, {"more", p.more}};
}

Json push_kb_versions(Repository& repo, const User& user, const Json& events) {
    check_push_batch(events);
    Repository::WriteTransaction tx(repo);
    KbStore kb(repo);
    Json results = Json::array();
    for (const auto& j : events) {
        Json result = push_result(j);
        std::optional<std::string> why;
        Event e;
        try {
            e = event_from_json(j);
            if (kb.has_version(e.id)) { // one pulled from here and sent back: no news
                result["status"] = "duplicate";
                results.push_back(result);
                continue;
            }
            if (!is_staff(user.role))
                why = "only agents and managers write knowledge-base articles";
            else if (e.author != user.email)
                why =
                    fmt::format("author {} is not the authenticated user {}", e.author, user.email);
            else if (e.lamport > repo.lamport_clock() + kMaxLamportLead)
                why = fmt::format("lamport {} is more than {} ahead of the server's clock",
                                  e.lamport, kMaxLamportLead);
            else if (!e.ticket.empty() && kb.versions(e.ticket).empty())
                why = fmt::format("unknown article {}", e.ticket.substr(0, kShortIdLength));
            else
                why = kb_version_problem(e);
        } catch (const Failure& f) {
            why = f.what();
        }
        if (why) {
            result["status"] = "rejected";
            result["reason"] = *why;
        } else {
            result["status"] = kb.append(e) ? "accepted" : "duplicate";
        }
        results.push_back(result);
    }
    tx.commit();
    return {{"results", results}};
}

} // namespace tickets
