"""`tickets sweep`, walked through time with TICKETS_NOW: reminders after
working days (weekends, Easter, Christmas and configured extra days do not
count), closing after the second reminder and 14 days after the solution,
the customer's reply restarting the clock, idempotence and two sweeps at
once."""

import json
import os
import subprocess

from harness import AGENT, BIN, TENANT, TicketsTest, main


class SweepTest(TicketsTest):
    def at(self, when, *args, as_user=AGENT):
        return self.ok(*args, env={"TICKETS_NOW": when}, as_user=as_user)

    def pending_ticket(self, when, subject="Heizung ausgefallen"):
        """A ticket the agent set to pending at `when`."""
        r = self.ok("new", subject, "-m", "Kalt.", env={"TICKETS_NOW": when})
        t = r.out.strip()
        self.at(when, "assign", t, AGENT)
        self.at(when, "comment", t, "-m", "Welche Wohnung genau?")
        self.at(when, "status", t, "pending")
        return t

    def sweep(self, when, *args):
        r = self.at(when, "sweep", *args)
        self.assertEqual(r.out, "" if "--json" not in args else r.out)
        return r

    def sweep_summary(self, when):
        r = self.sweep(when)
        lines = r.err.strip().splitlines()
        self.assertEqual(len(lines), 1, r.err)
        return lines[0]

    def events(self, ticket, type_):
        con = self.db()
        try:
            full = self.show(ticket)["id"]
            rows = con.execute("SELECT body FROM events WHERE ticket = ? AND type = ?",
                               (full, type_)).fetchall()
            return [json.loads(r[0]) for r in rows]
        finally:
            con.close()


