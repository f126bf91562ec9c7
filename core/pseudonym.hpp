#pragma once
// Anonymous tickets (`new --anonymous`). An event's id hashes its author, so
// an author cannot be taken out of an event that others pull. Instead an
// anonymous ticket is written, from its create on, by a pseudonym made for
// it: the requester and the author of the anonymous person's events. Who
// stands behind a pseudonym is kept apart from the events (store/accounts:
// table pseudonyms), on the server and in the stores of its owner and of
// staff; everyone else sees "anonymous", and every hash still verifies.
#include <string>
#include <string_view>

namespace tickets {

// "anonymous-<16 hex digits>@anonymous.invalid": the top-level domain
// .invalid (RFC 2606) can never receive mail.
std::string pseudonym_from(std::string_view random_hex);
bool is_pseudonym(std::string_view address);

// How a pseudonym is shown to whom it may not be revealed.
std::string anonymous_label(bool german);

} // namespace tickets
