"""The built-in "property" workflow (DOMAIN.md "Workflow property"), chosen
per store with `core.workflow`: open -> approved -> in-progress -> done,
moved by management and by the assigned service provider; next to support
tickets in the same store; role checks locally and on a real server."""

import csv
import io
import json

from harness import AGENT, SCHEMA_VERSION, TENANT, TicketsTest, main
from test_sync import SyncTest, TENANT_A

MANAGER = "verwalter@muster-hv.de"
PROVIDER = "elektro@dienstleister.de"
OTHER_PROVIDER = "sanitaer@dienstleister.de"
OWNER = "inhaber@muster-hv.de"


class PropertyTest(TicketsTest):
    def setUp(self):
        super().setUp()
        self.ok("config", "set", "core.workflow", "property")

    def status(self, ticket):
        return self.show(ticket)["status"]

    def create_event(self, ticket):
        con = self.db()
        try:
            full = self.show(ticket)["id"]
            (body,) = con.execute("SELECT body FROM events WHERE id = ?", (full,)).fetchone()
            return json.loads(body)
        finally:
            con.close()


class Workflow(PropertyTest):
    def test_new_ticket_starts_open_with_the_workflow_recorded(self):
        t = self.new("Licht im Treppenhaus defekt")
        j = self.show(t)
        self.assertEqual((j["status"], j["workflow"]), ("open", "property"))
        self.assertEqual(self.create_event(t)["payload"]["workflow"], "property")
        text = self.ok("show", t).out
        self.assertRegex(text, r"(?m)^status: +open · Offen$")
        self.assertRegex(text, r"(?m)^workflow: +property$")
        # An assignee on creation does not move it: the status is management's.
        t2 = self.new("Aufzug", "--assignee", PROVIDER)
        self.assertEqual(self.status(t2), "open")
        rows = [line.split("\t") for line in self.ok("list", "--columns", "workflow,status").out.splitlines()]
        self.assertEqual(rows, [["property", "open"], ["property", "open"]])
        self.assert_fsck_clean()

    def test_the_whole_path_in_english(self):
        t = self.new()
        for to in ["approved", "in-progress", "done"]:
            r = self.ok("status", t, to)
            self.assertIn(f": {to}", r.err)
            self.assertEqual(self.status(t), to)
        j = self.show(t)
        self.assertIsNotNone(j["solved_at"])
        self.assertIsNone(j["closed_at"])
        self.assertEqual(j["skipped_events"], [])
        self.assert_fsck_clean()

    def test_the_whole_path_in_german(self):
        t = self.new()
        for label, canonical, german in [("Freigegeben", "approved", "Freigegeben"),
                                         ("In Bearbeitung", "in-progress", "In Bearbeitung"),
                                         ("erledigt", "done", "Erledigt")]:
            self.ok("status", t, label)
            self.assertEqual(self.status(t), canonical)
            self.assertIn(f"{canonical} · {german}", self.ok("show", t).out)
        j = json.loads(self.ok("status", t, "In Bearbeitung", "--json").out)
        self.assertEqual(j[0]["status"], "in-progress")  # done -> in-progress: reopened

    def test_a_forbidden_jump_changes_nothing(self):
        t = self.new()
        before = self.snapshot()
        r = self.fails(1, "status", t, "done")
        self.assertIn("cannot change status: status open cannot move to done", r.err)
        self.fails(1, "status", t, "Erledigt")
        self.fails(1, "status", t, "in-progress")
        # Already open: nothing to do, said so, and not an error (a bulk change run again).
        self.assertEqual(self.ok("status", t, "open").err, f"ticket {t}: already open\n")
        r = self.fails(2, "status", t, "pending")  # a support status
        self.assertIn("pending is not a status of the property workflow", r.err)
        r = self.fails(1, "resolve", t, "-m", "Lampe getauscht")
        self.assertIn("use status done", r.err)
        r = self.fails(1, "close", t)
        self.assertIn("no closed status", r.err)
        r = self.fails(1, "reopen", t)
        self.assertIn("only done tickets", r.err)
        self.fails(1, "rate", t, "good")
        self.fails(1, "status", t, "new")  # as in support: never back to new
        self.assertEqual(self.snapshot(), before)

    def test_steps_back_and_reopening(self):
        t = self.new()
        self.ok("status", t, "approved")
        self.ok("status", t, "open")  # order withdrawn
        self.ok("status", t, "approved")
        self.ok("status", t, "in-progress")
        self.ok("status", t, "approved")  # handed back
        self.ok("status", t, "in-progress")
        self.ok("status", t, "done")
        self.fails(1, "status", t, "approved")
        self.ok("rate", t, "good")
        self.ok("reopen", t, "-m", "Die Lampe flackert wieder.")
        j = self.show(t)
        self.assertEqual(j["status"], "in-progress")
        self.assertIsNone(j["solved_at"])
        self.assertEqual(j["comments"][-1]["body"], "Die Lampe flackert wieder.")

    def test_assign_escalate_comment_and_delete(self):
        t = self.new()
        self.ok("assign", t, PROVIDER)
        j = self.show(t)
        self.assertEqual((j["status"], j["assignee"]), ("open", PROVIDER))
        self.ok("comment", t, "-m", "Immer noch dunkel!")  # the requester's reply moves nothing
        self.assertEqual(self.status(t), "open")
        self.ok("escalate", t, "-m", "Sturzgefahr im Treppenhaus")
        self.assertEqual(self.show(t)["priority"], "normal")  # question: low -> normal
        self.ok("status", t, "approved")
        self.ok("delete", t)
        j = self.show(t)
        self.assertEqual((j["status"], j["deleted"]), ("done", True))
        self.assertEqual(self.ok("list", "--ids").out, "")
        self.assertIn(j["id"], self.ok("list", "--ids", "--deleted").out)
        before = self.snapshot()
        r = self.fails(1, "status", t, "in-progress")
        self.assertIn("ticket is deleted", r.err)
        self.fails(1, "reopen", t)
        self.fails(1, "escalate", t, "-m", "x")
        self.assertEqual(self.snapshot(), before)

    def test_list_by_property_status(self):
        a, b, c = self.new("A"), self.new("B"), self.new("C")
        self.ok("status", a, "approved")
        self.ok("status", b, "approved")
        self.ok("status", b, "in-progress")
        ids = lambda *terms: sorted(i[:7] for i in self.ok("list", "--ids", *terms).out.split())
        self.assertEqual(ids("status:approved"), [a[:7]])
        self.assertEqual(ids("status:freigegeben"), [a[:7]])
        self.assertEqual(ids("status:In Bearbeitung"), [b[:7]])
        self.assertEqual(ids("status:in-progress,open"), sorted([b[:7], c[:7]]))
        self.assertEqual(ids("status:done"), [])
        order = [t["subject"] for t in self.ok("list", "--json", "--sort", "status").json()]
        self.assertEqual(order, ["C", "A", "B"])
        self.fails(2, "list", "status:fertig")

    def test_support_tickets_in_the_same_store_keep_support_rules(self):
        self.ok("config", "set", "core.workflow", "support")
        s = self.new("Frage zur Abrechnung")
        self.ok("config", "set", "core.workflow", "property")
        p = self.new("Licht defekt")
        self.assertEqual(self.show(s)["workflow"], "support")
        self.assertNotIn("workflow", self.create_event(s)["payload"])  # as before workflows
        self.assertEqual(self.status(s), "new")
        r = self.fails(2, "status", s, "approved", as_user=AGENT)
        self.assertIn("approved is not a status of the support workflow", r.err)
        self.ok("assign", s, AGENT, as_user=AGENT)
        self.assertEqual(self.status(s), "open")
        self.ok("status", s, "pending", as_user=AGENT)
        self.ok("resolve", s, "-m", "Erledigt.", as_user=AGENT)
        self.assertEqual(self.status(s), "solved")
        self.ok("comment", s, "-m", "Doch nicht.")  # the requester's reply reopens it
        self.assertEqual(self.status(s), "open")
        # Both workflows in one status move: each ticket by its own rules.
        r = self.ok("status", s, p, "open", as_user=AGENT)
        self.assertIn(f"ticket {s}: already open", r.err)
        self.ok("close", s, as_user=AGENT)
        # A reply to the closed support ticket opens a support follow-up,
        # whatever core.workflow says now.
        f = self.ok("comment", s, "-m", "Noch eine Frage.").out.strip()
        j = self.show(f)
        self.assertEqual((j["workflow"], j["status"], j["follow_up_of"]),
                         ("support", "new", self.show(s)["id"]))
        self.assert_fsck_clean()

    def test_sweep_sends_no_reminders_for_property_tickets(self):
        when = {"TICKETS_NOW": "2026-11-02T09:00:00Z"}
        p = self.ok("new", "Licht", "-m", "dunkel", env=when).out.strip()
        self.ok("status", p, "approved", env=when)
        self.ok("status", p, "in-progress", env=when)
        self.ok("config", "set", "core.workflow", "support")
        s = self.ok("new", "Frage", "-m", "?", env=when).out.strip()
        self.ok("status", s, "pending", as_user=AGENT, env=when)
        before = self.show(p)
        r = self.ok("sweep", "--json", as_user=AGENT, env={"TICKETS_NOW": "2027-03-01T09:00:00Z"})
        actions = r.json()
        self.assertEqual({a["ticket"][:7] for a in actions}, {s[:7]})
        self.assertEqual(self.show(p), before)

    def test_config_names_a_known_workflow(self):
        r = self.fails(2, "config", "set", "core.workflow", "kanban")
        self.assertIn("support, property", r.err)
        self.ok("config", "set", "core.workflow", "property")
        self.assertEqual(self.ok("config", "get", "core.workflow").out.strip(), "property")

    def test_bad_workflow_in_config_file_is_a_config_error(self):
        path = f"{self.dir}/.tickets/config.toml"
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("property", text)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace("property", "kanban"))
        r = self.fails(78, "new", "x", "-m", "y")
        self.assertIn("core.workflow", r.err)

    def test_csv_import_and_export_carry_the_workflow(self):
        rows = ("subject,description,workflow\r\n"
                "Licht,dunkel,\r\n"
                "Frage,Wie geht das?,support\r\n")
        self.ok("import", "--format", "csv", "-", input=rows)
        got = {t["subject"]: (t["workflow"], t["status"]) for t in self.ok("list", "--json").json()}
        self.assertEqual(got, {"Licht": ("property", "open"), "Frage": ("support", "new")})
        r = self.fails(65, "import", "--format", "csv", "-",
                       input="subject,description,workflow\r\nx,y,kanban\r\n")
        self.assertIn("CSV line 2: unknown workflow 'kanban'", r.err)
        exported = list(csv.DictReader(io.StringIO(self.ok("export", "--format", "csv").out)))
        self.assertEqual(sorted(r["workflow"] for r in exported), ["property", "support"])
        # The lossless export round-trips into a store whose config says support.
        jsonl = self.ok("export", "--format", "jsonl").out
        copy = f"{self.dir}/copy"
        self.ok("init", copy)
        self.ok("-C", copy, "import", "-", input=jsonl)
        again = {t["subject"]: t["workflow"] for t in self.ok("-C", copy, "list", "--json").json()}
        self.assertEqual(again, {"Licht": "property", "Frage": "support"})


