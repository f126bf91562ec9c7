"""The everyday commands as an agent and a tenant use them."""

import os
import subprocess

from harness import AGENT, BIN, TENANT, TicketsTest, main


class NewTicket(TicketsTest):
    def test_new_prints_short_id_and_stores_fields(self):
        t = self.new("Wasserschaden im Keller", "--type", "incident", "--product", "PowerHaus",
                     "--topic", "Buchhaltung", "--category", "Wasser", "--property", "Musterstraße 1",
                     "--cc", "Kollegin@Muster-HV.de", "--tag", "keller", "--tag", "dringend", "--public")
        j = self.show(t)
        self.assertTrue(j["id"].startswith(t))
        self.assertEqual(j["subject"], "Wasserschaden im Keller")
        self.assertEqual(j["status"], "new")
        self.assertEqual(j["type"], "incident")
        self.assertEqual(j["priority"], "normal")  # default for incident
        self.assertEqual(j["requester"], TENANT)
        self.assertEqual(j["organisation"], "muster-hv.de")
        self.assertEqual(j["cc"], ["kollegin@muster-hv.de"])
        self.assertEqual(j["tags"], ["keller", "dringend"])
        self.assertEqual(j["property"], "Musterstraße 1")
        self.assertEqual(j["visibility"], "public")
        self.assertEqual(j["comments"], [])

    def test_list_options_take_several_values_repeated_or_comma_separated(self):
        r = self.ok("new", "Heizung", "defekt", "--cc", "a@muster-hv.de", "b@muster-hv.de",
                    "--cc", "c@muster-hv.de,d@muster-hv.de", "--tag", "x", "y", "--tag", "w",
                    "-m", "kalt", "--json")
        j = r.json()
        self.assertEqual((j["subject"], j["cc"], j["tags"]),
                         ("Heizung defekt",
                          ["a@muster-hv.de", "b@muster-hv.de", "c@muster-hv.de", "d@muster-hv.de"],
                          ["x", "y", "w"]))
        self.ok("edit", j["short_id"], "--add-tag", "z", "v", "--remove-cc", "a@muster-hv.de",
                "b@muster-hv.de")
        shown = self.show(j["short_id"])
        self.assertEqual(shown["tags"], ["x", "y", "w", "z", "v"])
        self.assertEqual(shown["cc"], ["c@muster-hv.de", "d@muster-hv.de"])
        # Given before the subject, the subject's words become addresses: the
        # man page says so, and the error names what is missing.
        r = self.fails(2, "new", "--cc", "a@muster-hv.de", "Heizung", "-m", "kalt")
        self.assertIn("a subject is required", r.err)

    def test_assign_me(self):
        t = self.new("Wer übernimmt?")
        r = self.ok("assign", t, "me", "--as", "agent@support.example.com", "--json")
        self.assertEqual(r.json()[0]["assignee"], "agent@support.example.com")
        self.assertEqual(self.show(t)["status"], "open")

    def test_bad_priority_in_config_is_a_config_error(self):
        self.edit_config_by_hand("priority.question", "sofort")
        r = self.fails(78, "new", "x", "-m", "y")
        self.assertIn("priority.question", r.err)

    def test_default_priority_follows_type_and_config(self):
        self.assertEqual(self.show(self.new("Frage", "--type", "question"))["priority"], "low")
        self.assertEqual(self.show(self.new("Wunsch", "--type", "Produktanforderung"))["priority"], "normal")
        self.assertEqual(self.show(self.new("Brand", "--type", "urgent"))["priority"], "high")
        self.ok("config", "set", "priority.question", "normal")
        self.assertEqual(self.show(self.new("Frage 2", "--type", "question"))["priority"], "normal")
        self.assertEqual(self.show(self.new("Frage 3", "--priority", "hoch"))["priority"], "high")

    def test_organisation_from_configured_domain(self):
        self.ok("config", "set", "domains.muster-hv.de", "Hausverwaltung Muster GmbH")
        self.assertEqual(self.show(self.new())["organisation"], "Hausverwaltung Muster GmbH")

    def test_private_mail_addresses_have_no_organisation(self):
        t = self.new("Klingel defekt", as_user="lena.fischer@gmail.com")
        self.assertIsNone(self.show(t)["organisation"])
        self.ok("config", "set", "domains.gmail.com", "Privat")
        t = self.new("Klingel defekt", as_user="lena.fischer@gmail.com")
        self.assertEqual(self.show(t)["organisation"], "Privat")

    def test_assignee_on_creation_opens_the_ticket(self):
        self.assertEqual(self.show(self.new("X", "--assignee", AGENT))["status"], "open")

    def test_new_json_prints_the_ticket(self):
        r = self.ok("new", "Aufzug steht", "-m", "Seit Montag.", "--json")
        j = r.json()
        self.assertEqual(j["subject"], "Aufzug steht")
        self.assertEqual(len(j["id"]), 64)

    def test_description_from_file_and_stdin(self):
        path = f"{self.dir}/beschreibung.txt"
        with open(path, "w", encoding="utf-8") as f:
            f.write("Die Heizung im 2. OG läuft nicht.\n")
        t = self.ok("new", "Heizung", "-F", path).out.strip()
        self.assertEqual(self.show(t)["description"], "Die Heizung im 2. OG läuft nicht.\n")
        t = self.ok("new", "Heizung", "-F", "-", input="Über stdin").out.strip()
        self.assertEqual(self.show(t)["description"], "Über stdin")

    def test_two_identical_tickets_in_the_same_second_are_distinct(self):
        env = {"TICKETS_NOW": "2026-11-02T10:00:00Z"}
        a = self.ok("new", "Gleich", "-m", "gleich", env=env).out.strip()
        b = self.ok("new", "Gleich", "-m", "gleich", env=env).out.strip()
        self.assertNotEqual(self.show(a)["id"], self.show(b)["id"])


