#pragma once
// The pipe protocol between `tickets` and its helper programs
// (libexec/tickets/tickets-*, see docs/ARCHITECTURE.md "Helpers"): a frame
// is one line of compact JSON, the header, then exactly
// header["body_bytes"] bytes of body (none when the member is absent). The
// helper reads request frames on stdin until it ends and answers each with
// one frame on stdout; an answer whose header has "error" is a failure,
// with the exit code in "code".
#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace tickets::helper {

struct Frame {
    nlohmann::json header = nlohmann::json::object();
    std::string body;
};

// False at the end of the input before a frame starts; Failure(kTempFail)
// for a frame cut short or a header that is not a JSON object.
bool read_frame(std::FILE* in, Frame& frame);
// Sets header["body_bytes"]; false when the stream failed (the peer left).
bool write_frame(std::FILE* out, nlohmann::json header, std::string_view body);

// A helper's main loop: answers every frame on stdin, in order, with the
// handler's answer; a Failure (or any other exception) it throws becomes an
// error answer and the loop goes on. Returns the helper's exit status.
using Handler = std::function<void(const Frame& request, Frame& answer)>;
int answer_frames(const Handler& handle);

} // namespace tickets::helper
