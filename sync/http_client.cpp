// HTTP exchanges for the sync client, on cpp-httplib (the library `serve`
// uses too, so a pull loads one HTTP library, not two): timeouts, TLS with
// the system's certificates and verification on, gzip answers, and the
// proxy variables (http_proxy, https_proxy, no_proxy) as curl reads them.
// Retries are the caller's business. Part of the helper tickets-remote-http.
#include "sync/http_client.hpp"

#include <cstdlib>
#include <httplib.h>
#include <optional>

namespace tickets {

namespace {

struct Target {
    std::string origin; // scheme://host[:port]
    std::string host;
    std::string path; // with the query; "/" at least
};

std::optional<Target> parse_url(const std::string& url) {
    size_t scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return std::nullopt;
    size_t path_start = url.find('/', scheme_end + 3);
    Target t;
    t.origin = url.substr(0, path_start);
    t.path = path_start == std::string::npos ? "/" : url.substr(path_start);
    std::string authority = t.origin.substr(scheme_end + 3);
    if (authority.empty()) return std::nullopt;
    if (authority.front() == '[')
        t.host = authority.substr(1, authority.find(']') - 1);
    else
        t.host = authority.substr(0, authority.find(':'));
    return t;
}

const char* env(const char* lower, const char* upper) {
    const char* v = std::getenv(lower);
    if (!v || !*v) v = std::getenv(upper);
    return v && *v ? v : nullptr;
}

// no_proxy: "*" or comma-separated host names, each matching itself and
// its subdomains (a leading dot is allowed).
bool bypasses_proxy(const std::string& host) {
    const char* list = env("no_proxy", "NO_PROXY");
    if (!list) return false;
    std::string entries = list;
    size_t start = 0;
    while (start <= entries.size()) {
        size_t end = entries.find(',', start);
        if (end == std::string::npos) end = entries.size();
        std::string entry = entries.substr(start, end - start);
        entry.erase(0, entry.find_first_not_of(" \t"));
        entry.erase(entry.find_last_not_of(" \t") + 1);
        if (!entry.empty() && entry.front() == '.') entry.erase(0, 1);
        if (entry == "*" || entry == host) return true;
        if (!entry.empty() && host.size() > entry.size() &&
            host.compare(host.size() - entry.size(), entry.size(), entry) == 0 &&
            host[host.size() - entry.size() - 1] == '.')
            return true;
        start = end + 1;
    }
    return false;
}

void apply_proxy(httplib::Client& client, const std::string& url, const std::string& host) {
    const char* proxy = url.rfind("https://", 0) == 0 ? env("https_proxy", "HTTPS_PROXY")
                                                      : std::getenv("http_proxy");
    if (!proxy || !*proxy || bypasses_proxy(host)) return;
    std::string p = proxy;
    if (size_t scheme = p.find("://"); scheme != std::string::npos) p.erase(0, scheme + 3);
    p = p.substr(0, p.find('/'));
    size_t colon = p.rfind(':');
    std::string proxy_host = colon == std::string::npos ? p : p.substr(0, colon);
    int port = colon == std::string::npos ? 1080 : std::atoi(p.c_str() + colon + 1);
    client.set_proxy(proxy_host, port);
}

// Failures that retrying cannot fix.
bool is_permanent(httplib::Error e) {
    return e == httplib::Error::SSLServerVerification || e == httplib::Error::SSLLoadingCerts;
}

class HttplibClient : public HttpClient {
  public:
    HttpResult exchange(const HttpExchange& request) override {
        HttpResult result;
        auto target = parse_url(request.url);
        if (!target) {
            result.error = "malformed URL";
            result.permanent = true;
            return result;
        }
        if (!client_ || origin_ != target->origin) connect(request.url, *target);
        if (!client_->is_valid()) {
            result.error = "unsupported URL";
            result.permanent = true;
            return result;
        }
        client_->set_decompress(request.compress);
        httplib::Headers headers;
        std::string content_type = "application/octet-stream";
        for (const auto& line : request.headers) {
            size_t colon = line.find(':');
            std::string name = line.substr(0, colon);
            std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            if (name == "Content-Type")
                content_type = value;
            else
                headers.emplace(name, value);
        }
        if (request.compress) headers.emplace("Accept-Encoding", "gzip, deflate");
        httplib::Result res = request.method == "POST"
                                  ? client_->Post(target->path, headers, request.body, content_type)
                                  : client_->Get(target->path, headers);
        if (!res) {
            result.error = httplib::to_string(res.error());
            result.permanent = is_permanent(res.error());
            client_.reset(); // a fresh connection for the retry
            return result;
        }
        result.answered = true;
        result.status = res->status;
        result.body = std::move(res->body);
        return result;
    }

  private:
    void connect(const std::string& url, const Target& target) {
        client_ = std::make_unique<httplib::Client>(target.origin);
        origin_ = target.origin;
        client_->set_connection_timeout(10, 0);
        client_->set_read_timeout(60, 0); // a transfer stalled for 60 s is given up
        client_->set_write_timeout(60, 0);
        client_->set_keep_alive(true);  // a pull of many pages reuses the connection
        client_->set_tcp_nodelay(true); // see http_listener.cpp
        client_->enable_server_certificate_verification(true);
        client_->set_default_headers({{"User-Agent", "tickets/0.1"}});
        apply_proxy(*client_, url, target.host);
    }

    std::unique_ptr<httplib::Client> client_;
    std::string origin_;
};

} // namespace

std::unique_ptr<HttpClient> open_http_client() {
    return std::make_unique<HttplibClient>();
}

} // namespace tickets
