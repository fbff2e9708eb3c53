"""The office that writes the letters (``resources/letters/<office>.toml``): its
letterhead, the officer responsible for the procedure and who signs. Validated on
load: an error names the file and the key."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.calls import CallConfigError

DIGITAL_SIGNATURE = "Firmato digitalmente ai sensi del d.lgs. 82/2005 e norme collegate"
HANDWRITTEN_SIGNATURE = "(firma)"

# (table, key, required)
_KEYS = {
    "ente": (
        ("nome", True),
        ("direzione", False),
        ("area", False),
        ("ufficio", True),
        ("indirizzo", True),
        ("telefono", False),
        ("email", False),
        ("pec", True),
        ("sito", False),
        ("orari", False),
        ("logo", False),
        ("luogo", True),
    ),
    "responsabile": (("nome", True), ("qualifica", False), ("email", False), ("telefono", False)),
    "firmatario": (("nome", True), ("qualifica", True)),
}


@dataclass(frozen=True)
class Office:
    ente: dict[str, str]
    responsabile: dict[str, str]
    firmatario: dict[str, str]  # nome, qualifica, firma (the signature line)
    digital_signature: bool
    logo: Path | None
    source: Path


def letters_dir() -> Path:
    from desktop.paths import resources_dir

    return resources_dir() / "letters"


def load_office(name: str = "ufficio", directory: Path | None = None) -> Office:
    path = (directory or letters_dir()) / f"{name}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CallConfigError(
            path,
            "(file)",
            f"non si può leggere: {error.strerror}",
            f"cannot be read: {error.strerror}",
        ) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise CallConfigError(
            path,
            "(file)",
            f"non è TOML valido in UTF-8: {error}",
            f"is not valid UTF-8 TOML: {error}",
        ) from None
    tables: dict[str, dict[str, str]] = {}
    for table, keys in _KEYS.items():
        found = data.get(table)
        if not isinstance(found, dict):
            raise CallConfigError(
                path, table, f"manca la tabella [{table}]", f"the [{table}] table is missing"
            )
        known = {key for key, _ in keys} | ({"firma_digitale"} if table == "firmatario" else set())
        for key in found:
            if key not in known:
                raise CallConfigError(
                    path,
                    f"{table}.{key}",
                    f"chiave sconosciuta; quelle possibili: {', '.join(sorted(known))}",
                    f"unknown key; the possible ones: {', '.join(sorted(known))}",
                )
        values = {}
        for key, required in keys:
            value = found.get(key, "")
            if not isinstance(value, str):
                raise CallConfigError(
                    path,
                    f"{table}.{key}",
                    f"serve un testo, trovato {value!r}",
                    f"expected a text, got {value!r}",
                )
            if required and not value.strip():
                raise CallConfigError(
                    path,
                    f"{table}.{key}",
                    "manca: è stampata in ogni lettera",
                    "missing: every letter prints it",
                )
            values[key] = value.strip()
        tables[table] = values
    digital = data["firmatario"].get("firma_digitale", True)
    if not isinstance(digital, bool):
        raise CallConfigError(
            path, "firmatario.firma_digitale", "serve true o false", "expected true or false"
        )
    logo = None
    if tables["ente"].get("logo"):
        logo = path.parent / tables["ente"]["logo"]
        if not logo.is_file():
            raise CallConfigError(
                path, "ente.logo", f"il file {logo} non esiste", f"the file {logo} does not exist"
            )
    firmatario = dict(tables["firmatario"])
    firmatario["firma"] = DIGITAL_SIGNATURE if digital else HANDWRITTEN_SIGNATURE
    ente = {k: v for k, v in tables["ente"].items() if k != "logo"}
    return Office(
        ente=ente,
        responsabile=tables["responsabile"],
        firmatario=firmatario,
        digital_signature=digital,
        logo=logo,
        source=path,
    )
