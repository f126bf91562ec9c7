"""Sync against a real `tickets serve` on 127.0.0.1 with a free port, and real
clones in temporary directories."""

import hashlib
import http.server
import json
import os
import re
import signal
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.request

from harness import BIN, TicketsTest, main, requires

AGENT = "agent@support.example.com"
AGENT2 = "kollegin@support.example.com"
TENANT_A = "mieter@muster-hv.de"
COLLEAGUE_A = "nachbar@muster-hv.de"
MAIN_A = "chef@muster-hv.de"
TENANT_B = "mieter@immo-nord.de"


class Server:
    def __init__(self, test, store_dir):
        self.test, self.store_dir = test, store_dir
        self.log_path = os.path.join(test.dir, "server.log")
        self.proc = None

    def start(self, port=None):
        """Starts on a free port, or on the previous one after a stop (clones keep the URL)."""
        if port is None:
            port = getattr(self, "port", 0)
        self.log = open(self.log_path, "a")
        seen = os.path.getsize(self.log_path)  # lines of an earlier start do not count
        self.proc = subprocess.Popen([BIN, "-C", self.store_dir, "serve", "--listen", f"127.0.0.1:{port}"],
                                     stdout=subprocess.DEVNULL, stderr=self.log, env=self.test.env)
        deadline = time.time() + 30
        while time.time() < deadline:
            with open(self.log_path) as f:
                f.seek(seen)
                found = re.findall(r"http://127\.0\.0\.1:(\d+)/v1/", f.read())
            if found:
                self.port = int(found[-1])
                self.url = f"http://127.0.0.1:{self.port}"
                return self
            time.sleep(0.05)
        raise AssertionError("server did not start: " + open(self.log_path).read())

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=30)
        self.log.close()
        return self.proc.returncode

    def request(self, method, path, token, body=None, raw=None):
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        req = urllib.request.Request(self.url + path, data=data, method=method)
        if token:
            req.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())


def sealed(event):
    """An event with its id, as a client computes it (docs/PROTOCOL.md)."""
    body = json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    return dict(event, id=hashlib.sha256(body).hexdigest())


@requires("sync")
class SyncTest(TicketsTest):
    def setUp(self):
        super().setUp()  # self.dir/.tickets is the server's store
        self.env["TICKETS_USER"] = AGENT
        self.ok("org", "add", "Hausverwaltung Muster GmbH", "--domain", "muster-hv.de")
        self.ok("org", "add", "Immo Nord", "--domain", "immo-nord.de")
        self.tokens = {}
        for email, role in [(AGENT, "agent"), (AGENT2, "agent"), (TENANT_A, "customer"),
                            (COLLEAGUE_A, "customer"), (MAIN_A, "main-contact"), (TENANT_B, "customer")]:
            self.ok("user", "add", email, "--role", role)
            self.tokens[email] = self.ok("token", "create", email).out.strip()
        self.server = Server(self, self.dir).start()

    def tearDown(self):
        self.server.stop()
        super().tearDown()

    def clone(self, user, name=None):
        path = os.path.join(self.dir, name or user.split("@")[0] + "-" + user.split("@")[1])
        self.ok("clone", self.server.url, path, env={"TICKETS_TOKEN": self.tokens[user]}, as_user=user)
        return path

    def at(self, path, *args, user, code=0, **kw):
        kw.setdefault("env", {})
        kw["env"] = dict(kw["env"], TICKETS_TOKEN=self.tokens.get(user, "none"))
        r = self.run_cli("-C", path, *args, as_user=user, **kw)
        self.assertEqual(r.code, code, f"{args}: {r}")
        return r

    def subjects(self, path, user):
        return sorted(t["subject"] for t in json.loads(self.at(path, "list", "--json", user=user).out))


