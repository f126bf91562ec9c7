"""`tickets serve` against what a stranger, or a customer with a token, can
send it on 127.0.0.1: the server answers every request, keeps its limits
for every way a body can come, and its store stays as it was."""

import json
import os
import socket
import time

from harness import main
from test_sync import AGENT, TENANT_A, SyncTest, sealed


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


class Attacks(SyncTest):
    # Short limits, so that the slow clients are cut off quickly.
    limits = {"serve.head_timeout": "2", "serve.body_timeout": "3", "serve.idle_timeout": "1",
              "serve.max_body_bytes": str(1024 * 1024), "serve.threads": "4",
              "serve.max_connections": "8"}

    def setUp(self):
        super().setUp()
        self.server.stop()
        for key, value in self.limits.items():
            self.ok("config", "set", key, value)
        # A fresh free port: another test may have taken the old one since.
        self.server.start(port=0)
        self.ticket = self.show(self.new("Heizung ausgefallen", as_user=AGENT))["id"]
        self.before = self.snapshot_export()

    def snapshot_export(self):
        return self.ok("export", as_user=AGENT).out

    def connect(self):
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return s

    def exchange(self, data):
        """Sends one request, returns (status, JSON body) of the answer."""
        with self.connect() as s:
            s.sendall(data)
            return self.read_answer(s)

    def read_answer(self, s):
        raw = b""
        while b"\r\n\r\n" not in raw:
            chunk = s.recv(65536)
            if not chunk:
                raise AssertionError(f"connection closed before an answer: {raw!r}")
            raw += chunk
        head, body = raw.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        headers = {k.lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
        length = int(headers.get("content-length", "0"))
        while len(body) < length:
            chunk = s.recv(65536)
            if not chunk:
                break
            body += chunk
        return int(lines[0].split()[1]), json.loads(body[:length]), headers

    def post(self, body, token=None, extra=""):
        token = token or self.tokens[TENANT_A]
        return self.exchange(
            f"POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n{extra}\r\n".encode() + body)

    def assert_unharmed(self):
        self.assertIsNone(self.server.proc.poll(), "the server exited")
        clone = self.clone(AGENT)
        self.assertIn("Heizung ausgefallen", self.subjects(clone, AGENT))
        self.assert_fsck_clean()
        self.assertEqual(self.snapshot_export(), self.before)

    def test_bytes_that_are_not_utf8(self):
        for body in [b"\xff", b'{"events":[{"author":"\xff\xfe"}]}', b'{"events":"\xc3"}']:
            status, answer, _ = self.post(body)
            self.assertEqual(status, 400, body)
            self.assertIn("UTF-8", answer["error"])
        self.assert_unharmed()

    def test_deep_nesting_is_refused(self):
        for depth in (65, 100000):
            event = sealed({"v": 1, "type": "comment", "author": TENANT_A, "time": "2026-12-01T10:00:00Z",
                            "lamport": 5, "ticket": self.ticket, "payload": {}})
            text = json.dumps({"events": [event]})
            body = text.replace('"payload": {}', '"payload": {"x": ' + "[" * depth + "]" * depth + "}")
            status, answer, _ = self.post(body.encode())
            self.assertEqual(status, 400)
            self.assertIn("nested deeper than 64 levels", answer["error"])
        self.assert_unharmed()

    def send_chunked(self, token_header, total):
        """Sends a chunked body of `total` bytes; returns (bytes the server took, answer)."""
        s = self.connect()
        s.sendall(f"POST /v1/events HTTP/1.1\r\nHost: x\r\n{token_header}"
                  "Transfer-Encoding: chunked\r\n\r\n".encode())
        chunk = b"%x\r\n" % 65536 + b"[" * 65536 + b"\r\n"
        sent = 0
        peak = 0
        try:
            while sent < total:
                s.sendall(chunk)
                sent += 65536
                if sent % (16 * 65536) == 0:
                    peak = max(peak, rss_kib(self.server.proc.pid))
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            answer = self.read_answer(s)
        except (ConnectionResetError, AssertionError):
            answer = None
        s.close()
        return sent, answer, peak

    def test_chunked_bodies_keep_the_limit_with_and_without_a_token(self):
        base = rss_kib(self.server.proc.pid)
        for header, status in [("", 401), (f"Authorization: Bearer {self.tokens[TENANT_A]}\r\n", 413)]:
            sent, answer, peak = self.send_chunked(header, 300 * 1024 * 1024)
            self.assertLess(sent, 64 * 1024 * 1024, "the server read on past its limit")
            self.assertLess(peak - base, 50 * 1024, "the server's memory grew with the body")
            if answer is not None:  # the answer may be lost to the reset of a closed connection
                self.assertEqual(answer[0], status)
                self.assertEqual(answer[2].get("connection"), "close")
        # A declared length over the limit is refused before a byte of the body.
        status, answer, headers = self.exchange(
            f"POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {self.tokens[AGENT]}\r\n"
            f"Content-Length: {300 * 1024 * 1024}\r\n\r\n".encode())
        self.assertEqual((status, answer["error"]), (413, "request too large"))
        # No length at all, other methods, unknown paths: refused without reading a body.
        token = f"Authorization: Bearer {self.tokens[AGENT]}\r\n"
        for request, expected in [(f"POST /v1/events HTTP/1.1\r\n{token}\r\n", 411),
                                  (f"PUT /v1/events HTTP/1.1\r\n{token}Content-Length: 5\r\n\r\n", 405),
                                  (f"POST /v1/other HTTP/1.1\r\n{token}Transfer-Encoding: chunked\r\n\r\n", 404),
                                  (f"POST /v1/events HTTP/1.1\r\n{token}Transfer-Encoding: gzip\r\n\r\n", 501)]:
            self.assertEqual(self.exchange(request.encode())[0], expected, request)
        self.assert_unharmed()

    def test_slow_and_idle_clients_do_not_starve_the_others(self):
        # More connections than threads and queue together, each sending a
        # byte of its request head every half second.
        slow = [self.connect() for _ in range(12)]
        request = b"GET /v1/whoami HTTP/1.1\r\nHost: x\r\n"
        started = time.time()
        turned_away = 0
        closed = set()
        for i in range(8):
            for n, s in enumerate(slow):
                if n in closed:
                    continue
                try:
                    s.sendall(request[i:i + 1])
                except OSError:
                    closed.add(n)
            time.sleep(0.5)
        # The head deadline (2 s) cut them off, or they were turned away with 503.
        for n, s in enumerate(slow):
            s.settimeout(5)
            try:
                data = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                data = b""
            if data.startswith(b"HTTP/1.1 503"):
                turned_away += 1
            self.assertTrue(data == b"" or data.startswith(b"HTTP/1.1 503"), data)
            s.close()
        self.assertGreater(turned_away, 0)
        self.assertLess(time.time() - started, 12)
        # Idle connections that never send a byte are closed after the idle timeout.
        idle = [self.connect() for _ in range(4)]
        time.sleep(2.5)
        for s in idle:
            s.settimeout(5)
            self.assertEqual(s.recv(10), b"")
            s.close()
        # Meanwhile and after, everyone else is served.
        status, answer, _ = self.exchange(
            f"GET /v1/whoami HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {self.tokens[AGENT]}\r\n\r\n".encode())
        self.assertEqual((status, answer["email"]), (200, AGENT))
        self.assert_unharmed()

    def test_a_slow_body_is_cut_off(self):
        s = self.connect()
        s.sendall(f"POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {self.tokens[AGENT]}\r\n"
                  "Content-Length: 100\r\n\r\n{".encode())
        started = time.time()
        s.settimeout(10)
        try:
            while s.recv(65536):
                pass
        except ConnectionResetError:
            pass
        self.assertLess(time.time() - started, 6)  # body_timeout is 3 s
        s.close()
        self.assert_unharmed()

    def test_pushed_fields_are_checked_against_the_event_schema(self):
        def comment(payload, lamport=5):
            return sealed({"v": 1, "type": "comment", "author": TENANT_A, "time": "2026-12-01T10:00:00Z",
                           "lamport": lamport, "ticket": self.ticket, "payload": payload})
        secret = "../../../../etc/passwd" + "0" * 42
        cases = [
            (comment({"body": "x", "attachments": [1]}), "payload field 'attachments' item 1 must be an object"),
            (comment({"body": "x", "attachments": [{"name": "a", "sha256": secret}]}),
             "field 'sha256' must be 64 lower-case hex digits"),
            (comment({"body": 5}), "payload field 'body' must be a string"),
            (comment({"body": "x", "extra": {"a": 1}}), "payload field 'extra' is not part of a comment event"),
            (comment({"body": "x"}, lamport=2**63 - 1), "is over the limit 9007199254740991"),
            (comment({"body": "x"}, lamport=2**40), "more than 1000000 ahead of the server's clock"),
            (sealed({"v": 1, "type": "explode", "author": TENANT_A, "time": "2026-12-01T10:00:00Z",
                     "lamport": 5, "ticket": self.ticket, "payload": {}}), "unknown event type 'explode'"),
        ]
        status, answer, _ = self.post(json.dumps({"events": [e for e, _ in cases]}).encode())
        self.assertEqual(status, 200)
        for (event, why), result in zip(cases, answer["results"]):
            self.assertEqual(result["status"], "rejected", why)
            self.assertIn(why, result["reason"])
        self.assert_unharmed()

    def test_bad_limits_in_the_config_stop_the_start(self):
        self.server.stop()
        self.ok("config", "set", "serve.threads", "viele")
        r = self.run_cli("serve", "--listen", "127.0.0.1:0")
        self.assertEqual(r.code, 78, r)
        self.assertEqual(r.err.strip(), "tickets: config serve.threads: 'viele' is not a positive whole number")
        self.ok("config", "set", "serve.threads", "4")
        self.server.start(port=0)


if __name__ == "__main__":
    main()
