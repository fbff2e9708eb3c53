"""The importer's refusal of a whole file, shared by the readers (readers.py, text.py)."""

from __future__ import annotations

from desktop.domain.problems import Problem


class UnusableFile(Problem):
    """The file cannot be read at all; the message says what to do (exit code 2)."""
