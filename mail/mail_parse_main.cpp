// tickets-mail-parse: MIME parsing for `tickets mail-in`, a helper program so
// that only mail intake loads GMime and GLib. Each request frame's body is
// one raw message; the answer is the parsed message (mail/incoming_mail.hpp)
// or the error that refuses it.
#include "mail/incoming_mail.hpp"

int main() {
    return tickets::helper::answer_frames(
        [](const tickets::helper::Frame& request, tickets::helper::Frame& answer) {
            answer = to_frame(tickets::parse_mail_with_gmime(request.body));
        });
}
