#pragma once
// An event is one immutable entry of the append-only log. Its id is the
// SHA-256 of its canonical serialisation; a ticket's id is the id of its
// create event, so ids never need a central counter.
#include "core/time.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace tickets {

using Json = nlohmann::json;

struct Event {
    std::string id;
    std::string ticket; // id of the create event; empty for the create event itself
    std::string type;   // create, comment, set, status, assign, escalate, resolve, ...
    std::string author; // email of who acted
    Instant time = 0;   // wall time
    std::int64_t lamport = 0;
    Json payload = Json::object();
    // The canonical serialisation, kept by seal() and event_from_json() so
    // that storing an event does not serialise it a second time.
    std::string canonical;

    std::string ticket_id() const { return type == "create" ? id : ticket; }
};

// Compact JSON with sorted keys and without the id: the bytes that are hashed.
std::string canonical_serialisation(const Event& e);
// Fills in e.id from the canonical serialisation.
Event seal(Event e);

// The wire and export form: the canonical fields plus "id".
Json event_to_json(const Event& e);
// Parses and verifies the wire form; throws Failure(kDataErr) when a field is
// missing or has the wrong type, or when the id does not match the content.
Event event_from_json(Json j);

// The wire form's fields of one event, each present with its JSON type
// ("v" the number 1, "ticket" left empty on a create event), not checked
// further: what the import's parser reads straight from its input
// (store/bulk_json.hpp) without building a JSON object per event, whose
// allocations and freeing took a quarter of the parsing thread's time.
struct WireEvent {
    std::string id, ticket, type, author, time;
    std::int64_t lamport = 0;
    Json payload; // an object
};
// Checks and verifies the fields as event_from_json does the same event's.
Event event_from_wire(WireEvent w);

// An event read back from the log: `body` is the canonical serialisation
// whose hash was checked when the event was appended, so it is not hashed
// again (every change of a ticket re-reads its events). Throws like
// event_from_json on a malformed body; fsck checks the hashes.
Event event_from_stored(std::string id, std::string body);

// The order of the fold: (lamport, wall time, id). Total and the same on
// every replica.
bool fold_order(const Event& a, const Event& b);

} // namespace tickets
