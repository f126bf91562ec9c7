// The help centre of the web pages: the knowledge base's articles
// (store/kb_store.hpp), searchable, rendered from Markdown.
#include "web/portal_help.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "store/kb_store.hpp"
#include "web/markdown.hpp"
#include "web/portal_context.hpp"

#include <tuple>

namespace tickets {

void add_help_routes(std::vector<Route>& routes, const std::filesystem::path& dir,
                     const PortalOptions& o) {
    routes.push_back(signed_in("GET", "/help", dir, o, [](PortalRequest& p) {
        HelpView v;
        auto it = p.req.params.find("q");
        if (it != p.req.params.end()) v.query = it->second;
        KbQuery q;
        for (const auto& w : split(v.query, ' '))
            if (!trim(w).empty()) q.words.push_back(trim(w));
        for (const auto& a : KbStore(p.repo).list(q)) v.articles.push_back(kb_summary(a));
        return html_response(200, help_page(p.frame, v));
    }));
    routes.push_back(signed_in("GET", "/help/([0-9a-f]{64})", dir, o, [](PortalRequest& p) {
        KbArticle a = KbStore(p.repo).article(p.req.matches.at(0));
        if (a.removed)
            throw Failure(kNotFound, p.frame.german ? "Diesen Artikel gibt es nicht."
                                                    : "There is no such article.");
        return html_response(200, article_page(p.frame, kb_summary(a), markdown_to_html(a.body)));
    }));
    routes.push_back(signed_in("GET", "/help/suggest", dir, o, [](PortalRequest& p) {
        auto it = p.req.params.find("q");
        Json out = Json::array();
        if (it != p.req.params.end())
            for (const auto& a : KbStore(p.repo).suggest(it->second, 5))
                out.push_back({{"id", a.id}, {"title", a.title}, {"excerpt", a.excerpt}});
        ServerResponse r{200, out.dump(), "", "application/json"};
        secure(r);
        return r;
    }));
    const std::tuple<const char*, const char*, const std::string*> files[] = {
        {"/static/portal.css", "text/css; charset=utf-8", &portal_css()},
        {"/static/portal.js", "text/javascript; charset=utf-8", &portal_js()}};
    for (const auto& [path, type, text] : files)
        routes.push_back({"GET", path,
                          [type = type, text = text](const ServerRequest&) {
                              ServerResponse r{200, *text, "", type};
                              secure(r);
                              r.headers.back() = {"Cache-Control", "max-age=3600"};
                              return r;
                          },
                          Gate::open});
}

} // namespace tickets
