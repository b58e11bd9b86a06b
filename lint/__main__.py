"""`python -m newslint` is the `newslint` command."""

from newslint.cli import run

run()
