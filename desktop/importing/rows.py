"""From raw cells to an ApplicationData, or to the list of what is wrong with a row."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from desktop.domain.applications import ApplicationData, Entity
from desktop.domain.calls import CallDefinition
from desktop.domain.italian import (
    ValueProblem,
    parse_amount,
    parse_date,
    parse_months,
    parse_municipio,
)
from desktop.domain.money import to_cents
from desktop.importing.text import escape_controls, excerpt

# Not text, refused at the edge with the row: C0 controls but tab, newline and
# carriage return (PostgreSQL cannot store a NUL at all; an ESC starts an ANSI escape),
# DEL, C1 controls, lone surrogates and the non-characters U+FFFE, U+FFFF.
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Invisible in a code, so dropped: soft hyphen, zero-width spaces and joiners, BOM.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def normalise_code(code: str) -> str:
    """An application code as portals write it: trimmed, ASCII letters in upper case,
    every dash (non-breaking hyphen U+2011, en dash, minus sign…) as "-", invisible
    characters dropped; so `hx-00002` and `HX‑00002` are the application HX-00002.
    Only ASCII letters change case: portal codes are ASCII, and anything else is kept
    exactly as written."""
    code = code.strip()
    if not code.isascii():
        code = "".join(
            "-" if char == "\u2212" or unicodedata.category(char) == "Pd" else char
            for char in code.translate(_INVISIBLE)
        ).strip()
    return code.translate(_ASCII_UPPER)


def not_text_reason(value: str) -> tuple[str, str] | None:
    """Why a cell holding a character that is not text is refused (None if it has none)."""
    found = NOT_TEXT.search(value)
    if found is None:
        return None
    char, position = escape_controls(found.group()), found.start() + 1
    return (
        f"carattere di controllo {char} alla posizione {position}: non è testo (forse "
        "incollato da un altro programma); toglierlo dal file e importare di nuovo",
        f"control character {char} at position {position}: it is not text (perhaps pasted "
        "from another program); remove it from the file and import again",
    )


@dataclass(frozen=True)
class RowProblem:
    sheet: str
    row: int
    column: str
    value: str
    reason_it: str
    reason_en: str

    def reason(self, language: str = "it") -> str:
        return self.reason_en if language == "en" else self.reason_it


def cell_text(value) -> str:
    """A cell as text, as given: numbers typed into a spreadsheet lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    return str(value).strip()


