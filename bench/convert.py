#!/usr/bin/python3
"""Convert the benchmark's ticket data (bench/generate.py output) for the peers.

    /usr/bin/python3 bench/convert.py DATA.jsonl --taskwarrior TASKS.json --fossil LOAD.sh

Each ticket is folded from its events (create, comment, assign, status,
resolve, close: the subset bench/generate.py writes, with the rules of
core/fold.cpp) and written as

- one Taskwarrior 2.6 task per line (`task import` reads JSON Lines):
  description = subject; the ticket's description and every comment and
  solution become annotations (so `task /WORD/` searches the same text that
  `tickets list WORD` searches: subject, description, comments); new, open,
  pending and hold tickets are `pending` tasks, solved and closed ones
  `completed` tasks with an end date; the ticket status is also a tag
  (+new, +open, +pending, +hold, +solved, +closed) so that one status can be
  selected; project = category or product topic; priority urgent/high -> H,
  normal -> M, low -> L; entry/modified/end from the events' times.

- one `fossil ticket add` command per ticket in a shell script (Fossil has no
  bulk ticket import on its command line; `ticket add` makes one ticket
  artifact per call): title = subject, status = the ticket status (New, Open,
  Pending, Hold, Solved, Closed, so `status = 'Open'` selects the same tickets
  as `tickets list status:open`), type, subsystem = category or topic,
  priority, private_contact = requester, resolution (Fixed for solved/closed),
  comment = the description followed by every comment, as one text. The script
  expects $FOSSIL (the binary) and $REPO (the repository file) in its
  environment.

- one row per ticket in a CSV file as German Excel saves one ("CSV
  (Trennzeichen-getrennt)"): `;` between fields, Windows-1252, CRLF, the
  German column names (Betreff, Beschreibung, Anfragetyp, Priorität,
  Status, Kategorie, Liegenschaft, Anfragender, Schlagworte), line breaks
  inside quoted cells; for `tickets import --format csv`.

--stats prints the folded status counts on stderr (a check against
generate.py --stats). Python 3 standard library only.
"""

import argparse
import csv
import datetime as dt
import json
import shlex
import sys

ALLOWED = {  # core/workflow.cpp
    "new": {"open", "pending", "hold", "solved", "closed"},
    "open": {"pending", "hold", "solved", "closed"},
    "pending": {"open", "hold", "solved", "closed"},
    "hold": {"open", "pending", "solved", "closed"},
    "solved": {"open", "closed"},
    "closed": set(),
}


def parse_time(s):
    return dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")


def tw_time(s):
    return parse_time(s).strftime("%Y%m%dT%H%M%SZ")


def fold(events):
    """The state of one ticket: the fields the peers get."""
    events = sorted(events, key=lambda e: (e["type"] != "create", e["lamport"], e["time"], e["id"]))
    create = events[0]
    assert create["type"] == "create", "ticket without create event"
    p = create["payload"]
    t = {
        "id": create["id"], "subject": p["subject"], "description": p["description"],
        "requester": p["requester"], "type": p["type"], "priority": p["priority"],
        "category": p["category"] or p["topic"], "tags": list(p["tags"]), "property": p["property"],
        "assignee": p["assignee"], "status": "open" if p["assignee"] else "new",
        "created": create["time"], "updated": create["time"], "end": None,
        "comments": [],  # (time, text)
    }

    def move(to, when):
        if to not in ALLOWED[t["status"]]:
            return
        t["status"] = to
        if to in ("solved", "closed"):
            t["end"] = when
        else:
            t["end"] = None

    for e in events[1:]:
        kind, q, when = e["type"], e["payload"], e["time"]
        if kind == "comment":
            if t["status"] == "solved" and not q.get("internal") and e["author"] == t["requester"]:
                move("open", when)
            t["comments"].append((when, q.get("body", "")))
        elif kind == "assign":
            if t["status"] == "closed":
                continue
            t["assignee"] = q.get("assignee", "")
            if t["status"] == "new" and t["assignee"]:
                move("open", when)
        elif kind == "status":
            move(q.get("status", ""), when)
        elif kind == "resolve":
            if "solved" in ALLOWED[t["status"]]:
                move("solved", when)
                t["comments"].append((when, q.get("solution", "")))
        elif kind == "close":
            move("closed", when)
        else:
            raise SystemExit("convert.py: event type {} is not handled".format(kind))
        t["updated"] = max(t["updated"], when)
    return t


