"""`list` and its filter language, as scripts and people use it."""

import json
import unicodedata

from harness import AGENT, TENANT, TicketsTest, main

OWNER = "eigentuemer@immo-nord.de"


class ListFilters(TicketsTest):
    def setUp(self):
        super().setUp()
        self.ok("config", "set", "domains.muster-hv.de", "Hausverwaltung Muster GmbH")
        day = lambda d: {"TICKETS_NOW": f"2026-11-{d:02d}T09:00:00Z"}
        self.heating = self.ok("new", "Heizung ausgefallen", "-m", "Kalt im Bad", "--type", "incident",
                               "--product", "PowerHaus", "--category", "Heizung", "--tag", "winter",
                               env=day(1)).out.strip()
        self.question = self.ok("new", "Frage zur Nebenkostenabrechnung", "-m", "Position Müllabfuhr?",
                                "--cc", AGENT, env=day(5)).out.strip()
        self.owner = self.ok("new", "Aufzug steht", "-m", "Seit Montag", "--type", "urgent",
                             "--product", "Karthago", env=day(10), as_user=OWNER).out.strip()
        self.ok("assign", self.heating, AGENT, as_user=AGENT, env=day(12))
        self.ok("comment", self.owner, "-m", "Der Techniker bestellt Ersatzteile für die Tür.", as_user=AGENT,
                env=day(15))
        self.ok("status", self.owner, "pending", as_user=AGENT, env=day(15))
        self.now = day(20)

    def ids(self, *terms, as_user=None):
        """The short ids (as `new` printed them) of the tickets listed."""
        out = self.ok("list", "--ids", *terms, env=self.now, as_user=as_user).out.split()
        return sorted(next(s for s in self.made() if full.startswith(s)) for full in out)

    def made(self):
        return [self.heating, self.question, self.owner] + getattr(self, "more", [])

    def test_field_filters(self):
        self.assertEqual(self.ids("status:open"), [self.heating])
        self.assertEqual(self.ids("status:new,pending"), sorted([self.question, self.owner]))
        self.assertEqual(self.ids("status:Wartend"), [self.owner])
        self.assertEqual(self.ids("type:Störung"), [self.heating])
        self.assertEqual(self.ids("priority:high"), [self.owner])
        self.assertEqual(self.ids("product:powerhaus"), [self.heating])
        self.assertEqual(self.ids("assignee:" + AGENT), [self.heating])
        self.assertEqual(self.ids("assignee:none"), sorted([self.question, self.owner]))
        self.assertEqual(self.ids("assignee:me", as_user=AGENT), [self.heating])
        self.assertEqual(self.ids("requester:" + OWNER), [self.owner])
        self.assertEqual(self.ids("org:Hausverwaltung Muster GmbH"), sorted([self.heating, self.question]))
        self.assertEqual(self.ids("org:immo-nord.de"), [self.owner])
        self.assertEqual(self.ids("tag:winter"), [self.heating])
        self.assertEqual(self.ids("tag:none"), sorted([self.question, self.owner]))
        self.assertEqual(self.ids("cc:none"), sorted([self.heating, self.owner]))
        self.assertEqual(self.ids("category:heizung", "type:incident"), [self.heating])

    def test_negated_terms(self):
        everyone = sorted([self.heating, self.question, self.owner])
        self.assertEqual(self.ids("-status:open"), sorted([self.question, self.owner]))
        self.assertEqual(self.ids("status:!open"), sorted([self.question, self.owner]))
        self.assertEqual(self.ids("-status:open,pending"), [self.question])
        self.assertEqual(self.ids("-assignee:none"), [self.heating])
        self.assertEqual(self.ids("-tag:winter"), sorted([self.question, self.owner]))
        self.assertEqual(self.ids("-cc:none"), [self.question])
        self.assertEqual(self.ids("-product:POWERHAUS", "-type:urgent"), [self.question])
        self.assertEqual(self.ids("-org:immo-nord.de"), sorted([self.heating, self.question]))
        self.assertEqual(self.ids("-status:closed"), everyone)
        exported = self.ok("export", "--format", "json", "-status:open", env=self.now).json()
        self.assertEqual(len(exported), 2)
        # A '-' word that is no negated key stays a mistake, not a search.
        r = self.fails(2, "list", "--limt", "3")
        self.assertIn("list: unknown option '--limt'", r.err)
        r = self.fails(2, "list", "-bogus:x")
        self.assertIn("unknown option '-bogus:x'", r.err)

    def test_a_ticket_number_with_or_without_hash(self):
        full = self.show(self.heating)["id"]
        self.assertEqual(self.ids("#" + full[:12]), [self.heating])
        self.assertEqual(self.ids(full[:12]), [self.heating])
        self.assertEqual(self.show("#" + full[:8])["id"], full)

    def test_dates_absolute_and_relative(self):
        self.assertEqual(self.ids("created.after:2026-11-04"), sorted([self.question, self.owner]))
        self.assertEqual(self.ids("created.before:2026-11-04"), [self.heating])
        self.assertEqual(self.ids("created.after:-12d"), [self.owner])  # now = 2026-11-20
        self.assertEqual(self.ids("updated.after:-9d"), sorted([self.heating, self.owner]))
        self.assertEqual(self.ids("updated.before:-1w"), sorted([self.heating, self.question]))

    def test_full_text_over_subject_description_comments_and_id(self):
        self.assertEqual(self.ids("heizung"), [self.heating])
        self.assertEqual(self.ids("müllabfuhr"), [self.question])
        self.assertEqual(self.ids("muellabfuhr"), [self.question])  # ü written as ue
        self.assertEqual(self.ids("mullabfuhr"), [])  # "Mull" is another word than "Müll"
        self.assertEqual(self.ids("ersatzteile"), [self.owner])  # in a comment
        self.assertEqual(self.ids("nebenkosten"), [self.question])  # the start of a word
        self.assertEqual(self.ids("abrechnung"), [self.question])  # inside it
        self.assertEqual(self.ids(self.owner), [self.owner])  # by id
        self.assertEqual(self.ids("aufzug", "status:pending"), [self.owner])
        self.assertEqual(self.ids('"quoted'), [])  # query syntax is not interpreted

    def test_german_compounds_and_spellings(self):
        # What a property manager's desk writes, and how agents search it.
        day = {"TICKETS_NOW": "2026-11-18T09:00:00Z"}
        keys = self.ok("new", "Schlüsselverlust Haustür", "-m",
                       "Mieterin hat den Generalschlüssel für die Hauptstraße 12 verloren.",
                       env=day).out.strip()
        water = self.ok("new", "WASSERSCHADEN im Keller", "-m", "Feuchtigkeit an der Außenwand, "
                        "Café im EG betroffen", env=day).out.strip()
        bill = self.ok("new", "Heizkostenabrechnung 2025", "-m", "Bitte Ablesewerte prüfen",
                       env=day).out.strip()
        decomposed = "Gru\u0308ße aus der Strasse"  # ü as u + combining diaeresis (macOS)
        greeting = self.ok("new", "Dank", "-m", decomposed, env=day).out.strip()
        self.more = [keys, water, bill, greeting]
        short = lambda *ids: sorted(ids)
        self.assertEqual(self.ids("schlüssel"), [keys])
        self.assertEqual(self.ids("schluessel"), [keys])
        self.assertEqual(self.ids("SCHLÜSSEL"), [keys])
        self.assertEqual(self.ids("generalschluessel"), [keys])
        self.assertEqual(self.ids("hauptstrasse"), [keys])
        self.assertEqual(self.ids("Hauptstraße", "12"), [keys])
        self.assertEqual(self.ids("aussenwand"), [water])
        self.assertEqual(self.ids("wasserschaden"), [water])
        self.assertEqual(self.ids("schaden"), [water])
        self.assertEqual(self.ids("cafe"), [water])
        self.assertEqual(self.ids("abrechnung"), short(self.question, bill))
        self.assertEqual(self.ids("kostenabrechnung"), short(self.question, bill))
        self.assertEqual(self.ids("abrechnung", "heiz"), [bill])  # every word must match
        self.assertEqual(self.ids("grüße"), [greeting])
        self.assertEqual(self.ids("strasse"), short(keys, greeting))
        self.assertEqual(self.ids("abrechnungen"), [])
        # With a limit, a word in many tickets walks the list testing each,
        # one in few reads its matches: the same tickets either way.
        for word in ("e", "strasse", "abrechnung"):
            every = self.ok("list", "--ids", word, env=self.now).out.split()
            for limit in (1, 2, 3):
                self.assertEqual(self.ok("list", "--ids", "--limit", str(limit), word,
                                         env=self.now).out.split(), every[:limit], word)
        self.assertEqual(self.ids("!!!"), self.ids())  # punctuation restricts nothing
        # A comment's words are found once it is written, on any ticket.
        self.ok("comment", self.heating, "-m", "Thermostatventil getauscht", as_user=AGENT,
                env=day)
        self.assertEqual(self.ids("ventil"), [self.heating])
        # A store rebuilt from its events finds the same.
        self.ok("reindex")
        self.assertEqual(self.ids("ventil"), [self.heating])
        self.assertEqual(self.ids("schluessel"), [keys])
        self.ok("fsck")

    def test_due_dates_and_the_dates_of_solving_and_closing(self):
        # now = 2026-11-20 09:00 (self.now)
        self.ok("edit", self.heating, "--due", "2026-11-21", as_user=AGENT)
        self.ok("edit", self.question, "--due", "2026-12-15", as_user=AGENT)
        self.assertEqual(self.ids("due.before:+3d"), [self.heating])
        self.assertEqual(self.ids("due.after:2026-12-01"), [self.question])
        self.assertEqual(self.ids("due:none"), [self.owner])
        self.assertEqual(self.ids("-due:none"), sorted([self.heating, self.question]))
        self.assertEqual(self.ids("due.before:now"), [])  # nothing overdue yet
        by_due = self.ok("list", "--ids", "--sort", "due", env=self.now).out.split()
        self.assertEqual([i[:len(self.heating)] for i in by_due], [self.heating, self.question,
                                                                   self.owner])  # none last
        rev = self.ok("list", "--ids", "--sort", "due", "--reverse", env=self.now).out.split()
        self.assertEqual([i[:len(self.owner)] for i in rev][-1], self.owner)
        tsv = self.ok("list", "--columns", "subject,due", "--sort", "due", env=self.now).out
        self.assertEqual(tsv.splitlines()[0], "Heizung ausgefallen\t2026-11-21T00:00:00Z")
        self.assertEqual(tsv.splitlines()[2], "Aufzug steht\t")
        self.ok("resolve", self.heating, "-m", "Brenner getauscht", as_user=AGENT,
                env={"TICKETS_NOW": "2026-11-18T12:00:00Z"})
        self.ok("close", self.question, as_user=AGENT, env={"TICKETS_NOW": "2026-11-19T12:00:00Z"})
        self.assertEqual(self.ids("solved.after:2026-11-18"), [self.heating])
        self.assertEqual(self.ids("solved.before:2026-11-18"), [])
        self.assertEqual(self.ids("closed.after:-2d"), [self.question])
        self.assertEqual(self.ids("closed.before:today"), [self.question])
        r = self.fails(2, "list", "due:tomorrow")
        self.assertIn("due takes none", r.err)
        r = self.fails(2, "list", "--sort", "faellig")
        self.assertIn("due", r.err)
        self.ok("fsck")

    def test_the_table_on_a_terminal(self):
        self.ok("config", "set", "calendar.timezone", "Europe/Berlin")
        wide = self.ok("new", "Ärger mit 東京の管理会社 🏠 und noch viel mehr Text, der nicht passt",
                       "-m", "x", "--requester", "eine.sehr.lange.adresse.der.mieterin@hausverwaltung-"
                       "mustermann-und-partner.de", env={"TICKETS_NOW": "2026-07-01T08:30:00Z"},
                       as_user=AGENT).out.strip()
        self.more = [wide]
        lines = self.in_terminal("list", "--sort", "created", "--reverse", columns=100)
        self.assertEqual(lines[0].split()[:3], ["id", "status", "priority"])
        width = lambda text: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
        for line in lines:
            self.assertLessEqual(width(line), 100, line)
        row = lines[1]
        self.assertTrue(row.startswith(wide), row)
        self.assertIn("2026-07-01 10:30", row)  # local summer time, not 08:30 UTC
        self.assertIn("Ärger mit 東京", row)  # the subject cut last, wide characters counted
        self.assertIn("…", row)  # the long requester was cut first
        self.assertIn("eine.sehr", row)
        # Wide enough, nothing is cut.
        lines = self.in_terminal("list", "--sort", "created", "--reverse", columns=250)
        self.assertIn("der nicht passt", lines[1])
        self.assertIn("mustermann-und-partner.de", lines[1])

    def test_views(self):
        self.assertEqual(self.ids("--mine"), sorted([self.heating, self.question]))
        self.assertEqual(self.ids("--mine", as_user=OWNER), [self.owner])
        self.assertEqual(self.ids("--cc", as_user=AGENT), [self.question])
        self.assertEqual(self.ids("--org"), sorted([self.heating, self.question]))
        r = self.fails(2, "list", "--org", as_user="privat@gmail.com")
        self.assertIn("belongs to no organisation", r.err)

    def test_output_forms(self):
        tsv = self.ok("list", "--columns", "id,status,subject", "--sort", "created", env=self.now).out
        rows = [line.split("\t") for line in tsv.splitlines()]
        self.assertEqual([r[2] for r in rows], ["Aufzug steht", "Frage zur Nebenkostenabrechnung",
                                                "Heizung ausgefallen"])
        self.assertEqual(len(rows[0][0]), 64)  # full ids for scripts
        self.assertEqual(rows[0][1], "pending")
        rev = self.ok("list", "--columns", "subject", "--sort", "created", "--reverse").out.splitlines()
        self.assertEqual(rev[0], "Heizung ausgefallen")
        js = self.ok("list", "--json", "--limit", "2", "--sort", "priority").json()
        self.assertEqual([t["priority"] for t in js], ["high", "normal"])
        self.assertEqual(self.ok("list", "status:closed").out, "")  # empty list: exit 0

    def test_every_column_agrees_with_the_json(self):
        # The table reads columns of the tickets table, --json the whole
        # document: both must say the same, column for column.
        self.ok("escalate", self.owner, "-m", "Mieter seit einer Woche ohne Aufzug", as_user=AGENT)
        columns = ["id", "status", "priority", "type", "subject", "requester", "organisation", "assignee",
                   "product", "topic", "category", "property", "tags", "cc", "created", "updated",
                   "escalated", "comments", "workflow"]
        tsv = self.ok("list", "--columns", ",".join(columns), "--sort", "created").out
        rows = [dict(zip(columns, line.split("\t"))) for line in tsv.splitlines()]
        docs = self.ok("list", "--json", "--sort", "created").json()
        self.assertEqual(len(rows), 3)
        for row, doc in zip(rows, docs):
            expected = {c: doc[c] for c in columns if c in doc and isinstance(doc[c], str)}
            expected.update({"tags": ",".join(doc["tags"]), "cc": ",".join(doc["cc"]),
                             "created": doc["created_at"], "updated": doc["updated_at"],
                             "escalated": "yes" if doc["escalated"] else "no",
                             "comments": str(doc["comment_count"]), "workflow": doc.get("workflow", "support")})
            self.assertEqual({c: row[c] for c in expected}, expected)
        self.assertEqual(rows[0]["escalated"], "yes")
        self.assertEqual(rows[0]["comments"], "2")  # the agent's reply and the escalation reason
        self.assertEqual(rows[2]["tags"], "winter")

    def test_long_listings_are_whole_and_formatted_as_one_array(self):
        # Rows are printed as they are read, in pieces of 64 KiB: enough
        # tickets to cross that several times, as TSV and as JSON.
        subject = "Wasserschaden im Treppenhaus – " + "Putz löst sich " * 8
        rows = "".join(f"{subject}{i},Beschreibung {i}\r\n" for i in range(600))
        self.ok("import", "--format", "csv", "-", input="subject,description\r\n" + rows)
        out = self.ok("list", "--json", "--sort", "created").out
        docs = json.loads(out)
        self.assertEqual(len(docs), 603)
        self.assertGreater(len(out), 3 * 64 * 1024)
        # Exactly the text of the whole array dumped at once (two-space
        # indent, UTF-8 as is), which is what Python's json module writes.
        self.assertEqual(out, json.dumps(docs, indent=2, ensure_ascii=False) + "\n")
        tsv = self.ok("list", "--columns", "id,subject", "--sort", "created").out
        self.assertGreater(len(tsv), 2 * 64 * 1024)
        self.assertEqual([line.split("\t") for line in tsv.splitlines()],
                         [[d["id"], d["subject"]] for d in docs])
        self.assertEqual(self.ok("list", "--json", "status:closed").out, "[]\n")

    def test_bad_terms(self):
        before = self.snapshot()
        r = self.fails(2, "list", "stauts:open")
        self.assertIn("unknown key 'stauts'", r.err)
        self.fails(2, "list", "status:fertig")  # erledigt is done (property workflow)
        r = self.fails(2, "list", "created.after:letzte-woche")
        self.assertIn("invalid date", r.err)
        self.fails(2, "list", "--sort", "colour")
        self.fails(2, "list", "--columns", "id,farbe")
        self.fails(78, "list", "assignee:me", env={"TICKETS_USER": ""})
        self.assertEqual(self.snapshot(), before)


if __name__ == "__main__":
    main()
