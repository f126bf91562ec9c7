"""The customers' web pages of `tickets serve`, over HTTP as a browser sends
it: sign-in by a mailed one-time link (a real SMTP server on loopback), the
session cookie, form tokens and security headers, what each role sees and
may do, attachments under the configured policy, and that bad input
changes nothing. The Selenium run in a real browser is test_portal_browser.py."""

import json
import re

from harness import AGENT, main, requires
from portal_client import (COLLEAGUE_A, CUSTOMER_A, CUSTOMER_B, MAIN_A, PROVIDER, TENANT_1,
                           TENANT_2, TENANT_OTHER, PortalTest, escaped, link_in)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@requires("sync")
class SignIn(PortalTest):
    def test_a_mailed_link_signs_in_once_and_sign_out_ends_the_session(self):
        b = self.browser()
        self.assertEqual(b.get("/", follow=False).headers["Location"], "/login?next=/")
        page = b.get("/login?next=/new")
        form_cookie = b.cookie("tickets_form")
        self.assertIsNotNone(form_cookie)
        b.post("/login", {"csrf": page.csrf(), "email": CUSTOMER_A.upper(), "next": "/new"})
        mail = self.inbox.wait_for(CUSTOMER_A, sign_in=True)
        self.assertEqual(str(mail["Subject"]), "Ihr Anmeldelink")
        link = link_in(mail)
        self.assertTrue(link.endswith("?next=/new"), link)
        # Following the link (as a mail scanner would) changes nothing.
        token = re.search(r"/login/([0-9a-f]{64})", link).group(1)
        confirm = b.get(link[len(self.server.url):])
        self.assertIn("Anmeldung bestätigen", confirm.text)
        # Whom it signs in: a link forwarded by someone else shows their address.
        self.assertIn(f"Dieser Link meldet Sie an als <strong>{CUSTOMER_A}</strong>", confirm.text)
        self.assertEqual(self.db().execute("SELECT count(*) FROM web_sessions").fetchone()[0], 0)
        signed_in = b.request("POST", f"/login/{token}", {"csrf": confirm.csrf(), "next": "/new"},
                              follow=False)
        self.assertEqual(signed_in.status, 303)
        self.assertEqual(signed_in.headers["Location"], "/new")
        cookie = signed_in.headers["Set-Cookie"]
        self.assertRegex(cookie, r"^tickets_session=[0-9a-f]{64}; Path=/; Max-Age=1209600; HttpOnly; "
                                 r"SameSite=Lax$")
        self.assertNotIn("Secure", cookie)  # plain HTTP on loopback
        self.assertIn("Neue Anfrage", b.get("/new").text)
        # Only the hash of the session is stored.
        value = b.cookie("tickets_session").value
        stored = [r[0] for r in self.db().execute("SELECT hash FROM web_sessions")]
        self.assertEqual(len(stored), 1)
        self.assertNotEqual(stored[0], value)
        # Once: a second use of the link is refused, in another browser too.
        other = self.browser()
        self.assertIn("ungültig, abgelaufen oder schon benutzt", other.get(f"/login/{token}").text)
        again = other.post(f"/login/{token}", {"csrf": other.get("/login").csrf()})
        self.assertEqual(again.status, 400)
        self.assertIn("ungültig, abgelaufen oder schon benutzt", again.text)
        # The sent mail with the link is not kept in the outbox.
        import glob
        self.assertEqual(glob.glob(f"{self.dir}/.tickets/outbox/**/signin-*", recursive=True), [])
        self.assertEqual(self.db().execute("SELECT count(*) FROM outbox").fetchone()[0], 0)
        # Signing out ends the session on the server, not only in this browser.
        home = b.get("/")
        out = b.post("/logout", {"csrf": home.csrf()})
        self.assertIn("Anmelden", out.text)
        self.assertEqual(self.db().execute("SELECT count(*) FROM web_sessions").fetchone()[0], 0)
        replay = self.browser()
        replay.jar.set_cookie(b.cookie("tickets_form"))  # any cookie to copy the shape
        r = replay.get("/", headers={"Cookie": "tickets_session=" + value}, follow=False)
        self.assertEqual(r.status, 303)

    def test_an_unknown_address_gets_the_same_answer_and_no_mail(self):
        b = self.browser("en")
        known = b.post("/login", {"csrf": b.get("/login").csrf(), "email": CUSTOMER_A})
        self.inbox.wait_for(CUSTOMER_A, sign_in=True)
        self.assertEqual(str(self.inbox.mails[0]["Subject"]), "Your sign-in link")
        unknown = b.post("/login", {"csrf": b.get("/login").csrf(), "email": "niemand@firma-a.de"})
        self.assertEqual((known.status, known.body), (unknown.status, unknown.body))
        self.assertEqual(len(self.inbox.mails), 1)
        self.assertEqual(self.db().execute("SELECT count(*) FROM web_links").fetchone()[0], 1)

    def test_requests_for_links_are_limited_per_address(self):
        b = self.browser()
        for address in (CUSTOMER_A, "niemand@firma-a.de"):
            statuses = [b.post("/login", {"csrf": b.get("/login").csrf(), "email": address}).status
                        for _ in range(6)]
            self.assertEqual(statuses, [200] * 5 + [429], address)
        self.assertIn("Zu viele Anmeldeversuche",
                      b.post("/login", {"csrf": b.get("/login").csrf(), "email": CUSTOMER_A}).text)

    def test_an_expired_link_and_a_forged_form_are_refused(self):
        b = self.browser()
        b.post("/login", {"csrf": b.get("/login").csrf(), "email": CUSTOMER_A})
        link = link_in(self.inbox.wait_for(CUSTOMER_A))
        token = re.search(r"/login/([0-9a-f]{64})", link).group(1)
        confirm = b.get(f"/login/{token}")
        # A form posted from elsewhere has no matching form cookie.
        stranger = self.browser()
        self.assertEqual(stranger.post(f"/login/{token}", {"csrf": confirm.csrf()}).status, 403)
        con = self.db()
        con.execute("UPDATE web_links SET created = created - 16 * 60")
        con.commit()
        con.close()
        self.assertEqual(b.post(f"/login/{token}", {"csrf": confirm.csrf()}).status, 400)
        self.assertEqual(self.db().execute("SELECT count(*) FROM web_sessions").fetchone()[0], 0)

    def test_bodies_are_refused_before_they_are_read(self):
        b = self.browser()
        page = b.get("/login")
        # The open forms take small urlencoded bodies only.
        r = b.request("POST", "/login", {"csrf": page.csrf(), "email": CUSTOMER_A}, files=[])
        self.assertEqual(r.status, 415)
        r = b.request("POST", "/login", {"csrf": page.csrf(), "email": "x" * 20000 + "@firma-a.de"})
        self.assertEqual(r.status, 413)
        # A signed-in page's form needs a live session, not just a cookie of that name.
        t = self.new("Drucker", "--requester", CUSTOMER_A)
        before = self.snapshot()
        r = b.request("POST", f"/t/{self.ticket_id(t)}/reply", {"csrf": "0" * 64, "body": "x"},
                      files=[("files", "a.pdf", PDF)], headers={"Cookie": "tickets_session=" + "0" * 64})
        self.assertEqual(r.status, 401)
        self.assertIn("not signed in", r.text)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(len(self.inbox.mails), 0)

    def test_revoking_a_users_tokens_ends_their_web_sessions(self):
        b = self.sign_in(CUSTOMER_A)
        # A link mailed before the revoke is of no use after it.
        pending = self.browser()
        pending.post("/login", {"csrf": pending.get("/login").csrf(), "email": CUSTOMER_A})
        link = link_in(self.inbox.wait_for(CUSTOMER_A, 2, sign_in=True))
        r = self.ok("token", "revoke", CUSTOMER_A)
        self.assertIn("ended 1 web session", r.err)
        self.assertEqual(b.get("/", follow=False).status, 303)
        token = re.search(r"/login/([0-9a-f]{64})", link).group(1)
        self.assertIn("ungültig", pending.get(f"/login/{token}").text)
        self.assertEqual(pending.post(f"/login/{token}", {"csrf": pending.get("/login").csrf()}).status, 400)


