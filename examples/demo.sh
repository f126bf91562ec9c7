#!/usr/bin/env bash
# The main job on the demo data: a service desk's morning with `tickets`.
# Imports examples/demo.jsonl (63 German property-management tickets, made by
# examples/make_demo.py) into a fresh store and walks through the daily views.
#   examples/demo.sh [TICKETS_BINARY]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-$here/../build/bin/tickets}")
work=$(mktemp -d /tmp/tickets-demo-XXXXXX)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export TICKETS_USER=a.wagner@support.example.com TICKETS_NOW=2026-11-20T08:00:00Z
t() { "$bin" -C "$work" "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n$ tickets %s\n' "$1" "${*:2}"; }

t init
t config set domains.muster-hv.de "Hausverwaltung Muster GmbH"
t import "$here/demo.jsonl"

step "Tickets per status" list
for s in new open pending hold solved closed; do
    printf '%-8s %s\n' "$s" "$(t list --ids status:$s | wc -l)"
done

step "Open and new tickets, most urgent first" list status:new,open --sort priority --limit 10
t list status:new,open --sort priority --limit 10 --columns id,status,priority,type,subject,requester

step "Full-text search" list heizung
t list heizung --columns id,status,subject

step "Search inside German compounds (Nebenkostenabrechnung, …)" list abrechnung
t list abrechnung --columns id,status,subject

step "Escalated ticket with its correspondence" show
t show "$(t list --ids status:open,pending,hold --sort priority --limit 1)"

step "Waiting for the customer for over a week" list status:pending updated.before:-7d
t list status:pending updated.before:-7d --columns id,updated,subject

step "Bulk change: take every unassigned new ticket" "list --ids status:new assignee:none | tickets assign - me"
t list --ids status:new assignee:none | t assign - a.wagner@support.example.com

step "Open tickets as a spreadsheet (CSV)" export status:open --format csv -o open.csv
t export status:open --format csv -o "$work/open.csv"
head -1 "$work/open.csv"

step "The same as an Excel workbook, the escalated ticket as PDF" "export --format xlsx, show --format pdf"
if t --version | grep -q ' xlsx'; then
    t export status:open --format xlsx -o "$work/offen.xlsx"
    ls -l "$work/offen.xlsx" | awk '{ print $5 " bytes: offen.xlsx" }'
fi
if t --version | grep -q ' pdf'; then
    t show "$(t list --ids status:open,pending,hold --sort priority --limit 1)" --format pdf -o "$work/ticket.pdf"
    ls -l "$work/ticket.pdf" | awk '{ print $5 " bytes: ticket.pdf" }'
fi

step "SLA targets for new tickets: first reply within 4 working hours" "config set sla.normal.first_reply 4h"
t config set sla.normal.first_reply 4h
t config set sla.normal.resolution 2d
t new "Wasserfleck an der Decke" -m "Im Bad tropft es von der Decke." --priority normal \
    --requester mieter@muster-hv.de >/dev/null
t list sla:ok --columns id,priority,sla,subject

step "The desk's figures by priority (and as a page with charts)" report --by priority
t report --by priority
t report --format html -o "$work/bericht.html"
ls -l "$work/bericht.html" | awk '{ print $5 " bytes: bericht.html" }'

step "Consistency check" fsck
t fsck
