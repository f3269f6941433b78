"""The language server: keeps open documents linted and answers code actions.

Flow: open/save lint at once, changes lint after a short quiet period (debounce); the lint
runs on :class:`LintWorker`'s thread on a snapshot of the text; its result is published only if
the document is still open at that version. Configuration is read exactly as the CLI reads it
(``load_config(start=path)``), re-read when the config or lexicon file changes on disk.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from newslint import __version__
from newslint.config import Config, ConfigError, find_config, load_config
from newslint.document import Document
from newslint.lsp import actions
from newslint.lsp.positions import PositionMap
from newslint.lsp.snapshot import Snapshot
from newslint.lsp.worker import LintWorker

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.3
_LANGUAGE_FORMATS = {"markdown": "markdown", "html": "html"}


def _mtime(path: Path | None) -> int | None:
    try:
        return path.stat().st_mtime_ns if path is not None else None
    except OSError:
        return None


class _Protocol(LanguageServerProtocol):
    """Answers a request whose params cannot be read with an error instead of dropping it.

    pygls logs such a request and moves on; the editor would wait for its answer forever.
    """

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "id" in data and "method" in data:
                self._send_response(data["id"], error=exc.to_response_error())
            raise


class NewslintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("newslint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         protocol_cls=_Protocol)
        self.worker = LintWorker()
        self.debounce = DEBOUNCE_SECONDS
        self.snapshots: dict[str, Snapshot] = {}
        self.timers: dict[str, asyncio.TimerHandle] = {}
        # config file (or None for defaults) -> (config mtime, lexicon mtime, config, linter)
        self._linters: dict[Path | None, tuple[Any, ...]] = {}
        self._reported_config_errors: set[str] = set()
        self._shown_notes: set[tuple[str, str]] = set()
        self.shutdown_requested = False
        # LSP: the process exits 0 after shutdown+exit, 1 on exit without shutdown.
        self.exit_code = 0

    # --- documents -------------------------------------------------------------------

    def open_document(self, uri: str) -> Any | None:
        """The workspace's document, or None (closed, or never opened: clients misbehave)."""
        try:
            return self.workspace.text_documents.get(uri)
        except RuntimeError:  # no workspace before initialize
            return None

    def current_version(self, uri: str) -> int | None:
        doc = self.open_document(uri)
        return None if doc is None else doc.version

    def root_path(self) -> Path:
        try:
            root = self.workspace.root_path
        except RuntimeError:
            root = None
        return Path(root) if root else Path.cwd()

    # --- configuration (called on the worker thread) -----------------------------------

    def linter_for(self, path: Path | None) -> tuple[Config, Any]:
        from newslint.engine import Linter

        start = path if path is not None else self.root_path()
        try:
            source = find_config(start)
            key = source
            cached = self._linters.get(key)
            if cached and cached[0] == _mtime(source) and cached[1] == _mtime(cached[2].lexicon_path):
                return cached[2], cached[3]
            config = load_config(start=start)
        except ConfigError as exc:
            self._report_config_error(str(exc))
            key = None
            cached = self._linters.get(None)
            if cached:
                return cached[2], cached[3]
            config = load_config()
            source = None
        linter = Linter(config)
        self._linters[key] = (_mtime(source), _mtime(config.lexicon_path), config, linter)
        return config, linter

    def _report_config_error(self, message: str) -> None:
        if message in self._reported_config_errors:
            return
        self._reported_config_errors.add(message)
        params = types.ShowMessageParams(type=types.MessageType.Error, message=f"newslint: {message} (using the defaults)")
        loop = getattr(self, "_loop", None)
        if loop is not None:
            loop.call_soon_threadsafe(self.window_show_message, params)

    def lint_snapshot(self, uri: str, version: int | None, text: str, language_id: str | None) -> Snapshot:
        """Lint one version of a document (worker thread)."""
        path = Path(to_fs_path(uri)) if uri.startswith("file:") else None
        config, linter = self.linter_for(path)
        name = str(path) if path is not None else uri
        fmt = None if path is not None else _LANGUAGE_FORMATS.get(language_id or "", "text")
        doc = Document.from_text(text, name, fmt)
        pmap = PositionMap(text, self.workspace.position_encoding or types.PositionEncodingKind.Utf16)
        lexicon = str(config.lexicon_path) if config.lexicon_path is not None else None
        if len(text) > config.max_file_size:
            note = f"newslint: {Path(name).name} is over max-file-size-mb; not linted"
            return Snapshot(uri, version, doc, [], pmap, linter, lexicon, [note])
        return Snapshot(uri, version, doc, linter.lint(doc), pmap, linter, lexicon)

    # --- linting and publishing (event loop) -------------------------------------------

    async def refresh(self, uri: str) -> Snapshot | None:
        """Lint the open document now (if not already current) and publish the result."""
        self._loop = asyncio.get_running_loop()
        doc = self.open_document(uri)
        if doc is None:
            return None
        version = doc.version
        known = self.snapshots.get(uri)
        if known is not None and known.version == version and version is not None:
            return known
        try:
            snap = await self.worker.submit(self.lint_snapshot, uri, version, doc.source, doc.language_id,
                                            wanted=lambda: self.current_version(uri) == version)
        except Exception as exc:
            log.exception("lint failed for %s", uri)
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=f"newslint: lint failed: {exc}"))
            return None
        if snap is None or self.current_version(uri) != version or self.open_document(uri) is None:
            return None  # closed or changed meanwhile: a newer lint is on its way
        self.snapshots[uri] = snap
        for note in snap.notes:
            if (uri, note) not in self._shown_notes:  # once per document, not on every keystroke
                self._shown_notes.add((uri, note))
                self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=note))
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=snap.lsp_diagnostics(), version=version))
        return snap

    def schedule(self, uri: str, delay: float) -> None:
        self.cancel_timer(uri)
        loop = asyncio.get_running_loop()
        self._loop = loop
        if delay <= 0:
            loop.create_task(self.refresh(uri))
        else:
            self.timers[uri] = loop.call_later(delay, lambda: loop.create_task(self.refresh(uri)))

    def cancel_timer(self, uri: str) -> None:
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()

    def relint_all(self) -> None:
        self._linters.clear()
        self.snapshots.clear()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    # --- client capabilities -----------------------------------------------------------

    def _caps(self) -> types.ClientCapabilities | None:
        try:
            return self.client_capabilities
        except AttributeError:
            return None

    def versioned_edits(self) -> bool:
        caps = self._caps()
        ws = caps.workspace if caps else None
        return bool(ws and ws.workspace_edit and ws.workspace_edit.document_changes)

    def lazy_edits(self) -> bool:
        caps = self._caps()
        td = caps.text_document if caps else None
        ca = td.code_action if td else None
        support = ca.resolve_support if ca else None
        return bool(support and "edit" in support.properties)


