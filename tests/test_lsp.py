"""The language server, driven by a real LSP client (pytest-lsp) over stdio JSON-RPC."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Union

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from conftest import REPO

pytestmark = pytest.mark.asyncio(loop_scope="function")

ENV = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _record_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    """Like pytest-lsp's handler, but also keeps the version and every publish."""
    client.diagnostics[params.uri] = params.diagnostics
    client.diagnostics_versions[params.uri] = params.version
    client.publishes.append((params.uri, params.version, len(params.diagnostics)))


def _converter():
    """lsprotocol's converter, except that a CodeAction carrying a ``command`` stays a CodeAction.

    lsprotocol turns any item with a "command" key into a Command (it does not check that the
    key holds a string, as the LSP spec and VS Code's client do), which would hide the server's
    "add to lexicon" CodeAction from this test client.
    """
    converter = default_converter()

    def code_action_or_command(obj, _):
        kind = types.Command if isinstance(obj.get("command"), str) else types.CodeAction
        return converter.structure(obj, kind)

    converter.register_structure_hook(Union[types.Command, types.CodeAction], code_action_or_command)
    return converter


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=_converter)
    client.diagnostics_versions = {}
    client.publishes = []
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _record_diagnostics
    register_lsp_features(client, features)
    return client


CONFIG = ClientServerConfig(server_command=[sys.executable, "-m", "newslint", "lsp"], server_env=ENV,
                            client_factory=make_client)

CAPABILITIES = types.ClientCapabilities(
    workspace=types.WorkspaceClientCapabilities(
        workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True)),
    text_document=types.TextDocumentClientCapabilities(
        code_action=types.CodeActionClientCapabilities(
            code_action_literal_support=types.ClientCodeActionLiteralOptions(
                code_action_kind=types.ClientCodeActionKindOptions(value_set=["quickfix", "source.fixAll"])),
            resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"]),
        )),
)


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient, tmp_path: Path):
    (tmp_path / "newslint.toml").write_text('lexicon = "words.txt"\n', encoding="utf-8")
    lsp_client.init_result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=CAPABILITIES, root_uri=tmp_path.as_uri(),
        initialization_options={"debounceMs": 50}))
    yield
    await lsp_client.shutdown_session()


class Editor:
    """A tiny editor model: the text it holds, versions, and applying WorkspaceEdits."""

    def __init__(self, client: LanguageClient, path: Path, text: str, language: str = "plaintext") -> None:
        self.client, self.uri, self.text, self.version = client, path.as_uri(), text, 1
        path.write_text(text, encoding="utf-8")
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=self.uri, language_id=language, version=1, text=text)))

    async def diagnostics(self, version: int | None = None) -> list[types.Diagnostic]:
        """Wait for diagnostics of ``version`` (the current one by default)."""
        want = self.version if version is None else version

        async def until_published() -> list[types.Diagnostic]:
            while True:
                got = self.client.diagnostics.get(self.uri)
                if got is not None and self.client_version() == want:
                    return list(got)
                await self.client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

        try:  # a hang guard, not a speed check
            return await asyncio.wait_for(until_published(), 120)
        except asyncio.TimeoutError:
            raise AssertionError(f"no diagnostics for version {want} of {self.uri}") from None

    def client_version(self) -> int | None:
        return self.client.diagnostics_versions.get(self.uri)

    def offset(self, pos: types.Position) -> int:
        """Code-point offset of a UTF-16 position, computed independently of the server."""
        lines = self.text.split("\n")
        line = lines[pos.line]
        units = 0
        for i, ch in enumerate(line):
            if units >= pos.character:
                return sum(len(x) + 1 for x in lines[:pos.line]) + i
            units += 2 if ord(ch) > 0xFFFF else 1
        return sum(len(x) + 1 for x in lines[:pos.line]) + len(line)

    def apply(self, edit: types.WorkspaceEdit) -> None:
        edits: list[types.TextEdit] = []
        for change in edit.document_changes or []:
            assert change.text_document.version == self.version, "edit built for another version"
            edits.extend(change.edits)
        for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            s, t = self.offset(e.range.start), self.offset(e.range.end)
            self.text = self.text[:s] + e.new_text + self.text[t:]
        self.change_full(self.text)

    def change_full(self, text: str) -> None:
        self.text = text
        self.version += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    async def actions(self, diag: types.Diagnostic | None = None, only: list[str] | None = None) -> list[types.CodeAction]:
        rng = diag.range if diag else types.Range(start=types.Position(0, 0), end=types.Position(0, 0))
        result = await self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=self.uri), range=rng,
            context=types.CodeActionContext(diagnostics=[diag] if diag else [], only=only)))
        return [a for a in result or [] if isinstance(a, types.CodeAction)]


