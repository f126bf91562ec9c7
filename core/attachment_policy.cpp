#include "core/attachment_policy.hpp"

#include "core/error.hpp"
#include "core/event_schema.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace tickets {

namespace {

const std::vector<std::pair<std::string, std::vector<std::string>>>& kinds() {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> k = {
        {"pdf", {"application/pdf"}}, {"image", {"image/png", "image/jpeg", "image/gif"}},
        {"png", {"image/png"}},       {"jpeg", {"image/jpeg"}},
        {"gif", {"image/gif"}},       {"zip", {"application/zip"}},
    };
    return k;
}

std::string kind_label(const std::string& kind, bool german) {
    if (kind == "pdf") return "PDF";
    if (kind == "image") return german ? "Bilder" : "images";
    if (kind == "png") return "PNG";
    if (kind == "jpeg") return "JPEG";
    if (kind == "gif") return "GIF";
    return "ZIP";
}

std::string size_text(std::size_t bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        return fmt::format("{} MB", bytes / (1024 * 1024));
    if (bytes >= 1024 && bytes % 1024 == 0) return fmt::format("{} KB", bytes / 1024);
    return fmt::format("{} B", bytes);
}

} // namespace

std::string sniff_mime(const std::string& bytes) {
    auto starts = [&](std::string_view magic) { return bytes.rfind(magic, 0) == 0; };
    if (starts("%PDF-")) return "application/pdf";
    if (starts("\x89PNG\r\n\x1a\n")) return "image/png";
    if (starts("\xff\xd8\xff")) return "image/jpeg";
    if (starts("GIF87a") || starts("GIF89a")) return "image/gif";
    if (starts("PK\x03\x04")) return "application/zip";
    return "application/octet-stream";
}

AttachmentPolicy attachment_policy(const std::map<std::string, std::string>& section) {
    AttachmentPolicy p;
    for (const auto& [key, raw] : section) {
        std::string value = trim(raw);
        auto bad = [&](const std::string& why) {
            return Failure(kConfig,
                           fmt::format("config portal.attachments.{} = '{}': {}", key, raw, why));
        };
        if (key == "max_count") {
            if (value.empty() || value.size() > 3 ||
                value.find_first_not_of("0123456789") != std::string::npos)
                throw bad("not a number of files (0 to 100)");
            p.max_count = std::stoi(value);
            if (p.max_count > 100) throw bad("not a number of files (0 to 100)");
        } else if (key == "max_size") {
            std::string lower = to_lower_ascii(value);
            size_t digits = lower.find_first_not_of("0123456789");
            std::string unit = trim(digits == std::string::npos ? "" : lower.substr(digits));
            if (digits == 0 || lower.substr(0, digits).size() > 9)
                throw bad("not a size such as 10MB");
            std::size_t n = std::stoull(lower.substr(0, digits));
            std::size_t scale = unit.empty() || unit == "b"   ? 1
                                : unit == "kb" || unit == "k" ? 1024
                                : unit == "mb" || unit == "m" ? 1024 * 1024
                                                              : 0;
            if (scale == 0) throw bad("not a size such as 10MB");
            p.max_bytes = n * scale;
            if (p.max_bytes == 0 || p.max_bytes > kMaxAttachmentBytes)
                throw bad(fmt::format("a size from 1 B to {}", size_text(kMaxAttachmentBytes)));
        } else if (key == "types") {
            for (auto& t : split(value, ',')) {
                std::string kind = to_lower_ascii(trim(t));
                if (kind.empty() || kind == "any") continue;
                bool known = std::any_of(kinds().begin(), kinds().end(),
                                         [&](const auto& k) { return k.first == kind; });
                if (!known) throw bad("kinds are pdf, image, png, jpeg, gif, zip or any");
                p.types.push_back(kind);
            }
        } else {
            throw Failure(kConfig,
                          fmt::format("config portal.attachments.{}: unknown key (max_count, "
                                      "max_size, types)",
                                      key));
        }
    }
    return p;
}

std::optional<std::string> attachment_refusal(const AttachmentPolicy& policy,
                                              const std::string& name, const std::string& content,
                                              int index, bool german) {
    if (index >= policy.max_count)
        return german
                   ? fmt::format("{}: höchstens {} Dateien pro Nachricht", name, policy.max_count)
                   : fmt::format("{}: at most {} files per message", name, policy.max_count);
    if (content.size() > policy.max_bytes)
        return german ? fmt::format("{}: größer als {}", name, size_text(policy.max_bytes))
                      : fmt::format("{}: larger than {}", name, size_text(policy.max_bytes));
    if (policy.types.empty()) return std::nullopt;
    std::string mime = sniff_mime(content);
    for (const auto& kind : policy.types)
        for (const auto& [k, mimes] : kinds())
            if (k == kind && std::find(mimes.begin(), mimes.end(), mime) != mimes.end())
                return std::nullopt;
    return german ? fmt::format("{}: diese Art Datei ist nicht erlaubt", name)
                  : fmt::format("{}: this kind of file is not allowed", name);
}

std::string describe(const AttachmentPolicy& policy, bool german) {
    if (policy.max_count == 0) return german ? "Keine Anhänge." : "No attachments.";
    std::vector<std::string> kinds_text;
    for (const auto& k : policy.types) kinds_text.push_back(kind_label(k, german));
    std::string what = kinds_text.empty() ? "" : ": " + join(kinds_text, ", ");
    return german ? fmt::format("Höchstens {} Dateien zu je bis zu {}{}.", policy.max_count,
                                size_text(policy.max_bytes), what)
                  : fmt::format("At most {} files of up to {} each{}.", policy.max_count,
                                size_text(policy.max_bytes), what);
}

} // namespace tickets
