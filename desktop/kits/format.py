"""The kit file format (resources/formats/kit.md documents it for other programs).

A kit or a return is a ZIP archive with two members:

- ``manifest.json``: format name and version, kind ("kit" / "return"), ids, the
  SHA-256 of the content member, and ``hmac``: HMAC-SHA256 with the kit's key over
  the canonical JSON of the manifest without its ``hmac`` field;
- ``kit.json`` or ``return.json``: the content, canonical JSON.

The archive's comment is ``commissione-sha256:`` followed by the SHA-256 of every
byte of the file before the comment, so any damaged or missing byte anywhere in
the file is noticed before anything is read (the ZIP format alone leaves dates and
attributes unchecked). Canonical JSON: UTF-8, keys sorted, no spaces, no floats
(scores in integer hundredths, money in integer cents, dates as ISO text).
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.problems import Problem

FORMAT_NAME = "commissione-kit"
FORMAT_VERSION = 1
KIT, RETURN = "kit", "return"
MANIFEST_MEMBER = "manifest.json"
CONTENT_MEMBERS = {KIT: "kit.json", RETURN: "return.json"}
COMMENT_PREFIX = b"commissione-sha256:"
COMMENT_LENGTH = len(COMMENT_PREFIX) + 64
_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22
# Fixed member date: the same content makes the same bytes.
_MEMBER_DATE = (2020, 1, 1, 0, 0, 0)


class KitProblem(Problem):
    """A kit or return file that cannot be used; says why and what to do."""


@dataclass(frozen=True)
class Package:
    """A read file: its manifest and its content, both checked against each other
    (the HMAC is checked by the caller, who knows which key applies)."""

    manifest: dict
    content: dict


def canonical(value: object) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def signature(key_hex: str, manifest: dict) -> str:
    unsigned = {k: v for k, v in manifest.items() if k != "hmac"}
    return hmac.new(bytes.fromhex(key_hex), canonical(unsigned), hashlib.sha256).hexdigest()


def write_package(path: Path | str, kind: str, manifest: dict, content: dict, key_hex: str) -> int:
    """Writes the file (atomically: a crash leaves no half file) and returns its size.
    `manifest` gets the format fields, the content digest and the HMAC added."""
    content_bytes = canonical(content)
    manifest = {
        **manifest,
        "format": FORMAT_NAME,
        "format_version": manifest.get("format_version", FORMAT_VERSION),
        "kind": kind,
        "content_sha256": hashlib.sha256(content_bytes).hexdigest(),
    }
    manifest["hmac"] = signature(key_hex, manifest)
    data = pack(kind, manifest, content_bytes)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".parziale")
    with partial.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
    return len(data)


def pack(kind: str, manifest: dict, content_bytes: bytes) -> bytes:
    """The file's bytes for a signed manifest and the content's bytes (tests use it
    to forge files the reader must refuse)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in (
            (MANIFEST_MEMBER, canonical(manifest)),
            (CONTENT_MEMBERS[kind], content_bytes),
        ):
            info = zipfile.ZipInfo(name, date_time=_MEMBER_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
        archive.comment = COMMENT_PREFIX + b"0" * 64
    data = buffer.getvalue()
    body = data[:-COMMENT_LENGTH]
    return body + COMMENT_PREFIX + hashlib.sha256(body).hexdigest().encode("ascii")


def _what(kind: str) -> tuple[str, str]:
    return ("kit", "kit") if kind == KIT else ("file di ritorno", "return file")


def read_package(path: Path | str, kind: str) -> Package:
    """Reads and checks a kit or return file: whole-file digest, format and version,
    kind, content digest. Raises KitProblem with what to do."""
    path = Path(path)
    what_it, what_en = _what(kind)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise KitProblem(
            f"{path}: file non trovato; controllare il percorso",
            f"{path}: file not found; check the path",
        ) from None
    except OSError as error:
        raise KitProblem(
            f"{path.name}: file non leggibile ({error.strerror})",
            f"{path.name}: the file cannot be read ({error.strerror})",
        ) from None
    if not data.startswith(b"PK\x03\x04"):
        raise KitProblem(
            f"{path.name}: non è un {what_it} di Commissione; controllare di aver scelto il file giusto",
            f"{path.name}: not a Commissione {what_en}; check that this is the right file",
        )
    if not _whole_file_intact(data):
        newer = _lenient_version(data)
        if newer is not None and newer > FORMAT_VERSION:
            raise _newer(path, newer)
        raise _damaged(path, what_it, what_en)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            manifest = json.loads(archive.read(MANIFEST_MEMBER))
            if not isinstance(manifest, dict):
                raise ValueError("manifest is not an object")
            if manifest.get("format") != FORMAT_NAME:
                raise KitProblem(
                    f"{path.name}: non è un {what_it} di Commissione (formato sconosciuto)",
                    f"{path.name}: not a Commissione {what_en} (unknown format)",
                )
            version = manifest.get("format_version")
            if not isinstance(version, int) or isinstance(version, bool):
                raise ValueError("format_version is not a number")
            if version > FORMAT_VERSION:
                raise _newer(path, version)
            if manifest.get("kind") != kind:
                other_it, other_en = _what(manifest.get("kind", ""))
                raise KitProblem(
                    f"{path.name}: è un {other_it}, non un {what_it}",
                    f"{path.name}: this is a {other_en}, not a {what_en}",
                )
            content_bytes = archive.read(CONTENT_MEMBERS[kind])
    except KitProblem:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError):
        raise _damaged(path, what_it, what_en) from None
    if hashlib.sha256(content_bytes).hexdigest() != manifest.get("content_sha256"):
        raise _tampered(path, what_it, what_en)
    try:
        content = json.loads(content_bytes)
    except ValueError:
        raise _damaged(path, what_it, what_en) from None
    if not isinstance(content, dict):
        raise _damaged(path, what_it, what_en)
    return Package(manifest, content)


