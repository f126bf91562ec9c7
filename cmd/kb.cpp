// tickets kb add|edit|list|show|remove: the knowledge base (core/kb.hpp,
// store/kb_store.hpp). Articles are Markdown; push and pull carry them, and
// the web pages of `tickets serve` show them in the help centre.
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "core/access.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "store/kb_store.hpp"

#include <fmt/format.h>
#include <iostream>

namespace tickets {

namespace {

struct ArticleOptions {
    std::string title, message, file, section, product, language;
    std::vector<std::string> tags;
    bool json = false;
};

void add_field_options(CLI::App* cmd, ArticleOptions& o) {
    cmd->add_option("--section", o.section, "Section of the help centre (Rubrik)")
        ->type_name("NAME");
    cmd->add_option("--product", o.product, "Product the article is about")->type_name("NAME");
    cmd->add_option("--language", o.language, "Language: de or en")->type_name("LANG");
    cmd->add_option("--tag", o.tags, "Tag (repeatable)")->type_name("TAG");
    cmd->add_option("-m,--message", o.message, "The article's Markdown text")->type_name("TEXT");
    cmd->add_option("-F,--file", o.file, "Read the text from FILE (- for stdin)")
        ->type_name("FILE");
}

void check_language(const std::string& language) {
    if (!language.empty() && language != "de" && language != "en")
        throw Failure(kUsage, fmt::format("kb: --language must be de or en, not '{}'", language));
}

// Articles are written by support: in a store with registered users, only
// agents and managers (a server refuses pushed versions of anyone else).
void require_writer(Context& ctx, Repository& repo) {
    if (auto user = acting_user(ctx, repo); user && !is_staff(user->role))
        throw Failure(kNoPerm, fmt::format("kb: {} is a {}; only agents and managers write "
                                           "articles",
                                           user->email, user->role));
}

Json article_json(const KbArticle& a, bool with_body) {
    Json j = {{"id", a.id},
              {"title", a.title},
              {"section", a.section},
              {"product", a.product},
              {"language", a.language},
              {"tags", a.tags},
              {"author", a.author},
              {"created_at", format_instant(a.created)},
              {"updated_at", format_instant(a.updated)},
              {"removed", a.removed}};
    if (with_body) j["body"] = a.body;
    return j;
}

// Writes a version of the article and says which.
void write_version(Context& ctx, Repository& repo, const std::string& article_id,
                   const KbArticle& a, bool json, const std::string& done) {
    Json payload = kb_payload(a);
    Event e = make_event(ctx, repo, "article", article_id, payload);
    if (auto why = kb_version_problem(e)) throw Failure(kUsage, "kb: " + *why);
    KbStore(repo).append(e);
    std::string id = article_id.empty() ? e.id : article_id;
    if (json)
        print_json(article_json(KbStore(repo).article(id), true));
    else
        std::cout << id.substr(0, kShortIdLength) << "\n";
    ctx.say(fmt::format("{} article {}", done, id.substr(0, kShortIdLength)));
}

void add_kb_add(CLI::App* kb, Context& ctx) {
    auto o = std::make_shared<ArticleOptions>();
    auto* cmd = kb->add_subcommand("add", "Write a new article");
    cmd->add_option("title", o->title, "The article's title")->required();
    add_field_options(cmd, *o);
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o] {
        check_language(o->language);
        require_utf8(o->title, "title");
        Repository& repo = ctx.repo();
        Repository::WriteTransaction tx(repo);
        require_writer(ctx, repo);
        KbArticle a;
        a.title = trim(o->title);
        a.body = read_text(ctx, o->message, o->file, "text for the article", true).value_or("");
        a.section = o->section;
        a.product = o->product;
        a.language = o->language;
        a.tags = o->tags;
        write_version(ctx, repo, "", a, o->json, "wrote");
        tx.commit();
    });
}

