"""The server is the team's help desk (DESIGN.md "the server is the authority
of a team"): against a real `tickets serve` on 127.0.0.1 and a real SMTP
server on loopback, the mail for a clone's changes comes from the server,
once; the server's rules, workflow and follow-ups apply to what clones push;
a clone does not sweep; refused events stop shaping the clone's view; and
internal notes reach no one outside the staff on any channel."""

import email
import email.policy
import glob
import json
import os
import sqlite3

from harness import main, requires
from test_notify import Controller, Inbox, free_port
from test_sync import AGENT, AGENT2, COLLEAGUE_A, MAIN_A, TENANT_A, TENANT_B, SyncTest

DESK = "support@hv.example"
CARETAKER = "hauswart@muster-hv.de"


def recipients(raw):
    m = email.message_from_bytes(raw, policy=email.policy.default)
    return sorted(a.strip() for h in ("To", "Cc") if m[h] for a in str(m[h]).split(","))


@requires("sync")
@requires("mail")
class AuthorityTest(SyncTest):
    def setUp(self):
        if Controller is None:
            self.fail("python3-aiosmtpd is not installed (./dev installs it)")
        super().setUp()
        self.ok("user", "add", CARETAKER, "--role", "caretaker")
        self.tokens[CARETAKER] = self.ok("token", "create", CARETAKER).out.strip()
        self.smtp_port = free_port()
        self.inbox = Inbox()
        self.smtp = Controller(self.inbox, hostname="127.0.0.1", port=self.smtp_port)
        self.smtp.start()
        self.ok("config", "set", "smtp.url", f"smtp://127.0.0.1:{self.smtp_port}")
        self.ok("config", "set", "notify.from", DESK)
        self.ok("config", "set", "rules.elektro.category", "Elektro")
        self.ok("config", "set", "rules.elektro.assign", CARETAKER)

    def tearDown(self):
        self.smtp.stop()
        super().tearDown()

    def server_messages(self):
        """Every message the server has written, sent or not: name -> raw."""
        out = {}
        for path in glob.glob(os.path.join(self.dir, ".tickets", "outbox", "**", "*.eml"),
                              recursive=True):
            with open(path, "rb") as f:
                out[os.path.basename(path)] = f.read()
        return out

    def delivered(self):
        """Flushes the server's outbox: [(recipients, raw)] of what the SMTP server got now."""
        before = len(self.inbox.received)
        self.ok("outbox", "flush")
        return [(sorted(rcpts), raw) for _, rcpts, raw in self.inbox.received[before:]]

    def clone_files(self, clone):
        return glob.glob(os.path.join(clone, ".tickets", "outbox", "**", "*.eml"), recursive=True)

    def server_show(self, ticket):
        return json.loads(self.ok("show", ticket, "--json").out)

    def events_in(self, clone):
        con = sqlite3.connect(os.path.join(clone, ".tickets", "tickets.db"))
        try:
            return [body for (body,) in con.execute("SELECT body FROM events")]
        finally:
            con.close()


