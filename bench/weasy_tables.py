#!/usr/bin/env python3
"""The table measures of bench/measure.py, taken from WeasyPrint's own layout.
    python3 bench/weasy_tables.py FILE.html
Lays the HTML out with WeasyPrint's Python API and walks its boxes: for
every table row, the most lines any of its cells holds (summed: table text
lines), cells of three or more lines, and cells of two or more lines whose
last line holds one character (stops and closing brackets not counted) —
the figures kitei's dump gives for kitei, so the two can stand side by side.
A row split over two pages counts once per page, as kitei's dump does.
"""
import re
import sys

from weasyprint import HTML
from weasyprint.formatting_structure import boxes


def lines_of(box):
    """The line boxes inside box, in order."""
    out = []
    for child in getattr(box, "children", []):
        if isinstance(child, boxes.LineBox):
            out.append(child)
        else:
            out.extend(lines_of(child))
    return out


def text_of(box):
    if isinstance(box, boxes.TextBox):
        return box.text
    return "".join(text_of(c) for c in getattr(box, "children", []))


def rows_of(box):
    for child in getattr(box, "children", []):
        if isinstance(child, boxes.TableRowBox):
            yield child
        else:
            yield from rows_of(child)


def main(path):
    doc = HTML(path).render()
    lines = cells3 = onechar = 0
    for page in doc.pages:
        for row in rows_of(page._page_box):
            most = 0
            for cell in row.children:
                ls = [l for l in lines_of(cell) if text_of(l).strip()]
                most = max(most, len(ls))
                if len(ls) >= 3:
                    cells3 += 1
                if len(ls) >= 2 and len(re.sub(r"[、。，．）」』】\s]", "", text_of(ls[-1]))) <= 1:
                    onechar += 1
            lines += most
    print("%s\tpages %d\ttable lines %d\tcells of 3+ lines %d\tone-character last lines %d"
          % (path, len(doc.pages), lines, cells3, onechar))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
