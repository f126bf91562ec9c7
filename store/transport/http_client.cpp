// HTTP exchanges on libcurl for the sync client: timeouts, TLS
// verification on, and the proxy variables (libcurl reads http_proxy,
// https_proxy and no_proxy itself). Retries are the caller's business.
#include "store/transport/module.hpp"

#include <curl/curl.h>

namespace tickets::transport {

namespace {

size_t collect(char* data, size_t size, size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

bool is_permanent(CURLcode rc) {
    return rc == CURLE_SSL_CACERT || rc == CURLE_PEER_FAILED_VERIFICATION ||
           rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL;
}

class CurlClient : public HttpClient {
  public:
    CurlClient() : curl_(curl_easy_init()) {
        if (!curl_) throw std::runtime_error("cannot initialise libcurl");
    }
    ~CurlClient() override { curl_easy_cleanup(curl_); }
    CurlClient(const CurlClient&) = delete;
    CurlClient& operator=(const CurlClient&) = delete;

    HttpResult exchange(const HttpExchange& request) override {
        HttpResult result;
        curl_easy_reset(curl_);
        curl_easy_setopt(curl_, CURLOPT_URL, request.url.c_str());
        curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &result.body);
        curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, 10L);
        curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_LIMIT, 1L); // abort a transfer stalled for 60 s
        curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_TIME, 60L);
        curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl_, CURLOPT_USERAGENT, "tickets/0.1");
        if (request.compress) curl_easy_setopt(curl_, CURLOPT_ACCEPT_ENCODING, "");
        curl_slist* headers = nullptr;
        for (const auto& h : request.headers) headers = curl_slist_append(headers, h.c_str());
        if (request.method == "POST") {
            curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, request.body.data());
            curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE,
                             static_cast<curl_off_t>(request.body.size()));
        }
        curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
        CURLcode rc = curl_easy_perform(curl_);
        curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &result.status);
        curl_slist_free_all(headers);
        result.answered = rc == CURLE_OK;
        if (!result.answered) {
            result.error = curl_easy_strerror(rc);
            result.permanent = is_permanent(rc);
        }
        return result;
    }

  private:
    CURL* curl_ = nullptr;
};

} // namespace

void init_curl() {
    static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    if (!ready) throw std::runtime_error("cannot initialise libcurl");
}

std::unique_ptr<HttpClient> open_http_client() {
    init_curl();
    return std::make_unique<CurlClient>();
}

} // namespace tickets::transport
