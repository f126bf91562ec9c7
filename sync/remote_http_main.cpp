// tickets-remote-http: the sync client's HTTP exchanges, run by `tickets`
// (sync/http_remote.cpp) as a helper program so that only push, pull and
// clone load cpp-httplib and its TLS libraries. Reads one frame per
// exchange on stdin (sync/http_exchange.hpp) and answers each on stdout,
// reusing the connection, until its input ends.
#include "helper/allocator.hpp"
#include "sync/http_client.hpp"

int main() {
    tickets::keep_freed_memory();
    auto client = tickets::open_http_client();
    return tickets::helper::answer_frames(
        [&](const tickets::helper::Frame& request, tickets::helper::Frame& answer) {
            answer = to_frame(client->exchange(tickets::exchange_from_frame(request)));
        });
}
