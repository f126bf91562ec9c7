"""`tickets mail-in`: mail intake, one RFC 5322 message on stdin as a mail
server's pipe delivers it. Real-world message shapes: plain text,
multipart/alternative, attachments, RFC 2047 headers, Latin-1 bodies,
replies by token and by In-Reply-To, duplicates and bad input."""

import base64
import glob
import hashlib
import json
import os
import subprocess
import types

from harness import AGENT, BIN, ROOT, TENANT, TicketsTest, main, requires

MAIL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mail")


def message(headers, body, crlf=True):
    """A message from header lines and a body (str or bytes), CRLF line ends
    as on the wire."""
    nl = b"\r\n" if crlf else b"\n"
    head = nl.join(h.encode("ascii") for h in headers)
    if isinstance(body, str):
        body = body.encode("utf-8")
    body = body.replace(b"\r\n", b"\n").replace(b"\n", nl)
    return head + nl + nl + body


def b64_lines(data):
    text = base64.b64encode(data).decode("ascii")
    return "\n".join(text[i:i + 76] for i in range(0, len(text), 76))


PLAIN = message([
    "Return-Path: <lena.fischer@muster-hv.de>",
    "Received: from mx.muster-hv.de (mx.muster-hv.de [192.0.2.10])",
    "\tby mail.support.example.com (Postfix) with ESMTPS id 4F2A1C9;",
    "\tMon, 23 Nov 2026 08:15:02 +0100 (CET)",
    "From: Lena Fischer <Lena.Fischer@Muster-HV.de>",
    "To: Support <support@support.example.com>",
    "Cc: Hausmeister <hausmeister@muster-hv.de>, \"Becker, Jan\" <Jan.Becker@example.org>,",
    " support@support.example.com",
    "Subject: Heizung ausgefallen",
    "Date: Mon, 23 Nov 2026 08:15:00 +0100",
    "Message-ID: <20261123081500.4711@mx.muster-hv.de>",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8; format=flowed",
    "Content-Transfer-Encoding: 8bit",
], "Guten Morgen,\n\nseit gestern Abend ist die Heizung in der Musterstraße 1, 2. OG, kalt.\n\n"
   "Viele Grüße\nLena Fischer\n")


@requires("mail")
class MailTest(TicketsTest):
    def setUp(self):
        super().setUp()
        self.ok("config", "set", "notify.from", "support@support.example.com")

    def mail_in(self, data, *args, env=None):
        """Runs `tickets mail-in` with bytes on stdin and no configured user:
        a mail server's pipe knows only the message."""
        full_env = dict(self.env)
        full_env.pop("TICKETS_USER", None)
        if env:
            full_env.update(env)
        proc = subprocess.run([BIN, "mail-in", *args], input=data, capture_output=True,
                              env=full_env, cwd=self.dir, timeout=120)
        r = types.SimpleNamespace(code=proc.returncode, out=proc.stdout.decode("utf-8"),
                                  err=proc.stderr.decode("utf-8", "replace"))
        self.assertNotIn("ERROR: AddressSanitizer", r.err)
        self.assertNotIn("runtime error:", r.err)
        return r

    def mail_ok(self, data, *args, **kw):
        r = self.mail_in(data, *args, **kw)
        self.assertEqual(r.code, 0, r)
        return r

    def created(self, data):
        r = self.mail_ok(data)
        short = r.out.strip()
        self.assertRegex(short, r"^[0-9a-f]{7,}$")
        return short

    def mail_refused(self, data, expect_in_error, **kw):
        """A bad message: exit 65, one line, nothing in the store changes."""
        before = self.snapshot()
        blobs = self.blobs()
        processed = self.mail_rows()
        r = self.mail_in(data, **kw)
        self.assertEqual(r.code, 65, r)
        lines = r.err.strip().splitlines()
        self.assertEqual(len(lines), 1, r)
        self.assertTrue(lines[0].startswith("tickets: mail-in: "), r.err)
        self.assertIn(expect_in_error, lines[0])
        self.assertEqual(r.out, "")
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.blobs(), blobs)
        self.assertEqual(self.mail_rows(), processed)
        return r

    def blobs(self):
        return sorted(glob.glob(os.path.join(self.dir, ".tickets", "objects", "*", "*")))

    def blob(self, sha):
        with open(os.path.join(self.dir, ".tickets", "objects", sha[:2], sha[2:]), "rb") as f:
            return f.read()

    def events(self, ticket_prefix):
        con = self.db()
        try:
            rows = con.execute("SELECT type, author, body FROM events WHERE ticket LIKE ? "
                               "OR id LIKE ? ORDER BY seq",
                               (ticket_prefix + "%", ticket_prefix + "%")).fetchall()
        finally:
            con.close()
        return [(t, a, json.loads(b)["payload"]) for t, a, b in rows]

    def mail_rows(self):
        con = self.db()
        try:
            return con.execute("SELECT message_id, event, ticket FROM mail_messages "
                               "ORDER BY 1").fetchall()
        finally:
            con.close()

    def ticket_count(self):
        con = self.db()
        try:
            return con.execute("SELECT count(*) FROM tickets").fetchone()[0]
        finally:
            con.close()

    def reply(self, ticket, sender, text, message_id, subject=None, extra=()):
        return message([
            f"From: {sender}",
            "To: support@support.example.com",
            f"Subject: {subject if subject is not None else f'Re: [#{ticket}] Heizung ausgefallen'}",
            f"Message-ID: <{message_id}>",
            *extra,
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ], text)


