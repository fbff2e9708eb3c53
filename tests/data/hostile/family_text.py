"""Hostile CSV files (issue 10, items 5, 7, 9 and the smaller text ones): text that
is almost UTF-8, text in an encoding no portal uses, a quote never closed, a NUL past
the first 64 KB, control characters and ANSI escapes, codes written in other cases
and with other dashes. Everything invented; deterministic (no clock, no randomness).

Files too big for the repository (a 40,000-row file, a cell of more than a million
characters) are built by the tests in their tmp_path with `rows()` below."""

from __future__ import annotations

from pathlib import Path

HEADER = (
    "codice_domanda;data_presentazione;titolo;sintesi;capofila_denominazione;"
    "capofila_codice_fiscale;capofila_categoria;capofila_rea;municipio;obiettivi;"
    "costo_totale;durata_mesi"
)
TITLES = (
    "Caffè della città",
    "Perché la bottega è aperta",
    "Più verde al Giambellino",
    "Libreria «Là dove»",
    "Laboratorio di falegnameria",
)


def row(code: str, title: str, summary: str = "Sintesi breve") -> str:
    return (
        f"{code};15/01/2025;{title};{summary};Bottega Rossi S.r.l.;01199250158;"
        "micro impresa;MI-1;2;1;85.000,00;10"
    )


def rows(count: int, prefix: str = "HX", start: int = 1) -> list[str]:
    """`count` valid rows, codes PREFIX-00001…, accented titles."""
    return [
        row(f"{prefix}-{number:05d}", TITLES[number % len(TITLES)])
        for number in range(start, start + count)
    ]


def text(lines: list[str]) -> str:
    return "\n".join([HEADER, *lines]) + "\n"


def build(folder: Path) -> list[Path]:
    out = folder / "testo"
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write(name: str, data: bytes) -> None:
        path = out / name
        path.write_bytes(data)
        written.append(path)

    # 5. UTF-8 everywhere but one "è" typed as a Windows-1252 byte (0xE8) on line 17.
    lines = rows(30)
    lines[15] = row("HX-00016", "Caff\udce8 sotto casa")
    write("utf8-un-byte-cp1252.csv", text(lines).encode("utf-8", "surrogateescape"))

    # 5. Chinese text in GB18030: every byte is defined in Windows-1252, so the old
    # fallback read it as "ÂÌÉ«..." garbage.
    chinese = ("绿色社区花园", "城市农场项目", "青年文化中心", "社区图书馆", "老人活动室")
    lines = [row(f"GB-{n:05d}", chinese[n % 5], "为社区居民提供服务") for n in range(1, 11)]
    data = text(lines).encode("gb18030")
    data.decode("cp1252")  # the point of the file: it must not fail as Windows-1252
    write("gb18030.csv", data)

    # 5. Honest Windows-1252 (Excel's "CSV" on Italian Windows), with one pair of
    # bytes that happens to be valid UTF-8 ("É»" is C9 BB): still Windows-1252.
    lines = rows(20, "WN")
    lines[4] = row("WN-00005", "PERCHÉ» la bottega")
    write("cp1252-onesto.csv", text(lines).encode("cp1252"))

    # 7. A quote opened on line 4 and never closed: the rest of the file is one cell.
    lines = rows(12, "QA")
    lines[2] = row("QA-00003", '"Il giardino di via Padova')
    write("virgolette-aperte.csv", text(lines).encode("utf-8"))

    # 7. A stray quote on line 3 closed by another stray quote 1,100 lines below:
    # 1,100 rows would vanish into one cell.
    lines = rows(1200, "QL")
    lines[1] = row("QL-00002", '"Orti condivisi')
    lines[1101] = row("QL-01102", 'Fine" delle virgolette')
    write("virgolette-lontane.csv", text(lines).encode("utf-8"))

    # 9. A NUL in a title past the first 64 KB (line 701 of 900 valid rows).
    lines = rows(900, "NU")
    lines[699] = row("NU-00700", "Titolo con \x00 NUL")
    data = text(lines).encode("utf-8")
    assert data.index(b"\x00") > 65536
    write("nul-oltre-64k.csv", data)

    # Control characters and ANSI escapes in cells and in a header.
    lines = rows(6, "AN")
    lines[1] = row("AN-00002", "\x1b[31mROSSO\x1b[0m\x1b[2J")
    lines[3] = row("AN-00004", "Titolo\x07 con campanello", '"\x1b]0;titolo finestra\x07"')
    write(
        "controlli-ansi.csv",
        text(lines).replace(HEADER, HEADER + ";note\x1b[5m", 1).encode("utf-8"),
    )

    # Codes in other cases and with other dashes: all the same three applications.
    lines = [
        row("HX-00001", "Caffè della città"),
        row("hx-00002", "Perché la bottega è aperta"),
        row(" HX\u201100003 ", "Più verde al Giambellino"),  # non-breaking hyphen
        row("Hx\u201300004", "Libreria «Là dove»"),  # en dash
        row("hx\u2212\u200b00001", "Caffè della città"),  # minus sign, zero-width space
    ]
    write("codici-varianti.csv", text(lines).encode("utf-8"))
    return written