class OlderStore(TicketsTest):
    def test_an_older_store_gets_the_workflow_in_its_materialised_rows(self):
        t = self.new()
        events = self.snapshot()["events"]
        # As a store of schema version 3 looks: the document in tickets.doc,
        # and no "workflow" in it.
        con = self.db()
        with con:
            con.executescript("""
                ALTER TABLE tickets ADD COLUMN doc TEXT NOT NULL DEFAULT '';
                UPDATE tickets SET doc = (SELECT json_remove(doc, '$.workflow')
                                          FROM ticket_docs d WHERE d.rowid = tickets.rowid);
                DROP TABLE ticket_docs;
                PRAGMA user_version = 3;
            """)
        con.close()
        self.assertEqual(self.ok("list", "--json").json()[0]["workflow"], "support")
        self.assert_fsck_clean()
        con = self.db()
        self.assertEqual(con.execute("PRAGMA user_version").fetchone()[0], SCHEMA_VERSION)
        con.close()
        self.assertEqual(self.snapshot()["events"], events)  # the events stay as they were
        self.assertEqual(self.show(t)["workflow"], "support")


class LocalRoles(PropertyTest):
    """Users registered in the store's users table are held to their role;
    once there are users, an unregistered address has a customer's rights
    (core.open = true: the store's owner's, as in a store without users)."""

    def setUp(self):
        super().setUp()
        for email, role in [(MANAGER, "manager"), (PROVIDER, "provider"),
                            (OTHER_PROVIDER, "provider"), (TENANT, "tenant")]:
            self.ok("user", "add", email, "--role", role)
        self.t = self.new("Licht im Treppenhaus defekt")  # by the tenant

    def test_an_unregistered_address_has_a_customers_rights_unless_the_store_is_open(self):
        before = self.snapshot()
        r = self.fails(77, "status", self.t, "approved", as_user=OWNER)
        self.assertIn("only management may change the status of property tickets", r.err)
        r = self.fails(77, "new", "Für jemand anderen", "-m", "x", "--requester", TENANT,
                       as_user=OWNER)
        self.assertIn("customers may only create tickets they request themselves", r.err)
        r = self.fails(77, "comment", self.t, "-m", "geheim", "--internal", as_user=OWNER)
        self.assertIn("only agents write internal notes", r.err)
        self.assertEqual(self.snapshot(), before)
        self.ok("config", "set", "core.open", "true")  # one person's store: as before
        for to in ["approved", "in-progress", "done"]:
            self.ok("status", self.t, to, as_user=OWNER)

    def test_a_tenant_never_moves_a_property_ticket(self):
        before = self.snapshot()
        r = self.fails(77, "status", self.t, "approved")
        self.assertIn("only management may change the status of property tickets", r.err)
        self.fails(77, "delete", self.t)
        self.assertEqual(self.snapshot(), before)
        self.ok("comment", self.t, "-m", "Bitte schnell!")  # commenting is fine

    def test_management_and_the_assigned_provider(self):
        self.ok("status", self.t, "approved", as_user=MANAGER)
        self.ok("assign", self.t, PROVIDER, as_user=MANAGER)
        before = self.snapshot()
        r = self.fails(77, "status", self.t, "in-progress", as_user=OTHER_PROVIDER)
        self.assertIn("only management and the assigned service provider", r.err)
        r = self.fails(77, "status", self.t, "open", as_user=PROVIDER)
        self.assertIn("the assignee may only move property tickets from approved to in-progress", r.err)
        self.assertEqual(self.snapshot(), before)
        self.ok("status", self.t, "in-progress", as_user=PROVIDER)
        self.ok("status", self.t, "Erledigt", as_user=PROVIDER)
        self.assertEqual(self.status(self.t), "done")
        self.fails(77, "reopen", self.t, as_user=PROVIDER)  # reopening is management's
        self.fails(77, "status", self.t, "in-progress", as_user=PROVIDER)
        self.ok("reopen", self.t, as_user=MANAGER)
        self.assertEqual(self.status(self.t), "in-progress")

    def test_a_role_check_aborts_the_whole_bulk_change(self):
        other = self.new("Aufzug")
        self.ok("assign", self.t, PROVIDER, as_user=MANAGER)
        self.ok("status", self.t, other, "approved", as_user=MANAGER)
        before = self.snapshot()
        self.fails(77, "status", self.t, other, "in-progress", as_user=PROVIDER)  # not other's assignee
        self.assertEqual(self.snapshot(), before)


