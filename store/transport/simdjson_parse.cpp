#include "store/transport/simdjson_parse.hpp"

#include "core/error.hpp"
#include "core/json_parse.hpp"

#include <cstdint>
#include <simdjson.h>
#include <utility>

namespace tickets::transport {

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
    // One parser per thread: it keeps its buffers from one text to the next.
    thread_local simdjson::dom::parser parser;
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

// The members of an event's wire form, as bits of a set.
enum WireMember : unsigned {
    kV = 1,
    kType = 2,
    kAuthor = 4,
    kTime = 8,
    kLamport = 16,
    kPayload = 32,
    kTicket = 64,
    kId = 128,
};

// The member `key` names; 0 for any other key.
unsigned wire_member(std::string_view key) {
    static const std::pair<std::string_view, WireMember> members[] = {{"v", kV},
                                                                      {"type", kType},
                                                                      {"author", kAuthor},
                                                                      {"time", kTime},
                                                                      {"lamport", kLamport},
                                                                      {"payload", kPayload},
                                                                      {"ticket", kTicket},
                                                                      {"id", kId}};
    for (const auto& [name, member] : members)
        if (key == name) return member;
    return 0;
}

// See WireEvent (core/event.hpp): false for anything but that shape.
bool read_wire_event(simdjson::dom::element e, WireEvent& out) {
    simdjson::dom::object object;
    if (e.get_object().get(object)) return false;
    unsigned seen = 0;
    for (auto field : object) {
        unsigned member = wire_member(field.key);
        if (member == 0 || (seen & member)) return false;
        seen |= member;
        bool ok = true;
        switch (member) {
        case kV: {
            std::int64_t v = 0;
            ok = !field.value.get_int64().get(v) && v == 1;
            break;
        }
        case kType:
            ok = take_string(field.value, out.type);
            break;
        case kAuthor:
            ok = take_string(field.value, out.author);
            break;
        case kTime:
            ok = take_string(field.value, out.time);
            break;
        case kLamport:
            ok = !field.value.get_int64().get(out.lamport);
            break;
        case kPayload:
            ok = field.value.is_object();
            if (ok) out.payload = convert(field.value);
            break;
        case kTicket:
            ok = take_string(field.value, out.ticket);
            break;
        case kId:
            ok = take_string(field.value, out.id);
            break;
        }
        if (!ok) return false;
    }
    const unsigned required = kV | kType | kAuthor | kTime | kLamport | kPayload | kId;
    if ((seen & required) != required) return false;
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
    simdjson::dom::object members;
    if (root.get_object().get(members)) return false;
    simdjson::dom::element events;
    bool has_events = false, has_blobs = false;
    for (auto member : members) {
        if (member.key == "events") {
            if (has_events) return false;
            has_events = true;
            events = member.value;
        } else if (member.key == "blobs") {
            if (has_blobs || !member.value.is_object()) return false;
            has_blobs = true;
            line.blobs = convert(member.value);
        }
    }
    if (!has_events) {
        line.blobs = nullptr; // a bare event: "blobs" would be one of its members
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

} // namespace tickets::transport
