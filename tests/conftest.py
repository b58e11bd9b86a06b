"""Test-wide settings: newslint's answer cache goes to a temporary folder, never ~/.cache."""

from __future__ import annotations

import os
import tempfile

os.environ["NEWSLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="newslint-test-cache-")
os.environ.pop("GITHUB_ACTIONS", None)
