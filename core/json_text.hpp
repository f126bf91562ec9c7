#pragma once
// Compact JSON text of a nlohmann::json value, byte for byte what
// j.dump(-1, ' ', false, strict) writes (keys sorted, nothing escaped but
// what JSON requires), several times faster: dump() decodes every byte of
// every string through a UTF-8 state machine, and an import writes the
// canonical form of 600,000 events and 100,000 ticket documents.
// Event ids are hashes of this text: tests/unit/test_json_text.cpp holds it
// to dump().
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace tickets {

void append_json_text(std::string& out, const nlohmann::json& j);
std::string json_text(const nlohmann::json& j);
// A JSON string literal of `s`, as json_text(nlohmann::json(s)).
void append_json_string(std::string& out, std::string_view s);
// A JSON array of strings, as json_text(nlohmann::json(values)).
void append_json_strings(std::string& out, const std::vector<std::string>& values);

// A JSON object written field by field, in any order, without building a
// nlohmann::json: text() gives it with the keys sorted, as json_text() of
// the same object would. Each key once. Fields written in key order are
// not sorted again (the ticket document's forty are, for every ticket of
// an import).
class JsonObjectText {
  public:
    JsonObjectText() = default;
    // Room for `fields` fields with `bytes` of values in all, to grow once.
    JsonObjectText(std::size_t fields, std::size_t bytes);
    JsonObjectText& raw(const char* key, std::string_view json);
    JsonObjectText& string(const char* key, const std::string& value);
    JsonObjectText& string_or_null(const char* key, const std::string& value); // "" is null
    JsonObjectText& number(const char* key, std::int64_t value);
    JsonObjectText& boolean(const char* key, bool value);
    JsonObjectText& strings(const char* key, const std::vector<std::string>& values);
    std::string text() const;

  private:
    struct Field {
        const char* key;
        std::size_t begin, end; // of its value in values_
    };
    JsonObjectText& close(const char* key, std::size_t begin);
    std::vector<Field> fields_;
    std::string values_;
    bool in_key_order_ = true;
};

} // namespace tickets
