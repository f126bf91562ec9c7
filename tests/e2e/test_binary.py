"""The binary's shape: local commands start without loading the network and
mail libraries (libcurl, cpp-httplib, GMime), which only the helper programs
in libexec/tickets/ link (helper/helper.hpp); the commands that need them run
the helper; a missing helper is a clear error; nothing is loaded from memory
at run time, and the build is hardened (PIE, full RELRO, BIND_NOW)."""

import glob
import os
import shutil
import subprocess

from harness import BIN, FEATURES, TicketsTest, main, requires

HEAVY = ("libcurl", "libgmime", "libcpp-httplib", "libglib", "libssl", "libxlsxwriter",
         "libminizip", "libcairo", "libpango", "libharfbuzz", "libfontconfig")
EXEC_PATH = os.path.normpath(os.path.join(os.path.dirname(BIN), "..", "libexec", "tickets"))

MAIL = (b"From: Lena Fischer <lena.fischer@muster-hv.de>\r\n"
        b"To: support@example.com\r\n"
        b"Subject: Fenster klemmt\r\n"
        b"Message-Id: <fenster-1@muster-hv.de>\r\n"
        b"\r\n"
        b"Das Fenster im Bad schliesst nicht mehr.\r\n")


def readelf(*args):
    return subprocess.run(["readelf", *args], capture_output=True, text=True, check=True).stdout


