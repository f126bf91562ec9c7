#!/usr/bin/env python3
"""Office formats as a desk manager uses them: the open tickets as an Excel
workbook (`export --format xlsx`), read back with openpyxl and compared
cell by cell with `export --format json`; a ticket as Markdown or HTML to
paste elsewhere, or as a PDF for the paper file (`show --format`), its text
read back with pdftotext and a page drawn with pdftoppm."""
import datetime
import os
import subprocess
import unittest

from harness import AGENT, FEATURES, TENANT, TicketsTest, main, requires

# The workbook's columns: their keys in the JSON, in order (cmd/export_xlsx.cpp).
KEYS = ["short_id", "subject", "status", "type", "priority", "requester", "organisation",
        "assignee", "group", "cc", "tags", "product", "topic", "category", "property",
        "visibility", "created_at", "updated_at", "due_at", "solved_at", "closed_at", "escalated",
        "escalation_count", "comment_count", "deleted", "description"]
DATES = {k for k in KEYS if k.endswith("_at")}


def berlin(iso):
    """An ISO-8601 UTC instant as the naive local time Excel shows (CET/CEST)."""
    t = datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")
    summer = datetime.datetime(t.year, 3, 31) - datetime.timedelta(
        days=(datetime.datetime(t.year, 3, 31).weekday() + 1) % 7)
    winter = datetime.datetime(t.year, 10, 31) - datetime.timedelta(
        days=(datetime.datetime(t.year, 10, 31).weekday() + 1) % 7)
    dst = summer + datetime.timedelta(hours=1) <= t < winter + datetime.timedelta(hours=1)
    return t + datetime.timedelta(hours=2 if dst else 1)


@requires("xlsx")
class Xlsx(TicketsTest):
    def setUp(self):
        super().setUp()
        self.ok("config", "set", "calendar.timezone", "Europe/Berlin")

    def desk(self):
        summer = {"TICKETS_NOW": "2026-07-01T08:30:00Z"}
        a = self.ok("new", "Heizkörper im 2. OG kalt", "-m", "Seit gestern\nkalt; \"sehr\" kalt",
                    "--type", "incident", "--cc", "nachbar@muster-hv.de", "--tag", "winter,heizung",
                    "--property", "Musterstraße 1", "--due", "2026-12-24", env=summer).out.strip()
        b = self.ok("new", "Nebenkostenabrechnung 2025", "-m", "Bitte prüfen",
                    env={"TICKETS_NOW": "2026-11-20T14:05:00Z"}).out.strip()
        c = self.ok("new", "Schlüssel verloren", "-m", "Ersatz", env=summer).out.strip()
        self.ok("escalate", a, "-m", "Immer noch kalt", as_user=TENANT)
        self.ok("assign", a, AGENT)
        self.ok("comment", b, "-m", "Wir prüfen das.", as_user=AGENT)
        self.ok("resolve", c, "-m", "Neuer Schlüssel liegt bereit.", as_user=AGENT)
        return a, b, c

    def test_the_open_tickets_as_a_workbook_match_their_json_cell_by_cell(self):
        import openpyxl
        self.desk()
        path = os.path.join(self.dir, "offen.xlsx")
        self.ok("export", "-status:solved", "--format", "xlsx", "-o", path)
        tickets = self.ok("export", "-status:solved", "--format", "json").json()
        self.assertEqual(len(tickets), 2)
        sheet = openpyxl.load_workbook(path).active
        self.assertEqual(sheet.title, "Tickets")
        header = [c.value for c in sheet[1]]
        self.assertEqual(header[:6], ["Nr.", "Betreff", "Status", "Anfragetyp", "Priorität",
                                      "Anfragender"])
        self.assertEqual(len(header), len(KEYS))
        self.assertTrue(all(c.font.bold for c in sheet[1]))
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, f"A1:Z{len(tickets) + 1}")
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(rows), len(tickets))
        for row, t in zip(rows, tickets):
            for key, value in zip(KEYS, row):
                want = t[key]
                if key in DATES:
                    want = berlin(want) if want else None
                    if value is not None:
                        self.assertIsInstance(value, datetime.datetime, key)
                elif isinstance(want, list):
                    want = ", ".join(want) or None
                elif want == "":
                    want = None
                self.assertEqual(value, want, f"{t['short_id']} {key}")
        # Typed cells: numbers, true/false, a date with its local format.
        first = rows[0]
        self.assertIs(first[KEYS.index("escalated")], True)
        self.assertEqual(first[KEYS.index("escalation_count")], 1)
        self.assertEqual(first[KEYS.index("created_at")], datetime.datetime(2026, 7, 1, 10, 30))
        date_cell = sheet.cell(row=2, column=KEYS.index("created_at") + 1)
        self.assertEqual(date_cell.number_format, "dd.mm.yyyy hh:mm")
        widths = sheet.column_dimensions
        self.assertGreater(widths["B"].width, widths["C"].width)  # subjects are wider

    def test_english_titles_and_bad_requests(self):
        self.desk()
        import openpyxl
        path = os.path.join(self.dir, "open.xlsx")
        self.ok("export", "--format", "xlsx", "--language", "en", "-o", path)
        sheet = openpyxl.load_workbook(path).active
        self.assertEqual([c.value for c in sheet[1]][:3], ["No.", "Subject", "Status"])
        self.assertEqual(sheet.max_row, 4)
        self.assertEqual(sheet.cell(row=2, column=KEYS.index("created_at") + 1).number_format,
                         "yyyy-mm-dd hh:mm")
        r = self.fails(2, "export", "--format", "xlsx")
        self.assertIn("give -o FILE", r.err)
        self.fails(2, "export", "--format", "csv", "--language", "en")
        # A directory that is not there: an error, and no half-written file.
        r = self.fails(65, "export", "--format", "xlsx", "-o",
                       os.path.join(self.dir, "nicht-da", "x.xlsx"))
        self.assertIn("cannot write", r.err)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        # An empty selection is a workbook with its header row.
        empty = os.path.join(self.dir, "leer.xlsx")
        self.ok("export", "status:hold", "--format", "xlsx", "-o", empty)
        self.assertEqual(openpyxl.load_workbook(empty).active.max_row, 1)
        self.assertEqual([n for n in os.listdir(self.dir) if n.endswith(".part")], [])

