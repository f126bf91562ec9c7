// The HTTP transport of sync, on libcurl: timeouts, the proxy variables
// (libcurl reads http_proxy, https_proxy and no_proxy itself), TLS
// verification on, and retries with backoff on connection errors and 5xx.
#include "core/error.hpp"
#include "store/remote.hpp"

#include <chrono>
#include <curl/curl.h>
#include <fmt/format.h>
#include <thread>

namespace tickets {

namespace {

constexpr int kAttempts = 4;

size_t collect(char* data, size_t size, size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

bool is_loopback(const std::string& url) {
    for (const char* host : {"://127.", "://localhost", "://[::1]"})
        if (url.find(host) != std::string::npos) return true;
    return false;
}

struct CurlGlobal {
    CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
    ~CurlGlobal() { curl_global_cleanup(); }
};

class HttpRemote : public Remote {
  public:
    HttpRemote(std::string url, std::string token) : base_(std::move(url)), token_(std::move(token)) {
        static CurlGlobal global;
        while (!base_.empty() && base_.back() == '/') base_.pop_back();
        curl_ = curl_easy_init();
        if (!curl_) throw Failure(kTempFail, "cannot initialise libcurl");
    }
    ~HttpRemote() override { curl_easy_cleanup(curl_); }

    Json pull_page(std::int64_t after, int limit) override {
        return request("GET", fmt::format("/v1/events?after={}&limit={}", after, limit), "");
    }
    Json ticket_events(const std::string& id) override {
        return request("GET", "/v1/tickets/" + id + "/events", "");
    }
    Json push(const Json& events) override {
        return request("POST", "/v1/events", Json{{"events", events}}.dump());
    }
    Json whoami() override { return request("GET", "/v1/whoami", ""); }

  private:
    Json request(const std::string& method, const std::string& path, const std::string& body) {
        std::string url = base_ + path;
        std::string last_error;
        for (int attempt = 1; attempt <= kAttempts; ++attempt) {
            if (attempt > 1) // 0.25 s, 0.5 s, 1 s
                std::this_thread::sleep_for(std::chrono::milliseconds(250 << (attempt - 2)));
            std::string response;
            long status = 0;
            CURLcode rc = perform(method, url, body, response, status);
            if (rc != CURLE_OK) {
                last_error = curl_easy_strerror(rc);
                if (rc == CURLE_SSL_CACERT || rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_URL_MALFORMAT ||
                    rc == CURLE_UNSUPPORTED_PROTOCOL)
                    throw Failure(kUnavailable, fmt::format("{}: {}", url, last_error));
                continue; // connection refused, reset, timeout: try again
            }
            std::string message = server_message(response, status);
            if (status >= 500) {
                last_error = fmt::format("HTTP {}: {}", status, message);
                continue;
            }
            if (status == 401 || status == 403)
                throw Failure(kNoPerm, fmt::format("{}: {} (HTTP {})", base_, message, status));
            if (status == 404) throw Failure(kNotFound, fmt::format("{}: {}", base_, message));
            if (status != 200) throw Failure(kDataErr, fmt::format("{}: HTTP {}: {}", url, status, message));
            try {
                return Json::parse(response);
            } catch (const Json::exception&) {
                throw Failure(kDataErr, fmt::format("{}: the answer is not JSON", url));
            }
        }
        if (last_error.rfind("HTTP", 0) == 0)
            throw Failure(kTempFail, fmt::format("{}: {} (gave up after {} attempts)", url, last_error, kAttempts));
        throw Failure(kUnavailable, fmt::format("server unreachable: {}: {} (after {} attempts)", base_, last_error,
                                                kAttempts));
    }

    static std::string server_message(const std::string& response, long status) {
        try {
            Json j = Json::parse(response);
            if (j.is_object() && j.contains("error") && j["error"].is_string()) return j["error"];
        } catch (const Json::exception&) {
        }
        return status == 200 ? "" : fmt::format("status {}", status);
    }

    CURLcode perform(const std::string& method, const std::string& url, const std::string& body,
                     std::string& response, long& status) {
        curl_easy_reset(curl_);
        curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &response);
        curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, 10L);
        curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_LIMIT, 1L); // abort a transfer stalled for 60 s
        curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_TIME, 60L);
        curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl_, CURLOPT_USERAGENT, "tickets/0.1");
        // Compression pays over real networks, not on loopback.
        if (!is_loopback(url)) curl_easy_setopt(curl_, CURLOPT_ACCEPT_ENCODING, "");
        struct curl_slist* headers = nullptr;
        std::string auth = "Authorization: Bearer " + token_;
        headers = curl_slist_append(headers, auth.c_str());
        headers = curl_slist_append(headers, "Accept: application/json");
        if (method == "POST") {
            headers = curl_slist_append(headers, "Content-Type: application/json");
            curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
            curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        }
        curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
        CURLcode rc = curl_easy_perform(curl_);
        curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
        curl_slist_free_all(headers);
        return rc;
    }

    std::string base_, token_;
    CURL* curl_ = nullptr;
};

} // namespace

std::unique_ptr<Remote> open_http_remote(const std::string& url, const std::string& token) {
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
        throw Failure(kUsage, fmt::format("remote URL '{}' must start with http:// or https://", url));
    return std::make_unique<HttpRemote>(url, token);
}

} // namespace tickets
