#include "store/property_register.hpp"

#include "core/error.hpp"
#include "core/names.hpp"

#include <fmt/format.h>

namespace tickets {

PropertyRegister::PropertyRegister(const Config& config) {
    for (const auto& [id, name] : config.section("properties")) {
        if (property_key(id).empty() || property_key(name).empty())
            throw Failure(kConfig, fmt::format("config properties.{} = '{}' is not a property "
                                               "id with a name",
                                               id, name));
        names_[property_key(id)] = name;
        names_[property_key(name)] = name;
    }
}

std::string PropertyRegister::name_of(const std::string& name_or_id) const {
    auto it = names_.find(property_key(name_or_id));
    return it == names_.end() ? name_or_id : it->second;
}

std::string PropertyRegister::key_of(const std::string& name_or_id) const {
    return property_key(name_of(name_or_id));
}

} // namespace tickets