@requires("sync")
class Pages(PortalTest):
    def agent_reply(self, short, text):
        self.ok("comment", short, "-m", text)

    def test_every_page_sets_the_security_headers(self):
        t = self.new("Drucker", "--requester", CUSTOMER_A)
        b = self.sign_in(CUSTOMER_A)
        for path in ["/", "/new", "/help", f"/t/{self.ticket_id(t)}", "/login"]:
            r = b.get(path)
            self.assertEqual(r.status, 200, path)
            csp = r.headers["Content-Security-Policy"]
            self.assertIn("default-src 'none'", csp)
            self.assertIn("frame-ancestors 'none'", csp)
            self.assertIn("script-src 'self'", csp)  # the one script file, nothing inline
            self.assertNotIn("unsafe", csp)
            self.assertEqual(r.headers["X-Content-Type-Options"], "nosniff")
            self.assertEqual(r.headers["Referrer-Policy"], "no-referrer")
            self.assertEqual(r.headers["X-Frame-Options"], "DENY")
            self.assertTrue(r.headers["Content-Type"].startswith("text/html"))
            self.assertEqual(re.findall(r"<script[^>]*>", r.text),
                             ['<script src="/static/portal.js" defer>'] if path == "/new" else [])

    def test_the_list_shows_what_the_user_may_see_and_filters_like_the_command_line(self):
        a = self.new("Drucker streikt", "--requester", CUSTOMER_A)
        c = self.new("Netzwerk langsam", "--requester", COLLEAGUE_A, "--cc", CUSTOMER_A)
        o = self.new("Rechnung falsch", "--requester", COLLEAGUE_A)
        b_ticket = self.new("Fremde Sache", "--requester", CUSTOMER_B)
        self.ok("status", a, "pending")
        b = self.sign_in(CUSTOMER_A)
        page = b.get("/").text
        self.assertIn("Drucker streikt", page)
        self.assertIn("Netzwerk langsam", page)  # CC
        self.assertNotIn("Rechnung falsch", page)  # the organisation's, not shared
        self.assertNotIn("Fremde Sache", page)
        self.assertIn("Wartend", page)  # the status in German
        mine = b.get("/?view=mine").text
        self.assertIn("Drucker streikt", mine)
        self.assertNotIn("Netzwerk langsam", mine)
        self.assertIn("Netzwerk langsam", b.get("/?view=cc").text)
        self.assertNotIn("view=org", page)  # a customer has no organisation list
        found = b.get("/?q=status:pending").text
        self.assertIn("Drucker streikt", found)
        self.assertNotIn("Netzwerk langsam", found)
        self.assertIn("Netzwerk langsam", b.get("/?q=netzwerk").text)
        self.assertIn("Drucker streikt", b.get("/?q=%23" + self.ticket_id(a)[:12]).text)
        bad = b.get("/?q=status:kaputt")
        self.assertEqual(bad.status, 400)
        self.assertIn("kaputt", bad.text)
        # A main contact sees the organisation's tickets, not another one's.
        boss = self.sign_in(MAIN_A)
        org = boss.get("/?view=org").text
        for subject in ("Drucker streikt", "Netzwerk langsam", "Rechnung falsch"):
            self.assertIn(subject, org)
        self.assertNotIn("Fremde Sache", org)
        # English.
        en = self.sign_in(CUSTOMER_A, language="en").get("/").text
        self.assertIn("My requests", en)
        self.assertIn(">pending<", en)
        self.assertIsNotNone(b_ticket)

    def test_a_ticket_shows_its_correspondence_without_internal_notes(self):
        t = self.new("Heizung kalt", "--requester", CUSTOMER_A)
        self.agent_reply(t, "Wir schicken jemanden.")
        self.ok("comment", t, "-m", "Kunde nervt, intern!", "--internal")
        b = self.sign_in(CUSTOMER_A)
        page = b.get(f"/t/{self.ticket_id(t)}").text
        self.assertIn("Seit gestern ist die Wohnung kalt.", page)
        self.assertIn("Wir schicken jemanden.", page)
        self.assertIn(AGENT, page)
        self.assertNotIn("intern!", page)
        self.assertLess(page.index("Seit gestern"), page.index("Wir schicken"))

    def test_a_search_never_finds_a_ticket_by_an_internal_notes_words(self):
        t = self.new("Drucker", "--requester", CUSTOMER_A)
        self.ok("comment", t, "-m", "Geheimwort Zahlungsausfall", "--internal")
        self.ok("comment", t, "-m", "Toner bestellt.")
        b = self.sign_in(CUSTOMER_A)
        self.assertIn("Drucker", b.get("/?q=drucker").text)
        self.assertIn("Drucker", b.get("/?q=toner").text)  # the public correspondence
        for word in ("geheimwort", "zahlungsausfall"):
            self.assertNotIn("Drucker", b.get("/?q=" + word).text, word)
        # Agents find it by their notes, as on the command line.
        self.ok("user", "add", "b.berg@support.example.com", "--role", "agent")
        self.assertIn("Drucker", self.sign_in("b.berg@support.example.com").get("/?q=geheimwort").text)

    def test_a_reply_to_a_closed_ticket_opens_a_follow_up(self):
        t = self.new("Alte Sache", "--requester", CUSTOMER_A)
        full = self.ticket_id(t)
        self.ok("close", t)
        b = self.sign_in(CUSTOMER_A)
        page = b.get(f"/t/{full}")
        r = b.post(f"/t/{full}/reply", {"csrf": page.csrf(), "body": "Es ist wieder kaputt."})
        self.assertEqual(r.status, 200, r.text)
        self.assertIn("Ihre Antwort hat diese neue Anfrage eröffnet", r.text)
        self.assertIn("Es ist wieder kaputt.", r.text)
        follow_up = self.show(t)["follow_ups"]
        self.assertEqual(len(follow_up), 1)
        self.assertIn(f"/t/{follow_up[0]}", r.url)

    def test_another_customer_cannot_open_a_ticket_by_its_address(self):
        t = self.new("Privat", "--requester", CUSTOMER_A)
        full = self.ticket_id(t)
        other = self.sign_in(CUSTOMER_B)
        for path in [f"/t/{full}", f"/t/{full}/rate/good"]:
            r = other.get(path)
            self.assertEqual(r.status, 404, path)
            self.assertNotIn("Privat", r.text)
        missing = other.get("/t/" + "0" * 64)
        self.assertEqual(missing.status, 404)
        self.assertEqual(r.text.replace(f"/t/{full}/rate/good", ""),
                         missing.text.replace("/t/" + "0" * 64, ""))  # the same answer
        before = self.snapshot()
        page = other.get("/")
        r = other.post(f"/t/{full}/reply", {"csrf": page.csrf(), "body": "Ich war's nicht"})
        self.assertEqual(r.status, 404)
        self.assertEqual(self.snapshot(), before)

    def test_reply_solve_rate_and_escalate_go_through_the_push_rules(self):
        t = self.new("Drucker", "--requester", CUSTOMER_A)
        self.ok("assign", t, AGENT)
        full = self.ticket_id(t)
        b = self.sign_in(CUSTOMER_A)
        page = b.get(f"/t/{full}")
        self.assertNotIn('action="/t/%s/solve"' % full, page.text)  # no answer from support yet
        r = b.post(f"/t/{full}/escalate", {"csrf": page.csrf(), "reason": "Termin morgen"})
        self.assertIn("Gespeichert.", r.text)
        shown = self.show(t)
        self.assertTrue(shown["escalated"])
        self.assertEqual(shown["priority"], "normal")
        r = b.post(f"/t/{full}/reply", {"csrf": page.csrf(), "body": "Noch eine Frage: Toner?"})
        self.assertIn("Noch eine Frage: Toner?", r.text)
        self.agent_reply(t, "Toner ist unterwegs.")
        page = b.get(f"/t/{full}")
        self.assertIn(f'action="/t/{full}/solve"', page.text)
        b.post(f"/t/{full}/solve", {"csrf": page.csrf()})
        self.assertEqual(self.show(t)["status"], "solved")
        rate = b.get(f"/t/{full}/rate/bad")
        self.assertRegex(rate.text, r'value="bad" checked')
        b.post(f"/t/{full}/rate", {"csrf": rate.csrf(), "rating": "bad", "reason": "Zu langsam"})
        shown = self.show(t)
        self.assertEqual(shown["satisfaction"]["rating"], "bad")
        self.assertEqual(shown["satisfaction"]["reason"], "Zu langsam")
        authors = {c["author"] for c in shown["comments"]}
        self.assertIn(CUSTOMER_A, authors)
        # The server's automation ran as for a push: the assignee's mail is queued.
        con = self.db()
        queued = [row[0] for row in con.execute("SELECT name FROM outbox")]
        con.close()
        import glob, os
        files = [os.path.basename(p) for p in glob.glob(f"{self.dir}/.tickets/outbox/**/*.eml", recursive=True)]
        self.assertTrue(any(name.endswith("-assignee.eml") for name in files + queued), files)

    def test_a_refused_change_says_why_and_changes_nothing(self):
        t = self.new("Erledigt", "--requester", CUSTOMER_A)
        full = self.ticket_id(t)
        self.ok("close", t)
        b = self.sign_in(CUSTOMER_A)
        page = b.get(f"/t/{full}")
        before = self.snapshot()
        r = b.post(f"/t/{full}/escalate", {"csrf": page.csrf(), "reason": "Warum zu?"})
        self.assertEqual(r.status, 409)
        self.assertIn("closed", r.text)
        self.assertEqual(self.snapshot(), before)
        # Without the form token, nothing is written either.
        r = b.post(f"/t/{full}/reply", {"csrf": "0" * 64, "body": "gefälscht"})
        self.assertEqual(r.status, 403)
        r = self.browser().post(f"/t/{full}/reply", {"csrf": page.csrf(), "body": "ohne Sitzung"})
        self.assertEqual(r.status, 401)
        self.assertEqual(self.snapshot(), before)

    def test_html_in_every_field_is_shown_as_text(self):
        evil = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&'
        b = self.sign_in(CUSTOMER_A)
        page = b.get("/new")
        fields = {"csrf": page.csrf(), "subject": "S " + evil, "description": "D " + evil,
                  "product": "P " + evil, "topic": "T " + evil, "category": "C " + evil,
                  "property": "O " + evil, "type": "incident"}
        created = b.request("POST", "/new", fields, files=[], follow=True)
        self.assertEqual(created.status, 200, created.text)
        text = created.text
        self.assertNotIn("<script>", text)
        self.assertNotIn("<img", text)
        self.assertEqual(text.count(escaped(evil)), 7)  # the subject also in <title>
        self.agent_reply(self.ok("list", "--ids").out.split()[0], "R " + evil)
        full = re.search(r"/t/([0-9a-f]{64})", created.url + text).group(1)
        page = b.get(f"/t/{full}").text
        self.assertNotIn("<script>", page)
        self.assertIn("R " + escaped(evil), page)
        self.assertNotIn("<script>", b.get("/?q=S").text)

    def test_attachments_follow_the_policy_and_download_as_files(self):
        self.ok("config", "set", "portal.attachments.max_count", "1")
        self.ok("config", "set", "portal.attachments.types", "pdf, image")
        t = self.new("Belege", "--requester", CUSTOMER_A)
        full = self.ticket_id(t)
        b = self.sign_in(CUSTOMER_A)
        page = b.get(f"/t/{full}")
        self.assertIn("Höchstens 1 Dateien zu je bis zu 10 MB: PDF, Bilder.", page.text)
        before = self.snapshot()
        r = b.request("POST", f"/t/{full}/reply", {"csrf": page.csrf(), "body": "Hier"},
                      files=[("files", "brief.pdf", b"MZ\x90\0 not a pdf")])
        self.assertEqual(r.status, 400)
        self.assertIn("brief.pdf: diese Art Datei ist nicht erlaubt", r.text)
        r = b.request("POST", f"/t/{full}/reply", {"csrf": page.csrf(), "body": "Hier"},
                      files=[("files", "a.pdf", PDF), ("files", "b.png", PNG)])
        self.assertIn("höchstens 1 Dateien pro Nachricht", r.text)
        self.assertEqual(self.snapshot(), before)
        r = b.request("POST", f"/t/{full}/reply", {"csrf": page.csrf(), "body": "Hier"},
                      files=[("files", "../../rechnung.pdf", PDF)])
        self.assertIn("rechnung.pdf", r.text)
        comment = self.show(t)["comments"][-1]
        self.assertEqual(comment["attachments"][0]["name"], "rechnung.pdf")
        self.assertEqual(comment["attachments"][0]["mime"], "application/pdf")
        sha = comment["attachments"][0]["sha256"]
        got = b.get(f"/t/{full}/files/{sha}")
        self.assertEqual(got.body, PDF)
        self.assertEqual(got.headers["Content-Disposition"], 'attachment; filename="rechnung.pdf"')
        self.assertEqual(got.headers["Content-Type"], "application/octet-stream")
        self.assertEqual(got.headers["X-Content-Type-Options"], "nosniff")
        # An internal note's file stays internal.
        note_file = f"{self.dir}/intern.pdf"
        with open(note_file, "wb") as f:
            f.write(PDF + b"intern")
        self.ok("comment", t, "-m", "intern", "--internal", "--attach", note_file)
        internal_sha = self.show(t)["comments"][-1]["attachments"][0]["sha256"]
        self.assertEqual(b.get(f"/t/{full}/files/{internal_sha}").status, 404)
        self.assertEqual(self.sign_in(CUSTOMER_B).get(f"/t/{full}/files/{sha}").status, 404)

    def test_a_new_request_checks_required_fields_per_type(self):
        self.ok("config", "set", "portal.required.incident", "product, property")
        b = self.sign_in(CUSTOMER_A)
        page = b.get("/new")
        before = self.snapshot()
        fields = {"csrf": page.csrf(), "type": "incident", "subject": "Ausfall",
                  "description": "Alles aus", "product": "Portal"}
        r = b.request("POST", "/new", fields, files=[])
        self.assertEqual(r.status, 400)
        self.assertIn("Pflichtfelder", r.text)
        self.assertIn('value="Ausfall"', r.text)  # what was typed stays
        self.assertEqual(self.snapshot(), before)
        fields["property"] = "Musterstraße 1"
        fields["cc"] = COLLEAGUE_A
        r = b.request("POST", "/new", fields, files=[("files", "foto.png", PNG)])
        self.assertIn("Gespeichert.", r.text)
        tickets = json.loads(self.ok("list", "--json").out)
        self.assertEqual(len(tickets), 1)
        t = self.show(tickets[0]["id"])
        self.assertEqual((t["requester"], t["type"], t["product"], t["cc"]),
                         (CUSTOMER_A, "incident", "Portal", [COLLEAGUE_A]))
        self.assertEqual(t["organisation"], "Firma A")
        self.assert_fsck_clean()


