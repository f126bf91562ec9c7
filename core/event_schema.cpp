#include "core/event_schema.hpp"

#include "core/sla.hpp"
#include "core/time.hpp"

#include <fmt/format.h>
#include <vector>

namespace tickets {

namespace {

enum class Kind { text, flag, count, texts, instant, id, attachments, sla };

struct Field {
    const char* name;
    Kind kind;
};

struct Schema {
    const char* type;
    std::vector<Field> fields;
};

// The fields a ticket's create event and `set` share.
const std::vector<Field> kTicketFields = {
    {"subject", Kind::text},      {"description", Kind::text}, {"requester", Kind::text},
    {"organisation", Kind::text}, {"product", Kind::text},     {"topic", Kind::text},
    {"category", Kind::text},     {"property", Kind::text},    {"type", Kind::text},
    {"priority", Kind::text},     {"assignee", Kind::text},    {"group", Kind::text},
    {"visibility", Kind::text},   {"cc", Kind::texts},         {"tags", Kind::texts},
    {"due", Kind::instant},       {"audience", Kind::texts},   {"sla", Kind::sla}};

std::vector<Field> plus(std::vector<Field> fields, std::initializer_list<Field> more) {
    fields.insert(fields.end(), more);
    return fields;
}

const Schema kSchemas[] = {
    {"create", plus(kTicketFields, {{"nonce", Kind::text},
                                    {"requester_name", Kind::text},
                                    {"workflow", Kind::text},
                                    {"message_id", Kind::text},
                                    {"follow_up_of", Kind::id},
                                    {"attachments", Kind::attachments}})},
    {"set", kTicketFields},
    {"comment",
     {{"body", Kind::text},
      {"internal", Kind::flag},
      {"message_id", Kind::text},
      {"author_name", Kind::text},
      {"attachments", Kind::attachments}}},
    {"status", {{"status", Kind::text}}},
    {"assign", {{"assignee", Kind::text}}},
    {"escalate", {{"reason", Kind::text}, {"sla", Kind::sla}}},
    {"resolve", {{"solution", Kind::text}}},
    {"reopen", {{"message", Kind::text}}},
    {"close", {{"reason", Kind::text}, {"into", Kind::id}}},
    {"remind", {{"reminder", Kind::count}}},
    {"delete", {}},
    {"link",
     {{"follow_up", Kind::id},
      {"ticket", Kind::id},
      {"relation", Kind::text},
      {"remove", Kind::flag},
      {"merged", Kind::id}}},
    {"rate", {{"rating", Kind::text}, {"reason", Kind::text}}},
    // A knowledge-base article's version (core/kb.hpp), kept apart from the
    // tickets' log.
    {"article",
     {{"title", Kind::text},
      {"body", Kind::text},
      {"section", Kind::text},
      {"product", Kind::text},
      {"language", Kind::text},
      {"tags", Kind::texts},
      {"removed", Kind::flag}}},
};

bool is_count(const Json& v) {
    return v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0);
}

bool is_text_list(const Json& v) {
    if (!v.is_array()) return false;
    for (const auto& item : v)
        if (!item.is_string()) return false;
    return true;
}

std::optional<std::string> attachment_problem(const Json& a) {
    if (!a.is_object()) return "must be an object";
    for (const auto& [key, value] : a.items()) {
        if (key == "name" || key == "mime") {
            if (!value.is_string()) return fmt::format("field '{}' must be a string", key);
        } else if (key == "sha256") {
            if (!value.is_string() || !is_hex64(value.get_ref<const std::string&>()))
                return "field 'sha256' must be 64 lower-case hex digits";
        } else if (key == "size") {
            if (!is_count(value)) return "field 'size' must be a whole number";
        } else {
            return fmt::format("has an unknown field '{}'", key);
        }
    }
    if (!a.contains("sha256")) return "has no 'sha256'";
    return std::nullopt;
}

std::optional<std::string> value_problem(Kind kind, const Json& v) {
    switch (kind) {
    case Kind::text:
        if (!v.is_string()) return "must be a string";
        break;
    case Kind::flag:
        if (!v.is_boolean()) return "must be true or false";
        break;
    case Kind::count:
        if (!is_count(v)) return "must be a whole number";
        break;
    case Kind::texts:
        if (!is_text_list(v)) return "must be a list of strings";
        break;
    case Kind::instant:
        // `set` clears a due date with "".
        if (!v.is_string() || (!v.get_ref<const std::string&>().empty() &&
                               !parse_instant(v.get_ref<const std::string&>())))
            return "must be an ISO-8601 instant";
        break;
    case Kind::id:
        if (!v.is_string() || !is_hex64(v.get_ref<const std::string&>()))
            return "must be a ticket id (64 lower-case hex digits)";
        break;
    case Kind::attachments:
        if (!v.is_array()) return "must be a list of attachments";
        for (size_t i = 0; i < v.size(); ++i)
            if (auto why = attachment_problem(v[i])) return fmt::format("item {} {}", i + 1, *why);
        break;
    case Kind::sla:
        return sla_targets_problem(v);
    }
    return std::nullopt;
}

} // namespace

// Without a branch per character: digits and letters alternate at random
// in a hash, and the mispredicted branches made this check, run twice per
// imported event, cost as much as hashing the event.
bool is_hex64(std::string_view s) {
    if (s.size() != 64) return false;
    bool hex = true;
    for (char c : s)
        hex &= (static_cast<unsigned>(c - '0') < 10u) | (static_cast<unsigned>(c - 'a') < 6u);
    return hex;
}

std::optional<std::string> schema_problem(const Event& e) {
    const Schema* schema = nullptr;
    for (const auto& s : kSchemas)
        if (e.type == s.type) schema = &s;
    if (!schema) return fmt::format("unknown event type '{}'", e.type);
    if (e.lamport > kMaxLamport)
        return fmt::format("lamport {} is over the limit {}", e.lamport, kMaxLamport);
    if (!e.payload.is_object()) return "payload must be an object";
    for (const auto& [key, value] : e.payload.items()) {
        const Field* field = nullptr;
        for (const auto& f : schema->fields)
            if (key == f.name) field = &f;
        if (!field) return fmt::format("payload field '{}' is not part of a {} event", key, e.type);
        if (auto why = value_problem(field->kind, value))
            return fmt::format("payload field '{}' {}", key, *why);
    }
    return std::nullopt;
}

std::vector<std::string> attachment_hashes(const Json& payload) {
    std::vector<std::string> out;
    auto files = payload.find("attachments");
    if (files == payload.end() || !files->is_array()) return out;
    for (const auto& f : *files)
        if (f.is_object() && f.contains("sha256") && f["sha256"].is_string())
            out.push_back(f["sha256"].get<std::string>());
    return out;
}

} // namespace tickets
