"""What happens when grammar checks were asked for and LanguageTool cannot answer.

Every case must print the native findings, one clear error line on stderr, and exit 2.
The junk and slow servers below stand in for a broken server only; the killed-server case
starts a real LanguageTool from the same jars as scripts/test.
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
from pathlib import Path

import pytest

from conftest import make_config, run_cli
from lt_support import lt_jar_dir, lt_url
from newslint.backends.languagetool import GrammarSession
from newslint.backends.lt_server import GrammarUnavailable, free_port, start_from_jars
from newslint.backends.lt_settings import load_settings
from newslint.document import Document
from newslint.engine import Linter

NATIVE = "The minister arrived then,and spoke.\n"  # NL301 finds the missing space


def closed_port_url() -> str:
    return f"http://127.0.0.1:{free_port()}"


def run_grammar(tmp_path: Path, *args: str, env: dict | None = None, config: str = "") -> tuple[int, str, str]:
    (tmp_path / "newslint.toml").write_text(f"[grammar]\nenabled = true\n{config}", encoding="utf-8")
    (tmp_path / "a.txt").write_text(NATIVE, encoding="utf-8")
    base_env = {"NEWSLINT_LT_URL": "", "NEWSLINT_LT_HOME": str(tmp_path / "lt-home"), "HOME": str(tmp_path)}
    proc = run_cli("check", *args, "a.txt", cwd=tmp_path, env={**base_env, **(env or {})})
    return proc.returncode, proc.stdout, proc.stderr


def assert_reported(rc: int, out: str, err: str, *phrases: str) -> None:
    assert rc == 2
    assert "NL301" in out  # native findings still printed
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newslint: error: "), err
    assert "Traceback" not in err
    for p in phrases:
        assert p in err, err
    assert "fix:" in err


def test_wrong_url_closed_port(tmp_path):
    url = closed_port_url()
    rc, out, err = run_grammar(tmp_path, "--languagetool-url", url)
    assert_reported(rc, out, err, url, "cannot reach", "--languagetool-url")


def test_env_url_closed_port_names_the_variable(tmp_path):
    rc, out, err = run_grammar(tmp_path, env={"NEWSLINT_LT_URL": closed_port_url()})
    assert_reported(rc, out, err, "$NEWSLINT_LT_URL")


def test_no_server_configured_at_all(tmp_path):
    rc, out, err = run_grammar(tmp_path, env={"XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert_reported(rc, out, err, "no LanguageTool server is configured", "scripts/languagetool")


def test_jar_dir_without_jars(tmp_path):
    (tmp_path / "empty").mkdir()
    rc, out, err = run_grammar(tmp_path, config='jar-dir = "empty"\n')
    assert_reported(rc, out, err, "no LanguageTool jars in", "scripts/languagetool fetch")


def test_no_java(tmp_path):
    jars = lt_jar_dir()
    rc, out, err = run_grammar(tmp_path, config=f'jar-dir = "{jars}"\njava = "/nonexistent/java"\n')
    assert_reported(rc, out, err, "Java was not found")


def test_port_busy(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSLINT_LT_URL", raising=False)
    jars = lt_jar_dir()
    settings = load_settings(make_config(grammar={"jar-dir": str(jars), "start-timeout": 60}))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        with pytest.raises(GrammarUnavailable, match="port is busy"):
            start_from_jars(settings, jars, port=port)


def test_jar_dir_server_is_started_and_stopped(tmp_path):
    """The second way: newslint starts LanguageTool from the jars on loopback and stops it."""
    jars = lt_jar_dir()
    (tmp_path / "newslint.toml").write_text(f'[grammar]\nenabled = true\njar-dir = "{jars}"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("This is a error.\n", encoding="utf-8")
    proc = run_cli("check", "--format", "json", "a.txt", cwd=tmp_path, env={"NEWSLINT_LT_URL": ""})
    assert proc.returncode == 1, proc.stderr
    assert [d["code"] for d in json.loads(proc.stdout)["diagnostics"]] == ["LT:EN_A_VS_AN"]


def test_server_killed_mid_run(tmp_path, monkeypatch):
    jars = lt_jar_dir()
    monkeypatch.delenv("NEWSLINT_LT_URL", raising=False)  # the jar-dir way, not scripts/test's server
    cfg = make_config(grammar={"enabled": True, "jar-dir": str(jars), "cache": False, "timeout": 30})
    settings = load_settings(cfg)
    session = GrammarSession(cfg, settings)
    linter = Linter(cfg)
    try:
        first = Document.from_text("This is a error.\n", "one.txt")
        assert [d.code for d in session.check(first, [], linter.context)] == ["LT:EN_A_VS_AN"]
        handle = session._server.handle
        assert handle is not None and handle.url.startswith("http://127.0.0.1:")
        handle.process.kill()
        handle.process.wait(timeout=10)
        second = Document.from_text("She go to school every day.\n", "two.txt")
        started = time.monotonic()
        assert session.check(second, [], linter.context) == []
        assert time.monotonic() - started < 20  # reported, not hung on
        assert session.failure and "died while checking two.txt" in session.failure
        # Later documents are not tried again.
        assert session.check(first, [], linter.context) == []
    finally:
        session.close()


class _Junk(http.server.BaseHTTPRequestHandler):
    body = b"<html>not LanguageTool</html>"
    delay = 0.0

    def _answer(self) -> None:
        time.sleep(self.delay)
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(self.body)
        except OSError:
            pass

    def do_GET(self) -> None:  # noqa: N802
        self._answer()

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer()

    def log_message(self, *args) -> None:
        pass


def serve(handler: type) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def test_garbage_answers(tmp_path):
    server, url = serve(_Junk)
    try:
        rc, out, err = run_grammar(tmp_path, "--languagetool-url", url)
    finally:
        server.shutdown()
    assert_reported(rc, out, err, "did not answer with LanguageTool JSON")


def test_json_that_is_not_languagetool(tmp_path):
    handler = type("NotLT", (_Junk,), {"body": b'{"software": {"version": "6.7"}, "hello": 1}'})
    server, url = serve(handler)
    try:
        rc, out, err = run_grammar(tmp_path, "--languagetool-url", url)
    finally:
        server.shutdown()
    assert_reported(rc, out, err, "without 'matches'")


def test_timeout(tmp_path):
    handler = type("Slow", (_Junk,), {"delay": 5.0})
    server, url = serve(handler)
    try:
        started = time.monotonic()
        rc, out, err = run_grammar(tmp_path, "--languagetool-url", url, config="timeout = 1\n")
        elapsed = time.monotonic() - started
    finally:
        server.shutdown()
    assert_reported(rc, out, err, "within 1 seconds (timeout)")
    assert elapsed < 30


def test_bad_grammar_config_is_one_line(tmp_path):
    (tmp_path / "newslint.toml").write_text('[grammar]\nenabled = true\ntimeot = 3\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(NATIVE, encoding="utf-8")
    proc = run_cli("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "unknown option" in proc.stderr and "timeot" in proc.stderr


@pytest.mark.parametrize("line, phrase", [
    ('language = "de-DE"', "must be one of"),
    ('url = "127.0.0.1:8081"', "must start with http"),
    ('timeout = 0', "greater than 0"),
    ('picky = "yes"', "wrong type"),
    ('disabled-rules = ["", "X"]', "non-empty strings"),
])
def test_grammar_config_validation(tmp_path, line, phrase):
    (tmp_path / "newslint.toml").write_text(f"[grammar]\n{line}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    proc = run_cli("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and phrase in proc.stderr, proc.stderr


def test_working_server_after_failures_is_unaffected(tmp_path):
    """Sanity: the same CLI path succeeds against the real server (so the failures above are real)."""
    rc, out, err = run_grammar(tmp_path, "--languagetool-url", lt_url())
    assert rc == 1 and err == "" and "NL301" in out


def test_language_tool_python_managed_server(tmp_path):
    """The third way: language-tool-python's own (already 'downloaded') LanguageTool, offline.

    `scripts/languagetool ltp-install` lays the Maven jars out where the library looks for a
    download; with no URL and no jar folder, newslint lets the library start that server.
    """
    import os
    import subprocess

    from conftest import REPO

    jars = lt_jar_dir()
    ltp = tmp_path / "ltp"
    env = {**os.environ, "NEWSLINT_LT_HOME": str(jars.parent), "LT_VERSION": jars.name.removeprefix("jars-"), "LTP_PATH": str(ltp)}
    subprocess.run([str(REPO / "scripts" / "languagetool"), "ltp-install"], check=True, env=env, capture_output=True)
    (tmp_path / "newslint.toml").write_text("[grammar]\nenabled = true\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("This is a error.\n", encoding="utf-8")
    proc = run_cli("check", "--format", "json", "a.txt", cwd=tmp_path, timeout=180,
                   env={"NEWSLINT_LT_URL": "", "NEWSLINT_LT_HOME": str(tmp_path / "no-jars"), "LTP_PATH": str(ltp)})
    assert proc.returncode == 1, proc.stderr
    assert [d["code"] for d in json.loads(proc.stdout)["diagnostics"]] == ["LT:EN_A_VS_AN"]


def test_jar_server_dies_with_a_killed_newslint(tmp_path):
    """A SIGKILLed newslint runs no cleanup; the server it started must not outlive it."""
    import os
    import signal
    import subprocess
    import sys

    def alive(pid: int) -> bool:
        """Running, not a zombie left for a reaper that is slow to wait for it."""
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except (OSError, IndexError):
            return False

    if not Path("/proc/self/stat").exists():
        pytest.skip("needs Linux /proc")
    jars = lt_jar_dir()
    script = (
        "import sys, time\n"
        "from newslint.backends.lt_server import start_from_jars\n"
        "from newslint.backends.lt_settings import load_settings\n"
        "from newslint.config import Config\n"
        f"settings = load_settings(Config.from_dict({{'grammar': {{'jar-dir': {str(jars)!r}, 'start-timeout': 90}}}}))\n"
        f"handle = start_from_jars(settings, settings.jar_dir)\n"
        "print(handle.process.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                            cwd=str(Path(__file__).resolve().parent.parent))
    try:
        java_pid = int(proc.stdout.readline())
        assert alive(java_pid)  # running while newslint lives
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if not alive(java_pid):
                return
            time.sleep(0.2)
        os.kill(java_pid, signal.SIGKILL)
        raise AssertionError("the LanguageTool server outlived the newslint that started it")
    finally:
        if proc.poll() is None:
            proc.kill()