def one_line(text):
    return " ".join(text.split())


def taskwarrior(t):
    h = t["id"]
    task = {
        "uuid": "{}-{}-{}-{}-{}".format(h[0:8], h[8:12], h[12:16], h[16:20], h[20:32]),
        "description": t["subject"],
        "status": "completed" if t["status"] in ("solved", "closed") else "pending",
        "entry": tw_time(t["created"]),
        "modified": tw_time(t["updated"]),
        "priority": {"urgent": "H", "high": "H", "normal": "M", "low": "L"}[t["priority"]],
        "tags": t["tags"] + [t["status"]],
        "annotations": [{"entry": tw_time(t["created"]), "description": one_line(t["description"])}]
        + [{"entry": tw_time(when), "description": one_line(text)} for when, text in t["comments"]],
    }
    if t["category"]:
        task["project"] = t["category"].replace(" ", "_")
    if task["status"] == "completed":
        task["end"] = tw_time(t["end"] or t["updated"])
    return task


def fossil_line(t):
    fields = [
        ("title", t["subject"]),
        ("status", t["status"].capitalize()),
        ("type", t["type"]),
        ("subsystem", t["category"]),
        ("priority", t["priority"]),
        ("private_contact", t["requester"]),
        ("resolution", "Fixed" if t["status"] in ("solved", "closed") else "Open"),
        ("comment", "\n\n".join([t["description"]] + [text for _, text in t["comments"]])),
    ]
    args = " ".join("{} {}".format(k, shlex.quote(v)) for k, v in fields)
    return '"$FOSSIL" ticket -R "$REPO" add {} >/dev/null\n'.format(args)


CSV_COLUMNS = [("Betreff", "subject"), ("Beschreibung", "description"), ("Anfragetyp", "type"),
               ("Priorität", "priority"), ("Status", "status"), ("Kategorie", "category"),
               ("Liegenschaft", "property"), ("Anfragender", "requester"), ("Schlagworte", "tags")]


# The labels a German portal's export writes (core/names.cpp reads them).
GERMAN = {
    "type": {"question": "Anwenderhilfe", "incident": "Störung", "feature": "Produktanforderung",
             "urgent": "Dringend"},
    "priority": {"low": "Niedrig", "normal": "Normal", "high": "Hoch", "urgent": "Dringend"},
    "status": {"new": "Neu", "open": "Offen", "pending": "Wartend", "hold": "Angehalten",
               "solved": "Gelöst", "closed": "Geschlossen"},
}


def csv_row(t):
    def cell(key):
        if key == "tags":
            return ", ".join(t[key])
        return GERMAN[key][t[key]] if key in GERMAN else t[key]
    return [cell(key) for _, key in CSV_COLUMNS]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", help="JSON Lines from bench/generate.py")
    ap.add_argument("--taskwarrior", help="write Taskwarrior import JSON Lines here")
    ap.add_argument("--fossil", help="write the Fossil load script here")
    ap.add_argument("--csv", help="write a German Excel CSV file here")
    ap.add_argument("--stats", action="store_true", help="print status counts on stderr")
    args = ap.parse_args()
    spreadsheet = None
    if args.csv:
        spreadsheet = open(args.csv, "w", encoding="cp1252", errors="replace", newline="")
        sheet = csv.writer(spreadsheet, delimiter=";", lineterminator="\r\n")
        sheet.writerow([name for name, _ in CSV_COLUMNS])
    tw = open(args.taskwarrior, "w", encoding="utf-8") if args.taskwarrior else None
    fo = open(args.fossil, "w", encoding="utf-8") if args.fossil else None
    if fo:
        fo.write("#!/bin/bash\n# Generated by bench/convert.py: one `fossil ticket add` per ticket.\n"
                 "set -e\n: \"${FOSSIL:?}\" \"${REPO:?}\"\n")
    counts = {}
    with open(args.data, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            t = fold(json.loads(line)["events"])
            counts[t["status"]] = counts.get(t["status"], 0) + 1
            if tw:
                tw.write(json.dumps(taskwarrior(t), ensure_ascii=False) + "\n")
            if fo:
                fo.write(fossil_line(t))
            if spreadsheet:
                sheet.writerow(csv_row(t))
    for out in (tw, fo, spreadsheet):
        if out:
            out.close()
    if args.stats:
        print(json.dumps(counts, sort_keys=True), file=sys.stderr)


if __name__ == "__main__":
    main()
