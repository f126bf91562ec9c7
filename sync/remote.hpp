#pragma once
// A remote that holds events: the client side of sync talks to this
// interface; HTTP is the one transport so far (sync/http_remote.cpp).
#include "core/event.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace tickets {

class Remote {
  public:
    virtual ~Remote() = default;
    // {"events": [...], "cursor": N, "more": bool}
    virtual Json pull_page(std::int64_t after, int limit) = 0;
    // {"events": [...]}: every event of one ticket the user may see.
    virtual Json ticket_events(const std::string& ticket_id) = 0;
    // {"results": [...]} for {"events": [...]}
    virtual Json push(const Json& events) = 0;
    virtual Json whoami() = 0;
    // {"workflow", "identity", "version"}: what clones learn of their server.
    virtual Json info() = 0;
    // {"pseudonyms": {address: email}}: who stands behind the pseudonyms of
    // anonymous tickets, as far as the user may know (core/pseudonym.hpp).
    virtual Json pseudonyms() = 0;
    // Attachments travel apart from their events: sent before the event
    // that names them is pushed, fetched when a pulled event names one this
    // store lacks (by its ticket, whose visibility decides).
    virtual void send_blob(const std::string& sha256, const std::string& content) = 0;
    virtual std::string fetch_blob(const std::string& ticket_id, const std::string& sha256) = 0;
    // The knowledge base's article versions (core/kb.hpp): a page after a
    // cursor, {"events", "cursor", "more"}, and a push, {"results"}.
    virtual Json kb_page(std::int64_t after, int limit) = 0;
    virtual Json kb_push(const Json& events) = 0;
};

// Failures: Failure(kUnavailable) when the server cannot be reached after
// retries, Failure(kNoPerm) for 401/403, Failure(kTempFail) for a 5xx that
// persists, Failure(kDataErr) for other errors, with the server's message.
std::unique_ptr<Remote> open_http_remote(const std::string& url, const std::string& token);

} // namespace tickets
