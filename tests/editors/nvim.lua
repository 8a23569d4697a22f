-- Neovim as an argkb client, headless: opens $ARGKB_FILE, starts
-- `$ARGKB_BIN --kb <its folder> lsp`, waits for the diagnostics and prints
-- them, then asks for the definition and the hover at $ARGKB_AT
-- ("line:col", zero-based) and prints those. Works with Neovim 0.7
-- (vim.lsp.start_client) and later.
local bin = os.getenv("ARGKB_BIN") or "argkb"
local file = assert(os.getenv("ARGKB_FILE"), "set ARGKB_FILE")
local out = io.stdout
vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local dir = vim.fn.fnamemodify(file, ":p:h")
local id = vim.lsp.start_client({
  name = "argkb",
  cmd = { bin, "--kb", dir, "lsp" },
  root_dir = dir,
})
vim.lsp.buf_attach_client(buf, id)
vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local first = d.message:gsub("\n.*", "")
  out:write(string.format("diagnostic %d:%d %s %s\n", d.lnum + 1, d.col + 1, d.code or "?", first))
end
local at = os.getenv("ARGKB_AT")
if at then
  local line, col = at:match("(%d+):(%d+)")
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = tonumber(line), character = tonumber(col) },
  }
  local def = vim.lsp.buf_request_sync(buf, "textDocument/definition", params, 10000)
  for _, r in pairs(def or {}) do
    if r.result then
      out:write(string.format("definition %s %d:%d\n", r.result.uri,
        r.result.range.start.line + 1, r.result.range.start.character + 1))
    end
  end
  local hover = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 10000)
  for _, r in pairs(hover or {}) do
    if r.result then
      out:write("hover " .. r.result.contents.value:gsub("\n.*", "") .. "\n")
    end
  end
end
vim.lsp.stop_client(id)
vim.cmd("qa!")
