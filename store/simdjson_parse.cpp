#include "store/simdjson_parse.hpp"

#include "core/error.hpp"
#include "core/json_parse.hpp"

#include <cstdint>
#include <simdjson.h>
#include <utility>

namespace tickets {

namespace {

using nlohmann::json;

json convert(simdjson::dom::element e) {
    using Type = simdjson::dom::element_type;
    switch (e.type()) {
    case Type::OBJECT: {
        json object = json::object();
        for (auto field : simdjson::dom::object(e))
            member_slot(object, std::string(field.key)) = convert(field.value);
        return object;
    }
    case Type::ARRAY: {
        json array = json::array();
        for (auto item : simdjson::dom::array(e)) array.push_back(convert(item));
        return array;
    }
    case Type::STRING:
        return std::string(std::string_view(e));
    case Type::INT64:
        return std::int64_t(e);
    case Type::UINT64:
        return std::uint64_t(e);
    case Type::DOUBLE:
        return double(e);
    case Type::BOOL:
        return bool(e);
    case Type::NULL_VALUE:
        return nullptr;
    }
    return nullptr;
}

simdjson::dom::element parse(std::string_view text) {
    // One parser per thread: it keeps its buffers from one text to the next,
    // and its depth limit (the allocations for more capacity keep it).
    thread_local simdjson::dom::parser parser;
    thread_local bool limited = parser.allocate(4096, kMaxJsonDepth) == simdjson::SUCCESS;
    if (!limited) throw Failure(kTempFail, "out of memory for the JSON parser");
    simdjson::dom::element root;
    if (auto code = parser.parse(text.data(), text.size()).get(root))
        throw Failure(kDataErr, std::string("malformed JSON: ") + simdjson::error_message(code));
    return root;
}

bool take_string(simdjson::dom::element e, std::string& out) {
    std::string_view s;
    if (e.get_string().get(s)) return false;
    out.assign(s.data(), s.size());
    return true;
}

// The members of an event's wire form: a bit each, and where a string
// member goes.
struct WireMember {
    std::string_view name;
    unsigned bit;
    std::string WireEvent::*text;
};
constexpr unsigned kV = 1, kLamport = 2, kPayload = 4, kTicket = 8;
const WireMember kWireMembers[] = {
    {"v", kV, nullptr},
    {"lamport", kLamport, nullptr},
    {"payload", kPayload, nullptr},
    {"ticket", kTicket, &WireEvent::ticket},
    {"type", 16, &WireEvent::type},
    {"author", 32, &WireEvent::author},
    {"time", 64, &WireEvent::time},
    {"id", 128, &WireEvent::id},
};

// One member's value into `out`: false when it has another JSON type (or
// "v" is not 1).
bool read_member(const WireMember& m, simdjson::dom::element value, WireEvent& out) {
    if (m.text) return take_string(value, out.*m.text);
    if (m.bit == kV) {
        std::int64_t v = 0;
        return !value.get_int64().get(v) && v == 1;
    }
    if (m.bit == kLamport) return !value.get_int64().get(out.lamport);
    if (!value.is_object()) return false; // the payload
    out.payload = convert(value);
    return true;
}

// See WireEvent (core/event.hpp): false for anything but that shape.
bool read_wire_event(simdjson::dom::element e, WireEvent& out) {
    simdjson::dom::object object;
    if (e.get_object().get(object)) return false;
    unsigned seen = 0;
    for (auto field : object) {
        const WireMember* m = nullptr;
        for (const auto& candidate : kWireMembers)
            if (field.key == candidate.name) {
                m = &candidate;
                break;
            }
        if (!m || (seen & m->bit) || !read_member(*m, field.value, out)) return false;
        seen |= m->bit;
    }
    if ((seen | kTicket) != 0xff) return false; // all but "ticket" are required
    if (out.type == "create") {
        out.ticket.clear(); // event_from_json ignores a create event's "ticket"
        return true;
    }
    return seen & kTicket;
}

} // namespace

json parse_json_simdjson(std::string_view text) {
    return convert(parse(text));
}

bool parse_wire_line_simdjson(std::string_view text, WireLine& line) {
    simdjson::dom::element root = parse(text);
    line.events.clear();
    line.blobs = nullptr;
    line.verdicts = nullptr;
    simdjson::dom::object members;
    if (root.get_object().get(members)) return false;
    simdjson::dom::element events;
    bool has_events = false;
    for (auto member : members) {
        if (member.key == "events") {
            if (has_events) return false;
            has_events = true;
            events = member.value;
        } else if (member.key == "blobs") {
            // An object, so null means none so far.
            if (!line.blobs.is_null() || !member.value.is_object()) return false;
            line.blobs = convert(member.value);
        } else if (member.key == "verdicts") {
            if (!line.verdicts.is_null() || !member.value.is_object()) return false;
            line.verdicts = convert(member.value);
        }
    }
    if (!has_events) {
        line.blobs = nullptr; // a bare event: "blobs" would be one of its members
        line.verdicts = nullptr;
        line.events.resize(1);
        return read_wire_event(root, line.events.front());
    }
    simdjson::dom::array list;
    if (events.get_array().get(list)) return false;
    line.events.resize(list.size());
    std::size_t i = 0;
    for (auto item : list)
        if (!read_wire_event(item, line.events[i++])) return false;
    return true;
}

} // namespace tickets
