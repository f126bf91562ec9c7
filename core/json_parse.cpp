#include "core/json_parse.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <cstdint>
#include <fmt/format.h>
#include <limits>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <vector>

namespace tickets {

namespace {

using nlohmann::json;

// RapidJSON's SAX events, built into an nlohmann::json tree.
class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
  public:
    json root;
    bool too_deep = false;

    bool Null() { return put(nullptr); }
    bool Bool(bool b) { return put(b); }
    // Integers as nlohmann's parser and simdjson give them: int64 when they
    // fit, else uint64.
    bool Int(int i) { return put(std::int64_t(i)); }
    bool Uint(unsigned u) { return put(std::int64_t(u)); }
    bool Int64(std::int64_t i) { return put(i); }
    bool Uint64(std::uint64_t u) {
        if (u <= std::uint64_t(std::numeric_limits<std::int64_t>::max()))
            return put(std::int64_t(u));
        return put(u);
    }
    bool Double(double d) { return put(d); }
    bool String(const char* s, rapidjson::SizeType n, bool) { return put(std::string(s, n)); }
    bool Key(const char* s, rapidjson::SizeType n, bool) {
        key_.assign(s, n);
        return true;
    }
    bool StartObject() { return open(json::object()); }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool StartArray() { return open(json::array()); }
    bool EndArray(rapidjson::SizeType) { return close(); }

  private:
    // The containers being filled, innermost last. The pointers stay valid:
    // an array gets its next element only after its last one is closed,
    // and objects are maps, whose elements never move.
    std::vector<json*> open_;
    std::string key_;

    json& slot() {
        if (open_.empty()) return root;
        json& parent = *open_.back();
        if (parent.is_array()) {
            parent.push_back(nullptr);
            return parent.back();
        }
        return member_slot(parent, std::move(key_));
    }
    template <class T> bool put(T&& value) {
        slot() = std::forward<T>(value);
        return true;
    }
    bool open(json&& container) {
        if (open_.size() == kMaxJsonDepth) {
            too_deep = true;
            return false;
        }
        json& s = slot();
        s = std::move(container);
        open_.push_back(&s);
        return true;
    }
    bool close() {
        open_.pop_back();
        return true;
    }
};

} // namespace

json& member_slot(json& object, std::string key) {
    auto& members = object.get_ref<json::object_t&>();
    if (members.empty() || members.rbegin()->first < key)
        return members.emplace_hint(members.end(), std::move(key), nullptr)->second;
    return members[std::move(key)];
}

json parse_json(std::string_view text) {
    // UTF-8 checked in one pass of its own: RapidJSON's check, a state
    // machine step per byte of every string, took two fifths of the parse.
    if (!is_valid_utf8(text)) throw Failure(kDataErr, "malformed JSON: invalid UTF-8");
    rapidjson::MemoryStream stream(text.data(), text.size());
    rapidjson::Reader reader;
    TreeBuilder builder;
    rapidjson::ParseResult ok = reader.Parse<rapidjson::kParseFullPrecisionFlag>(stream, builder);
    if (!ok) {
        if (builder.too_deep)
            throw Failure(kDataErr, fmt::format("malformed JSON: nested deeper than {} levels",
                                                kMaxJsonDepth));
        throw Failure(kDataErr, fmt::format("malformed JSON: {} (at byte {})",
                                            rapidjson::GetParseError_En(ok.Code()), ok.Offset()));
    }
    // The stream reads a NUL byte as its end, so text after one is unread.
    if (stream.Tell() != text.size())
        throw Failure(kDataErr,
                      fmt::format("malformed JSON: NUL byte (at byte {})", stream.Tell()));
    return std::move(builder.root);
}

} // namespace tickets
