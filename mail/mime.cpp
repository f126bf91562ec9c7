// MIME parsing for mail intake, on GMime: the helper tickets-mail-parse.
#include "mail/incoming_mail.hpp"

#include "core/error.hpp"
#include "core/mail_text.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <gmime/gmime.h>
#include <memory>

namespace tickets {

namespace {

struct Unref {
    void operator()(gpointer p) const {
        if (p) g_object_unref(p);
    }
};
template <class T> using GPtr = std::unique_ptr<T, Unref>;

struct OptionsFree {
    void operator()(GMimeParserOptions* p) const { g_mime_parser_options_free(p); }
};
struct ReferencesFree {
    void operator()(GMimeReferences* p) const { g_mime_references_free(p); }
};
struct GFree {
    void operator()(void* p) const { g_free(p); }
};
using GString_ = std::unique_ptr<char, GFree>;

void init_gmime() {
    static const bool done = [] {
        g_mime_init();
        return true;
    }();
    (void)done;
}

std::string str(const char* s) {
    return s ? std::string(s) : std::string();
}

// The first line of a message is a header field: "Name:" with printable
// ASCII in the name. Anything else (binary data, plain text) is no mail.
bool starts_with_header_field(std::string_view s) {
    size_t colon = s.find(':');
    size_t eol = s.find('\n');
    if (colon == std::string_view::npos || colon == 0 || colon > eol) return false;
    std::string_view name = s.substr(0, colon);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    if (name.empty()) return false;
    return std::all_of(name.begin(), name.end(), [](char c) { return c > 32 && c < 127; });
}

// Bytes in `charset` as UTF-8. Undeclared or undecodable text is taken as
// UTF-8 when it is valid, else as Windows-1252 (or ISO-8859-1, which always
// converts).
std::string to_utf8(const std::string& bytes, const char* charset) {
    auto convert = [&](const char* from) -> std::optional<std::string> {
        gsize written = 0;
        GError* error = nullptr;
        GString_ out(g_convert(bytes.data(), static_cast<gssize>(bytes.size()), "UTF-8", from,
                               nullptr, &written, &error));
        if (error) g_error_free(error);
        if (!out) return std::nullopt;
        std::string s(out.get(), written);
        if (!is_valid_utf8(s)) return std::nullopt;
        return s;
    };
    if (charset && *charset) {
        const char* name = g_mime_charset_iconv_name(charset);
        // Text labelled ISO-8859-1 (or ASCII) is read as Windows-1252, its
        // superset, as mail programs and browsers do: the bytes 0x80-0x9f
        // are its quotes, dashes and euro sign, not control characters.
        if (g_ascii_strcasecmp(name, "iso-8859-1") == 0 || g_ascii_strcasecmp(name, "us-ascii") == 0)
            name = "WINDOWS-1252";
        if (g_ascii_strcasecmp(name, "UTF-8") != 0)
            if (auto s = convert(name)) return *s;
    }
    if (is_valid_utf8(bytes)) return bytes;
    if (auto s = convert("WINDOWS-1252")) return *s;
    return convert("ISO-8859-1").value_or("");
}

std::string one_line(std::string s) {
    for (char& c : s)
        if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    return trim(s);
}

// "\r\n" and lone "\r" become "\n"; NUL characters are dropped.
std::string unix_lines(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
            out += '\n';
            if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        } else if (s[i] != '\0') {
            out += s[i];
        }
    }
    return out;
}

// Every mailbox of an address list (group members included), lower case.
void collect_addresses(InternetAddressList* list, std::vector<std::string>& out) {
    if (!list) return;
    for (int i = 0; i < internet_address_list_length(list); ++i) {
        InternetAddress* a = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_GROUP(a)) {
            collect_addresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(a)), out);
        } else if (INTERNET_ADDRESS_IS_MAILBOX(a)) {
            std::string addr = to_lower_ascii(
                trim(str(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)))));
            if (addr.find('@') != std::string::npos &&
                std::find(out.begin(), out.end(), addr) == out.end())
                out.push_back(addr);
        }
    }
}