class Workflow(TicketsTest):
    def test_support_lifecycle(self):
        t = self.new()
        self.ok("assign", t, AGENT, as_user=AGENT)
        self.assertEqual(self.show(t)["status"], "open")
        self.ok("status", t, "wartend", as_user=AGENT)
        self.assertEqual(self.show(t)["status"], "pending")
        self.ok("status", t, "hold", as_user=AGENT)
        self.ok("status", t, "open", as_user=AGENT)
        self.ok("resolve", t, "-m", "Thermostat getauscht.", as_user=AGENT)
        j = self.show(t)
        self.assertEqual(j["status"], "solved")
        self.assertIsNotNone(j["solved_at"])
        self.assertEqual(j["comments"][-1]["kind"], "solution")
        self.ok("rate", t, "good", "--reason", "Schnell erledigt")
        self.assertEqual(self.show(t)["satisfaction"], {"rating": "good", "reason": "Schnell erledigt"})
        self.ok("close", t, as_user=AGENT)
        self.assertEqual(self.show(t)["status"], "closed")
        self.assert_fsck_clean()

    def test_requester_reply_reopens_solved(self):
        t = self.new()
        self.ok("resolve", t, "-m", "Erledigt.", as_user=AGENT)
        self.ok("comment", t, "-m", "Leider immer noch kalt.")  # the requester
        self.assertEqual(self.show(t)["status"], "open")

    def test_agent_reply_keeps_solved(self):
        t = self.new()
        self.ok("resolve", t, "-m", "Erledigt.", as_user=AGENT)
        self.ok("comment", t, "-m", "Gern geschehen.", as_user=AGENT)
        self.assertEqual(self.show(t)["status"], "solved")

    def test_reply_to_closed_ticket_opens_linked_follow_up(self):
        t = self.new("Fenster undicht")
        self.ok("close", t, as_user=AGENT)
        r = self.ok("comment", t, "-m", "Es zieht wieder.")
        follow = r.out.strip()
        self.assertRegex(follow, r"^[0-9a-f]{7,}$")
        self.assertIn("closed: opened follow-up", r.err)
        old, new = self.show(t), self.show(follow)
        self.assertEqual(old["status"], "closed")
        self.assertEqual(old["comments"], [])
        self.assertEqual(old["follow_ups"], [new["id"]])
        self.assertEqual(new["follow_up_of"], old["id"])
        self.assertEqual(new["subject"], "Fenster undicht")
        self.assertEqual(new["description"], "Es zieht wieder.")
        self.assertEqual(new["requester"], TENANT)
        self.assertEqual(new["status"], "new")
        self.assert_fsck_clean()

    def test_escalate_needs_reason_and_raises_priority(self):
        t = self.new("Frage", "--type", "question")
        before = self.snapshot()
        self.fails(2, "escalate", t)
        self.assertEqual(self.snapshot(), before)
        r = self.ok("escalate", t, "-m", "Mieter droht mit Mietminderung")
        self.assertEqual(r.err, f"ticket {t}: new, priority normal\n")
        j = self.show(t)
        self.assertEqual(j["priority"], "normal")
        self.assertTrue(j["escalated"])
        self.assertEqual(j["escalation_count"], 1)
        self.assertEqual(j["escalations"][0]["reason"], "Mieter droht mit Mietminderung")
        self.assertEqual(j["comments"][-1]["kind"], "escalation")

    def test_link_relates_two_tickets_both_ways(self):
        roof = self.new("Dach undicht")
        stain = self.new("Wasserfleck an der Decke")
        other = self.new("Klingel")
        r = self.ok("link", stain, roof, "--relation", "child")
        self.assertEqual(r.err, f"ticket {stain}: child of {roof}\n")
        self.ok("link", other, roof)
        self.assertEqual(self.show(roof)["links"], [
            {"relation": "child", "ticket": self.show(stain)["id"]},
            {"relation": "related", "ticket": self.show(other)["id"]}])
        self.assertEqual(self.show(stain)["links"], [{"relation": "parent", "ticket": self.show(roof)["id"]}])
        shown = self.ok("show", roof).out
        self.assertIn(f"child:         {stain}  Wasserfleck an der Decke", shown)
        before = self.snapshot()
        r = self.fails(1, "link", stain, roof)
        self.assertIn("already linked (parent)", r.err)
        r = self.fails(2, "link", stain, stain)
        self.assertIn("cannot be linked to itself", r.err)
        r = self.fails(2, "link", stain, roof, "--relation", "cousin")
        self.assertIn("unknown relation 'cousin'", r.err)
        self.fails(3, "link", stain, "deadbeef")
        self.assertEqual(self.snapshot(), before)
        self.ok("link", stain, roof, "--remove")
        self.assertEqual(self.show(stain)["links"], [])
        self.assertEqual(len(self.show(roof)["links"]), 1)
        self.assert_fsck_clean()

    def test_forbidden_moves_are_refused_with_exit_1(self):
        t = self.new()
        self.ok("close", t, as_user=AGENT)
        before = self.snapshot()
        r = self.fails(1, "resolve", t, "-m", "x", as_user=AGENT)
        self.assertIn(f"ticket {t}: cannot resolve: status is closed", r.err)
        self.fails(1, "reopen", t, as_user=AGENT)
        self.fails(1, "status", t, "pending", as_user=AGENT)
        self.fails(1, "assign", t, AGENT, as_user=AGENT)
        self.fails(1, "edit", t, "--priority", "high", as_user=AGENT)
        self.assertEqual(self.snapshot(), before)
        u = self.new()
        self.fails(1, "reopen", u)
        self.fails(1, "rate", u, "good")
        self.fails(1, "status", u, "new")

    def test_a_bulk_change_run_again_does_the_rest(self):
        a, b, c = self.new("Eins"), self.new("Zwei"), self.new("Drei")
        self.ok("close", a, as_user=AGENT)
        events = self.db().execute("SELECT count(*) FROM events").fetchone()[0]
        r = self.ok("close", a, b, c, as_user=AGENT)
        self.assertEqual(r.err.splitlines(), [f"ticket {a}: already closed", f"ticket {b}: closed",
                                              f"ticket {c}: closed"])
        self.assertEqual(self.db().execute("SELECT count(*) FROM events").fetchone()[0], events + 2)
        r = self.ok("close", a, b, c, as_user=AGENT)
        self.assertEqual(len(r.err.splitlines()), 3)
        self.assertTrue(all("already closed" in line for line in r.err.splitlines()))
        d, e = self.new("Vier"), self.new("Fünf")
        self.ok("assign", d, AGENT, as_user=AGENT)
        r = self.ok("assign", d, e, AGENT, as_user=AGENT)
        self.assertIn(f"ticket {d}: already assigned to {AGENT}", r.err)
        self.assertEqual(self.show(e)["assignee"], AGENT)
        self.ok("delete", d, as_user=AGENT)
        self.assertIn("already deleted", self.ok("delete", d, as_user=AGENT).err)
        # A refusal of another kind still refuses the whole batch.
        self.fails(1, "resolve", a, e, "-m", "x", as_user=AGENT)
        self.assertEqual(self.show(e)["status"], "open")

    def test_delete_hides_from_list(self):
        a, b = self.new("Bleibt"), self.new("Weg")
        self.ok("delete", b, as_user=AGENT)
        j = self.show(b)
        self.assertEqual((j["status"], j["deleted"]), ("closed", True))
        ids = self.ok("list", "--ids").out.split()
        self.assertEqual([i[:len(a)] for i in ids], [a])
        self.assertEqual(len(self.ok("list", "--ids", "--deleted").out.split()), 2)

    def test_internal_note_and_correspondence_order(self):
        t = self.new()
        self.ok("comment", t, "-m", "Erste Antwort", as_user=AGENT, env={"TICKETS_NOW": "2026-11-02T10:00:00Z"})
        self.ok("comment", t, "-m", "Nur intern", "--internal", as_user=AGENT,
                env={"TICKETS_NOW": "2026-11-02T11:00:00Z"})
        self.ok("comment", t, "-m", "Danke", env={"TICKETS_NOW": "2026-11-02T12:00:00Z"})
        j = self.show(t)
        self.assertEqual([c["body"] for c in j["comments"]], ["Erste Antwort", "Nur intern", "Danke"])
        self.assertEqual([c["internal"] for c in j["comments"]], [False, True, False])
        self.assertEqual(j["first_response_at"], "2026-11-02T10:00:00Z")
        text = self.ok("show", t).out
        self.assertIn("internal note", text)
        self.assertLess(text.index("Erste Antwort"), text.index("Nur intern"))
        self.assertLess(text.index("Nur intern"), text.index("Danke"))
        self.assertIn(f"{AGENT} (support.example.com)", text)

    def test_edit_fields(self):
        t = self.new()
        self.ok("edit", t, "--subject", "Heizung 2. OG", "--priority", "urgent", "--add-cc", "hw@muster-hv.de",
                "--add-tag", "heizung", "--category", "Heizung", "--due", "2026-12-01", as_user=AGENT)
        j = self.show(t)
        self.assertEqual(j["subject"], "Heizung 2. OG")
        self.assertEqual(j["priority"], "urgent")
        self.assertEqual(j["cc"], ["hw@muster-hv.de"])
        self.assertEqual(j["tags"], ["heizung"])
        self.assertEqual(j["due_at"], "2026-12-01T00:00:00Z")
        self.ok("edit", t, "--remove-tag", "heizung", "--remove-cc", "hw@muster-hv.de", as_user=AGENT)
        j = self.show(t)
        self.assertEqual((j["cc"], j["tags"]), ([], []))
        self.fails(2, "edit", t)  # nothing to change

    def test_attachments_are_content_addressed_blobs(self):
        t = self.new()
        path = f"{self.dir}/foto.png"
        data = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
        with open(path, "wb") as f:
            f.write(data)
        self.ok("comment", t, "-m", "Foto vom Schaden", "--attach", path)
        att = self.show(t)["comments"][0]["attachments"][0]
        self.assertEqual((att["name"], att["mime"], att["size"]), ("foto.png", "image/png", len(data)))
        import hashlib
        sha = hashlib.sha256(data).hexdigest()
        self.assertEqual(att["sha256"], sha)
        with open(f"{self.dir}/.tickets/objects/{sha[:2]}/{sha[2:]}", "rb") as f:
            self.assertEqual(f.read(), data)
        self.assertIn("attachment: foto.png", self.ok("show", t).out)

    def test_time_travel_with_tickets_now(self):
        t = self.ok("new", "Alt", "-m", "x", env={"TICKETS_NOW": "2026-01-15T08:30:00+01:00"}).out.strip()
        j = self.show(t)
        self.assertEqual(j["created_at"], "2026-01-15T07:30:00Z")
        self.fails(2, "new", "Alt", "-m", "x", env={"TICKETS_NOW": "gestern"})