ERRORS = "We were together then,and we remain.\nFans cheered 🎉 now.The parade went on.\n"


async def test_initialize_reports_capabilities(client: LanguageClient) -> None:
    caps = client.init_result.capabilities
    assert client.init_result.server_info.name == "newslint"
    assert caps.position_encoding == types.PositionEncodingKind.Utf16
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert caps.code_action_provider.resolve_provider is True
    assert "newslint.addToLexicon" in caps.execute_command_provider.commands


async def test_diagnostics_quick_fix_and_utf16_positions(client: LanguageClient, tmp_path: Path) -> None:
    ed = Editor(client, tmp_path / "story.txt", ERRORS)
    diags = await ed.diagnostics()
    assert [d.code for d in diags] == ["NL301", "NL302"]
    comma, period = diags
    assert (comma.range.start.line, comma.range.start.character) == (0, 21)
    # The emoji is two UTF-16 units: the period after "now" is at code point 18, UTF-16 unit 19.
    assert (period.range.start.line, period.range.start.character, period.range.end.character) == (1, 19, 20)
    assert ed.text[ed.offset(period.range.start)] == "."
    assert all(d.source == "newslint" for d in diags)

    actions = await ed.actions(period)
    titles = [a.title for a in actions]
    assert "Insert a space [NL302]" in titles
    assert "Ignore NL302 on this line" in titles
    fix = next(a for a in actions if a.title == "Insert a space [NL302]")
    assert fix.is_preferred and fix.kind == types.CodeActionKind.QuickFix
    ed.apply(fix.edit)
    assert ed.text.splitlines()[1] == "Fans cheered 🎉 now. The parade went on."
    diags = await ed.diagnostics()
    assert [d.code for d in diags] == ["NL301"]


async def test_fix_all_safe_issues(client: LanguageClient, tmp_path: Path) -> None:
    ed = Editor(client, tmp_path / "story.md", ERRORS + "\nthe  end , really.\n", language="markdown")
    assert len(await ed.diagnostics()) >= 4
    actions = await ed.actions(only=[types.CodeActionKind.SourceFixAll])
    assert [a.title for a in actions] == ["Fix all safe issues (newslint)"]
    assert actions[0].edit is None  # computed on resolve
    resolved = await client.code_action_resolve_async(actions[0])
    ed.apply(resolved.edit)
    assert ed.text == "We were together then, and we remain.\nFans cheered 🎉 now. The parade went on.\n\nThe end, really.\n"
    assert await ed.diagnostics() == []


async def test_ignore_on_this_line(client: LanguageClient, tmp_path: Path) -> None:
    for name in ("a.txt", "a.md"):
        ed = Editor(client, tmp_path / name, "One line then,and more.\nSecond line now.Fine.\n")
        comma = (await ed.diagnostics())[0]
        ignore = next(a for a in await ed.actions(comma) if a.title.startswith("Ignore"))
        ed.apply(ignore.edit)
        assert ed.text.splitlines()[0] == "One line then,and more. <!-- newslint-disable-line NL301 -->"
        assert [d.code for d in await ed.diagnostics()] == ["NL302"]
        # A second code joins the existing comment instead of adding another.
        ed.change_full(ed.text.replace("more.", "more.Then"))
        diags = await ed.diagnostics()
        glued = next(d for d in diags if d.range.start.line == 0)
        ignore = next(a for a in await ed.actions(glued) if a.title.startswith("Ignore"))
        ed.apply(ignore.edit)
        assert ed.text.splitlines()[0].endswith("<!-- newslint-disable-line NL301 NL302 -->")
        assert [d.range.start.line for d in await ed.diagnostics()] == [1]