class NewMessages(MailTest):
    def test_plain_message_opens_a_question_by_the_sender(self):
        t = self.created(PLAIN)
        j = self.show(t)
        self.assertEqual(j["subject"], "Heizung ausgefallen")
        self.assertEqual(j["description"], "Guten Morgen,\n\nseit gestern Abend ist die Heizung in "
                         "der Musterstraße 1, 2. OG, kalt.\n\nViele Grüße\nLena Fischer\n")
        self.assertEqual(j["requester"], "lena.fischer@muster-hv.de")
        self.assertEqual(j["organisation"], "muster-hv.de")
        # All CC addresses, lower case, without the desk's own address.
        self.assertEqual(j["cc"], ["hausmeister@muster-hv.de", "jan.becker@example.org"])
        self.assertEqual(j["type"], "question")
        self.assertEqual(j["priority"], "low")  # the default for questions
        self.assertEqual(j["status"], "new")
        [(kind, author, payload)] = self.events(t)
        self.assertEqual((kind, author), ("create", "lena.fischer@muster-hv.de"))
        self.assertEqual(payload["message_id"], "20261123081500.4711@mx.muster-hv.de")
        self.assertEqual(self.mail_rows(),
                         [("20261123081500.4711@mx.muster-hv.de", j["id"], j["id"])])
        # The confirmation goes to the sender, with the token for replies.
        outbox = glob.glob(os.path.join(self.dir, ".tickets", "outbox", "*.eml"))
        self.assertTrue(outbox)
        with open(outbox[0], encoding="utf-8") as f:
            self.assertIn(f"[#{self.show(t)['id'][:12]}]", f.read())
        self.assert_fsck_clean()

    def test_json_output_and_mbox_envelope_line(self):
        data = b"From lena.fischer@muster-hv.de Mon Nov 23 08:15:02 2026\n" + PLAIN
        j = json.loads(self.mail_ok(data, "--json").out)
        self.assertEqual(j["action"], "created")
        self.assertEqual(len(j["ticket"]), 64)
        self.assertTrue(j["ticket"].startswith(j["short_id"]))
        self.assertEqual(j["message_id"], "20261123081500.4711@mx.muster-hv.de")
        self.assertEqual(self.show(j["short_id"])["requester"], "lena.fischer@muster-hv.de")

    def test_configured_organisation_and_user_do_not_matter(self):
        self.ok("config", "set", "domains.muster-hv.de", "Hausverwaltung Muster GmbH")
        self.ok("config", "set", "user.email", AGENT)
        t = self.created(PLAIN)
        j = self.show(t)
        self.assertEqual(j["organisation"], "Hausverwaltung Muster GmbH")
        [(_, author, _)] = self.events(t)
        self.assertEqual(author, "lena.fischer@muster-hv.de")

    def test_multipart_alternative_prefers_text(self):
        data = message([
            "From: \"Jan Becker\" <jan.becker@example.org>",
            "To: support@support.example.com",
            "Subject: Aufzug steht",
            "Message-ID: <CAF3xA9=Yd2k@mail.example.org>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"000000000000a1b2c3\"",
        ], "--000000000000a1b2c3\n"
           "Content-Type: text/plain; charset=\"UTF-8\"\n"
           "Content-Transfer-Encoding: quoted-printable\n\n"
           "Der Aufzug im Haus B steht seit heute fr=C3=BCh im 3. OG.\n"
           "Bitte schnell pr=C3=BCfen.\n\n"
           "--000000000000a1b2c3\n"
           "Content-Type: text/html; charset=\"UTF-8\"\n"
           "Content-Transfer-Encoding: quoted-printable\n\n"
           "<div dir=3D\"ltr\">Der Aufzug im <b>Haus B</b> steht seit heute fr=C3=BCh im 3. OG=\n"
           ".<br>Bitte schnell pr=C3=BCfen.</div>\n\n"
           "--000000000000a1b2c3--\n")
        j = self.show(self.created(data))
        self.assertEqual(j["description"],
                         "Der Aufzug im Haus B steht seit heute früh im 3. OG.\nBitte schnell prüfen.\n")
        self.assertEqual(j["comments"], [])  # the HTML alternative is no attachment

    def test_html_only_message_is_converted_to_text(self):
        data = message([
            "From: jan.becker@example.org",
            "Subject: Klingel defekt",
            "Message-ID: <html-only-1@example.org>",
            "MIME-Version: 1.0",
            "Content-Type: text/html; charset=iso-8859-1",
            "Content-Transfer-Encoding: quoted-printable",
        ], "<html><head><style>p {margin:0}</style></head><body>"
           "<p>Die Klingel an der T=FCr funktioniert nicht.</p>"
           "<p>Gr=FC=DFe<br>Jan&nbsp;Becker</p></body></html>\n")
        j = self.show(self.created(data))
        self.assertEqual(j["description"],
                         "Die Klingel an der Tür funktioniert nicht.\n\nGrüße\nJan Becker\n")

    def test_pdf_and_jpeg_attachments_are_stored_as_blobs(self):
        pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + \
            bytes(range(256)) * 40 + b"\n%%EOF\n"
        jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(reversed(range(256))) * 25 + b"\xff\xd9"
        data = message([
            "From: Lena Fischer <lena.fischer@muster-hv.de>",
            "To: support@support.example.com",
            "Subject: Nebenkostenabrechnung 2025",
            "Message-ID: <b1c2d3@mx.muster-hv.de>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"=-=-outer\"",
        ], "This is a multi-part message in MIME format.\n\n"
           "--=-=-outer\n"
           "Content-Type: text/plain; charset=UTF-8\n"
           "Content-Transfer-Encoding: 8bit\n\n"
           "Anbei die Abrechnung und ein Foto vom Zähler.\n\n"
           "--=-=-outer\n"
           "Content-Type: application/pdf; name=\"Abrechnung 2025.pdf\"\n"
           "Content-Disposition: attachment; filename=\"Abrechnung 2025.pdf\"\n"
           "Content-Transfer-Encoding: base64\n\n"
           + b64_lines(pdf) + "\n\n"
           "--=-=-outer\n"
           "Content-Type: image/jpeg\n"
           "Content-Disposition: inline; filename*=UTF-8''Z%C3%A4hler%20K%C3%BCche.jpg\n"
           "Content-Transfer-Encoding: base64\n\n"
           + b64_lines(jpeg) + "\n\n"
           "--=-=-outer--\n")
        t = self.created(data)
        j = self.show(t)
        self.assertEqual(j["description"], "Anbei die Abrechnung und ein Foto vom Zähler.\n")
        [files] = [c["attachments"] for c in j["comments"] if c["kind"] == "attachment"]
        self.assertEqual([(f["name"], f["mime"], f["size"]) for f in files], [
            ("Abrechnung 2025.pdf", "application/pdf", len(pdf)),
            ("Zähler Küche.jpg", "image/jpeg", len(jpeg)),
        ])
        self.assertEqual(files[0]["sha256"], hashlib.sha256(pdf).hexdigest())
        self.assertEqual(files[1]["sha256"], hashlib.sha256(jpeg).hexdigest())
        self.assertEqual(self.blob(files[0]["sha256"]), pdf)
        self.assertEqual(self.blob(files[1]["sha256"]), jpeg)
        self.assertEqual(len(self.blobs()), 2)
        [(_, _, payload)] = self.events(t)
        self.assertEqual(payload["attachments"], files)
        self.assert_fsck_clean()

    def test_encoded_headers_and_latin1_body(self):
        data = message([
            "From: =?ISO-8859-1?Q?J=FCrgen_M=FCller?= <Juergen.Mueller@Muster-HV.de>",
            "Cc: =?UTF-8?B?QsOkcmJlbCBLw7ZuaWc=?= <baerbel.koenig@muster-hv.de>",
            "To: support@support.example.com",
            "Subject: =?UTF-8?Q?Heizung_f=C3=A4llt_aus?= =?ISO-8859-1?Q?_im_Stra=DFenfl=FCgel?=",
            "Message-ID: <latin1.0815@muster-hv.de>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=ISO-8859-1",
            "Content-Transfer-Encoding: quoted-printable",
        ], "Sehr geehrte Damen und Herren,\n\ndie Heizung f=E4llt t=E4glich aus, die Heizk=F6rper =\n"
           "bleiben kalt.\n\nMit freundlichen Gr=FC=DFen\nJ=FCrgen M=FCller\n")
        t = self.created(data)
        j = self.show(t)
        self.assertEqual(j["subject"], "Heizung fällt aus im Straßenflügel")
        self.assertEqual(j["requester"], "juergen.mueller@muster-hv.de")
        self.assertEqual(j["cc"], ["baerbel.koenig@muster-hv.de"])
        self.assertEqual(j["description"], "Sehr geehrte Damen und Herren,\n\ndie Heizung fällt "
                         "täglich aus, die Heizkörper bleiben kalt.\n\nMit freundlichen Grüßen\n"
                         "Jürgen Müller\n")
        # Full-text search finds the decoded words.
        self.assertIn(j["id"], self.ok("list", "--ids", "heizkörper").out)

    def test_windows_1252_and_undeclared_8bit_text(self):
        declared = message([
            "From: hv@muster-hv.de",
            "Subject: Mahnung",
            "Message-ID: <cp1252@muster-hv.de>",
            "Content-Type: text/plain; charset=windows-1252",
            "Content-Transfer-Encoding: 8bit",
        ], "Offener Betrag: 120 \x80 \x96 bitte \x84zahlen\x93.\n".encode("latin-1"))
        self.assertEqual(self.show(self.created(declared))["description"],
                         "Offener Betrag: 120 € – bitte „zahlen“.\n")
        undeclared = message([
            "From: hv@muster-hv.de",
            "Subject: Schluessel",
            "Message-ID: <undeclared@muster-hv.de>",
        ], "Der Schl\xfcssel f\xfcr den Keller fehlt.\n".encode("latin-1"))
        self.assertEqual(self.show(self.created(undeclared))["description"],
                         "Der Schlüssel für den Keller fehlt.\n")

    def test_a_part_labelled_iso_8859_1_is_read_as_windows_1252(self):
        # Outlook labels Windows-1252 text ISO-8859-1: its euro sign and
        # quotes are bytes ISO-8859-1 has as control characters.
        data = message([
            "From: hv@muster-hv.de",
            "Subject: Nachzahlung",
            "Message-ID: <latin1-cp1252@muster-hv.de>",
            "Content-Type: text/plain; charset=ISO-8859-1",
            "Content-Transfer-Encoding: 8bit",
        ], "Nachzahlung: 85 \x80 \x96 \x84sofort\x93 f\xe4llig.\n".encode("latin-1"))
        self.assertEqual(self.show(self.created(data))["description"],
                         "Nachzahlung: 85 € – „sofort“ fällig.\n")

    def test_links_of_html_only_mail_survive(self):
        data = message([
            "From: hv@muster-hv.de",
            "Subject: Ablesetermin",
            "Message-ID: <html-link@muster-hv.de>",
            "Content-Type: text/html; charset=utf-8",
        ], "<p>Termin bitte <a href=\"https://ablesung.example.de/termin?id=7&amp;h=2\">hier "
           "buchen</a>.</p>\n")
        self.assertEqual(self.show(self.created(data))["description"],
                         "Termin bitte hier buchen <https://ablesung.example.de/termin?id=7&h=2>.\n")

    def test_unknown_token_opens_a_new_ticket(self):
        data = self.reply("0000000", TENANT, "Neue Frage.", "unknown-token@muster-hv.de")
        t = self.created(data)
        self.assertEqual(self.show(t)["subject"], "Re: [#0000000] Heizung ausgefallen")
        self.assertEqual(self.ticket_count(), 1)

    def test_sample_message_in_examples(self):
        with open(os.path.join(ROOT, "examples", "mail", "new-ticket.eml"), "rb") as f:
            j = self.show(self.created(f.read()))
        self.assertEqual(j["type"], "question")
        self.assertTrue(j["subject"])
        self.assertTrue(j["description"].strip())


