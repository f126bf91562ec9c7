#include "mail/smtp_delivery.hpp"

namespace tickets {

helper::Frame to_frame(const SmtpDelivery& d) {
    return {{{"url", d.url},
             {"from", d.from},
             {"user", d.user},
             {"password", d.password},
             {"recipients", d.recipients}},
            d.message};
}

SmtpDelivery delivery_from_frame(const helper::Frame& f) {
    const auto& h = f.header;
    return {h.at("url"), h.at("from"), h.at("user"), h.at("password"), h.at("recipients"), f.body};
}

} // namespace tickets
