"""Create rules from the config and the Git-style hooks post-create and
post-change."""

import json
import os
import stat

from harness import AGENT, TENANT, TicketsTest, main

CARETAKER = "hauswart@muster-hv.de"
MANAGER = "verwalter@muster-hv.de"


class CreateRules(TicketsTest):
    def rules(self, text):
        with open(os.path.join(self.dir, ".tickets", "config.toml"), "a", encoding="utf-8") as f:
            f.write(text)

    def test_matching_rule_assigns_and_adds_cc_tag_priority(self):
        self.rules('\n[rules.licht]\ncategory = "Elektro"\nproperty = "Musterstraße 1"\n'
                   'words = "glühbirne, lampe"\nassign = "Hauswart@Muster-HV.de"\n'
                   'priority = "hoch"\ncc = ["verwalter@muster-hv.de"]\ntag = "licht"\n')
        t = self.new("Glühbirne im Flur defekt", "--category", "elektro",
                     "--property", "Musterstraße 1")
        j = self.show(t)
        self.assertEqual((j["assignee"], j["status"], j["priority"]), (CARETAKER, "open", "high"))
        self.assertEqual(j["cc"], [MANAGER])
        self.assertEqual(j["tags"], ["licht"])
        # Another building, or another subject: the rule does not apply.
        u = self.show(self.new("Glühbirne defekt", "--category", "Elektro",
                               "--property", "Hauptstraße 5"))
        self.assertEqual((u["assignee"], u["tags"]), (None, []))
        v = self.show(self.new("Heizung", "--category", "Elektro", "--property", "Musterstraße 1"))
        self.assertIsNone(v["assignee"])

    def test_explicit_values_win(self):
        self.rules('\n[rules.a]\ntype = "Störung"\nassign = "hauswart@muster-hv.de"\n'
                   'priority = "urgent"\n')
        j = self.show(self.new("Aufzug", "--type", "incident", "--assignee", AGENT,
                               "--priority", "low"))
        self.assertEqual((j["assignee"], j["priority"]), (AGENT, "low"))
        k = self.show(self.new("Aufzug", "--type", "incident"))
        self.assertEqual((k["assignee"], k["priority"]), (CARETAKER, "urgent"))

    def test_bad_rule_is_a_config_error(self):
        self.rules('\n[rules.kaputt]\ncategory = "Elektro"\nassign = "niemand"\n')
        r = self.fails(78, "new", "x", "-m", "y")
        self.assertIn("rules.kaputt.assign", r.err)


class Hooks(TicketsTest):
    def hook(self, name, script):
        path = os.path.join(self.dir, ".tickets", "hooks", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("#!/bin/sh\n" + script)
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
        return path

    def test_hooks_get_the_ticket_json_after_the_change(self):
        log = os.path.join(self.dir, "hook.log")
        self.hook("post-create", f'cat > "{log}.create"; echo "$TICKETS_HOOK $TICKETS_EVENT_TYPE" >> "{log}"\n'
                                 'echo noise\n')
        self.hook("post-change", f'cat > "{log}.change"; echo "$TICKETS_HOOK $TICKETS_EVENT_TYPE" >> "{log}"\n')
        r = self.ok("new", "Heizung", "-m", "kalt")
        t = r.out.strip()
        self.assertRegex(t, r"^[0-9a-f]{7,}$")  # hook output stays off stdout
        with open(log + ".create", encoding="utf-8") as f:
            created = json.load(f)
        self.assertEqual(created["subject"], "Heizung")
        self.assertTrue(created["id"].startswith(t))
        self.ok("resolve", t, "-m", "erledigt", as_user=AGENT)
        with open(log + ".change", encoding="utf-8") as f:
            changed = json.load(f)
        self.assertEqual(changed["status"], "solved")
        self.assertEqual(changed["comments"][-1]["kind"], "solution")
        with open(log, encoding="utf-8") as f:
            self.assertEqual(f.read().split("\n")[:2], ["post-create create", "post-change resolve"])

    def test_failing_hook_is_reported_and_the_change_stays(self):
        self.hook("post-change", "cat >/dev/null; exit 3\n")
        t = self.new()
        r = self.ok("status", t, "pending", as_user=AGENT)
        self.assertIn("hook post-change failed", r.err)
        self.assertIn("exit 3", r.err)
        self.assertEqual(self.show(t)["status"], "pending")

    def test_hook_that_ignores_stdin(self):
        self.hook("post-create", "exit 0\n")
        t = self.ok("new", "Sehr lang", "-F", "-", input="x" * 300000).out.strip()
        self.assertEqual(self.show(t)["subject"], "Sehr lang")

    def test_not_executable_is_skipped(self):
        path = self.hook("post-create", "exit 1\n")
        os.chmod(path, 0o644)
        r = self.ok("new", "x", "-m", "y")
        self.assertNotIn("hook", r.err)


if __name__ == "__main__":
    main()
