"""From raw cells to an ApplicationData, or to the list of what is wrong with a row."""

from __future__ import annotations

import math
import re
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

        def parsed(column: str, parser):
            value = values.get(column)
            if value is None:
                return None
            try:
                return parser(value)
            except ValueProblem as problem:
                problems.append(
                    self._problem(row, column, value, problem.reason_it, problem.reason_en)
                )
                return None

        code = text("codice_domanda")
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

        code = text("codice_domanda")
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