class Replies(MailTest):
    def test_reply_with_token_comments_on_an_open_ticket(self):
        t = self.created(PLAIN)
        self.ok("assign", t, AGENT, as_user=AGENT)
        data = self.reply(t, "Lena Fischer <lena.fischer@muster-hv.de>",
                          "Nachtrag: auch das Warmwasser ist kalt.\n", "reply-1@mx.muster-hv.de")
        r = self.mail_ok(data, "--json")
        out = json.loads(r.out)
        self.assertEqual(out["action"], "commented")
        self.assertEqual(out["short_id"], t)
        j = self.show(t)
        self.assertEqual(j["status"], "open")
        [c] = j["comments"]
        self.assertEqual((c["author"], c["kind"], c["internal"], c["body"]),
                         ("lena.fischer@muster-hv.de", "comment", False,
                          "Nachtrag: auch das Warmwasser ist kalt.\n"))
        self.assertEqual(self.events(t)[-1][2]["message_id"], "reply-1@mx.muster-hv.de")
        self.assertEqual(self.ticket_count(), 1)
        self.assert_fsck_clean()

    def test_plain_output_is_the_ticket_and_attachments_go_with_the_comment(self):
        t = self.new()
        data = message([
            f"From: {TENANT}",
            f"Subject: AW: [#{t}] Heizung ausgefallen",
            "Message-ID: <reply-att@muster-hv.de>",
            "Content-Type: multipart/mixed; boundary=XYZ",
        ], "--XYZ\nContent-Type: text/plain\n\nFoto anbei.\n--XYZ\n"
           "Content-Type: image/png\nContent-Transfer-Encoding: base64\n\n"
           + b64_lines(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100) + "\n--XYZ--\n")
        self.assertEqual(self.mail_ok(data).out, t + "\n")
        [c] = self.show(t)["comments"]
        self.assertEqual(c["body"], "Foto anbei.")  # the line end belongs to the boundary
        self.assertEqual([(a["name"], a["mime"], a["size"]) for a in c["attachments"]],
                         [("attachment-1.png", "image/png", 108)])

    def test_requester_reply_reopens_a_solved_ticket(self):
        t = self.new()  # requester: TENANT
        self.ok("resolve", t, "-m", "Thermostat getauscht.", as_user=AGENT)
        other = self.reply(t, "Hausmeister <hausmeister@muster-hv.de>", "Danke!", "hm-1@muster-hv.de")
        self.mail_ok(other)
        self.assertEqual(self.show(t)["status"], "solved")  # not the requester: stays solved
        data = self.reply(t, f"Mieterin <{TENANT}>", "Leider immer noch kalt.", "re-2@muster-hv.de")
        self.mail_ok(data)
        j = self.show(t)
        self.assertEqual(j["status"], "open")
        self.assertEqual(j["comments"][-1]["author"], TENANT)

    def test_reply_to_a_closed_ticket_opens_a_linked_follow_up(self):
        t = self.new("Fenster undicht")
        self.ok("close", t, as_user=AGENT)
        data = self.reply(t, TENANT, "Es zieht wieder.\n", "closed-1@muster-hv.de",
                          subject=f"Re: [#{t}] Fenster undicht")
        r = self.mail_ok(data, "--json")
        out = json.loads(r.out)
        self.assertEqual(out["action"], "follow-up")
        follow = out["short_id"]
        self.assertNotEqual(follow, t)
        f = self.show(follow)
        self.assertEqual(f["subject"], "Fenster undicht")
        self.assertEqual(f["description"], "Es zieht wieder.\n")
        self.assertEqual(f["follow_up_of"], self.show(t)["id"])
        self.assertEqual(self.show(t)["follow_ups"], [f["id"]])
        self.assertEqual(self.show(t)["status"], "closed")
        self.assertEqual(self.events(follow)[0][2]["message_id"], "closed-1@muster-hv.de")
        # The same message again changes nothing and names the follow-up.
        r = self.mail_ok(data)
        self.assertEqual(r.out.strip(), follow)
        self.assertEqual(self.ticket_count(), 2)

    def test_reply_to_a_notification_without_token_matches_by_in_reply_to(self):
        t = self.created(PLAIN)
        full = self.show(t)["id"]
        data = self.reply(t, "lena.fischer@muster-hv.de", "Antwort ohne Token.", "irt-1@muster-hv.de",
                          subject="Re: Ihre Anfrage",
                          extra=[f"In-Reply-To: <{full[:12]}.{'0' * 16}.customer@tickets.local>",
                                 f"References: <{full[:12]}@tickets.local>"])
        self.assertEqual(self.mail_ok(data).out.strip(), t)
        self.assertEqual(self.show(t)["comments"][-1]["body"], "Antwort ohne Token.")
        self.assertEqual(self.ticket_count(), 1)


