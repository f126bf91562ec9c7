#include "mail/outbox.hpp"

#include "core/base64.hpp"
#include "core/error.hpp"
#include "helper/helper.hpp"
#include "mail/smtp_delivery.hpp"

#include <algorithm>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/file.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace tickets {

namespace {

fs::path outbox(const fs::path& repo_dir) {
    return repo_dir / "outbox";
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool present(const fs::path& p) {
    std::error_code ec;
    return fs::exists(p, ec);
}

// Header name (lower case) -> unfolded value.
std::map<std::string, std::string> headers_of(const std::string& message) {
    std::map<std::string, std::string> out;
    std::istringstream in(message);
    std::string line, name;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) break;
        if ((line[0] == ' ' || line[0] == '\t') && !name.empty()) {
            out[name] += line.substr(1);
            continue;
        }
        size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        name = line.substr(0, colon);
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        size_t start = line.find_first_not_of(' ', colon + 1);
        out[name] = start == std::string::npos ? "" : line.substr(start);
    }
    return out;
}

// Undoes the "=?UTF-8?B?…?=" words that core/notify.cpp writes.
std::string decode_words(const std::string& value) {
    std::string out;
    size_t i = 0;
    while (i < value.size()) {
        size_t start = value.find("=?UTF-8?B?", i);
        if (start == std::string::npos) {
            out += value.substr(i);
            break;
        }
        size_t end = value.find("?=", start + 10);
        if (end == std::string::npos) {
            out += value.substr(i);
            break;
        }
        std::string between = value.substr(i, start - i);
        if (between.find_first_not_of(" \t") != std::string::npos) out += between;
        auto decoded = base64_decode(value.substr(start + 10, end - start - 10));
        out += decoded ? *decoded : value.substr(start, end + 2 - start);
        i = end + 2;
    }
    return out;
}

std::vector<std::string> addresses(const std::string& list) {
    std::vector<std::string> out;
    std::string item;
    for (char c : list + ",") {
        if (c == ',') {
            size_t a = item.find_first_not_of(" \t"), b = item.find_last_not_of(" \t");
            if (a != std::string::npos) out.push_back(item.substr(a, b - a + 1));
            item.clear();
        } else {
            item += c;
        }
    }
    return out;
}

// Writes NAME.PID.part and renames it to `target`, so that no reader sees
// half a message. No fsync: see settle_outbox.
void write_file(const fs::path& target, const std::string& content) {
    fs::path tmp = target;
    tmp += fmt::format(".{}.part", ::getpid());
    auto fail = [&](const fs::path& p) {
        return Failure(kTempFail, fmt::format("outbox: cannot write {}: {}", p.string(),
                                              std::strerror(errno)));
    };
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw fail(tmp);
    size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            Failure failure = fail(tmp);
            ::close(fd);
            ::unlink(tmp.c_str());
            throw failure;
        }
        done += static_cast<size_t>(n);
    }
    if (::close(fd) != 0 || ::rename(tmp.c_str(), target.c_str()) != 0) {
        Failure failure = fail(target);
        ::unlink(tmp.c_str());
        throw failure;
    }
}

// fsync of a file or directory; false when it could not be opened or synced.
bool sync_path(const fs::path& p) {
    int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    bool synced = ::fsync(fd) == 0;
    ::close(fd);
    return synced;
}

// Versions before the outbox table staged each message in outbox/tmp/ and
// moved it into the outbox after their commit; one that stopped in between
// left it there. Its change committed if the log holds its event; a
// message whose change rolled back is removed once it is an hour old.
void promote_legacy_staged(Repository& repo) {
    fs::path tmp = outbox(repo.dir()) / "tmp";
    if (!present(tmp)) return;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(tmp, ec)) {
        std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".eml" || name.size() < 64) continue;
        std::string content = slurp(entry.path());
        if (repo.has_event(headers_of(content)["x-tickets-ticket"], name.substr(0, 64))) {
            write_message(repo.dir(), name, content);
            fs::remove(entry.path(), ec);
            continue;
        }
        auto age = std::chrono::file_clock::now() - fs::last_write_time(entry.path(), ec);
        if (!ec && age > std::chrono::hours(1)) fs::remove(entry.path(), ec);
    }
}

// A command killed between writing NAME.PID.part and renaming it leaves the
// part behind; its message is still queued in the outbox table, so the
// part is only litter. One whose writer still runs is left alone.
void remove_abandoned_parts(const fs::path& dir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const fs::path& path = entry.path();
        if (path.extension() != ".part") continue;
        std::string pid = path.stem().extension().string(); // ".PID"
        if (pid.size() < 2 || pid.find_first_not_of("0123456789", 1) != std::string::npos) continue;
        errno = 0;
        if (::kill(static_cast<pid_t>(std::stol(pid.substr(1))), 0) != 0 && errno == ESRCH)
            fs::remove(path, ec);
    }
}

} // namespace

