"""Finding or starting a LanguageTool server, in the documented order.

1. A URL: ``--languagetool-url``, ``[grammar] url`` or ``$NEWSLINT_LT_URL`` (used as given).
2. A jar folder (``[grammar] jar-dir``, else the folder ``scripts/languagetool fetch`` fills):
   newslint starts ``org.languagetool.server.HTTPServer`` on 127.0.0.1 at a free port and stops
   it when the run ends.
3. language-tool-python's own managed LanguageTool: used when it has already downloaded one, or
   when ``[grammar] allow-download = true`` lets it download (the only case that goes online).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslint.backends.lt_client import LTClient, LTServerError
from newslint.backends.lt_settings import ENV_URL, GrammarSettings, default_lt_home

FIX_HINT = (
    f"fix: start one with `scripts/languagetool start` and pass its URL (--languagetool-url, [grammar] url or ${ENV_URL}), "
    "or run `scripts/languagetool fetch` so newslint can start one from the jars ([grammar] jar-dir)"
)


class GrammarUnavailable(Exception):
    """Grammar checks were asked for but no LanguageTool server can be used; the message says why and how to fix it."""


@dataclass
class ServerHandle:
    url: str
    description: str
    version_hint: str | None = None
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    managed_tool: Any = None
    _closed: bool = field(default=False, repr=False)

    def exited(self) -> bool:
        return self.process is not None and self.process.poll() is not None

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self.managed_tool is not None:
            try:
                self.managed_tool.close()
            except Exception:  # the library's own shutdown; nothing we can add
                pass
        if self.log_path is not None:
            try:
                self.log_path.unlink()
            except OSError:
                pass


def jar_version(jar_dir: Path) -> str | None:
    """LanguageTool's version from ``languagetool-core-X.jar``, so a cached run needs no server."""
    for jar in jar_dir.glob("languagetool-core-*.jar"):
        m = re.match(r"languagetool-core-(.+)\.jar$", jar.name)
        if m:
            return m.group(1)
    return None


def find_jar_dir(settings: GrammarSettings) -> Path | None:
    """The configured jar folder, or the newest one ``scripts/languagetool fetch`` made."""
    if settings.jar_dir is not None:
        return settings.jar_dir
    home = default_lt_home()
    candidates = sorted(p for p in home.glob("jars-*") if p.is_dir() and (p / ".complete").exists())
    return candidates[-1] if candidates else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _log_tail(path: Path, lines: int = 3) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    interesting = [ln for ln in text if "Exception" in ln or "Error" in ln or "error" in ln] or text
    return " | ".join(ln.strip() for ln in interesting[-lines:])


def _child_setup():
    """``preexec_fn`` for the server: ask Linux to SIGTERM it when newslint dies.

    Why: ``close()`` stops the server on a normal exit or Ctrl-C, but a SIGKILLed newslint (an
    editor killing its language server, the OOM killer, a CI timeout) runs no Python code, and the
    Java server would be left holding memory and a port. ``PR_SET_PDEATHSIG`` survives exec.
    Only on Linux, and only from the main thread: the signal fires when the *thread* that forked
    exits, so a server started from a worker thread would die with that thread.
    """
    import sys
    import threading

    if not sys.platform.startswith("linux") or threading.current_thread() is not threading.main_thread():
        return None
    import ctypes  # loaded here, not in the forked child, where importing is unsafe

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def die_with_parent() -> None:
        prctl(1, 15)  # PR_SET_PDEATHSIG = 1, SIGTERM = 15
        if os.getppid() != parent:  # newslint died before prctl took effect
            os._exit(1)

    return die_with_parent


def start_from_jars(settings: GrammarSettings, jar_dir: Path, port: int | None = None) -> ServerHandle:
    """Start LanguageTool's HTTP server from ``jar_dir`` on 127.0.0.1 and wait until it answers."""
    if not jar_dir.is_dir() or not any(jar_dir.glob("languagetool-server-*.jar")):
        raise GrammarUnavailable(
            f"no LanguageTool jars in {jar_dir} ([grammar] jar-dir); fix: run `scripts/languagetool fetch` "
            "(Maven) and point [grammar] jar-dir at the folder it prints, or configure a server URL")
    java = shutil.which(settings.java)
    if java is None:
        raise GrammarUnavailable(
            f"cannot start LanguageTool from {jar_dir}: Java was not found ({settings.java!r} is not on PATH); "
            "fix: install Java 17 (e.g. apt-get install openjdk-17-jre-headless) or set [grammar] java, "
            "or configure a server URL")
    port = port or free_port()
    fd, log_name = tempfile.mkstemp(prefix="newslint-lt-", suffix=".log")
    log = os.fdopen(fd, "wb")
    cmd = [java, f"-Xmx{settings.java_heap}", "-XX:+UseSerialGC", "-cp", str(jar_dir / "*"),
           "org.languagetool.server.HTTPServer", "--port", str(port)]
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True, preexec_fn=_child_setup())
    except OSError as exc:
        log.close()
        raise GrammarUnavailable(f"cannot run {java}: {exc.strerror}; fix: check [grammar] java") from None
    log.close()
    handle = ServerHandle(f"http://127.0.0.1:{port}", f"the LanguageTool server newslint started from {jar_dir} on port {port}",
                          jar_version(jar_dir), proc, Path(log_name))
    probe = LTClient(handle.url, timeout=2)
    deadline = time.monotonic() + settings.start_timeout
    while True:
        if proc.poll() is not None:
            tail = _log_tail(Path(log_name))
            handle.close()
            if "Address already in use" in tail or "BindException" in tail:
                raise GrammarUnavailable(f"cannot start LanguageTool on 127.0.0.1:{port}: the port is busy; fix: stop what uses it or retry")
            raise GrammarUnavailable(f"the LanguageTool server from {jar_dir} exited during start-up ({tail or 'no output'}); {FIX_HINT}")
        try:
            probe.languages()
            return handle
        except LTServerError:
            pass
        if time.monotonic() > deadline:
            handle.close()
            raise GrammarUnavailable(
                f"the LanguageTool server from {jar_dir} did not answer within {settings.start_timeout:g} seconds "
                "([grammar] start-timeout); fix: raise start-timeout or java-heap, or start it yourself with scripts/languagetool start")
        time.sleep(0.25)


def start_managed(settings: GrammarSettings) -> ServerHandle | None:
    """language-tool-python's own LanguageTool, when it has one on disk (or may download one)."""
    try:
        import language_tool_python
        from language_tool_python.download_lt import LocalLanguageTool
    except ImportError:
        return None
    latest = LocalLanguageTool.get_latest_installed_version()
    if latest is None and not settings.allow_download:
        return None
    # Ask for the version on disk: the library's default version may differ and would be downloaded.
    kwargs = {"language_tool_download_version": latest.version_name} if latest is not None else {}
    try:
        tool = language_tool_python.LanguageTool(settings.language, **kwargs)
    except Exception as exc:  # the library raises many kinds (download, Java, server start)
        raise GrammarUnavailable(f"language-tool-python could not start its LanguageTool: {exc}; {FIX_HINT}") from None
    return ServerHandle(tool.url.rstrip("/"), "the LanguageTool server language-tool-python started", managed_tool=tool)


def no_server_message(settings: GrammarSettings) -> str:
    return (
        "grammar checks were requested but no LanguageTool server is configured or startable: "
        f"no URL (--languagetool-url, [grammar] url, ${ENV_URL}), no jars in [grammar] jar-dir or "
        f"{default_lt_home()}, and language-tool-python has no downloaded LanguageTool "
        "([grammar] allow-download = false); "
        f"{FIX_HINT}")
