#pragma once
// Running the helper programs: the parts of `tickets` that need a heavy
// library (cpp-httplib, libcurl, GMime) are programs of their own in
// libexec/tickets/, so that every other command starts without loading
// those libraries (docs/ARCHITECTURE.md, "Helpers"). This is the side of
// `tickets` that starts one and exchanges frames with it (helper/frame.hpp).
#include "helper/frame.hpp"

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace tickets::helper {

// Where the helpers are: $TICKETS_EXEC_PATH, else libexec/tickets beside the
// running binary's bin/ (the build tree has the same layout), else the
// installed location compiled in.
std::filesystem::path exec_path();

// The helper's path; Failure(kUnavailable) naming the build option when
// the feature was built without it or the program is missing.
std::filesystem::path find_helper(const std::string& name, const std::string& feature);

// A running helper, stopped (input closed, then waited for) when it goes.
class Helper {
  public:
    // feature: the build option's name, for the messages ("sync", "mail").
    Helper(const std::string& name, const std::string& feature);
    ~Helper();
    Helper(const Helper&) = delete;
    Helper& operator=(const Helper&) = delete;

    // One request, one answer. Throws the Failure of an answer with "error",
    // and Failure(kTempFail) when the helper stops without answering.
    Frame exchange(const Frame& request);

  private:
    [[noreturn]] void stopped();
    std::string name_;
    pid_t pid_ = -1;
    std::FILE* to_ = nullptr;
    std::FILE* from_ = nullptr;
};

// Replaces this process with the helper (for `serve`: the server is the
// helper). Returns only by throwing.
[[noreturn]] void exec_helper(const std::string& name, const std::string& feature,
                              const std::vector<std::string>& args);

} // namespace tickets::helper