MACROS = """
[macros.rueckfrage]
title = "Rückfrage: welche Wohnung?"
reply = """ + '"""' + """Guten Tag {{requester.name}},

zu Ticket #{{ticket.number}} ({{ticket.subject}}): in welcher Wohnung genau?
Status: {{ticket.status}}
{{ agent.name }}""" + '"""' + """
status = "pending"
assign = "me"
tags = "rückfrage"

[macros.notiz]
reply = "Intern: Rückruf {{requester.email}}"
internal = true
priority = "high"
"""


class History(TicketsTest):
    def test_show_lists_correspondence_and_history_in_time_order_local_times(self):
        self.ok("config", "set", "calendar.timezone", "Europe/Berlin")
        at = lambda when: {"TICKETS_NOW": when}
        a = self.ok("new", "Heizung ausgefallen", "-m", "Kalt", env=at("2026-11-02T08:00:00Z"),
                    as_user=TENANT).out.strip()
        self.ok("assign", a, AGENT, as_user=AGENT, env=at("2026-11-02T09:00:00Z"))
        self.ok("status", a, "pending", as_user=AGENT, env=at("2026-11-03T10:00:00Z"))
        self.ok("edit", a, "--priority", "high", "--add-tag", "winter", as_user=AGENT,
                env=at("2026-11-03T11:00:00Z"))
        # Written on a laptop whose clock was behind: it arrives last but
        # happened between the assignment and the status change.
        self.ok("comment", a, "-m", "Techniker kommt morgen", as_user=AGENT,
                env=at("2026-11-02T12:30:00Z"))
        self.ok("resolve", a, "-m", "Brenner getauscht", as_user=AGENT,
                env=at("2026-11-04T15:00:00Z"))
        text = self.ok("show", a).out
        entries = [line for line in text.splitlines() if line.startswith(("--- ", "··· "))]
        self.assertEqual([e.split("  ")[0] for e in entries],
                         ["··· 2026-11-02 10:00", "--- 2026-11-02 13:30", "··· 2026-11-03 11:00",
                          "··· 2026-11-03 12:00", "--- 2026-11-04 16:00"])  # CET, not UTC
        self.assertTrue(entries[0].endswith("assigned to " + AGENT), entries[0])
        self.assertTrue(entries[2].endswith("status: pending"), entries[2])
        self.assertTrue(entries[3].endswith("changed priority high; tags winter"), entries[3])
        self.assertTrue(entries[4].endswith("solution"), entries[4])
        self.assertIn("created:       2026-11-02 09:00", text)
        history = self.ok("show", a, "--json").json()["history"]
        self.assertEqual([(h["type"], h["time"]) for h in history],
                         [("assign", "2026-11-02T09:00:00Z"), ("status", "2026-11-03T10:00:00Z"),
                          ("set", "2026-11-03T11:00:00Z")])
        self.assertEqual(history[0]["author"], AGENT)