async def test_add_word_to_project_lexicon_command(client: LanguageClient, tmp_path: Path) -> None:
    ed = Editor(client, tmp_path / "names.txt", "Druzhba pipeline,report.\n")
    await ed.diagnostics()
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="newslint.addToLexicon", arguments=[ed.uri, "Druzhba"]))
    assert result["added"] is True
    lexicon = tmp_path / "words.txt"
    assert "Druzhba" in lexicon.read_text(encoding="utf-8").splitlines()
    before = lexicon.read_text(encoding="utf-8")
    again = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="newslint.addToLexicon", arguments=[ed.uri, "Druzhba"]))
    assert again["added"] is False and lexicon.read_text(encoding="utf-8") == before


async def test_add_word_action_on_a_spelling_finding(client: LanguageClient, tmp_path: Path) -> None:
    from newslint.registry import get_rule

    if get_rule("NL101") is None:
        pytest.skip("NL101 (spelling) is not in this build; the command itself is tested above")
    ed = Editor(client, tmp_path / "typo.txt", "The othre day it rained.\n")
    found = await ed.diagnostics()
    typo = next((d for d in found if d.code == "NL101"), None)
    assert typo is not None, found
    offered = await ed.actions(typo)
    action = next((a for a in offered if a.command and a.command.command == "newslint.addToLexicon"), None)
    assert action is not None, [a.title for a in offered]
    await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=action.command.command, arguments=action.command.arguments))
    assert "othre" in (tmp_path / "words.txt").read_text(encoding="utf-8").split()
    ed.change_full(ed.text + "\n")
    assert not [d for d in await ed.diagnostics() if d.code == "NL101"]


async def test_reads_the_project_configuration(client: LanguageClient, tmp_path: Path) -> None:
    sub = tmp_path / "desk"
    sub.mkdir()
    (sub / "newslint.toml").write_text('ignore = ["NL301"]\n', encoding="utf-8")
    ed = Editor(client, sub / "story.txt", ERRORS)
    assert [d.code for d in await ed.diagnostics()] == ["NL302"]


async def test_save_relints_with_changed_configuration(client: LanguageClient, tmp_path: Path) -> None:
    ed = Editor(client, tmp_path / "story.txt", ERRORS)
    assert len(await ed.diagnostics()) == 2
    (tmp_path / "newslint.toml").write_text('lexicon = "words.txt"\nignore = ["NL302"]\n', encoding="utf-8")
    os.utime(tmp_path / "newslint.toml", ns=(1, 1))  # a different mtime even on coarse clocks
    client.diagnostics.pop(ed.uri)
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=ed.uri)))
    assert [d.code for d in await ed.diagnostics()] == ["NL301"]


async def test_rapid_changes_settle_on_the_last_version(client: LanguageClient, tmp_path: Path) -> None:
    ed = Editor(client, tmp_path / "typing.txt", "")
    await ed.diagnostics()
    text = ""
    for ch in "Typing fast,then.Done":
        text += ch
        ed.change_full(text)
    diags = await ed.diagnostics()
    assert ed.version == 22 and client.diagnostics_versions[ed.uri] == 22
    assert [d.code for d in diags] == ["NL301", "NL302"]
    # debounced: the 21 quick changes were linted far fewer times than 21
    assert len([p for p in client.publishes if p[0] == ed.uri]) < 10


async def test_incremental_changes(client: LanguageClient, tmp_path: Path) -> None:
    ed = Editor(client, tmp_path / "inc.txt", "All fine here.\n")
    assert await ed.diagnostics() == []
    ed.version += 1
    ed.text = "All fine,here.\n"
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=ed.uri, version=ed.version),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(0, 8), end=types.Position(0, 9)), text=",")]))
    assert [d.code for d in await ed.diagnostics()] == ["NL301"]


