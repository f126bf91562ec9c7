#pragma once
// JSON parsing for bulk input: the lines of an import and the pages of a
// pull. simdjson parses them at a few times the speed of RapidJSON (an
// import of 100,000 tickets ran 7 % longer with RapidJSON), but it comes as
// a shared library only, which would load the shared libstdc++ into every
// command: so it lives in a module (store/transport.hpp), loaded by the
// first call. Values and errors as parse_json (core/json_parse.hpp) gives
// them.
#include "core/event.hpp"

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

namespace tickets {

nlohmann::json parse_bulk_json(std::string_view text);

// A line of an import: {"events": [...], "blobs": {...}} (other members
// are skipped, as the ticket that `export` writes alongside), or one bare
// event object.
struct WireLine {
    std::vector<WireEvent> events;
    nlohmann::json blobs; // an object, or null when the line has none
};
// The line's events read straight into WireEvents, when every event has
// exactly the wire form's fields with their JSON types (see WireEvent) and
// the line has "events" and "blobs" at most once: true. Anything else
// gives false, and the caller reads the line with parse_bulk_json, whose
// checks say what is wrong. Malformed text throws as parse_bulk_json.
bool parse_bulk_events(std::string_view text, WireLine& line);

} // namespace tickets
