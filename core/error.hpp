#pragma once
// Failures carry the exit code the user sees (see man/tickets.1, EXIT STATUS).
#include <stdexcept>
#include <string>

namespace tickets {

enum ExitCode : int {
    kOk = 0,
    kRefused = 1,      // the workflow or a rule forbids the requested change
    kUsage = 2,        // bad command line, bad filter term
    kNotFound = 3,     // unknown ticket id, missing store, missing config key
    kAmbiguous = 4,    // an id prefix matches several tickets
    kDataErr = 65,     // bad input data (invalid UTF-8, malformed import, bad file)
    kUnavailable = 69, // server unreachable
    kTempFail = 75,    // temporary failure (database busy), retry
    kNoPerm = 77,      // authentication or permission
    kConfig = 78,      // bad or missing configuration
};

class Failure : public std::runtime_error {
  public:
    Failure(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
    int code() const { return code_; }

  private:
    int code_;
};

} // namespace tickets
