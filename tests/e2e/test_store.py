"""The store: discovery, config, fsck, export/import, errors, concurrency."""

import json
import shutil
import sqlite3
import os
import subprocess
import threading
import time

from harness import AGENT, BIN, SCHEMA_VERSION, TENANT, TicketsTest, main


class Discovery(TicketsTest):
    init_store = False

    def test_init_then_found_from_subdirectories(self):
        r = self.ok("init")
        self.assertIn("Initialised empty ticket store", r.err)
        sub = os.path.join(self.dir, "a", "b")
        os.makedirs(sub)
        t = self.ok("new", "Von unten", "-m", "x", cwd=sub).out.strip()
        self.assertEqual(self.ok("list", "--ids", cwd=sub).out.strip()[:len(t)], t)
        self.assertTrue(os.path.exists(os.path.join(self.dir, ".tickets", "tickets.db")))
        self.assertTrue(os.path.isdir(os.path.join(self.dir, ".tickets", "objects")))

    def test_repo_flag_and_tickets_dir(self):
        other = os.path.join(self.dir, "other")
        self.ok("init", other)
        t = self.ok("-C", other, "new", "Dort", "-m", "x").out.strip()
        self.assertIn(t, self.ok("-C", other, "list").out)
        store = os.path.join(other, ".tickets")
        self.assertIn(t, self.ok("list", env={"TICKETS_DIR": store}).out)
        self.fails(3, "-C", os.path.join(self.dir, "nirgends"), "list")
        self.fails(3, "list", env={"TICKETS_DIR": os.path.join(self.dir, "leer")})

    def test_new_stores_have_8_kib_pages_and_older_ones_keep_theirs(self):
        self.ok("init")
        t = self.ok("new", "Heizung", "-m", "kalt").out.strip()
        con = self.db()
        self.assertEqual(con.execute("PRAGMA page_size").fetchone()[0], 8192)
        # A store made with 16 KiB pages, as before 8 KiB became the default.
        con.execute("PRAGMA journal_mode = DELETE")
        con.execute("PRAGMA page_size = 16384")
        con.execute("VACUUM")
        con.execute("PRAGMA journal_mode = WAL")
        con.close()
        u = self.ok("new", "Fenster", "-m", "klemmt").out.strip()
        self.ok("comment", t, "-m", "Techniker kommt")
        self.assertEqual(sorted(i[:7] for i in self.ok("list", "--ids").out.split()), sorted([t, u]))
        self.assert_fsck_clean()
        con = self.db()
        self.assertEqual(con.execute("PRAGMA page_size").fetchone()[0], 16384)
        con.close()

    def test_missing_store_is_an_error_for_reads_and_default_store_for_writes(self):
        r = self.fails(3, "list")
        self.assertIn("no ticket store", r.err)
        t = self.ok("new", "Persönlich", "-m", "x").out.strip()  # creates the per-user store
        default = os.path.join(self.env["XDG_DATA_HOME"], "tickets", "tickets.db")
        self.assertTrue(os.path.exists(default))
        self.assertIn(t, self.ok("list").out)


class Config(TicketsTest):
    def test_a_bad_value_is_refused_when_set(self):
        config = os.path.join(self.dir, ".tickets", "config.toml")
        self.ok("config", "set", "calendar.timezone", "Europe/Berlin")
        with open(config, encoding="utf-8") as f:
            before = f.read()
        for key, value, says in [
            ("calendar.timezone", "Mars/Olympus", "not a time zone"),
            ("calendar.holidays", "DE-XY", "unknown region 'DE-XY'"),
            ("calendar.extra_holidays", "24.12.2026", "is not a date"),
            ("sweep.pending_reminder_days", "fünf", "not a number of days"),
            ("sweep.pending_close", "ja", "not true or false"),
            ("notify.enabled", "yes", "not true or false"),
            ("notify.language", "fr", "not de or en"),
            ("mail.max_bytes", "10MB", "not a whole number"),
            ("priority.incident", "sofort", "not a priority"),
            ("priority.anfrage", "high", "'anfrage' is not a type"),
            ("notify.from", "support", "not a mail address"),
        ]:
            r = self.fails(2, "config", "set", key, value)
            self.assertIn(says, r.err, key)
        with open(config, encoding="utf-8") as f:
            self.assertEqual(f.read(), before)  # nothing written
        for key, value in [("calendar.holidays", "DE-BY,DE-BW"), ("sweep.pending_close_days", "3"),
                           ("priority.Störung", "Hoch"), ("mail.max_bytes", "20000000")]:
            self.ok("config", "set", key, value)

    def test_any_zone_of_the_systems_time_zone_database(self):
        before = self.snapshot()
        r = self.fails(2, "config", "set", "calendar.timezone", "Europe/Wien")
        self.assertIn("calendar.timezone", r.err)
        self.assertIn("Europe/Vienna", r.err)  # the message shows how a name is written
        self.assertEqual(self.snapshot(), before)
        t = self.ok("new", "Heizung kalt", "-m", "Bad",
                    env={"TICKETS_NOW": "2026-07-01T08:30:00Z"}).out.strip()
        for zone, summer in [("Europe/Vienna", "10:30"), ("Europe/Zurich", "10:30"),
                             ("America/New_York", "04:30"), ("Asia/Kolkata", "14:00"),
                             ("UTC", "08:30"), ("+01:00", "09:30")]:
            self.ok("config", "set", "calendar.timezone", zone)
            self.assertIn(f"2026-07-01 {summer}", self.ok("show", t).out, zone)
        # A zone that is wrong in the file (written by hand) stops the
        # commands that show local times, naming the key.
        config = os.path.join(self.dir, ".tickets", "config.toml")
        with open(config, encoding="utf-8") as f:
            text = f.read()
        with open(config, "w", encoding="utf-8") as f:
            f.write(text.replace("'+01:00'", "'Mitteleuropa'"))
        r = self.fails(78, "show", t)
        self.assertIn("config calendar.timezone = 'Mitteleuropa': not a time zone", r.err)

    def test_layers_and_get_set_list(self):
        user_file = os.path.join(self.env["XDG_CONFIG_HOME"], "tickets", "config.toml")
        self.ok("config", "set", "--global", "user.name", "Global Name")
        self.ok("config", "set", "--global", "user.email", "global@example.com")
        self.assertTrue(os.path.exists(user_file))
        env = {"TICKETS_USER": ""}
        self.assertEqual(self.ok("config", "get", "user.email", env=env).out, "global@example.com\n")
        self.ok("config", "set", "user.email", "repo@example.com")  # the store's file wins
        self.assertEqual(self.ok("config", "get", "user.email", env=env).out, "repo@example.com\n")
        self.assertEqual(self.ok("config", "get", "user.email").out, TENANT + "\n")  # environment wins
        self.assertEqual(self.ok("--as", "flag@example.com", "config", "get", "user.email").out,
                         "flag@example.com\n")
        listing = self.ok("config", "list", "--show-origin", env=env).out
        self.assertIn("user.name=Global Name", listing)
        self.assertIn("priority.question=low", listing)
        self.assertIn(os.path.join(".tickets", "config.toml") + "\tuser.email=repo@example.com", listing)
        self.fails(3, "config", "get", "nothing.here")
        self.fails(2, "config", "get", "nodot")
        self.ok("config", "unset", "user.email")
        self.assertEqual(self.ok("config", "get", "user.email", env=env).out, "global@example.com\n")

    def test_identity_is_required_for_changes(self):
        env = {"TICKETS_USER": ""}
        before = self.snapshot()
        r = self.fails(78, "new", "x", "-m", "y", env=env)
        self.assertIn("user.email", r.err)
        self.assertEqual(self.snapshot(), before)
        self.ok("config", "set", "user.email", "hv@muster-hv.de")
        t = self.ok("new", "x", "-m", "y", env=env).out.strip()
        self.assertEqual(self.show(t)["requester"], "hv@muster-hv.de")

    def test_broken_config_file(self):
        with open(os.path.join(self.dir, ".tickets", "config.toml"), "w") as f:
            f.write("[user\nemail = 'x'\n")
        r = self.fails(78, "new", "x", "-m", "y")
        self.assertIn("config.toml:1", r.err)


