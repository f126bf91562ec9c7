#include "store/transport/simdjson_parse.hpp"

#include "core/error.hpp"
#include "core/json_parse.hpp"

#include <simdjson.h>

namespace tickets::transport {

namespace {

using nlohmann::json;

json convert(simdjson::dom::element e) {
    using Type = simdjson::dom::element_type;
    switch (e.type()) {
    case Type::OBJECT: {
        json object = json::object();
        for (auto field : simdjson::dom::object(e))
            member_slot(object, std::string(field.key)) = convert(field.value);
        return object;
    }
    case Type::ARRAY: {
        json array = json::array();
        for (auto item : simdjson::dom::array(e)) array.push_back(convert(item));
        return array;
    }
    case Type::STRING:
        return std::string(std::string_view(e));
    case Type::INT64:
        return std::int64_t(e);
    case Type::UINT64:
        return std::uint64_t(e);
    case Type::DOUBLE:
        return double(e);
    case Type::BOOL:
        return bool(e);
    case Type::NULL_VALUE:
        return nullptr;
    }
    return nullptr;
}

} // namespace

json parse_json_simdjson(std::string_view text) {
    // One parser per thread: it keeps its buffers from one text to the next.
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (auto code = parser.parse(text.data(), text.size()).get(root))
        throw Failure(kDataErr, std::string("malformed JSON: ") + simdjson::error_message(code));
    return convert(root);
}

} // namespace tickets::transport