class SenderNames(MailTest):
    AGENT = "jana.berger@support.example.com"

    def test_the_senders_name_is_kept_and_shown_with_the_address(self):
        data = message([
            "From: =?ISO-8859-1?Q?J=FCrgen_M=FCller?= <Juergen.Mueller@Muster-HV.de>",
            "To: support@support.example.com",
            "Subject: Heizung ausgefallen",
            "Message-ID: <name.1@muster-hv.de>",
        ], "Die Heizung ist kalt.\n")
        t = self.created(data)
        j = self.show(t)
        self.assertEqual((j["requester"], j["requester_name"]),
                         ("juergen.mueller@muster-hv.de", "Jürgen Müller"))
        self.assertIn("requester:     Jürgen Müller <juergen.mueller@muster-hv.de> (muster-hv.de)",
                      self.ok("show", t).out)
        # A reply keeps its sender's name on the comment.
        token = j["id"][:12]
        self.ok("edit", t, "--add-cc", "lena.fischer@muster-hv.de", as_user=self.AGENT)
        self.mail_ok(self.reply(token, '"Fischer, Lena" <lena.fischer@muster-hv.de>', "Bei mir auch.\n",
                                "name.2@muster-hv.de"))
        last = self.show(t)["comments"][-1]
        self.assertEqual((last["author"], last["author_name"]),
                         ("lena.fischer@muster-hv.de", "Fischer, Lena"))
        self.assertIn("Fischer, Lena <lena.fischer@muster-hv.de> (muster-hv.de)  public",
                      self.ok("show", t).out)
        # A canned reply greets the requester by that name.
        self.ok("config", "set", "macros.gruss.reply", "Guten Tag {{requester.name}},")
        preview = self.ok("macro", "apply", "gruss", t, "--dry-run", as_user=self.AGENT).out
        self.assertIn("Guten Tag Jürgen Müller,", preview)
        # Another requester is another person: the name goes.
        self.ok("edit", t, "--requester", "k.braun@muster-hv.de", as_user=self.AGENT)
        self.assertIsNone(self.show(t)["requester_name"])
        self.assert_fsck_clean()

    def test_a_name_is_one_line_and_an_address_is_no_name(self):
        # An encoded CR LF must not make a second line (or header) anywhere.
        t = self.created(message([
            "From: =?UTF-8?Q?Lena=0D=0ABcc=3A_x=40evil.example?= <lena.fischer@muster-hv.de>",
            "Subject: Zeilen", "Message-ID: <name.3@muster-hv.de>"], "Text\n"))
        self.assertEqual(self.show(t)["requester_name"], "Lena Bcc: x@evil.example")
        for line in self.ok("show", t).out.splitlines():
            self.assertFalse(line.startswith("Bcc:"), line)
        t = self.created(message([
            'From: "lena.fischer@muster-hv.de" <lena.fischer@muster-hv.de>',
            "Subject: Ohne Namen", "Message-ID: <name.4@muster-hv.de>"], "Text\n"))
        self.assertIsNone(self.show(t)["requester_name"])
        self.assertIn("requester:     lena.fischer@muster-hv.de (muster-hv.de)",
                      self.ok("show", t).out)


