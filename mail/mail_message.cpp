// The table of Message-Ids that mail intake has processed, and parsing a
// message in the helper tickets-mail-parse (mail/mail_parse_main.cpp).
#include "mail/mail_message.hpp"

#include "helper/helper.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace tickets {

IncomingMail parse_mail(std::string_view raw) {
    helper::Helper parser("tickets-mail-parse", "mail");
    return mail_from_frame(parser.exchange({nlohmann::json::object(), std::string(raw)}));
}

std::optional<ProcessedMail> find_processed_mail(SQLite::Database& db,
                                                 const std::string& message_id) {
    SQLite::Statement st(db, "SELECT event, ticket FROM mail_messages WHERE message_id = ?");
    st.bind(1, message_id);
    if (!st.executeStep()) return std::nullopt;
    return ProcessedMail{st.getColumn(0).getString(), st.getColumn(1).getString()};
}

void record_processed_mail(SQLite::Database& db, const std::string& message_id,
                           const ProcessedMail& processed) {
    SQLite::Statement st(db,
                         "INSERT INTO mail_messages (message_id, event, ticket) VALUES (?, ?, ?)");
    st.bind(1, message_id);
    st.bind(2, processed.event);
    st.bind(3, processed.ticket);
    st.exec();
}

} // namespace tickets
