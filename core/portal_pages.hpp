#pragma once
// The HTML of the customers' web pages (web/portal.hpp serves them): pure
// functions from what a page shows to its text, in German or English, every
// text escaped. Forms post to the server, which answers with the next page,
// so the pages work with any browser and a keyboard; one small script only
// adds suggestions while a new request's subject is typed.
#include "core/kb.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tickets {

// What every page needs: its language, who is signed in (empty: nobody)
// and the session's form token.
struct PageFrame {
    bool german = true;
    std::string user;   // the signed-in address; empty on the sign-in pages
    std::string csrf;   // the session's (or, signed out, the form cookie's) token
    std::string path;   // the page's own path, for the language switch
    std::string notice; // a line at the top: what just happened
    std::string error;  // a line at the top: what went wrong
};

// A label of the pages in the frame's language ("status" -> "Status").
std::string portal_label(const PageFrame& f, const std::string& key);

std::string sign_in_page(const PageFrame& f, const std::string& next);
// After a request for a link: the same answer for every address.
std::string link_sent_page(const PageFrame& f);
// The mailed link opens this; its button signs in (a GET changes nothing,
// so that a mail scanner following the link does not use it up).
// `address`: whom the link signs in (empty: the link is not valid).
std::string confirm_sign_in_page(const PageFrame& f, const std::string& token,
                                 const std::string& next, const std::string& address);
std::string message_page(const PageFrame& f, const std::string& title, const std::string& text);

struct ListRow {
    std::string id, subject, status, updated, requester;
};
struct ListView {
    std::string view; // all, mine, cc, org, assigned
    std::vector<std::string> views;
    std::string query;
    std::vector<ListRow> rows;
    bool more = false; // rows were left out (the page shows the newest)
};
std::string list_page(const PageFrame& f, const ListView& v);

struct FileLink {
    std::string name, href;
    std::int64_t size = 0;
};
struct Message {
    std::string author, organisation, time, kind, body;
    std::vector<FileLink> files;
};
struct TicketView {
    std::string id, subject, status;
    std::vector<std::pair<std::string, std::string>> fields; // label key, value
    std::vector<Message> messages;
    bool can_reply = true;
    bool can_solve = false;
    bool can_rate = false;
    bool can_escalate = false;
    std::string rating;                    // given already: good or bad
    std::string rate_choice;               // preselected by the mail's link
    std::vector<std::string> status_moves; // a provider's moves from here
    std::string attachment_rule;           // what may be attached, for the form
};
std::string ticket_page(const PageFrame& f, const TicketView& v);

struct NewRequestView {
    std::vector<std::string> types;            // Anfragetypen offered
    std::vector<std::string> workflows;        // support, property: more than one shows a choice
    std::map<std::string, std::string> values; // what was filled in (after an error)
    std::vector<std::string> required;         // fields the chosen type requires
    std::string attachment_rule;
    bool resident = false;                     // may open public and anonymous requests
    std::vector<KbArticleSummary> suggestions; // articles for the subject given
};
std::string new_request_page(const PageFrame& f, const NewRequestView& v);

struct HelpView {
    std::string query;
    std::vector<KbArticleSummary> articles;
};
std::string help_page(const PageFrame& f, const HelpView& v);
std::string article_page(const PageFrame& f, const KbArticleSummary& a, const std::string& html);

// The style sheet the pages link to (/static/portal.css), and the one
// script (/static/portal.js: suggestions while a subject is typed).
const std::string& portal_css();
const std::string& portal_js();

} // namespace tickets
