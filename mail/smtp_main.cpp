// tickets-smtp: mail delivery for `tickets outbox flush` and the sweep, a
// helper program so that only sending loads libcurl. One request frame per
// message (mail/smtp_delivery.hpp), answered in order, until the input ends.
#include "mail/smtp_delivery.hpp"

int main() {
    return tickets::helper::answer_frames(
        [](const tickets::helper::Frame& request, tickets::helper::Frame& answer) {
            std::string why = tickets::send_mail(tickets::delivery_from_frame(request));
            if (!why.empty()) answer.header["refused"] = why;
        });
}