class Printouts(TicketsTest):
    """show --format markdown|html: a ticket to paste into another tool."""

    def ticket(self):
        t = self.ok("new", "Heizung <b>kalt</b>", "-m", "Seit gestern kalt.\n1. OG\n<script>x()</script>",
                    env={"TICKETS_NOW": "2026-07-01T08:30:00Z"}).out.strip()
        self.ok("comment", t, "--internal", "-m", "Intern: Mieter ruft oft an")
        self.ok("comment", t, "-m", "Der Techniker kommt morgen.")
        return t

    def test_markdown_without_internal_notes_unless_asked(self):
        self.ok("config", "set", "calendar.timezone", "Europe/Berlin")
        t = self.ticket()
        number = self.show(t)["id"][:12]
        md = self.ok("show", t, "--format", "markdown").out
        self.assertTrue(md.startswith(f"# Ticket #{number}: Heizung \\<b\\>kalt\\</b\\>\n"), md)
        self.assertIn("- **Erstellt:** 01.07.2026 10:30\n", md)
        self.assertIn("Seit gestern kalt.\\\n1\\. OG\\\n\\<script\\>x()\\</script\\>", md)
        self.assertIn("Der Techniker kommt morgen.", md)
        self.assertNotIn("Intern", md)
        md = self.ok("show", t, "--format", "markdown", "--internal", "--language", "en").out
        self.assertIn("(internal note)\n\nIntern: Mieter ruft oft an", md)
        self.assertIn("- **Created:** 2026-07-01 10:30\n", md)

    def test_html_to_a_file_with_every_text_escaped(self):
        t = self.ticket()
        path = os.path.join(self.dir, "ticket.html")
        self.ok("show", t, "--format", "html", "-o", path)
        with open(path, encoding="utf-8") as f:
            html = f.read()
        self.assertTrue(html.startswith("<!DOCTYPE html>\n<html lang=\"de\">"))
        self.assertIn("&lt;script&gt;x()&lt;/script&gt;", html)
        self.assertNotIn("<script", html)
        self.assertNotIn("<b>", html)
        self.assertNotIn("Intern", html)
        for args in (["-o", path], ["--internal"], ["--json", "--format", "html"]):
            self.fails(2, "show", t, *args)

    def test_a_printout_never_says_who_is_behind_an_anonymous_ticket(self):
        t = self.ok("new", "--anonymous", "Lärm nachts", "-m", "Nachbar laut",
                    as_user=TENANT).out.strip()
        self.assertIn(f"anonymous ({TENANT})", self.ok("show", t, as_user=TENANT).out)
        for fmt in ("markdown", "html"):
            out = self.ok("show", t, "--format", fmt, as_user=TENANT).out
            self.assertIn("anonymous", out)
            self.assertNotIn(TENANT, out)
            self.assertNotIn("muster-hv", out)

    def test_internal_notes_are_for_agents(self):
        t = self.ticket()
        self.ok("user", "add", AGENT, "--role", "agent")
        self.ok("user", "add", TENANT, "--role", "tenant")
        r = self.fails(77, "show", t, "--format", "markdown", "--internal", as_user=TENANT)
        self.assertIn("internal notes are for agents", r.err)
        self.assertIn("Intern", self.ok("show", t, "--format", "markdown", "--internal",
                                        as_user=AGENT).out)


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(next(l for l in info.splitlines() if l.startswith("Pages:")).split()[1])


