"""The report's plots, drawn with matplotlib as SVG text to inline in report.html."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence

from miles_site.study.dose import phase_column

TEAL, ORANGE, GREY = "#1d5a63", "#b4521d", "#6b7b7e"


def _svg(figure: object) -> str:
    """Render a figure to SVG markup without the XML prologue, text kept as text."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "miles"}):
        figure.savefig(buffer, format="svg", bbox_inches="tight")  # type: ignore[attr-defined]
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _figure(width: float, height: float) -> object:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100)


def sessions_heatmap(weekly: dict[str, Counter[int]], weeks: int) -> str:
    """Sessions per trial week for every participant, as a heat map."""
    participants = sorted(weekly)
    grid = [[weekly[p].get(week, 0) for week in range(1, weeks + 1)] for p in participants]
    figure = _figure(min(14, 2 + weeks * 0.22), max(2.0, 0.5 + 0.18 * len(participants)))
    axes = figure.add_subplot()  # type: ignore[attr-defined]
    image = axes.imshow(grid or [[0]], aspect="auto", cmap="Blues", interpolation="nearest")
    axes.set_xlabel("Week van het onderzoek")
    axes.set_yticks(range(len(participants)), participants, fontsize=7)
    axes.set_xticks(range(0, weeks, max(1, weeks // 13)))
    axes.set_xticklabels([str(w + 1) for w in range(0, weeks, max(1, weeks // 13))])
    figure.colorbar(image, ax=axes, label="Sessies")  # type: ignore[attr-defined]
    return _svg(figure)


def phase_coverage(rows: Sequence[dict[str, object]], phases: Sequence[str]) -> str:
    """How many participants read at least one page of each phase."""
    labels = [*phases, ""]
    reached = [sum(1 for row in rows if int(str(row[phase_column(p)])) > 0) for p in labels]
    figure = _figure(7, 3)
    axes = figure.add_subplot()  # type: ignore[attr-defined]
    axes.barh([p or "zonder fase" for p in labels], reached, color=TEAL)
    axes.invert_yaxis()
    axes.set_xlabel("Deelnemers die minstens één pagina lazen")
    axes.set_xlim(0, max(1, len(rows)))
    return _svg(figure)


def weekly_overview(weekly: dict[str, Counter[int]], weeks: int) -> str:
    """Active participants and sessions in each week of the trial."""
    week_numbers = list(range(1, weeks + 1))
    active = [sum(1 for c in weekly.values() if c.get(w)) for w in week_numbers]
    sessions = [sum(c.get(w, 0) for c in weekly.values()) for w in week_numbers]
    figure = _figure(9, 3)
    axes = figure.add_subplot()  # type: ignore[attr-defined]
    axes.plot(week_numbers, sessions, color=TEAL, label="Sessies")
    axes.plot(week_numbers, active, color=ORANGE, linestyle="--", label="Actieve deelnemers")
    axes.set_xlabel("Week van het onderzoek")
    axes.set_ylim(bottom=0)
    axes.grid(color=GREY, alpha=0.3)
    axes.legend()
    return _svg(figure)
