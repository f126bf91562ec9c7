"""The knowledge base: `tickets kb` in a store, its versions synced through a
real `tickets serve` by push and pull, who may write, the help centre of the
web pages (Markdown rendered without raw HTML) and the suggestions of `new`
and the request form."""

import json
import os
import re

from harness import AGENT, TicketsTest, main, requires
from portal_client import CUSTOMER_A, PortalTest

ARTICLE = """# Heizung entlüften

Wenn die **Heizung** gluckert, entlüften Sie sie:

1. Ventil öffnen
2. Wasser auffangen

<script>alert('kb')</script><b onclick="x()">fett</b>
[Anleitung](javascript:alert(1)) und [Hersteller](https://example.com/heizung)
"""


class Articles(TicketsTest):
    def setUp(self):
        super().setUp()
        self.env["TICKETS_USER"] = AGENT

    def article(self, title="Heizung entlüften", *extra):
        r = self.ok("kb", "add", title, "-m", ARTICLE, "--section", "Heizung", *extra)
        self.assertRegex(r.out.strip(), r"^[0-9a-f]{7}$")
        self.assertIn("wrote article", r.err)
        return r.out.strip()

    def test_add_edit_list_show_and_remove(self):
        a = self.article("Heizung entlüften", "--product", "Gebäude", "--language", "de", "--tag", "heizung")
        b = self.ok("kb", "add", "Müllabfuhr", "-m", "Dienstags.", "--section", "Haus").out.strip()
        lines = self.ok("kb", "list").out.splitlines()
        self.assertEqual([l.split()[0] for l in lines], [b, a])  # by section, then title
        self.assertEqual(self.ok("kb", "list", "entlueften").out.split()[0], a)  # folded words
        self.assertEqual(self.ok("kb", "list", "--section", "haus").out.split()[0], b)
        shown = self.ok("kb", "show", a, "--json").json()
        self.assertEqual((shown["title"], shown["section"], shown["product"], shown["language"], shown["tags"]),
                         ("Heizung entlüften", "Heizung", "Gebäude", "de", ["heizung"]))
        self.assertEqual(shown["body"], ARTICLE)
        self.ok("kb", "edit", a, "--title", "Heizkörper entlüften")
        shown = self.ok("kb", "show", a, "--json").json()
        self.assertEqual(shown["title"], "Heizkörper entlüften")
        self.assertEqual(shown["body"], ARTICLE)  # what was not given stays
        text = self.ok("kb", "show", a).out
        self.assertTrue(text.startswith("# Heizkörper entlüften\n"))
        self.assertIn("section: Heizung", text)
        self.ok("kb", "remove", a)
        self.assertEqual(self.ok("kb", "list").out.split()[0], b)
        self.assertEqual(self.ok("kb", "list", "--removed").out.split()[0], a)
        # Versions are kept, each an event hashed like the tickets' events.
        con = self.db()
        versions = con.execute("SELECT count(*) FROM kb_events").fetchone()[0]
        con.close()
        self.assertEqual(versions, 4)

    def test_bad_input_is_refused_and_changes_nothing(self):
        a = self.article()
        before = self.db().execute("SELECT * FROM kb_events").fetchall()
        self.fails(2, "kb", "add", "Ohne Text", "--language", "fr", "-m", "x")
        self.fails(2, "kb", "add", "   ", "-m", "x")
        self.fails(3, "kb", "show", "abcdef0")
        self.fails(2, "kb", "show", "nicht-hex")
        self.fails(2, "kb", "edit", a)  # nothing to change (no terminal for an editor)
        self.ok("kb", "remove", a)
        self.fails(2, "kb", "remove", a)
        after = self.db().execute("SELECT * FROM kb_events").fetchall()
        self.assertEqual(len(after), len(before) + 1)  # only the removal

    def test_only_support_writes_in_a_store_with_users(self):
        self.ok("user", "add", AGENT, "--role", "agent")
        self.ok("user", "add", CUSTOMER_A, "--role", "customer")
        r = self.fails(77, "kb", "add", "Tipp", "-m", "x", as_user=CUSTOMER_A)
        self.assertIn("only agents and managers write articles", r.err)
        self.article()

    def test_new_suggests_articles_for_its_subject(self):
        a = self.article()
        self.ok("kb", "add", "Schlüssel verloren", "-m", "Hausmeister anrufen.")
        r = self.ok("new", "Heizung gluckert laut", "-m", "Seit gestern.")
        self.assertRegex(r.out, r"^[0-9a-f]{7,}\n$")  # stdout stays the id alone
        self.assertIn("help centre articles that may answer it:", r.err)
        self.assertIn(f"{a}  Heizung entlüften", r.err)
        self.assertNotIn("Schlüssel", r.err)
        r = self.ok("new", "Drucker kaputt", "-m", "x")
        self.assertNotIn("help centre", r.err)


