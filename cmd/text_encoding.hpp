#pragma once
// Text files from other programs in UTF-8: what German offices save is
// often Windows-1252 (Excel's "CSV (Trennzeichen-getrennt)"), sometimes
// UTF-16 (Excel's "Unicode-Text"). Decoded with iconv.
#include <string>
#include <string_view>

namespace tickets {

// `encoding`: "auto" (a UTF-16 byte-order mark says UTF-16, valid UTF-8
// stays UTF-8, anything else is Windows-1252), "utf-8", "windows-1252"
// (also "cp1252"), "iso-8859-1" / "latin1" (read as Windows-1252, as mail
// programs and browsers do), "iso-8859-15" or "utf-16". A UTF-8 byte-order
// mark is dropped. Throws Failure(kUsage) for an unknown encoding and
// Failure(kDataErr) for bytes that are not text in it, naming `what`.
std::string decode_to_utf8(std::string bytes, std::string_view encoding, std::string_view what);

} // namespace tickets
