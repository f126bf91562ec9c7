"""The Debian package as a packager and an administrator meet it: `cpack -G
DEB` from the release build, lintian without errors, dependencies from
dpkg-shlibdeps, and the package unpacked into a temporary root (dpkg -x)
where the binary, its helpers, the manual, the completions and the systemd
unit are where Debian expects them, hardening-check passes on every program,
and the unpacked tickets runs its helpers.

Run from ctest in the release build (TICKETS_BUILD_DIR), never the sanitizer
build. Needs cpack, lintian, dpkg-dev, devscripts (hardening-check), man-db
and bash, which ./dev installs."""

import glob
import json
import os
import subprocess
import tempfile
import unittest

BUILD = os.environ["TICKETS_BUILD_DIR"]
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HELPERS = ["tickets-mail-parse", "tickets-remote-http", "tickets-serve", "tickets-smtp"]

# A tenant's message with an encoded subject (the README's example).
MAIL = os.path.join(ROOT, "examples", "mail", "new-ticket.eml")


def run(*args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=300, **kw)


class Package(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="tickets-deb-")
        out = os.path.join(cls.tmp.name, "out")
        # umask 022: cpack's directories get the modes Debian wants.
        proc = subprocess.run(
            f"umask 022 && cpack -G DEB --config {BUILD}/CPackConfig.cmake -B {out}",
            shell=True, capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            raise RuntimeError(f"cpack failed: {proc.stdout}{proc.stderr}")
        debs = glob.glob(os.path.join(out, "*.deb"))
        if len(debs) != 1:
            raise RuntimeError(f"cpack made {debs}")
        cls.deb = debs[0]
        cls.root = os.path.join(cls.tmp.name, "root")
        subprocess.run(["dpkg", "-x", cls.deb, cls.root], check=True)
        cls.features = cls.version()[1].split()[1:]

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    @classmethod
    def version(cls):
        proc = run(os.path.join(cls.root, "usr", "bin", "tickets"), "--version", env=cls.env())
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr)
        return proc.stdout.splitlines()

    @classmethod
    def env(cls):
        home = os.path.join(cls.tmp.name, "home")
        os.makedirs(home, exist_ok=True)
        return {"PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8",
                "XDG_CONFIG_HOME": os.path.join(home, ".config"),
                "XDG_DATA_HOME": os.path.join(home, ".local", "share"),
                "TICKETS_USER": "agent@support.example.com"}

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def test_lintian_reports_no_errors_or_warnings(self):
        proc = run("lintian", "--fail-on", "error,warning", "--no-tag-display-limit", self.deb)
        tags = [line for line in proc.stdout.splitlines() if line[:2] in ("E:", "W:")]
        self.assertEqual(tags, [], proc.stdout)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)

    def test_dependencies_come_from_the_shared_libraries(self):
        depends = run("dpkg-deb", "--field", self.deb, "Depends").stdout
        for package in ("libsqlite3-0", "libnettle8", "libstdc++6", "libc6", "libdate-tz3",
                        "tzdata"):
            self.assertIn(package, depends)
        if "sync" in self.features:
            self.assertIn("libcpp-httplib0.11", depends)
        if "mail" in self.features:
            self.assertIn("libgmime-3.0-0", depends)
            self.assertIn("libcurl4", depends)
        if "xlsx" in self.features:
            self.assertIn("libxlsxwriter4", depends)
        if "pdf" in self.features:
            for package in ("libpango-1.0-0", "libcairo2", "fonts-dejavu-core"):
                self.assertIn(package, depends)

    def test_files_are_where_debian_expects_them(self):
        expected = ["usr/bin/tickets", "usr/share/man/man1/tickets.1.gz",
                    "usr/share/bash-completion/completions/tickets",
                    "usr/share/zsh/vendor-completions/_tickets",
                    "usr/share/fish/vendor_completions.d/tickets.fish",
                    "usr/share/doc/tickets/copyright", "usr/share/doc/tickets/changelog.Debian.gz",
                    "usr/share/doc/tickets/examples/config.toml"]
        if "sync" in self.features:
            expected += ["lib/systemd/system/tickets-serve.service",
                         "usr/libexec/tickets/tickets-remote-http",
                         "usr/libexec/tickets/tickets-serve"]
        if "mail" in self.features:
            expected += ["usr/libexec/tickets/tickets-mail-parse", "usr/libexec/tickets/tickets-smtp"]
        if "xlsx" in self.features:
            expected += ["usr/libexec/tickets/tickets-xlsx"]
        if "pdf" in self.features:
            expected += ["usr/libexec/tickets/tickets-pdf"]
        for relative in expected:
            self.assertTrue(os.path.isfile(self.path(relative)), relative)

    def test_hardening_check_passes_on_every_program(self):
        programs = [self.path("usr", "bin", "tickets")]
        programs += sorted(glob.glob(self.path("usr", "libexec", "tickets", "*")))
        self.assertEqual(len(programs), 1 + 2 * ("sync" in self.features) +
                         2 * ("mail" in self.features) + ("xlsx" in self.features) +
                         ("pdf" in self.features))
        for program in programs:
            # Not control-flow protection: Debian 12's C start files
            # (Scrt1.o, crti.o) carry no IBT/SHSTK property, so no program
            # linked there has it (hardening-check says the same of /usr/bin/ls);
            # tickets' own objects are built with -fcf-protection.
            proc = run("hardening-check", "--nocfprotection", program)
            self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
            self.assertRegex(proc.stdout, r"Position Independent Executable: yes")
            self.assertRegex(proc.stdout, r"Read-only relocations: yes")
            self.assertRegex(proc.stdout, r"Immediate binding: yes")

    def test_man_tickets_shows_the_manual(self):
        proc = run("man", "-M", self.path("usr", "share", "man"), "-P", "cat", "tickets",
                   env=dict(self.env(), MANWIDTH="80"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("tickets", proc.stdout)
        self.assertIn("EXIT STATUS", proc.stdout)

    def test_bash_completes_the_commands(self):
        script = self.path("usr", "share", "bash-completion", "completions", "tickets")
        line = ("source %s; COMP_WORDS=(tickets li); COMP_CWORD=1; COMP_LINE='tickets li'; "
                "COMP_POINT=${#COMP_LINE}; $(complete -p tickets | sed -E 's/.*-F ([^ ]+).*/\\1/') "
                "tickets li tickets; printf '%%s\\n' \"${COMPREPLY[@]}\"") % script
        proc = run("bash", "-c", line, env=dict(self.env(), PATH=f"{self.path('usr', 'bin')}:/usr/bin:/bin"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("list", proc.stdout.split())
        for shell, relative in (("zsh", "usr/share/zsh/vendor-completions/_tickets"),
                                ("fish", "usr/share/fish/vendor_completions.d/tickets.fish")):
            with open(self.path(relative), encoding="utf-8") as f:
                shipped = f.read()
            printed = run(self.path("usr", "bin", "tickets"), "completion", shell, env=self.env()).stdout
            self.assertEqual(shipped, printed, shell)

    def test_the_unpacked_tickets_runs_its_helpers(self):
        if "mail" not in self.features:
            self.skipTest("this build has no mail (TICKETS_MAIL=OFF)")
        tickets = self.path("usr", "bin", "tickets")
        store = os.path.join(self.tmp.name, "store")
        os.makedirs(store)
        self.assertEqual(run(tickets, "init", cwd=store, env=self.env()).returncode, 0)
        with open(MAIL, "rb") as f:
            proc = subprocess.run([tickets, "mail-in"], stdin=f, capture_output=True, cwd=store,
                                  env=self.env(), timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        listed = run(tickets, "list", "--json", cwd=store, env=self.env())
        self.assertIn("Heizung fällt aus – Musterstraße 1", json.loads(listed.stdout)[0]["subject"])

    def test_the_systemd_unit_runs_the_packaged_binary(self):
        if "sync" not in self.features:
            self.skipTest("this build has no sync (TICKETS_SYNC=OFF)")
        with open(self.path("lib", "systemd", "system", "tickets-serve.service")) as f:
            unit = f.read()
        for line in unit.splitlines():
            if line.startswith(("ExecStart=", "ExecStartPre=")):
                program = line.split("=", 1)[1].split()[0]
                self.assertTrue(os.access(self.path(program.lstrip("/")), os.X_OK), program)
        # Possible only because nothing is loaded from memory at run time.
        self.assertIn("MemoryDenyWriteExecute=yes", unit)


if __name__ == "__main__":
    unittest.main(verbosity=2)
