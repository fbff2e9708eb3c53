"""Hostile kit return files (resources/formats/kit.md): bombs by ratio and forged
sizes, each under ~200 KB on disk, every one with a correct whole-file digest (that
is no secret: anyone can recompute it), so the reader gets past it to the archive.

They all claim the kit RETURN_KIT_ID of call milano-2024-2025 issued to Anna
Bianchi; a test that registers that kit with key RETURN_KEY_HEX in its database makes
the manifests of the "signed" files verify, while the "forged" ones do not.

The ZIP bytes are written here by hand (not with zipfile), so a member's declared
size can say anything and a member's compression can be one the format never uses.
"""

from __future__ import annotations

import bz2
import hashlib
import hmac
import json
import struct
import zlib
from pathlib import Path

RETURN_KIT_ID = "00000000-0000-4000-8000-00000000b0b0"
RETURN_KEY_HEX = "b0" * 32
CALL_ID = "milano-2024-2025"
MEMBER = "Anna Bianchi"
MIB = 1024 * 1024

DEFLATED, BZIP2 = 8, 12
_DATE = (0, 0x5021)  # 2020-01-01 00:00, as the product writes it (time, date)
_COMMENT_PREFIX = b"commissione-sha256:"


def canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _signed_manifest(content_sha256: str, *, key_hex: str = RETURN_KEY_HEX) -> bytes:
    manifest = {
        "call_id": CALL_ID,
        "content_sha256": content_sha256,
        "created_at": "2025-03-04T18:30:00",
        "format": "commissione-kit",
        "format_version": 1,
        "kind": "return",
        "kit_id": RETURN_KIT_ID,
        "member": MEMBER,
        "return_id": "00000000-0000-4000-8000-0000000bad00",
    }
    manifest["hmac"] = hmac.new(
        bytes.fromhex(key_hex), canonical(manifest), hashlib.sha256
    ).hexdigest()
    return canonical(manifest)


class Stream:
    """A member's content made of repeated chunks, compressed without holding it whole:
    its compressed bytes, CRC-32, size and SHA-256."""

    def __init__(self, prefix: bytes, filler: bytes, size: int, method: int = DEFLATED):
        compressor = (
            bz2.BZ2Compressor(9)
            if method == BZIP2
            else zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        )
        digest, crc, parts, left = hashlib.sha256(), 0, [], size
        chunk = filler * (MIB // len(filler))
        first = prefix
        while left > 0:
            piece = (first + chunk)[:left]
            first = b""
            digest.update(piece)
            crc = zlib.crc32(piece, crc)
            parts.append(compressor.compress(piece))
            left -= len(piece)
        parts.append(compressor.flush())
        self.data, self.crc, self.size = b"".join(parts), crc, size
        self.sha256, self.method = digest.hexdigest(), method


def _small(data: bytes) -> Stream:
    return Stream(data, b" ", len(data))


def zip_bytes(members: list[tuple[str, Stream, int | None]]) -> bytes:
    """A ZIP with the product's comment (whole-file digest); each member is (name,
    stream, declared size or None for the true one)."""
    body, central = bytearray(), bytearray()
    for name, stream, declared in members:
        size = stream.size if declared is None else declared
        encoded = name.encode()
        offset = len(body)
        fields = (20, 0, stream.method, *_DATE, stream.crc, len(stream.data), size)
        body += b"PK\x03\x04" + struct.pack("<HHHHHIII", *fields)
        body += struct.pack("<HH", len(encoded), 0) + encoded + stream.data
        central += b"PK\x01\x02" + struct.pack("<HHHHHHIII", 20, *fields)
        central += struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0o644 << 16, offset)
        central += encoded
    start = len(body)
    body += central
    body += b"PK\x05\x06" + struct.pack(
        "<HHHHIIH", 0, 0, len(members), len(members), len(central), start, 83
    )
    return bytes(body) + _COMMENT_PREFIX + hashlib.sha256(body).hexdigest().encode()


def _return(content: Stream, *, declared: int | None = None, key_hex=RETURN_KEY_HEX) -> bytes:
    manifest = _small(_signed_manifest(content.sha256, key_hex=key_hex))
    return zip_bytes([("manifest.json", manifest, None), ("return.json", content, declared)])


def build(folder: Path) -> list[Path]:
    prefix = b'{"kit_id":"' + RETURN_KIT_ID.encode() + b'","sheets":[],"x":"'
    files = {
        # 150 MiB of JSON text behind a signed manifest, sizes declared honestly.
        "ritorno-bomba-150MiB.zip": _return(Stream(prefix, b"0", 150 * MIB)),
        # 1 GiB in ~1 KB: bzip2, which the format never uses (it says deflated).
        "ritorno-bomba-bzip2-1GiB.zip": _return(Stream(prefix, b"0", 1024 * MIB, BZIP2)),
        # 150 MiB that says it is 2 KB: whatever expands past the declared size is
        # not read, and the member fails its CRC.
        "ritorno-dimensione-falsa.zip": _return(Stream(prefix, b"0", 150 * MIB), declared=2048),
        # 60 MiB, within the bound, behind a manifest signed with another key: refused
        # on the signature before the content is decompressed.
        "ritorno-firma-falsa-60MiB.zip": _return(Stream(prefix, b"0", 60 * MIB), key_hex="0f" * 32),
        # The manifest itself a bomb: 150 MiB of spaces after a JSON object.
        "ritorno-manifesto-bomba.zip": zip_bytes(
            [
                ("manifest.json", Stream(b'{"format":"commissione-kit"}', b" ", 150 * MIB), None),
                ("return.json", _small(b"{}"), None),
            ]
        ),
        # 1,500 members: a central directory to parse before anything can be checked.
        "ritorno-1500-membri.zip": zip_bytes(
            [("manifest.json", _small(_signed_manifest("0" * 64)), None)]
            + [(f"m{number:04}.json", _small(b"{}"), None) for number in range(1499)]
        ),
    }
    written = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written
