#!/usr/bin/env python3
"""A bounded fuzzer for the inputs strangers control, run against the real
binary: requests to every endpoint of docs/PROTOCOL.md (against a real
`tickets serve` on 127.0.0.1), import lines, mails for `mail-in`, filter
words and config.toml. Each case is a valid input with a few mutations.

It records
- a crash: a signal, an exit status of 128 or more, a sanitizer report;
- a hang: a command past its timeout, or a server that stops answering;
- a refusal that still changed the store (an exit status other than 0, or
  an HTTP 4xx answer, with the event log or the blobs different after).
The bar is zero of each; every finding is printed with the input that
caused it (a file under --keep DIR) and the exit status is 1.

    tests/fuzz/fuzz.py [--cases N] [--minutes M] [--seed S] [--keep DIR]

--cases is per kind of input (default 400, 120 under a sanitizer build);
--minutes runs rounds of cases until the time is up, for longer runs than
CI's (`TICKETS_BIN=build/bin/tickets tests/fuzz/fuzz.py --minutes 60`).
"""

import argparse
import hashlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.abspath(os.environ.get("TICKETS_BIN") or os.path.join(ROOT, "build", "bin", "tickets"))
SANITIZED = os.environ.get("TICKETS_SANITIZED", "0") in ("1", "ON", "TRUE", "true")
AGENT = "agent@support.example.com"
TENANT = "mieter@muster-hv.de"
TIMEOUT = 60 if SANITIZED else 20

# Pieces that parsers stumble over.
TOKENS = [b"{", b"}", b"[", b"]", b'"', b"\\", b",", b":", b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80",
          b"\\u0000", b"\\ud800", b"1e999", b"-1", b"9223372036854775808", b"18446744073709551616",
          b"null", b"true", b"[]", b"{}", b'""', b"\r\n", b"\n\n", b"\t", b"=?utf-8?b?", b"=?iso-8859-1?q?",
          b"--", b"Content-Type: multipart/mixed; boundary=x\r\n", b"../", b"%", b"'", b";", b"#",
          b"[" * 200, b"{\"a\":" * 100, b"A" * 5000, "ä€🔥".encode()]


def mutate(rng, data, rounds=None):
    data = bytearray(data)
    for _ in range(rounds or rng.randint(1, 4)):
        op = rng.randrange(6)
        pos = rng.randint(0, len(data))
        if op == 0 and data:  # flip a byte
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # insert a token
            data[pos:pos] = rng.choice(TOKENS)
        elif op == 2 and data:  # delete a range
            del data[pos:pos + rng.randint(1, 32)]
        elif op == 3 and data:  # repeat a range
            piece = data[pos:pos + rng.randint(1, 64)]
            data[pos:pos] = piece * rng.randint(1, 8)
        elif op == 4:  # random bytes
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        else:  # cut off
            del data[pos:]
    return bytes(data)


def sealed(event):
    body = json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    return dict(event, id=hashlib.sha256(body).hexdigest())


