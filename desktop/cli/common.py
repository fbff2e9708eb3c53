"""What the command modules share: the database and the call a command works on,
files it writes, tables, CSV and JSON on stdout, and the labels several commands
print. Imported by every command module, so nothing heavy at import time.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from desktop.domain.problems import Problem


class CommandProblem(Problem):
    """The command cannot do what was asked; the text says why and what to do.
    Exit 2, nothing changed."""


def error_line(message: str) -> None:
    """One line on stderr, prefixed with the program's name."""
    print(f"commissione: {message}", file=sys.stderr)


# --------------------------------------------------------------------------- database and call


def open_database(args):
    """The database the command works on (desktop/database_choice.py decides which);
    a --db or COMMISSIONE_DB file that does not exist is refused unless --create."""
    from desktop.database_choice import choose_database, open_chosen

    return open_chosen(
        choose_database(args.db),
        create=getattr(args, "create", False),
        on_wait=waiting_notice(getattr(args, "lang", None) or "it"),
    )


def waiting_notice(language: str):
    """Says once, on stderr, that a write is waiting for another user's lock (the
    wait is up to 30 s: silence would look like a hang)."""
    said = []

    def notice(seconds: float) -> None:
        if said:
            return
        said.append(True)
        shown = f"{seconds:g}"
        error_line(
            f"il database è in uso da un altro utente o programma: attendo fino a "
            f"{shown.replace('.', ',')} secondi che si liberi…"
            if language == "it"
            else f"the database is in use by another user or program: waiting up to "
            f"{shown} seconds for it to be free…"
        )

    return notice


@contextmanager
def database(args) -> Iterator:
    opened = open_database(args)
    try:
        yield opened
    finally:
        opened.close()


def find_call(args):
    """--call, else the newest call; an unknown id says which calls exist."""
    from desktop.domain.calls import available_calls
    from desktop.domain.calls import find_call as find

    call_id = getattr(args, "call", None)
    try:
        return find(call_id)
    except LookupError as error:
        if type(error) is not LookupError:  # a KeyError is a bug, not an unknown call
            raise
        known = ", ".join(call.id for call in available_calls())
        raise CommandProblem(
            f"bando sconosciuto {call_id!r}; bandi disponibili: {known}", str(error)
        ) from None


def call_for(args, opened):
    """--call, else the workspace's call in a kit workspace, else the newest call."""
    from desktop.domain.calls import find_call as find
    from desktop.kits.workspace import workspace_info

    if getattr(args, "call", None) is None:
        info = workspace_info(opened)
        if info is not None:
            return find(info.call_id)
    return find_call(args)


# --------------------------------------------------------------------------- files written


def output_file(path: Path | str, option: str = "--out") -> Path:
    """The file a command is asked to write, checked before any work is done: its
    folder must exist and be writable, and it must not be a folder itself."""
    path = Path(path).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise CommandProblem(
            f"{option} {path}: è una cartella; indicare il nome del file da scrivere.",
            f"{option} {path}: is a folder; give the name of the file to write.",
        )
    if not folder.is_dir():
        raise CommandProblem(
            f"{option} {path}: la cartella {folder} non esiste; crearla o indicare un'altra "
            "cartella. Nulla è stato scritto.",
            f"{option} {path}: the folder {folder} does not exist; create it or choose another "
            "folder. Nothing was written.",
        )
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CommandProblem(
            f"{option} {path}: non si può scrivere in {folder} (permessi); scegliere un'altra "
            "cartella. Nulla è stato scritto.",
            f"{option} {path}: cannot write in {folder} (permissions); choose another folder. "
            "Nothing was written.",
        )
    return path


@contextmanager
def writing(path: Path | None, option: str = "--out") -> Iterator[None]:
    """A write that fails on the file's own folder (read-only media, a full disk, a
    folder removed meanwhile) is unusable input, not a bug."""
    try:
        yield
    except OSError as error:
        if (
            path is None
            or not error.filename
            or Path(error.filename).parent.resolve() != path.parent.resolve()
        ):
            raise
        reason = error.strerror or type(error).__name__
        raise CommandProblem(
            f"{option} {path}: impossibile scrivere il file ({reason}); scegliere un'altra "
            "cartella.",
            f"{option} {path}: cannot write the file ({reason}); choose another folder.",
        ) from None


# --------------------------------------------------------------------------- stdout formats


def fit(value, width: int) -> str:
    """One line of at most `width` characters (0: never cut), whitespace collapsed."""
    text = " ".join(str("" if value is None else value).split())
    if width and len(text) > width:
        return text[: width - 1] + "…"
    return text


def table_line(columns: Sequence[tuple], values: Sequence) -> str:
    """Fixed-width cells; `columns` are (title, width[, right-aligned])."""
    cells = []
    for column, value in zip(columns, values, strict=True):
        width, right = column[1], len(column) > 2 and column[2]
        text = fit(value, width)
        cells.append(text.rjust(width) if right else text.ljust(width))
    return "  ".join(cells).rstrip()


