"""``lint-brieven server``: a Language Server Protocol server over stdio (pygls 2).

- ``app``: the server (``LintServer``, ``create_server``): documents opened, changed (a check
  waits ``debounceMs`` for typing to stop), saved and closed; settings; the command
  ``lint-brieven.checkWorkspace``; the readability inlay hint.
- ``checking``: one document, or a workspace folder, checked as ``lint-brieven check`` checks
  it (configuration per document, suppressions, the baseline), from the editor's text.
- ``diagnostics``: findings, errors and the readability hint as LSP diagnostics, with ranges
  in the position encoding the client and server agreed on (UTF-16 unless told otherwise).
- ``settings``: the ``lintBrieven`` settings (``readability``, ``debounceMs``).

The Dutch pipeline, word lists and rule packs are loaded once per server process (the module
caches of ``nlp``, ``checks.loader`` and ``runner``); checks run one at a time on a worker
thread, so the server keeps answering while a letter is analysed.
"""
