#pragma once
// JSON parsing for bulk input: the lines of an import and the pages of a
// pull. simdjson parses them at a few times the speed of RapidJSON (see
// bench/RESULTS.md); a build without it (TICKETS_SIMDJSON=OFF) parses them
// as any other JSON, with RapidJSON. Values and errors as parse_json
// (core/json_parse.hpp) gives them.
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
    nlohmann::json blobs;    // an object, or null when the line has none
    nlohmann::json verdicts; // the same
};
// The line's events read straight into WireEvents, when every event has
// exactly the wire form's fields with their JSON types (see WireEvent) and
// the line has "events", "blobs" and "verdicts" at most once: true. Anything else
// gives false, and the caller reads the line with parse_bulk_json, whose
// checks say what is wrong (always, in a build without simdjson).
// Malformed text throws as parse_bulk_json.
bool parse_bulk_events(std::string_view text, WireLine& line);

} // namespace tickets
