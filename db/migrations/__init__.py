"""Alembic migrations. HEAD names the newest revision, so that opening an up-to-date
database needs no Alembic import (start-up stays fast); a test keeps it honest."""

HEAD = "0005"
KNOWN = ("0001", "0002", "0003", "0004", "0005")
