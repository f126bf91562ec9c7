"""What the web pages' tests share: a real `tickets serve` with a real SMTP
server on loopback for the sign-in mail, and a small browser (cookies,
forms, redirects) over urllib for the tests that look at the HTTP answers
themselves. The Selenium tests drive Chromium against the same server."""

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import test_notify
from harness import AGENT, TicketsTest
from test_notify import Controller, free_port, parse
from test_sync import Server

CUSTOMER_A = "kunde@firma-a.de"
COLLEAGUE_A = "kollege@firma-a.de"
MAIN_A = "chefin@firma-a.de"
CUSTOMER_B = "kunde@firma-b.de"
TENANT_1 = "mieter1@haus.example"
TENANT_2 = "mieter2@haus.example"
TENANT_OTHER = "mieter@anderes-haus.example"
PROVIDER = "service@handwerk.example"


class Inbox(test_notify.Inbox):
    """The loopback SMTP server's messages, parsed."""

    @property
    def mails(self):
        return [parse(raw) for _, _, raw in list(self.received)]

    def wait_for(self, to, count=1, timeout=30, sign_in=False):
        """The count-th message to `to` (of the sign-in mails, with sign_in)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = [m for m in self.mails if to in str(m["To"]) and
                     (not sign_in or str(m["Message-Id"]).startswith("<signin-"))]
            if len(found) >= count:
                return found[count - 1]
            time.sleep(0.05)
        raise AssertionError(f"no mail #{count} to {to}; got {[str(m['To']) for m in self.mails]}")


class Answer:
    def __init__(self, status, headers, body, url):
        self.status, self.headers, self.body, self.url = status, headers, body, url

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def csrf(self):
        found = re.findall(r'name="csrf" value="([0-9a-f]+)"', self.text)
        assert found, "no form token on " + self.url
        return found[0]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kw):
        return None


class Browser:
    """Cookies, forms and redirects as a browser keeps them, over urllib."""

    def __init__(self, base, language="de"):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.language = language

    def request(self, method, path, fields=None, files=None, follow=True, headers=None):
        data, content_type = None, None
        if files is not None:
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in (fields or {}).items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                             .encode() + value.encode() + b"\r\n")
            for name, filename, content in files:
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                             f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                             .encode() + content + b"\r\n")
            data = b"".join(parts) + f"--{boundary}--\r\n".encode()
            content_type = "multipart/form-data; boundary=" + boundary
        elif fields is not None:
            data = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Accept-Language", self.language)
        if content_type:
            req.add_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with self.opener.open(req, timeout=30) as r:
                answer = Answer(r.status, r.headers, r.read(), path)
        except urllib.error.HTTPError as e:
            answer = Answer(e.code, e.headers, e.read(), path)
        if follow and answer.status == 303:
            return self.request("GET", answer.headers["Location"])
        return answer

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, fields, **kw):
        return self.request("POST", path, fields, **kw)

    def cookie(self, name):
        for c in self.jar:
            if c.name == name:
                return c
        return None


def escaped(text):
    """As the pages escape text (core/text.hpp html_escape)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def link_in(message):
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"(http://127\.0\.0\.1:\d+/login/[0-9a-f]{64}\S*)", body).group(1)


class PortalTest(TicketsTest):
    """A server store with organisations and users of every kind, a real
    SMTP server for its mail, and `tickets serve` on a free port."""

    def setUp(self):
        super().setUp()
        if Controller is None:
            self.fail("python3-aiosmtpd is not installed (./dev installs it)")
        self.env["TICKETS_USER"] = AGENT
        self.inbox = Inbox()
        self.smtp = Controller(self.inbox, hostname="127.0.0.1", port=free_port())
        self.smtp.start()
        self.ok("config", "set", "smtp.url", f"smtp://127.0.0.1:{self.smtp.port}")
        self.ok("config", "set", "notify.from", "service@support.example.com")
        self.ok("org", "add", "Firma A", "--domain", "firma-a.de")
        self.ok("org", "add", "Firma B", "--domain", "firma-b.de")
        for address, role, extra in [
                (AGENT, "agent", []), (CUSTOMER_A, "customer", []), (COLLEAGUE_A, "customer", []),
                (MAIN_A, "main-contact", []), (CUSTOMER_B, "customer", []),
                (TENANT_1, "tenant", ["--property", "Musterstraße 1"]),
                (TENANT_2, "tenant", ["--property", "Musterstraße 1"]),
                (TENANT_OTHER, "tenant", ["--property", "Bahnhofstraße 9"]),
                (PROVIDER, "provider", [])]:
            self.ok("user", "add", address, "--role", role, *extra)
        self.agent_token = self.ok("token", "create", AGENT).out.strip()
        self.server = Server(self, self.dir).start()

    def tearDown(self):
        self.server.stop()
        self.smtp.stop()
        super().tearDown()

    def browser(self, language="de"):
        return Browser(self.server.url, language)

    def sign_in(self, address, language="de"):
        b = self.browser(language)
        page = b.get("/login")
        before = len([m for m in self.inbox.mails if address in str(m["To"]) and
                      str(m["Message-Id"]).startswith("<signin-")])
        sent = b.post("/login", {"csrf": page.csrf(), "email": address, "next": "/"})
        self.assertEqual(sent.status, 200, sent.text)
        link = link_in(self.inbox.wait_for(address, before + 1, sign_in=True))
        confirm = b.get(link[len(self.server.url):])
        self.assertEqual(confirm.status, 200, confirm.text)
        token = re.search(r"/login/([0-9a-f]{64})", link).group(1)
        home = b.post(f"/login/{token}", {"csrf": confirm.csrf(), "next": "/"})
        self.assertEqual(home.status, 200, home.text)
        self.assertIn(escaped(address), home.text)
        return b

    def ticket_id(self, short):
        return self.show(short)["id"]
