"""newslint: lint news articles written as Markdown with YAML front matter.

The public API for rule authors is what this module exports: `rule`, `corpus_rule`, `Option`,
`Hit`, `Fix`, `Edit` and `Document`.
"""

from __future__ import annotations

from newslint._api import Edit, Fix, Hit, Option, ServiceUnavailable, corpus_rule, rule
from newslint.document import Document

__version__ = "0.1.0"
__all__ = [
    "Document",
    "Edit",
    "Fix",
    "Hit",
    "Option",
    "ServiceUnavailable",
    "__version__",
    "corpus_rule",
    "rule",
]
