// Starts `newslint lsp` for Markdown, plain-text and HTML documents. All linting, quick fixes,
// "fix all", "ignore on this line" and "add word to project lexicon" come from the server.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function serverOptions(): ServerOptions {
  const config = vscode.workspace.getConfiguration("newslint");
  const command = config.get<string>("path", "newslint");
  const args = config.get<string[]>("args", ["lsp"]);
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  // No `transport`: with TransportKind.stdio the client would append "--stdio" to args; the
  // default for an executable is stdio already (newslint accepts --stdio too, for other clients).
  return { command, args, options: { cwd } };
}

function clientOptions(): LanguageClientOptions {
  const config = vscode.workspace.getConfiguration("newslint");
  return {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "file", language: "html" },
      { scheme: "untitled", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
    ],
    initializationOptions: { debounceMs: config.get<number>("debounceMs", 300) },
    synchronize: {
      // The server re-reads these when they change on disk; watching them triggers a re-lint on save.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{newslint.toml,.newslint.toml,pyproject.toml}"),
    },
  };
}

async function start(): Promise<void> {
  client = new LanguageClient("newslint", "newslint", serverOptions(), clientOptions());
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("newslint.restart", async () => {
      await client?.stop();
      await start();
    }),
  );
  try {
    await start();
  } catch (err) {
    void vscode.window.showErrorMessage(
      `newslint: could not start "${vscode.workspace.getConfiguration("newslint").get("path")} lsp": ${String(err)}. ` +
        "Install it with pip install 'newslint[lsp]' or set newslint.path.",
    );
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
