// Test harness (not packaged): runs the extension's activate() under plain node with a stub of
// the `vscode` module. The LanguageClient is vscode-languageclient's own, constructed with what
// the extension gives it (so it checks the options and the VS Code version of engines.vscode),
// but it records instead of starting a server. tests/test_vscode_extension.py runs this in a
// copy of editors/vscode after `npm ci`.
//
//   node test/activate.js SCENARIO.json   → prints a JSON record of what the extension did
//
// SCENARIO: {"settings": {"path": ...}, "workspaceFolder": "/abs/dir" | null,
//            "startError": "text" | null, "steps": ["checkWorkspace", "changePath", "crash"],
//            "newPath": "for changePath", "answer": "the button the user clicks" | null}
"use strict";

const fs = require("fs");
const Module = require("module");
const path = require("path");

const root = path.resolve(__dirname, "..");
const scenario = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const contributed = manifest.contributes.configuration.properties;

const record = { clients: [], errors: [], commands: [], executed: [], requests: [], stopped: 0 };
const configListeners = [];
const registered = new Map();

function disposable() {
  return { dispose() {} };
}

// Settings as VS Code gives them: the user's value, else the default the manifest contributes.
function getConfiguration(section) {
  return {
    get(key, fallback) {
      const full = `${section}.${key}`;
      if (Object.prototype.hasOwnProperty.call(scenario.settings || {}, key)) {
        return scenario.settings[key];
      }
      if (contributed[full] !== undefined && contributed[full].default !== undefined) {
        return contributed[full].default;
      }
      return fallback;
    },
  };
}

// Any function the stub does not define returns a disposable (vscode-languageclient's features
// subscribe to many events when the client is constructed).
function loose(object) {
  return new Proxy(object, {
    get(target, name) {
      if (name in target || typeof name !== "string") {
        return target[name];
      }
      return () => disposable();
    },
  });
}

class EventEmitter {
  constructor() {
    this.listeners = [];
    this.event = (listener) => {
      this.listeners.push(listener);
      return disposable();
    };
  }

  fire(value) {
    this.listeners.forEach((listener) => listener(value));
  }

  dispose() {}
}

const vscodeStub = {
  version: manifest.engines.vscode.replace(/^[\^~>=\s]+/, ""), // the oldest VS Code it claims
  env: { appName: "stub", language: "nl" },
  EventEmitter,
  Disposable: class {
    constructor(callback) {
      this.dispose = callback;
    }

    static from(...items) {
      return { dispose: () => items.forEach((item) => item.dispose()) };
    }
  },
  Uri: { file: (fsPath) => ({ scheme: "file", fsPath, path: fsPath }) },
  workspace: loose({
    getConfiguration,
    get workspaceFolders() {
      if (!scenario.workspaceFolder) {
        return undefined;
      }
      return [{ uri: vscodeStub.Uri.file(scenario.workspaceFolder), name: "brieven", index: 0 }];
    },
    onDidChangeConfiguration(listener) {
      configListeners.push(listener);
      return disposable();
    },
  }),
  window: loose({
    createOutputChannel: (name) => ({ name, append() {}, appendLine() {}, show() {}, dispose() {} }),
    showErrorMessage(message, ...items) {
      record.errors.push({ message, items });
      return Promise.resolve(items.includes(scenario.answer) ? scenario.answer : undefined);
    },
  }),
  languages: loose({}),
  commands: loose({
    registerCommand(id, callback) {
      record.commands.push(id);
      registered.set(id, callback);
      return disposable();
    },
    executeCommand(id, ...args) {
      record.executed.push({ id, args });
      return Promise.resolve();
    },
  }),
};

// vscode-languageclient subclasses many vscode classes when it loads (CompletionItem, CodeLens, …):
// any class the stub does not define is an empty one.
const placeholders = new Map();
const vscodeModule = new Proxy(vscodeStub, {
  get(target, name) {
    if (name in target || typeof name !== "string") {
      return target[name];
    }
    if (!placeholders.has(name)) {
      placeholders.set(name, class {});
    }
    return placeholders.get(name);
  },
});

// `require("vscode")` from the extension and from vscode-languageclient gets the stub.
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === "vscode" ? "vscode" : resolveFilename.call(this, request, ...rest);
};
require.cache.vscode = { id: "vscode", filename: "vscode", loaded: true, exports: vscodeModule };

// The extension takes LanguageClient from this module when it loads: a subclass of the real one
// that records its arguments and pretends to start.
const languageClient = require(require.resolve("vscode-languageclient/node", { paths: [root] }));
const { CloseAction, LanguageClient, State } = languageClient;

class RecordingLanguageClient extends LanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    super(id, name, serverOptions, clientOptions);
    const { errorHandler, ...options } = clientOptions;
    record.clients.push({ id, name, serverOptions, clientOptions: options, hasErrorHandler: !!errorHandler });
    this.recordedState = State.Stopped;
    RecordingLanguageClient.last = this;
  }

  get state() {
    return this.recordedState;
  }

  start() {
    if (scenario.startError) {
      return Promise.reject(new Error(scenario.startError));
    }
    this.recordedState = State.Running;
    return Promise.resolve();
  }

  stop() {
    this.recordedState = State.Stopped;
    record.stopped += 1;
    return Promise.resolve();
  }

  sendRequest(type, params) {
    record.requests.push({ method: typeof type === "string" ? type : type.method, params });
    return Promise.resolve(null);
  }
}
languageClient.LanguageClient = RecordingLanguageClient;

// Lets the promise chains the extension does not await (the answer to an error message) finish.
function settle() {
  return new Promise((resolve) => setImmediate(resolve));
}

async function main() {
  const extension = require(path.join(root, manifest.main));
  const context = { subscriptions: [] };
  await extension.activate(context);
  await settle();
  for (const step of scenario.steps || []) {
    if (step === "checkWorkspace") {
      await registered.get("lintBrieven.checkWorkspace")();
    } else if (step === "changePath") {
      scenario.settings = { ...scenario.settings, path: scenario.newPath };
      const event = { affectsConfiguration: (name) => name === "lintBrieven.path" || name === "lintBrieven" };
      await Promise.all(configListeners.map((listener) => listener(event)));
      await settle();
    } else if (step === "crash") {
      // The server stops six times in a row: the client's error handler decides each time.
      record.closed = [];
      for (let i = 0; i < 6; i += 1) {
        const result = await RecordingLanguageClient.last.clientOptions.errorHandler.closed();
        const action =
          result.action === CloseAction.Restart ? "restart" : result.action === CloseAction.DoNotRestart ? "stop" : result.action;
        record.closed.push({ action, message: result.message || null });
      }
    } else {
      throw new Error(`unknown step ${step}`);
    }
  }
  await extension.deactivate();
  record.subscriptions = context.subscriptions.length;
  process.stdout.write(JSON.stringify(record));
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
