#include "helper/frame.hpp"

#include "core/error.hpp"
#include "core/json_parse.hpp"

#include <fmt/format.h>

namespace tickets::helper {

namespace {

[[noreturn]] void cut_short(const char* what) {
    throw Failure(kTempFail, fmt::format("helper protocol: {}", what));
}

} // namespace

bool read_frame(std::FILE* in, Frame& frame) {
    std::string line;
    int c;
    while ((c = std::getc(in)) != EOF && c != '\n') line.push_back(static_cast<char>(c));
    if (c == EOF && line.empty()) return false;
    if (c == EOF) cut_short("a header without its end of line");
    try {
        frame.header = parse_json(line);
    } catch (const Failure&) {
        cut_short("a header that is not JSON");
    }
    if (!frame.header.is_object()) cut_short("a header that is not an object");
    std::size_t size = 0;
    if (auto it = frame.header.find("body_bytes"); it != frame.header.end()) {
        // parse_json gives int64 for every integer that fits
        if (!it->is_number_integer() || it->get<std::int64_t>() < 0)
            cut_short("body_bytes is not a size");
        size = it->get<std::size_t>();
    }
    frame.body.resize(size);
    if (size > 0 && std::fread(frame.body.data(), 1, size, in) != size)
        cut_short("a body shorter than its header says");
    return true;
}

bool write_frame(std::FILE* out, nlohmann::json header, std::string_view body) {
    if (!body.empty()) header["body_bytes"] = body.size();
    // Replaced, not refused: a header may carry text from outside (a server's
    // error message) that is not UTF-8.
    std::string line = header.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    line.push_back('\n');
    return std::fwrite(line.data(), 1, line.size(), out) == line.size() &&
           (body.empty() || std::fwrite(body.data(), 1, body.size(), out) == body.size()) &&
           std::fflush(out) == 0;
}

int answer_frames(const Handler& handle) {
    Frame request;
    try {
        while (read_frame(stdin, request)) {
            Frame answer;
            try {
                handle(request, answer);
            } catch (const Failure& f) {
                answer = {{{"error", f.what()}, {"code", f.code()}}, ""};
            } catch (const std::exception& e) {
                answer = {{{"error", e.what()}, {"code", static_cast<int>(kTempFail)}}, ""};
            }
            if (!write_frame(stdout, answer.header, answer.body)) return 1;
        }
    } catch (const Failure& f) { // the request itself was malformed
        std::fprintf(stderr, "tickets helper: %s\n", f.what());
        return kTempFail;
    }
    return 0;
}

} // namespace tickets::helper
