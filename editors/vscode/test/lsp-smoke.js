// Drives `newslint lsp` with the JSON-RPC/LSP libraries VS Code's client is built on
// (vscode-languageserver-protocol), the way the extension starts it: stdio, "--stdio" appended.
// Usage: node test/lsp-smoke.js '["newslint","lsp"]'  -> prints one JSON report on stdout.
"use strict";
const cp = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { pathToFileURL } = require("url");
const lsp = require("vscode-languageserver-protocol/node");

async function main() {
  const [command, ...args] = JSON.parse(process.argv[2]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newslint-smoke-"));
  const file = path.join(dir, "story.md");
  const text = "# Parade\n\nFans cheered \u{1F389} now.The parade went on.\n";
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;

  const server = cp.spawn(command, [...args, "--stdio"], { stdio: ["pipe", "pipe", "inherit"], cwd: dir });
  const conn = lsp.createProtocolConnection(new lsp.StreamMessageReader(server.stdout), new lsp.StreamMessageWriter(server.stdin));
  const published = new Promise((resolve) =>
    conn.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => { if (p.uri === uri && p.diagnostics.length) resolve(p); }));
  const exited = new Promise((resolve) => server.on("exit", (code) => resolve(code)));
  conn.listen();

  const init = await conn.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: null,
    capabilities: { textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source.fixAll"] } } } } },
  });
  await conn.sendNotification(lsp.InitializedNotification.type, {});
  await conn.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "markdown", version: 1, text } });
  const diags = (await published).diagnostics;
  const line = text.split("\n")[2];
  const actions = await conn.sendRequest(lsp.CodeActionRequest.type, {
    textDocument: { uri }, range: diags[0].range, context: { diagnostics: [diags[0]] },
  });
  await conn.sendRequest(lsp.ShutdownRequest.type);
  await conn.sendNotification(lsp.ExitNotification.type);
  const exitCode = await exited;
  conn.dispose();
  console.log(JSON.stringify({
    positionEncoding: init.capabilities.positionEncoding,
    diagnostics: diags.map((d) => ({ code: d.code, line: d.range.start.line, character: d.range.start.character })),
    // JavaScript strings are UTF-16: indexOf gives the column an LSP client expects
    expectedCharacter: line.indexOf("."),
    actions: actions.map((a) => ({ title: a.title, codeAction: lsp.CodeAction.is(a), command: lsp.Command.is(a) })),
    exitCode,
  }));
}

main().catch((err) => { console.error(err); process.exit(1); });
