#pragma once
// One HTTP exchange of the sync client, as `tickets` hands it to the helper
// tickets-remote-http (sync/remote_http_main.cpp) and gets its result back:
// the frames of helper/frame.hpp, the body of each travelling as the
// frame's body.
#include "helper/frame.hpp"

#include <string>
#include <vector>

namespace tickets {

struct HttpExchange {
    std::string method; // GET or POST
    std::string url;
    std::vector<std::string> headers; // "Name: value"
    std::string body;                 // sent for POST
    bool compress = false;            // accept gzip/deflate answers
};

struct HttpResult {
    bool answered = false;  // false: no HTTP answer (refused, reset, timeout…)
    bool permanent = false; // a failure retrying cannot fix (TLS, malformed URL)
    std::string error;      // why there was no answer
    long status = 0;
    std::string body;
};

helper::Frame to_frame(const HttpExchange& exchange);
HttpExchange exchange_from_frame(const helper::Frame& frame);
helper::Frame to_frame(const HttpResult& result);
HttpResult result_from_frame(helper::Frame frame);

} // namespace tickets