void queue_message(Repository& repo, const std::string& name, const std::string& content) {
    SQLite::Statement insert(repo.db(),
                             "INSERT OR IGNORE INTO outbox (name, message) VALUES (?, ?)");
    insert.bindNoCopy(1, name);
    insert.bindNoCopy(2, content);
    insert.exec();
}

void write_message(const fs::path& repo_dir, const std::string& name, const std::string& content) {
    fs::path dir = outbox(repo_dir);
    if (present(dir / name) || present(dir / "sent" / name)) return;
    std::error_code ec; // if it cannot be made, write_file says why
    fs::create_directories(dir, ec);
    write_file(dir / name, content);
}

void settle_outbox(Repository& repo) {
    promote_legacy_staged(repo);
    fs::path dir = outbox(repo.dir());
    if (present(dir)) remove_abandoned_parts(dir);
    std::vector<std::string> settled;
    SQLite::Statement queued(repo.db(), "SELECT name, message FROM outbox");
    while (queued.executeStep()) {
        std::string name = queued.getColumn(0).getString();
        // Checked in this order because a flush moves the file from the
        // outbox into sent/.
        if (!present(dir / name) && present(dir / "sent" / name)) {
            settled.push_back(name);
            continue;
        }
        std::string message = queued.getColumn(1).getString();
        if (!present(dir / name) || slurp(dir / name) != message) {
            fs::create_directories(dir);
            write_file(dir / name, message);
        }
        if (sync_path(dir / name) || present(dir / "sent" / name)) settled.push_back(name);
    }
    queued.reset();
    if (settled.empty() || !sync_path(dir)) return;
    Repository::WriteTransaction tx(repo);
    SQLite::Statement remove(repo.db(), "DELETE FROM outbox WHERE name = ?");
    for (const auto& name : settled) {
        remove.bind(1, name);
        remove.exec();
        remove.reset();
    }
    tx.commit();
}

std::vector<OutboxMessage> outbox_messages(const fs::path& repo_dir, bool sent) {
    std::vector<OutboxMessage> out;
    fs::path dir = sent ? outbox(repo_dir) / "sent" : outbox(repo_dir);
    if (!present(dir)) return out;
    std::vector<std::pair<fs::file_time_type, fs::path>> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().extension() == ".eml")
            files.push_back({entry.last_write_time(), entry.path()});
    std::sort(files.begin(), files.end());
    for (const auto& [time, path] : files) {
        auto h = headers_of(slurp(path));
        out.push_back({path.filename().string(), path, h["date"], h["from"], h["to"], h["cc"],
                       decode_words(h["subject"]), h["x-tickets-ticket"], h["x-tickets-event"]});
    }
    return out;
}

namespace {

// Empty when the server accepted the message, else why not.
std::string send_one(helper::Helper& sender, const SmtpSettings& smtp, const std::string& message) {
    auto h = headers_of(message);
    std::vector<std::string> rcpt = addresses(h["to"]);
    for (auto& a : addresses(h["cc"])) rcpt.push_back(a);
    helper::Frame answer = sender.exchange(
        to_frame(SmtpDelivery{smtp.url, smtp.from, smtp.user, smtp.password, rcpt, message}));
    return answer.header.value("refused", "");
}

// An exclusive lock on outbox/.lock for as long as it lives.
class OutboxLock {
  public:
    explicit OutboxLock(const fs::path& dir) {
        fs::create_directories(dir);
        fd_ = ::open((dir / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0)
            throw Failure(kTempFail,
                          fmt::format("outbox: cannot lock {}", (dir / ".lock").string()));
    }
    ~OutboxLock() { ::close(fd_); }
    OutboxLock(const OutboxLock&) = delete;
    OutboxLock& operator=(const OutboxLock&) = delete;

  private:
    int fd_ = -1;
};

} // namespace

FlushResult flush_outbox(const fs::path& repo_dir, const SmtpSettings& smtp) {
    FlushResult result;
    fs::path dir = outbox(repo_dir);
    OutboxLock lock(dir);
    fs::create_directories(dir / "sent");
    std::unique_ptr<helper::Helper> sender; // started for the first message to send
    for (const auto& m : outbox_messages(repo_dir)) {
        if (!present(m.path)) continue;       // sent by a flush that held the lock before us
        if (present(dir / "sent" / m.name)) { // sent, but the move did not finish
            std::error_code ec;
            fs::remove(m.path, ec);
            continue;
        }
        if (!sender) sender = std::make_unique<helper::Helper>("tickets-smtp", "mail");
        std::string why = send_one(*sender, smtp, slurp(m.path));
        if (!why.empty()) {
            result.failures.push_back(fmt::format("{}: {}", m.name.substr(0, 12), why));
            continue;
        }
        fs::rename(m.path, dir / "sent" / m.name);
        ++result.sent;
    }
    return result;
}

} // namespace tickets
