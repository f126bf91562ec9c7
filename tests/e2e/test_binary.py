"""The binary's shape: local commands start without loading the network and
mail libraries (libcurl, cpp-httplib, GMime) or simdjson, which live in
modules embedded in the binary and loaded on first use (store/transport.hpp),
and the binary works on its own, copied anywhere."""

import glob
import os
import shutil
import subprocess

from harness import BIN, TENANT, TicketsTest, main

HEAVY = ("libcurl", "libgmime", "libcpp-httplib", "libglib", "libsimdjson")

MAIL = (b"From: Lena Fischer <lena.fischer@muster-hv.de>\r\n"
        b"To: support@example.com\r\n"
        b"Subject: Fenster klemmt\r\n"
        b"Message-Id: <fenster-1@muster-hv.de>\r\n"
        b"\r\n"
        b"Das Fenster im Bad schliesst nicht mehr.\r\n")


class BinaryTest(TicketsTest):
    def loaded_libraries(self, *args, input=None, binary=BIN):
        """The shared objects the dynamic loader opened while running the
        command (LD_DEBUG=files), and the finished process."""
        trace = os.path.join(self.dir, "ld-trace")
        env = dict(self.env, LD_DEBUG="files", LD_DEBUG_OUTPUT=trace)
        proc = subprocess.run([binary, *args], input=input, capture_output=True,
                              env=env, cwd=self.dir, timeout=120)
        names = set()
        for path in glob.glob(trace + ".*"):
            with open(path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    if "file=" in line:
                        names.add(line.split("file=", 1)[1].split()[0])
            os.remove(path)
        return names, proc

    def test_local_commands_do_not_load_network_or_mail_libraries(self):
        ticket = self.new()
        for args in (["list"], ["show", ticket], ["new", "Licht im Keller", "-m", "Defekt."],
                     ["--version"]):
            names, proc = self.loaded_libraries(*args)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertTrue(names, "LD_DEBUG traced nothing")
            heavy = [n for n in names if n.startswith(HEAVY)]
            self.assertEqual(heavy, [], f"tickets {' '.join(args)} loaded {heavy}")

    def test_mail_in_loads_gmime_on_first_use(self):
        names, proc = self.loaded_libraries("mail-in", input=MAIL)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertTrue(any(n.startswith("libgmime") for n in names), sorted(names))
        tickets = self.ok("list", "--json").json()
        self.assertEqual([t["subject"] for t in tickets], ["Fenster klemmt"])

    def test_import_parses_with_simdjson_from_its_module(self):
        ticket = self.new("Heizung fällt aus")
        export = self.ok("export", "--format", "jsonl").out
        other = os.path.join(self.dir, "other")
        os.makedirs(other)
        self.run_cli("init", cwd=other)
        with open(os.path.join(self.dir, "t.jsonl"), "w", encoding="utf-8") as f:
            f.write(export)
        names, proc = self.loaded_libraries("-C", other, "import",
                                            os.path.join(self.dir, "t.jsonl"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertTrue(any(n.startswith("libsimdjson") for n in names), sorted(names))
        heavy = [n for n in names if n.startswith(("libcurl", "libgmime", "libcpp-httplib"))]
        self.assertEqual(heavy, [])
        shown = self.ok("-C", other, "show", ticket, "--json").json()
        self.assertEqual(shown["subject"], "Heizung fällt aus")

    def test_sync_loads_the_http_library_only(self):
        # Nothing listens on port 1: the client tries, retries and gives up.
        self.env["TICKETS_TOKEN"] = "any"
        names, proc = self.loaded_libraries("clone", "http://127.0.0.1:1", "copy")
        self.assertEqual(proc.returncode, 69, proc.stderr)
        self.assertTrue(any(n.startswith("libcpp-httplib") for n in names), sorted(names))
        heavy = [n for n in names if n.startswith(("libcurl", "libgmime", "libglib"))]
        self.assertEqual(heavy, [])

    def test_a_copy_of_the_binary_alone_still_has_its_module(self):
        lonely = os.path.join(self.dir, "bin", "tickets")
        os.makedirs(os.path.dirname(lonely))
        shutil.copy(BIN, lonely)
        proc = subprocess.run([lonely, "mail-in"], input=MAIL, capture_output=True,
                              env=self.env, cwd=self.dir, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        tickets = self.ok("list", "--json").json()
        self.assertEqual(len(tickets), 1)
        self.assertEqual(tickets[0]["requester"], "lena.fischer@muster-hv.de")


if __name__ == "__main__":
    main()
