-- lint-brieven for Neovim 0.11+ (vim.lsp.config). Copy this file to
-- ~/.config/nvim/lsp/lint_brieven.lua and add to init.lua:
--
--   vim.filetype.add({ extension = { j2 = 'jinja' } }) -- brief.html.j2 is a Jinja template
--   vim.lsp.enable('lint_brieven')
--
-- `lint-brieven` must be on PATH; otherwise put its full path in `cmd`.
return {
  cmd = { 'lint-brieven', 'server' },
  filetypes = { 'jinja', 'html', 'markdown', 'text' },
  root_markers = { 'lint-brieven.toml', 'pyproject.toml', '.git' },
  -- the server's settings: readability 'inlay' | 'diagnostic' | 'off', debounceMs
  -- (inlay hints show after vim.lsp.inlay_hint.enable(true))
  init_options = { readability = 'inlay', debounceMs = 300 },
}