# About 1 MB in 20,000 distinct lines, each with one missing space.
HUGE = "".join(f"Line {i} then,and more text follows here now.\n" for i in range(20000))


async def test_close_while_linting_and_huge_document(client: LanguageClient, tmp_path: Path) -> None:
    big = Editor(client, tmp_path / "big.txt", HUGE)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=big.uri)))
    # The server keeps answering while (or after) it lints the closed document...
    small = Editor(client, tmp_path / "small.txt", "Small then,and.\n")
    assert [d.code for d in await small.diagnostics()] == ["NL301"]
    # ...and never publishes stale findings for the closed one (the close cleared them).
    await asyncio.sleep(0.2)
    assert [p for p in client.publishes if p[0] == big.uri] == [(big.uri, None, 0)]

    huge = Editor(client, tmp_path / "huge.txt", HUGE)
    # A request is answered while the huge document is still being linted.
    result = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=small.uri),
        range=types.Range(start=types.Position(0, 0), end=types.Position(0, 11)),
        context=types.CodeActionContext(diagnostics=[])))
    assert any(a.title == "Insert a space [NL301]" for a in result)
    assert huge.uri not in client.diagnostics_versions  # answered before the huge lint finished
    commas = [d for d in await huge.diagnostics() if d.code == "NL301"]
    assert len(commas) == 20000 and commas[-1].range.start.line == 19999


async def test_out_of_order_and_bad_requests_keep_the_server_alive(client: LanguageClient, tmp_path: Path) -> None:
    ghost = (tmp_path / "never-opened.txt").as_uri()
    # change and close for a document that was never opened; code action on it
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=ghost, version=3),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text="x,y")]))
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=ghost)))
    assert list(await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=ghost),
        range=types.Range(start=types.Position(0, 0), end=types.Position(0, 1)),
        context=types.CodeActionContext(diagnostics=[])))) == []
    # a range far outside the document, and a command with wrong arguments
    ed = Editor(client, tmp_path / "ok.txt", "Fine then,and.\n")
    await ed.diagnostics()
    far = types.Range(start=types.Position(500, 3), end=types.Position(900, 9))
    assert await ed.actions(types.Diagnostic(range=far, message="x")) is not None
    with pytest.raises(JsonRpcException):
        await client.workspace_execute_command_async(types.ExecuteCommandParams(command="newslint.addToLexicon", arguments=[42]))
    # still serving
    ed.change_full("Fine now.Then.\n")
    assert [d.code for d in await ed.diagnostics()] == ["NL302"]


async def test_watched_config_change_relints_open_documents(client: LanguageClient, tmp_path: Path) -> None:
    ed = Editor(client, tmp_path / "story.txt", ERRORS)
    assert len(await ed.diagnostics()) == 2
    config = tmp_path / "newslint.toml"
    config.write_text('lexicon = "words.txt"\nignore = ["NL301"]\n', encoding="utf-8")
    os.utime(config, ns=(2, 2))
    before = len(client.publishes)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))

    async def republished() -> None:
        while len(client.publishes) <= before:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    await asyncio.wait_for(republished(), 120)  # a hang guard
    assert [d.code for d in client.diagnostics[ed.uri]] == ["NL302"]



async def test_bad_configuration_is_reported_and_defaults_used(client: LanguageClient, tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "newslint.toml").write_text("select = [\n", encoding="utf-8")  # invalid TOML
    ed = Editor(client, desk / "story.txt", ERRORS)
    assert [d.code for d in await ed.diagnostics()] == ["NL301", "NL302"]
    assert any("invalid TOML" in m.message and m.type == types.MessageType.Error for m in client.messages)


async def test_document_over_the_size_limit_is_not_linted(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text('lexicon = "words.txt"\nmax-file-size-mb = 0.001\n', encoding="utf-8")
    ed = Editor(client, tmp_path / "long.txt", "Too long then,and.\n" * 200)
    assert await ed.diagnostics() == []
    ed.change_full(ed.text + "More,text.\n")
    assert await ed.diagnostics() == []
    notes = [m for m in client.messages if "max-file-size-mb" in m.message]
    assert len(notes) == 1  # said once, not on every change