class Attachments(TicketsTest):
    def test_an_attachment_is_taken_out_of_the_store(self):
        a = self.new()
        plan = os.path.join(self.dir, "grundriss.pdf")
        content = b"%PDF-1.4\n" + bytes(range(256)) * 4
        with open(plan, "wb") as f:
            f.write(content)
        self.ok("comment", a, "-m", "Grundriss anbei", "--attach", plan, as_user=AGENT)
        os.remove(plan)
        rows = [line.split("\t") for line in self.ok("attachment", "list", a).out.splitlines()]
        self.assertEqual([r[:3] for r in rows], [["grundriss.pdf", "application/pdf", str(len(content))]])
        r = self.ok("attachment", "get", a, "grundriss.pdf")
        self.assertIn("wrote grundriss.pdf", r.err)
        with open(plan, "rb") as f:
            self.assertEqual(f.read(), content)
        # Not over a file that is there, unless told where to write.
        r = self.fails(1, "attachment", "get", a, "grundriss.pdf")
        self.assertIn("grundriss.pdf exists", r.err)
        out = os.path.join(self.dir, "kopie.pdf")
        self.ok("attachment", "get", a, rows[0][3][:8], "-o", out)  # by its hash
        with open(out, "rb") as f:
            self.assertEqual(f.read(), content)
        proc = subprocess.run([BIN, "attachment", "get", a, "grundriss.pdf", "-o", "-"],
                              capture_output=True, env=self.env, cwd=self.dir)
        self.assertEqual(proc.stdout, content)
        r = self.fails(3, "attachment", "get", a, "mietvertrag.pdf")
        self.assertIn("no attachment 'mietvertrag.pdf' (grundriss.pdf)", r.err)


