// Mail delivery through libcurl's SMTP: STARTTLS when the server offers it
// on smtp://, implicit TLS on smtps://, credentials when given. Part of the
// helper tickets-smtp.
#include "mail/smtp_delivery.hpp"

#include <stdexcept>

#include <algorithm>
#include <cstring>
#include <curl/curl.h>

namespace tickets {

namespace {

struct Upload {
    const std::string* data;
    size_t offset = 0;
};

size_t read_chunk(char* buffer, size_t size, size_t count, void* user) {
    auto* u = static_cast<Upload*>(user);
    size_t n = std::min(size * count, u->data->size() - u->offset);
    std::memcpy(buffer, u->data->data() + u->offset, n);
    u->offset += n;
    return n;
}

void init_curl() {
    static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    if (!ready) throw std::runtime_error("cannot initialise libcurl");
}

} // namespace

std::string send_mail(const SmtpDelivery& d) {
    if (d.recipients.empty()) return "no recipients";
    init_curl();
    CURL* curl = curl_easy_init();
    if (!curl) return "cannot initialise libcurl";
    curl_slist* list = nullptr;
    for (const auto& a : d.recipients) list = curl_slist_append(list, ("<" + a + ">").c_str());
    Upload upload{&d.message};
    char error[CURL_ERROR_SIZE] = "";
    std::string from = "<" + d.from + ">";
    curl_easy_setopt(curl, CURLOPT_URL, d.url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, list);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_chunk);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(d.message.size()));
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    if (d.url.rfind("smtp://", 0) == 0)
        curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    if (!d.user.empty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, d.user.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, d.password.c_str());
    }
    CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(list);
    curl_easy_cleanup(curl);
    if (rc == CURLE_OK) return "";
    return *error ? std::string(error) : std::string(curl_easy_strerror(rc));
}

} // namespace tickets
