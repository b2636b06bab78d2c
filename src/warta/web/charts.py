"""Small SVG charts drawn on the server: no JavaScript library, no CDN, every label escaped."""
from __future__ import annotations

import datetime as dt
import math
from html import escape
from urllib.parse import quote


def bar_chart(points: list[tuple[str, int]], width: int = 640, height: int = 180, css: str = "chart") -> str:
    """Vertical bars, one per (label, value), labels under the first and last bar."""
    if not points:
        return f'<svg class="{css}" width="{width}" height="40"><text x="4" y="24">no data</text></svg>'
    top = max(v for _, v in points) or 1
    bar = min(40.0, max(1.0, (width - 40) / len(points)))  # one day is a bar, not a wall
    parts = [f'<svg class="{css}" role="img" width="{width}" height="{height + 30}" viewBox="0 0 {width} {height + 30}">']
    for i, (label, value) in enumerate(points):
        h = (height - 10) * value / top
        x = 30 + i * bar
        parts.append(f'<rect class="bar" x="{x:.1f}" y="{height - h:.1f}" width="{max(bar - 1, 1):.1f}" '
                     f'height="{h:.1f}"><title>{escape(label)}: {value}</title></rect>')
    parts.append(f'<text x="0" y="12" class="axis">{top}</text>')
    parts.append(f'<text x="30" y="{height + 20}" class="axis">{escape(points[0][0])}</text>')
    if len(points) > 1:
        parts.append(f'<text x="{width - 4}" y="{height + 20}" text-anchor="end" class="axis">'
                     f'{escape(points[-1][0])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def network(center: str, neighbours: list[tuple[str, str, str, int]], size: int = 420) -> str:
    """A star: the entity in the middle, co-occurring entities (name, key, label, weight) around it."""
    c = size / 2
    radius = size / 2 - 60
    heaviest = max((w for *_, w in neighbours), default=1) or 1
    parts = [f'<svg class="network" role="img" width="{size}" height="{size}" viewBox="0 0 {size} {size}">']
    spots = []
    for i, (name, key, label, weight) in enumerate(neighbours):
        angle = 2 * math.pi * i / max(len(neighbours), 1) - math.pi / 2
        x, y = c + radius * math.cos(angle), c + radius * math.sin(angle)
        spots.append((x, y, name, key, label))
        parts.append(f'<line x1="{c}" y1="{c}" x2="{x:.1f}" y2="{y:.1f}" '
                     f'stroke-width="{1 + 4 * weight / heaviest:.1f}" class="edge"/>')
    for x, y, name, key, label in spots:
        parts.append(f'<a href="/entities/{escape(quote(key))}"><circle cx="{x:.1f}" cy="{y:.1f}" r="7" '
                     f'class="node {escape(label)}"/><text x="{x:.1f}" y="{y - 11:.1f}" text-anchor="middle">'
                     f'{escape(name[:28])}</text></a>')
    parts.append(f'<circle cx="{c}" cy="{c}" r="12" class="node center"/><text x="{c}" y="{c + 28}" '
                 f'text-anchor="middle" class="center">{escape(center[:32])}</text></svg>')
    return "".join(parts)


def sparkline(counts: list[int], width: int = 120, height: int = 24) -> str:
    """A small line of articles per day (one point a day, from the first to the last)."""
    if not counts:
        return ""
    top = max(counts) or 1
    step = width / max(len(counts) - 1, 1)
    points = " ".join(f"{i * step:.1f},{height - 2 - (height - 4) * c / top:.1f}" for i, c in enumerate(counts))
    if len(counts) == 1:
        points = f"0,{height - 2 - (height - 4):.1f} {width},{height - 2 - (height - 4):.1f}"
    return (f'<svg class="spark" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
            f'<title>{" · ".join(str(c) for c in counts)} articles a day</title>'
            f'<polyline points="{points}" fill="none" class="line"/></svg>')


def per_day_counts(per_day: list[dict]) -> list[int]:
    """Articles per day from the first day to the last (at most 91), days without articles as zero."""
    if not per_day:
        return []
    known = {d["day"]: d["articles"] for d in per_day}
    try:
        lo, hi = dt.date.fromisoformat(min(known)), dt.date.fromisoformat(max(known))
    except ValueError:
        return list(known.values())
    days = min((hi - lo).days, 90)
    return [known.get((lo + dt.timedelta(days=i)).isoformat(), 0) for i in range(days + 1)]