class MailComesFromTheServer(AuthorityTest):
    def test_a_clones_ticket_is_mailed_once_by_the_server_with_its_rule_applied(self):
        clone = self.clone(TENANT_A)
        short = self.at(clone, "new", "Steckdose im Flur", "-m", "Sie funkt.", "--category",
                        "Elektro", "--cc", COLLEAGUE_A, user=TENANT_A).out.strip()
        self.assertEqual(self.clone_files(clone), [], "a clone queues no mail of its own")
        self.assertEqual(self.server_messages(), {})
        self.at(clone, "push", user=TENANT_A)

        t = self.server_show(short)
        self.assertEqual(t["assignee"], CARETAKER)  # the server's rule
        self.assertEqual(t["status"], "open")
        got = self.delivered()
        self.assertEqual(sorted(r for r, _ in got),
                         [[CARETAKER], sorted([COLLEAGUE_A, TENANT_A])])  # assignment; confirmation
        # The rule's assignment is the server's own event, under its identity.
        con = sqlite3.connect(os.path.join(self.dir, ".tickets", "tickets.db"))
        authors = {row[0] for row in con.execute(
            "SELECT author FROM events WHERE type = 'assign' AND ticket = ?", (t["id"],))}
        con.close()
        self.assertEqual(authors, {DESK})
        # A push retried after its answer was lost (the clone recorded nothing)
        # sends nothing twice.
        con = sqlite3.connect(os.path.join(clone, ".tickets", "tickets.db"))
        con.execute("DELETE FROM remote_events")
        con.execute("UPDATE remotes SET pushed_seq = 0")
        con.commit()
        con.close()
        messages = self.server_messages()
        r = json.loads(self.at(clone, "push", "--json", user=TENANT_A).out)
        self.assertEqual((r["accepted"], r["rejected"]), (0, 0))
        self.assertGreaterEqual(r["duplicate"], 1)
        self.assertEqual(self.server_messages(), messages)
        self.assertEqual(self.delivered(), [])
        # The clone learns the assignment with its next pull, and says nothing itself.
        self.at(clone, "pull", user=TENANT_A)
        self.assertEqual(json.loads(self.at(clone, "show", short, "--json",
                                            user=TENANT_A).out)["assignee"], CARETAKER)

    def test_a_comment_pushed_by_an_agent_reaches_the_customer(self):
        t = self.ok("new", "Heizung", "-m", "kalt", "--requester", TENANT_A).out.strip()
        self.delivered()
        clone = self.clone(AGENT2)
        self.at(clone, "comment", t, "-m", "Der Techniker kommt morgen.", user=AGENT2)
        self.assertEqual(self.clone_files(clone), [])
        self.at(clone, "push", user=AGENT2)
        got = self.delivered()
        self.assertEqual([r for r, _ in got], [[TENANT_A]])
        self.assertIn(b"Der Techniker kommt morgen.", got[0][1].replace(b"=\r\n", b""))

    def test_refused_events_send_nothing_stop_counting_and_can_be_dropped(self):
        t = self.ok("new", "Heizung", "-m", "kalt", "--requester", TENANT_A).out.strip()
        self.delivered()
        clone = self.clone(TENANT_A)
        self.at(clone, "status", t, "hold", user=TENANT_A)  # a clone does not know roles
        r = self.at(clone, "push", user=TENANT_A, code=1)
        self.assertIn("only agents may change the status of tickets", r.err)
        self.assertEqual(self.delivered(), [])
        self.assertEqual(self.server_show(t)["status"], "new")

        shown = json.loads(self.at(clone, "show", t, "--json", user=TENANT_A).out)
        self.assertEqual(shown["status"], "new", "the local fold skips what the server refused")
        self.assertEqual([s["reason"] for s in shown["skipped_events"]],
                         ["refused by origin: only agents may change the status of tickets"])
        self.assertEqual([r["type"] for r in shown["refused"]], ["status"])
        text = self.at(clone, "show", t, user=TENANT_A).out
        self.assertIn("was not applied: refused by origin: only agents may change", text)
        r = json.loads(self.at(clone, "push", "--json", user=TENANT_A).out)
        self.assertEqual(r["sent"], 0, "not sent again")
        listed = json.loads(self.at(clone, "rejected", "--json", user=TENANT_A).out)
        self.assertEqual([(x["type"], x["remote"]) for x in listed], [("status", "origin")])

        r = self.at(clone, "rejected", "--drop", user=TENANT_A)
        self.assertIn("1 refused event(s) dropped", r.err)
        self.assertEqual(json.loads(self.at(clone, "rejected", "--json", user=TENANT_A).out), [])
        shown = json.loads(self.at(clone, "show", t, "--json", user=TENANT_A).out)
        self.assertEqual((shown["skipped_events"], shown["refused"]), ([], []))
        self.at(clone, "fsck", user=TENANT_A)
        self.at(clone, "rejected", "--drop", "abcdef1", user=TENANT_A, code=3)

    def test_a_refused_ticket_is_shown_as_refused_until_dropped(self):
        clone = self.clone(TENANT_A)
        t = self.at(clone, "new", "Für den Nachbarn", "-m", "x", "--requester", COLLEAGUE_A,
                    user=TENANT_A).out.strip()
        r = self.at(clone, "push", user=TENANT_A, code=1)
        self.assertIn("customers may only create tickets they request themselves", r.err)
        text = self.at(clone, "show", t, user=TENANT_A).out
        self.assertIn("this ticket was refused by origin: customers may only create", text)
        self.assertIn(f"'tickets rejected --drop {t}' removes it", text)
        self.at(clone, "comment", t, "-m", "noch etwas", user=TENANT_A)
        self.at(clone, "push", user=TENANT_A, code=1)  # its later comment is refused as well
        self.at(clone, "rejected", "--drop", t, user=TENANT_A)
        self.at(clone, "show", t, user=TENANT_A, code=3)
        self.assertEqual(self.subjects(clone, TENANT_A), [])
        self.assertEqual(json.loads(self.at(clone, "rejected", "--json", user=TENANT_A).out), [])
        self.at(clone, "fsck", user=TENANT_A)
        self.assertEqual(json.loads(self.at(clone, "push", "--json", user=TENANT_A).out)["sent"], 0)


