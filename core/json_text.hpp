#pragma once
// Compact JSON text of a nlohmann::json value, byte for byte what
// j.dump(-1, ' ', false, strict) writes (keys sorted, nothing escaped but
// what JSON requires), several times faster: dump() decodes every byte of
// every string through a UTF-8 state machine, and an import writes the
// canonical form of 600,000 events and 100,000 ticket documents.
// Event ids are hashes of this text: tests/unit/test_json_text.cpp holds it
// to dump().
#include <nlohmann/json.hpp>
#include <string>

namespace tickets {

void append_json_text(std::string& out, const nlohmann::json& j);
std::string json_text(const nlohmann::json& j);
// A JSON string literal of `s`, as json_text(nlohmann::json(s)).
void append_json_string(std::string& out, const std::string& s);

} // namespace tickets