class Duplicates(MailTest):
    def test_same_message_twice_creates_one_ticket(self):
        t = self.created(PLAIN)
        before = self.snapshot()
        r = self.mail_ok(PLAIN)
        self.assertEqual(r.out.strip(), t)
        self.assertIn(f"mail-in: message <20261123081500.4711@mx.muster-hv.de> already processed "
                      f"(ticket {t})", r.err)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.ticket_count(), 1)
        j = json.loads(self.mail_ok(PLAIN, "--json").out)
        self.assertEqual((j["action"], j["short_id"]), ("duplicate", t))

    def test_same_reply_twice_makes_one_comment(self):
        t = self.created(PLAIN)
        data = self.reply(t, "lena.fischer@muster-hv.de", "Nachtrag.", "dup-reply@muster-hv.de")
        self.mail_ok(data)
        r = self.mail_ok(data)
        self.assertIn("already processed", r.err)
        self.assertEqual(len(self.show(t)["comments"]), 1)


class MachinesAndStrangers(MailTest):
    """Mail that must not be answered becomes no public text and no ticket
    that mails back; quoted history is cut from replies."""

    def outbox(self):
        return sorted(os.path.basename(p) for p in
                      glob.glob(os.path.join(self.dir, ".tickets", "outbox", "*.eml")))

    def test_automatic_mail_opens_no_ticket(self):
        cases = [
            ["Auto-Submitted: auto-replied"],
            ["Precedence: bulk"],
            ["Precedence: list"],
            ["List-Id: Mieterverein <mieter.example.org>"],
            ["X-Autoreply: yes"],
            ["X-Auto-Response-Suppress: All"],
            ["Return-Path: <>"],
        ]
        for i, extra in enumerate(cases):
            data = message(["From: mieter@muster-hv.de", "To: support@support.example.com",
                            "Subject: Abwesenheitsnotiz", f"Message-ID: <auto-{i}@muster-hv.de>",
                            *extra, "Content-Type: text/plain; charset=utf-8"],
                           "Ich bin bis Montag nicht im Büro.")
            r = self.mail_ok(data, "--json")
            out = json.loads(r.out)
            self.assertEqual((out["action"], out["ticket"]), ("ignored", None), extra)
            self.assertIn(extra[0].split(":")[0], out["reason"])
            self.assertIn("ignored: an automatic message", r.err)
        for sender in ("MAILER-DAEMON@mx.muster-hv.de", "postmaster@muster-hv.de"):
            r = self.mail_ok(message([f"From: {sender}", "Subject: Undelivered Mail",
                                      f"Message-ID: <{sender}>"], "bounce"))
            self.assertEqual(r.out, "")
        self.assertEqual(self.ticket_count(), 0)
        self.assertEqual(self.outbox(), [])
        # Auto-Submitted: no is a person's mail.
        self.created(message(["From: mieter@muster-hv.de", "Subject: Heizung",
                              "Auto-Submitted: no", "Message-ID: <person@muster-hv.de>"], "kalt"))
        # Each counted once, like any other message.
        self.assertIn("already processed (ignored)", self.mail_ok(message(
            ["From: postmaster@muster-hv.de", "Subject: x", "Message-ID: <postmaster@muster-hv.de>"],
            "bounce")).err)

    def test_a_bounce_about_a_ticket_is_an_internal_note(self):
        t = self.created(PLAIN)
        self.ok("assign", t, AGENT, as_user=AGENT)
        before = set(self.outbox())
        report = message([
            "From: Mail Delivery System <MAILER-DAEMON@mail.support.example.com>",
            f"Subject: Undelivered Mail Returned to Sender [#{t}]",
            "Message-ID: <bounce-1@mail.support.example.com>",
            "MIME-Version: 1.0",
            'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
        ], "--B\nContent-Type: text/plain\n\nThe mail system: user unknown\n--B--\n")
        out = json.loads(self.mail_ok(report, "--json").out)
        self.assertEqual((out["action"], out["short_id"]), ("held", t))
        [c] = self.show(t)["comments"]
        self.assertTrue(c["internal"])
        self.assertIn("Automatic mail from mailer-daemon@mail.support.example.com", c["body"])
        new = set(self.outbox()) - before
        self.assertEqual(len(new), 1)  # the note, to the assignee only
        with open(os.path.join(self.dir, ".tickets", "outbox", new.pop()), "rb") as f:
            head = f.read().split(b"\r\n\r\n")[0]
        self.assertIn(f"To: {AGENT}".encode(), head)
        self.assertNotIn(b"lena.fischer", head)

    def test_a_reply_from_a_stranger_is_held_for_an_agent(self):
        t = self.created(PLAIN)
        before = set(self.outbox())
        data = self.reply(t, "fremder@example.org", "Ich habe den Betreff geraten.",
                          "stranger@example.org")
        r = self.mail_ok(data, "--json")
        self.assertEqual(json.loads(r.out)["action"], "held")
        self.assertIn("held as an internal note", r.err)
        [c] = self.show(t)["comments"]
        self.assertEqual((c["author"], c["internal"]), ("fremder@example.org", True))
        self.assertIn("not part of this ticket", c["body"])
        self.assertIn("Ich habe den Betreff geraten.", c["body"])
        self.assertEqual(set(self.outbox()) - before, set(), "nothing is mailed to the customer")
        # Someone in CC takes part: their reply is a public comment.
        self.ok("edit", t, "--add-cc", "fremder@example.org", as_user=AGENT)
        data = self.reply(t, "fremder@example.org", "Jetzt darf ich.", "stranger-2@example.org")
        self.assertEqual(json.loads(self.mail_ok(data, "--json").out)["action"], "commented")
        self.assertFalse(self.show(t)["comments"][-1]["internal"])

    def test_quoted_history_is_cut_and_the_whole_mail_kept(self):
        t = self.created(PLAIN)
        text = ("Danke, jetzt ist es warm.\n\nAm 23.11.2026 um 09:00 schrieb Support "
                "<support@support.example.com>:\n> Der Techniker kommt morgen.\n> Gruß\n")
        data = self.reply(t, "lena.fischer@muster-hv.de", text, "quoted@muster-hv.de")
        self.mail_ok(data)
        [c] = self.show(t)["comments"]
        self.assertEqual(c["body"], "Danke, jetzt ist es warm.")
        [a] = c["attachments"]
        self.assertEqual((a["name"], a["mime"]), ("original.eml", "message/rfc822"))
        self.assertIn(b"Der Techniker kommt morgen.", self.blob(a["sha256"]))
        self.assertEqual(hashlib.sha256(self.blob(a["sha256"])).hexdigest(), a["sha256"])
        self.assert_fsck_clean()

    def test_a_sender_over_the_hourly_limit_is_ignored(self):
        self.ok("config", "set", "mail.max_per_hour", "3")
        for i in range(5):
            self.mail_ok(message(["From: schleife@example.org", f"Subject: Loop {i}",
                                  f"Message-ID: <loop-{i}@example.org>"], "x"))
        self.assertEqual(self.ticket_count(), 3)
        r = self.mail_ok(message(["From: schleife@example.org", "Subject: Loop 5",
                                  "Message-ID: <loop-5@example.org>"], "x"), "--json")
        self.assertIn("mail.max_per_hour", json.loads(r.out)["reason"])
        # An hour later the sender counts again.
        self.mail_ok(message(["From: schleife@example.org", "Subject: Loop 6",
                              "Message-ID: <loop-6@example.org>"], "x"),
                     env={"TICKETS_NOW": "2099-01-01T00:00:00Z"})
        self.assertEqual(self.ticket_count(), 4)
        self.edit_config_by_hand("mail.max_per_hour", "viele")
        self.assertEqual(self.mail_in(message(["From: a@example.org", "Subject: x"], "x")).code, 78)