def check_signature(path: Path | str, package: Package, key_hex: str, kind: str) -> None:
    """The manifest's HMAC made with `key_hex`; KitProblem otherwise."""
    claimed = package.manifest.get("hmac")
    if not isinstance(claimed, str) or not hmac.compare_digest(
        claimed, signature(key_hex, package.manifest)
    ):
        what_it, what_en = _what(kind)
        raise _tampered(Path(path), what_it, what_en)


def _whole_file_intact(data: bytes) -> bool:
    if len(data) < _END_RECORD_SIZE + COMMENT_LENGTH:
        return False
    end = data[-(_END_RECORD_SIZE + COMMENT_LENGTH) :]
    comment = data[-COMMENT_LENGTH:]
    if not end.startswith(_END_RECORD) or not comment.startswith(COMMENT_PREFIX):
        return False
    if int.from_bytes(end[20:22], "little") != COMMENT_LENGTH:
        return False
    expected = hashlib.sha256(data[:-COMMENT_LENGTH]).hexdigest().encode("ascii")
    return hmac.compare_digest(comment[len(COMMENT_PREFIX) :], expected)


def _lenient_version(data: bytes) -> int | None:
    """The format version a damaged-looking file claims, if it can be read at all:
    a later version may frame files differently."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            manifest = json.loads(archive.read(MANIFEST_MEMBER))
        if manifest.get("format") == FORMAT_NAME and isinstance(
            manifest.get("format_version"), int
        ):
            return manifest["format_version"]
    except Exception:
        return None
    return None


def _newer(path: Path, version: int) -> KitProblem:
    return KitProblem(
        f"{path.name}: scritto da una versione più recente di Commissione (formato kit "
        f"{version}, questa versione legge fino al {FORMAT_VERSION}): aggiornare il programma; "
        "nulla è stato modificato",
        f"{path.name}: written by a newer version of Commissione (kit format {version}, this "
        f"version reads up to {FORMAT_VERSION}): install the newer version; nothing was changed",
    )


def _damaged(path: Path, what_it: str, what_en: str) -> KitProblem:
    return KitProblem(
        f"{path.name}: {what_it} danneggiato o incompleto (troncato durante la copia?): "
        "farsi mandare di nuovo il file; nulla è stato modificato",
        f"{path.name}: the {what_en} is damaged or incomplete (truncated while copying?): "
        "ask for the file again; nothing was changed",
    )


def _tampered(path: Path, what_it: str, what_en: str) -> KitProblem:
    return KitProblem(
        f"{path.name}: il contenuto del {what_it} non corrisponde alla sua firma (modificato "
        "dopo l'emissione?): usare il file originale; nulla è stato modificato",
        f"{path.name}: the {what_en}'s content does not match its signature (edited after it "
        "was issued?): use the original file; nothing was changed",
    )
