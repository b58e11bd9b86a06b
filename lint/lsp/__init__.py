"""`newslint lsp`: a Language Server Protocol server for editors (needs `newslint[lsp]`).

`server` holds the pygls server and its small feature handlers, `convert` the pure conversions
between the engine's findings and protocol types, `actions` the code actions, `project` the
workspace configuration, and `checker` the debounced, off-loop linting of open buffers.
"""