class PendingReminders(SweepTest):
    def test_by_default_the_second_reminder_closes_the_ticket_with_one_message(self):
        t = self.pending_ticket("2026-11-20T09:00:00Z")
        self.assertEqual(self.sweep_summary("2026-11-27T09:00:00Z"), "sweep: 1 reminder, 0 closed")
        before = set(os.listdir(os.path.join(self.dir, ".tickets", "outbox")))
        self.assertEqual(self.sweep_summary("2026-12-04T09:00:00Z"), "sweep: 1 reminder, 1 closed")
        j = self.show(t)
        self.assertEqual((j["status"], j["reminders_sent"], j["close_reason"], j["closed_at"]),
                         ("closed", 2, "no-reply", "2026-12-04T09:00:00Z"))
        self.assertEqual([e["payload"]["reminder"] for e in self.events(t, "remind")], [1, 2])
        new = sorted(set(os.listdir(os.path.join(self.dir, ".tickets", "outbox"))) - before)
        self.assertEqual(len(new), 1, new)  # the closing, not a reminder as well
        con = self.db()
        close_id = con.execute("SELECT id FROM events WHERE type = 'close'").fetchone()[0]
        con.close()
        self.assertTrue(new[0].startswith(close_id), new)
        self.assertEqual(self.sweep_summary("2026-12-04T09:00:00Z"), "sweep: 0 reminders, 0 closed")
        self.assert_fsck_clean()

    def test_reminders_then_close_across_a_weekend(self):
        self.ok("config", "set", "sweep.pending_close_days", "5")
        # Pending on Friday 20 Nov 2026, 10:00 in Berlin.
        t = self.pending_ticket("2026-11-20T09:00:00Z")
        j = self.show(t)
        self.assertEqual(j["pending_since"], "2026-11-20T09:00:00Z")
        self.assertEqual(j["reminders_sent"], 0)
        # Thursday: 4 working days; Friday one second early: still 4.
        self.assertEqual(self.sweep_summary("2026-11-26T09:00:00Z"), "sweep: 0 reminders, 0 closed")
        self.assertEqual(self.sweep_summary("2026-11-27T08:59:59Z"), "sweep: 0 reminders, 0 closed")
        self.assertEqual(self.show(t)["reminders_sent"], 0)
        # Five working days (Mon–Fri; the weekend did not count).
        self.assertEqual(self.sweep_summary("2026-11-27T09:00:00Z"), "sweep: 1 reminder, 0 closed")
        j = self.show(t)
        self.assertEqual((j["status"], j["reminders_sent"], j["last_reminder_at"]),
                         ("pending", 1, "2026-11-27T09:00:00Z"))
        # Idempotent: the same moment again, and a bit later, do nothing.
        self.assertEqual(self.sweep_summary("2026-11-27T09:00:00Z"), "sweep: 0 reminders, 0 closed")
        self.assertEqual(self.sweep_summary("2026-12-03T12:00:00Z"), "sweep: 0 reminders, 0 closed")
        self.assertEqual(len(self.events(t, "remind")), 1)
        # Five more working days: the second reminder.
        self.assertEqual(self.sweep_summary("2026-12-04T09:00:00Z"), "sweep: 1 reminder, 0 closed")
        self.assertEqual(self.show(t)["reminders_sent"], 2)
        self.assertEqual([e["payload"]["reminder"] for e in self.events(t, "remind")], [1, 2])
        # Five more: closed, with the reason.
        self.assertEqual(self.sweep_summary("2026-12-10T09:00:00Z"), "sweep: 0 reminders, 0 closed")
        self.assertEqual(self.sweep_summary("2026-12-11T09:00:00Z"), "sweep: 0 reminders, 1 closed")
        j = self.show(t)
        self.assertEqual((j["status"], j["close_reason"], j["closed_at"]),
                         ("closed", "no-reply", "2026-12-11T09:00:00Z"))
        self.assertEqual(self.events(t, "close")[0]["payload"], {"reason": "no-reply"})
        self.assertEqual(self.sweep_summary("2026-12-31T09:00:00Z"), "sweep: 0 reminders, 0 closed")
        shown = self.at("2026-12-31T09:00:00Z", "show", t).out
        self.assertIn("reminders:", shown)
        self.assertIn("no-reply", shown)
        self.assert_fsck_clean()

    def test_easter_does_not_count(self):
        # Maundy Thursday 2 April 2026: Good Friday, the weekend and Easter
        # Monday are no working days, so the fifth is Monday 13 April.
        t = self.pending_ticket("2026-04-02T08:00:00Z")
        for when in ("2026-04-09T08:00:00Z", "2026-04-10T08:00:00Z", "2026-04-13T07:59:59Z"):
            self.sweep(when)
            self.assertEqual(self.show(t)["reminders_sent"], 0, when)
        self.sweep("2026-04-13T08:00:00Z")
        self.assertEqual(self.show(t)["reminders_sent"], 1)

    def test_christmas_and_extra_days_do_not_count(self):
        self.ok("config", "set", "calendar.extra_holidays", "2026-12-24,2026-12-31")
        t = self.pending_ticket("2026-12-21T09:00:00Z")
        # 22, 23, (24 extra, 25/26 Christmas, weekend), 28, 29, 30.
        self.sweep("2026-12-29T09:00:00Z")
        self.assertEqual(self.show(t)["reminders_sent"], 0)
        self.sweep("2026-12-30T09:00:00Z")
        self.assertEqual(self.show(t)["reminders_sent"], 1)
        # (31 extra, New Year, weekend), 4, 5, 6, 7, 8 January 2027.
        self.sweep("2027-01-07T09:00:00Z")
        self.assertEqual(self.show(t)["reminders_sent"], 1)
        self.sweep("2027-01-08T09:00:00Z")
        self.assertEqual(self.show(t)["reminders_sent"], 2)

    def test_the_configured_state_counts(self):
        # Monday 1 June 2026; Corpus Christi (Thursday 4 June) is a holiday in
        # North Rhine-Westphalia, not in Hamburg.
        self.ok("config", "set", "calendar.holidays", "DE-HH")
        t = self.pending_ticket("2026-06-01T08:00:00Z")
        self.sweep("2026-06-08T08:00:00Z")
        self.assertEqual(self.show(t)["reminders_sent"], 1)
        self.ok("config", "set", "calendar.holidays", "DE-NW")
        u = self.pending_ticket("2026-06-01T08:00:00Z", "Aufzug")
        self.sweep("2026-06-08T08:00:00Z")
        self.assertEqual(self.show(u)["reminders_sent"], 0)
        self.sweep("2026-06-09T08:00:00Z")
        self.assertEqual(self.show(u)["reminders_sent"], 1)

    def test_a_customers_reply_takes_the_ticket_back_to_open(self):
        t = self.pending_ticket("2026-11-02T09:00:00Z")  # Monday
        self.at("2026-11-05T09:00:00Z", "comment", t, "-m", "Wohnung 3, 2. OG.", as_user=TENANT)
        j = self.show(t)
        self.assertEqual((j["status"], j["customer_replied_at"]), ("open", "2026-11-05T09:00:00Z"))
        self.assertEqual(self.sweep_summary("2026-11-30T09:00:00Z"), "sweep: 0 reminders, 0 closed")
        # Pending again: the clock runs from then, and a reply after the first
        # reminder opens it again, with the count of reminders reset.
        self.at("2026-11-30T09:00:00Z", "status", t, "pending")
        self.assertEqual(self.sweep_summary("2026-12-04T09:00:00Z"), "sweep: 0 reminders, 0 closed")
        self.assertEqual(self.sweep_summary("2026-12-07T09:00:00Z"), "sweep: 1 reminder, 0 closed")
        self.at("2026-12-08T09:00:00Z", "comment", t, "-m", "Noch da!", as_user=TENANT)
        j = self.show(t)
        self.assertEqual((j["status"], j["reminders_sent"]), ("open", 0))

    def test_a_cc_reopens_a_solved_ticket_as_the_requester_does(self):
        r = self.ok("new", "Klingel", "-m", "kaputt", "--requester", TENANT, "--cc", "nachbar@example.com")
        t = r.out.strip()
        self.ok("resolve", t, "-m", "Batterie getauscht")
        self.ok("comment", t, "-m", "Geht wieder nicht", as_user="nachbar@example.com")
        self.assertEqual(self.show(t)["status"], "open")

    def test_internal_notes_and_agent_comments_do_not_restart_it(self):
        t = self.pending_ticket("2026-11-02T09:00:00Z")
        self.at("2026-11-05T09:00:00Z", "comment", t, "-m", "intern", "--internal")
        self.at("2026-11-06T09:00:00Z", "comment", t, "-m", "Wir warten noch.")
        self.sweep("2026-11-09T09:00:00Z")
        self.assertEqual(self.show(t)["reminders_sent"], 1)

    def test_pending_close_can_be_switched_off(self):
        self.ok("config", "set", "sweep.pending_close", "false")
        t = self.pending_ticket("2026-11-02T09:00:00Z")
        for when in ("2026-11-09T09:00:00Z", "2026-11-16T09:00:00Z", "2026-11-23T09:00:00Z",
                     "2026-12-23T09:00:00Z"):
            self.sweep(when)
        j = self.show(t)
        self.assertEqual((j["status"], j["reminders_sent"]), ("pending", 2))

    def test_leaving_pending_stops_the_reminders(self):
        t = self.pending_ticket("2026-11-02T09:00:00Z")
        self.at("2026-11-04T09:00:00Z", "status", t, "open")
        self.assertIsNone(self.show(t)["pending_since"])
        self.sweep("2026-11-20T09:00:00Z")
        self.assertEqual(self.events(t, "remind"), [])
        # Pending again: a fresh clock.
        self.at("2026-11-20T09:00:00Z", "status", t, "pending")
        self.sweep("2026-11-26T09:00:00Z")
        self.assertEqual(self.events(t, "remind"), [])
        self.sweep("2026-11-27T09:00:00Z")
        self.assertEqual(len(self.events(t, "remind")), 1)


