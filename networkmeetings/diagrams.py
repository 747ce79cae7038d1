"""Layouts of the genogram and the timeline for server-rendered SVG. The same data is always shown as a
plain list beside the drawing, so the SVG is a picture and not the only way to read it."""

from __future__ import annotations

from dataclasses import dataclass

BOX = 36
GAP_X = 110
GAP_Y = 100
MARGIN = 50


@dataclass
class Node:
    pk: int
    name: str
    gender: str
    is_child: bool
    x: int
    y: int


def genogram_layout(people, relations) -> dict:
    """Places people in rows by generation, in the order they were entered; relations become lines."""
    rows: dict[int, list] = {}
    for person in people:
        rows.setdefault(person.generation, []).append(person)
    generations = sorted(rows)
    widest = max((len(r) for r in rows.values()), default=0)
    width = max(2 * MARGIN + max(widest - 1, 0) * GAP_X + BOX, 320)
    nodes: dict[int, Node] = {}
    for row_index, generation in enumerate(generations):
        row = rows[generation]
        row_width = (len(row) - 1) * GAP_X
        start = (width - row_width) // 2
        for i, person in enumerate(row):
            nodes[person.pk] = Node(
                pk=person.pk,
                name=person.name,
                gender=person.gender,
                is_child=person.is_child,
                x=start + i * GAP_X,
                y=MARGIN + row_index * GAP_Y,
            )
    lines = []
    for relation in relations:
        a, b = nodes.get(relation.source_id), nodes.get(relation.target_id)
        if a is None or b is None:
            continue
        lines.append({"x1": a.x, "y1": a.y, "x2": b.x, "y2": b.y, "kind": relation.kind})
    height = MARGIN * 2 + max(len(generations) - 1, 0) * GAP_Y + 20
    return {"width": width, "height": height, "nodes": list(nodes.values()), "lines": lines, "half": BOX // 2}


def timeline_layout(events) -> dict:
    """Events on a horizontal line, evenly spaced in order, labels above and below in turn."""
    events = list(events)
    step = 140
    width = max(2 * MARGIN + max(len(events) - 1, 0) * step, 320)
    axis_y = 90
    points = []
    for i, event in enumerate(events):
        label = f"{event.month}/{event.year}" if event.month else str(event.year)
        points.append(
            {
                "x": MARGIN + i * step,
                "date": label,
                "text": event.text if len(event.text) <= 22 else event.text[:21] + "…",
                "text_y": axis_y - 30 if i % 2 == 0 else axis_y + 40,
                "date_y": axis_y - 14 if i % 2 == 0 else axis_y + 24,
            }
        )
    return {"width": width, "height": 160, "axis_y": axis_y, "points": points, "right": width - MARGIN + 20}