class TheServersWorkflow(AuthorityTest):
    def test_a_reply_to_a_ticket_the_server_closed_opens_a_follow_up_there(self):
        t = self.ok("new", "Wasserhahn tropft", "-m", "Küche", "--requester", TENANT_A).out.strip()
        clone = self.clone(TENANT_A)  # sees the ticket open
        self.ok("resolve", t, "-m", "Dichtung getauscht.")
        self.ok("close", t)
        self.delivered()
        self.at(clone, "comment", t, "-m", "Er tropft schon wieder.", user=TENANT_A)
        self.at(clone, "push", user=TENANT_A)

        closed = self.server_show(t)
        self.assertEqual(closed["status"], "closed")
        self.assertEqual(len(closed["follow_ups"]), 1)
        # The reply counts on the follow-up only, as a local comment would.
        self.assertNotIn("Er tropft schon wieder.", [c["body"] for c in closed["comments"]])
        [skip] = closed["skipped_events"]
        self.assertEqual((skip["type"], skip["reason"]),
                         ("comment", "ticket is closed: the reply opened follow-up "
                          + closed["follow_ups"][0][:7]))
        follow_up = self.server_show(closed["follow_ups"][0])
        self.assertEqual((follow_up["follow_up_of"], follow_up["requester"], follow_up["status"],
                          follow_up["description"], follow_up["subject"]),
                         (closed["id"], TENANT_A, "new", "Er tropft schon wieder.",
                          "Wasserhahn tropft"))
        got = self.delivered()
        self.assertEqual([r for r, _ in got], [[TENANT_A]])  # the follow-up's confirmation
        self.at(clone, "pull", user=TENANT_A)
        self.assertEqual(self.subjects(clone, TENANT_A), ["Wasserhahn tropft", "Wasserhahn tropft"])
        mine = json.loads(self.at(clone, "show", t, "--json", user=TENANT_A).out)
        self.assertEqual(mine["skipped_events"], closed["skipped_events"])
        self.at(clone, "fsck", user=TENANT_A)
        self.ok("fsck")

    def test_a_clone_makes_tickets_with_the_servers_workflow(self):
        self.ok("config", "set", "core.workflow", "property")
        clone = self.clone(AGENT2)
        t = self.at(clone, "new", "Treppenhauslicht", "-m", "aus", user=AGENT2).out.strip()
        self.assertEqual(json.loads(self.at(clone, "show", t, "--json", user=AGENT2).out)["workflow"],
                         "property")
        self.at(clone, "push", user=AGENT2)
        self.assertEqual(self.server_show(t)["workflow"], "property")
        # A changed setting is learnt with the next pull.
        self.ok("config", "set", "core.workflow", "support")
        self.at(clone, "pull", user=AGENT2)
        t2 = self.at(clone, "new", "Rechnung", "-m", "falsch", user=AGENT2).out.strip()
        self.assertEqual(json.loads(self.at(clone, "show", t2, "--json", user=AGENT2).out)["workflow"],
                         "support")

    def test_a_clone_leaves_the_sweep_to_its_server(self):
        clone = self.clone(AGENT2)
        r = self.at(clone, "sweep", user=AGENT2, code=1)
        self.assertIn("this store is a clone of origin (" + self.server.url, r.err)
        self.assertIn("--local", r.err)
        self.at(clone, "sweep", "--local", "--dry-run", user=AGENT2)
        self.ok("sweep")  # the server sweeps


