// lint-brieven for VS Code: starts `lint-brieven server` (the Language Server Protocol over stdio)
// for Jinja templates, HTML, Markdown and plain-text letters. Everything the server reports is
// shown by vscode-languageclient; this file only starts it, passes the settings and adds the
// command that checks the whole folder. Messages for the user are Dutch.
"use strict";

const path = require("path");
const vscode = require("vscode");
const which = require("which");
const {
  CloseAction,
  ErrorAction,
  ExecuteCommandRequest,
  LanguageClient,
  State,
} = require("vscode-languageclient/node");

const SECTION = "lintBrieven"; // settings section; also the client id, so `lintBrieven.trace.server` works
const SERVER_ARGS = ["server"];
const CHECK_WORKSPACE = "lint-brieven.checkWorkspace"; // the server's workspace/executeCommand
const LANGUAGES = ["jinja-html", "jinja", "jinja-md", "html", "markdown", "plaintext"];
const FILE_PATTERN = "**/*.{j2,html,md,txt}";
const MAX_RESTARTS = 4; // within RESTART_WINDOW_MS, as vscode-languageclient's own default
const RESTART_WINDOW_MS = 3 * 60 * 1000;

let client; // the running LanguageClient, or undefined
let starting; // the promise of the start in progress

/** The documents the server checks: letters by language, and by file name for any language. */
function documentSelector() {
  const selector = [];
  for (const scheme of ["file", "untitled"]) {
    for (const language of LANGUAGES) {
      selector.push({ scheme, language });
    }
  }
  selector.push({ scheme: "file", pattern: FILE_PATTERN });
  return selector;
}

/** The server's own settings, as initializationOptions and `workspace/didChangeConfiguration` carry them. */
function serverSettings() {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    readability: config.get("readability", "inlay"),
    debounceMs: config.get("debounceMs", 300),
  };
}

/**
 * The program in `lintBrieven.path`: a bare name is looked up on PATH, a relative path
 * (`.venv/bin/lint-brieven`) is taken from the first workspace folder. Undefined when not found.
 */
function resolveCommand(configured) {
  let candidate = configured;
  if (!path.isAbsolute(candidate) && /[\\/]/.test(candidate)) {
    const folder = (vscode.workspace.workspaceFolders || [])[0];
    if (folder === undefined || folder.uri.scheme !== "file") {
      return undefined;
    }
    candidate = path.join(folder.uri.fsPath, candidate);
  }
  return which.sync(candidate, { nothrow: true }) || undefined;
}

/** A Dutch error with what to do; not awaited, so activation does not wait for the user's click. */
function cannotStart(configured, reason) {
  const message =
    `lint-brieven: de server kon niet starten met het programma "${configured}" (${reason}). ` +
    "Installeer lint-brieven (met pip of pipx, zie de README van lint-brieven) en controleer of " +
    "'lint-brieven server' in een terminal werkt. Staat lint-brieven niet in het zoekpad (PATH), " +
    "zet dan het volledige pad in de instelling lintBrieven.path, bijvoorbeeld " +
    "/home/naam/.venv/bin/lint-brieven.";
  const openSettings = "Instelling openen";
  const retry = "Opnieuw proberen";
  return vscode.window.showErrorMessage(message, openSettings, retry).then((choice) => {
    if (choice === openSettings) {
      return vscode.commands.executeCommand("workbench.action.openSettings", `${SECTION}.path`);
    }
    if (choice === retry) {
      return restart();
    }
    return undefined;
  });
}

/** Restarts as vscode-languageclient does by default, with Dutch messages. */
function errorHandler() {
  const restarts = [];
  return {
    error(_error, _message, count) {
      return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
    },
    closed() {
      const now = Date.now();
      while (restarts.length > 0 && now - restarts[0] > RESTART_WINDOW_MS) {
        restarts.shift();
      }
      restarts.push(now);
      if (restarts.length <= MAX_RESTARTS) {
        return { action: CloseAction.Restart };
      }
      return {
        action: CloseAction.DoNotRestart,
        message:
          "De lint-brieven-server is in drie minuten vijf keer gestopt en wordt niet opnieuw gestart. " +
          "Het uitvoervenster lint-brieven laat zien waarom; herstart VS Code als het is opgelost.",
      };
    },
  };
}

async function start() {
  const configured = vscode.workspace.getConfiguration(SECTION).get("path", "lint-brieven") || "lint-brieven";
  const command = resolveCommand(configured);
  if (command === undefined) {
    void cannotStart(configured, "programma niet gevonden");
    return;
  }
  // No `transport`: stdio is the default, and TransportKind.stdio would add "--stdio" to the arguments.
  const serverOptions = { command, args: SERVER_ARGS.slice() };
  const clientOptions = {
    documentSelector: documentSelector(),
    initializationOptions: serverSettings(),
    synchronize: { configurationSection: SECTION },
    diagnosticCollectionName: "lint-brieven",
    errorHandler: errorHandler(),
  };
  const created = new LanguageClient(SECTION, "lint-brieven", serverOptions, clientOptions);
  client = created;
  try {
    await created.start();
  } catch (error) {
    if (client === created) {
      client = undefined;
    }
    void cannotStart(configured, String((error && error.message) || error));
  }
}

async function stop() {
  const running = client;
  client = undefined;
  if (running !== undefined && running.state !== State.Stopped) {
    await running.stop();
  }
}

async function restart() {
  await stop();
  starting = start();
  return starting;
}

async function checkWorkspace() {
  if (starting !== undefined) {
    await starting;
  }
  if (client === undefined || client.state !== State.Running) {
    await vscode.window.showErrorMessage(
      "lint-brieven: de server draait niet, dus de map kan niet worden gecontroleerd. " +
        "Kijk in het uitvoervenster lint-brieven waarom.",
    );
    return undefined;
  }
  return client.sendRequest(ExecuteCommandRequest.type, { command: CHECK_WORKSPACE, arguments: [] });
}

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand(`${SECTION}.checkWorkspace`, checkWorkspace),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.path`)) {
        return restart();
      }
      return undefined;
    }),
  );
  starting = start();
  return starting;
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
