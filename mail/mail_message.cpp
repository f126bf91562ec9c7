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
                           const ProcessedMail& processed, const std::string& sender,
                           std::int64_t received) {
    SQLite::Statement st(db, "INSERT INTO mail_messages (message_id, event, ticket, sender, "
                             "received) VALUES (?, ?, ?, ?, ?)");
    st.bind(1, message_id);
    st.bind(2, processed.event);
    st.bind(3, processed.ticket);
    st.bind(4, sender);
    st.bind(5, received);
    st.exec();
}

int mail_from_sender_since(SQLite::Database& db, const std::string& sender, std::int64_t since) {
    SQLite::Statement st(db,
                         "SELECT count(*) FROM mail_messages WHERE sender = ? AND received >= ?");
    st.bind(1, sender);
    st.bind(2, since);
    st.executeStep();
    return st.getColumn(0).getInt();
}

} // namespace tickets
