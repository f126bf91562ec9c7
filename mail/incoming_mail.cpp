#include "mail/incoming_mail.hpp"

#include "core/error.hpp"

namespace tickets {

helper::Frame to_frame(const IncomingMail& m) {
    helper::Frame f;
    f.header = {{"from", m.from},
                {"from_name", m.from_name},
                {"cc", m.cc},
                {"subject", m.subject},
                {"message_id", m.message_id},
                {"in_reply_to", m.in_reply_to},
                {"text", m.text},
                {"attachments", nlohmann::json::array()},
                {"automation", m.automation}};
    for (const auto& a : m.attachments) {
        f.header["attachments"].push_back(
            {{"name", a.name}, {"mime", a.mime}, {"bytes", a.bytes.size()}});
        f.body += a.bytes;
    }
    return f;
}

IncomingMail mail_from_frame(const helper::Frame& f) {
    try {
        const auto& h = f.header;
        IncomingMail m{h.at("from"),
                       h.at("from_name"),
                       h.at("cc"),
                       h.at("subject"),
                       h.at("message_id"),
                       h.at("in_reply_to"),
                       h.at("text"),
                       {},
                       {}};
        m.automation = h.value("automation", decltype(m.automation){});
        std::size_t offset = 0;
        for (const auto& a : h.at("attachments")) {
            std::size_t size = a.at("bytes");
            if (size > f.body.size() - offset) throw Failure(kTempFail, "attachment past the body");
            m.attachments.push_back({a.at("name"), a.at("mime"), f.body.substr(offset, size)});
            offset += size;
        }
        return m;
    } catch (const nlohmann::json::exception& e) {
        throw Failure(kTempFail,
                      std::string("tickets-mail-parse: a malformed answer: ") + e.what());
    }
}

} // namespace tickets
