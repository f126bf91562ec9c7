#include "core/sign_in_mail.hpp"

#include <fmt/format.h>

namespace tickets {

MailMessage sign_in_message(const std::string& to, const std::string& link, const std::string& key,
                            const NotifySettings& settings, Instant now) {
    bool german = settings.language != "en";
    MailMessage m;
    m.name = "signin-" + key + ".eml";
    m.from = settings.from;
    m.to = {to};
    m.subject = german ? "Ihr Anmeldelink" : "Your sign-in link";
    m.message_id = fmt::format("<signin-{}@tickets>", key);
    m.date = now;
    m.body =
        german ? fmt::format("Guten Tag,\n\nmit diesem Link melden Sie sich im Kundenportal an:\n\n"
                             "{}\n\nDer Link gilt 15 Minuten und nur einmal. Wenn Sie ihn nicht "
                             "angefordert haben, können Sie diese Nachricht ignorieren.\n",
                             link)
               : fmt::format("Hello,\n\nthis link signs you in to the customer portal:\n\n{}\n\n"
                             "It is valid for 15 minutes, once. If you did not ask for it, you "
                             "can ignore this message.\n",
                             link);
    return m;
}

} // namespace tickets