@requires("sync")
class Settings(PortalTest):
    def test_the_solution_mail_links_to_the_rating_page(self):
        self.ok("config", "set", "serve.url", self.server.url + "/")
        t = self.new("Drucker", "--requester", CUSTOMER_A)
        full = self.ticket_id(t)
        self.ok("resolve", t, "-m", "Neuer Toner.")
        self.ok("outbox", "flush")
        solution = [m for m in self.inbox.mails if "Neuer Toner." in m.get_body().get_content()][0]
        body = solution.get_body().get_content()
        self.assertIn(f"Gut: {self.server.url}/t/{full}/rate/good", body)
        self.assertIn(f"Schlecht: {self.server.url}/t/{full}/rate/bad", body)
        self.assertNotIn("tickets rate", body)
        # Signed out, the link leads through the sign-in back to the rating.
        b = self.browser()
        r = b.get(f"/t/{full}/rate/good", follow=False)
        self.assertEqual(r.headers["Location"], f"/login?next=/t/{full}/rate/good")
        page = b.get(r.headers["Location"])
        b.post("/login", {"csrf": page.csrf(), "email": CUSTOMER_A, "next": f"/t/{full}/rate/good"})
        link = link_in(self.inbox.wait_for(CUSTOMER_A, sign_in=True))
        token = re.search(r"/login/([0-9a-f]{64})", link).group(1)
        confirm = b.get(link[len(self.server.url):])
        rate = b.post(f"/login/{token}", {"csrf": confirm.csrf(), "next": f"/t/{full}/rate/good"})
        self.assertRegex(rate.text, r'value="good" checked')
        b.post(f"/t/{full}/rate", {"csrf": rate.csrf(), "rating": "good"})
        self.assertEqual(self.show(t)["satisfaction"]["rating"], "good")

    def test_config_set_checks_the_pages_settings(self):
        for key, value in [("serve.url", "help.example.org"), ("portal.attachments.max_count", "viele"),
                           ("portal.attachments.max_size", "10GB"), ("portal.attachments.types", "exe"),
                           ("portal.attachments.colour", "blau"), ("portal.workflows", "support, hotel"),
                           ("portal.types", "blabla, incident"), ("portal.required.incident", "product, farbe"),
                           ("portal.required.beschwerde", "product")]:
            self.fails(2, "config", "set", key, value)
        for key, value in [("serve.url", "https://help.example.org"), ("portal.attachments.max_size", "512KB"),
                           ("portal.attachments.types", "pdf, image"), ("portal.workflows", "property"),
                           ("portal.required.incident", "product, property")]:
            self.ok("config", "set", key, value)