class InternalNotesStayInside(AuthorityTest):
    NOTE = "Mieter zahlt seit März nicht"

    def test_every_role_over_every_channel(self):
        t = self.ok("new", "Klingel defekt", "-m", "geht nicht", "--requester", TENANT_A,
                    "--cc", COLLEAGUE_A).out.strip()
        self.ok("assign", t, CARETAKER)
        self.delivered()
        # An internal note made on the server, and one pushed from an agent's clone.
        self.ok("comment", t, "-m", self.NOTE, "--internal")
        agent_clone = self.clone(AGENT2)
        self.at(agent_clone, "comment", t, "-m", self.NOTE + " (2)", "--internal", user=AGENT2)
        self.at(agent_clone, "push", user=AGENT2)
        self.assertEqual(self.delivered(), [], "a caretaker is no agent: no internal note by mail")
        self.ok("assign", t, AGENT2)
        self.delivered()
        self.ok("comment", t, "-m", self.NOTE + " (3)", "--internal")
        got = self.delivered()
        self.assertEqual([r for r, _ in got], [[AGENT2]])

        for user in (TENANT_A, COLLEAGUE_A, MAIN_A, CARETAKER, TENANT_B):
            clone = self.clone(user)
            self.assertFalse(any(self.NOTE in body for body in self.events_in(clone)), user)
            shown = self.run_cli("-C", clone, "show", t, "--json", as_user=user)
            if shown.code == 0:
                self.assertNotIn(self.NOTE, shown.out, user)
                self.assertTrue(all(not c["internal"] for c in json.loads(shown.out)["comments"]))
            else:
                self.assertEqual(shown.code, 3, user)  # the other organisation does not see it
        self.assertTrue(any(self.NOTE in body for body in self.events_in(agent_clone)))


class ResidentsTest(AuthorityTest):
    """A property with its residents registered on the server."""

    PEOPLE = [("erdgeschoss@example.net", "Mieter", "Musterstraße 1"),
              ("dach@example.net", "tenant", "musterstr. 1"),
              ("eigner@example.net", "Eigentümer", "MUSTERSTRASSE 1"),
              ("beirat@example.net", "Beirat", "Musterstraße 1"),
              ("nebenan@example.net", "Mieter", "Hauptweg 2")]

    def setUp(self):
        super().setUp()
        for email, role, prop in self.PEOPLE:
            self.ok("user", "add", email, "--role", role, "--property", prop, "Gartenweg 5")
            self.tokens[email] = self.ok("token", "create", email).out.strip()
        users = {u["email"]: u for u in json.loads(self.ok("user", "list", "--json").out)}
        self.assertEqual(users["eigner@example.net"]["role"], "owner")
        self.assertEqual(users["beirat@example.net"]["properties"], ["Gartenweg 5", "Musterstraße 1"])


class Residents(ResidentsTest):
    """A public ticket is seen by the residents of its property (narrowed by
    --audience); a private one stays between its requester and management."""

    def test_each_resident_pulls_exactly_the_tickets_meant_for_them(self):
        self.ok("new", "Aufzug defekt", "-m", "steht", "--property", "Musterstraße 1", "--public",
                "--requester", "erdgeschoss@example.net")
        self.ok("new", "Eigentümerversammlung", "-m", "Termin", "--property", "Musterstr. 1",
                "--public", "--audience", "Eigentümer,board")
        self.ok("new", "Mietrückstand", "-m", "privat", "--property", "Musterstraße 1",
                "--requester", "dach@example.net")
        self.ok("new", "Hoftor klemmt", "-m", "laut", "--property", "Hauptweg 2", "--public")
        seen = {email: self.subjects(self.clone(email), email) for email, _, _ in self.PEOPLE}
        self.assertEqual(seen, {
            "erdgeschoss@example.net": ["Aufzug defekt"],
            "dach@example.net": ["Aufzug defekt", "Mietrückstand"],
            "eigner@example.net": ["Aufzug defekt", "Eigentümerversammlung"],
            "beirat@example.net": ["Aufzug defekt", "Eigentümerversammlung"],
            "nebenan@example.net": ["Hoftor klemmt"],
        })
        # A ticket made public later reaches the residents with their next pull.
        private = json.loads(self.ok("list", "--json", "Mietrückstand").out)[0]["id"]
        clone = os.path.join(self.dir, "erdgeschoss-example.net")
        self.ok("edit", private, "--public", "--audience", "tenant")
        self.at(clone, "pull", user="erdgeschoss@example.net")
        self.assertEqual(self.subjects(clone, "erdgeschoss@example.net"),
                         ["Aufzug defekt", "Mietrückstand"])

    def test_a_property_is_named_by_its_id_too(self):
        self.ok("config", "set", "properties.WE-1001", "Musterstraße 1")
        self.ok("user", "add", "neu@example.net", "--role", "Mieter", "--property", "we-1001")
        self.tokens["neu@example.net"] = self.ok("token", "create", "neu@example.net").out.strip()
        users = {u["email"]: u for u in json.loads(self.ok("user", "list", "--json").out)}
        self.assertEqual(users["neu@example.net"]["properties"], ["Musterstraße 1"])
        t = self.ok("new", "Treppenhauslicht", "-m", "aus", "--property", "WE-1001",
                    "--public").out.strip()
        self.assertEqual(self.server_show(t)["property"], "Musterstraße 1")
        # A clone does not know the register: the server resolves the id it pushes.
        agent = self.clone(AGENT2)
        self.at(agent, "new", "Kellertür", "-m", "klemmt", "--property", "WE-1001", "--public",
                user=AGENT2)
        self.at(agent, "push", user=AGENT2)
        for resident in ("neu@example.net", "dach@example.net"):
            self.assertEqual(self.subjects(self.clone(resident), resident),
                             ["Kellertür", "Treppenhauslicht"], resident)
        self.assertEqual(self.subjects(self.clone("nebenan@example.net"), "nebenan@example.net"), [])
        self.ok("config", "set", "properties.WE-1002", "")
        r = self.fails(78, "new", "x", "-m", "y", "--property", "WE-1001")
        self.assertIn("properties.WE-1002", r.err)

    def test_bad_roles_and_audiences_are_refused(self):
        r = self.fails(2, "user", "add", "x@example.net", "--role", "Bürgermeister")
        self.assertIn("unknown role", r.err)
        r = self.fails(2, "new", "x", "-m", "y", "--public", "--audience", "provider")
        self.assertIn("not a resident role", r.err)
        r = self.fails(2, "new", "x", "-m", "y", "--audience", "owner")
        self.assertIn("only a public ticket has an audience", r.err)