def serve_stdio() -> int:
    """Serve one editor over stdin/stdout; the exit code the protocol asks for."""
    server = build_server()
    server.start_io()
    return server.exit_code


def build_server() -> NewslintServer:
    server = NewslintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: NewslintServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounceMs"), (int, float)):
            ls.debounce = max(0.0, float(options["debounceMs"]) / 1000)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.snapshots.pop(params.text_document.uri, None)
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.snapshots.pop(params.text_document.uri, None)  # config or lexicon may have changed too
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.cancel_timer(uri)
        ls.snapshots.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL_KIND],
            resolve_provider=True,
        ),
    )
    async def code_action(ls: NewslintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        snap = await ls.refresh(uri)
        if snap is None:
            return []
        start = snap.pmap.offset(params.range.start)
        end = max(start, snap.pmap.offset(params.range.end))
        return actions.code_actions(snap, start, end, params.context.only, ls.lazy_edits(), ls.versioned_edits())

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def code_action_resolve(ls: NewslintServer, action: types.CodeAction) -> types.CodeAction:
        data = action.data if isinstance(action.data, dict) else {}
        uri = data.get("uri")
        if action.edit is not None or action.kind != actions.FIX_ALL_KIND or not isinstance(uri, str):
            return action
        snap = await ls.refresh(uri)
        if snap is None or snap.version != data.get("version"):
            return action  # document closed or changed: no edit rather than a stale one
        action.edit = await ls.worker.submit(actions.fix_all_edit, snap, ls.versioned_edits())
        return action

    @server.command(actions.ADD_TO_LEXICON)
    async def add_to_lexicon(ls: NewslintServer, uri: str, word: str) -> dict[str, Any]:
        snap = await ls.refresh(uri) if isinstance(uri, str) else None
        if snap is None or snap.lexicon_path is None or not isinstance(word, str) or not word.strip():
            ls.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Warning, message="newslint: no project lexicon configured (config key 'lexicon')"))
            return {"added": False}
        added = actions.append_to_lexicon(Path(snap.lexicon_path), word.strip())
        ls.relint_all()
        return {"added": added, "lexicon": snap.lexicon_path}

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(ls: NewslintServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.relint_all()  # a configuration or lexicon file changed: every open document may change

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: NewslintServer, *args: Any) -> None:
        ls.shutdown_requested = True
        for uri in list(ls.timers):
            ls.cancel_timer(uri)
        ls.worker.stop()

    @server.feature(types.EXIT)
    def exit_(ls: NewslintServer, *args: Any) -> None:
        ls.exit_code = 0 if ls.shutdown_requested else 1

    return server