class Macros(TicketsTest):
    def setUp(self):
        super().setUp()
        with open(os.path.join(self.dir, ".tickets", "config.toml"), "a") as f:
            f.write(MACROS)
        self.ok("config", "set", "user.name", "Jana Berger", as_user=AGENT)

    def test_list_and_apply_in_bulk(self):
        listed = self.ok("macro", "list", "--json").json()
        self.assertEqual([m["name"] for m in listed], ["notiz", "rueckfrage"])
        self.assertIn("rueckfrage\tRückfrage: welche Wohnung?", self.ok("macro", "list").out)
        a = self.new("Heizung kalt")
        b = self.new("Wasser tropft")
        before = self.snapshot()
        preview = self.ok("macro", "apply", "rueckfrage", a, b, "--dry-run", as_user=AGENT)
        self.assertEqual(self.snapshot(), before)
        number = self.show(a)["id"][:12]
        self.assertIn(f"zu Ticket #{number} (Heizung kalt): in welcher Wohnung genau?", preview.out)
        self.assertIn("Guten Tag Mieter,", preview.out)
        self.assertIn("Status: Wartend\nJana Berger", preview.out)
        self.ok("macro", "apply", "rueckfrage", a, b, as_user=AGENT)
        for t, subject in ((a, "Heizung kalt"), (b, "Wasser tropft")):
            j = self.show(t)
            self.assertEqual((j["status"], j["assignee"], j["tags"]), ("pending", AGENT, ["rückfrage"]))
            self.assertEqual(j["comments"][-1]["author"], AGENT)
            self.assertFalse(j["comments"][-1]["internal"])
            self.assertIn(f"({subject})", j["comments"][-1]["body"])
        self.ok("macro", "apply", "notiz", a, as_user=AGENT)
        j = self.show(a)
        self.assertEqual((j["priority"], j["comments"][-1]["internal"]), ("high", True))
        self.assertEqual(j["comments"][-1]["body"], f"Intern: Rückruf {TENANT}")
        self.assert_fsck_clean()

    def test_one_refusal_changes_no_ticket(self):
        a = self.new("Heizung kalt")
        b = self.new("Erledigt")
        self.ok("close", b, as_user=AGENT)
        before = self.snapshot()
        r = self.fails(1, "macro", "apply", "rueckfrage", a, b, as_user=AGENT)
        self.assertIn(f"ticket {b}: macro rueckfrage:", r.err)
        self.assertEqual(self.snapshot(), before)
        r = self.fails(3, "macro", "apply", "nix", a, as_user=AGENT)
        self.assertIn("no macro 'nix' (configured: notiz, rueckfrage)", r.err)
        self.ok("config", "set", "macros.kaputt.reply", "{{ticket.nummer}}")
        r = self.fails(78, "macro", "list")
        self.assertIn("unknown placeholder {{ticket.nummer}}", r.err)
        self.assertEqual(self.snapshot(), before)


