"""One campaign's chart, painted with QPainter (QtCharts is not in PySide6-Essentials,
and QPainter works offscreen: tests and screenshots render it to a QImage).

- the cumulative amount raised, day by day, against the target line;
- the daily donations as bars, on their own scale (right axis), so a 60-day
  campaign's small days stay visible under a large cumulative total;
- a "today" marker and, for a running campaign, the forecast range as a shaded
  band from today's total to the closing day, with the expected final dashed.

Axes are Italian-style: days as dd/mm, amounts as "10.000 €". Every series has a
legend entry with its own line style, so nothing is told by colour alone, and the
widget's accessible description says the figures in words.

Pixel positions are floats; money stays integer cents until it is placed on screen.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.domain.formatting import date as format_date
from desktop.domain.formatting import money_whole as format_eur_whole
from desktop.domain.formatting import percent as format_percent
from desktop.services.campaigns import CampaignSeries

CUMULATIVE_COLOUR = QColor("#1565c0")
DAILY_COLOUR = QColor("#90a4ae")
TARGET_COLOUR = QColor("#c62828")
FORECAST_COLOUR = QColor(21, 101, 192, 48)
TODAY_COLOUR = QColor("#424242")
GRID_COLOUR = QColor("#e0e0e0")

# Share of the plot's height the tallest daily bar may reach: bars stay under the curve.
DAILY_BAR_SHARE = 0.35


def nice_step(span: float, ticks: int) -> float:
    """A round step (1, 2, 2.5 or 5 × 10^k) giving about `ticks` intervals over `span`."""
    if span <= 0:
        return 1.0
    raw = span / max(ticks, 1)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _day_label(day: dt.date) -> str:
    return day.strftime("%d/%m")


@dataclass(frozen=True)
class ChartGeometry:
    """Where things are, for painting and for tests that look at the pixels."""

    plot: QRectF
    first_day: dt.date
    days: int  # days on the horizontal axis
    top_cents: int  # the cumulative axis' top
    top_daily_cents: int  # the daily axis' top (at DAILY_BAR_SHARE of the height)

    def x_of(self, day: dt.date, fraction: float = 0.0) -> float:
        """The left edge of `day` (+ fraction of its width)."""
        index = (day - self.first_day).days + fraction
        return self.plot.left() + self.plot.width() * index / self.days

    @property
    def day_width(self) -> float:
        return self.plot.width() / self.days

    def y_of(self, cents: int) -> float:
        return self.plot.bottom() - self.plot.height() * cents / self.top_cents

    def daily_height(self, cents: int) -> float:
        if not self.top_daily_cents:
            return 0.0
        return self.plot.height() * DAILY_BAR_SHARE * cents / self.top_daily_cents


class CampaignChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.series: CampaignSeries | None = None
        self.geometry_used: ChartGeometry | None = None
        self.setObjectName("campaignChart")
        self.setAccessibleName(self.tr("Campaign chart"))
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._update_description()

    def sizeHint(self) -> QSize:
        return QSize(640, 300)

    # --- what the view asks ---

    def set_series(self, series: CampaignSeries | None) -> None:
        self.series = series
        self._update_description()
        self.update()

    def clear(self) -> None:
        self.set_series(None)

    def render_image(self, width: int = 800, height: int = 400) -> QImage:
        """The chart as an image of this size (offscreen tests, screenshots, reports)."""
        image = QImage(width, height, QImage.Format.Format_ARGB32)
        image.fill(self.palette().color(QPalette.ColorRole.Base))
        painter = QPainter(image)
        try:
            self.paint_chart(painter, QRectF(0, 0, width, height))
        finally:
            painter.end()
        return image

    # --- words for screen readers (and the tooltip) ---

    def description(self) -> str:
        series = self.series
        if series is None:
            return self.tr("No campaign selected.")
        metrics = series.metrics
        percent = (
            format_percent(metrics.percent_of_target)
            if metrics.percent_of_target is not None
            else "–"
        )
        last_day = series.points[-1].day if series.points else series.today
        text = self.tr("Raised {raised} of the target {target} ({percent}) by {day}.").format(
            raised=format_eur_whole(series.raised_cents),
            target=format_eur_whole(series.target_cents),
            percent=percent,
            day=format_date(last_day),
        )
        if series.points:
            best = max(series.points, key=lambda p: p.amount_cents)
            if best.amount_cents:
                text += " " + self.tr("Best day: {day} with {amount}.").format(
                    day=format_date(best.day), amount=format_eur_whole(best.amount_cents)
                )
        if series.forecast is not None and series.closes_on is not None:
            text += " " + self.tr(
                "Forecast at closing on {day}: {low} to {high}, most likely {expected}."
            ).format(
                day=format_date(series.closes_on),
                low=format_eur_whole(series.forecast.low_cents),
                high=format_eur_whole(series.forecast.high_cents),
                expected=format_eur_whole(series.forecast.expected_cents),
            )
        return text

    def _update_description(self) -> None:
        text = self.description()
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    # --- painting ---

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
            self.paint_chart(painter, QRectF(self.rect()))
        finally:
            painter.end()

    def geometry_for(self, area: QRectF, metrics_font: QFont | None = None) -> ChartGeometry | None:
        series = self.series
        if series is None:
            return None
        days = [p.day for p in series.points]
        days += [d for d in (series.opens_on, series.closes_on) if d is not None]
        if not days:
            return None
        first, last = min(days), max(days)
        top = max(
            [series.target_cents, series.raised_cents]
            + [p.cumulative_cents for p in series.points]
            + ([series.forecast.high_cents] if series.forecast else [])
        )
        step = nice_step(top * 1.08 / 100, 5)
        top_cents = max(1, math.ceil(top * 1.08 / 100 / step) * step) * 100
        daily = max((p.amount_cents for p in series.points), default=0)
        daily_step = nice_step(daily / 100, 2) if daily else 1
        top_daily = math.ceil(daily / 100 / daily_step) * daily_step * 100 if daily else 0
        fm = QFontMetricsF(metrics_font or self.font())
        left = fm.horizontalAdvance(format_eur_whole(int(top_cents))) + 14
        right = fm.horizontalAdvance(self._per_day(int(top_daily))) + 14 if daily else 16
        legend = fm.height() * 1.8
        bottom = fm.height() * 2 + 6
        plot = QRectF(
            area.left() + left,
            area.top() + legend,
            max(10.0, area.width() - left - right),
            max(10.0, area.height() - legend - bottom),
        )
        return ChartGeometry(
            plot=plot,
            first_day=first,
            days=(last - first).days + 1,
            top_cents=int(top_cents),
            top_daily_cents=int(top_daily),
        )

    def _per_day(self, cents: int) -> str:
        return self.tr("{amount}/day").format(amount=format_eur_whole(cents))

    def paint_chart(self, painter: QPainter, area: QRectF) -> None:
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.Text)
        painter.setFont(self.font())
        geometry = self.geometry_for(area)
        self.geometry_used = geometry
        if geometry is None:
            painter.setPen(text_colour)
            message = (
                self.tr("Select a campaign to see its chart.")
                if self.series is None
                else self.tr("No dates and no donations yet for this campaign.")
            )
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, message)
            return
        series = self.series
        self._paint_grid_and_axes(painter, geometry, text_colour)
        self._paint_daily_bars(painter, geometry, series)
        self._paint_forecast(painter, geometry, series)
        self._paint_cumulative(painter, geometry, series)
        self._paint_target(painter, geometry, series)
        self._paint_today(painter, geometry, series, text_colour)
        self._paint_legend(painter, geometry, area, text_colour)

    def _paint_grid_and_axes(self, painter: QPainter, g: ChartGeometry, text: QColor) -> None:
        plot = g.plot
        fm = painter.fontMetrics()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        step = nice_step(g.top_cents / 100, 5) * 100
        value = 0.0
        while value <= g.top_cents + 0.5:
            y = g.y_of(int(value))
            painter.setPen(QPen(GRID_COLOUR, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            label = format_eur_whole(int(value))
            painter.drawText(
                QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            value += step
        if g.top_daily_cents:
            for cents in (g.top_daily_cents // 2, g.top_daily_cents):
                y = plot.bottom() - g.daily_height(cents)
                painter.setPen(text)
                painter.drawText(
                    QRectF(plot.right() + 6, y - fm.height() / 2, 200, fm.height()),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    self._per_day(cents),
                )
        # Day labels: as many as fit without touching.
        label_width = fm.horizontalAdvance("00/00") * 1.6
        every = 1
        for candidate in (1, 2, 3, 5, 7, 10, 14, 15, 20, 30, 60, 90, 180, 365):
            every = candidate
            if g.day_width * candidate >= label_width:
                break
        painter.setPen(text)
        for index in range(0, g.days, every):
            day = g.first_day + dt.timedelta(days=index)
            x = g.x_of(day, 0.5)
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            painter.drawText(
                QRectF(x - label_width / 2, plot.bottom() + 5, label_width, fm.height()),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                _day_label(day),
            )
        painter.setPen(QPen(text, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())

    def _paint_daily_bars(
        self, painter: QPainter, g: ChartGeometry, series: CampaignSeries
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(DAILY_COLOUR))
        width = max(1.0, g.day_width * 0.7)
        for point in series.points:
            if not point.amount_cents:
                continue
            height = g.daily_height(point.amount_cents)
            x = g.x_of(point.day, 0.5) - width / 2
            painter.drawRect(QRectF(x, g.plot.bottom() - height, width, height))
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_cumulative(
        self, painter: QPainter, g: ChartGeometry, series: CampaignSeries
    ) -> None:
        if not series.points:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        path = QPainterPath(QPointF(g.x_of(series.points[0].day), g.y_of(0)))
        for point in series.points:
            path.lineTo(QPointF(g.x_of(point.day, 1.0), g.y_of(point.cumulative_cents)))
        painter.setPen(QPen(CUMULATIVE_COLOUR, 2.5))
        painter.drawPath(path)

    def _paint_forecast(self, painter: QPainter, g: ChartGeometry, series: CampaignSeries) -> None:
        forecast = series.forecast
        if forecast is None or series.closes_on is None or not series.points:
            return
        start_x = g.x_of(series.points[-1].day, 1.0)
        end_x = g.x_of(series.closes_on, 1.0)
        if end_x <= start_x:
            return
        # From the platform's total: donations not itemised by the platform count too.
        start_y = g.y_of(series.raised_cents)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        band = QPolygonF(
            [
                QPointF(start_x, start_y),
                QPointF(end_x, g.y_of(forecast.high_cents)),
                QPointF(end_x, g.y_of(forecast.low_cents)),
            ]
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(FORECAST_COLOUR))
        painter.drawPolygon(band)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(CUMULATIVE_COLOUR, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(start_x, start_y), QPointF(end_x, g.y_of(forecast.expected_cents)))

    def _paint_target(self, painter: QPainter, g: ChartGeometry, series: CampaignSeries) -> None:
        # Not antialiased: a crisp line whose pixels have exactly the target's colour.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        y = round(g.y_of(series.target_cents))
        painter.setPen(QPen(TARGET_COLOUR, 2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(g.plot.left(), y), QPointF(g.plot.right(), y))
        label = self.tr("Target {amount}").format(amount=format_eur_whole(series.target_cents))
        fm = painter.fontMetrics()
        painter.setPen(TARGET_COLOUR)
        painter.drawText(
            QRectF(g.plot.left() + 4, y - fm.height() - 2, g.plot.width() - 8, fm.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            label,
        )

    def _paint_today(
        self, painter: QPainter, g: ChartGeometry, series: CampaignSeries, text: QColor
    ) -> None:
        last_day = g.first_day + dt.timedelta(days=g.days - 1)
        if not g.first_day <= series.today <= last_day:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        x = round(g.x_of(series.today, 1.0))
        painter.setPen(QPen(TODAY_COLOUR, 1, Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(x, g.plot.top()), QPointF(x, g.plot.bottom()))
        painter.setPen(text)
        fm = painter.fontMetrics()
        label = self.tr("today")
        width = fm.horizontalAdvance(label) + 4
        painter.drawText(
            QRectF(x - width - 2, g.plot.top(), width, fm.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
            label,
        )

    def _paint_legend(
        self, painter: QPainter, g: ChartGeometry, area: QRectF, text: QColor
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        fm = painter.fontMetrics()
        entries = [
            (self.tr("Raised (cumulative)"), "line"),
            (self.tr("Daily donations"), "bar"),
            (self.tr("Target"), "target"),
        ]
        if self.series is not None and self.series.forecast is not None:
            entries.append((self.tr("Forecast range"), "band"))
        x = g.plot.left()
        y = area.top() + fm.height() * 0.4
        swatch = 18
        for label, kind in entries:
            middle = y + fm.height() / 2
            if kind == "line":
                painter.setPen(QPen(CUMULATIVE_COLOUR, 3))
                painter.drawLine(QPointF(x, middle), QPointF(x + swatch, middle))
            elif kind == "bar":
                painter.fillRect(QRectF(x + 4, middle - 5, swatch - 8, 10), DAILY_COLOUR)
            elif kind == "target":
                painter.setPen(QPen(TARGET_COLOUR, 2, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(x, middle), QPointF(x + swatch, middle))
            else:
                painter.fillRect(QRectF(x, middle - 5, swatch, 10), FORECAST_COLOUR)
            painter.setPen(text)
            width = fm.horizontalAdvance(label)
            painter.drawText(QPointF(x + swatch + 4, y + fm.ascent()), label)
            x += swatch + 4 + width + 14
