#pragma once
// Canonical English names of statuses, types and priorities, and the German
// labels users know. Input accepts both; output always uses the English name.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tickets {

const std::vector<std::string>& all_statuses();
const std::vector<std::string>& all_types();
const std::vector<std::string>& all_priorities(); // lowest first

std::optional<std::string> canonical_status(std::string_view name);
std::optional<std::string> canonical_type(std::string_view name);
std::optional<std::string> canonical_priority(std::string_view name);

// German label for display ("pending" -> "Wartend").
std::string german_status(std::string_view status);
// "high" -> "Hoch".
std::string german_priority(std::string_view priority);
// The Anfragetyp a type is shown as: Anwenderhilfe, Störung,
// Produktanforderung, Dringend.
std::string german_type(std::string_view type);

// 0 = low ... 3 = urgent; -1 for an unknown name.
int priority_rank(std::string_view priority);
// One level up, saturating at urgent.
std::string raise_priority(std::string_view priority);
// A property's name as a key that matches however it is written: case,
// umlauts and ß folded (ä = ae), "straße", "strasse" and "str." alike, and
// blanks and punctuation left out ("Musterstraße 1" = "musterstr. 1"),
// except between digits ("1-3" and "1 3" alike, but not "13").
std::string property_key(std::string_view name);

// DOMAIN.md: question -> low, incident -> normal, feature -> normal, urgent -> high.
std::string default_priority_for_type(std::string_view type);

} // namespace tickets
