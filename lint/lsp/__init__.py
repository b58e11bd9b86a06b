"""`newslint lsp`: a Language Server Protocol server for editors (needs `newslint[lsp]`).

`server` holds the pygls server and its small feature handlers (with the debounced, off-loop
linting); `check` lints one buffer as the CLI's stdin path does; `convert` holds the pure
conversions between findings and protocol types; `actions` the code actions; `project` the
workspace configuration and word lists.
"""
