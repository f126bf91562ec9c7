#pragma once
// What each event type's payload may hold: every event that comes from
// outside (a push, a pull, an import) is checked against it before it is
// stored, so that nothing later (fold, export, a path built from an
// attachment's hash) meets a value of a shape it does not expect.
#include "core/event.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tickets {

// Lamport clocks from outside stay below this (2^53 - 1, exact in every
// JSON reader), so that adding one never overflows.
constexpr std::int64_t kMaxLamport = (std::int64_t{1} << 53) - 1;

// The largest event (its canonical serialisation): a push of one must fit
// a server's request limit (32 MiB by default) with room to spare.
// Attachments are not part of it (they travel as blobs), and each is at
// most kMaxAttachmentBytes (the default of mail.max_bytes).
constexpr std::size_t kMaxEventBytes = 4 * 1024 * 1024;
constexpr std::size_t kMaxAttachmentBytes = 25 * 1024 * 1024;

// 64 lower-case hex digits: an event id, a ticket id, a blob's SHA-256.
bool is_hex64(std::string_view s);

// Why the event does not fit its type's schema ("payload field 'cc' must be
// a list of strings"), or nullopt. Unknown types and unknown payload
// fields are refused.
std::optional<std::string> schema_problem(const Event& e);

// The SHA-256 of every attachment an event's payload names (of an event
// that fits its schema).
std::vector<std::string> attachment_hashes(const Json& payload);
inline std::vector<std::string> attachment_hashes(const Event& e) {
    return attachment_hashes(e.payload);
}

} // namespace tickets
