#pragma once
// The filter language of `list` and `export`:
//   status:open,pending  type:incident  priority:high  product:PowerHaus
//   topic:  category:  property:  assignee:me|none|EMAIL  requester:EMAIL
//   org:NAME  tag:TAG|none  cc:EMAIL|me|none  id:PREFIX
//   due:none  FIELD.after:DATE FIELD.before:DATE for created, updated, due,
//   solved and closed (a ticket without that date matches neither)
//   sla:breached|ok|none  sla.due.before:4h sla.due.after:DATE (the nearest
//   deadline of a running SLA clock; a bare duration there is ahead of now)
// Values separated by commas match any of them; different terms must all
// match; other words are full-text search terms. A term is negated by a
// leading '-' or a '!' before its values (-status:closed, status:!closed):
// it then matches tickets that have none of the values.
#include "core/time.hpp"

#include <string>
#include <vector>

namespace tickets {

struct FieldCondition {
    std::string field;               // a column name: status, type, priority, assignee, ...
    std::vector<std::string> values; // any of them matches; "" means "not set"
    bool negated = false;            // none of them matches
};

struct DateCondition {
    std::string field; // created, updated, due, solved, closed or sla.due
    bool after = true; // after (>=) or before (<)
    Instant at = 0;
};

struct Filter {
    std::vector<FieldCondition> fields;
    std::vector<DateCondition> dates;
    std::vector<std::string> words;
    Instant now = 0; // what sla:breached is judged at
};

// Throws Failure(kUsage) with a message naming the bad term.
// `me` is the acting user's email (for assignee:me / requester:me).
Filter parse_filter(const std::vector<std::string>& terms, Instant now, const std::string& me);

// Filter keys, for help texts and completions.
const std::vector<std::string>& filter_keys();

} // namespace tickets
