"""The language server at the JSON-RPC level: malformed input, unknown methods, shutdown/exit.

A raw client (no LSP library) so the server sees exactly the bytes a broken editor might send.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from conftest import REPO


class RawClient:
    def __init__(self, *args: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        self.proc = subprocess.Popen([sys.executable, "-m", "newslint", "lsp", *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        self.next_id = 0

    def send_bytes(self, body: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def send(self, method: str, params: Any = None, request: bool = True) -> int | None:
        msg: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        msg_id = None
        if request:
            self.next_id += 1
            msg_id = msg["id"] = self.next_id
        self.send_bytes(json.dumps(msg).encode("utf-8"))
        return msg_id

    def read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        length = 0
        while True:
            line = self.proc.stdout.readline()
            assert line, "server closed its output"
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def response(self, msg_id: int | None) -> dict[str, Any]:
        while True:
            msg = self.read()
            if msg.get("id") == msg_id and "method" not in msg:
                return msg

    def initialize(self) -> None:
        self.response(self.send("initialize", {"processId": None, "rootUri": None, "capabilities": {}}))
        self.send("initialized", {}, request=False)

    def finish(self, timeout: float = 60) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        return self.proc.wait(timeout=timeout)


def test_malformed_and_unknown_requests_get_errors_and_the_server_keeps_serving() -> None:
    c = RawClient()
    try:
        c.initialize()
        c.send_bytes(b'{"jsonrpc": "2.0", "id": 99, "method": "textDocument/codeAction", "params": {"oops"')  # broken JSON
        c.send_bytes(b"[1, 2, 3]")  # valid JSON, not a message
        bad = c.send("textDocument/codeAction", {"textDocument": 5})
        assert "error" in c.response(bad)
        unknown = c.send("newslint/doesNotExist", {})
        assert c.response(unknown)["error"]["code"] == -32601  # method not found
        c.send("textDocument/didOpen", {"textDocument": {"uri": "file:///tmp/x.txt", "languageId": "plaintext",
                                                           "version": 1, "text": "Still working then,and here."}}, request=False)
        while True:
            msg = c.read()
            if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["diagnostics"]:
                assert msg["params"]["diagnostics"][0]["code"] == "NL301"
                break
        assert c.response(c.send("shutdown")) ["result"] is None
        c.send("exit", request=False)
        assert c.proc.wait(timeout=60) == 0
    finally:
        if c.proc.poll() is None:
            c.proc.kill()
        c.proc.wait()


def test_exit_without_shutdown_is_code_1_and_exit_does_not_wait_for_a_lint() -> None:
    c = RawClient()
    try:
        c.initialize()
        text = "A line then,and more text follows here now.\n" * 100000
        c.send("textDocument/didOpen", {"textDocument": {"uri": "file:///tmp/huge.txt", "languageId": "plaintext",
                                                           "version": 1, "text": text}}, request=False)
        c.send("exit", request=False)
        assert c.proc.wait(timeout=60) == 1
    finally:
        if c.proc.poll() is None:
            c.proc.kill()
        c.proc.wait()


def test_missing_pygls_is_a_clear_message(tmp_path) -> None:
    blocker = tmp_path / "pygls"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ImportError('blocked for the test', name='pygls')\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO)])}
    proc = subprocess.run([sys.executable, "-m", "newslint", "lsp"], input=b"", capture_output=True, env=env, timeout=60)
    assert proc.returncode == 2
    assert b"pygls" in proc.stderr and b"Traceback" not in proc.stderr


def test_stdio_flag_that_editor_clients_add_is_accepted() -> None:
    c = RawClient("--stdio")  # vscode-languageclient appends it for stdio executables
    try:
        c.initialize()
        assert c.response(c.send("shutdown"))["result"] is None
        c.send("exit", request=False)
        assert c.proc.wait(timeout=60) == 0
    finally:
        if c.proc.poll() is None:
            c.proc.kill()
        c.proc.wait()