@requires("pdf")
class Pdf(TicketsTest):
    """show --format pdf: the ticket for the paper file."""

    LONG = "Nebenkostenabrechnungsnachforderungsschreibenentwurfsvorlage" * 3

    def test_a_ticket_with_its_correspondence_over_several_pages(self):
        self.ok("config", "set", "calendar.timezone", "Europe/Berlin")
        t = self.ok("new", "Heizkörper im 2. OG kalt", "-m", "Grüße aus der Straße: " + self.LONG,
                    env={"TICKETS_NOW": "2026-07-01T08:30:00Z"}).out.strip()
        self.ok("comment", t, "--internal", "-m", "Intern: Mieter ruft oft an")
        for i in range(20):
            self.ok("comment", t, "-m", f"Antwort {i + 1}: " + "Der Techniker kommt. " * 12,
                    as_user=AGENT if i % 2 else TENANT)
        number = self.show(t)["id"][:12]
        path = os.path.join(self.dir, "ticket.pdf")
        self.ok("show", t, "--format", "pdf", "-o", path)
        pages = pdf_pages(path)
        self.assertGreaterEqual(pages, 2)
        text = pdf_text(path)
        self.assertIn(f"Ticket #{number}: Heizkörper im 2. OG kalt", text)
        self.assertIn("Erstellt", text)
        self.assertIn("01.07.2026 10:30", text)
        self.assertNotIn("Intern", text)
        # Every page has the ticket's number and its page number.
        sheets = text.split("\f")
        for n in range(1, pages + 1):
            self.assertIn(f"#{number}", sheets[n - 1])
            self.assertIn(f"Seite {n} / {pages}", sheets[n - 1])
        # The answers in time order, the long word whole (broken over lines).
        positions = [text.index(f"Antwort {i}:") for i in range(1, 21)]
        self.assertEqual(positions, sorted(positions))
        joined = "".join(text.split()).replace("-", "")
        self.assertIn(self.LONG, joined)
        # A page looks like a page: pdftoppm draws ink on it.
        subprocess.run(["pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "1", path,
                        os.path.join(self.dir, "page")], check=True)
        [image] = [n for n in os.listdir(self.dir) if n.startswith("page")]
        with open(os.path.join(self.dir, image), "rb") as f:
            data = f.read()
        pixels = data[data.index(b"255\n") + 4:]
        dark = sum(1 for b in pixels if b < 128)
        self.assertGreater(dark, 200)
        self.assertLess(dark, len(pixels) // 4)

    def test_several_tickets_in_one_file_and_the_internal_notes_for_agents(self):
        a = self.new("Heizung kalt")
        b = self.new("Wasser tropft")
        self.ok("comment", a, "--internal", "-m", "Intern: Rückruf")
        path = os.path.join(self.dir, "beide.pdf")
        self.ok("show", a, b, "--format", "pdf", "--internal", "--language", "en", "-o", path)
        self.assertEqual(pdf_pages(path), 2)  # each ticket from a new page
        sheets = pdf_text(path).split("\f")
        self.assertIn("Heizung kalt", sheets[0])
        self.assertIn("Intern: Rückruf", sheets[0])
        self.assertIn("internal note", sheets[0])
        self.assertIn("Wasser tropft", sheets[1])
        self.assertIn("Page 1 / 1", sheets[1])
        r = self.fails(2, "show", a, "--format", "pdf")
        self.assertIn("give -o FILE", r.err)
        r = self.fails(65, "show", a, "--format", "pdf", "-o",
                       os.path.join(self.dir, "nicht-da", "x.pdf"))
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertEqual([n for n in os.listdir(self.dir) if n.endswith(".part")], [])


@unittest.skipIf("pdf" in FEATURES, "this build has pdf")
class WithoutPdf(TicketsTest):
    def test_the_pdf_names_the_build_option(self):
        t = self.new()
        r = self.fails(69, "show", t, "--format", "pdf", "-o", os.path.join(self.dir, "x.pdf"))
        self.assertIn("built with -DTICKETS_PDF=OFF", r.err)
        self.assertEqual([n for n in os.listdir(self.dir) if "pdf" in n], [])


@unittest.skipIf("xlsx" in FEATURES, "this build has xlsx")
class WithoutXlsx(TicketsTest):
    def test_the_export_names_the_build_option(self):
        self.new()
        r = self.fails(69, "export", "--format", "xlsx", "-o", os.path.join(self.dir, "x.xlsx"))
        self.assertIn("built with -DTICKETS_XLSX=OFF", r.err)
        self.assertEqual([n for n in os.listdir(self.dir) if "xlsx" in n], [])


if __name__ == "__main__":
    main()
