#include "sync/http_exchange.hpp"

namespace tickets {

helper::Frame to_frame(const HttpExchange& x) {
    return {
        {{"method", x.method}, {"url", x.url}, {"headers", x.headers}, {"compress", x.compress}},
        x.body};
}

HttpExchange exchange_from_frame(const helper::Frame& f) {
    return {f.header.at("method").get<std::string>(), f.header.at("url").get<std::string>(),
            f.header.at("headers").get<std::vector<std::string>>(), f.body,
            f.header.value("compress", false)};
}

helper::Frame to_frame(const HttpResult& r) {
    if (!r.answered) return {{{"unanswered", r.error}, {"permanent", r.permanent}}, ""};
    return {{{"status", r.status}}, r.body};
}

HttpResult result_from_frame(helper::Frame f) {
    HttpResult r;
    if (auto why = f.header.find("unanswered"); why != f.header.end()) {
        r.error = why->get<std::string>();
        r.permanent = f.header.value("permanent", false);
        return r;
    }
    r.answered = true;
    r.status = f.header.at("status").get<long>();
    r.body = std::move(f.body);
    return r;
}

} // namespace tickets
