#pragma once
#include <string>
#include <string_view>

namespace tickets {

// Lower-case hex SHA-256 of the bytes (Nettle's implementation).
std::string sha256_hex(std::string_view bytes);

} // namespace tickets
