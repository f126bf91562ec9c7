#include "store/transport/simdjson_parse.hpp"

#include "core/error.hpp"
#include "core/json_parse.hpp"

#include <cstdint>
#include <iterator>
#include <simdjson.h>

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

// The member of the wire form that `key` names, as a bit; 0 for any other.
unsigned wire_field(std::string_view key) {
    static const std::string_view names[] = {"v",       "type",    "author", "time",
                                             "lamport", "payload", "ticket", "id"};
    for (unsigned i = 0; i < std::size(names); ++i)
        if (key == names[i]) return 1u << i;
    return 0;
}

// See WireEvent (core/event.hpp): false for anything but that shape.
bool read_wire_event(simdjson::dom::element e, WireEvent& out) {
    simdjson::dom::object object;
    if (e.get_object().get(object)) return false;
    unsigned seen = 0;
    for (auto field : object) {
        unsigned bit = wire_field(field.key);
        if (bit == 0 || (seen & bit)) return false;
        seen |= bit;
        bool ok = true;
        switch (bit) {
        case 1: {
            std::int64_t v = 0;
            ok = !field.value.get_int64().get(v) && v == 1;
            break;
        }
        case 2:
            ok = take_string(field.value, out.type);
            break;
        case 4:
            ok = take_string(field.value, out.author);
            break;
        case 8:
            ok = take_string(field.value, out.time);
            break;
        case 16:
            ok = !field.value.get_int64().get(out.lamport);
            break;
        case 32:
            ok = field.value.is_object();
            if (ok) out.payload = convert(field.value);
            break;
        case 64:
            ok = take_string(field.value, out.ticket);
            break;
        case 128:
            ok = take_string(field.value, out.id);
            break;
        }
        if (!ok) return false;
    }
    const unsigned all_but_ticket = 0xff & ~64u;
    if ((seen & all_but_ticket) != all_but_ticket) return false;
    if (out.type == "create") out.ticket.clear(); // as event_from_json ignores it
    return (seen & 64) || out.type == "create";
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
