#include "helper/helper.hpp"

#include "build_config.hpp"
#include "core/error.hpp"

#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace fs = std::filesystem;

namespace tickets::helper {

namespace {

bool feature_built(const std::string& feature) {
    if (feature == "sync") return TICKETS_SYNC;
    if (feature == "mail") return TICKETS_MAIL;
    if (feature == "xlsx") return TICKETS_XLSX;
    if (feature == "pdf") return TICKETS_PDF;
    return false;
}

// While it lives, a write to a helper that has gone fails with EPIPE
// instead of killing `tickets` with SIGPIPE (which a command's own output
// to a closed pipe still does).
class IgnoreSigpipe {
  public:
    IgnoreSigpipe() {
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        ::sigaction(SIGPIPE, &ignore, &saved_);
    }
    ~IgnoreSigpipe() { ::sigaction(SIGPIPE, &saved_, nullptr); }

  private:
    struct sigaction saved_ {};
};

std::vector<char*> argv_of(const fs::path& program, const std::vector<std::string>& args) {
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    return argv;
}

} // namespace

fs::path exec_path() {
    if (const char* env = std::getenv("TICKETS_EXEC_PATH"); env && *env) return env;
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        fs::path beside = self.parent_path() / TICKETS_RELATIVE_EXEC_PATH;
        if (fs::is_directory(beside, ec)) return beside.lexically_normal();
    }
    return TICKETS_INSTALLED_EXEC_PATH;
}

fs::path find_helper(const std::string& name, const std::string& feature) {
    std::string option = feature; // "sync" -> TICKETS_SYNC
    for (auto& c : option) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!feature_built(feature))
        throw Failure(
            kUnavailable,
            fmt::format("{} is not in this build (built with -DTICKETS_{}=OFF)", feature, option));
    fs::path program = exec_path() / name;
    if (::access(program.c_str(), X_OK) != 0)
        throw Failure(kUnavailable, fmt::format("{}: cannot run the {} helper {}: {}", feature,
                                                feature, program.string(), std::strerror(errno)));
    return program;
}

Helper::Helper(const std::string& name, const std::string& feature) : name_(name) {
    fs::path program = find_helper(name, feature);
    int in[2], out[2]; // in: to the helper's stdin; out: from its stdout
    if (::pipe2(in, O_CLOEXEC) != 0)
        throw Failure(kTempFail, fmt::format("{}: pipe: {}", name, std::strerror(errno)));
    if (::pipe2(out, O_CLOEXEC) != 0) {
        ::close(in[0]);
        ::close(in[1]);
        throw Failure(kTempFail, fmt::format("{}: pipe: {}", name, std::strerror(errno)));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    auto argv = argv_of(program, {});
    int rc = ::posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    if (rc != 0) {
        ::close(in[1]);
        ::close(out[0]);
        throw Failure(kUnavailable,
                      fmt::format("cannot start {}: {}", program.string(), std::strerror(rc)));
    }
    to_ = ::fdopen(in[1], "w");
    from_ = ::fdopen(out[0], "r");
}

Helper::~Helper() {
    if (to_) std::fclose(to_); // end of input: the helper exits
    if (from_) std::fclose(from_);
    int status;
    while (pid_ > 0 && ::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
}

void Helper::stopped() {
    std::fclose(to_);
    to_ = nullptr;
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    std::string how = WIFSIGNALED(status) ? fmt::format("killed by signal {}", WTERMSIG(status))
                                          : fmt::format("exit status {}", WEXITSTATUS(status));
    throw Failure(kTempFail,
                  fmt::format("the helper {} stopped without answering ({})", name_, how));
}

Frame Helper::exchange(const Frame& request) {
    if (pid_ < 0) throw Failure(kTempFail, fmt::format("the helper {} has stopped", name_));
    bool sent;
    {
        IgnoreSigpipe ignore;
        sent = write_frame(to_, request.header, request.body);
    }
    Frame answer;
    if (!sent || !read_frame(from_, answer)) stopped();
    if (auto error = answer.header.find("error"); error != answer.header.end()) {
        int code = answer.header.value("code", static_cast<int>(kTempFail));
        throw Failure(code, error->is_string() ? error->get<std::string>() : error->dump());
    }
    return answer;
}

void exec_helper(const std::string& name, const std::string& feature,
                 const std::vector<std::string>& args) {
    fs::path program = find_helper(name, feature);
    auto argv = argv_of(program, args);
    // The helper runs helpers of its own (the server sends mail through
    // tickets-smtp): they are beside it, which its own path does not tell.
    ::setenv("TICKETS_EXEC_PATH", program.parent_path().c_str(), 0);
    ::execv(program.c_str(), argv.data());
    throw Failure(kUnavailable,
                  fmt::format("cannot run {}: {}", program.string(), std::strerror(errno)));
}

} // namespace tickets::helper