class BadMail(MailTest):
    def setUp(self):
        super().setUp()
        self.created(PLAIN)  # a store with something in it

    def test_no_from_is_refused(self):
        data = message(["To: support@support.example.com", "Subject: Ohne Absender",
                        "Message-ID: <nofrom@example.org>"], "Hallo\n")
        self.mail_refused(data, "no From header")

    def test_from_without_address_is_refused(self):
        data = message(["From: Hausverwaltung", "Subject: x", "Message-ID: <noaddr@example.org>"],
                       "Hallo\n")
        self.mail_refused(data, "no mail address")

    def test_garbage_is_refused(self):
        garbage = bytes((i * 37 + 11) % 256 for i in range(4000))
        self.mail_refused(garbage, "not a mail message")
        self.mail_refused(b"%PDF-1.4\n" + garbage, "not a mail message")
        self.mail_refused(b"Hallo, die Heizung ist kaputt.\n", "not a mail message")
        self.mail_refused(b"", "no message")

    def test_oversized_message_is_refused(self):
        self.ok("config", "set", "mail.max_bytes", "2000")
        big = message(["From: lena.fischer@muster-hv.de", "Subject: Fotos",
                       "Message-ID: <big@muster-hv.de>",
                       "Content-Type: multipart/mixed; boundary=B"],
                      "--B\nContent-Type: text/plain\n\nFotos\n--B\n"
                      "Content-Type: image/jpeg\nContent-Transfer-Encoding: base64\n\n"
                      + b64_lines(b"\xff\xd8\xff" + bytes(5000)) + "\n--B--\n")
        self.assertGreater(len(big), 2000)
        self.mail_refused(big, "larger than mail.max_bytes (2000 bytes)")
        # The same message fits under a larger limit.
        self.ok("config", "set", "mail.max_bytes", "100000")
        self.mail_ok(big)

    def test_bad_max_bytes_is_a_config_error(self):
        self.edit_config_by_hand("mail.max_bytes", "viel")
        r = self.mail_in(PLAIN)
        self.assertEqual(r.code, 78, r)
        self.assertIn("mail.max_bytes", r.err)


if __name__ == "__main__":
    main()