def table_header(columns: Sequence[tuple]) -> str:
    return "  ".join(fit(column[0], column[1]).ljust(column[1]) for column in columns).rstrip()


def print_table(columns: Sequence[tuple], rows: Iterable[Sequence]) -> None:
    print(table_header(columns))
    for row in rows:
        print(table_line(columns, row))


def write_csv(header: Sequence[str], rows: Iterable[Sequence]) -> None:
    """To stdout, as every CSV export: semicolons and a BOM, so Italian Excel opens it
    as it is; formula-like cells neutralised."""
    from desktop.exporting.spreadsheets import write_csv as write

    sys.stdout.reconfigure(encoding="utf-8", newline="")
    write(sys.stdout, header, rows)


def write_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1, default=str)
    print()


def write_records(rows: list[dict], form: str) -> None:
    """Records as JSON, or as CSV with their keys as the header."""
    if form == "json":
        write_json(rows)
    else:
        write_csv(list(rows[0]) if rows else [], [list(row.values()) for row in rows])


# --------------------------------------------------------------------------- values and labels


def score(value) -> str:
    """A score as the domain writes it (18, 7,5); a dash when there is none."""
    from desktop.domain import formatting

    return "—" if value is None else formatting.score(value)


def size(size_bytes: int) -> str:
    return f"{size_bytes / 1024:.1f} KiB".replace(".", ",")


def money(cents: int | None) -> str:
    """An amount for a CSV or JSON cell: 85.000,00 (no euro sign); "" when none."""
    from desktop.domain import formatting

    return "" if cents is None else formatting.money(cents, symbol=False)


def budget_cents(text: str | None) -> int | None:
    """--budget as an Italian amount (85.000,00 or 85000), in cents."""
    from desktop.domain.italian import ValueProblem, parse_amount
    from desktop.domain.money import to_cents

    if text is None:
        return None
    try:
        return to_cents(parse_amount(text))
    except ValueProblem as problem:
        raise CommandProblem(
            f"--budget «{text}»: {problem.reason_it}", f"--budget “{text}”: {problem.reason_en}"
        ) from None


def existing_ca_bundle(path: Path | None) -> Path | None:
    if path is not None and not path.is_file():
        raise CommandProblem(
            f"file dell'autorità di certificazione non trovato: {path}",
            f"certificate authority file not found: {path}",
        )
    return path


def stored_platform(opened, url: str) -> str | None:
    """The platform this database last synced `url` with."""
    from desktop.sync import RequestProblem
    from desktop.sync.http import normalise_url
    from desktop.sync.service import sync_status

    try:
        wanted = normalise_url(url)
    except RequestProblem:
        return None
    return next((row.platform for row in sync_status(opened) if row.server_url == wanted), None)


def add_call(parser, say) -> None:
    """--call ID, which most commands take."""
    parser.add_argument(
        "--call",
        metavar="ID",
        help=say(
            "identificativo del bando (default: il più recente)",
            "the call's id (default: the newest)",
        ),
    )


def print_code_collisions(collisions: Sequence[tuple[str, ...]], say) -> None:
    """Stored codes that differ only in case or dash form (a database from before
    codes were normalised; desktop.importing.service.code_collisions): named, with
    what to do. Nothing printed when there are none."""
    if not collisions:
        return
    from desktop.importing.text import excerpt

    def shown(codes: tuple[str, ...], left: str, right: str) -> str:
        # Any non-ASCII character as \uXXXX: a non-breaking hyphen looks like "-".
        return ", ".join(
            left + excerpt(code.encode("ascii", "backslashreplace").decode("ascii"), 40) + right
            for code in codes
        )

    it = "; ".join(f"[{shown(codes, '«', '»')}]" for codes in collisions[:5])
    en = "; ".join(f"[{shown(codes, '“', '”')}]" for codes in collisions[:5])
    more = len(collisions) - 5
    if more > 0:
        it, en = it + f"; e altri {more}", en + f"; and {more} more"
    print(
        say(
            f"Attenzione: {len(collisions)} gruppi di domande con codici che differiscono solo "
            f"per maiuscole o trattini (scritti prima che i codici fossero normalizzati): {it}. "
            "Sono domande distinte nel database; l'importazione aggiorna (o crea) quella con il "
            "codice normalizzato, in maiuscolo con «-»: verificare le altre e toglierle o "
            "unirle a mano.",
            f"Warning: {len(collisions)} groups of applications whose codes differ only in case "
            f"or dashes (stored before codes were normalised): {en}. They are separate "
            "applications in the database; the import updates (or creates) the one with the "
            "normalised code, upper case with “-”: review the others and remove or merge them "
            "by hand.",
        )
    )