class SolvedTickets(SweepTest):
    def test_closed_14_calendar_days_after_the_solution(self):
        t = self.new()
        self.at("2026-11-02T10:00:00Z", "resolve", t, "-m", "Pumpe getauscht.")
        self.sweep("2026-11-16T09:59:59Z")
        self.assertEqual(self.show(t)["status"], "solved")
        self.assertEqual(self.sweep_summary("2026-11-16T10:00:00Z"), "sweep: 0 reminders, 1 closed")
        j = self.show(t)
        self.assertEqual((j["status"], j["close_reason"]), ("closed", "solved"))

    def test_reopened_ticket_is_not_closed(self):
        t = self.new()
        self.at("2026-11-02T10:00:00Z", "resolve", t, "-m", "Pumpe getauscht.")
        self.at("2026-11-03T10:00:00Z", "comment", t, "-m", "Immer noch kalt!", as_user=TENANT)
        self.assertEqual(self.show(t)["status"], "open")
        self.sweep("2026-12-01T10:00:00Z")
        self.assertEqual(self.show(t)["status"], "open")

    def test_configured_days(self):
        self.ok("config", "set", "sweep.solved_close_days", "3")
        t = self.new()
        self.at("2026-11-02T10:00:00Z", "resolve", t, "-m", "Erledigt.")
        self.sweep("2026-11-05T10:00:00Z")
        self.assertEqual(self.show(t)["status"], "closed")