class Fsck(TicketsTest):
    def test_clean_then_detects_tampering(self):
        t = self.new()
        self.ok("comment", t, "-m", "Hallo", as_user=AGENT)
        self.assert_fsck_clean()
        # Each change behind the tool's back is reported; reindex mends the
        # materialised tables, not the log.
        for tampering, report, mendable in (
                ("UPDATE tickets SET status = 'solved'",
                 "column status is 'solved', the events say 'new'", True),
                ("UPDATE ticket_docs SET doc = json_set(doc, '$.priority', 'urgent')",
                 "its JSON document differs from the events", True),
                ("UPDATE events SET body = replace(body, 'Hallo', 'Hello')",
                 "does not match its content", False)):
            con = self.db()
            con.execute(tampering)
            con.commit()
            con.close()
            r = self.run_cli("fsck")
            self.assertEqual(r.code, 65)
            self.assertIn(report, r.out)
            if mendable:
                self.ok("reindex")
                self.assert_fsck_clean()


    def test_every_attachment_blob_is_checked(self):
        path = os.path.join(self.dir, "zaehler.txt")
        with open(path, "w") as f:
            f.write("Zählerstand 4711\n")
        t = self.new("Zählerstand", "--attach", path)
        sha = self.show(t)["comments"][0]["attachments"][0]["sha256"]
        blob = os.path.join(self.dir, ".tickets", "objects", sha[:2], sha[2:])
        self.assert_fsck_clean()
        with open(blob, "w") as f:
            f.write("Zählerstand 1234\n")
        r = self.fails(65, "fsck")
        self.assertIn(f"attachment {sha[:12]}: content does not match its hash", r.out)
        r = self.fails(65, "export")
        self.assertIn("content does not match its hash", r.err)
        os.remove(blob)
        r = self.fails(65, "fsck")
        self.assertIn(f"attachment blob {sha[:12]} is missing", r.out)


class ReadOnlyMedia(TicketsTest):
    def test_a_store_without_wal_files_on_read_only_media_can_be_read(self):
        self.new("Heizung ausgefallen")
        exported = self.ok("export").out
        # What a backup on read-only media holds: the database, closed cleanly.
        con = self.db()
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        store = os.path.join(self.dir, ".tickets")
        for suffix in ("-wal", "-shm"):
            if os.path.exists(os.path.join(store, "tickets.db" + suffix)):
                os.remove(os.path.join(store, "tickets.db" + suffix))
        for root, dirs, files in os.walk(self.dir):
            for name in dirs + files:
                os.chmod(os.path.join(root, name), 0o755)
        os.chmod(self.dir, 0o555)
        os.chmod(store, 0o555)
        demote = None
        if os.getuid() == 0:  # root writes anywhere: read as nobody
            def demote():
                os.setgid(65534)
                os.setuid(65534)
        try:
            def run(*args):
                return subprocess.run([BIN, "-C", self.dir, *args], capture_output=True, text=True,
                                      env=self.env, preexec_fn=demote, cwd="/")
            r = run("list")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("Heizung ausgefallen", r.stdout)
            r = run("export")
            self.assertEqual((r.returncode, r.stdout), (0, exported))
            self.assertEqual(run("fsck").returncode, 0)
            r = run("new", "Noch eins", "-m", "x")
            self.assertEqual(r.returncode, 77, r)
            self.assertEqual(r.stderr, "tickets: store: attempt to write a readonly database\n")
        finally:
            os.chmod(store, 0o755)
            os.chmod(self.dir, 0o755)
        self.assertFalse(os.path.exists(os.path.join(store, "tickets.db-wal")))