class CloneAndConverge(SyncTest):
    def test_clone_gets_everything_for_an_agent(self):
        a = self.ok("new", "Heizung", "-m", "kalt", "--requester", TENANT_A).out.strip()
        self.ok("comment", a, "-m", "intern", "--internal")
        clone = self.clone(AGENT2)
        self.assertEqual(self.subjects(clone, AGENT2), ["Heizung"])
        j = json.loads(self.at(clone, "show", a, "--json", user=AGENT2).out)
        self.assertEqual([c["body"] for c in j["comments"]], ["intern"])
        self.at(clone, "fsck", user=AGENT2)
        r = self.at(clone, "pull", "--json", user=AGENT2)  # a no-op pull
        self.assertEqual(json.loads(r.out)["received"], 0)

    def test_a_clone_cut_off_midway_leaves_an_empty_store_that_pull_fills(self):
        # More events than one page (1,500): a proxy passes the first page
        # and answers the second with garbage.
        rows = "".join(f"Ticket {i},Beschreibung {i}\r\n" for i in range(2600))
        self.ok("import", "--format", "csv", "-", input="subject,description\r\n" + rows)
        upstream = self.server.url

        class BreakSecondPage(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if "after=0" in self.path or "/events" not in self.path:
                    req = urllib.request.Request(upstream + self.path, headers=dict(self.headers))
                    with urllib.request.urlopen(req, timeout=30) as r:
                        status, body = r.status, r.read()
                else:
                    status, body = 200, b'{"garbage": true}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), BreakSecondPage)
        threading.Thread(target=proxy.serve_forever, daemon=True).start()
        path = os.path.join(self.dir, "cut")
        try:
            r = self.run_cli("clone", f"http://127.0.0.1:{proxy.server_address[1]}", path,
                             env={"TICKETS_TOKEN": self.tokens[AGENT2]}, as_user=AGENT2)
        finally:
            proxy.shutdown()
            proxy.server_close()
        self.assertEqual(r.code, 65, r)
        self.assertIn("incomplete", r.err)
        con = sqlite3.connect(os.path.join(path, ".tickets", "tickets.db"))
        try:
            self.assertEqual(con.execute("SELECT count(*) FROM events").fetchone()[0], 0)
            self.assertEqual(con.execute("SELECT cursor FROM remotes").fetchone()[0], 0)
            self.assertEqual(con.execute("PRAGMA journal_mode").fetchone()[0], "wal")
            self.assertIsNotNone(con.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'events_by_ticket'").fetchone())
        finally:
            con.close()
        # Pointed at the real server, a pull fetches everything.
        self.at(path, "remote", "remove", "origin", user=AGENT2)
        self.at(path, "remote", "add", "origin", upstream, user=AGENT2)
        self.at(path, "pull", user=AGENT2)
        self.assertEqual(len(json.loads(self.at(path, "list", "--json", user=AGENT2).out)), 2600)
        self.at(path, "fsck", user=AGENT2)

    def test_offline_edits_on_two_clones_converge(self):
        t = self.ok("new", "Aufzug steht", "-m", "Seit Montag", "--requester", TENANT_A).out.strip()
        one, two = self.clone(AGENT, "one"), self.clone(AGENT2, "two")
        # Offline: a comment on each, and conflicting edits of the same fields.
        self.at(one, "comment", t, "-m", "Techniker ist informiert", user=AGENT)
        self.at(one, "edit", t, "--priority", "high", "--category", "Aufzug", user=AGENT)
        self.at(two, "comment", t, "-m", "Ersatzteil bestellt", user=AGENT2)
        self.at(two, "edit", t, "--priority", "urgent", "--category", "Technik", user=AGENT2)
        for path, user in [(one, AGENT), (two, AGENT2), (one, AGENT)]:
            self.at(path, "sync", user=user)
        views = []
        for path, user in [(one, AGENT), (two, AGENT2), (self.dir, AGENT)]:
            self.at(path, "fsck", user=user)
            j = json.loads(self.at(path, "show", t, "--json", user=user).out)
            views.append(j)
        self.assertEqual(sorted(c["body"] for c in views[0]["comments"]),
                         ["Ersatzteil bestellt", "Techniker ist informiert"])
        for v in views[1:]:
            self.assertEqual(v, views[0])  # the same state everywhere, field for field
        self.assertIn(views[0]["priority"], ("high", "urgent"))

    def test_links_travel_both_ways(self):
        a = self.ok("new", "Dach", "-m", "undicht", "--requester", TENANT_A).out.strip()
        b = self.ok("new", "Fleck", "-m", "Decke", "--requester", TENANT_A).out.strip()
        clone = self.clone(AGENT2)
        self.at(clone, "link", b, a, "--relation", "child", user=AGENT2)
        self.at(clone, "push", user=AGENT2)
        full = lambda t: json.loads(self.ok("show", t, "--json").out)
        self.assertEqual(full(a)["links"], [{"relation": "child", "ticket": full(b)["id"]}])
        customer = self.clone(TENANT_A)
        shown = json.loads(self.at(customer, "show", b, "--json", user=TENANT_A).out)
        self.assertEqual(shown["links"], [{"relation": "parent", "ticket": full(a)["id"]}])
        self.at(customer, "fsck", user=TENANT_A)

    def test_a_merge_travels_and_replies_follow_it(self):
        a = self.ok("new", "Heizung", "-m", "kalt", "--requester", TENANT_A).out.strip()
        b = self.ok("new", "Wärme", "-m", "fehlt", "--requester", COLLEAGUE_A).out.strip()
        agent = self.clone(AGENT2)
        self.at(agent, "merge", a, b, user=AGENT2)
        self.at(agent, "push", user=AGENT2)
        self.assertEqual(json.loads(self.ok("show", b, "--json").out)["close_reason"], "merged")
        colleague = self.clone(COLLEAGUE_A)  # in CC of the target now
        self.assertEqual(self.subjects(colleague, COLLEAGUE_A), ["Heizung", "Wärme"])
        self.at(colleague, "comment", b, "-m", "Noch kalt", user=COLLEAGUE_A)
        self.at(colleague, "push", user=COLLEAGUE_A)
        on_server = json.loads(self.ok("show", a, "--json").out)
        own = [c["body"] for c in on_server["comments"] if "merged_from" not in c]
        self.assertEqual(own, ["Noch kalt"])
        self.at(colleague, "fsck", user=COLLEAGUE_A)
        self.ok("fsck")

    def test_push_and_pull_are_idempotent(self):
        clone = self.clone(AGENT2)
        for i in range(3):
            self.at(clone, "new", f"T{i}", "-m", "x", user=AGENT2)
        first = json.loads(self.at(clone, "push", "--json", user=AGENT2).out)
        self.assertEqual((first["sent"], first["accepted"]), (3, 3))
        again = json.loads(self.at(clone, "push", "--json", user=AGENT2).out)
        self.assertEqual(again["sent"], 0)
        pulled = json.loads(self.at(clone, "pull", "--json", user=AGENT2).out)
        self.assertEqual(pulled["new"], 0)
        self.assertEqual(len(self.ok("list", "--ids").out.split()), 3)

    def test_push_cursor_follows_what_the_remote_holds(self):
        clone = self.clone(AGENT2)
        db = os.path.join(clone, ".tickets", "tickets.db")

        def cursor_and_top():
            con = sqlite3.connect(db)
            try:
                return (con.execute("SELECT pushed_seq FROM remotes WHERE name = 'origin'").fetchone()[0],
                        con.execute("SELECT max(seq) FROM events").fetchone()[0])
            finally:
                con.close()

        self.at(clone, "new", "Aufzug steht", "-m", "Seit heute morgen.", user=AGENT2)
        self.assertEqual(json.loads(self.at(clone, "push", "--json", user=AGENT2).out)["sent"], 1)
        cursor, top = cursor_and_top()
        self.assertEqual(cursor, top)
        # Events pulled from the server move the cursor on the next push,
        # without being sent back.
        self.ok("new", "Dach undicht", "-m", "Wasser im 4. OG.")
        self.at(clone, "pull", user=AGENT2)
        self.assertEqual(json.loads(self.at(clone, "push", "--json", user=AGENT2).out)["sent"], 0)
        cursor, top = cursor_and_top()
        self.assertEqual(cursor, top)
        # A later change goes out alone, and the cursor follows it.
        ticket = self.at(clone, "list", "--ids", user=AGENT2).out.split()[0]
        self.at(clone, "comment", ticket, "-m", "Techniker kommt morgen.", user=AGENT2)
        self.assertEqual(json.loads(self.at(clone, "push", "--json", user=AGENT2).out)["accepted"], 1)
        self.assertEqual(cursor_and_top()[0], cursor_and_top()[1])

    def test_pull_with_unsent_local_changes_sends_only_those(self):
        self.ok("new", "Heizung kalt", "-m", "Seit gestern.")
        clone = self.clone(AGENT2)
        db = os.path.join(clone, ".tickets", "tickets.db")
        con = sqlite3.connect(db)
        # A clone knows the remote holds everything by the push cursor alone.
        self.assertEqual(con.execute("SELECT count(*) FROM remote_events").fetchone()[0], 0)
        self.assertEqual(con.execute("SELECT pushed_seq FROM remotes").fetchone()[0],
                         con.execute("SELECT max(seq) FROM events").fetchone()[0])
        con.close()
        # A local change not yet pushed, then news from the server: the pulled
        # events are recorded one by one, and only the local one goes out.
        self.at(clone, "new", "Fenster klemmt", "-m", "Im Büro.", user=AGENT2)
        self.ok("new", "Dach undicht", "-m", "Wasser im 4. OG.")
        pulled = json.loads(self.at(clone, "pull", "--json", user=AGENT2).out)
        self.assertEqual(pulled["new"], 1)
        pushed = json.loads(self.at(clone, "push", "--json", user=AGENT2).out)
        self.assertEqual((pushed["sent"], pushed["accepted"]), (1, 1))
        self.assertEqual(json.loads(self.at(clone, "push", "--json", user=AGENT2).out)["sent"], 0)
        self.assertEqual(sorted(self.ok("list", "--ids").out.split()),
                         sorted(self.at(clone, "list", "--ids", user=AGENT2).out.split()))


class Visibility(SyncTest):
    def setUp(self):
        super().setUp()
        self.a = self.ok("new", "Heizung A", "-m", "kalt", "--requester", TENANT_A).out.strip()
        self.a2 = self.ok("new", "Treppenhaus A", "-m", "Licht", "--requester", COLLEAGUE_A).out.strip()
        self.b = self.ok("new", "Wasser B", "-m", "nass", "--requester", TENANT_B).out.strip()
        self.ok("comment", self.a, "-m", "Nur für uns", "--internal")
        self.ok("comment", self.a, "-m", "Wir kümmern uns")

    def test_matrix(self):
        tenant = self.clone(TENANT_A)
        self.assertEqual(self.subjects(tenant, TENANT_A), ["Heizung A"])
        j = json.loads(self.at(tenant, "show", self.a, "--json", user=TENANT_A).out)
        self.assertEqual([c["body"] for c in j["comments"]], ["Wir kümmern uns"])  # no internal note
        self.at(tenant, "show", self.b, user=TENANT_A, code=3)
        self.at(tenant, "fsck", user=TENANT_A)
        main_contact = self.clone(MAIN_A)
        self.assertEqual(self.subjects(main_contact, MAIN_A), ["Heizung A", "Treppenhaus A"])
        other = self.clone(TENANT_B)
        self.assertEqual(self.subjects(other, TENANT_B), ["Wasser B"])
        agent = self.clone(AGENT2)
        self.assertEqual(self.subjects(agent, AGENT2), ["Heizung A", "Treppenhaus A", "Wasser B"])
        # The server never sends B's ticket or the internal note to customers.
        status, page = self.server.request("GET", "/v1/events?after=0", self.tokens[TENANT_B])
        self.assertEqual(status, 200)
        self.assertNotIn("Heizung A", json.dumps(page, ensure_ascii=False))
        status, page = self.server.request("GET", "/v1/events?after=0", self.tokens[MAIN_A])
        self.assertNotIn("Nur für uns", json.dumps(page, ensure_ascii=False))
        full_b = self.show(self.b)["id"]
        status, body = self.server.request("GET", f"/v1/tickets/{full_b}/events", self.tokens[TENANT_A])
        self.assertEqual(status, 404)

    def test_shared_organisation_and_cc(self):
        colleague = self.clone(COLLEAGUE_A)
        self.assertEqual(self.subjects(colleague, COLLEAGUE_A), ["Treppenhaus A"])
        self.ok("edit", self.a, "--add-cc", COLLEAGUE_A)  # now in CC: the whole history arrives
        self.at(colleague, "pull", user=COLLEAGUE_A)
        self.assertEqual(self.subjects(colleague, COLLEAGUE_A), ["Heizung A", "Treppenhaus A"])
        j = json.loads(self.at(colleague, "show", self.a, "--json", user=COLLEAGUE_A).out)
        self.assertEqual(j["description"], "kalt")
        self.at(colleague, "fsck", user=COLLEAGUE_A)
        self.ok("org", "add", "Immo Nord", "--domain", "immo-nord.de", "--shared")
        self.ok("user", "add", "hausmeister@immo-nord.de", "--role", "customer")
        token = self.ok("token", "create", "hausmeister@immo-nord.de").out.strip()
        status, page = self.server.request("GET", "/v1/events", token)
        self.assertIn("Wasser B", json.dumps(page, ensure_ascii=False))
        self.ok("user", "add", "hausmeister@immo-nord.de", "--role", "customer", "--restricted")
        status, page = self.server.request("GET", "/v1/events", token)
        self.assertEqual(page["events"], [])  # the stricter setting wins

    def test_customer_changes(self):
        tenant = self.clone(TENANT_A)
        self.at(tenant, "comment", self.a, "-m", "Immer noch kalt", user=TENANT_A)
        self.at(tenant, "status", self.a, "hold", user=TENANT_A)
        r = self.at(tenant, "push", "--json", user=TENANT_A, code=1)
        summary = json.loads(r.out)
        self.assertEqual((summary["accepted"], summary["rejected"]), (1, 1))
        self.assertEqual(summary["rejections"][0]["reason"], "only agents may change the status of tickets")
        server_view = self.show(self.a)
        self.assertEqual(server_view["status"], "new")
        self.assertEqual(server_view["comments"][-1]["body"], "Immer noch kalt")
        # A customer marks their own ticket solved after support replied.
        self.at(tenant, "resolve", self.a, "-m", "Passt jetzt", user=TENANT_A)
        self.at(tenant, "push", user=TENANT_A)
        self.assertEqual(self.show(self.a)["status"], "solved")

    def test_customer_cannot_write_to_another_organisations_ticket(self):
        full_b = self.show(self.b)["id"]
        forged = sealed({"v": 1, "type": "comment", "author": TENANT_A, "time": "2026-11-23T10:00:00Z",
                         "lamport": 99, "ticket": full_b, "payload": {"body": "hineingeschmuggelt",
                                                                      "internal": False, "attachments": []}})
        status, body = self.server.request("POST", "/v1/events", self.tokens[TENANT_A], {"events": [forged]})
        self.assertEqual(status, 200)
        self.assertEqual(body["results"][0]["status"], "rejected")
        other_author = sealed(dict({k: v for k, v in forged.items() if k != "id"}, author=TENANT_B))
        status, body = self.server.request("POST", "/v1/events", self.tokens[TENANT_A], {"events": [other_author]})
        self.assertIn("is not the authenticated user", body["results"][0]["reason"])
        self.assertNotIn("hineingeschmuggelt", json.dumps(self.show(self.b), ensure_ascii=False))


class Attachments(SyncTest):
    def blob(self, store, sha):
        with open(os.path.join(store, ".tickets", "objects", sha[:2], sha[2:]), "rb") as f:
            return f.read()

    def test_attachments_travel_with_push_and_pull_and_internal_ones_stay_internal(self):
        ticket = self.new("Zählerstand", as_user=TENANT_A)
        full = self.show(ticket)["id"]
        agent = self.clone(AGENT)
        tenant = self.clone(TENANT_A)
        photo, note = os.path.join(self.dir, "zaehler.jpg"), os.path.join(self.dir, "intern.pdf")
        photo_bytes, note_bytes = b"\xff\xd8\xff\xe0 Zaehler 4711" + bytes(range(256)), b"%PDF-1.4 nur intern"
        with open(photo, "wb") as f:
            f.write(photo_bytes)
        with open(note, "wb") as f:
            f.write(note_bytes)
        self.at(agent, "comment", ticket, "-m", "Foto anbei", "--attach", photo, user=AGENT)
        self.at(agent, "comment", ticket, "-m", "Vermerk", "--internal", "--attach", note, user=AGENT)
        self.at(agent, "push", user=AGENT)
        files = [a for c in self.show(ticket)["comments"] for a in c["attachments"]]
        self.assertEqual(len(files), 2)
        public, internal = files
        self.assertEqual(self.blob(self.dir, public["sha256"]), photo_bytes)
        self.assert_fsck_clean()
        self.assertIn(public["sha256"], self.ok("export", "--format", "jsonl").out)
        # The tenant gets the public attachment, and nothing of the internal one.
        self.at(tenant, "pull", user=TENANT_A)
        self.assertEqual(self.blob(tenant, public["sha256"]), photo_bytes)
        self.assertFalse(os.path.exists(os.path.join(tenant, ".tickets", "objects", internal["sha256"][:2],
                                                     internal["sha256"][2:])))
        self.at(tenant, "fsck", user=TENANT_A)
        for user, sha, expected in [(TENANT_A, internal["sha256"], 404), (TENANT_A, public["sha256"], 200),
                                    (AGENT, internal["sha256"], 200), (TENANT_B, public["sha256"], 404)]:
            req = urllib.request.Request(f"{self.server.url}/v1/tickets/{full}/blobs/{sha}")
            req.add_header("Authorization", "Bearer " + self.tokens[user])
            try:
                with urllib.request.urlopen(req, timeout=30) as r:
                    status, body = r.status, r.read()
            except urllib.error.HTTPError as e:
                status, body = e.code, e.read()
            self.assertEqual(status, expected, (user, sha))
            if status == 200:
                self.assertEqual(hashlib.sha256(body).hexdigest(), sha)
        # A second agent's clone gets both.
        other = self.clone(AGENT2)
        self.assertEqual(self.blob(other, internal["sha256"]), note_bytes)

    def test_an_event_without_its_blob_and_a_blob_that_lies_are_refused(self):
        ticket = self.show(self.new("Zählerstand", as_user=TENANT_A))["id"]
        sha = hashlib.sha256(b"nie gesendet").hexdigest()
        event = sealed({"v": 1, "type": "comment", "author": TENANT_A, "time": "2026-12-01T10:00:00Z",
                        "lamport": 9, "ticket": ticket,
                        "payload": {"body": "Foto", "internal": False,
                                    "attachments": [{"name": "a.jpg", "sha256": sha, "mime": "image/jpeg",
                                                     "size": 12}]}})
        status, body = self.server.request("POST", "/v1/events", self.tokens[TENANT_A], {"events": [event]})
        self.assertEqual(body["results"][0]["status"], "rejected")
        self.assertIn("is not on the server", body["results"][0]["reason"])
        status, body = self.server.request("POST", f"/v1/blobs/{sha}", self.tokens[TENANT_A], raw=b"etwas anderes")
        self.assertEqual((status, body["error"]), (400, f"blob {sha[:12]}: content does not match its hash"))
        status, body = self.server.request("POST", f"/v1/blobs/{sha}", self.tokens[TENANT_A], raw=b"nie gesendet")
        self.assertEqual(status, 200)
        status, body = self.server.request("POST", "/v1/events", self.tokens[TENANT_A], {"events": [event]})
        self.assertEqual(body["results"][0]["status"], "accepted")
        self.assert_fsck_clean()


class Verdicts(SyncTest):
    def test_what_the_server_skipped_stays_skipped_on_every_replica_and_refold(self):
        short = self.new("Heizung ausgefallen", as_user=TENANT_A)
        ticket = self.show(short)
        tenant = self.clone(TENANT_A)
        self.ok("resolve", short, "-m", "Thermostat getauscht", as_user=AGENT)
        self.ok("close", short, as_user=AGENT)
        # A backdated escalation: in the merged order it would come before
        # the resolution and take effect.
        late = sealed({"v": 1, "type": "escalate", "author": TENANT_A, "time": "2026-12-01T10:00:00Z",
                       "lamport": 1, "ticket": ticket["id"], "payload": {"reason": "dringend"}})
        status, body = self.server.request("POST", "/v1/events", self.tokens[TENANT_A], {"events": [late]})
        self.assertEqual(body["results"][0]["status"], "accepted")
        self.assertEqual(body["results"][0]["skipped"], "cannot escalate: status is closed")

        def check(*where):
            t = json.loads(self.run_cli(*where, "show", short, "--json").out)
            self.assertEqual((t["status"], t["priority"], t["escalated"]), ("closed", ticket["priority"], False))
            self.assertIn(late["id"], [s["event"] for s in t["skipped_events"]])
        check()
        self.ok("reindex")
        check()
        self.assert_fsck_clean()
        # A client learns the verdict with the event, and keeps it after a reindex.
        self.at(tenant, "pull", user=TENANT_A)
        check("-C", tenant)
        self.at(tenant, "reindex", user=TENANT_A)
        check("-C", tenant)
        self.at(tenant, "fsck", user=TENANT_A)
        fresh = self.clone(AGENT2)
        check("-C", fresh)
        # A backup keeps it too.
        backup = self.ok("export", "--format", "jsonl").out
        restored = os.path.join(self.dir, "restored")
        self.ok("init", restored)
        self.ok("-C", restored, "import", "-", input=backup)
        check("-C", restored)
        self.ok("-C", restored, "fsck")


class SlaTargets(SyncTest):
    def test_a_customer_cannot_push_targets_of_their_own(self):
        self.ok("config", "set", "sla.urgent.first_reply", "1h")
        short = self.ok("new", "Aufzug steckt", "-m", "Im 3. OG", "--priority", "urgent",
                        "--requester", TENANT_A).out.strip()
        ticket = self.show(short)
        self.assertEqual(ticket["sla_policy"], "urgent")
        # Already urgent: the escalation changes no priority, and its payload
        # would take the clocks away.
        forged = sealed({"v": 1, "type": "escalate", "author": TENANT_A,
                         "time": "2026-12-01T10:00:00Z", "lamport": 5, "ticket": ticket["id"],
                         "payload": {"reason": "Bitte schnell", "sla": {}}})
        status, body = self.server.request("POST", "/v1/events", self.tokens[TENANT_A],
                                           {"events": [forged]})
        self.assertEqual((status, body["results"][0]["status"]), (200, "accepted"))
        after = self.show(short)
        self.assertTrue(after["escalated"])
        self.assertEqual((after["sla_policy"], after["sla"]["policy"]), ("urgent", "urgent"))
        self.assert_fsck_clean()


class Failures(SyncTest):
    def test_wrong_and_revoked_tokens_exit_77(self):
        path = os.path.join(self.dir, "c")
        r = self.run_cli("clone", self.server.url, path, env={"TICKETS_TOKEN": "tk_falsch"})
        self.assertEqual(r.code, 77, r)
        self.assertIn("unknown or revoked token", r.err)
        clone = self.clone(TENANT_A)
        self.ok("token", "revoke", TENANT_A)
        r = self.at(clone, "pull", user=TENANT_A, code=77)
        self.assertEqual(len(r.err.strip().splitlines()), 1)
        status, body = self.server.request("GET", "/v1/events", None)
        self.assertEqual((status, body), (401, {"error": "missing bearer token"}))

    def test_server_unreachable_exits_69(self):
        clone = self.clone(AGENT2)
        self.server.stop()
        r = self.at(clone, "pull", user=AGENT2, code=69)
        self.assertIn("server unreachable", r.err)
        self.server.start()

    def test_bad_requests_get_json_errors(self):
        t = self.tokens[AGENT]
        self.assertEqual(self.server.request("POST", "/v1/events", t, raw=b"{nicht json")[0], 400)
        self.assertEqual(self.server.request("POST", "/v1/events", t, {"events": 5})[0], 400)
        self.assertEqual(self.server.request("POST", "/v1/events", t, {"wrong": []})[0], 400)
        self.assertEqual(self.server.request("GET", "/v1/events?after=abc", t)[0], 400)
        self.assertEqual(self.server.request("GET", "/v1/events?limit=100000", t)[0], 400)
        status, body = self.server.request("POST", "/v1/events", t, raw=b"x" * (33 * 1024 * 1024))
        self.assertEqual(status, 413)
        bad = {"events": [{"v": 1, "id": "0" * 64, "type": "create", "author": AGENT, "time": "2026-01-01T00:00:00Z",
                           "lamport": 1, "payload": {}},
                          {"v": 1, "id": 5, "type": [], "author": None}]}
        status, body = self.server.request("POST", "/v1/events", t, bad)
        self.assertEqual(status, 200)
        self.assertEqual([r["status"] for r in body["results"]], ["rejected", "rejected"])
        self.assertIn("does not match its content", body["results"][0]["reason"])
        self.assertEqual(self.server.request("GET", "/v1/nothing", t)[0], 404)
        self.assertEqual(self.server.proc.poll(), None)  # still serving

    def test_killed_server_during_push_then_retry(self):
        clone = self.clone(AGENT2)
        rows = "".join(f"Ticket {i},Beschreibung {i}\r\n" for i in range(6000))
        self.at(clone, "import", "--format", "csv", "-", input="subject,description\r\n" + rows, user=AGENT2)
        push = subprocess.Popen([BIN, "-C", clone, "push"], env=dict(self.env, TICKETS_TOKEN=self.tokens[AGENT2],
                                                                     TICKETS_USER=AGENT2),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(0.3)
        self.server.stop(signal.SIGKILL)
        out, err = push.communicate(timeout=120)
        self.server.start()
        self.at(clone, "push", user=AGENT2)
        self.assertEqual(len(self.ok("list", "--ids").out.split()), 6000)
        con = self.db()
        self.assertEqual(con.execute("SELECT count(*) FROM events").fetchone()[0], 6000)
        con.close()
        self.assert_fsck_clean()
        # A pull right after brings nothing twice.
        self.at(clone, "pull", user=AGENT2)
        self.at(clone, "fsck", user=AGENT2)
        self.assertEqual(len(self.at(clone, "list", "--ids", user=AGENT2).out.split()), 6000)

    def test_graceful_stop(self):
        self.assertEqual(self.server.stop(signal.SIGTERM), 0)
        with open(self.server.log_path) as log:
            self.assertIn("server stopped", log.read())
        self.server.start()


if __name__ == "__main__":
    main()
