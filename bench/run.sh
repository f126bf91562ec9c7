#!/usr/bin/env bash
# The tickets benchmark (see bench/README.md).
#
#   bench/run.sh BIN [N] [--write] [--peers M] [--no-peers] [--no-sync] [--seed S] [--keep]
#
# BIN      the tickets binary to measure (copied first: the build may replace it)
# N        tickets in the large data set (default 100000, about 3 comments each)
# --write  also write the report to bench/RESULTS.md (it always goes to stdout)
# --peers M  tickets loaded into Taskwarrior, Fossil and tickets for the
#          side-by-side comparison (default 10000); --no-peers skips it
# --no-sync skips the sync part (clone, push, pull, requests per second)
# --seed S generator seed (default 1)
# --keep   keep the work directory (stores, data, hyperfine JSON)
#
# Needs: python3, hyperfine, GNU time (/usr/bin/time), for the peers task
# (Taskwarrior 2.6) and fossil, for the sync part wrk. Progress goes to stderr, the Markdown report
# to stdout.
set -euo pipefail

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ARGS="$*"
BIN="" N=100000 PEERS=10000 SEED=1 WRITE=0 KEEP=0 SYNC=1
while [ $# -gt 0 ]; do
    case "$1" in
    --write) WRITE=1 ;;
    --keep) KEEP=1 ;;
    --no-peers) PEERS=0 ;;
    --no-sync) SYNC=0 ;;
    --peers) PEERS=${2:?--peers needs a number}; shift ;;
    --seed) SEED=${2:?--seed needs a number}; shift ;;
    -h | --help) usage ;;
    -*) echo "run.sh: unknown option $1" >&2; usage ;;
    *) if [ -z "$BIN" ]; then BIN=$1; else N=$1; fi ;;
    esac
    shift
done
[ -n "$BIN" ] || usage
[ -x "$BIN" ] || { echo "run.sh: $BIN is not an executable" >&2; exit 2; }
case "$N$PEERS$SEED" in *[!0-9]*) echo "run.sh: N, --peers and --seed take numbers" >&2; exit 2 ;; esac

