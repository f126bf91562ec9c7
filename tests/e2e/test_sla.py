"""SLA clocks as users meet them: policies in the config, targets recorded
in the events, clocks in working time in `show`, the `sla:` filters, sort and
column of `list`, the sweep's messages, a changed calendar counted again,
and a server stamping a clone's tickets. Every figure is worked out by hand
on Monday to Friday 08:00-17:00 UTC without holidays (2026-12-07 is a Monday)."""

import json
import os

from harness import AGENT, TENANT, TicketsTest, main, requires

MONDAY = "2026-12-07T"
POLICY = {"sla.normal.first_reply": "4h", "sla.normal.next_reply": "8h",
          "sla.normal.resolution": "2d", "calendar.holidays": "none", "calendar.timezone": "UTC"}


def configure(test, settings=POLICY):
    for key, value in settings.items():
        test.ok("config", "set", key, value)


class SlaTest(TicketsTest):
    def setUp(self):
        super().setUp()
        self.env["TICKETS_USER"] = AGENT
        configure(self)

    def at(self, when, *args, as_user=AGENT):
        return self.ok(*args, env={"TICKETS_NOW": when}, as_user=as_user)

    def ticket(self, when=MONDAY + "09:00:00Z", priority="normal", *extra):
        return self.at(when, "new", "Heizung ausgefallen", "-m", "Kalt.", "--priority", priority,
                       "--requester", TENANT, *extra).out.strip()

    def clocks(self, ticket, when):
        sla = self.at(when, "show", ticket, "--json").json()["sla"]
        return sla and sla["clocks"]

    def listed(self, when, *terms):
        return [line.split("\t")[0][:7]
                for line in self.at(when, "list", *terms, "--columns", "id").out.splitlines()]


class Clocks(SlaTest):
    def test_first_reply_runs_in_working_hours_and_is_met_by_an_answer(self):
        t = self.ticket()
        first = self.clocks(t, MONDAY + "12:00:00Z")["first_reply"]
        self.assertEqual((first["state"], first["used"], first["left"], first["due"]),
                         ("running", 3 * 3600, 3600, MONDAY + "13:00:00Z"))
        # Two working days are 18 hours of a 9-hour day: due Wednesday 09:00.
        resolution = self.clocks(t, MONDAY + "12:00:00Z")["resolution"]
        self.assertEqual((resolution["target"], resolution["due"]), (18 * 3600, "2026-12-09T09:00:00Z"))
        text = self.at(MONDAY + "12:00:00Z", "show", t).out
        self.assertIn("sla:           normal\n", text)
        self.assertIn("  first reply: running, 1h of 4h left (due 2026-12-07 13:00)\n", text)
        self.assertIn("  resolution:  running, 15h of 18h left (due 2026-12-09 09:00)\n", text)
        # Unanswered at 14:00: an hour over.
        late = self.clocks(t, MONDAY + "14:00:00Z")["first_reply"]
        self.assertEqual((late["state"], late["overdue"]), ("breached", 3600))
        self.at(MONDAY + "12:30:00Z", "comment", t, "-m", "Wir kommen morgen.")
        met = self.clocks(t, MONDAY + "14:00:00Z")["first_reply"]
        self.assertEqual((met["state"], met["used"], met["stopped"]),
                         ("met", 3 * 3600 + 1800, MONDAY + "12:30:00Z"))
        self.assertNotIn("next_reply", self.clocks(t, MONDAY + "14:00:00Z"))
        self.assert_fsck_clean()

    def test_pending_pauses_and_the_customers_reply_starts_the_next_reply_clock(self):
        t = self.ticket()
        self.at(MONDAY + "10:00:00Z", "comment", t, "-m", "Welche Wohnung?")
        self.at(MONDAY + "10:00:00Z", "status", t, "pending")
        paused = self.clocks(t, "2026-12-09T12:00:00Z")["resolution"]
        self.assertEqual((paused["state"], paused["used"]), ("paused", 3600))
        self.assertNotIn("due", paused)
        # The tenant answers on Wednesday 10:00: open again, an answer owed within 8h.
        self.at("2026-12-09T10:00:00Z", "comment", t, "-m", "Erdgeschoss links.", as_user=TENANT)
        clocks = self.clocks(t, "2026-12-09T12:00:00Z")
        self.assertEqual(clocks["next_reply"]["due"], "2026-12-10T09:00:00Z")
        self.assertEqual(clocks["resolution"]["used"], 3 * 3600)
        # Solved Wednesday 15:00: every clock stops, all met.
        self.at("2026-12-09T15:00:00Z", "resolve", t, "-m", "Ventil getauscht.")
        clocks = self.clocks(t, "2026-12-11T12:00:00Z")
        self.assertEqual({name: c["state"] for name, c in clocks.items()},
                         {"first_reply": "met", "next_reply": "met", "resolution": "met"})
        self.assertEqual(clocks["resolution"]["used"], 6 * 3600)

    def test_the_targets_are_the_ticket_s_own_from_its_events(self):
        t = self.ticket()
        con = self.db()
        payload = json.loads(con.execute("SELECT body FROM events WHERE type = 'create'")
                             .fetchone()[0])["payload"]
        con.close()
        self.assertEqual(payload["sla"], {"policy": "normal", "first_reply": 14400,
                                          "next_reply": 28800, "resolution": 64800,
                                          "pause": ["pending", "hold"]})
        # A stricter policy applies to tickets from now on, not to this one.
        self.ok("config", "set", "sla.normal.first_reply", "1h")
        self.assertEqual(self.clocks(t, MONDAY + "10:00:00Z")["first_reply"]["target"], 14400)
        u = self.ticket()
        self.assertEqual(self.clocks(u, MONDAY + "10:00:00Z")["first_reply"]["target"], 3600)
        # A priority without a policy takes the clocks away; back, they return.
        self.at(MONDAY + "10:00:00Z", "edit", t, "--priority", "low")
        self.assertIsNone(self.at(MONDAY + "10:00:00Z", "show", t, "--json").json()["sla"])
        self.at(MONDAY + "10:00:00Z", "edit", t, "--priority", "normal")
        self.assertEqual(self.clocks(t, MONDAY + "10:00:00Z")["first_reply"]["target"], 3600)
        # An escalation raises the priority, and the policy of the new one applies.
        self.ok("config", "set", "sla.high.first_reply", "30m")
        self.at(MONDAY + "10:00:00Z", "escalate", t, "-m", "Wasser tritt aus")
        j = self.at(MONDAY + "10:00:00Z", "show", t, "--json").json()
        self.assertEqual((j["priority"], j["sla"]["policy"], j["sla_policy"]), ("high", "high", "high"))
        self.assert_fsck_clean()

    def test_a_policy_may_name_an_organisation_and_the_most_specific_one_wins(self):
        configure(self, {"sla.vip.priority": "normal", "sla.vip.organisation": "muster-hv.de",
                         "sla.vip.first_reply": "1h"})
        self.assertEqual(self.at(MONDAY + "09:00:00Z", "show", self.ticket(), "--json")
                         .json()["sla"]["policy"], "vip")


