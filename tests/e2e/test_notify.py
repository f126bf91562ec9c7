"""Mail notifications: which changes write which messages to
.tickets/outbox/, their RFC 5322 form, and `tickets outbox flush` against a
real SMTP server on loopback (aiosmtpd), including a send that fails while
the server is down and goes out exactly once on the next flush."""

import email
import email.policy
import glob
import json
import os
import shutil
import socket
import time

from harness import AGENT, TENANT, TicketsTest, main, requires

try:
    from aiosmtpd.controller import Controller
except ImportError:  # ./dev installs python3-aiosmtpd
    Controller = None

COLLEAGUE = "kollegin@muster-hv.de"
OTHER_AGENT = "b.berg@support.example.com"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """aiosmtpd handler that keeps every accepted message."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def parse(raw):
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    return email.message_from_bytes(raw, policy=email.policy.default)


class NotifyTest(TicketsTest):
    def outbox(self):
        return sorted(glob.glob(os.path.join(self.dir, ".tickets", "outbox", "*.eml")))

    def queued(self):
        """The outbox table: message name -> bytes."""
        con = self.db()
        try:
            return {name: message.encode("utf-8")
                    for name, message in con.execute("SELECT name, message FROM outbox")}
        finally:
            con.close()

    def sent(self):
        return sorted(glob.glob(os.path.join(self.dir, ".tickets", "outbox", "sent", "*.eml")))

    def messages(self, event=None):
        out = []
        for path in self.outbox():
            with open(path, "rb") as f:
                m = parse(f.read())
            if event is None or m["X-Tickets-Event"] == event:
                out.append(m)
        return out

    def recipients(self, m):
        return sorted(a.strip() for h in ("To", "Cc") if m[h] for a in str(m[h]).split(","))

    def last_event(self, ticket):
        con = self.db()
        try:
            full = self.show(ticket)["id"]
            return con.execute("SELECT id FROM events WHERE ticket = ? OR id = ? "
                               "ORDER BY lamport DESC LIMIT 1", (full, full)).fetchone()[0]
        finally:
            con.close()

    def ticket(self):
        t = self.ok("new", "Heizung ausgefallen – Müllraum", "-m", "Seit gestern kalt.",
                    "--cc", COLLEAGUE, env={"TICKETS_NOW": "2026-11-02T09:00:00Z"}).out.strip()
        return t


class WhoGetsWhat(NotifyTest):
    def test_creation_confirms_to_requester_and_cc(self):
        t = self.ticket()
        [m] = self.messages(self.last_event(t))
        self.assertEqual(self.recipients(m), sorted([TENANT, COLLEAGUE]))
        self.assertEqual(m["Subject"], f"[#{self.show(t)['id'][:12]}] Heizung ausgefallen – Müllraum")
        self.assertEqual(m["From"], "tickets@localhost")
        self.assertEqual(m["Message-Id"], f"<{self.show(t)['id'][:12]}@tickets.local>")
        self.assertIsNone(m["In-Reply-To"])
        self.assertEqual(m.get_content_type(), "text/plain")
        self.assertEqual(m.get_content_charset(), "utf-8")
        self.assertIn("Seit gestern kalt.", m.get_content())
        self.assertIn("Ihre Anfrage ist eingegangen", m.get_content())

    def test_raw_form_is_rfc5322(self):
        self.ticket()
        [path] = self.outbox()
        with open(path, "rb") as f:
            raw = f.read()
        head, _, body = raw.partition(b"\r\n\r\n")
        self.assertTrue(body)
        for line in raw.split(b"\r\n"):
            self.assertNotIn(b"\n", line)
            self.assertLessEqual(len(line), 998)
        names = [l.split(b":")[0] for l in head.split(b"\r\n") if not l.startswith(b" ")]
        for name in [b"Date", b"From", b"To", b"Cc", b"Subject", b"Message-Id", b"MIME-Version",
                     b"Content-Type", b"Content-Transfer-Encoding"]:
            self.assertIn(name, names)
        subject = next(l for l in head.split(b"\r\n") if l.startswith(b"Subject:"))
        self.assertIn(b"=?UTF-8?B?", subject)  # RFC 2047: the subject is not ASCII
        head.decode("ascii")  # headers are 7-bit
        self.assertIn(b"Date: Mon, 02 Nov 2026 09:00:00 +0000", head)

    def test_public_comment_goes_to_requester_and_cc_threaded(self):
        t = self.ticket()
        self.ok("assign", t, AGENT, as_user=AGENT)
        self.ok("comment", t, "-m", "Der Techniker kommt morgen.", as_user=AGENT)
        [m] = self.messages(self.last_event(t))
        self.assertEqual(self.recipients(m), sorted([TENANT, COLLEAGUE]))
        root = f"<{self.show(t)['id'][:12]}@tickets.local>"
        self.assertEqual(m["In-Reply-To"], root)
        self.assertEqual(m["References"], root)
        self.assertNotEqual(m["Message-Id"], root)
        self.assertIn("Der Techniker kommt morgen.", m.get_content())
        self.assertIn(AGENT, m.get_content())

    def test_customer_reply_goes_to_the_assignee_not_back_to_the_author(self):
        t = self.ticket()
        self.ok("assign", t, AGENT, as_user=AGENT)
        self.ok("comment", t, "-m", "Danke!")
        msgs = self.messages(self.last_event(t))
        everyone = sorted(a for m in msgs for a in self.recipients(m))
        self.assertIn(AGENT, everyone)
        self.assertIn(COLLEAGUE, everyone)
        self.assertNotIn(TENANT, everyone)

    def test_internal_note_never_reaches_customers(self):
        t = self.ticket()
        self.ok("assign", t, AGENT, as_user=AGENT)
        self.ok("comment", t, "-m", "Mieter ist schwierig.", "--internal", as_user=OTHER_AGENT)
        msgs = self.messages(self.last_event(t))
        self.assertEqual([self.recipients(m) for m in msgs], [[AGENT]])
        # By the assignee: nobody to tell.
        self.ok("comment", t, "-m", "Notiz", "--internal", as_user=AGENT)
        self.assertEqual(self.messages(self.last_event(t)), [])
        for m in self.messages():
            if TENANT in self.recipients(m) or COLLEAGUE in self.recipients(m):
                self.assertNotIn("schwierig", m.get_content())
                self.assertNotIn("Notiz", m.get_content())

    def test_assignment_and_escalation_notify_the_assignee(self):
        t = self.ticket()
        self.ok("assign", t, AGENT, as_user=OTHER_AGENT)
        [m] = self.messages(self.last_event(t))
        self.assertEqual(self.recipients(m), [AGENT])
        self.ok("escalate", t, "-m", "Wasserschaden droht")
        [m] = self.messages(self.last_event(t))
        self.assertEqual(self.recipients(m), [AGENT])
        self.assertIn("Wasserschaden droht", m.get_content())

    def test_status_changes_and_the_solution_with_the_rating_question(self):
        t = self.ticket()
        self.ok("status", t, "pending", as_user=AGENT)
        [m] = self.messages(self.last_event(t))
        self.assertEqual(self.recipients(m), sorted([TENANT, COLLEAGUE]))
        self.assertIn("Wartend", m.get_content())
        self.ok("resolve", t, "-m", "Pumpe getauscht.", as_user=AGENT)
        [m] = self.messages(self.last_event(t))
        self.assertEqual(self.recipients(m), sorted([TENANT, COLLEAGUE]))
        body = m.get_content()
        self.assertIn("Pumpe getauscht.", body)
        self.assertIn(f"tickets rate {t[:7]} good", body)
        self.assertIn(f"tickets rate {t[:7]} bad", body)
        # A rating writes nothing.
        before = len(self.outbox())
        self.ok("rate", t, "good")
        self.assertEqual(len(self.outbox()), before)

    def test_english_templates(self):
        self.ok("config", "set", "notify.language", "en")
        self.ok("config", "set", "notify.from", "service@hv.example")
        t = self.ticket()
        self.ok("resolve", t, "-m", "Fixed.", as_user=AGENT)
        [m] = self.messages(self.last_event(t))
        self.assertIn("Are you satisfied", m.get_content())
        self.assertEqual(m["From"], "service@hv.example")
        self.edit_config_by_hand("notify.language", "fr")
        self.fails(78, "comment", t, "-m", "x", as_user=AGENT)

    def test_sweep_reminder_goes_to_the_requester(self):
        t = self.ticket()
        self.ok("status", t, "pending", as_user=AGENT, env={"TICKETS_NOW": "2026-11-02T09:00:00Z"})
        self.ok("sweep", env={"TICKETS_NOW": "2026-11-09T09:00:00Z"})
        [m] = self.messages(self.last_event(t))
        self.assertEqual(self.recipients(m), [TENANT])
        self.assertIn("Erinnerung", m["Subject"])

    def test_failed_command_leaves_no_message(self):
        t = self.ticket()
        before, queued = self.outbox(), self.queued()
        self.fails(1, "reopen", t, as_user=AGENT)
        self.fails(3, "comment", t, "nosuchid", "-m", "x", as_user=AGENT)
        self.assertEqual(self.outbox(), before)
        self.assertEqual(self.queued(), queued)

    def test_disabled(self):
        self.ok("config", "set", "notify.enabled", "false")
        self.ticket()
        self.assertEqual(self.outbox(), [])

    def test_outbox_list(self):
        t = self.ticket()
        self.ok("comment", t, "-m", "Antwort", as_user=AGENT)
        r = self.ok("outbox", "list", "--json")
        listed = r.json()
        self.assertEqual(len(listed), 2)
        self.assertEqual(listed[0]["subject"], f"[#{self.show(t)['id'][:12]}] Heizung ausgefallen – Müllraum")
        r = self.ok("outbox", "list")
        self.assertEqual(len(r.out.strip().splitlines()), 2)
        self.assertIn("2 messages waiting", r.err)

    def test_message_is_queued_in_the_store_until_its_file_is_synced(self):
        self.ticket()
        [path] = self.outbox()
        with open(path, "rb") as f:
            raw = f.read()
        self.assertEqual(self.queued(), {os.path.basename(path): raw})
        self.ok("outbox", "list")
        self.assertEqual(self.queued(), {})
        self.assertEqual(self.outbox(), [path])
        with open(path, "rb") as f:
            self.assertEqual(f.read(), raw)

    def test_sweep_settles_the_queue_without_smtp(self):
        self.ticket()
        self.assertEqual(len(self.queued()), 1)
        self.ok("sweep", as_user=AGENT)
        self.assertEqual(self.queued(), {})
        self.assertEqual(len(self.outbox()), 1)

    def test_message_lost_after_the_commit_is_written_again(self):
        # As if the command had stopped between its commit and writing the
        # file, or the machine had crashed before the file reached the disk.
        self.ticket()
        self.ok("comment", self.ticket(), "-m", "Antwort", as_user=AGENT)
        missing, short = self.outbox()[:2]
        with open(short, "rb") as f:
            raw_short = f.read()
        queued = self.queued()
        os.remove(missing)
        with open(short, "wb") as f:
            f.write(raw_short[:40])
        self.assertEqual(len(self.ok("outbox", "list", "--json").json()), 3)
        for path in (missing, short):
            with open(path, "rb") as f:
                self.assertEqual(f.read(), queued[os.path.basename(path)])
        self.assertEqual(self.queued(), {})

    def test_queued_message_already_sent_is_not_written_again(self):
        self.ticket()
        [path] = self.outbox()
        sent = os.path.join(os.path.dirname(path), "sent")
        os.makedirs(sent, exist_ok=True)
        os.replace(path, os.path.join(sent, os.path.basename(path)))
        self.assertEqual(self.ok("outbox", "list", "--json").json(), [])
        self.assertEqual(self.outbox(), [])
        self.assertEqual(self.queued(), {})

    def test_change_stands_when_its_message_file_cannot_be_written(self):
        outbox = os.path.join(self.dir, ".tickets", "outbox")
        shutil.rmtree(outbox, ignore_errors=True)
        with open(outbox, "w") as f:  # a file where the directory belongs
            f.write("")
        r = self.ok("new", "Heizung ausgefallen", "-m", "kalt")
        t = r.out.strip()
        self.assertEqual(len(t), 7)
        self.assertIn("stays queued in the store", r.err)
        self.assertEqual(len(self.queued()), 1)
        self.assertEqual(self.show(t)["status"], "new")
        os.remove(outbox)
        self.assertEqual(len(self.ok("outbox", "list", "--json").json()), 1)
        self.assertEqual(self.queued(), {})

    def test_messages_staged_by_earlier_versions_are_recovered(self):
        # Before the outbox table, a command staged its messages in
        # outbox/tmp/ and moved them after its commit; as if one had stopped
        # in between: the event is in the log, the file staged.
        self.ticket()
        self.ok("outbox", "list")  # settled: only the staged file is left
        [path] = self.outbox()
        tmp = os.path.join(os.path.dirname(path), "tmp")
        os.makedirs(tmp, exist_ok=True)
        os.replace(path, os.path.join(tmp, os.path.basename(path)))
        # And a message of a change that never committed, an hour old.
        orphan = os.path.join(tmp, "f" * 64 + "-customer.eml")
        with open(orphan, "w") as f:
            f.write("To: x@example.com\r\n\r\nx\r\n")
        os.utime(orphan, (time.time() - 7200, time.time() - 7200))
        self.assertEqual(self.outbox(), [])
        self.assertEqual(len(self.ok("outbox", "list", "--json").json()), 1)
        self.assertEqual([os.path.basename(p) for p in self.outbox()], [os.path.basename(path)])
        self.assertFalse(os.path.exists(orphan))

    def test_flush_without_smtp_url_keeps_the_messages(self):
        self.ticket()
        self.fails(78, "outbox", "flush")
        self.assertEqual(len(self.outbox()), 1)


@requires("mail")
class Leftovers(NotifyTest):
    def test_parts_of_killed_writers_are_removed_by_the_next_settle(self):
        self.new()
        outbox = os.path.join(self.dir, ".tickets", "outbox")
        os.makedirs(outbox, exist_ok=True)
        dead = os.path.join(outbox, "0" * 64 + ".eml.4194399.part")  # above any pid_max
        alive = os.path.join(outbox, "1" * 64 + f".eml.{os.getpid()}.part")
        for path in (dead, alive):
            with open(path, "w") as f:
                f.write("Subject: halb")
        self.ok("outbox", "list")
        self.assertFalse(os.path.exists(dead))
        self.assertTrue(os.path.exists(alive))  # its writer may still rename it


@requires("mail")
class Delivery(NotifyTest):
    def setUp(self):
        super().setUp()
        if Controller is None:
            self.fail("python3-aiosmtpd is not installed (./dev installs it)")
        self.port = free_port()
        self.inbox = Inbox()
        self.server = None
        self.ok("config", "set", "smtp.url", f"smtp://127.0.0.1:{self.port}")
        self.ok("config", "set", "notify.from", "support@hv.example")

    def start_server(self):
        self.server = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.server.start()

    def tearDown(self):
        if self.server:
            self.server.stop()
        super().tearDown()

    def test_flush_delivers_each_message_once(self):
        self.start_server()
        t = self.ticket()
        self.ok("assign", t, AGENT, as_user=AGENT)
        self.ok("comment", t, "-m", "Wir kümmern uns.", as_user=AGENT)
        waiting = len(self.outbox())
        self.assertEqual(waiting, 2)
        r = self.ok("outbox", "flush")
        self.assertIn("2 sent", r.err)
        self.assertEqual(self.outbox(), [])
        self.assertEqual(len(self.sent()), 2)
        self.assertEqual(len(self.inbox.received), 2)
        mail_from, rcpts, raw = self.inbox.received[0]
        self.assertEqual(mail_from, "support@hv.example")
        self.assertEqual(sorted(rcpts), sorted([TENANT, COLLEAGUE]))
        m = parse(raw)
        self.assertEqual(m["Subject"], f"[#{self.show(t)['id'][:12]}] Heizung ausgefallen – Müllraum")
        ids = [parse(raw)["Message-Id"] for _, _, raw in self.inbox.received]
        self.assertEqual(len(set(ids)), 2)
        self.assertIn("Wir kümmern uns.", parse(self.inbox.received[1][2]).get_content())
        # Nothing left: a second flush sends nothing.
        self.ok("outbox", "flush")
        self.assertEqual(len(self.inbox.received), 2)
        self.assertEqual(len(self.ok("outbox", "list", "--sent", "--json").json()), 2)

    def test_failed_send_stays_and_goes_out_once_on_the_next_flush(self):
        t = self.ticket()  # the server is down
        r = self.fails(69, "outbox", "flush")
        self.assertIn("not sent", r.err)
        self.assertEqual(len(self.outbox()), 1)
        self.assertEqual(self.sent(), [])
        # The sweep tries too, reports it, and still succeeds.
        self.ok("status", t, "pending", as_user=AGENT, env={"TICKETS_NOW": "2026-11-02T09:00:00Z"})
        r = self.ok("sweep", env={"TICKETS_NOW": "2026-11-09T09:00:00Z"})
        self.assertEqual(r.err.count("\n"), 1, r.err)
        self.assertRegex(r.err, r"^sweep: 1 reminder, 0 closed; outbox: 0 sent, 3 kept for the next "
                                r"flush \(.*\)\n$")
        self.assertEqual(len(self.outbox()), 3)
        self.start_server()
        self.ok("outbox", "flush")
        self.assertEqual(self.outbox(), [])
        self.ok("outbox", "flush")
        ids = [parse(raw)["Message-Id"] for _, _, raw in self.inbox.received]
        self.assertEqual(len(ids), 3)
        self.assertEqual(len(set(ids)), 3)

    def test_sweep_flushes_at_the_end(self):
        self.start_server()
        t = self.ticket()
        self.ok("status", t, "pending", as_user=AGENT, env={"TICKETS_NOW": "2026-11-02T09:00:00Z"})
        r = self.ok("sweep", env={"TICKETS_NOW": "2026-11-09T09:00:00Z"})
        self.assertEqual(r.err, "sweep: 1 reminder, 0 closed; outbox: 3 sent\n")
        self.assertEqual(self.outbox(), [])
        subjects = [parse(raw)["Subject"] for _, _, raw in self.inbox.received]
        self.assertEqual(len(subjects), 3)
        self.assertTrue(any("Erinnerung" in s for s in subjects), subjects)

    def test_concurrent_flushes_send_once(self):
        self.start_server()
        for i in range(5):
            self.ok("new", f"Ticket {i}", "-m", "x")
        import subprocess
        from harness import BIN
        procs = [subprocess.Popen([BIN, "outbox", "flush"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=self.env, cwd=self.dir)
                 for _ in range(3)]
        for p in procs:
            p.communicate(timeout=120)
            self.assertEqual(p.returncode, 0)
        deadline = time.time() + 5
        while len(self.inbox.received) < 5 and time.time() < deadline:
            time.sleep(0.05)
        self.assertEqual(len(self.inbox.received), 5)
        self.assertEqual(len(self.sent()), 5)


if __name__ == "__main__":
    main()