PY=/usr/bin/python3
need() { command -v "$1" >/dev/null || { echo "run.sh: $1 is missing (Debian package $2)" >&2; exit 69; }; }
need hyperfine hyperfine
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time is missing (Debian package time)" >&2; exit 69; }
if [ "$PEERS" -gt 0 ]; then need task taskwarrior; need fossil fossil; fi
if [ "$SYNC" = 1 ]; then need wrk wrk; fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tickets-bench.XXXXXX")
SERVER_PIDS=()
cleanup() {
    for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [ "$KEEP" = 1 ]; then echo "run.sh: kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
mkdir -p "$WORK/bin" "$WORK/home" "$WORK/hf" "$WORK/time"
# The binary with its helpers (libexec/tickets/ beside bin/, as built and
# as installed).
cp "$BIN" "$WORK/bin/tickets"
if [ -d "$(dirname "$BIN")/../libexec/tickets" ]; then
    mkdir -p "$WORK/libexec"
    cp -r "$(dirname "$BIN")/../libexec/tickets" "$WORK/libexec/"
fi
T="$WORK/bin/tickets"

# A clean environment: no user config, no default store, no colour.
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share"
export TICKETS_USER=bench@hv-muster.de NO_COLOR=1 LC_ALL=C.UTF-8 FOSSIL_USER=bench
unset TICKETS_DIR TICKETS_NOW TASKRC TASKDATA TICKETS_TOKEN

say() { echo "run.sh: $*" >&2; }
report() { printf '%s\n' "$*" >>"$WORK/report.md"; }

# timed NAME CMD...: runs CMD once under GNU time -v (stdout discarded);
# sets SECONDS_TAKEN (wall clock) and RSS_MB (maximum resident set size).
timed() {
    local name=$1
    shift
    if ! /usr/bin/time -v -o "$WORK/time/$name" "$@" >/dev/null 2>"$WORK/time/$name.err"; then
        say "$name failed:"
        cat "$WORK/time/$name.err" "$WORK/time/$name" >&2
        exit 1
    fi
    SECONDS_TAKEN=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' \
        "$WORK/time/$name")
    RSS_MB=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$WORK/time/$name")
}

# bench NAME CMD: hyperfine, whole process, no shell; sets MEDIAN_MS.
HF_OPTS=(-N --output=pipe --warmup 3 --min-runs 30 --max-runs 200 --style none)
bench() {
    local name=$1 cmd=$2
    say "hyperfine $name: $cmd"
    if ! hyperfine "${HF_OPTS[@]}" --export-json "$WORK/hf/$name.json" "$cmd" >"$WORK/hf/$name.out" 2>&1; then
        cat "$WORK/hf/$name.out" >&2
        exit 1
    fi
    read -r MEDIAN_MS MIN_MS < <("$PY" -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.2f %.2f" % (r["median"] * 1000, r["min"] * 1000))' "$WORK/hf/$name.json")
    RUNS=$("$PY" -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["results"][0]["times"]))' \
        "$WORK/hf/$name.json")
}

verdict() { # verdict VALUE LIMIT -> "met" / "**NOT MET**"
    awk -v v="$1" -v l="$2" 'BEGIN { print (v + 0 < l + 0) ? "met" : "**NOT MET**" }'
}
ratio() { awk -v p="$1" -v t="$2" 'BEGIN { printf "%.2f", p / t }'; }
stat() { "$PY" -c 'import json, sys
d = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    d = d[int(k)] if isinstance(d, list) else d[k]
print(d)' "$1" "$2"; }

WORD=Wasserschaden
PART=abrechnung
sql() { "$PY" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$1/.tickets/tickets.db" "$2"; }
SUBJECT="Heizung im 2. OG ausgefallen"
MESSAGE="Seit gestern Abend bleiben alle Heizkörper kalt. Bitte schnell einen Techniker schicken."

# ---------------------------------------------------------------------------
# Header
# ---------------------------------------------------------------------------
say "work directory $WORK"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
COMMIT=$(git -C "$BENCH_DIR/.." rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git --no-optional-locks -C "$BENCH_DIR/.." status --porcelain 2>/dev/null | grep -c . || true)
DIRTY=${DIRTY:-0}
report "# tickets benchmark results"
report ""
report "Produced by \`bench/run.sh $ARGS\` (\`./dev bench\` runs \`bench/run.sh build/bin/tickets\`)."
report ""
report "| | |"
report "|---|---|"
report "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
report "| binary | \`$("$T" --version 2>&1 | head -1)\`, file dated $(date -u -r "$BIN" '+%Y-%m-%d %H:%M UTC'); source tree at run time: commit $COMMIT$([ "$DIRTY" -gt 0 ] && echo " plus uncommitted changes ($DIRTY paths)") |"
report "| machine | $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(uname -sr) |"
report "| load | load average at start $LOAD_START (1, 5, 15 min); nothing else was meant to run |"
report "| tools | $(hyperfine --version), SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo ?), Python $("$PY" -c 'import platform; print(platform.python_version())')$([ "$PEERS" -gt 0 ] && echo ", Taskwarrior $(task --version), Fossil $(fossil version | cut -d' ' -f5)") |"
report "| method | whole-process wall time, median of hyperfine runs (\`-N --warmup 3 --min-runs 30 --max-runs 200 --output=pipe\`); the import: median of three runs, each into a fresh store; peak memory = maximum RSS from \`/usr/bin/time -v\`, one run each (the import: the highest of its three) |"
report ""

# ---------------------------------------------------------------------------
# The large data set
# ---------------------------------------------------------------------------
say "generating $N tickets (seed $SEED)"
GEN_START=$(date +%s.%N)
"$PY" "$BENCH_DIR/generate.py" "$N" --seed "$SEED" -o "$WORK/data.jsonl" --stats "$WORK/data.stats.json"
GEN_S=$(awk -v a="$GEN_START" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
EVENTS=$(stat "$WORK/data.stats.json" events)
COMMENTS=$(stat "$WORK/data.stats.json" event_types.comment)
DATA_MB=$(du -m "$WORK/data.jsonl" | cut -f1)
STORE="$WORK/store"
# Three imports, each into a fresh store, like the median of the commands
# below: on the shared machines we measure on, the speed of one run drifts
# by a fifth within minutes. The last store is the one measured below.
IMPORT_RUNS=()
IMPORT_MB=0
for run in 1 2 3; do
    rm -rf "$STORE" && "$T" -C "$STORE" init >/dev/null 2>&1
    say "importing $N tickets ($run of 3)"
    timed "import$run" "$T" -C "$STORE" import "$WORK/data.jsonl"
    IMPORT_RUNS+=("$SECONDS_TAKEN")
    IMPORT_MB=$(awk -v a="$IMPORT_MB" -v b="$RSS_MB" 'BEGIN { print (b > a) ? b : a }')
done
IMPORT_S=$(printf '%s\n' "${IMPORT_RUNS[@]}" | sort -n | sed -n 2p)
IMPORT_MIN=$(printf '%s\n' "${IMPORT_RUNS[@]}" | sort -n | sed -n 1p)
DB_MB=$(du -m "$STORE/.tickets/tickets.db" | cut -f1)
say "fsck"
timed fsck "$T" -C "$STORE" fsck
FSCK_S=$SECONDS_TAKEN FSCK_MB=$RSS_MB
OPEN=$("$T" -C "$STORE" list status:open -q | wc -l)
HITS=$("$T" -C "$STORE" list "$WORD" -q | wc -l)
SHOW_ID=$(stat "$WORK/data.stats.json" sample_ids.0 | cut -c1-7)

# The floor: what starting a process costs on this machine at this moment.
bench true "/bin/true"
TRUE_MS=$MEDIAN_MS
bench version "$T --version"
VERSION_MS=$MEDIAN_MS
bench show "$T -C $STORE show $SHOW_ID"
SHOW_MS=$MEDIAN_MS SHOW_MIN=$MIN_MS SHOW_RUNS=$RUNS
bench list_open "$T -C $STORE list status:open --limit 50"
LIST_MS=$MEDIAN_MS LIST_MIN=$MIN_MS LIST_RUNS=$RUNS
bench list_word "$T -C $STORE list $WORD --limit 50"
WORD_MS=$MEDIAN_MS WORD_MIN=$MIN_MS WORD_RUNS=$RUNS
# A part of German compounds ("Nebenkostenabrechnung", "Heizkostenabrechnung").
PART_HITS=$("$T" -C "$STORE" list "$PART" -q | wc -l)
bench list_part "$T -C $STORE list $PART --limit 50"
PART_MS=$MEDIAN_MS PART_MIN=$MIN_MS PART_RUNS=$RUNS
# The full-text index: the folded text and its postings, the list of terms
# and their trigrams (SQLite's dbstat).
INDEX_MB=$(sql "$STORE" "SELECT printf('%.1f', sum(pgsize) / 1048576.0) FROM dbstat WHERE name LIKE 'search%'" 2>/dev/null || echo "?")
TERMS_MB=$(sql "$STORE" "SELECT printf('%.1f', sum(pgsize) / 1048576.0) FROM dbstat WHERE name LIKE 'search_term%'" 2>/dev/null || echo "?")
TERMS=$(sql "$STORE" "SELECT count(*) FROM search_terms")
timed show_mem "$T" -C "$STORE" show "$SHOW_ID"
SHOW_MB=$RSS_MB
timed list_mem "$T" -C "$STORE" list status:open --limit 50
LIST_MB=$RSS_MB
timed word_mem "$T" -C "$STORE" list "$WORD" --limit 50
WORD_MB=$RSS_MB
# A spreadsheet of the same tickets as German Excel saves it (bench/convert.py
# --csv: ';', Windows-1252, German column names and labels, a status
# column), imported into a fresh store: one row, one new ticket.
say "CSV import of $N rows"
"$PY" "$BENCH_DIR/convert.py" "$WORK/data.jsonl" --csv "$WORK/data.csv"
CSV_STORE="$WORK/csv-store"
rm -rf "$CSV_STORE" && "$T" -C "$CSV_STORE" init >/dev/null 2>&1
timed csv_import "$T" -C "$CSV_STORE" import --no-notify "$WORK/data.csv"
CSV_S=$SECONDS_TAKEN CSV_MB=$RSS_MB
CSV_RATE=$(awk -v n="$N" -v s="$CSV_S" 'BEGIN { printf "%d", n / s }')
rm -rf "$CSV_STORE"
# The open tickets as an Excel workbook (issue target: 20,000 in under 3 s).
say "xlsx export of the open tickets"
timed xlsx_export "$T" -C "$STORE" export status:open --format xlsx -o "$WORK/offen.xlsx"
XLSX_S=$SECONDS_TAKEN XLSX_MB=$RSS_MB
# The same ticket as `show` above as a PDF (issue target: 20 comments in 200 ms).
bench show_pdf "$T -C $STORE show $SHOW_ID --format pdf -o $WORK/ticket.pdf"
PDF_MS=$MEDIAN_MS PDF_MIN=$MIN_MS
PDF_COMMENTS=$("$T" -C "$STORE" show "$SHOW_ID" --json | "$PY" -c 'import json, sys; print(len(json.load(sys.stdin)["comments"]))')
XLSX_LIMIT=$(awk -v n="$OPEN" 'BEGIN { printf "%.1f", 3 * n / 20000 }')
# SLA clocks (the generator records targets for normal, high and urgent
# tickets) and the desk's report over every ticket.
SLA_HITS=$("$T" -C "$STORE" list sla:breached -q | wc -l)
bench list_sla "$T -C $STORE list sla:breached --limit 50"
SLA_MS=$MEDIAN_MS SLA_MIN=$MIN_MS
timed sla_mem "$T" -C "$STORE" list sla:breached --limit 50
SLA_MB=$RSS_MB
bench report "$T -C $STORE report"
REPORT_MS=$MEDIAN_MS REPORT_MIN=$MIN_MS
timed report_mem "$T" -C "$STORE" report
REPORT_MB=$RSS_MB

# Last, because every run adds a ticket (status new; the lists above are unaffected).
bench new "$T -C $STORE new '$SUBJECT' -m '$MESSAGE'"
NEW_MS=$MEDIAN_MS NEW_MIN=$MIN_MS NEW_RUNS=$RUNS
timed new_mem "$T" -C "$STORE" new "$SUBJECT" -m "$MESSAGE"
NEW_MB=$RSS_MB

report "## $N tickets: targets"
report ""
report "Data: \`bench/generate.py $N --seed $SEED\`: $N tickets, $EVENTS events, $COMMENTS comments; a $DATA_MB MB JSON Lines file (generated in $GEN_S s), a $DB_MB MB \`tickets.db\` after the import. $OPEN tickets are open; the search word \`$WORD\` is in $HITS tickets. The full-text index takes $INDEX_MB MB of it, of which $TERMS_MB MB are its $TERMS distinct terms and their trigrams."
report ""
report "| operation | command | figure (median) | fastest run | target | |"
report "|---|---|---:|---:|---:|---|"
report "| import | \`tickets import data.jsonl\` (fresh store; median of 3 runs: ${IMPORT_RUNS[*]} s) | $IMPORT_S s | $IMPORT_MIN s | < 5 s | $(verdict "$IMPORT_S" 5) |"
report "| new | \`tickets new '$SUBJECT' -m '…'\` | $NEW_MS ms | $NEW_MIN ms | < 10 ms | $(verdict "$NEW_MS" 10) |"
report "| show | \`tickets show $SHOW_ID\` (ticket with comments) | $SHOW_MS ms | $SHOW_MIN ms | < 10 ms | $(verdict "$SHOW_MS" 10) |"
report "| filtered list | \`tickets list status:open --limit 50\` | $LIST_MS ms | $LIST_MIN ms | < 10 ms | $(verdict "$LIST_MS" 10) |"
report "| full-text search | \`tickets list $WORD --limit 50\` | $WORD_MS ms | $WORD_MIN ms | < 30 ms | $(verdict "$WORD_MS" 30) |"
report "| search inside compounds | \`tickets list $PART --limit 50\` ($PART_HITS tickets) | $PART_MS ms | $PART_MIN ms | < 30 ms | $(verdict "$PART_MS" 30) |"
report "| CSV import | \`tickets import --no-notify data.csv\` ($N rows as German Excel saves them, fresh store; one run; peak memory $CSV_MB MB) | $CSV_S s ($CSV_RATE tickets/s) | | < $(awk -v n="$N" 'BEGIN { printf "%.1f", n / 20000 }') s (20,000/s) | $(verdict "$CSV_S" "$(awk -v n="$N" 'BEGIN { print n / 20000 }')") |"
report "| xlsx export | \`tickets export status:open --format xlsx -o offen.xlsx\` ($OPEN tickets; one run; peak memory $XLSX_MB MB, of the larger of tickets and its helper) | $XLSX_S s | | < $XLSX_LIMIT s (20,000 in 3 s) | $(verdict "$XLSX_S" "$XLSX_LIMIT") |"
report "| PDF | \`tickets show $SHOW_ID --format pdf -o ticket.pdf\` ($PDF_COMMENTS entries of correspondence) | $PDF_MS ms | $PDF_MIN ms | < 200 ms | $(verdict "$PDF_MS" 200) |"
report "| SLA listing | \`tickets list sla:breached --limit 50\` ($SLA_HITS of $N tickets breached; peak memory $SLA_MB MB) | $SLA_MS ms | $SLA_MIN ms | < 30 ms | $(verdict "$SLA_MS" 30) |"
report "| report | \`tickets report\` (all $N tickets; peak memory $REPORT_MB MB) | $REPORT_MS ms | $REPORT_MIN ms | < 1000 ms | $(verdict "$REPORT_MS" 1000) |"
report "| peak memory, import | max RSS, highest of the 3 runs | $IMPORT_MB MB | | < 100 MB | $(verdict "$IMPORT_MB" 100) |"
report "| peak memory, list | max RSS, \`list status:open --limit 50\` | $LIST_MB MB | | < 100 MB | $(verdict "$LIST_MB" 100) |"
report "| peak memory, search | max RSS, \`list $WORD --limit 50\` | $WORD_MB MB | | < 100 MB | $(verdict "$WORD_MB" 100) |"
report "| peak memory, show | max RSS, \`show $SHOW_ID\` | $SHOW_MB MB | | < 100 MB | $(verdict "$SHOW_MB" 100) |"
report ""
report "Not targets, for reference: the process-start floor measured in this run: \`/bin/true\` $TRUE_MS ms, \`tickets --version\` (start-up alone, no store) $VERSION_MS ms. \`tickets new\` peak memory $NEW_MB MB; \`tickets fsck\` over the whole store $FSCK_S s, $FSCK_MB MB. Hyperfine runs: new $NEW_RUNS, show $SHOW_RUNS, list $LIST_RUNS, search $WORD_RUNS. (MB = MiB.)"
report ""

# ---------------------------------------------------------------------------
# Peers: the same tickets in Taskwarrior, Fossil and tickets
# ---------------------------------------------------------------------------
if [ "$PEERS" -gt 0 ]; then
    P="$WORK/peers"
    mkdir -p "$P/task" "$P/fossil"
    say "generating $PEERS tickets for the peers"
    "$PY" "$BENCH_DIR/generate.py" "$PEERS" --seed "$SEED" -o "$P/data.jsonl" --stats "$P/data.stats.json"
    "$PY" "$BENCH_DIR/convert.py" "$P/data.jsonl" --taskwarrior "$P/tasks.json" --fossil "$P/fossil-load.sh"

    # tickets
    PSTORE="$P/store"
    "$T" -C "$PSTORE" init >/dev/null 2>&1
    say "tickets import ($PEERS)"
    timed p_import "$T" -C "$PSTORE" import "$P/data.jsonl"
    T_LOAD=$SECONDS_TAKEN

    # Taskwarrior: its own rc file and data directory.
    export TASKRC="$P/task/taskrc" TASKDATA="$P/task/data"
    mkdir -p "$TASKDATA"
    printf '%s\n' "data.location=$TASKDATA" confirmation=off verbose=nothing hooks=off \
        search.case.sensitive=no color=off >"$TASKRC"
    say "task import ($PEERS)"
    timed tw_import task import "$P/tasks.json"
    TW_LOAD=$SECONDS_TAKEN
    task list >/dev/null 2>&1 || true # the first command after the import runs the garbage collection

    # Fossil: a new repository, then one `fossil ticket add` per ticket.
    export FOSSIL=fossil REPO="$P/fossil/tickets.fossil"
    fossil init "$REPO" >/dev/null
    say "fossil ticket add x $PEERS (one process per ticket)"
    timed fo_load bash "$P/fossil-load.sh"
    FO_LOAD=$SECONDS_TAKEN

    # Rows each side prints (the same tickets, or not: see the table).
    P_OPEN=$("$T" -C "$PSTORE" list status:open -q | wc -l)
    P_UNRESOLVED=$("$T" -C "$PSTORE" list status:new,open,pending,hold -q | wc -l)
    P_WORD_ALL=$("$T" -C "$PSTORE" list "$WORD" -q | wc -l)
    P_WORD_UNRES=$("$T" -C "$PSTORE" list "$WORD" status:new,open,pending,hold -q | wc -l)
    P_ALL=$("$T" -C "$PSTORE" list -q | wc -l)
    TW_PENDING=$(task status:pending count)
    TW_OPEN=$(task status:pending +open count)
    TW_WORD=$(task "/$WORD/" status:pending count)
    FO_ALL=$(($(fossil ticket show 0 -R "$REPO" | wc -l) - 1))
    FO_OPEN=$(($(fossil ticket show 0 "status = 'Open'" -R "$REPO" | wc -l) - 1))
    FO_WORD=$(($(fossil ticket show 0 "title LIKE '%$WORD%' OR comment LIKE '%$WORD%'" -R "$REPO" | wc -l) - 1))

    ROWS=()
    pair() { # pair LABEL PEER_NAME PEER_CMD PEER_ROWS TICKETS_CMD TICKETS_ROWS
        bench "peer_$2" "$3"
        local pm=$MEDIAN_MS
        bench "tickets_for_$2" "$5"
        local tm=$MEDIAN_MS
        local show_peer=${3//"$P"/\$P} show_t=${5//"$P"/\$P}
        show_peer=${show_peer//"$WORK/bin/"/} show_t=${show_t//"$WORK/bin/"/}
        ROWS+=("| $1 | \`$show_peer\` | $4 | $pm ms | \`$show_t\` | $6 | $tm ms | **$(ratio "$pm" "$tm")** |")
    }
    pair "list (as briefed)" task_list "task list" "$TW_PENDING" \
        "$T -C $PSTORE list status:open" "$P_OPEN"
    pair "list, same tickets" task_list_open "task +open list" "$TW_OPEN" \
        "$T -C $PSTORE list status:open" "$P_OPEN"
    pair "search (as briefed)" task_word "task /$WORD/ list" "$TW_WORD" \
        "$T -C $PSTORE list $WORD" "$P_WORD_ALL"
    pair "search, same tickets" task_word_unres "task /$WORD/ list" "$TW_WORD" \
        "$T -C $PSTORE list $WORD status:new,open,pending,hold" "$P_WORD_UNRES"
    pair "all tickets" fossil_all "fossil ticket show 0 -R $REPO" "$FO_ALL" \
        "$T -C $PSTORE list" "$P_ALL"
    pair "filter on status" fossil_open "fossil ticket show 0 \"status = 'Open'\" -R $REPO" "$FO_OPEN" \
        "$T -C $PSTORE list status:open" "$P_OPEN"
    pair "search (extra)" fossil_word "fossil ticket show 0 \"title LIKE '%$WORD%' OR comment LIKE '%$WORD%'\" -R $REPO" \
        "$FO_WORD" "$T -C $PSTORE list $WORD" "$P_WORD_ALL"
    # Adding last: every run adds a task or a ticket.
    pair "add a ticket" task_add "task add '$SUBJECT' project:Heizung" "–" \
        "$T -C $PSTORE new '$SUBJECT' -m '$MESSAGE'" "–"

    report "## $PEERS tickets: tickets and its peers"
    report ""
    report "The same $PEERS tickets (\`bench/generate.py $PEERS --seed $SEED\`, converted by \`bench/convert.py\`) in a fresh \`tickets\` store, in Taskwarrior $(task --version) (\`task import\`, own TASKRC/TASKDATA, \`rc.confirmation=off\`, \`rc.verbose=nothing\`, \`rc.search.case.sensitive=no\` so that \`/$WORD/\` matches as case-insensitively as \`tickets\` does; the ticket description and comments are annotations, which \`/WORD/\` searches too) and in Fossil $(fossil version | cut -d' ' -f5) tickets (default ticket schema; description and comments in the \`comment\` field). Ratio = peer median / tickets median, both measured in this run; above 1 means \`tickets\` is faster."
    report ""
    report "### Loading"
    report ""
    report "| tool | how | time | ratio peer/tickets |"
    report "|---|---|---:|---:|"
    report "| tickets | \`tickets import data.jsonl\`: one process, one transaction | $T_LOAD s | |"
    report "| Taskwarrior | \`task import tasks.json\` (JSON Lines, one process) | $TW_LOAD s | **$(ratio "$TW_LOAD" "$T_LOAD")** |"
    report "| Fossil | a shell script of $PEERS \`fossil ticket add\` calls, one process and one artifact per ticket, run sequentially (Fossil's command line has no bulk ticket import); \`fossil init\` not counted | $FO_LOAD s | **$(ratio "$FO_LOAD" "$T_LOAD")** |"
    report ""
    report "### Commands"
    report ""
    report "\$P is the peers' work directory; \`task\` runs with TASKRC/TASKDATA set. Rows = lines of data the command prints (tickets or tasks)."
    report ""
    report "| operation | peer command | rows | peer median | tickets command | rows | tickets median | ratio |"
    report "|---|---|---:|---:|---|---:|---:|---:|"
    for row in "${ROWS[@]}"; do report "$row"; done
    report ""
    report "Notes: \`task list\` shows every pending task (new, open, pending and hold tickets), sorted by urgency; the brief pairs it with \`tickets list status:open\`, so the next row compares the same tickets (\`+open\` is the status tag). \`task /WORD/ list\` only searches pending tasks, \`tickets list WORD\` every status; the \"same tickets\" row restricts \`tickets\` to the same statuses. \`fossil ticket show 0\` prints every column of the ticket table, including the whole comment text; \`tickets list\` prints seven columns. Fossil's CLI has no full-text search over tickets; the extra search row uses a LIKE filter."
    report ""
fi

# ---------------------------------------------------------------------------
# Sync: a real `tickets serve` on loopback
# ---------------------------------------------------------------------------
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# serve STORE LOG: starts `tickets serve` on a free port; sets URL.
serve() {
    "$T" -C "$1" serve --listen 127.0.0.1:0 2>"$2" &
    SERVER_PIDS+=($!)
    for _ in $(seq 300); do
        URL=$(sed -n 's|.* on \(http://127\.0\.0\.1:[0-9]*\)/v1/.*|\1|p' "$2" | tail -1)
        [ -n "$URL" ] && return 0
        sleep 0.1
    done
    say "tickets serve did not start:"; cat "$2" >&2; exit 1
}
stop_servers() {
    for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    SERVER_PIDS=()
}

if [ "$SYNC" = 1 ]; then
    S="$WORK/sync"
    mkdir -p "$S"
    "$T" -C "$STORE" user add "$TICKETS_USER" --role agent >/dev/null
    export TICKETS_TOKEN
    TICKETS_TOKEN=$("$T" -C "$STORE" token create "$TICKETS_USER")
    serve "$STORE" "$S/server.log"
    say "clone of $N tickets from $URL"
    timed clone "$T" clone "$URL" "$S/clone"
    CLONE_S=$SECONDS_TAKEN CLONE_MB=$RSS_MB
    CLONE_TICKETS=$("$T" -C "$S/clone" list --ids --deleted | wc -l)
    CLONE_EVENTS=$(sql "$S/clone" 'SELECT count(*) FROM events')
    timed clone_fsck "$T" -C "$S/clone" fsck
    # 10,000 new events: a comment on each of 10,000 open tickets, made
    # offline in one bulk command (one transaction), then pushed.
    "$T" -C "$S/clone" list status:open --ids --limit 10000 |
        "$T" -C "$S/clone" comment - -m "Techniker ist für Donnerstag bestellt." >/dev/null
    PUSHED=$(($(sql "$S/clone" 'SELECT count(*) FROM events') - CLONE_EVENTS))
    say "push of $PUSHED events"
    timed push "$T" -C "$S/clone" push
    PUSH_S=$SECONDS_TAKEN PUSH_MB=$RSS_MB
    bench noop_pull "$T -C $S/clone pull"
    PULL_MS=$MEDIAN_MS PULL_MIN=$MIN_MS PULL_RUNS=$RUNS
    # Small pulls under load: wrk (a second process, 2 threads, 16
    # connections) asks for the last 50 events, as a client polling for news.
    CURSOR=$(sql "$STORE" 'SELECT max(seq) - 50 FROM events')
    say "wrk: small pulls for 15 s"
    wrk -t2 -c16 -d15s --latency -H "Authorization: Bearer $TICKETS_TOKEN" \
        "$URL/v1/events?after=$CURSOR&limit=50" >"$S/wrk.out" 2>&1
    RPS=$(awk '/^Requests\/sec/ {print $2}' "$S/wrk.out")
    LAT50=$(awk '$1 == "50%" {print $2}' "$S/wrk.out")
    LAT99=$(awk '$1 == "99%" {print $2}' "$S/wrk.out")
    WRK_ERRORS=$(grep -E "Non-2xx|Socket errors" "$S/wrk.out" | tr '\n' ' ' || true)

    # The web pages: the customer with the most tickets, signed in by a
    # session row written as POST /login/TOKEN writes it (the sign-in itself
    # goes by mail), asks for their list and their newest ticket: wrk from a
    # second process, one connection (the latency of one page) and 16.
    CUSTOMER=$(sql "$STORE" "SELECT requester FROM tickets WHERE requester NOT LIKE '%@support.example.com' GROUP BY requester ORDER BY count(*) DESC, requester LIMIT 1")
    CUSTOMER_TICKETS=$(sql "$STORE" "SELECT count(*) FROM tickets WHERE requester = '$CUSTOMER'")
    PAGE_TICKET=$(sql "$STORE" "SELECT id FROM tickets WHERE requester = '$CUSTOMER' ORDER BY updated DESC LIMIT 1")
    PAGE_COMMENTS=$(sql "$STORE" "SELECT count(*) FROM events WHERE ticket = '$PAGE_TICKET' AND type = 'comment'")
    "$T" -C "$STORE" user add "$CUSTOMER" --role customer >/dev/null
    SESSION=$("$PY" - "$STORE/.tickets/tickets.db" "$CUSTOMER" <<'PYEOF'
import hashlib, secrets, sqlite3, sys, time
token = secrets.token_hex(32)
db = sqlite3.connect(sys.argv[1], timeout=30)
db.execute("INSERT INTO web_sessions (hash, email, csrf, created, expires) VALUES (?, ?, ?, ?, ?)",
           (hashlib.sha256(token.encode()).hexdigest(), sys.argv[2], secrets.token_hex(32),
            int(time.time()), int(time.time()) + 3600))
db.commit()
print(token)
PYEOF
)
    in_ms() { awk -v t="$1" 'BEGIN { v = t + 0; if (t ~ /us$/) v /= 1000; else if (t ~ /ms$/) v += 0; else if (t ~ /s$/) v *= 1000; printf "%.2f", v }'; }
    for page in list ticket search; do
        case $page in
        list) path=/ ;;
        ticket) path=/t/$PAGE_TICKET ;;
        search) path="/?q=heizung" ;;
        esac
        for c in 1 16; do
            say "wrk: the $page page, $c connection(s), for 10 s"
            wrk -t"$((c > 1 ? 2 : 1))" -c"$c" -d10s --latency -H "Cookie: tickets_session=$SESSION" \
                "$URL$path" >"$S/page-$page-$c.out" 2>&1
        done
    done
    page_figure() { # page_figure NAME CONNECTIONS FIELD
        case $3 in
        rps) awk '/^Requests\/sec/ {print $2}' "$S/page-$1-$2.out" ;;
        p50) in_ms "$(awk '$1 == "50%" {print $2}' "$S/page-$1-$2.out")" ;;
        p99) in_ms "$(awk '$1 == "99%" {print $2}' "$S/page-$1-$2.out")" ;;
        esac
    }
    PAGE_ERRORS=$(cat "$S"/page-*.out | grep -E "Non-2xx|Socket errors" | tr '\n' ' ' || true)
    stop_servers

    report "## Sync: $N tickets over loopback"
    report ""
    report "\`tickets serve\` on 127.0.0.1 serving the $N-ticket store of the first part; the client runs as an agent (sees every ticket) with a token."
    report ""
    report "| operation | command | figure | target | |"
    report "|---|---|---:|---:|---|"
    report "| clone | \`tickets clone URL DIR\` ($CLONE_TICKETS tickets, $CLONE_EVENTS events; peak memory $CLONE_MB MB) | $CLONE_S s | < 10 s | $(verdict "$CLONE_S" 10) |"
    report "| push | \`tickets push\` of $PUSHED new comment events | $PUSH_S s (peak memory $PUSH_MB MB) | | |"
    report "| no-op pull | \`tickets pull\` with nothing new (median of $PULL_RUNS, fastest $PULL_MIN ms) | $PULL_MS ms | < 20 ms | $(verdict "$PULL_MS" 20) |"
    report "| small pulls under load | \`wrk -t2 -c16 -d15s\` on \`GET /v1/events?after=…&limit=50\` (50 events each) | $RPS requests/s (latency median $LAT50, 99% $LAT99) | | |"
    report ""
    [ -n "$WRK_ERRORS" ] && report "wrk reported: $WRK_ERRORS" && report ""

    report "## Web pages: $N tickets"
    report ""
    report "The same server; the customer with the most tickets ($CUSTOMER_TICKETS of them) signed in with a session cookie. \`wrk --latency\` from a second process for 10 s each: one connection (the time one page takes on the server) and 16 connections on 2 threads (what the server holds)."
    report ""
    report "| page | request | median, 1 connection | 99 %, 1 connection | requests/s, 16 connections | target | |"
    report "|---|---|---:|---:|---:|---:|---|"
    report "| list | \`GET /\` (their $CUSTOMER_TICKETS tickets, the newest 100 shown) | $(page_figure list 1 p50) ms | $(page_figure list 1 p99) ms | $(page_figure list 16 rps) | < 20 ms | $(verdict "$(page_figure list 1 p50)" 20) |"
    report "| ticket | \`GET /t/ID\` (their newest, $PAGE_COMMENTS comments) | $(page_figure ticket 1 p50) ms | $(page_figure ticket 1 p99) ms | $(page_figure ticket 16 rps) | < 20 ms | $(verdict "$(page_figure ticket 1 p50)" 20) |"
    report "| search | \`GET /?q=heizung\` (their tickets with the word) | $(page_figure search 1 p50) ms | $(page_figure search 1 p99) ms | $(page_figure search 16 rps) | | |"
    report ""
    [ -n "$PAGE_ERRORS" ] && report "wrk reported: $PAGE_ERRORS" && report ""

    if [ "$PEERS" -gt 0 ]; then
        # The peers' 10,000 tickets: Fossil's repository and the tickets store.
        fossil user capabilities nobody gjor -R "$REPO" >/dev/null
        FPORT=$(free_port)
        fossil server --port "$FPORT" --localhost "$REPO" >"$S/fossil-server.log" 2>&1 &
        SERVER_PIDS+=($!)
        for _ in $(seq 300); do (echo >"/dev/tcp/127.0.0.1/$FPORT") 2>/dev/null && break; sleep 0.1; done
        say "fossil clone of $PEERS tickets"
        timed fossil_clone fossil clone "http://127.0.0.1:$FPORT/" "$S/clone.fossil"
        FO_CLONE=$SECONDS_TAKEN
        FO_CLONED=$(($(fossil ticket show 0 -R "$S/clone.fossil" | wc -l) - 1))
        "$T" -C "$PSTORE" user add "$TICKETS_USER" --role agent >/dev/null
        TICKETS_TOKEN=$("$T" -C "$PSTORE" token create "$TICKETS_USER")
        serve "$PSTORE" "$S/server-peers.log"
        say "tickets clone of $PEERS tickets"
        timed small_clone "$T" clone "$URL" "$S/clone-peers"
        T_CLONE=$SECONDS_TAKEN
        T_CLONED=$("$T" -C "$S/clone-peers" list --ids --deleted | wc -l)
        stop_servers
        report "### Clone of $PEERS tickets: tickets and Fossil"
        report ""
        report "| tool | command | tickets cloned | time | ratio Fossil/tickets |"
        report "|---|---|---:|---:|---:|"
        report "| tickets | \`tickets clone http://127.0.0.1:PORT DIR\` from \`tickets serve\` | $T_CLONED | $T_CLONE s | |"
        report "| Fossil | \`fossil clone http://127.0.0.1:PORT/ FILE\` from \`fossil server\` (user nobody given clone rights) | $FO_CLONED | $FO_CLONE s | **$(ratio "$FO_CLONE" "$T_CLONE")** |"
        report ""
    fi
fi

report "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."

cat "$WORK/report.md"
if [ "$WRITE" = 1 ]; then
    cp "$WORK/report.md" "$BENCH_DIR/RESULTS.md"
    say "wrote $BENCH_DIR/RESULTS.md"
fi