class Listing(SlaTest):
    def test_filters_sort_and_column(self):
        late = self.ticket(MONDAY + "09:00:00Z")       # first reply due 13:00
        soon = self.ticket(MONDAY + "14:00:00Z")       # due Tuesday 09:00
        none = self.ticket(MONDAY + "14:00:00Z", "low")  # no policy
        now = MONDAY + "15:00:00Z"
        self.assertEqual(self.listed(now, "sla:breached"), [late])
        self.assertEqual(self.listed(now, "sla:ok"), [soon])
        self.assertEqual(self.listed(now, "sla:none"), [none])
        self.assertEqual(sorted(self.listed(now, "-sla:breached")), sorted([soon, none]))
        self.assertEqual(sorted(self.listed(now, "-sla:ok")), sorted([late, none]))
        self.assertEqual(self.listed(now, "sla.due.before:3h"), [late])
        self.assertEqual(self.listed(now, "sla.due.after:2026-12-08"), [soon])
        self.assertEqual(self.listed(now, "--sort", "sla"), [late, soon, none])
        rows = self.at(now, "list", "--sort", "sla", "--columns", "id,sla").out.splitlines()
        self.assertEqual([r.split("\t")[1] for r in rows], ["breached", "2026-12-08T09:00:00Z", ""])
        table = self.in_terminal("list", "--sort", "sla", "--columns", "id,sla",
                                 env={"TICKETS_NOW": now})
        self.assertIn("2026-12-08 09:00", "\n".join(table))
        r = self.fails(2, "list", "sla:late")
        self.assertIn("sla takes breached, ok or none", r.err)

    def test_a_changed_calendar_counts_the_deadlines_again(self):
        t = self.ticket(MONDAY + "14:00:00Z")
        now = MONDAY + "15:00:00Z"
        rows = self.at(now, "list", "--columns", "id,sla").out
        self.assertIn("2026-12-08T09:00:00Z", rows)
        self.ok("config", "set", "calendar.hours.monday", "08:00-18:00")
        self.assertEqual(self.at(now, "list", "--columns", "sla").out.strip(), "2026-12-07T18:00:00Z")
        self.assert_fsck_clean()
        self.assertEqual(self.listed(now, "sla:ok"), [t])


