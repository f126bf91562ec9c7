// The HTTP remote of sync: the protocol's requests, retries with backoff on
// connection errors and 5xx, and the mapping of answers to failures. The
// exchanges themselves are the helper tickets-remote-http's
// (sync/remote_http_main.cpp, on cpp-httplib).
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "helper/helper.hpp"
#include "store/bulk_json.hpp"
#include "sync/http_exchange.hpp"
#include "sync/remote.hpp"

#include <chrono>
#include <fmt/format.h>
#include <thread>

namespace tickets {

namespace {

constexpr int kAttempts = 4;
// Answers at least this long are parsed by simdjson (store/bulk_json.hpp).
constexpr size_t kBulkJsonBytes = 64 * 1024;

bool is_loopback(const std::string& url) {
    for (const char* host : {"://127.", "://localhost", "://[::1]"})
        if (url.find(host) != std::string::npos) return true;
    return false;
}

class HttpRemote : public Remote {
  public:
    HttpRemote(std::string url, std::string token)
        : base_(std::move(url)), token_(std::move(token)) {
        while (!base_.empty() && base_.back() == '/') base_.pop_back();
    }

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
    Json info() override { return request("GET", "/v1/info", ""); }
    Json pseudonyms() override { return request("GET", "/v1/pseudonyms", ""); }
    void send_blob(const std::string& sha256, const std::string& content) override {
        exchange_text("POST", "/v1/blobs/" + sha256, content, "application/octet-stream");
    }
    std::string fetch_blob(const std::string& ticket_id, const std::string& sha256) override {
        return exchange_text("GET", "/v1/tickets/" + ticket_id + "/blobs/" + sha256, "", "");
    }

    Json kb_page(std::int64_t after, int limit) override {
        return request("GET", fmt::format("/v1/kb?after={}&limit={}", after, limit), "");
    }
    Json kb_push(const Json& events) override {
        return request("POST", "/v1/kb", Json{{"events", events}}.dump());
    }

  private:
    Json request(const std::string& method, const std::string& path, const std::string& body) {
        std::string url = base_ + path;
        std::string response = exchange_text(method, path, body, "application/json");
        try {
            // A page of a clone is megabytes; for the few bytes of a
            // pull with nothing new, simdjson's setup costs more than
            // it saves.
            return response.size() >= kBulkJsonBytes ? parse_bulk_json(response)
                                                     : parse_json(response);
        } catch (const Failure&) {
            throw Failure(kDataErr, fmt::format("{}: the answer is not JSON", url));
        }
    }

    // The body of a 200 answer.
    std::string exchange_text(const std::string& method, const std::string& path,
                              const std::string& body, const std::string& content_type) {
        std::string url = base_ + path;
        std::string last_error;
        for (int attempt = 1; attempt <= kAttempts; ++attempt) {
            if (attempt > 1) // 0.25 s, 0.5 s, 1 s
                std::this_thread::sleep_for(std::chrono::milliseconds(250 << (attempt - 2)));
            HttpResult r = result_from_frame(
                client().exchange(to_frame(exchange(method, url, body, content_type))));
            if (!r.answered) {
                last_error = r.error;
                if (r.permanent)
                    throw Failure(kUnavailable, fmt::format("{}: {}", url, last_error));
                continue; // connection refused, reset, timeout: try again
            }
            const std::string& response = r.body;
            long status = r.status;
            // Only a refusal is read for its message: a page of a clone is
            // megabytes, and parsing it here too cost as much as its events.
            std::string message = status == 200 ? "" : server_message(response, status);
            if (status >= 500) {
                last_error = fmt::format("HTTP {}: {}", status, message);
                continue;
            }
            if (status == 401 || status == 403)
                throw Failure(kNoPerm, fmt::format("{}: {} (HTTP {})", base_, message, status));
            if (status == 404) throw Failure(kNotFound, fmt::format("{}: {}", base_, message));
            if (status != 200)
                throw Failure(kDataErr, fmt::format("{}: HTTP {}: {}", url, status, message));
            return std::move(r.body);
        }
        if (last_error.rfind("HTTP", 0) == 0)
            throw Failure(kTempFail, fmt::format("{}: {} (gave up after {} attempts)", url,
                                                 last_error, kAttempts));
        throw Failure(kUnavailable, fmt::format("server unreachable: {}: {} (after {} attempts)",
                                                base_, last_error, kAttempts));
    }

    static std::string server_message(const std::string& response, long status) {
        try {
            Json j = Json::parse(response);
            if (j.is_object() && j.contains("error") && j["error"].is_string()) return j["error"];
        } catch (const Json::exception&) {
        }
        return fmt::format("status {}", status);
    }

    HttpExchange exchange(const std::string& method, const std::string& url,
                          const std::string& body, const std::string& content_type) const {
        HttpExchange x{method,
                       url,
                       {"Authorization: Bearer " + token_, "Accept: application/json"},
                       body,
                       !is_loopback(url)}; // compression pays over real networks only
        if (method == "POST") x.headers.push_back("Content-Type: " + content_type);
        return x;
    }

    // Started on the first request, so that a refused URL starts no helper.
    helper::Helper& client() {
        if (!client_) client_ = std::make_unique<helper::Helper>("tickets-remote-http", "sync");
        return *client_;
    }

    std::string base_, token_;
    std::unique_ptr<helper::Helper> client_;
};

} // namespace

std::unique_ptr<Remote> open_http_remote(const std::string& url, const std::string& token) {
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
        throw Failure(kUsage,
                      fmt::format("remote URL '{}' must start with http:// or https://", url));
    return std::make_unique<HttpRemote>(url, token);
}

} // namespace tickets
