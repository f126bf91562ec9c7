#pragma once
// The register of properties: `[properties]` in the config, an id per
// property ("WE-1001" = "Musterstraße 1"), so that people and tickets name
// a property by its id as well as by its name, however written
// (core/names.hpp property_key()).
#include "store/config.hpp"

#include <map>
#include <string>

namespace tickets {

class PropertyRegister {
  public:
    explicit PropertyRegister(const Config& config);
    // The registered name of an id or of a name written another way; other
    // names as given.
    std::string name_of(const std::string& name_or_id) const;
    // property_key() of that name: what visibility compares.
    std::string key_of(const std::string& name_or_id) const;

  private:
    std::map<std::string, std::string> names_; // property_key of id and of name -> name
};

} // namespace tickets