void add_kb_edit(CLI::App* kb, Context& ctx) {
    auto o = std::make_shared<ArticleOptions>();
    auto id = std::make_shared<std::string>();
    auto* cmd = kb->add_subcommand("edit", "Write a new version of an article");
    cmd->add_option("id", *id, "The article (id or a unique prefix)")->required();
    cmd->add_option("--title", o->title, "A new title")->type_name("TEXT");
    add_field_options(cmd, *o);
    add_json_flag(cmd, o->json);
    cmd->callback([&ctx, o, id, cmd] {
        check_language(o->language);
        Repository& repo = ctx.repo();
        Repository::WriteTransaction tx(repo);
        require_writer(ctx, repo);
        KbArticle a = KbStore(repo).article(*id);
        if (a.removed) throw Failure(kUsage, fmt::format("kb: article {} is removed", *id));
        bool any = false;
        auto given = [&](const char* option) { return cmd->count(option) > 0; };
        if (given("--title")) a.title = trim(o->title), any = true;
        if (given("--section")) a.section = o->section, any = true;
        if (given("--product")) a.product = o->product, any = true;
        if (given("--language")) a.language = o->language, any = true;
        if (given("--tag")) a.tags = o->tags, any = true;
        if (given("--message") || given("--file") || !any) {
            auto text = read_text(ctx, o->message, o->file, "text for the article", false);
            if (text) a.body = *text, any = true;
        }
        if (!any) throw Failure(kUsage, "kb edit: nothing to change (give -m, -F or a field)");
        require_utf8(a.title, "title");
        write_version(ctx, repo, a.id, a, o->json, "edited");
        tx.commit();
    });
}

void add_kb_remove(CLI::App* kb, Context& ctx) {
    auto id = std::make_shared<std::string>();
    auto* cmd = kb->add_subcommand("remove", "Take an article out of the help centre");
    cmd->add_option("id", *id, "The article (id or a unique prefix)")->required();
    cmd->callback([&ctx, id] {
        Repository& repo = ctx.repo();
        Repository::WriteTransaction tx(repo);
        require_writer(ctx, repo);
        KbArticle a = KbStore(repo).article(*id);
        if (a.removed) throw Failure(kUsage, fmt::format("kb: article {} is removed already", *id));
        a.removed = true;
        write_version(ctx, repo, a.id, a, false, "removed");
        tx.commit();
    });
}

void add_kb_list(CLI::App* kb, Context& ctx) {
    auto q = std::make_shared<KbQuery>();
    auto json = std::make_shared<bool>(false);
    auto* cmd = kb->add_subcommand("list", "List articles, by section and title");
    cmd->add_option("words", q->words, "Words the article must contain");
    cmd->add_option("--section", q->section, "Only this section")->type_name("NAME");
    cmd->add_option("--product", q->product, "Only this product")->type_name("NAME");
    cmd->add_option("--language", q->language, "Only this language")->type_name("LANG");
    cmd->add_flag("--removed", q->removed, "The removed articles instead");
    add_json_flag(cmd, *json);
    cmd->callback([&ctx, q, json] {
        auto articles = KbStore(ctx.repo()).list(*q);
        if (*json) {
            Json out = Json::array();
            for (const auto& a : articles) out.push_back(article_json(a, false));
            print_json(out);
            return;
        }
        for (const auto& a : articles)
            std::cout << fmt::format("{}  {:<16}  {}\n", a.id.substr(0, kShortIdLength),
                                     a.section.empty() ? "-" : a.section, a.title);
    });
}

void add_kb_show(CLI::App* kb, Context& ctx) {
    auto id = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    auto* cmd = kb->add_subcommand("show", "Show an article with its Markdown text");
    cmd->add_option("id", *id, "The article (id or a unique prefix)")->required();
    add_json_flag(cmd, *json);
    cmd->callback([&ctx, id, json] {
        KbArticle a = KbStore(ctx.repo()).article(*id);
        if (*json) {
            print_json(article_json(a, true));
            return;
        }
        std::cout << fmt::format("# {}\n\n", a.title);
        for (const auto& [label, value] : {std::pair<const char*, std::string>{"id", a.id},
                                           {"section", a.section},
                                           {"product", a.product},
                                           {"language", a.language},
                                           {"tags", join(a.tags, ", ")},
                                           {"author", a.author},
                                           {"updated", format_instant(a.updated)},
                                           {"removed", a.removed ? "yes" : ""}})
            if (!value.empty()) std::cout << fmt::format("{}: {}\n", label, value);
        std::cout << "\n" << a.body << (a.body.empty() || a.body.back() == '\n' ? "" : "\n");
    });
}

} // namespace

void add_kb(CLI::App& app, Context& ctx) {
    auto* kb = app.add_subcommand("kb", "The knowledge base: articles for the help centre");
    kb->require_subcommand(1);
    add_kb_add(kb, ctx);
    add_kb_edit(kb, ctx);
    add_kb_list(kb, ctx);
    add_kb_show(kb, ctx);
    add_kb_remove(kb, ctx);
}

} // namespace tickets
