"""The language server: documents in, diagnostics out.

- ``didOpen`` and ``didSave`` check a letter at once; ``didChange`` waits ``debounceMs`` for the
  typing to pause (a newer change cancels the pending check of that document).
- Checks run one at a time on one worker thread (spaCy and the caches are not shared between
  threads); the event loop keeps answering hover, code actions and inlay hints meanwhile.
- A bad configuration, rule pack or baseline: a ``window/showMessage`` error (once, until it
  changes) and a diagnostic at the top of the document. Any unexpected exception: the
  traceback to ``window/logMessage`` and a diagnostic; the server keeps serving.
- Saving a configuration file (lint-brieven.toml, pyproject.toml) or a baseline (.json) in the
  editor checks every open letter again; saving a rule pack (.yaml) of an open letter's
  configuration reads the packs again first.
"""

from __future__ import annotations

import asyncio
import logging
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from lint_brieven import __version__, crash
from lint_brieven.server import checking
from lint_brieven.server.checking import CONFIG_ERROR, Checked
from lint_brieven.server.diagnostics import diagnostics_for, readability_text
from lint_brieven.server.settings import SECTION, Settings

NAME = "lint-brieven"
CHECK_WORKSPACE = "lint-brieven.checkWorkspace"
# saved in the editor, these change what a check of the open letters finds
CONFIG_NAMES = (".lint-brieven.toml", "lint-brieven.toml", "pyproject.toml")

log = logging.getLogger(__name__)
T = TypeVar("T")


class LintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(NAME, __version__)
        self.settings = Settings()
        self._checked: dict[str, Checked] = {}
        self._pending: dict[str, asyncio.Task] = {}
        self._config_error_shown: str | None = None
        # one worker: checks never run side by side (spaCy, the module caches)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lint-brieven-check")

    # -- state others read (actions, hover) ---------------------------------------------
    def checked(self, uri: str) -> Checked | None:
        """The latest check of an open document: the one its published diagnostics came from."""
        return self._checked.get(uri)

    @property
    def position_encoding(self) -> str | types.PositionEncodingKind | None:
        return self.workspace.position_encoding

    # -- running work --------------------------------------------------------------------
    async def in_worker(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` on the check thread."""
        return await asyncio.get_running_loop().run_in_executor(self._worker, fn, *args)

    def schedule(self, uri: str, delay_ms: int = 0) -> None:
        """Check ``uri`` after ``delay_ms``; a check of it still waiting is dropped."""
        waiting = self._pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        task = asyncio.ensure_future(self._check_later(uri, delay_ms))
        self._pending[uri] = task
        task.add_done_callback(lambda done: self._forget(uri, done))

    def _forget(self, uri: str, task: asyncio.Task) -> None:
        if self._pending.get(uri) is task:
            del self._pending[uri]

    async def _check_later(self, uri: str, delay_ms: int) -> None:
        if delay_ms > 0:
            await asyncio.sleep(delay_ms / 1000)
        document = self.workspace.text_documents.get(uri)
        if document is None:  # closed meanwhile
            return
        text, version = document.source, document.version
        try:
            checked = await self.in_worker(checking.check_document, uri, text, version)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - a bug must not end the server
            checked = self.crashed(uri, text, version, exc)
        if uri not in self.workspace.text_documents:
            return
        try:
            self.publish(checked)
        except Exception as exc:  # noqa: BLE001 - a bug must not end the server
            checked = self.crashed(uri, text, version, exc)
            self.publish(checked)
        self._checked[uri] = checked
        self.tell_configuration(checked)
        self.refresh_inlay_hints()

    def crashed(self, uri: str, text: str, version: int | None, exc: Exception) -> Checked:
        """What to show for an exception nobody expected: the traceback to the log, the
        Dutch line as the document's error."""
        self.log_error(exc)
        path, _ = checking.document_path(uri)
        checked = Checked(uri=uri, path=path, text=text, version=version)
        checked.error = crash.file_error(exc)
        checked.error_kind = checking.READER_ERROR
        return checked

    def log_error(self, exc: BaseException) -> None:
        trace = "".join(traceback.format_exception(exc))
        log.error("%s", trace)
        self.window_log_message(
            types.LogMessageParams(type=types.MessageType.Error, message=f"{NAME}: {trace}")
        )

    # -- output --------------------------------------------------------------------------
    def publish(self, checked: Checked) -> None:
        diagnostics = (
            []
            if checked.ignored
            else diagnostics_for(checked, self.position_encoding, self.settings.readability)
        )
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=checked.uri, diagnostics=diagnostics, version=checked.version
            )
        )

    def tell_configuration(self, checked: Checked) -> None:
        """A bad configuration as a message, once until it is fixed or changes."""
        if checked.error_kind != CONFIG_ERROR:
            if checked.error is None and not checked.ignored:
                self._config_error_shown = None
            return
        if checked.error == self._config_error_shown:
            return
        self._config_error_shown = checked.error
        self.show(f"{NAME}: fout in de configuratie: {checked.error}", types.MessageType.Error)

    def show(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def refresh_inlay_hints(self) -> None:
        """Ask the editor for the inlay hints again (the readability may have changed)."""
        if self.settings.readability != "inlay" or not _client_refreshes_inlay_hints(self):
            return
        self.workspace_inlay_hint_refresh(None)

    def inlay_hints(self, uri: str) -> list[types.InlayHint]:
        checked = self._checked.get(uri)
        if (
            self.settings.readability != "inlay"
            or checked is None
            or checked.error is not None
            or not checked.readability
        ):
            return []
        text = readability_text(checked.readability)
        return [
            types.InlayHint(
                position=types.Position(line=0, character=0),
                label=text,
                padding_right=True,
                tooltip="LiNT-II: hoe moeilijk de brief is (niveau 1 makkelijk tot 4 moeilijk), "
                "zoals 'lint-brieven check' het meet.",
            )
        ]

    # -- settings ------------------------------------------------------------------------
    def apply_settings(self, values: object) -> None:
        self.settings, problems = self.settings.updated(values)
        for problem in problems:
            self.window_log_message(
                types.LogMessageParams(type=types.MessageType.Warning, message=f"{NAME}: {problem}")
            )

    async def pull_settings(self) -> None:
        """The ``lintBrieven`` section from the editor, when it answers such requests."""
        workspace = self.client_capabilities.workspace
        if workspace is None or not workspace.configuration:
            return
        try:
            answer = await self.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)])
            )
        except Exception as exc:  # noqa: BLE001 - an editor that cannot answer: keep defaults
            log.warning("workspace/configuration: %s", exc)
            return
        if answer:
            self.apply_settings(answer[0])

    async def pull_and_republish(self) -> None:
        await self.pull_settings()
        self.republish()

    def republish(self) -> None:
        for checked in self._checked.values():
            self.publish(checked)
        self.refresh_inlay_hints()

    def is_rule_pack(self, path: Path) -> bool:
        """Whether ``path`` is (in) a rule pack of an open letter's configuration."""
        packs = {
            pack
            for checked in self._checked.values()
            if checked.config is not None
            for pack in checked.config.rule_packs
        }
        return any(path == pack or pack in path.parents for pack in packs)

    async def reload_rules(self) -> None:
        """A rule pack was saved: read the packs again, build the checks again, check every
        open letter again."""
        try:
            await self.in_worker(_forget_rules)
        except Exception as exc:  # noqa: BLE001 - a bug must not end the server
            self.log_error(exc)
        self.check_all_open()

    def check_all_open(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri)

    # -- the workspace -------------------------------------------------------------------
    def workspace_folders(self) -> list[Path]:
        folders = [to_fs_path(f.uri) for f in self.workspace.folders.values()]
        if not folders and self.workspace.root_path:
            folders = [self.workspace.root_path]
        return [Path(f) for f in folders if f]

    async def check_workspace(self) -> dict[str, int]:
        folders = self.workspace_folders()
        if not folders:
            self.show(
                f"{NAME}: geen werkmap geopend; open een map om alle brieven te controleren.",
                types.MessageType.Warning,
            )
            return {"files": 0, "findings": 0, "errors": 0}
        open_texts = {}
        for uri, document in self.workspace.text_documents.items():
            path, on_disk = checking.document_path(uri)
            if on_disk:
                open_texts[path] = document.source
        reports = []
        for folder in folders:
            try:
                outcome = await self.in_worker(checking.check_folder, folder, open_texts)
            except Exception as exc:  # noqa: BLE001 - a bug must not end the server
                self.log_error(exc)
                self.show(f"{NAME}: {folder}: {crash.file_error(exc)}", types.MessageType.Error)
                continue
            if outcome.error:
                self.show(
                    f"{NAME}: fout in de configuratie: {outcome.error}", types.MessageType.Error
                )
                continue
            reports.extend(outcome.reports)
            for checked in outcome.checked:
                document = self.workspace.text_documents.get(checked.uri)
                if document is not None:
                    checked.version = document.version
                    self._checked[checked.uri] = checked
                self.publish(checked)
        self.refresh_inlay_hints()
        from lint_brieven.reporters.text import summary

        counts = {
            "files": sum(1 for r in reports if not r.error and not r.skipped),
            "findings": sum(len(r.findings) for r in reports),
            "errors": sum(1 for r in reports if r.error),
        }
        if reports:
            where = ", ".join(str(f) for f in folders)
            self.show(f"{NAME}: {where} gecontroleerd. {summary(reports)}")
        return counts

    def report_server_error(self, error: Exception, source: Any) -> None:
        """An error pygls caught (in the protocol, or a handler): to the log, not a window."""
        self.log_error(error)

    def shutdown(self) -> None:
        for task in self._pending.values():
            task.cancel()
        self._worker.shutdown(wait=False, cancel_futures=True)
        super().shutdown()


def _client_refreshes_inlay_hints(server: LintServer) -> bool:
    workspace = server.client_capabilities.workspace
    return bool(workspace and workspace.inlay_hint and workspace.inlay_hint.refresh_support)


WARM_UP_LETTER = (
    "Beste huurder,\n\nWij komen op maandag 3 maart uw kraan vervangen. Bent u niet thuis? "
    "Bel ons dan.\n\nMet vriendelijke groet,\n\nDe verhuurder\n"
)


def _warm() -> float:
    """Load the rules, the Dutch pipeline and the word lists before the first letter arrives
    (once: they are module caches, every later check uses them), by checking a short letter;
    the seconds it took."""
    start = time.perf_counter()
    checking.check_document("untitled:opwarmen.txt", WARM_UP_LETTER)
    return time.perf_counter() - start


def _forget_rules() -> None:
    from lint_brieven.checks.loader import rules_for
    from lint_brieven.runner import forget_checks

    rules_for.cache_clear()
    forget_checks()


def create_server() -> LintServer:
    server = LintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: LintServer, params: types.InitializeParams) -> None:
        ls.apply_settings(params.initialization_options)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: LintServer, params: types.InitializedParams) -> None:
        warming = asyncio.ensure_future(ls.in_worker(_warm))
        await ls.pull_settings()
        try:
            seconds = await warming
        except Exception as exc:  # noqa: BLE001 - the first check will say what is wrong
            ls.log_error(exc)
            return
        shown = f"{seconds:.1f}".replace(".", ",")
        ls.window_log_message(
            types.LogMessageParams(
                type=types.MessageType.Info,
                message=f"{NAME} {__version__}: regels en Nederlandse taalanalyse geladen "
                f"({shown} s).",
            )
        )

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(
        ls: LintServer, params: types.DidChangeConfigurationParams
    ) -> None:
        settings = params.settings
        if isinstance(settings, dict) and isinstance(settings.get(SECTION), dict):
            ls.apply_settings(settings[SECTION])  # at once: requests after this see them
            ls.republish()
        else:  # an editor that only says something changed: ask it what
            asyncio.ensure_future(ls.pull_and_republish())

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.settings.debounce_ms)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: LintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path, _ = checking.document_path(uri)
        if path.name in CONFIG_NAMES or path.suffix == ".json":
            ls.check_all_open()
        elif path.suffix in (".yaml", ".yml") and ls.is_rule_pack(path):
            asyncio.ensure_future(ls.reload_rules())
        else:
            ls.schedule(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        waiting = ls._pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls._checked.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.TEXT_DOCUMENT_INLAY_HINT, types.InlayHintOptions(resolve_provider=False))
    def inlay_hint(ls: LintServer, params: types.InlayHintParams) -> list[types.InlayHint]:
        return ls.inlay_hints(params.text_document.uri)

    @server.command(CHECK_WORKSPACE)
    async def check_workspace(ls: LintServer, *args: Any) -> dict[str, int]:
        return await ls.check_workspace()

    from lint_brieven.server import actions, hover

    actions.register(server)
    hover.register(server)
    return server
