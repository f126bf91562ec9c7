"""The role × ticket matrix through the web pages: for every user of the
sync tests' kinds and every ticket of a store that covers the cases of the
access rules, the web pages show a ticket exactly when a pull would send it
to that user (GET /v1/events with the user's token), and show no text a pull
leaves out (internal notes, an anonymous requester's address)."""

import json

from harness import AGENT, main, requires
from portal_client import (COLLEAGUE_A, CUSTOMER_A, CUSTOMER_B, MAIN_A, PROVIDER, TENANT_1,
                           TENANT_2, TENANT_OTHER, PortalTest)

RESTRICTED_A = "praktikant@firma-a.de"
SHARED_B = "kollegin@firma-b.de"


@requires("sync")
class Matrix(PortalTest):
    def setUp(self):
        super().setUp()
        self.ok("org", "add", "Firma B", "--domain", "firma-b.de", "--shared")
        self.ok("user", "add", RESTRICTED_A, "--role", "main-contact", "--restricted")
        self.ok("user", "add", SHARED_B, "--role", "customer")
        self.ok("user", "add", "bewohner@haus.example", "--role", "owner", "--property", "Musterstraße 1")
        tickets = [
            ("Eigenes von A", "--requester", CUSTOMER_A),
            ("A in Kopie", "--requester", COLLEAGUE_A, "--cc", CUSTOMER_A),
            ("Kollege von A", "--requester", COLLEAGUE_A),
            ("Praktikant", "--requester", RESTRICTED_A),
            ("Firma B", "--requester", CUSTOMER_B),
            ("Öffentlich im Haus", "--requester", TENANT_1, "--property", "Musterstraße 1", "--public"),
            ("Nur für Eigentümer", "--requester", TENANT_1, "--property", "Musterstraße 1", "--public",
             "--audience", "owner"),
            ("Privat im Haus", "--requester", TENANT_1, "--property", "Musterstraße 1"),
            ("Anderes Haus", "--requester", TENANT_OTHER, "--property", "Bahnhofstraße 9", "--public"),
            ("Beim Dienstleister", "--requester", TENANT_2, "--property", "Musterstraße 1",
             "--assignee", PROVIDER),
        ]
        self.ids = {}
        for subject, *extra in tickets:
            short = self.new(subject, *extra)
            self.ids[subject] = self.ticket_id(short)
            self.ok("comment", short, "-m", f"Vertraulich zu {subject}", "--internal")
        # An anonymous public ticket, opened by a resident on the command line of the server.
        self.ok("user", "add", "anonym@haus.example", "--role", "tenant", "--property", "Musterstraße 1")
        short = self.new("Anonym im Haus", "--property", "Musterstraße 1", "--public", "--anonymous",
                         as_user="anonym@haus.example")
        self.ids["Anonym im Haus"] = self.ticket_id(short)

    def pulled(self, user):
        token = self.ok("token", "create", user).out.strip()
        status, page = self.server.request("GET", "/v1/events?after=0&limit=10000", token)
        self.assertEqual(status, 200)
        self.assertFalse(page["more"])
        seen = {e["id"] if e["type"] == "create" else e["ticket"] for e in page["events"]}
        return {subject for subject, full in self.ids.items() if full in seen}, json.dumps(page)

    def test_the_pages_show_what_a_pull_sends(self):
        users = [CUSTOMER_A, COLLEAGUE_A, MAIN_A, RESTRICTED_A, CUSTOMER_B, SHARED_B, TENANT_1,
                 TENANT_2, TENANT_OTHER, "bewohner@haus.example", PROVIDER, AGENT]
        seen_by = {}
        for user in users:
            expected, pulled = self.pulled(user)
            b = self.sign_in(user)
            listed = b.get("/").text
            for subject, full in self.ids.items():
                page = b.get(f"/t/{full}")
                visible = subject in expected
                self.assertEqual(page.status, 200 if visible else 404, f"{user} opening {subject}")
                self.assertEqual(f'href="/t/{full}"' in listed, visible, f"{user} listing {subject}")
                if user != AGENT:
                    self.assertNotIn("Vertraulich", page.text, f"{user}: {subject}")
                    self.assertNotIn("anonym@haus.example", page.text, f"{user}: {subject}")
            if user != AGENT:
                self.assertNotIn("Vertraulich", pulled)
            seen_by[user] = sorted(expected)
        # The matrix is not trivial: the cases differ as the rules say.
        self.assertEqual(seen_by[CUSTOMER_A], ["A in Kopie", "Eigenes von A"])
        self.assertEqual(seen_by[MAIN_A], ["A in Kopie", "Eigenes von A", "Kollege von A", "Praktikant"])
        self.assertEqual(seen_by[RESTRICTED_A], ["Praktikant"])
        self.assertEqual(seen_by[SHARED_B], ["Firma B"])
        self.assertEqual(seen_by[TENANT_2], ["Anonym im Haus", "Beim Dienstleister", "Öffentlich im Haus"])
        self.assertIn("Nur für Eigentümer", seen_by["bewohner@haus.example"])
        self.assertNotIn("Privat im Haus", seen_by["bewohner@haus.example"])
        self.assertEqual(seen_by[PROVIDER], ["Beim Dienstleister"])
        self.assertEqual(len(seen_by[AGENT]), len(self.ids))


if __name__ == "__main__":
    main()