class AnonymousTickets(ResidentsTest):
    """An anonymous ticket hides its requester from the other residents and
    shows it to management: a pseudonym writes its events (whose hashes
    verify everywhere), and only the server, staff and the requester know
    who stands behind it."""

    AUTHOR = "erdgeschoss@example.net"
    NEIGHBOUR = "dach@example.net"

    def open_anonymously(self):
        clone = self.clone(self.AUTHOR)
        t = self.at(clone, "new", "Lärm nachts", "-m", "Jede Nacht ab 23 Uhr", "--anonymous",
                    "--public", "--property", "Musterstraße 1", user=self.AUTHOR).out.strip()
        self.at(clone, "comment", t, "-m", "Heute wieder", user=self.AUTHOR)
        self.at(clone, "push", user=self.AUTHOR)
        return clone, self.server_show(t)["id"]

    def test_the_neighbours_see_the_ticket_but_not_who_opened_it(self):
        clone, t = self.open_anonymously()
        server = self.server_show(t)
        pseudonym = server["requester"]
        self.assertRegex(pseudonym, r"^anonymous-[0-9a-f]{16}@anonymous\.invalid$")
        self.assertTrue(server["anonymous"])
        self.assertEqual(server["anonymous_requester"], self.AUTHOR)
        self.assertEqual({c["author"] for c in server["comments"]}, {pseudonym})
        self.assertIn(f"anonymous ({self.AUTHOR})", self.ok("show", t).out)

        neighbour = self.clone(self.NEIGHBOUR)
        self.assertEqual(self.subjects(neighbour, self.NEIGHBOUR), ["Lärm nachts"])
        self.assertFalse(any(self.AUTHOR in body for body in self.events_in(neighbour)))
        shown = json.loads(self.at(neighbour, "show", t, "--json", user=self.NEIGHBOUR).out)
        self.assertTrue(shown["anonymous"])
        self.assertNotIn("anonymous_requester", shown)
        self.assertEqual(shown["organisation"], None)
        text = self.at(neighbour, "show", t, user=self.NEIGHBOUR).out
        self.assertIn("requester:     anonymous\n", text)
        self.assertNotIn(self.AUTHOR, text)
        self.at(neighbour, "fsck", user=self.NEIGHBOUR)  # every hash verifies
        self.assertEqual(self.server.request("GET", "/v1/pseudonyms", self.tokens[self.NEIGHBOUR]),
                         (200, {"pseudonyms": {}}))

        # Management knows, on the server and on an agent's clone.
        agent = self.clone(AGENT2)
        shown = json.loads(self.at(agent, "show", t, "--json", user=AGENT2).out)
        self.assertEqual(shown["anonymous_requester"], self.AUTHOR)
        # The requester, cloning afresh, writes under the pseudonym again.
        again = self.clone(self.AUTHOR, name="erdgeschoss-again")
        self.at(again, "comment", t, "-m", "Und gestern", user=self.AUTHOR)
        pushed = json.loads(self.at(again, "push", "--json", user=self.AUTHOR).out)
        self.assertEqual(pushed["rejected"], 0, pushed)
        self.assertEqual({c["author"] for c in self.server_show(t)["comments"]}, {pseudonym})

    def test_mail_reaches_the_requester_alone_and_names_nobody(self):
        _, t = self.open_anonymously()
        self.ok("edit", t, "--add-cc", self.NEIGHBOUR)
        self.ok("comment", t, "-m", "Wir kümmern uns darum")
        got = self.delivered()
        self.assertIn([self.AUTHOR], [r for r, _ in got])
        self.assertIn([self.NEIGHBOUR], [r for r, _ in got])
        for rcpts, raw in got:
            if rcpts != [self.AUTHOR]:
                self.assertNotIn(self.AUTHOR.encode(), raw, rcpts)
        # The requester answers by mail from the address behind the pseudonym:
        # a public comment under the pseudonym, without the mail that names them.
        token = self.server_show(t)["id"][:12]
        reply = (f"From: Erdgeschoss <{self.AUTHOR}>\r\nTo: {DESK}\r\n"
                 f"Subject: Re: [#{token}] Lärm nachts\r\nMessage-ID: <r1@example.net>\r\n\r\n"
                 "Danke!\r\n\r\nAm 1. Dezember schrieb support:\r\n> Wir kümmern uns\r\n")
        r = self.run_cli("mail-in", "--json", input=reply)
        self.assertEqual(r.code, 0, r)
        self.assertEqual(json.loads(r.out)["action"], "commented")
        last = self.server_show(t)["comments"][-1]
        self.assertEqual((last["author"], last["body"], last["attachments"]),
                         (self.server_show(t)["requester"], "Danke!", []))
        self.assertIsNone(last["author_name"])  # "Erdgeschoss" would say who wrote
        got = self.delivered()
        self.assertEqual([r for r, _ in got], [[self.NEIGHBOUR]])
        self.assertNotIn(self.AUTHOR.encode(), got[0][1])
        self.assertIn("anonym hat geschrieben".encode(), got[0][1])

    def test_nobody_writes_under_someone_elses_pseudonym_or_unmasks_a_ticket(self):
        clone, t = self.open_anonymously()
        pseudonym = self.server_show(t)["requester"]
        # Forgetting the pseudonym, the requester's clone writes under their
        # address: the server refuses what would tell everyone who it is.
        con = sqlite3.connect(os.path.join(clone, ".tickets", "tickets.db"))
        con.execute("DELETE FROM pseudonyms")
        con.commit()
        con.close()
        self.at(clone, "comment", t, "-m", "Ich bin es", user=self.AUTHOR)
        pushed = json.loads(self.at(clone, "push", "--json", user=self.AUTHOR, code=1).out)
        self.assertEqual(pushed["rejected"], 1, pushed)
        refused = json.loads(self.at(clone, "rejected", "--json", user=self.AUTHOR).out)
        self.assertIn("anonymous", refused[0]["reason"])
        # A neighbour who claims the pseudonym is refused as a forger.
        neighbour = self.clone(self.NEIGHBOUR)
        con = sqlite3.connect(os.path.join(neighbour, ".tickets", "tickets.db"))
        con.execute("INSERT INTO pseudonyms VALUES (?, ?)", (pseudonym, self.NEIGHBOUR))
        con.commit()
        con.close()
        self.at(neighbour, "comment", t, "-m", "Ich war es nicht", user=self.NEIGHBOUR)
        pushed = json.loads(self.at(neighbour, "push", "--json", user=self.NEIGHBOUR, code=1).out)
        self.assertEqual(pushed["rejected"], 1, pushed)
        self.assertNotIn("Ich", " ".join(c["body"] for c in self.server_show(t)["comments"]))
        r = self.fails(2, "new", "x", "-m", "y", "--anonymous", "--requester", TENANT_A)
        self.assertIn("--anonymous opens a ticket you request yourself", r.err)


if __name__ == "__main__":
    main()
