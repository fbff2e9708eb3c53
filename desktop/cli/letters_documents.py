"""`commissione letters generate|list|approve|protocol` (being built: issue 11)."""

from __future__ import annotations


def declare(subcommands, say) -> None:
    """Adds `generate`, `list`, `approve` and `protocol` to `letters`."""