class SweepCommand(SweepTest):
    def test_dry_run_and_json(self):
        t = self.pending_ticket("2026-11-02T09:00:00Z")
        u = self.new("Solved")
        self.at("2026-11-02T09:00:00Z", "resolve", u, "-m", "ok")
        before = self.snapshot()
        r = self.at("2026-11-20T09:00:00Z", "sweep", "--dry-run", "--json")
        actions = json.loads(r.out)
        self.assertEqual(sorted((a["action"], a["ticket"][:7]) for a in actions),
                         sorted([("remind", t[:7]), ("close", u[:7])]))
        self.assertIn("dry run", r.err)
        self.assertEqual(self.snapshot(), before)
        r = self.at("2026-11-20T09:00:00Z", "sweep", "--json")
        actions = json.loads(r.out)
        self.assertEqual(len(actions), 2)
        for a in actions:
            self.assertEqual(len(a["event"]), 64)
        remind = next(a for a in actions if a["action"] == "remind")
        self.assertEqual(remind["reminder"], 1)
        self.assertEqual(self.at("2026-11-20T09:00:00Z", "sweep", "--json").out.strip(), "[]")

    def test_bad_config_is_a_config_error(self):
        self.edit_config_by_hand("calendar.holidays", "DE-XY")
        r = self.fails(78, "sweep")
        self.assertIn("calendar.holidays", r.err)
        self.ok("config", "set", "calendar.holidays", "DE-BY")
        self.edit_config_by_hand("sweep.pending_reminder_days", "fünf")
        r = self.fails(78, "sweep")
        self.assertIn("sweep.pending_reminder_days", r.err)

    def test_works_without_a_user(self):
        t = self.pending_ticket("2026-11-02T09:00:00Z")
        env = dict(self.env, TICKETS_NOW="2026-11-09T09:00:00Z")
        del env["TICKETS_USER"]
        proc = subprocess.run([BIN, "sweep"], capture_output=True, text=True, env=env, cwd=self.dir,
                              timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(self.events(t, "remind")[0]["author"], "tickets@localhost")

    def test_two_sweeps_at_once_act_once(self):
        when = "2026-11-02T09:00:00Z"
        ids = [self.pending_ticket(when, f"Ticket {i}") for i in range(6)]
        env = dict(self.env, TICKETS_NOW="2026-11-09T09:00:00Z", TICKETS_USER=AGENT)
        for round_ in range(3):
            procs = [subprocess.Popen([BIN, "sweep", "--json"], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True, env=env, cwd=self.dir)
                     for _ in range(2)]
            outs = [p.communicate(timeout=120) for p in procs]
            for p, (out, err) in zip(procs, outs):
                self.assertEqual(p.returncode, 0, err)
            acted = [len(json.loads(out)) for out, _ in outs]
            self.assertEqual(sum(acted), 6 if round_ == 0 else 0, outs)
        for t in ids:
            self.assertEqual(len(self.events(t, "remind")), 1)
        self.assert_fsck_clean()


class Examples(TicketsTest):
    init_store = True

    def test_example_config_is_valid_and_used(self):
        root = os.path.join(os.path.dirname(__file__), "..", "..", "examples")
        with open(os.path.join(root, "config.toml"), encoding="utf-8") as f:
            example = f.read()
        with open(os.path.join(self.dir, ".tickets", "config.toml"), "a", encoding="utf-8") as f:
            f.write("\n" + example)
        r = self.ok("config", "get", "calendar.holidays")
        self.assertEqual(r.out.strip(), "DE-NW")
        self.ok("sweep", "--dry-run", env={"TICKETS_NOW": "2026-11-02T09:00:00Z"})
        # The commented example of a macro works once uncommented.
        block = example[example.index("# [macros.rueckfrage]"):example.index("#\n# [properties]")]
        with open(os.path.join(self.dir, ".tickets", "config.toml"), "a", encoding="utf-8") as f:
            f.write("\n" + "\n".join(l[2:] if l.startswith("# ") else l[1:] for l in block.splitlines()) + "\n")
        self.assertIn("rueckfrage\tRückfrage: welche Wohnung?", self.ok("macro", "list").out)
        with open(os.path.join(root, "crontab"), encoding="utf-8") as f:
            lines = [l for l in f if l.strip() and not l.startswith("#")]
        self.assertTrue(any("tickets" in l and "sweep" in l for l in lines))


if __name__ == "__main__":
    main()