class ServerRoles(SyncTest):
    """A real `tickets serve`: pushed status changes of property tickets are
    checked against the pusher's role."""

    def setUp(self):
        super().setUp()
        for email, role in [(MANAGER, "manager"), (PROVIDER, "provider")]:
            self.ok("user", "add", email, "--role", role)
            self.tokens[email] = self.ok("token", "create", email).out.strip()
        self.ok("config", "set", "core.workflow", "property")
        self.t = self.ok("new", "Licht im Treppenhaus", "-m", "dunkel", "--requester", TENANT_A).out.strip()

    def test_a_tenants_status_change_is_rejected_and_a_managers_accepted(self):
        tenant = self.clone(TENANT_A)
        self.at(tenant, "comment", self.t, "-m", "Bitte bald", user=TENANT_A)
        self.at(tenant, "status", self.t, "approved", user=TENANT_A)  # not registered in the clone
        r = self.at(tenant, "push", "--json", user=TENANT_A, code=1)
        summary = json.loads(r.out)
        self.assertEqual((summary["accepted"], summary["rejected"]), (1, 1))
        self.assertEqual(summary["rejections"][0]["reason"],
                         "only management may change the status of property tickets")
        self.assertEqual(self.show(self.t)["status"], "open")

        manager = self.clone(MANAGER)
        self.at(manager, "status", self.t, "Freigegeben", user=MANAGER)
        self.at(manager, "assign", self.t, PROVIDER, user=MANAGER)
        r = self.at(manager, "push", "--json", user=MANAGER)
        self.assertEqual(json.loads(r.out)["rejected"], 0)
        j = self.show(self.t)
        self.assertEqual((j["status"], j["workflow"], j["assignee"]), ("approved", "property", PROVIDER))

        # The provider sees the ticket assigned to them and takes the work steps.
        provider = self.clone(PROVIDER)
        self.assertEqual(self.subjects(provider, PROVIDER), ["Licht im Treppenhaus"])
        self.at(provider, "status", self.t, "in-progress", user=PROVIDER)
        self.at(provider, "status", self.t, "done", user=PROVIDER)
        r = self.at(provider, "push", "--json", user=PROVIDER)
        self.assertEqual(json.loads(r.out)["accepted"], 2)
        self.assertEqual(self.show(self.t)["status"], "done")
        self.ok("fsck")


if __name__ == "__main__":
    main()
