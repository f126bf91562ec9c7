#pragma once
// Every subcommand registers itself on the app; one file per subcommand.
#include "cmd/context.hpp"

#include <CLI/CLI.hpp>

namespace tickets {

void add_init(CLI::App& app, Context& ctx);
void add_new(CLI::App& app, Context& ctx);
void add_list(CLI::App& app, Context& ctx);
void add_show(CLI::App& app, Context& ctx);
void add_comment(CLI::App& app, Context& ctx);
void add_edit(CLI::App& app, Context& ctx);
void add_assign(CLI::App& app, Context& ctx);
void add_status(CLI::App& app, Context& ctx);
void add_escalate(CLI::App& app, Context& ctx);
void add_resolve(CLI::App& app, Context& ctx);
void add_reopen(CLI::App& app, Context& ctx);
void add_close(CLI::App& app, Context& ctx);
void add_delete(CLI::App& app, Context& ctx);
void add_rate(CLI::App& app, Context& ctx);
void add_link(CLI::App& app, Context& ctx);
void add_merge(CLI::App& app, Context& ctx);
void add_attachment(CLI::App& app, Context& ctx);
void add_macro(CLI::App& app, Context& ctx);
void add_kb(CLI::App& app, Context& ctx);
void add_export(CLI::App& app, Context& ctx);
void add_import(CLI::App& app, Context& ctx);
void add_config(CLI::App& app, Context& ctx);
void add_fsck(CLI::App& app, Context& ctx);
void add_reindex(CLI::App& app, Context& ctx);
void add_completion(CLI::App& app, Context& ctx);
// Automation: the cron sweep and the mail outbox.
void add_sweep(CLI::App& app, Context& ctx);
void add_report(CLI::App& app, Context& ctx);
void add_outbox(CLI::App& app, Context& ctx);
// Mail intake: one message on stdin.
void add_mail_in(CLI::App& app, Context& ctx);
// Sync: server side (serve, user, org, token) and client side.
void add_serve(CLI::App& app, Context& ctx);
void add_user(CLI::App& app, Context& ctx);
void add_org(CLI::App& app, Context& ctx);
void add_token(CLI::App& app, Context& ctx);
void add_remote_command(CLI::App& app, Context& ctx);
void add_clone(CLI::App& app, Context& ctx);
void add_pull(CLI::App& app, Context& ctx);
void add_push(CLI::App& app, Context& ctx);
void add_sync(CLI::App& app, Context& ctx);
void add_rejected(CLI::App& app, Context& ctx);

} // namespace tickets
