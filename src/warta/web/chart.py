"""Server-side SVG bar charts (mentions over time, articles per month): no JS, nothing from the network."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from markupsafe import Markup, escape


def _parse_day(s: str) -> date | None:
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def bucket_counts(days: Sequence[tuple[str, int]]) -> tuple[str, list[tuple[str, int]]]:
    """Daily counts → (granularity, continuous buckets): days for short spans, months, then years.

    Missing buckets are filled with zero so gaps show as gaps rather than being squeezed out.
    """
    parsed = [(d, n) for s, n in days if s and (d := _parse_day(s)) is not None]
    if not parsed:
        # Month or year strings only ("2019-09"): keep them as given.
        rows = sorted((s, n) for s, n in days if s)
        return "period", rows
    lo, hi = min(d for d, _ in parsed), max(d for d, _ in parsed)
    span = (hi - lo).days
    if span <= 92:
        counts: dict[str, int] = {}
        for d, n in parsed:
            counts[d.isoformat()] = counts.get(d.isoformat(), 0) + n
        out, d = [], lo
        while d <= hi:
            out.append((d.isoformat(), counts.get(d.isoformat(), 0)))
            d += timedelta(days=1)
        return "day", out
    if span <= 366 * 6:
        counts = {}
        for d, n in parsed:
            k = f"{d.year:04d}-{d.month:02d}"
            counts[k] = counts.get(k, 0) + n
        out, y, m = [], lo.year, lo.month
        while (y, m) <= (hi.year, hi.month):
            k = f"{y:04d}-{m:02d}"
            out.append((k, counts.get(k, 0)))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return "month", out
    counts = {}
    for d, n in parsed:
        counts[str(d.year)] = counts.get(str(d.year), 0) + n
    return "year", [(str(y), counts.get(str(y), 0)) for y in range(lo.year, hi.year + 1)]


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_period(period: str) -> str:
    """Axis labels: '2019-09-05' → '5 Sep 2019', '2019-09' → 'Sep 2019', anything else unchanged."""
    parts = period.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return period


def bar_chart(buckets: Sequence[tuple[str, int]], *, label: str = "mentions", height: int = 180,
              width: int = 720, fmt: Callable[[str], str] = short_period) -> Markup:
    """An accessible inline SVG bar chart; each bar has a <title> tooltip. Scales to its container."""
    if not buckets:
        return Markup("")
    pad_l, pad_r, pad_t, pad_b = 36, 8, 10, 34
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
    top = max(n for _, n in buckets) or 1
    slot = plot_w / len(buckets)
    bar_w = max(1.0, slot * 0.8)
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" preserveAspectRatio="xMidYMid meet" '
             f'aria-label="{escape(label)} over time: {len(buckets)} periods, highest {top}">']
    # Grid lines at 0, half and top.
    for frac in (0.0, 0.5, 1.0):
        y = pad_t + plot_h * (1 - frac)
        val = round(top * frac)
        parts.append(f'<line class="grid" x1="{pad_l}" x2="{width - pad_r}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="{pad_l - 6}" y="{y + 4:.1f}" text-anchor="end">{val}</text>')
    for i, (period, n) in enumerate(buckets):
        h = plot_h * n / top
        x = pad_l + i * slot + (slot - bar_w) / 2
        y = pad_t + plot_h - h
        parts.append(f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{max(h, 0):.1f}">'
                     f'<title>{escape(fmt(period))}: {n} {escape(label)}</title></rect>')
    # A few x labels: first, last and evenly spaced ones in between.
    step = max(1, -(-len(buckets) // 5))
    shown = sorted(set(range(0, len(buckets), step)) | {len(buckets) - 1})
    if len(shown) > 2 and shown[-1] - shown[-2] < step * 0.8:  # keep the last label clear of its neighbour
        shown.pop(-2)
    for i in shown:
        x = pad_l + i * slot + slot / 2
        anchor = "start" if i == 0 and len(buckets) > 1 else ("end" if i == len(buckets) - 1 and i else "middle")
        parts.append(f'<text class="axis" x="{x:.1f}" y="{height - 12}" text-anchor="{anchor}">'
                     f'{escape(fmt(buckets[i][0]))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