class Merge(TicketsTest):
    def test_duplicates_fold_into_one_ticket(self):
        day = lambda h: {"TICKETS_NOW": f"2026-12-01T{h:02d}:00:00Z"}
        target = self.ok("new", "Heizung kalt", "-m", "Haus 1", "--requester", TENANT,
                         env=day(9)).out.strip()
        dup = self.ok("new", "Keine Wärme", "-m", "Auch kalt", "--requester", "b@muster-hv.de",
                      "--cc", "c@muster-hv.de", env=day(10)).out.strip()
        self.ok("comment", dup, "-m", "Seit gestern", as_user=AGENT, env=day(11))
        r = self.ok("merge", target, dup, as_user=AGENT, env=day(12))
        self.assertIn(f"ticket {dup}: merged into {target}", r.err)
        source, into = self.show(dup), self.show(target)
        self.assertEqual((source["status"], source["close_reason"], source["merged_into"]),
                         ("closed", "merged", into["id"]))
        self.assertEqual(into["merged_from"], [source["id"]])
        self.assertEqual(into["cc"], ["b@muster-hv.de", "c@muster-hv.de"])
        # The target shows the source's correspondence in time order.
        bodies = [(c["body"], c.get("merged_from")) for c in into["comments"]]
        self.assertEqual(bodies, [("Auch kalt", source["id"]), ("Seit gestern", source["id"])])
        shown = self.ok("show", target).out
        self.assertIn(f"merged:        {dup}", shown)
        self.assertIn(f"public, from {dup}", shown)
        # A later reply to the merged ticket lands on the target.
        r = self.ok("comment", dup, "-m", "Immer noch kalt", as_user="b@muster-hv.de", env=day(13))
        self.assertIn(f"ticket {dup} was merged into {target}", r.err)
        self.assertEqual(self.show(target)["comments"][-1]["body"], "Immer noch kalt")
        self.assertEqual(len(self.show(dup)["follow_ups"]), 0)
        before = self.snapshot()
        r = self.fails(1, "merge", target, dup, as_user=AGENT)
        self.assertIn("already merged into", r.err)
        r = self.fails(1, "merge", dup, target, as_user=AGENT)
        self.assertIn("it was merged into", r.err)
        self.fails(2, "merge", target, as_user=AGENT)
        self.assertEqual(self.snapshot(), before)
        self.assert_fsck_clean()


