#include "core/event.hpp"

#include "core/error.hpp"
#include "core/event_schema.hpp"
#include "core/hash.hpp"
#include "core/json_parse.hpp"
#include "core/json_text.hpp"

#include <fmt/format.h>
#include <tuple>

namespace tickets {

namespace {

Json canonical_json(const Event& e) {
    Json j = {{"v", 1},
              {"type", e.type},
              {"author", e.author},
              {"time", format_instant(e.time)},
              {"lamport", e.lamport},
              {"payload", e.payload}};
    if (e.type != "create") j["ticket"] = e.ticket;
    return j;
}

} // namespace

std::string canonical_serialisation(const Event& e) {
    if (!e.canonical.empty()) return e.canonical;
    // The keys in sorted order, compact, as canonical_json(e).dump() would
    // write them (nlohmann::json sorts object keys), without building the
    // whole object first: this runs for every event of an import.
    std::string out;
    out.reserve(256);
    out += "{\"author\":";
    append_json_string(out, e.author);
    out += ",\"lamport\":" + std::to_string(e.lamport) + ",\"payload\":";
    append_json_text(out, e.payload);
    if (e.type != "create") {
        out += ",\"ticket\":";
        append_json_string(out, e.ticket);
    }
    out += ",\"time\":\"" + format_instant(e.time) + "\",\"type\":";
    append_json_string(out, e.type);
    out += ",\"v\":1}";
    return out;
}

Event seal(Event e) {
    e.canonical.clear();
    e.canonical = canonical_serialisation(e);
    e.id = sha256_hex(e.canonical);
    return e;
}

Json event_to_json(const Event& e) {
    Json j = canonical_json(e);
    j["id"] = e.id;
    return j;
}

namespace {

Failure invalid_event(const std::string& why) {
    return Failure(kDataErr, "invalid event: " + why);
}

// The checks of the fields' values, whichever way they were read;
// canonical stays empty.
Event checked_fields(WireEvent w) {
    Event e;
    e.id = std::move(w.id);
    e.type = std::move(w.type);
    e.author = std::move(w.author);
    auto when = parse_instant(w.time);
    if (!when) throw invalid_event("field 'time' is not an ISO-8601 instant");
    e.time = *when;
    if (w.lamport < 0) throw invalid_event("field 'lamport' must be a non-negative integer");
    e.lamport = w.lamport;
    e.payload = std::move(w.payload);
    if (e.type != "create") {
        e.ticket = std::move(w.ticket);
        // An article's first version names no article (core/kb.hpp).
        bool first_article = e.type == "article" && e.ticket.empty();
        if (!first_article && !is_hex64(e.ticket))
            throw invalid_event("field 'ticket' is not a ticket id");
    }
    if (!is_hex64(e.id)) throw invalid_event("field 'id' is not a SHA-256 hex digest");
    return e;
}

// Every field but the id's match with the content. Takes the payload out
// of `j`.
Event read_event_fields(Json& j, std::string id) {
    if (!j.is_object()) throw invalid_event("not a JSON object");
    auto text = [&](const char* key) -> std::string {
        auto it = j.find(key);
        if (it == j.end() || !it->is_string())
            throw invalid_event(std::string("field '") + key + "' must be a string");
        return it->get<std::string>();
    };
    auto version = j.find("v");
    if (version == j.end() || *version != 1) throw invalid_event("unsupported version");
    WireEvent w;
    w.id = std::move(id);
    w.type = text("type");
    w.author = text("author");
    w.time = text("time");
    auto lamport = j.find("lamport");
    if (lamport == j.end() || !lamport->is_number_integer())
        throw invalid_event("field 'lamport' must be a non-negative integer");
    w.lamport = lamport->get<std::int64_t>();
    auto payload = j.find("payload");
    if (payload == j.end() || !payload->is_object())
        throw invalid_event("field 'payload' must be an object");
    w.payload = std::move(*payload);
    if (w.type != "create") w.ticket = text("ticket");
    return checked_fields(std::move(w));
}

// The id must be the hash of the canonical serialisation, and the event
// must fit its schema.
Event verified(Event e) {
    if (auto why = schema_problem(e)) throw invalid_event(*why);
    e.canonical = canonical_serialisation(e);
    if (e.canonical.size() > kMaxEventBytes)
        throw invalid_event(fmt::format("{} bytes, more than the {} an event may have",
                                        e.canonical.size(), kMaxEventBytes));
    if (sha256_hex(e.canonical) != e.id)
        throw invalid_event("id " + e.id.substr(0, 12) + "… does not match its content");
    return e;
}

} // namespace

Event event_from_json(Json j) {
    if (!j.is_object()) throw invalid_event("not a JSON object");
    auto id = j.find("id");
    if (id == j.end() || !id->is_string()) throw invalid_event("field 'id' must be a string");
    return verified(read_event_fields(j, id->get<std::string>()));
}

Event event_from_wire(WireEvent w) {
    return verified(checked_fields(std::move(w)));
}

Event event_from_stored(std::string id, std::string body) {
    Json j = parse_json(body);
    Event e = read_event_fields(j, std::move(id));
    e.canonical = std::move(body);
    return e;
}

bool fold_order(const Event& a, const Event& b) {
    return std::tie(a.lamport, a.time, a.id) < std::tie(b.lamport, b.time, b.id);
}

} // namespace tickets
