"""Shared harness for the end-to-end tests: every test runs the real
`tickets` binary (TICKETS_BIN) in a fresh temporary directory, with a clean
environment so that the developer's own config and stores never leak in."""

import fcntl
import json
import os
import pty
import re
import sqlite3
import struct
import subprocess
import tempfile
import termios
import tomllib
import unittest

BIN = os.path.abspath(os.environ.get("TICKETS_BIN") or os.path.join(
    os.path.dirname(__file__), "..", "..", "build", "bin", "tickets"))
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def _features():
    """The optional parts this build has, as `tickets --version` lists them."""
    out = subprocess.run([BIN, "--version"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("features: "):
            return set(line.split()[1:]) - {"none"}
    raise RuntimeError(f"tickets --version names no features: {out!r}")


FEATURES = _features()


def requires(feature):
    """Skips a test or a class of them when the build lacks the feature."""
    return unittest.skipUnless(
        feature in FEATURES, f"this build has no {feature} (TICKETS_{feature.upper()}=OFF)")

def _schema_version():
    """The store schema version the binary writes, read from its source."""
    with open(os.path.join(ROOT, "store", "schema.hpp"), encoding="utf-8") as f:
        return int(re.search(r"kSchemaVersion = (\d+);", f.read()).group(1))


SCHEMA_VERSION = _schema_version()

AGENT = "agent@support.example.com"
TENANT = "mieter@muster-hv.de"


class Result:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"<exit {self.code} stdout={self.out!r} stderr={self.err!r}>"


class TicketsTest(unittest.TestCase):
    """A temporary working directory with an initialised store in it."""

    init_store = True

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="tickets-e2e-")
        self.dir = self._tmp.name
        home = os.path.join(self.dir, "home")
        os.makedirs(home)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": home,
            "XDG_CONFIG_HOME": os.path.join(home, ".config"),
            "XDG_DATA_HOME": os.path.join(home, ".local", "share"),
            "TICKETS_USER": TENANT,
            "LANG": "C.UTF-8",
        }
        for key in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if key in os.environ:
                self.env[key] = os.environ[key]
        if self.init_store:
            self.ok("init")

    def tearDown(self):
        self._tmp.cleanup()

    def run_cli(self, *args, input=None, env=None, cwd=None, as_user=None):
        full_env = dict(self.env)
        if env:
            full_env.update(env)
        if as_user is not None:
            full_env["TICKETS_USER"] = as_user
        proc = subprocess.run(
            [BIN, *args], input=input, capture_output=True, text=True,
            env=full_env, cwd=cwd or self.dir, timeout=120)
        # Sanitizer reports go to stderr; any of them fails the test.
        self.assertNotIn("ERROR: AddressSanitizer", proc.stderr)
        self.assertNotIn("runtime error:", proc.stderr)
        return Result(proc)

    def ok(self, *args, **kw):
        r = self.run_cli(*args, **kw)
        self.assertEqual(r.code, 0, f"tickets {' '.join(args)} failed: {r}")
        return r

    def fails(self, code, *args, **kw):
        """Runs a command that must fail with `code` and one line on stderr."""
        r = self.run_cli(*args, **kw)
        self.assertEqual(r.code, code, f"tickets {' '.join(args)}: {r}")
        lines = r.err.strip().splitlines()
        self.assertEqual(len(lines), 1, f"expected one error line: {r}")
        self.assertTrue(lines[0].startswith("tickets: "), r.err)
        return r

    def in_terminal(self, *args, columns=80, env=None):
        """Runs a command with its output on a terminal `columns` wide, as
        a person sees it; returns the lines it printed there."""
        full_env = dict(self.env, TERM="dumb", NO_COLOR="1")
        full_env.update(env or {})
        leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
        proc = subprocess.Popen([BIN, *args], stdout=follower, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, env=full_env, cwd=self.dir)
        os.close(follower)
        out = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            out += chunk
        os.close(leader)
        err = proc.stderr.read().decode()
        self.assertEqual(proc.wait(timeout=60), 0, err)
        return out.decode().replace("\r\n", "\n").splitlines()

    def edit_config_by_hand(self, key, value):
        """Writes a value into the store's config.toml as an editor would,
        past the checks of `config set` (for the errors of a bad file)."""
        path = os.path.join(self.dir, ".tickets", "config.toml")
        data = {}
        if os.path.exists(path):
            with open(path, "rb") as f:
                data = tomllib.load(f)
        *sections, name = key.split(".")
        table = data
        for section in sections:
            table = table.setdefault(section, {})
        table[name] = value

        def dump(table, prefix):
            lines = [f"{k} = {json.dumps(v)}" for k, v in table.items() if not isinstance(v, dict)]
            for k, v in table.items():
                if isinstance(v, dict):
                    lines += ["", f"[{prefix}{json.dumps(k)}]"] + dump(v, f"{prefix}{json.dumps(k)}.")
            return lines

        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(dump(data, "")) + "\n")

    def new(self, subject="Heizung ausgefallen", *extra, as_user=None):
        r = self.ok("new", subject, "-m", "Seit gestern ist die Wohnung kalt.", *extra, as_user=as_user)
        short = r.out.strip()
        self.assertRegex(short, r"^[0-9a-f]{7,}$")
        return short

    def show(self, ticket):
        return self.ok("show", ticket, "--json").json()

    def db(self):
        return sqlite3.connect(os.path.join(self.dir, ".tickets", "tickets.db"))

    def snapshot(self):
        """Everything in the store that a failed command must leave alone."""
        con = self.db()
        try:
            tables = {}
            for table in ("events", "tickets", "ticket_docs", "meta", "outbox"):
                tables[table] = con.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            tables["search"] = con.execute("SELECT rowid, * FROM search ORDER BY 1").fetchall()
            return tables
        finally:
            con.close()

    def assert_fsck_clean(self):
        r = self.ok("fsck")
        self.assertIn("no problems", r.err)


def main():
    unittest.main(verbosity=2)