class BinaryTest(TicketsTest):
    def loaded_libraries(self, *args, input=None, binary=BIN, env=None):
        """The shared objects the dynamic loader opened while running the
        command and the helpers it started (LD_DEBUG=files, which children
        inherit: one trace file per process), the number of processes, and
        the finished process."""
        trace = os.path.join(self.dir, "ld-trace")
        full_env = dict(self.env, LD_DEBUG="files", LD_DEBUG_OUTPUT=trace, **(env or {}))
        proc = subprocess.run([binary, *args], input=input, capture_output=True,
                              env=full_env, cwd=self.dir, timeout=120)
        names = set()
        files = glob.glob(trace + ".*")
        for path in files:
            with open(path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    if "file=" in line:
                        names.add(line.split("file=", 1)[1].split()[0])
            os.remove(path)
        return names, len(files), proc

    def test_version_lists_the_features_built(self):
        out = self.ok("--version").out.splitlines()
        self.assertRegex(out[0], r"^tickets \d+\.\d+\.\d+$")
        self.assertRegex(out[1], r"^features: ")
        self.assertTrue(set(out[1].split()[1:]) <=
                        {"sync", "mail", "simdjson", "xlsx", "pdf", "none"})
        for feature, helpers in (("sync", ["tickets-remote-http", "tickets-serve"]),
                                 ("mail", ["tickets-mail-parse", "tickets-smtp"]),
                                 ("xlsx", ["tickets-xlsx"]), ("pdf", ["tickets-pdf"])):
            for helper in helpers:
                self.assertEqual(os.access(os.path.join(EXEC_PATH, helper), os.X_OK),
                                 feature in FEATURES, helper)

    def test_local_commands_load_no_network_or_mail_library_and_start_no_helper(self):
        ticket = self.new()
        for args in (["list"], ["show", ticket], ["new", "Licht im Keller", "-m", "Defekt."],
                     ["--version"]):
            names, processes, proc = self.loaded_libraries(*args)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertTrue(names, "LD_DEBUG traced nothing")
            heavy = [n for n in names if n.startswith(HEAVY)]
            self.assertEqual(heavy, [], f"tickets {' '.join(args)} loaded {heavy}")
            self.assertEqual(processes, 1, f"tickets {' '.join(args)} started a helper")

    @requires("mail")
    def test_mail_in_parses_in_the_gmime_helper(self):
        names, processes, proc = self.loaded_libraries("mail-in", input=MAIL)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(processes, 2)
        self.assertTrue(any(n.startswith("libgmime") for n in names), sorted(names))
        tickets = self.ok("list", "--json").json()
        self.assertEqual([t["subject"] for t in tickets], ["Fenster klemmt"])

    @requires("xlsx")
    def test_the_workbook_is_written_in_the_libxlsxwriter_helper(self):
        self.new()
        names, processes, proc = self.loaded_libraries(
            "export", "--format", "xlsx", "-o", os.path.join(self.dir, "t.xlsx"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(processes, 2)
        self.assertTrue(any(n.startswith("libxlsxwriter") for n in names), sorted(names))

    @requires("pdf")
    def test_the_pdf_is_laid_out_in_the_pango_helper(self):
        t = self.new()
        names, processes, proc = self.loaded_libraries(
            "show", t, "--format", "pdf", "-o", os.path.join(self.dir, "t.pdf"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(processes, 2)
        self.assertTrue(any(n.startswith("libpango") for n in names), sorted(names))

    @requires("simdjson")
    def test_import_parses_with_simdjson(self):
        ticket = self.new("Heizung fällt aus")
        export = self.ok("export", "--format", "jsonl").out
        other = os.path.join(self.dir, "other")
        os.makedirs(other)
        self.run_cli("init", cwd=other)
        with open(os.path.join(self.dir, "t.jsonl"), "w", encoding="utf-8") as f:
            f.write(export)
        names, processes, proc = self.loaded_libraries("-C", other, "import",
                                                       os.path.join(self.dir, "t.jsonl"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertTrue(any(n.startswith("libsimdjson") for n in names), sorted(names))
        self.assertEqual([n for n in names if n.startswith(HEAVY)], [])
        self.assertEqual(processes, 1)
        shown = self.ok("-C", other, "show", ticket, "--json").json()
        self.assertEqual(shown["subject"], "Heizung fällt aus")

    @requires("sync")
    def test_sync_loads_the_http_library_in_its_helper_only(self):
        # Nothing listens on port 1: the client tries, retries and gives up.
        self.env["TICKETS_TOKEN"] = "any"
        names, processes, proc = self.loaded_libraries("clone", "http://127.0.0.1:1", "copy")
        self.assertEqual(proc.returncode, 69, proc.stderr)
        self.assertEqual(processes, 2)
        self.assertTrue(any(n.startswith("libcpp-httplib") for n in names), sorted(names))
        self.assertEqual([n for n in names if n.startswith(("libcurl", "libgmime", "libglib"))], [])

    @requires("mail")
    def test_a_missing_helper_is_one_clear_error_and_changes_nothing(self):
        before = self.snapshot()
        r = self.fails(69, "mail-in", input=MAIL.decode(),
                       env={"TICKETS_EXEC_PATH": os.path.join(self.dir, "nowhere")})
        self.assertIn("tickets-mail-parse", r.err)
        self.assertEqual(self.snapshot(), before)

    @requires("mail")
    def test_a_helper_that_dies_is_one_clear_error_and_changes_nothing(self):
        fake = os.path.join(self.dir, "libexec")
        os.makedirs(fake)
        with open(os.path.join(fake, "tickets-mail-parse"), "w") as f:
            f.write("#!/bin/sh\nexit 3\n")
        os.chmod(os.path.join(fake, "tickets-mail-parse"), 0o755)
        before = self.snapshot()
        r = self.fails(75, "mail-in", input=MAIL.decode(), env={"TICKETS_EXEC_PATH": fake})
        self.assertIn("stopped without answering (exit status 3)", r.err)
        self.assertEqual(self.snapshot(), before)

    @requires("sync")
    def test_serve_without_its_helper_is_one_clear_error(self):
        r = self.fails(69, "serve", "--listen", "127.0.0.1:0",
                       env={"TICKETS_EXEC_PATH": os.path.join(self.dir, "nowhere")})
        self.assertIn("tickets-serve", r.err)

    def test_nothing_is_loaded_from_memory_at_run_time(self):
        programs = [BIN] + sorted(glob.glob(os.path.join(EXEC_PATH, "tickets-*")))
        for program in programs:
            imported = readelf("--dyn-syms", "--wide", program)
            for symbol in ("memfd_create", "dlopen"):
                self.assertNotRegex(imported, rf"\bUND {symbol}\b", f"{program} imports {symbol}")

    def test_binaries_are_hardened(self):
        if os.environ.get("TICKETS_SANITIZED") == "1":
            self.skipTest("the sanitizer build is not the hardened one")
        programs = [BIN] + sorted(glob.glob(os.path.join(EXEC_PATH, "tickets-*")))
        for program in programs:
            header = readelf("--file-header", program)
            self.assertRegex(header, r"Type:\s+DYN", f"{program} is not PIE")
            self.assertIn("GNU_RELRO", readelf("--program-headers", program), program)
            dynamic = readelf("--dynamic", program)
            self.assertRegex(dynamic, r"FLAGS.*BIND_NOW|FLAGS_1.*NOW", f"{program}: no BIND_NOW")
            symbols = readelf("--dyn-syms", "--wide", program)
            self.assertIn("__stack_chk_fail", symbols, f"{program}: no stack protector")
        # _FORTIFY_SOURCE: the checked variants of libc's functions.
        self.assertRegex(readelf("--dyn-syms", "--wide", BIN), r"\b__(memcpy|snprintf|memmove)_chk\b")

    @requires("sync")
    def test_helpers_are_found_beside_a_copied_tree(self):
        """A relocated installation (bin/ and libexec/tickets/ moved together)
        finds its helpers without TICKETS_EXEC_PATH."""
        root = os.path.join(self.dir, "root")
        shutil.copytree(EXEC_PATH, os.path.join(root, "libexec", "tickets"))
        os.makedirs(os.path.join(root, "bin"))
        shutil.copy(BIN, os.path.join(root, "bin", "tickets"))
        self.env["TICKETS_TOKEN"] = "any"
        names, processes, proc = self.loaded_libraries(
            "clone", "http://127.0.0.1:1", "copy", binary=os.path.join(root, "bin", "tickets"))
        self.assertEqual(proc.returncode, 69, proc.stderr)
        self.assertEqual(processes, 2)


if __name__ == "__main__":
    main()