class Config(SlaTest):
    def test_bad_values_are_refused_when_set_and_when_read(self):
        before = self.snapshot()
        for key, value, words in [("sla.normal.first_reply", "vier Stunden", "not a target"),
                                  ("sla.normal.frist", "4h", "unknown key"),
                                  ("sla.pause", "waiting", "not a status"),
                                  ("calendar.hours.monday", "8-17", "not business hours"),
                                  ("calendar.hours.montag", "08:00-17:00", "unknown key")]:
            r = self.fails(2, "config", "set", key, value)
            self.assertIn(words, r.err)
        self.assertEqual(self.snapshot(), before)
        # Written into the file by an editor, past those checks.
        with open(os.path.join(self.dir, ".tickets", "config.toml"), "a", encoding="utf-8") as f:
            f.write('\n[sla.urgent]\nresolution = "zwei Tage"\n')
        before = self.snapshot()
        r = self.fails(78, "new", "Licht", "-m", "dunkel", "--priority", "normal")
        self.assertIn("sla.urgent.resolution", r.err)
        self.assertEqual(self.snapshot(), before)


class SweepMessages(SlaTest):
    def test_a_warning_before_and_a_message_when_breached_each_once(self):
        self.ok("config", "set", "sla.notify", "leitung@support.example.com")
        t = self.ticket(MONDAY + "09:00:00Z", "normal", "--assignee", "kollegin@support.example.com")
        outbox = os.path.join(self.dir, ".tickets", "outbox")

        def sla_files():
            return sorted(n for n in os.listdir(outbox) if n.startswith("sla-")) \
                if os.path.isdir(outbox) else []

        self.assertEqual(self.at(MONDAY + "11:59:00Z", "sweep").err.strip(),
                         "sweep: 0 reminders, 0 closed")
        dry = self.at(MONDAY + "12:10:00Z", "sweep", "--dry-run", "--json")
        self.assertEqual([a["action"] for a in dry.json()], ["sla-warning"])
        self.assertEqual(sla_files(), [])
        r = self.at(MONDAY + "12:10:00Z", "sweep", "--json")
        self.assertEqual(r.json(), [{"ticket": self.show(t)["id"], "action": "sla-warning",
                                     "clock": "first_reply",
                                     "to": ["kollegin@support.example.com",
                                            "leitung@support.example.com"]}])
        self.assertIn("SLA: 1 warning, 0 breached", r.err)
        self.assertEqual(self.at(MONDAY + "12:20:00Z", "sweep", "--json").json(), [])
        self.at(MONDAY + "13:05:00Z", "sweep")
        self.assertEqual(self.at(MONDAY + "13:30:00Z", "sweep", "--json").json(), [])
        files = sla_files()
        self.assertEqual(len(files), 2, files)
        with open(os.path.join(outbox, [f for f in files if "breached" in f][0]), encoding="utf-8") as f:
            mail = f.read()
        self.assertIn("To: kollegin@support.example.com, leitung@support.example.com", mail)
        self.assertRegex(mail, r"Subject: \[#[0-9a-f]{12}\] SLA verletzt: Erste Antwort: Heizung")
        self.assertNotIn("Kalt.", mail)  # never the correspondence
        self.assertNotIn(TENANT, mail)   # nor the requester

    def test_solved_tickets_get_no_messages(self):
        t = self.ticket(MONDAY + "09:00:00Z", "normal", "--assignee", "kollegin@support.example.com")
        self.at(MONDAY + "16:00:00Z", "resolve", t, "-m", "Erledigt.")
        self.assertEqual(self.at(MONDAY + "16:30:00Z", "sweep", "--json").json(), [])


@requires("sync")
class ServerStamps(SlaTest):
    def test_a_clone_without_policies_gets_the_server_s_targets(self):
        from test_sync import Server
        self.ok("user", "add", AGENT, "--role", "agent")
        token = self.ok("token", "create", AGENT).out.strip()
        server = Server(self, self.dir).start()
        try:
            clone = os.path.join(self.dir, "clone")
            env = {"TICKETS_TOKEN": token}
            self.ok("clone", server.url, clone, env=env)
            t = self.ok("-C", clone, "new", "Licht", "-m", "dunkel", "--priority", "normal",
                        env=env).out.strip()
            self.ok("-C", clone, "push", env=env)
            self.assertEqual(self.show(t)["sla"]["policy"], "normal")
            self.ok("-C", clone, "pull", env=env)
            j = self.ok("-C", clone, "show", t, "--json", env=env).json()
            self.assertEqual(j["sla_policy"], "normal")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