class ExportImport(TicketsTest):
    def populate(self):
        a = self.new("Heizung", "--tag", "winter", "--cc", "hw@muster-hv.de")
        self.ok("assign", a, AGENT, as_user=AGENT)
        path = os.path.join(self.dir, "plan.pdf")
        with open(path, "wb") as f:
            f.write(b"%PDF-1.4 Grundriss")
        self.ok("comment", a, "-m", "Plan anbei", "--attach", path, as_user=AGENT)
        self.ok("resolve", a, "-m", "Erledigt", as_user=AGENT)
        b = self.new("Schlüssel verloren")
        self.ok("close", b, as_user=AGENT)
        self.ok("comment", b, "-m", "Doch noch ein Problem")  # follow-up
        self.ok("delete", self.new("Spam"), as_user=AGENT)
        return a

    def test_jsonl_round_trip_is_lossless(self):
        self.populate()
        first = self.ok("export", "--format", "jsonl").out
        self.assertEqual(len(first.splitlines()), 4)
        copy = os.path.join(self.dir, "copy")
        self.ok("init", copy)
        r = self.ok("-C", copy, "import", "-", input=first)
        self.assertIn("imported 4 new ticket(s)", r.err)
        second = self.ok("-C", copy, "export", "--format", "jsonl").out
        self.assertEqual(first, second)
        self.ok("-C", copy, "fsck")
        # Importing again changes nothing.
        r = self.ok("-C", copy, "import", "-", input=first)
        self.assertIn("imported 0 new ticket(s), 0 event(s)", r.err)
        self.assertEqual(self.ok("-C", copy, "export", "--format", "jsonl").out, first)
        # Blobs travel with the export.
        blobs = [b for line in first.splitlines() for b in json.loads(line)["blobs"]]
        self.assertEqual(len(blobs), 1)
        self.assertTrue(os.path.exists(os.path.join(copy, ".tickets", "objects", blobs[0][:2], blobs[0][2:])))

    def test_json_and_csv_exports(self):
        self.populate()
        js = json.loads(self.ok("export", "--format", "json", "status:solved").out)
        self.assertEqual([t["subject"] for t in js], ["Heizung"])
        self.assertEqual(len(js[0]["comments"]), 2)
        # Written a ticket at a time, as one indented array all the same.
        text = self.ok("export", "--format", "json").out
        self.assertEqual(len(json.loads(text)), 4)
        self.assertEqual(text, json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n")
        self.assertEqual(self.ok("export", "--format", "json", "status:hold").out, "[]\n")
        csv = self.ok("export", "--format", "csv").out
        lines = csv.splitlines()  # text mode has turned CSV's CRLF into \n
        self.assertTrue(lines[0].startswith("id,subject,status,type,priority,requester"))
        self.assertEqual(len([l for l in lines if l]), 5)
        out = os.path.join(self.dir, "open.csv")
        self.ok("export", "--format", "csv", "-o", out, "status:new")
        with open(out, encoding="utf-8") as f:
            self.assertIn("Doch noch ein Problem", f.read())

    def test_csv_bulk_creation(self):
        csv = ("subject,description,type,requester,cc,tags,property\r\n"
               "Heizung kalt,\"Bad, Küche\",incident,a@muster-hv.de,b@muster-hv.de;c@muster-hv.de,winter,Hof 1\r\n"
               "Frage,Wie geht das?,Anwenderhilfe,,,,\r\n")
        r = self.ok("import", "--format", "csv", "-", input=csv)
        self.assertIn("imported 2 new ticket(s)", r.err)
        tickets = self.ok("list", "--json", "--sort", "subject").json()
        self.assertEqual([t["subject"] for t in tickets], ["Frage", "Heizung kalt"])
        self.assertEqual(tickets[1]["description"], "Bad, Küche")
        self.assertEqual(tickets[1]["cc"], ["b@muster-hv.de", "c@muster-hv.de"])
        self.assertEqual(tickets[1]["priority"], "normal")
        self.assertEqual(tickets[0]["requester"], TENANT)
        self.assertEqual(tickets[0]["type"], "question")
        self.assert_fsck_clean()
        outbox = os.path.join(self.dir, ".tickets", "outbox")
        self.assertEqual(len([f for f in os.listdir(outbox) if f.endswith(".eml")]), 2)
        # A migration mails nobody.
        self.ok("import", "--format", "csv", "--no-notify", "-", input=csv)
        self.assertEqual(len(self.ok("list", "--ids").out.split()), 4)
        self.assertEqual(len([f for f in os.listdir(outbox) if f.endswith(".eml")]), 2)
        con = self.db()
        self.assertEqual(con.execute("SELECT count(*) FROM outbox").fetchone()[0], 2)
        con.close()

    def write_bytes(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def test_csv_as_german_excel_saves_it(self):
        # Excel's "CSV (Trennzeichen-getrennt)" on a German Windows: ';',
        # Windows-1252, CRLF, a line break inside a quoted cell, the
        # portal's column names and labels in German.
        sheet = ("BETREFF;Beschreibung;Anfragetyp;Priorität;Status;Kategorie;Liegenschaft;"
                 "Anfragender;Schlagworte\r\n"
                 "Heizkörper kalt;\"Seit Montag kalt.\r\nBitte prüfen – danke!\";Störung;Hoch;Offen;"
                 "Heizung;Hauptstraße 5;mieter@muster-hv.de;winter, dringend\r\n"
                 "Nebenkostenabrechnung 2025;Frage zur Position „Müll“;Anwenderhilfe;;Gelöst;"
                 "Nebenkosten;;;\r\n"
                 "Schlüssel verloren;Ersatz für 25 €;Anwenderhilfe;Niedrig;Geschlossen;;;;\r\n")
        path = self.write_bytes("offen.csv", sheet.encode("cp1252"))
        r = self.ok("import", "--no-notify", path)
        self.assertIn("imported 3 new ticket(s), 6 event(s)", r.err)
        tickets = {t["subject"]: t for t in self.ok("export", "--format", "json").json()}
        heating = tickets["Heizkörper kalt"]
        self.assertEqual(heating["description"], "Seit Montag kalt.\r\nBitte prüfen – danke!")
        self.assertEqual((heating["type"], heating["priority"], heating["status"]),
                         ("incident", "high", "open"))
        self.assertEqual(heating["property"], "Hauptstraße 5")
        self.assertEqual(heating["requester"], "mieter@muster-hv.de")
        self.assertEqual(heating["tags"], ["winter", "dringend"])
        bill = tickets["Nebenkostenabrechnung 2025"]
        self.assertEqual((bill["status"], bill["comments"]), ("solved", []))
        self.assertEqual(bill["description"], "Frage zur Position „Müll“")
        self.assertEqual(tickets["Schlüssel verloren"]["status"], "closed")
        self.assertEqual(tickets["Schlüssel verloren"]["description"], "Ersatz für 25 €")
        self.assertEqual(len(self.ok("list", "--ids", "schluessel").out.split()), 1)
        self.assert_fsck_clean()
        # The same sheet saved as UTF-8 with its byte-order mark, and one
        # whose encoding is named.
        self.ok("import", "--no-notify", self.write_bytes("utf8.csv", b"\xef\xbb\xbf" + sheet.encode()))
        latin = self.write_bytes("latin.txt", sheet.encode("cp1252"))
        self.ok("import", "--format", "csv", "--encoding", "iso-8859-1", "--no-notify", latin)
        subjects = self.ok("list", "--json").json()
        self.assertEqual(sorted(t["subject"] for t in subjects).count("Heizkörper kalt"), 3)
        before = self.snapshot()
        r = self.fails(65, "import", "--format", "csv", "--encoding", "utf-8", latin)
        self.assertIn("not UTF-8", r.err)
        r = self.fails(2, "import", "--format", "csv", "--encoding", "ebcdic", latin)
        self.assertIn("unknown encoding 'ebcdic'", r.err)
        r = self.fails(65, "import", self.write_bytes("s.csv", "Betreff;Text;Status\r\nx;y;Vertagt\r\n"
                                                               .encode()))
        self.assertIn("CSV line 2: field status: 'Vertagt'", r.err)
        self.assertEqual(self.snapshot(), before)

    def test_csv_export_for_german_excel(self):
        self.ok("config", "set", "calendar.timezone", "Europe/Berlin")
        self.ok("new", "Heizung; kalt", "-m", "Bad", env={"TICKETS_NOW": "2026-07-01T08:30:00Z"})
        out = os.path.join(self.dir, "offen.csv")
        self.ok("export", "--format", "csv", "--excel", "-o", out)
        with open(out, "rb") as f:
            data = f.read()
        self.assertTrue(data.startswith(b"\xef\xbb\xbfid;subject;status;"))
        rows = data[3:].decode().split("\r\n")
        header, row = rows[0].split(";"), rows[1]
        self.assertIn('"Heizung; kalt"', row)
        cells = row.replace('"Heizung; kalt"', "S").split(";")
        self.assertEqual(cells[header.index("created_at")], "01.07.2026 10:30")  # summer time
        self.fails(2, "export", "--format", "json", "--excel")

    def test_a_bad_csv_row_is_a_data_error_naming_line_and_field(self):
        before = self.snapshot()
        r = self.fails(65, "import", "--format", "csv", "-",
                       input="subject,description,type\r\nGut,x,question\r\nSchlecht,y,quatsch\r\n")
        self.assertIn("CSV line 3:", r.err)
        self.assertIn("quatsch", r.err)
        self.assertEqual(self.snapshot(), before)

    def test_a_bad_row_far_down_a_long_csv_changes_nothing(self):
        # Rows are read ahead of the writing (cmd/import_csv.cpp): a bad one
        # after hundreds of good ones still leaves the store as it was.
        before = self.snapshot()
        rows = "".join(f"Heizung {i};Kalt;Offen\r\n" for i in range(700))
        r = self.fails(65, "import", "--format", "csv", "-",
                       input="Betreff;Beschreibung;Status\r\n" + rows + "Wasser;Nass;Vertagt\r\n")
        self.assertIn("CSV line 702: field status: 'Vertagt'", r.err)
        self.assertEqual(self.snapshot(), before)
        # The same rows without the bad one: all of them, with their statuses
        # and the create rules applied.
        with open(os.path.join(self.dir, ".tickets", "config.toml"), "a", encoding="utf-8") as f:
            f.write('\n[rules.heizung]\nwords = "Heizung"\nassign = "hauswart@muster-hv.de"\n')
        self.ok("import", "--format", "csv", "-", input="Betreff;Beschreibung;Status\r\n" + rows)
        listed = json.loads(self.ok("list", "--json", "--limit", "1000").out)
        self.assertEqual(len(listed), 700)
        self.assertEqual({(t["status"], t["assignee"]) for t in listed},
                         {("open", "hauswart@muster-hv.de")})
        self.assert_fsck_clean()

    def test_a_csv_cannot_open_anonymous_tickets(self):
        before = self.snapshot()
        r = self.fails(65, "import", "--format", "csv", "-",
                       input="subject,description,requester\r\nLärm,nachts,"
                             "anonymous-0123456789abcdef@anonymous.invalid\r\n")
        self.assertIn("CSV line 2: field requester:", r.err)
        self.assertIn("pseudonym", r.err)
        self.assertEqual(self.snapshot(), before)

    def test_a_csv_import_meets_the_acting_users_rights(self):
        self.ok("user", "add", "agent@support.example.com", "--role", "agent")
        self.ok("user", "add", "mieter@muster-hv.de", "--role", "tenant")
        before = self.snapshot()
        text = "subject,description,status\r\nHeizung,kalt,solved\r\n"
        r = self.fails(77, "import", "--format", "csv", "-", input=text,
                       env={"TICKETS_USER": "mieter@muster-hv.de"})
        self.assertIn("CSV line 2: ticket ", r.err)
        self.assertEqual(self.snapshot(), before)
        self.ok("import", "--format", "csv", "-", input=text,
                env={"TICKETS_USER": "agent@support.example.com"})
        self.assertEqual(json.loads(self.ok("list", "--json").out)[0]["status"], "solved")

    def test_bad_imports_change_nothing(self):
        self.populate()
        # The line of the ticket with the longest history comes first.
        good = sorted(self.ok("export", "--format", "jsonl").out.splitlines(),
                      key=lambda line: -len(json.loads(line)["events"]))
        copy = os.path.join(self.dir, "copy")
        self.ok("init", copy)
        before = self.run_cli("-C", copy, "export").out
        tampered = json.loads(good[0])
        tampered["events"][-1]["payload"]["solution"] = "gefälscht"
        cases = [
            (65, good[1] + "\n" + json.dumps(tampered) + "\n"),
            (65, good[0] + "\n{not json\n"),
            (65, json.dumps({"events": tampered["events"][1:]}) + "\n"),  # no create event
        ]
        for code, text in cases:
            r = self.fails(code, "-C", copy, "import", "-", input=text)
            self.assertIn("line", r.err)
            self.assertEqual(self.run_cli("-C", copy, "export").out, before)
        bad_csv = [
            "subject,farbe\r\nx,rot\r\n",              # unknown column
            "subject,description\r\nx\r\n",             # short row
            "subject,description\r\n,ohne Betreff\r\n", # missing subject
            "subject,description,type\r\nx,y,quatsch\r\n",
        ]
        for text in bad_csv:
            self.assertIn(self.run_cli("-C", copy, "import", "--format", "csv", "-", input=text).code, (2, 65))
            self.assertEqual(self.run_cli("-C", copy, "export").out, before)



def store_layout(path):
    """The indexes of a store, and its journal mode."""
    con = sqlite3.connect(os.path.join(path, ".tickets", "tickets.db"))
    try:
        indexes = sorted(row[0] for row in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
        return indexes, con.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        con.close()


def comments_table_sql(clustered):
    """SQL that turns a store back into one whose comments were a table, a
    row each (before schema version 8), copied from the comment events: by
    ticket and position (version 5) or in insertion order with an index
    (versions 6 and 7)."""
    shape = ", PRIMARY KEY (ticket, position)) WITHOUT ROWID" if clustered else ")"
    index = "" if clustered else \
        "CREATE UNIQUE INDEX comments_by_ticket ON comments(ticket, position);"
    return f"""
        CREATE TABLE comments (id TEXT NOT NULL, ticket TEXT NOT NULL,
          position INTEGER NOT NULL, author TEXT NOT NULL, time INTEGER NOT NULL,
          kind TEXT NOT NULL, internal INTEGER NOT NULL, body TEXT NOT NULL,
          attachments TEXT NOT NULL{shape};
        INSERT INTO comments SELECT id, ticket,
          row_number() OVER (PARTITION BY ticket ORDER BY seq) - 1, author, time,
          'comment', coalesce(body ->> '$.payload.internal', 0), body ->> '$.payload.body',
          coalesce(body -> '$.payload.attachments', '[]')
          FROM events WHERE type = 'comment' ORDER BY seq;
        {index}
    """


class BulkLoad(ExportImport):
    """An import into an empty store drops the indexes, writes through a
    rollback journal and builds the indexes at the end: whatever the input,
    the store must end as a row-by-row import would leave it."""

    def import_into_new_store(self, text, code=0):
        copy = os.path.join(self.dir, "copy")
        if not os.path.exists(copy):
            self.ok("init", copy)
        r = self.run_cli("-C", copy, "import", "-", input=text)
        self.assertEqual(r.code, code, r.err)
        return copy, r

    def test_every_index_is_back_and_the_store_on_its_wal(self):
        self.populate()
        exported = self.ok("export", "--format", "jsonl").out
        copy, r = self.import_into_new_store(exported)
        self.assertIn("imported 4 new ticket(s)", r.err)
        self.assertEqual(store_layout(copy), store_layout(self.dir))
        self.assertEqual(store_layout(copy)[1], "wal")
        self.assertIn("events_by_ticket", store_layout(copy)[0])
        self.assertEqual(self.ok("-C", copy, "export", "--format", "jsonl").out, exported)
        self.assertIn("no problems", self.ok("-C", copy, "fsck").err)
        # The ids are unique again: a second import adds nothing.
        r = self.ok("-C", copy, "import", "-", input=exported)
        self.assertIn("imported 0 new ticket(s), 0 event(s)", r.err)

    def test_the_load_writes_through_a_rollback_journal_not_the_wal(self):
        # Watched while the load waits for more input, inside its one
        # transaction. (A WAL file left in place took the load back into WAL
        # mode, which wrote every page twice.)
        rows = "".join(f"Heizung {i},kalt\n" for i in range(40))
        self.ok("import", "--format", "csv", "-", input="subject,description\n" + rows)
        lines = self.ok("export", "--format", "jsonl").out.splitlines(keepends=True)
        copy = os.path.join(self.dir, "copy")
        self.ok("init", copy)
        journal, wal = (os.path.join(copy, ".tickets", "tickets.db" + suffix)
                        for suffix in ("-journal", "-wal"))
        proc = subprocess.Popen([BIN, "-C", copy, "import", "-"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=self.env)
        try:
            proc.stdin.write("".join(lines[:36]).encode())  # one chunk of 32 lines, and more
            proc.stdin.flush()
            deadline = time.monotonic() + 60
            while not os.path.exists(journal) and proc.poll() is None \
                    and time.monotonic() < deadline:
                time.sleep(0.01)
            self.assertTrue(os.path.exists(journal))
            self.assertFalse(os.path.exists(wal))
            proc.stdin.write("".join(lines[36:]).encode())
        finally:
            _, err = proc.communicate(timeout=120)
        self.assertEqual(proc.returncode, 0, err)
        self.assertIn("imported 40 new ticket(s)", err.decode())
        self.assertFalse(os.path.exists(journal))
        self.assertEqual(store_layout(copy), store_layout(self.dir))
        self.assertEqual(self.ok("-C", copy, "export", "--format", "jsonl").out, "".join(lines))

    def test_an_event_given_twice_is_stored_once(self):
        self.populate()
        lines = self.ok("export", "--format", "jsonl").out.splitlines()
        repeated = len(json.loads(lines[0])["events"])
        copy, r = self.import_into_new_store("\n".join(lines + [lines[0]]) + "\n")
        self.assertIn(f"{repeated} event(s) already present", r.err)
        self.assertEqual(self.ok("-C", copy, "export", "--format", "jsonl").out.splitlines(), lines)
        self.assertIn("no problems", self.ok("-C", copy, "fsck").err)

    def test_bare_events_of_one_ticket_on_separate_lines(self):
        # Each line a single event: every ticket is written from its create
        # event's line, and folded again from the log at the end of the load.
        self.populate()
        exported = self.ok("export", "--format", "jsonl").out
        events = [e for line in exported.splitlines() for e in json.loads(line)["events"]]
        # Bare events carry no blobs: the attachments must be in the store.
        copy, r = self.import_into_new_store("".join(json.dumps(e) + "\n" for e in events), code=65)
        self.assertRegex(r.err, r"^tickets: import: line \d+: event [0-9a-f]{12}: attachment [0-9a-f]{12} "
                                r"is neither in the line's blobs nor in the store\n$")
        self.assertEqual(self.ok("-C", copy, "list", "--ids").out, "")
        shutil.copytree(os.path.join(self.dir, ".tickets", "objects"), os.path.join(copy, ".tickets", "objects"),
                        dirs_exist_ok=True)
        copy, r = self.import_into_new_store("".join(json.dumps(e) + "\n" for e in events))
        self.assertIn(f"imported 4 new ticket(s), {len(events)} event(s)", r.err)
        mine = self.ok("list", "--json", "--deleted", "--sort", "id").json()
        theirs = self.ok("-C", copy, "list", "--json", "--deleted", "--sort", "id").json()
        self.assertEqual(theirs, mine)
        self.assertIn("no problems", self.ok("-C", copy, "fsck").err)
        self.assertEqual(store_layout(copy), store_layout(self.dir))
        # An event given twice halfway: the indexes are built there, with the
        # tickets written so far folded again, and the rest loads as usual.
        again = os.path.join(self.dir, "again")
        self.ok("init", again)
        shutil.copytree(os.path.join(self.dir, ".tickets", "objects"), os.path.join(again, ".tickets", "objects"),
                        dirs_exist_ok=True)
        lines = [json.dumps(e) + "\n" for e in events]
        half = len(lines) // 2
        r = self.ok("-C", again, "import", "-", input="".join(lines[:half] + [lines[1]] + lines[half:]))
        self.assertIn("1 event(s) already present", r.err)
        self.assertEqual(self.ok("-C", again, "list", "--json", "--deleted", "--sort", "id").json(), mine)
        self.assertIn("no problems", self.ok("-C", again, "fsck").err)

    def test_a_load_while_another_connection_has_the_store_open(self):
        self.populate()
        exported = self.ok("export", "--format", "jsonl").out
        copy = os.path.join(self.dir, "copy")
        self.ok("init", copy)
        other = sqlite3.connect(os.path.join(copy, ".tickets", "tickets.db"))
        try:
            self.assertEqual(other.execute("SELECT count(*) FROM events").fetchone()[0], 0)
            self.import_into_new_store(exported)
            events = self.snapshot()["events"]
            self.assertEqual(other.execute("SELECT count(*) FROM events").fetchone()[0],
                             len(events))
        finally:
            other.close()
        self.assertEqual(store_layout(copy), store_layout(self.dir))
        self.assertIn("no problems", self.ok("-C", copy, "fsck").err)

    def test_a_failed_load_leaves_the_empty_store_as_it_was(self):
        self.populate()
        lines = self.ok("export", "--format", "jsonl").out.splitlines()
        copy = os.path.join(self.dir, "copy")
        self.ok("init", copy)
        layout, empty = store_layout(copy), self.ok("-C", copy, "list", "--json").json()
        copy, r = self.import_into_new_store("\n".join(lines) + "\n{broken\n", code=65)
        self.assertIn("line 5", r.err)
        self.assertEqual(empty, [])
        self.assertEqual(self.ok("-C", copy, "list", "--json").json(), empty)
        self.assertEqual(store_layout(copy), layout)

    def test_a_store_of_schema_version_5_is_upgraded_in_place(self):
        self.populate()
        before = self.snapshot()
        listed = self.ok("list", "--json", "--deleted").json()
        # Version 5 declared the ids unique in the tables and clustered the
        # comments by ticket and position.
        con = self.db()
        with con:
            con.executescript(comments_table_sql(clustered=True) + """
                ALTER TABLE events RENAME TO e6; ALTER TABLE tickets RENAME TO t6;
                CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
                  ticket TEXT NOT NULL, type TEXT NOT NULL, author TEXT NOT NULL,
                  time INTEGER NOT NULL, lamport INTEGER NOT NULL, body TEXT NOT NULL);
                CREATE TABLE tickets AS SELECT t.*, d.doc FROM t6 t
                  JOIN ticket_docs d ON d.rowid = t.rowid WHERE 0;
                INSERT INTO events SELECT * FROM e6; INSERT INTO tickets SELECT t.*, d.doc FROM t6 t
                  JOIN ticket_docs d ON d.rowid = t.rowid ORDER BY t.rowid;
                DROP TABLE ticket_docs;
                DROP TABLE e6; DROP TABLE t6;
                CREATE INDEX events_by_ticket ON events(ticket);
                PRAGMA user_version = 5;
            """)
        con.close()
        self.assertEqual(self.ok("list", "--json", "--deleted").json(), listed)
        con = self.db()
        self.assertEqual(con.execute("PRAGMA user_version").fetchone()[0], SCHEMA_VERSION)
        self.assertIsNone(con.execute(
            "SELECT 1 FROM sqlite_master WHERE name LIKE 'sqlite_autoindex_events%'").fetchone())
        con.close()
        self.assertIn("events_by_ticket", store_layout(self.dir)[0])
        self.assertEqual(self.snapshot(), before)
        self.assert_fsck_clean()

    def test_a_store_of_schema_version_6_is_upgraded_in_place(self):
        self.populate()
        before = self.snapshot()
        listed = self.ok("list", "--json", "--deleted").json()
        exported = self.ok("export", "--format", "jsonl").out
        # Version 6 kept the ticket's JSON in tickets.doc and indexed the
        # event ids.
        con = self.db()
        with con:
            con.executescript(comments_table_sql(clustered=False) + """
                ALTER TABLE tickets ADD COLUMN doc TEXT NOT NULL DEFAULT '';
                UPDATE tickets SET doc = (SELECT doc FROM ticket_docs d
                                          WHERE d.rowid = tickets.rowid);
                DROP TABLE ticket_docs;
                CREATE UNIQUE INDEX events_by_id ON events(id);
                PRAGMA user_version = 6;
            """)
        con.close()
        self.assertEqual(self.ok("list", "--json", "--deleted").json(), listed)
        self.assertNotIn("events_by_id", store_layout(self.dir)[0])
        con = self.db()
        self.assertEqual(con.execute("PRAGMA user_version").fetchone()[0], SCHEMA_VERSION)
        self.assertNotIn("doc", [row[1] for row in con.execute("PRAGMA table_info(tickets)")])
        con.close()
        self.assertEqual(self.snapshot(), before)
        # Repeats are still found, through the events of their ticket.
        r = self.ok("import", "-", input=exported)
        self.assertIn("imported 0 new ticket(s), 0 event(s)", r.err)
        self.assertEqual(self.snapshot(), before)
        self.assert_fsck_clean()

    def test_a_store_of_schema_version_7_is_upgraded_in_place(self):
        a = self.populate()
        self.ok("comment", a, "-m", "Notiz: \"Zähler\" tauschen", "--internal", as_user=AGENT)
        before = self.snapshot()
        shown = self.ok("show", a, "--json").json()
        self.assertEqual([c["internal"] for c in shown["comments"]], [False, False, True])
        # Version 7 kept the comments in a table, a row each.
        con = self.db()
        with con:
            con.executescript(comments_table_sql(clustered=False) + "PRAGMA user_version = 7;")
        con.close()
        self.assertEqual(self.ok("show", a, "--json").json(), shown)
        con = self.db()
        self.assertEqual(con.execute("PRAGMA user_version").fetchone()[0], SCHEMA_VERSION)
        self.assertIsNone(con.execute(
            "SELECT 1 FROM sqlite_master WHERE name IN ('comments', 'comments_by_ticket')").fetchone())
        con.close()
        self.assertEqual(self.snapshot(), before)
        self.assert_fsck_clean()
        # And it goes on as any store: a reply shows with the others.
        self.ok("comment", a, "-m", "Zähler getauscht", as_user=AGENT)
        self.assertEqual(self.ok("show", a, "--json").json()["comments"][-1]["body"],
                         "Zähler getauscht")
        self.assert_fsck_clean()


    def test_a_store_of_schema_version_9_is_upgraded_in_place(self):
        a = self.populate()
        self.ok("comment", a, "-m", "Notiz: Zähler tauschen", "--internal", as_user=AGENT)
        before = self.snapshot()
        shown = self.ok("show", a, "--json").json()
        exported = self.ok("export", "--format", "json").json()
        # Versions 8 and 9 kept a copy of each ticket's comments in
        # ticket_docs.comments, which show and export read, and indexed the
        # events by the whole ticket id.
        con = self.db()
        with con:
            con.executescript("""
                ALTER TABLE ticket_docs ADD COLUMN comments TEXT NOT NULL DEFAULT '[]';
                UPDATE ticket_docs SET comments = '[{"body": "stale copy"}]';
                DROP INDEX events_by_ticket;
                CREATE INDEX events_by_ticket ON events(ticket);
                PRAGMA user_version = 9;
            """)
        con.close()
        self.assertEqual(self.ok("show", a, "--json").json(), shown)
        con = self.db()
        self.assertEqual(con.execute("PRAGMA user_version").fetchone()[0], SCHEMA_VERSION)
        self.assertNotIn("comments",
                         [row[1] for row in con.execute("PRAGMA table_info(ticket_docs)")])
        self.assertIn("substr(ticket, 1, 16)", con.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'events_by_ticket'").fetchone()[0])
        con.close()
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.ok("export", "--format", "json").json(), exported)
        self.assert_fsck_clean()
        # The comments come from the log: a new one shows at once.
        self.ok("comment", a, "-m", "Zähler getauscht", as_user=AGENT)
        self.assertEqual([c["body"] for c in self.ok("show", a, "--json").json()["comments"]][-2:],
                         ["Notiz: Zähler tauschen", "Zähler getauscht"])
        self.assert_fsck_clean()

    def test_a_version_13_store_gets_the_folded_index_its_terms_and_dates(self):
        self.populate()
        self.new("Generalschlüssel für Hauptstraße 12")
        # Until version 13 the index held the text as written, split by
        # SQLite's unicode61 tokenizer, and had no list of terms.
        con = self.db()
        with con:
            con.executescript("""
                DROP TRIGGER search_terms_indexed;
                DROP TABLE search_term_trigrams; DROP TABLE search_terms;
                DROP TABLE search_vocabulary; DROP TABLE search;
                ALTER TABLE tickets DROP COLUMN due; ALTER TABLE tickets DROP COLUMN solved;
                ALTER TABLE tickets DROP COLUMN closed;
                CREATE VIRTUAL TABLE search USING fts5(subject, description, comments,
                    tokenize = 'unicode61 remove_diacritics 2');
                INSERT INTO search (rowid, subject, description, comments)
                    SELECT rowid, subject, '', '' FROM tickets;
                PRAGMA user_version = 13;
            """)
        con.close()
        # "Schlüssel verloren", its follow-up and the new one
        self.assertEqual(len(self.ok("list", "--ids", "schluessel").out.split()), 3)
        self.assertEqual(len(self.ok("list", "--ids", "hauptstrasse").out.split()), 1)
        self.assertEqual(len(self.ok("list", "--ids", "solved.after:2020-01-01").out.split()), 1)
        con = self.db()
        self.assertEqual(con.execute("PRAGMA user_version").fetchone()[0], SCHEMA_VERSION)
        self.assertEqual(con.execute("SELECT subject FROM search WHERE subject LIKE 'general%'")
                         .fetchone()[0], "generalschluessel fuer hauptstrasse 12")
        con.close()
        self.assert_fsck_clean()

    def test_a_store_of_a_newer_schema_is_refused_and_left_alone(self):
        self.populate()
        con = self.db()
        with con:
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        con.close()
        before = self.snapshot()
        for args in (("list",), ("new", "Heizung", "-m", "kalt")):
            r = self.run_cli(*args)
            self.assertEqual(r.code, 78, r.err)
            self.assertIn(f"store schema version {SCHEMA_VERSION + 1} is newer than this "
                          "tickets binary understands", r.err)
            self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertEqual(self.snapshot(), before)


class Errors(TicketsTest):
    def test_an_event_or_attachment_too_large_to_sync_is_refused_when_made(self):
        t = self.new()
        before = self.snapshot()
        text = os.path.join(self.dir, "lang.txt")
        with open(text, "w") as f:
            f.write("Zählerstand " * 400000)  # 5.2 MB
        r = self.fails(65, "comment", t, "-F", text)
        self.assertIn(f"ticket {t}: ", r.err)
        self.assertIn("more than an event may hold (4 MiB); attach long texts as files", r.err)
        big = os.path.join(self.dir, "gross.bin")
        with open(big, "wb") as f:
            f.truncate(26 * 1024 * 1024)
        r = self.fails(65, "comment", t, "-m", "Anbei", "--attach", big)
        self.assertIn("more than 25 MiB", r.err)
        self.assertEqual(self.snapshot(), before)
        self.ok("comment", t, "-m", "Kurz", "--attach", text)  # as a file it is fine

    def test_unknown_and_ambiguous_ids(self):
        rows = "".join(f"Ticket {i},Beschreibung {i}\r\n" for i in range(1500))
        self.ok("import", "--format", "csv", "-", input="subject,description\r\n" + rows)
        ids = self.ok("list", "--ids").out.split()
        by_prefix = {}
        for i in ids:
            by_prefix.setdefault(i[:4], []).append(i)
        prefix, clash = next((p, c) for p, c in by_prefix.items() if len(c) > 1)
        before = self.snapshot()
        r = self.fails(4, "show", prefix)
        self.assertIn(f"ticket {prefix}: ambiguous id, candidates:", r.err)
        for c in clash:
            subject = self.show(c)["subject"]
            self.assertIn(f'{c[:12]} "{subject}"', r.err)
        self.fails(4, "close", prefix, as_user=AGENT)
        r = self.fails(3, "show", "deadbeefdeadbeef")
        self.assertIn("not found", r.err)
        self.fails(3, "comment", "zzzz", "-m", "x")
        self.fails(2, "show", "abc")
        self.assertEqual(self.snapshot(), before)

    def test_bad_input_is_refused_and_changes_nothing(self):
        t = self.new()
        before = self.snapshot()
        bad = os.path.join(self.dir, "latin1.txt")
        with open(bad, "wb") as f:
            f.write("Grüße".encode("latin-1"))
        r = self.fails(65, "comment", t, "-F", bad)
        self.assertIn("not valid UTF-8", r.err)
        self.fails(65, "new", "x", "-F", bad)
        r = self.fails(65, "comment", t, "-m", "x", "--attach", os.path.join(self.dir, "fehlt.pdf"))
        self.assertIn("fehlt.pdf", r.err)
        self.fails(65, "new", "x", "-F", self.dir)  # a directory
        self.fails(2, "new", "-m", "ohne Betreff")
        self.fails(2, "new", "Ohne Beschreibung")
        self.fails(2, "new", "x", "-m", "y", "--type", "bug")
        self.fails(2, "new", "x", "-m", "y", "--requester", "kein-mail")
        self.fails(2, "new", "x", "-m", "y", "--due", "morgen")
        self.fails(2, "status", t, "erledigt", as_user=AGENT)
        self.fails(2, "rate", t, "super")
        self.fails(2, "nosuchcommand")
        self.assertEqual(self.snapshot(), before)

    def test_help(self):
        self.assertIn("escalate", self.ok("--help").out)
        # `help` alone lists the commands, as --help does.
        self.assertEqual(self.ok("help").out, self.ok("--help").out)
        self.assertIn("--internal", self.ok("help", "comment").out)
        self.assertIn("--internal", self.ok("comment", "--help").out)
        self.fails(2, "help", "nosuch")


class Concurrency(TicketsTest):
    def test_two_writers_lose_nothing(self):
        errors = []

        def writer(name):
            for i in range(500):
                r = self.run_cli("new", f"{name} {i}", "-m", "parallel")
                if r.code != 0:
                    errors.append(r)

        threads = [threading.Thread(target=writer, args=(n,)) for n in ("A", "B")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        ids = self.ok("list", "--ids").out.split()
        self.assertEqual(len(ids), 1000)
        self.assertEqual(len(set(ids)), 1000)
        self.assert_fsck_clean()


if __name__ == "__main__":
    main()
