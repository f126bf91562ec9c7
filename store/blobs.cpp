#include "store/blobs.hpp"

#include "core/error.hpp"
#include "core/event_schema.hpp"
#include "core/hash.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace tickets {

fs::path blob_path(const fs::path& repo_dir, const std::string& sha256) {
    // Hashes come in events from other replicas: "../../etc/passwd" must
    // not become a path.
    if (!is_hex64(sha256))
        throw Failure(kDataErr, fmt::format("attachment hash '{}' is not 64 lower-case hex digits",
                                            sha256.substr(0, 80)));
    return repo_dir / "objects" / sha256.substr(0, 2) / sha256.substr(2);
}

std::string put_blob(const fs::path& repo_dir, std::string_view content) {
    std::string sha = sha256_hex(content);
    fs::path target = blob_path(repo_dir, sha);
    if (fs::exists(target)) return sha;
    fs::create_directories(target.parent_path());
    fs::path tmp = target;
    tmp += fmt::format(".tmp{}", ::getpid());
    {
        std::ofstream out(tmp, std::ios::binary);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        if (!out.flush())
            throw Failure(kTempFail,
                          fmt::format("cannot write {}: {}", tmp.string(), std::strerror(errno)));
    }
    fs::rename(tmp, target);
    return sha;
}

std::optional<std::string> read_blob(const fs::path& repo_dir, const std::string& sha256) {
    std::ifstream in(blob_path(repo_dir, sha256), std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    // A blob that does not match its hash (a damaged disk, a hand-edited
    // file) is never passed on as the attachment.
    if (sha256_hex(s.str()) != sha256)
        throw Failure(kDataErr, fmt::format("attachment {}: content does not match its hash",
                                            sha256.substr(0, 12)));
    return s.str();
}

bool has_blob(const fs::path& repo_dir, const std::string& sha256) {
    std::error_code ec;
    return fs::exists(blob_path(repo_dir, sha256), ec);
}

std::optional<std::string> missing_blob(const fs::path& repo_dir, const Event& e) {
    for (const auto& sha : attachment_hashes(e))
        if (!has_blob(repo_dir, sha)) return sha;
    return std::nullopt;
}

void put_blob_checked(const fs::path& repo_dir, const std::string& sha256,
                      std::string_view content) {
    if (sha256_hex(content) != sha256)
        throw Failure(kDataErr, fmt::format("blob {}: content does not match its hash",
                                            sha256.substr(0, 12)));
    put_blob(repo_dir, content);
}

std::string read_file(const fs::path& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec))
        throw Failure(kDataErr, fmt::format("cannot read {}: is a directory", path.string()));
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Failure(kDataErr,
                      fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace tickets
