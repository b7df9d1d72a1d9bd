-- Test harness (tests/test_editor_configs.py): Neovim's own LSP client runs lint-brieven with
-- the table editors/neovim/lsp/lint_brieven.lua returns, on one letter, and writes what it got.
-- Works from Neovim 0.7 (Debian's), so it starts the client as vim.lsp.enable() would for the
-- letter's buffer: cmd, init_options, root_markers → root_dir, filetypes.
--
--   LB_CONFIG=… LB_LETTER=… LB_OUT=… nvim --headless --clean -c 'luafile attach.lua'
local function run()
  local config = dofile(os.getenv('LB_CONFIG'))
  local letter = os.getenv('LB_LETTER')
  vim.cmd('edit ' .. vim.fn.fnameescape(letter))
  local bufnr = vim.api.nvim_get_current_buf()
  if letter:match('%.j2$') then
    vim.bo[bufnr].filetype = 'jinja' -- what vim.filetype.add({ extension = { j2 = 'jinja' } }) does
  end
  local filetype = vim.bo[bufnr].filetype

  -- root_markers: the nearest folder above the letter holding one of them
  local root = nil
  local folder = vim.fn.fnamemodify(letter, ':p:h')
  for _, marker in ipairs(config.root_markers) do
    local found = vim.fn.findfile(marker, folder .. ';')
    if found == '' then
      found = vim.fn.finddir(marker, folder .. ';')
    end
    if found ~= '' then
      root = vim.fn.fnamemodify(found, ':p:h')
      if vim.fn.isdirectory(vim.fn.fnamemodify(found, ':p')) == 1 then
        root = vim.fn.fnamemodify(found, ':p:h:h')
      end
      break
    end
  end

  local client_id = vim.lsp.start_client({
    name = 'lint_brieven',
    cmd = config.cmd,
    root_dir = root or folder,
    init_options = config.init_options,
  })
  assert(client_id, 'lint-brieven did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)
  local published = vim.wait(120000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 100)

  local diagnostics = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (diagnostic.user_data or {}).lsp or {}
    table.insert(diagnostics, {
      code = lsp.code or diagnostic.code,
      source = diagnostic.source or lsp.source,
      lnum = diagnostic.lnum,
      col = diagnostic.col,
      message = diagnostic.message,
    })
  end
  local client = vim.lsp.get_client_by_id(client_id)
  local commands = ((client.server_capabilities or client.resolved_capabilities or {}).executeCommandProvider or {}).commands
  vim.lsp.stop_client(client_id)
  local stopped = vim.wait(20000, function()
    return vim.lsp.client_is_stopped(client_id)
  end, 100)

  local out = io.open(os.getenv('LB_OUT'), 'w')
  out:write(vim.fn.json_encode({
    filetype = filetype,
    filetypes = config.filetypes,
    root = root,
    published = published,
    stopped = stopped,
    commands = commands or {},
    diagnostics = diagnostics,
  }))
  out:close()
end

local ok, err = pcall(run)
if not ok then
  io.stderr:write(tostring(err) .. '\n')
  vim.cmd('cquit 1')
end
vim.cmd('qall!')
