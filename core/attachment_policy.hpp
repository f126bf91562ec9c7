#pragma once
// What may be attached through the web pages ([portal.attachments] in the
// config): how many files per message, how large each, and which kinds,
// told by their content, not by their names ("at most 4 per message, PDF
// and images only": max_count = 4, types = "pdf, image").
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tickets {

// The type a file's first bytes show (PDF, PNG, JPEG, GIF, ZIP), else
// application/octet-stream.
std::string sniff_mime(const std::string& bytes);

struct AttachmentPolicy {
    int max_count = 4;
    std::size_t max_bytes = 10 * 1024 * 1024;
    // Kinds allowed: pdf, image (PNG, JPEG, GIF), png, jpeg, gif, zip;
    // empty: any.
    std::vector<std::string> types;
};

// From the keys of [portal.attachments] (max_count, max_size as "10MB",
// "512KB" or bytes, types); throws Failure(kConfig) naming a bad one.
AttachmentPolicy attachment_policy(const std::map<std::string, std::string>& section);

// Why `content` may not be attached as the `index`-th file (0-based) of a
// message, in German or English; nothing when it may.
std::optional<std::string> attachment_refusal(const AttachmentPolicy& policy,
                                              const std::string& name, const std::string& content,
                                              int index, bool german);

// The rule in a sentence, for the forms ("At most 4 files of up to 10 MB
// each: PDF, images.").
std::string describe(const AttachmentPolicy& policy, bool german);

} // namespace tickets
