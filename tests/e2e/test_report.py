"""`tickets report` on a small store with known times: every figure checked
against a value worked out by hand, as a table, JSON, CSV and an HTML page
opened in headless Chromium (the numbers in the page, a look at the
screenshot). Calendar: Monday to Friday 08:00-17:00 UTC, no holidays;
2026-12-07 is a Monday, the report is made on Wednesday 08:00."""

import csv
import io
import os
import shutil
import struct
import subprocess
import zlib

from harness import AGENT, TENANT, TicketsTest, main

NOW = "2026-12-09T08:00:00Z"
H = 3600


def png_pixels(path):
    """The RGB(A) rows of a PNG as Chromium writes it (8 bits per channel)."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, idat = 8, b""
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        chunk = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
        elif kind == b"IDAT":
            idat += chunk
        at += 12 + length
    assert depth == 8 and colour in (2, 6), (depth, colour)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[i:i + 3]) for i in range(0, stride, channels)])
        previous = line
    return rows


class Report(TicketsTest):
    def setUp(self):
        super().setUp()
        self.env["TICKETS_USER"] = AGENT
        for key, value in {"sla.normal.first_reply": "4h", "sla.normal.resolution": "2d",
                           "calendar.holidays": "none", "calendar.timezone": "UTC",
                           "sweep.pending_reminder_days": "1", "notify.language": "de"}.items():
            self.ok("config", "set", key, value)
        at = self.at
        # A: answered after 2h, solved after 6h, rated good.
        a = self.create("2026-12-07T09:00:00Z", "normal", "Heizung")
        at("2026-12-07T11:00:00Z", "comment", a, "-m", "Wir kommen.")
        at("2026-12-07T15:00:00Z", "resolve", a, "-m", "Ventil getauscht.")
        at("2026-12-07T16:00:00Z", "rate", a, "good", as_user=TENANT)
        # B: answered after 8 working hours (its 4h target breached), solved after 11, rated bad.
        b = self.create("2026-12-07T10:00:00Z", "normal", "Wasser")
        at("2026-12-08T09:00:00Z", "comment", b, "-m", "Sorry, morgen.")
        at("2026-12-08T12:00:00Z", "resolve", b, "-m", "Dicht.")
        at("2026-12-08T13:00:00Z", "rate", b, "bad", "--reason", "zu langsam", as_user=TENANT)
        # C: high, escalated to urgent (the reason answers nobody), answered
        # after 2h, open (new: nobody took it) for 24h.
        c = self.create("2026-12-08T08:00:00Z", "high", "Aufzug")
        at("2026-12-08T09:00:00Z", "escalate", c, "-m", "Steckt fest")
        at("2026-12-08T10:00:00Z", "comment", c, "-m", "Techniker ist unterwegs.")
        # D: low, unanswered, open for 16h.
        self.create("2026-12-08T16:00:00Z", "low", "Schlüssel")
        # E: low, answered after 30m, pending, reminded once, open for 47h.
        e = self.create("2026-12-07T09:00:00Z", "low", "Frage")
        at("2026-12-07T09:30:00Z", "comment", e, "-m", "Welche Wohnung?")
        at("2026-12-07T09:30:00Z", "status", e, "pending")
        at("2026-12-08T09:30:00Z", "sweep")

    def at(self, when, *args, as_user=AGENT):
        return self.ok(*args, env={"TICKETS_NOW": when}, as_user=as_user)

    def create(self, when, priority, subject):
        return self.at(when, "new", subject, "-m", "…", "--priority", priority,
                       "--requester", TENANT).out.strip()

    def report(self, *args):
        return self.at(NOW, "report", *args)

    def test_every_figure_of_the_total(self):
        t = self.report("--json").json()["total"]
        self.assertEqual((t["tickets"], t["open"]), (5, 3))
        self.assertEqual(t["open_age"], {"count": 3, "median": 24 * H, "p90": 47 * H})
        self.assertEqual(t["first_reply"], {"count": 4, "median": 2 * H, "p90": 8 * H})
        self.assertEqual(t["resolution"], {"count": 2, "median": 8 * H + 1800, "p90": 11 * H})
        self.assertEqual(t["sla"], {"tickets": 2, "breached": 1, "attainment": 0.5})
        self.assertEqual((t["escalations"], t["escalated"], t["reminders"]), (1, 1, 1))
        self.assertEqual(t["satisfaction"], {"good": 1, "bad": 1, "score": 0.5,
                                             "bad_reasons": {"zu langsam": 1}})

    def test_groups_weeks_and_charts_data(self):
        j = self.report("--by", "priority", "--json").json()
        groups = {g["key"]: g for g in j["groups"]}
        self.assertEqual(sorted(groups), ["low", "normal", "urgent"])
        self.assertEqual(groups["low"]["open_age"], {"count": 2, "median": 31 * H + 1800, "p90": 47 * H})
        self.assertEqual(groups["low"]["first_reply"], {"count": 1, "median": 1800, "p90": 1800})
        self.assertEqual(groups["normal"]["first_reply"], {"count": 2, "median": 5 * H, "p90": 8 * H})
        self.assertEqual(groups["urgent"]["escalated"], 1)
        self.assertEqual(j["weeks"], [{"week": "2026-12-07", "by_status": {
            "new": 2, "pending": 1, "solved": 2}}])
        self.assertEqual([b["tickets"] for b in j["resolution_times"]], [0, 1, 1, 0, 0])
        self.assertEqual(j["sla_by_priority"], [
            {"priority": "urgent", "tickets": 0, "breached": 0, "attainment": None},
            {"priority": "normal", "tickets": 2, "breached": 1, "attainment": 0.5},
            {"priority": "low", "tickets": 0, "breached": 0, "attainment": None}])
        # Only the tickets created from Tuesday on: C and D.
        self.assertEqual(self.report("--from", "2026-12-08", "--json").json()["total"]["tickets"], 2)
        self.assertEqual(self.report("--to", "2026-12-08", "priority:low", "--json")
                         .json()["total"]["tickets"], 1)

    def test_table_and_csv(self):
        lines = self.report("--by", "priority").out.splitlines()
        total = [line for line in lines if line.startswith("total")][0].split()
        self.assertEqual(total[:3], ["total", "5", "3"])
        self.assertIn("8h 30m / 11h", lines[[i for i, l in enumerate(lines) if l.startswith("total")][0]])
        self.assertIn("   1  zu langsam", lines[-1])
        rows = list(csv.DictReader(io.StringIO(self.report("--format", "csv").out)))
        self.assertEqual(rows[-1]["group"], "total")
        self.assertEqual((rows[-1]["resolution_median_h"], rows[-1]["first_reply_p90_h"],
                          rows[-1]["sla_breached"], rows[-1]["bad"]), ("8.50", "8.00", "1", "1"))
        out = os.path.join(self.dir, "bericht.csv")
        self.report("--format", "csv", "-o", out)
        with open(out, encoding="utf-8") as f:
            self.assertEqual(f.read(), self.report("--format", "csv").out)

    def test_what_another_policy_would_have_said(self):
        policy = os.path.join(self.dir, "streng.toml")
        with open(policy, "w", encoding="utf-8") as f:
            f.write('[sla.normal]\nfirst_reply = "1h"\n\n[sla.low]\nfirst_reply = "1h"\n')
        t = self.report("--policy", policy, "--json").json()["total"]
        # Within an hour: only E (30m). A (2h) and B (8h) went over, and D,
        # unanswered since Tuesday 16:00, is past its deadline of 17:00 (no
        # working time has passed since, but the deadline has); C (urgent)
        # has no policy in the file.
        self.assertEqual(t["sla"], {"tickets": 4, "breached": 3, "attainment": 0.25})
        # The store's own figures are unchanged.
        self.assertEqual(self.report("--json").json()["total"]["sla"]["breached"], 1)
        r = self.fails(65, "report", "--policy", os.path.join(self.dir, "fehlt.toml"))
        self.assertIn("fehlt.toml", r.err)
        with open(policy, "w", encoding="utf-8") as f:
            f.write('[sla.normal]\nfirst_reply = "bald"\n')
        r = self.fails(65, "report", "--policy", policy)
        self.assertIn("sla.normal.first_reply", r.err)

    def test_usage_errors_change_nothing(self):
        before = self.snapshot()
        self.fails(2, "report", "--json", "--format", "csv")
        self.fails(2, "report", "-o", "x.txt")
        self.fails(2, "report", "--from", "letzte Woche")
        self.fails(2, "report", "--by", "farbe")
        r = self.fails(65, "report", "--format", "html", "-o", os.path.join(self.dir, "no", "r.html"))
        self.assertIn("r.html", r.err)
        self.assertEqual(self.snapshot(), before)

    def test_the_page_in_a_browser(self):
        chromium = shutil.which("chromium")
        self.assertIsNotNone(chromium, "chromium is a test dependency (./dev installs it)")
        page = os.path.join(self.dir, "bericht.html")
        self.report("--format", "html", "--by", "priority", "-o", page)
        with open(page, encoding="utf-8") as f:
            html = f.read()
        self.assertNotIn("<script", html)
        self.assertNotRegex(html, r"(src|href)=\"?https?:")
        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                f"--user-data-dir={os.path.join(self.dir, 'chromium')}"]
        dom = subprocess.run(args + ["--dump-dom", "file://" + page], capture_output=True,
                             text=True, timeout=120, check=True).stdout
        total = dom[dom.index('<tr class="total">'):]
        total = total[:total.index("</tr>")]
        for cell in ["Gesamt", ">5<", ">3<", "24h / 47h", "2h / 8h", "8h 30m / 11h", "50 %", ">1<"]:
            self.assertIn(cell, total)
        self.assertIn("Tickets pro Woche nach Status", dom)
        self.assertIn("1 × zu langsam", dom)
        shot = os.path.join(self.dir, "bericht.png")
        subprocess.run(args + [f"--screenshot={shot}", "--window-size=900,1400", "file://" + page],
                       capture_output=True, timeout=120, check=True)
        artefacts = os.environ.get("TICKETS_ARTEFACTS")
        if artefacts:
            os.makedirs(artefacts, exist_ok=True)
            shutil.copy(shot, os.path.join(artefacts, "report.png"))
        pixels = png_pixels(shot)
        flat = [p for row in pixels for p in row]
        ink = sum(1 for p in flat if sum(p) < 600)
        self.assertGreater(ink, len(flat) // 200)  # text and charts drawn
        self.assertLess(ink, len(flat) // 2)       # on a light page
        # The bars: solved and SLA green, new orange, pending and the resolution times blue.
        drawn = set(flat)
        for colour in [(0x1e, 0x84, 0x49), (0xb3, 0x59, 0x00), (0x2c, 0x6f, 0xbb)]:
            self.assertTrue(colour in drawn, f"no pixel of colour {colour}")
        english = self.report("--format", "html", "--language", "en").out
        self.assertIn("Tickets per week by status", english)


if __name__ == "__main__":
    main()
