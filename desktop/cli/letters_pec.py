"""`commissione letters send` and `letters receipts` (being built: issue 11)."""

from __future__ import annotations


def declare(subcommands, say) -> None:
    """Adds `send` and `receipts` to `letters`."""