class Fuzzer:
    def __init__(self, args):
        self.rng = random.Random(args.seed)
        self.keep = args.keep
        self.findings = []
        self.cases = 0
        self.tmp = tempfile.mkdtemp(prefix="tickets-fuzz-")
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.tmp, "LANG": "C.UTF-8",
                    "XDG_CONFIG_HOME": os.path.join(self.tmp, "config"), "TICKETS_USER": AGENT}
        for key in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if key in os.environ:
                self.env[key] = os.environ[key]
        self.store = os.path.join(self.tmp, "store")
        self.server = None

    # -- running the binary ------------------------------------------------

    def run(self, args, data=b"", cwd=None, env=None):
        try:
            p = subprocess.run([BIN, *args], input=data, capture_output=True, timeout=TIMEOUT,
                               cwd=cwd or self.store, env=dict(self.env, **(env or {})))
        except subprocess.TimeoutExpired:
            return None
        return p

    def tickets(self, *args, data=b"", env=None):
        p = self.run(list(args), data, env=env)
        if p is None or p.returncode != 0:
            raise RuntimeError(f"setup failed: tickets {' '.join(args)}: {p and p.stderr}")
        return p.stdout.decode()

    def state(self, store=None):
        """The event log and the blobs: what a refused input must not change."""
        store = store or self.store
        con = sqlite3.connect(os.path.join(store, ".tickets", "tickets.db"))
        try:
            events = con.execute("SELECT count(*), coalesce(max(seq), 0) FROM events").fetchone()
        finally:
            con.close()
        blobs = sorted(os.path.join(r, f) for r, _, fs in os.walk(os.path.join(store, ".tickets", "objects"))
                       for f in fs)
        return events, blobs

    def record(self, kind, what, data):
        name = f"{kind}-{len(self.findings) + 1}"
        if self.keep:
            os.makedirs(self.keep, exist_ok=True)
            with open(os.path.join(self.keep, name), "wb") as f:
                f.write(data)
        self.findings.append(f"{name}: {what} (input {data[:120]!r}{'…' if len(data) > 120 else ''})")

    def check_process(self, kind, p, data, before, store=None):
        self.cases += 1
        if p is None:
            return self.record(kind, "hang", data)
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode < 0 or p.returncode >= 128:
            return self.record(kind, f"crash, exit {p.returncode}: {err[-300:]}", data)
        if "Sanitizer" in err or "runtime error:" in err:
            return self.record(kind, f"sanitizer report: {err[-300:]}", data)
        if p.returncode != 0 and self.state(store) != before:
            return self.record(kind, f"refused (exit {p.returncode}) but the store changed", data)

    # -- the store and server ----------------------------------------------

    def setup(self):
        os.makedirs(self.store)
        self.tickets("init")
        self.tickets("org", "add", "Hausverwaltung Muster GmbH", "--domain", "muster-hv.de")
        self.tickets("user", "add", TENANT, "--role", "customer")
        self.token = self.tickets("token", "create", TENANT).strip()
        self.agent_token = (self.tickets("user", "add", AGENT, "--role", "agent") and
                            self.tickets("token", "create", AGENT).strip())
        short = self.tickets("new", "Heizung ausgefallen", "-m", "Seit gestern kalt.", "--as", TENANT).strip()
        self.ticket = json.loads(self.tickets("show", short, "--json"))["id"]
        self.tickets("comment", short, "-m", "Wir kümmern uns.")
        self.export = self.tickets("export", "--format", "jsonl")

    def start_server(self):
        log = open(os.path.join(self.tmp, "server.log"), "ab")
        self.server = subprocess.Popen([BIN, "-C", self.store, "serve", "--listen", "127.0.0.1:0",
                                        "--no-access-log"], stdout=subprocess.DEVNULL, stderr=log, env=self.env)
        deadline = time.time() + 30
        while time.time() < deadline:
            with open(os.path.join(self.tmp, "server.log"), "rb") as f:
                found = re.findall(rb"127\.0\.0\.1:(\d+)/v1/", f.read())
            if found:
                self.port = int(found[-1])
                return
            time.sleep(0.05)
        raise RuntimeError("the server did not start")

    def request(self, method, path, body=None, token=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            h = {"Authorization": "Bearer " + (token or self.token)}
            h.update(headers or {})
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            return r.status, r.read()
        finally:
            c.close()

    # -- the kinds of input --------------------------------------------------

    def fuzz_http(self, n):
        comment = sealed({"v": 1, "type": "comment", "author": TENANT, "time": "2026-12-01T10:00:00Z",
                          "lamport": 9, "ticket": self.ticket,
                          "payload": {"body": "Danke", "internal": False, "attachments": []}})
        create = sealed({"v": 1, "type": "create", "author": TENANT, "time": "2026-12-01T10:00:00Z",
                         "lamport": 1, "payload": {"subject": "Wasser", "description": "Tropft", "requester": TENANT,
                                                   "cc": [], "tags": [], "nonce": "ab12"}})
        pushes = [json.dumps({"events": [comment]}).encode(), json.dumps({"events": [create, comment]}).encode()]
        paths = ["/v1/whoami", "/v1/events?after=0&limit=50", f"/v1/tickets/{self.ticket}/events",
                 f"/v1/tickets/{self.ticket}/blobs/{'a' * 64}"]
        for _ in range(n):
            before = self.state()
            choice = self.rng.randrange(4)
            if choice < 2:
                method, path, body = "POST", "/v1/events", mutate(self.rng, self.rng.choice(pushes))
            elif choice == 2:
                raw = mutate(self.rng, self.rng.choice(paths).encode())
                method, path, body = "GET", "/" + urllib.parse.quote(raw.lstrip(b"/"), safe="/?&=%"), None
            else:
                content = mutate(self.rng, b"Zaehlerstand 4711")
                sha = hashlib.sha256(content).hexdigest() if self.rng.random() < 0.5 else "b" * 64
                method, path, body = "POST", f"/v1/blobs/{sha}", content
            self.cases += 1
            data = f"{method} {path}\n".encode() + (body or b"")
            try:
                status, _ = self.request(method, path, body)
            except (OSError, http.client.HTTPException) as e:
                if self.server.poll() is not None:
                    self.record("http", f"the server exited ({self.server.returncode}) after: {e}", data)
                    self.start_server()
                continue
            if status >= 500:
                self.record("http", f"answered {status}", data)
            if 400 <= status < 500 and self.state() != before:
                self.record("http", f"answered {status} but the store changed", data)
        if self.server.poll() is not None:
            self.record("http", f"the server exited ({self.server.returncode})", b"")

    def fuzz_import(self, n):
        lines = [l.encode() for l in self.export.splitlines() if l]
        target = os.path.join(self.tmp, "import")
        os.makedirs(target)
        subprocess.run([BIN, "init"], cwd=target, env=self.env, capture_output=True, check=True)
        for _ in range(n):
            before = self.state(target)
            data = b"\n".join(mutate(self.rng, l) if self.rng.random() < 0.7 else l
                              for l in self.rng.sample(lines, len(lines))) + b"\n"
            p = self.run(["import", "-"], data, cwd=target)
            self.check_process("import", p, data, before, target)

    def fuzz_mail(self, n):
        with open(os.path.join(ROOT, "examples", "mail", "new-ticket.eml"), "rb") as f:
            mail = f.read()
        reply = (f"From: {TENANT}\r\nTo: support@example.com\r\nSubject: Re: [#{self.ticket[:12]}] Heizung\r\n"
                 "Message-Id: <fuzz@muster-hv.de>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nNoch kalt.\r\n").encode()
        env = {"TICKETS_USER": ""}
        for _ in range(n):
            before = self.state()
            data = mutate(self.rng, self.rng.choice([mail, reply]))
            p = self.run(["mail-in"], data, env=env)
            self.check_process("mail-in", p, data, before)

    def fuzz_filters(self, n):
        words = [b"status:open", b"type:incident", b"Heizung", b"created.after:2026-01-01", b"tag:x", b"cc:",
                 b"organisation:muster-hv.de", b"-status:closed", b"due.before:1w", b"sort:priority"]
        for _ in range(n):
            before = self.state()
            args = [mutate(self.rng, self.rng.choice(words)) for _ in range(self.rng.randint(1, 3))]
            args = [a.replace(b"\x00", b"") for a in args]
            data = b" ".join(args)
            p = self.run(["list", *[a.decode("utf-8", "surrogateescape") for a in args]])
            self.check_process("filter", p, data, before)

    def fuzz_config(self, n):
        with open(os.path.join(ROOT, "examples", "config.toml"), "rb") as f:
            config = f.read()
        path = os.path.join(self.store, ".tickets", "config.toml")
        original = None
        if os.path.exists(path):
            with open(path, "rb") as f:
                original = f.read()
        try:
            for _ in range(n):
                before = self.state()
                data = mutate(self.rng, config)
                with open(path, "wb") as f:
                    f.write(data)
                p = self.run(["list"] if self.rng.random() < 0.5 else ["new", "Fuzz", "-m", "x"])
                self.check_process("config", p, data, before)
        finally:
            if original is None:
                os.remove(path)
            else:
                with open(path, "wb") as f:
                    f.write(original)

    def round(self, n):
        self.fuzz_http(n)
        self.fuzz_import(max(n // 4, 10))
        self.fuzz_mail(n)
        self.fuzz_filters(n)
        self.fuzz_config(max(n // 4, 10))

    def finish(self):
        if self.server and self.server.poll() is None:
            self.server.send_signal(signal.SIGTERM)
            self.server.wait(timeout=30)
        p = self.run(["fsck"])
        if p is None or p.returncode != 0:
            self.findings.append(f"fsck after fuzzing: {p and p.stdout.decode()[:500]}")
        shutil.rmtree(self.tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=120 if SANITIZED else 400)
    ap.add_argument("--minutes", type=float, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", help="write the inputs of findings into this directory")
    args = ap.parse_args()
    f = Fuzzer(args)
    started = time.time()
    try:
        f.setup()
        f.start_server()
        f.round(args.cases)
        while args.minutes and time.time() - started < args.minutes * 60:
            f.round(args.cases)
    finally:
        f.finish()
    print(f"fuzz: {f.cases} cases in {time.time() - started:.0f} s, {len(f.findings)} finding(s)")
    for finding in f.findings:
        print("  " + finding)
    return 1 if f.findings else 0


if __name__ == "__main__":
    sys.exit(main())