std::string first_display_name(InternetAddressList* list) {
    if (!list || internet_address_list_length(list) == 0) return "";
    return one_line(to_utf8(
        str(internet_address_get_name(internet_address_list_get_address(list, 0))), nullptr));
}

std::vector<std::string> message_ids(GMimeObject* object, GMimeParserOptions* options,
                                     const char* header) {
    std::vector<std::string> ids;
    const char* value = g_mime_object_get_header(object, header);
    if (!value) return ids;
    std::unique_ptr<GMimeReferences, ReferencesFree> refs(g_mime_references_parse(options, value));
    if (!refs) return ids;
    for (int i = 0; i < g_mime_references_length(refs.get()); ++i)
        ids.push_back(str(g_mime_references_get_message_id(refs.get(), i)));
    return ids;
}

std::string decoded_bytes(GMimePart* part) {
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (!content) return "";
    GPtr<GMimeStream> out(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, out.get());
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
    return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

std::string extension_for(const std::string& mime) {
    if (mime == "application/pdf") return ".pdf";
    if (mime == "image/jpeg") return ".jpg";
    if (mime == "image/png") return ".png";
    if (mime == "image/gif") return ".gif";
    if (mime == "text/plain") return ".txt";
    if (mime == "text/html") return ".html";
    if (mime == "message/rfc822") return ".eml";
    return ".bin";
}

// The walk over the MIME tree: text parts into the body, the rest into
// attachments.
struct Walker {
    std::string plain, html;
    std::vector<MailAttachment> files;

    std::string safe_name(const std::string& given, const std::string& mime) {
        std::string name = given.substr(given.find_last_of("/\\") + 1);
        name.erase(
            std::remove_if(name.begin(), name.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 32 || c == 127; }),
            name.end());
        name = trim(name);
        if (name.empty() || name == "." || name == ".." || !is_valid_utf8(name))
            name = fmt::format("attachment-{}{}", files.size() + 1, extension_for(mime));
        return name;
    }

    static std::string mime_of(GMimeObject* object) {
        GMimeContentType* ct = g_mime_object_get_content_type(object);
        if (!ct) return "application/octet-stream";
        GString_ type(g_mime_content_type_get_mime_type(ct));
        return to_lower_ascii(str(type.get()));
    }

    static bool is_attachment(GMimeObject* object) {
        GMimeContentDisposition* d = g_mime_object_get_content_disposition(object);
        return d && g_mime_content_disposition_is_attachment(d);
    }

    // An inline text part without a file name: part of the body.
    static bool is_body_text(GMimeObject* object, const char* subtype) {
        GMimeContentType* ct = g_mime_object_get_content_type(object);
        return GMIME_IS_PART(object) && ct && g_mime_content_type_is_type(ct, "text", subtype) &&
               !is_attachment(object) && !g_mime_part_get_filename(GMIME_PART(object));
    }

    void append(std::string& to, const std::string& text) {
        if (text.empty()) return;
        if (!to.empty() && to.back() != '\n') to += '\n';
        if (!to.empty()) to += '\n';
        to += text;
    }

    void walk(GMimeObject* object, bool want_text) {
        if (GMIME_IS_MESSAGE_PART(object)) {
            GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
            if (!inner) return;
            GString_ text(g_mime_object_to_string(GMIME_OBJECT(inner), nullptr));
            std::string name =
                str(g_mime_object_get_content_disposition_parameter(object, "filename"));
            if (name.empty()) name = one_line(str(g_mime_message_get_subject(inner)));
            if (!name.empty() && !name.ends_with(".eml")) name += ".eml";
            files.push_back({safe_name(name, "message/rfc822"), "message/rfc822", str(text.get())});
            return;
        }
        if (GMIME_IS_MULTIPART(object)) {
            GMimeMultipart* multipart = GMIME_MULTIPART(object);
            int count = g_mime_multipart_get_count(multipart);
            GMimeContentType* ct = g_mime_object_get_content_type(object);
            int chosen = -1; // the alternative whose text counts
            if (ct && g_mime_content_type_is_type(ct, "multipart", "alternative")) {
                for (int i = 0; i < count && chosen < 0; ++i)
                    if (is_body_text(g_mime_multipart_get_part(multipart, i), "plain")) chosen = i;
                if (chosen < 0) chosen = count - 1; // the richest form comes last
            }
            for (int i = 0; i < count; ++i)
                walk(g_mime_multipart_get_part(multipart, i),
                     want_text && (chosen < 0 || chosen == i));
            return;
        }
        if (!GMIME_IS_PART(object)) return;
        GMimePart* part = GMIME_PART(object);
        bool is_plain = is_body_text(object, "plain"), is_html = is_body_text(object, "html");
        if (is_plain || is_html) {
            if (!want_text) return;
            std::string text = unix_lines(to_utf8(
                decoded_bytes(part), g_mime_object_get_content_type_parameter(object, "charset")));
            append(is_plain ? plain : html, text);
            return;
        }
        std::string mime = mime_of(object);
        files.push_back(
            {safe_name(str(g_mime_part_get_filename(part)), mime), mime, decoded_bytes(part)});
    }
};

} // namespace