def tax_code_text(value) -> str:
    """A tax code; one typed as a number in a spreadsheet gets its leading zeros back."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = cell_text(value)
        return text.zfill(11) if text.isdigit() and len(text) <= 11 else text
    return re.sub(r"\s+", "", cell_text(value)).upper()


_PARTNER = re.compile(r"^(?P<name>.*?)\s*\((?P<code>[^()]*)\)\s*$")


def parse_partner_cell(text: str) -> list[Entity]:
    """'Name (tax code); Name (tax code)' — also one per line."""
    partners = []
    for item in re.split(r"[;\n]+", text):
        item = item.strip()
        if not item:
            continue
        match = _PARTNER.match(item)
        if match:
            partners.append(
                Entity(name=match["name"].strip(), tax_code=tax_code_text(match["code"]))
            )
        else:
            partners.append(Entity(name=item, tax_code=""))
    return partners


class RowParser:
    """Parses the rows of one file against one call, given which column is where."""

    def __init__(
        self, call: CallDefinition, positions: dict[str, int], headers: list[str], sheet: str
    ):
        self.call = call
        self.positions = positions
        self.headers = headers
        self.sheet = sheet
        self._objectives_seen: dict[str, tuple[int, ...]] = {}
        # (row, code as written, code as stored) for every code normalise_code changed.
        self.normalised: list[tuple[int, str, str]] = []

    def parse(self, row: int, cells: list) -> tuple[ApplicationData | None, list[RowProblem]]:
        problems: list[RowProblem] = []
        # One pass over the row's cells: strings stripped, blanks and NaN dropped.
        values: dict[str, object] = {}
        width = len(cells)
        for column, position in self.positions.items():
            if position >= width:
                continue
            value = cells[position]
            if type(value) is str:
                value = value.strip()
                if value:
                    values[column] = value
            elif value is not None and not (isinstance(value, float) and math.isnan(value)):
                values[column] = value

        def text(column: str) -> str:
            value = values.get(column, "")
            return value if type(value) is str else cell_text(value)

        reported: set[str] = set()

        def parsed(column: str, parser):
            value = values.get(column)
            if value is None:
                return None
            try:
                return parser(value)
            except ValueProblem as problem:
                reported.add(column)
                problems.append(
                    self._problem(row, column, value, problem.reason_it, problem.reason_en)
                )
                return None

        written = text("codice_domanda")
        code = normalise_code(written)
        if code and code != written:
            self.normalised.append((row, written, code))
        if not code:
            problems.append(
                self._problem(
                    row,
                    "codice_domanda",
                    "",
                    "codice domanda mancante: ogni riga deve avere un codice univoco",
                    "application code missing: every row needs a unique code",
                )
            )
        title = text("titolo")
        if not title:
            problems.append(
                self._problem(
                    row,
                    "titolo",
                    "",
                    "titolo mancante",
                    "title missing: every application needs one",
                )
            )

        submitted = parsed("data_presentazione", parse_date)
        start = parsed("data_inizio", parse_date)
        cost = parsed("costo_totale", parse_amount)
        target = parsed("obiettivo_raccolta", parse_amount)
        months = parsed("durata_mesi", parse_months)
        district = parsed("municipio", self._district)
        objectives = parsed("obiettivi", self._objectives) or ()

        lead = Entity(
            name=text("capofila_denominazione"),
            tax_code=tax_code_text(values.get("capofila_codice_fiscale")),
            legal_form=text("capofila_forma_giuridica"),
            category=text("capofila_categoria"),
            rea=text("capofila_rea"),
            pec=text("capofila_pec"),
            email=text("capofila_email"),
        )
        texts = [value for value in values.values() if type(value) is str]
        if NOT_TEXT.search("".join(texts)):  # one search per row: the rare case pays
            for column, value in values.items():
                reason = not_text_reason(value) if type(value) is str else None
                if reason and column not in reported:
                    problems.append(self._problem(row, column, value, *reason))
        if problems:
            return None, problems
        return (
            ApplicationData(
                code=code,
                title=title,
                submitted_on=submitted[0] if submitted else None,
                submitted_time=submitted[1] if submitted else None,
                summary=text("sintesi"),
                lead=lead if (lead.name or lead.tax_code) else None,
                partners=tuple(parse_partner_cell(text("partner"))),
                contact_person=text("referente"),
                operating_address=text("indirizzo_sede_operativa"),
                district=district,
                neighbourhood=text("quartiere"),
                objectives=objectives,
                cost_cents=to_cents(cost) if cost is not None else None,
                duration_months=months,
                start_on=start[0] if start else None,
                declared_target_cents=to_cents(target) if target is not None else None,
            ),
            [],
        )

    def _district(self, value) -> int:
        number = parse_municipio(value)
        if not 1 <= number <= self.call.districts:
            raise ValueProblem(
                f"Municipio {number} inesistente: indicare un numero da 1 a {self.call.districts}",
                f"there is no Municipio {number}: give a number from 1 to {self.call.districts}",
            )
        return number

    def _objectives(self, value) -> tuple[int, ...]:
        # Few distinct cells ("1, 3") recur across thousands of rows.
        text = cell_text(value)
        cached = self._objectives_seen.get(text)
        if cached is None:
            cached = self._objectives_seen[text] = self._parse_objectives(text)
        return cached

    def _parse_objectives(self, text: str) -> tuple[int, ...]:
        numbers = set()
        for token in re.split(r"[,;/\n|]+", text):
            token = token.strip().rstrip(".")
            if not token:
                continue
            objective = self.call.objective(token)
            if objective is None:
                known = "; ".join(f"{o.number} {o.name}" for o in self.call.objectives)
                token = excerpt(token, 40)
                raise ValueProblem(
                    f"obiettivo «{token}» non previsto dal bando; usare i numeri o i nomi: {known}",
                    f"objective “{token}” is not in the call; use the numbers or names: {known}",
                )
            numbers.add(objective.number)
        return tuple(sorted(numbers))

    def _problem(self, row: int, column: str, value, it: str, en: str) -> RowProblem:
        position = self.positions.get(column)
        shown = (
            self.headers[position]
            if position is not None and position < len(self.headers)
            else column
        )
        return RowProblem(self.sheet, row, shown, cell_text(value), it, en)


class PartnerRowParser:
    """Rows of the optional `partner` sheet, keyed by codice_domanda."""

    def __init__(self, positions: dict[str, int], headers: list[str], sheet: str):
        self.positions, self.headers, self.sheet = positions, headers, sheet

    def parse(self, row: int, cells: list) -> tuple[str, Entity | None, list[RowProblem]]:
        def text(column: str) -> str:
            position = self.positions.get(column)
            return (
                cell_text(cells[position]) if position is not None and position < len(cells) else ""
            )

        code = normalise_code(text("codice_domanda"))
        name = text("denominazione")
        position = self.positions.get("codice_fiscale")
        tax_code = (
            tax_code_text(cells[position]) if position is not None and position < len(cells) else ""
        )
        if not code or not (name or tax_code):
            missing = "codice_domanda" if not code else "denominazione"
            return (
                code,
                None,
                [
                    RowProblem(
                        self.sheet,
                        row,
                        missing,
                        "",
                        f"partner senza {missing.replace('_', ' ')}: completare la riga o eliminarla",
                        f"partner without {'application code' if not code else 'name'}: "
                        "complete the row or delete it",
                    )
                ],
            )
        for column, position in self.positions.items():
            value = cells[position] if position < len(cells) else None
            reason = not_text_reason(value) if isinstance(value, str) else None
            if reason:
                shown = self.headers[position] if position < len(self.headers) else column
                return code, None, [RowProblem(self.sheet, row, shown, value, *reason)]
        entity = Entity(
            name=name,
            tax_code=tax_code,
            legal_form=text("forma_giuridica"),
            category=text("categoria"),
            rea=text("rea"),
            pec=text("pec"),
            email=text("email"),
        )
        return code, entity, []