class Bulk(TicketsTest):
    def test_ids_from_stdin_change_all(self):
        ids = [self.new(f"Ticket {i}") for i in range(5)]
        self.ok("status", ids[0], "pending", as_user=AGENT)
        self.ok("status", ids[1], "pending", as_user=AGENT)
        piped = self.ok("list", "--ids", "status:pending").out
        self.ok("resolve", "-", "-m", "Sammelantwort", input=piped, as_user=AGENT)
        statuses = {self.show(i)["subject"]: self.show(i)["status"] for i in ids}
        self.assertEqual(statuses, {"Ticket 0": "solved", "Ticket 1": "solved", "Ticket 2": "new",
                                    "Ticket 3": "new", "Ticket 4": "new"})

    def test_tsv_output_pipes_into_a_change(self):
        ids = [self.new(f"T{i}") for i in range(3)]
        tsv = self.ok("list").out  # piped: TSV, first column the id
        self.ok("close", "-", input=tsv, as_user=AGENT)
        self.assertTrue(all(self.show(i)["status"] == "closed" for i in ids))

    def test_bulk_change_is_all_or_nothing(self):
        a, b = self.new("A"), self.new("B")
        self.ok("close", b, as_user=AGENT)
        before = self.snapshot()
        r = self.fails(1, "resolve", a, b, "-m", "Erledigt", as_user=AGENT)
        self.assertIn(f"ticket {b}: cannot resolve: status is closed", r.err)
        self.assertEqual(self.snapshot(), before)
        self.fails(3, "close", a, "ffffffff", as_user=AGENT)
        self.assertEqual(self.snapshot(), before)

    def test_empty_pipe_changes_nothing_and_succeeds(self):
        self.new()
        before = self.snapshot()
        r = self.ok("close", "-", input="", as_user=AGENT)
        self.assertIn("no tickets to change", r.err)
        self.assertEqual(self.snapshot(), before)
        self.fails(2, "close", as_user=AGENT)  # no ids at all is a usage error

    def test_several_ids_in_assign(self):
        a, b = self.new("A"), self.new("B")
        r = self.ok("assign", a, b, AGENT, "--json", as_user=AGENT)
        self.assertEqual([t["status"] for t in r.json()], ["open", "open"])


if __name__ == "__main__":
    main()