@requires("sync")
class SyncAndPages(PortalTest):
    def clone(self, user, token):
        path = os.path.join(self.dir, user.split("@")[0])
        self.ok("clone", self.server.url, path, env={"TICKETS_TOKEN": token}, as_user=user)
        return path

    def test_articles_travel_by_push_and_pull_and_only_support_may_push_them(self):
        colleague = "kollegin@support.example.com"
        self.ok("user", "add", colleague, "--role", "agent")
        tokens = {AGENT: self.agent_token, colleague: self.ok("token", "create", colleague).out.strip(),
                  CUSTOMER_A: self.ok("token", "create", CUSTOMER_A).out.strip()}
        mine = self.clone(AGENT, tokens[AGENT])
        theirs = self.clone(colleague, tokens[colleague])
        env = lambda user: {"TICKETS_TOKEN": tokens[user]}  # noqa: E731
        a = self.ok("-C", mine, "kb", "add", "Heizung entlüften", "-m", ARTICLE, as_user=AGENT).out.strip()
        pushed = self.ok("-C", mine, "push", "--json", env=env(AGENT), as_user=AGENT).json()
        self.assertEqual(pushed["accepted"], 1)
        self.assertEqual(self.ok("kb", "list").out.split()[0], a)  # on the server
        self.ok("-C", theirs, "pull", env=env(colleague), as_user=colleague)
        self.assertEqual(self.ok("-C", theirs, "kb", "show", a, "--json", as_user=colleague).json()["body"], ARTICLE)
        self.ok("-C", theirs, "kb", "edit", a, "--section", "Heizung", as_user=colleague)
        self.ok("-C", theirs, "push", env=env(colleague), as_user=colleague)
        self.ok("-C", mine, "pull", env=env(AGENT), as_user=AGENT)
        self.assertEqual(self.ok("-C", mine, "kb", "show", a, "--json", as_user=AGENT).json()["section"], "Heizung")
        # A second push sends nothing again (the pulled version included).
        self.assertEqual(self.ok("-C", mine, "push", "--json", env=env(AGENT), as_user=AGENT).json()["sent"], 0)
        # A customer's clone may read, not write.
        customer = self.clone(CUSTOMER_A, tokens[CUSTOMER_A])
        self.assertEqual(self.ok("-C", customer, "kb", "list", as_user=CUSTOMER_A).out.split()[0], a)
        self.ok("-C", customer, "kb", "add", "Mein Tipp", "-m", "x", as_user=CUSTOMER_A)
        r = self.run_cli("-C", customer, "push", "--json", env=env(CUSTOMER_A), as_user=CUSTOMER_A)
        result = json.loads(r.out)
        self.assertEqual(result["rejected"], 1)
        self.assertIn("only agents and managers", json.dumps(result["rejections"]))
        self.assertNotIn("Mein Tipp", self.ok("kb", "list").out)
        # A forged version (its hash broken) is refused by the server.
        status, answer = self.server.request("POST", "/v1/kb", self.agent_token, {"events": [
            {"id": "0" * 64, "v": 1, "type": "article", "author": AGENT, "time": "2026-12-01T00:00:00Z",
             "lamport": 1, "ticket": "", "payload": {"title": "x"}}]})
        self.assertEqual(status, 200, answer)
        self.assertEqual(answer["results"][0]["status"], "rejected")

    def test_the_help_centre_renders_markdown_without_raw_html(self):
        a = self.ok("kb", "add", "Heizung entlüften", "-m", ARTICLE, "--section", "Heizung").out.strip()
        self.ok("kb", "add", "Alt", "-m", "weg")
        gone = json.loads(self.ok("kb", "list", "--json").out)
        self.ok("kb", "remove", [g for g in gone if g["title"] == "Alt"][0]["id"][:7])
        full = self.ok("kb", "show", a, "--json").json()["id"]
        b = self.sign_in(CUSTOMER_A)
        centre = b.get("/help").text
        self.assertIn("Heizung entlüften", centre)
        self.assertNotIn(">Alt<", centre)
        self.assertIn("Heizung entlüften", b.get("/help?q=gluckert").text)
        self.assertNotIn("Heizung entlüften", b.get("/help?q=drucker").text)
        page = b.get(f"/help/{full}").text
        self.assertIn("<strong>Heizung</strong>", page)
        self.assertIn("<ol>", page)
        self.assertIn('href="https://example.com/heizung"', page)
        self.assertNotIn("<script>alert", page)
        self.assertNotIn("onclick", page)
        self.assertNotIn("javascript:", page)
        suggest = b.get("/help/suggest?q=Heizung%20gluckert")
        self.assertEqual(suggest.headers["Content-Type"], "application/json")
        self.assertEqual([s["id"] for s in json.loads(suggest.body)], [full])
        # The form without script: the button asks for suggestions, keeps what was typed.
        form = b.get("/new")
        r = b.request("POST", "/new", {"csrf": form.csrf(), "subject": "Heizung gluckert",
                                        "description": "laut", "suggest": "1"}, files=[])
        self.assertIn(f'href="/help/{full}"', r.text)
        self.assertIn('value="Heizung gluckert"', r.text)
        self.assertEqual(self.ok("list", "--ids").out, "")  # nothing created
        self.assertEqual(b.get("/help/" + "0" * 64).status, 404)
        self.assertTrue(re.search(r"Max-Age|max-age", b.get("/static/portal.js").headers["Cache-Control"]))


if __name__ == "__main__":
    main()
