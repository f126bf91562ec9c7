#pragma once
// Attachment blobs, content-addressed like Git's objects:
// .tickets/objects/ab/cdef… where abcdef… is the SHA-256 of the content.
#include "core/event.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace tickets {

// Writes the blob (atomically, via a temporary file and rename) unless it is
// already there; returns its SHA-256.
std::string put_blob(const std::filesystem::path& repo_dir, std::string_view content);
std::filesystem::path blob_path(const std::filesystem::path& repo_dir, const std::string& sha256);
// The blob's content; nullopt when it is not there. Throws Failure(kDataErr)
// when its content does not match the hash.
std::optional<std::string> read_blob(const std::filesystem::path& repo_dir,
                                     const std::string& sha256);
bool has_blob(const std::filesystem::path& repo_dir, const std::string& sha256);
// The first attachment the event names that is not in objects/, if any.
std::optional<std::string> missing_blob(const std::filesystem::path& repo_dir, const Event& e);
// put_blob for content that came with its hash from elsewhere: throws
// Failure(kDataErr, "blob …: content does not match its hash") instead.
void put_blob_checked(const std::filesystem::path& repo_dir, const std::string& sha256,
                      std::string_view content);

// Reads a whole file; throws Failure(kDataErr) naming the file when it cannot.
std::string read_file(const std::filesystem::path& path);

} // namespace tickets