IncomingMail parse_mail_with_gmime(std::string_view raw) {
    init_gmime();
    if (raw.rfind("From ", 0) == 0) { // the mbox envelope line some deliveries add
        size_t eol = raw.find('\n');
        raw.remove_prefix(eol == std::string_view::npos ? raw.size() : eol + 1);
    }
    if (raw.empty()) throw Failure(kDataErr, "mail-in: no message on stdin");
    if (!starts_with_header_field(raw))
        throw Failure(kDataErr,
                      "mail-in: not a mail message (it does not start with a header field)");

    GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
    GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
    std::unique_ptr<GMimeParserOptions, OptionsFree> options(g_mime_parser_options_new());
    static const char* fallback[] = {"UTF-8", "windows-1252", nullptr};
    g_mime_parser_options_set_fallback_charsets(options.get(), fallback);
    GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
    if (!message) throw Failure(kDataErr, "mail-in: not a mail message (no header fields)");
    GMimeObject* object = GMIME_OBJECT(message.get());

    IncomingMail m;
    const char* from_header = g_mime_object_get_header(object, "From");
    if (!from_header || trim(from_header).empty())
        throw Failure(kDataErr, "mail-in: the message has no From header");
    std::vector<std::string> from;
    collect_addresses(g_mime_message_get_from(message.get()), from);
    if (from.empty())
        throw Failure(kDataErr, fmt::format("mail-in: From '{}' holds no mail address",
                                            one_line(to_utf8(from_header, nullptr))));
    m.from = from.front();
    m.from_name = first_display_name(g_mime_message_get_from(message.get()));
    collect_addresses(g_mime_message_get_cc(message.get()), m.cc);
    m.subject = one_line(to_utf8(str(g_mime_message_get_subject(message.get())), nullptr));
    m.message_id = trim(to_utf8(str(g_mime_message_get_message_id(message.get())), nullptr));
    m.in_reply_to = message_ids(object, options.get(), "In-Reply-To");
    for (auto& id : message_ids(object, options.get(), "References")) m.in_reply_to.push_back(id);

    for (const char* name : kAutomationHeaders) {
        const char* value = std::string_view(name) == "Content-Type"
                                ? nullptr
                                : g_mime_object_get_header(object, name);
        if (value) m.automation.emplace_back(name, one_line(to_utf8(value, nullptr)));
    }
    Walker walker;
    if (GMimeObject* body = g_mime_message_get_mime_part(message.get())) {
        if (GMimeContentType* type = g_mime_object_get_content_type(body)) {
            char* mime = g_mime_content_type_get_mime_type(type);
            if (mime) m.automation.emplace_back("Content-Type", mime);
            g_free(mime);
        }
        walker.walk(body, true);
    }
    m.text = !trim(walker.plain).empty() ? walker.plain : html_to_text(walker.html);
    m.attachments = std::move(walker.files);
    return m;
}

} // namespace tickets
