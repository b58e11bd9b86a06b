"""Loaded by the test server's Python only (PYTHONPATH): every Document prints a fake LSP frame
to standard output, through Python and straight to descriptor 1, as a careless rule, plug-in or
C library might."""

from __future__ import annotations

import os

import newslint.document

_original_init = newslint.document.Document.__init__


def _noisy_init(self, *args, **kwargs) -> None:
    print("Content-Length: 5\r\n\r\nnoise", flush=True)
    os.write(1, b"Content-Length: 5\r\n\r\nnoise")
    _original_init(self, *args, **kwargs)


newslint.document.Document.__init__ = _noisy_init
