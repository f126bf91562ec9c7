#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace tickets {

std::string base64_encode(std::string_view bytes);
// Nothing when the text is not valid base64.
std::optional<std::string> base64_decode(std::string_view text);

} // namespace tickets
