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
from collections.abc import Callable
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

# Bounds checked before anything is decompressed (declared sizes) and while reading
# (actual bytes), so a hostile file costs what a real one does.
# A manifest is a dozen short fields (about 600 bytes); 64 KiB is a hundred times that.
MAX_MANIFEST_BYTES = 64 * 1024
# The content: a return holds one evaluator's sheets, each a motivation and a score
# and comment per criterion: a long one is about 25 KB (a 5,000-character motivation,
# ten 1,000-character comments, as UTF-8); a kit adds each application's title,
# summary and partners' names. 64 MiB holds 2,500 such sheets, several times the
# applications a call receives (the Milano calls: tens to a few hundred).
MAX_CONTENT_BYTES = 64 * 1024 * 1024
# The file: its members deflated, never larger than the content plus the manifest.
MAX_FILE_BYTES = MAX_CONTENT_BYTES + MAX_MANIFEST_BYTES
# Exactly two members, each named in under 20 bytes: the central directory is ~200 B.
MAX_DIRECTORY_BYTES = 4096
_READ_CHUNK = 1024 * 1024
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what the format allows
_ZIP64_LOCATOR = b"PK\x06\x07"
_MEMBER_NAMES = {MANIFEST_MEMBER, *CONTENT_MEMBERS.values()}


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


def read_package(
    path: Path | str, kind: str, key_for: Callable[[dict], str] | None = None
) -> Package:
    """Reads and checks a kit or return file: its size, whole-file digest, format and
    version, kind, the declared sizes of its two members, then (with `key_for`, which
    gives the key for a manifest or raises KitProblem) the manifest's signature, and
    only then the content, read within its bound and checked against its digest.
    Raises KitProblem with what to do."""
    path = Path(path)
    what_it, what_en = _what(kind)
    data = _read_file(path, what_it, what_en)
    if not data.startswith(b"PK\x03\x04"):
        raise KitProblem(
            f"{path.name}: non è un {what_it} di Commissione; controllare di aver scelto il file giusto",
            f"{path.name}: not a Commissione {what_en}; check that this is the right file",
        )
    if not _whole_file_intact(data) or not _two_members(data):
        newer = _lenient_version(data)
        if newer is not None and newer > FORMAT_VERSION:
            raise _newer(path, newer)
        raise _damaged(path, what_it, what_en)
    content_name = CONTENT_MEMBERS[kind]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {info.filename: info for info in archive.infolist()}
            if MANIFEST_MEMBER not in members or not set(members) <= _MEMBER_NAMES:
                raise ValueError("not the format's members")
            manifest_size = members[MANIFEST_MEMBER].file_size
            if manifest_size > MAX_MANIFEST_BYTES or any(
                info.file_size > MAX_CONTENT_BYTES for info in members.values()
            ):
                raise _too_large(path, what_it, what_en)
            if any(info.compress_type not in _METHODS for info in members.values()):
                raise ValueError("a compression the format does not use")
            manifest = json.loads(_bounded_read(archive, MANIFEST_MEMBER, MAX_MANIFEST_BYTES))
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
            if content_name not in members:
                raise ValueError("no content member")
            if key_for is not None:
                _check_manifest(path, manifest, key_for(manifest), kind)
            content_bytes = _bounded_read(archive, content_name, MAX_CONTENT_BYTES)
    except KitProblem:
        raise
    except _TooLarge:
        raise _too_large(path, what_it, what_en) from None
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError, RecursionError):
        raise _damaged(path, what_it, what_en) from None
    if hashlib.sha256(content_bytes).hexdigest() != manifest.get("content_sha256"):
        raise _tampered(path, what_it, what_en)
    try:
        content = json.loads(content_bytes)
    except (ValueError, RecursionError):
        raise _damaged(path, what_it, what_en) from None
    if not isinstance(content, dict):
        raise _damaged(path, what_it, what_en)
    return Package(manifest, content)


class _TooLarge(Exception):
    """A member expanded past its bound while being read."""


def _read_file(path: Path, what_it: str, what_en: str) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
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
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(path, what_it, what_en)
    return data


def _bounded_read(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """The member's bytes, decompressed a chunk at a time (read() alone inflates the
    whole stream before cutting it to the declared size); _TooLarge past `limit`."""
    parts, total = [], 0
    with archive.open(name) as member:
        while chunk := member.read(_READ_CHUNK):
            total += len(chunk)
            if total > limit:
                raise _TooLarge(name)
            parts.append(chunk)
    return b"".join(parts)


def _two_members(data: bytes) -> bool:
    """The end record (checked by _whole_file_intact) names exactly the two members
    in a small central directory, without a ZIP64 record that would override it:
    checked before zipfile parses the directory."""
    end = len(data) - COMMENT_LENGTH - _END_RECORD_SIZE
    record = data[end:]
    if data[end - 20 : end - 16] == _ZIP64_LOCATOR:
        return False
    on_disk, total = int.from_bytes(record[8:10], "little"), int.from_bytes(record[10:12], "little")
    size = int.from_bytes(record[12:16], "little")
    return on_disk == total == 2 and size <= MAX_DIRECTORY_BYTES


def check_signature(path: Path | str, package: Package, key_hex: str, kind: str) -> None:
    """The manifest's HMAC made with `key_hex`; KitProblem otherwise."""
    _check_manifest(Path(path), package.manifest, key_hex, kind)


def _check_manifest(path: Path, manifest: dict, key_hex: str, kind: str) -> None:
    claimed = manifest.get("hmac")
    if not isinstance(claimed, str) or not hmac.compare_digest(
        claimed, signature(key_hex, manifest)
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
            if len(archive.infolist()) > 2:
                return None
            manifest = json.loads(_bounded_read(archive, MANIFEST_MEMBER, MAX_MANIFEST_BYTES))
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


def _too_large(path: Path, what_it: str, what_en: str) -> KitProblem:
    return KitProblem(
        f"{path.name}: troppo grande per essere un {what_it} di Commissione (oltre "
        f"{MAX_CONTENT_BYTES // 1024 // 1024} MiB una volta decompresso): farsi mandare di "
        "nuovo il file; nulla è stato modificato",
        f"{path.name}: too large to be a Commissione {what_en} (over "
        f"{MAX_CONTENT_BYTES // 1024 // 1024} MiB once decompressed): ask for the file "
        "again; nothing was changed",
    )


def _tampered(path: Path, what_it: str, what_en: str) -> KitProblem:
    return KitProblem(
        f"{path.name}: il contenuto del {what_it} non corrisponde alla sua firma (modificato "
        "dopo l'emissione?): usare il file originale; nulla è stato modificato",
        f"{path.name}: the {what_en}'s content does not match its signature (edited after it "
        "was issued?): use the original file; nothing was changed",
    )