@requires("sync")
class PropertyPages(PortalTest):
    def setUp(self):
        super().setUp()
        self.ok("config", "set", "portal.workflows", "property, support")

    def test_residents_see_public_tickets_of_their_property_and_may_ask_anonymously(self):
        t1 = self.sign_in(TENANT_1)
        page = t1.get("/new")
        self.assertIn('name="anonymous"', page.text)
        r = t1.request("POST", "/new", {"csrf": page.csrf(), "workflow": "property", "type": "incident",
                                        "subject": "Licht im Treppenhaus", "description": "Seit Tagen dunkel",
                                        "property": "Musterstraße 1", "visibility": "public",
                                        "anonymous": "1"}, files=[])
        self.assertIn("Gespeichert.", r.text)
        self.assertIn("anonym", r.text)
        self.assertNotIn(TENANT_1, r.text.replace(f">{TENANT_1}<", ""))  # only in the header
        ticket = json.loads(self.ok("list", "--json").out)[0]
        self.assertTrue(ticket["requester"].endswith("@anonymous.invalid"))
        self.assertEqual(ticket["visibility"], "public")
        # Nothing in the event tells who asked, not even the organisation.
        con = self.db()
        body = con.execute("SELECT body FROM events WHERE type = 'create'").fetchone()[0]
        con.close()
        self.assertNotIn("haus.example", body)
        self.assertNotIn("mieter1", body)
        neighbour = self.sign_in(TENANT_2).get("/").text
        self.assertIn("Licht im Treppenhaus", neighbour)
        self.assertNotIn(TENANT_1, neighbour)
        self.assertNotIn("Licht im Treppenhaus", self.sign_in(TENANT_OTHER).get("/").text)
        # Private stays between its requester and management.
        t1.request("POST", "/new", {"csrf": page.csrf(), "workflow": "property", "type": "incident",
                                    "subject": "Mietminderung", "description": "privat",
                                    "property": "Musterstraße 1", "visibility": "private"}, files=[])
        self.assertNotIn("Mietminderung", self.sign_in(TENANT_2).get("/").text)

    def test_a_provider_sees_assigned_tickets_and_moves_them_as_the_workflow_allows(self):
        self.ok("config", "set", "core.workflow", "property")
        t = self.new("Rohrbruch", "--requester", TENANT_1, "--property", "Musterstraße 1")
        self.ok("status", t, "approved")
        self.ok("assign", t, PROVIDER)
        full = self.ticket_id(t)
        p = self.sign_in(PROVIDER)
        self.assertIn("Rohrbruch", p.get("/?view=assigned").text)
        page = p.get(f"/t/{full}")
        self.assertIn('value="in-progress"', page.text)
        r = p.post(f"/t/{full}/status", {"csrf": page.csrf(), "status": "in-progress"})
        self.assertIn("Gespeichert.", r.text)
        self.assertEqual(self.show(t)["status"], "in-progress")
        before = self.snapshot()
        r = p.post(f"/t/{full}/status", {"csrf": page.csrf(), "status": "closed"})
        self.assertEqual(r.status, 409)
        self.assertEqual(self.snapshot(), before)
        # The resident may not move it.
        tenant = self.sign_in(TENANT_1)
        r = tenant.post(f"/t/{full}/status", {"csrf": tenant.get("/").csrf(), "status": "done"})
        self.assertEqual(r.status, 409)


if __name__ == "__main__":
    main()
