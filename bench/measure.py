#!/usr/bin/env python3
"""Typesetting measures for kitei's output (issue 16).

    python3 bench/measure.py pages FILE.pdf ...
        For each PDF: pages, and the emptiest page that is neither the last
        page nor followed by a page opening with a chapter title (a level-1
        heading, recognised by its size) — the share of the text area left
        empty below its last line.  Read from `pdftotext -bbox`, so any PDF
        with kitei's page geometry can be measured.

    python3 bench/measure.py tables DUMP.items ...
        For each `kitei render --dump=items` output: table text lines (every
        body cell line counted once per row, i.e. the row heights in lines
        summed), cells of three or more lines, and cells whose last line
        holds a single character.  A table row is recognised by its 0.5 pt
        vertical rules; the text between two of them is one cell.

The test group "pages" imports page_report() to hold every sample document
to "no page over a quarter empty".
"""
import re
import subprocess
import sys

# Text area of kitei's two papers: (page height, top, text height, body size).
GEOMETRY = {842: (76.0, 693.89, 10.5), 595: (56.0, 483.28, 9.0)}


def _words(pdf):
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True,
                         check=True).stdout.decode("utf-8", "replace")
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>',
                         out, re.S):
        words = [tuple(float(v) for v in w.groups()[:4]) for w in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">',
            m.group(3))]
        pages.append((float(m.group(2)), words))
    return pages


def page_report(pdf):
    """Returns (pages, worst share empty, its page number from 1 or 0)."""
    pages = _words(pdf)
    info = []
    for h, words in pages:
        top, text_h, body = GEOMETRY.get(round(h), GEOMETRY[842])
        bottom = top + text_h
        # Running header (above top) and page number (below bottom) aside.
        body_words = [w for w in words if w[1] > top - 2 and w[3] < bottom + 2]
        last = max((w[3] for w in body_words), default=top)
        first = min(body_words, key=lambda w: (w[1], w[0]), default=None)
        opens_chapter = first is not None and first[3] - first[1] > body * 1.4
        info.append(((bottom - last) / text_h, opens_chapter))
    worst, at = 0.0, 0
    for i in range(len(info) - 1):
        if info[i + 1][1]:
            continue
        if info[i][0] > worst:
            worst, at = info[i][0], i + 1
    return len(pages), worst, at


def table_report(dump):
    """Returns (table text lines, cells of 3+ lines, one-character last lines)."""
    lines = cells3 = onechar = 0
    for page in re.split(r"^page \d+/\d+\n", dump, flags=re.M)[1:]:
        rules, texts = [], []
        for l in page.splitlines():
            p = l.split()
            if p[0] == "rule" and p[1] == p[3] and p[5] == "w0.50":
                rules.append((float(p[1]), float(p[2]), float(p[4])))
            elif p[0] == "text":
                s = l[l.index('"') + 1:l.rindex('"')]
                texts.append((float(p[1]), float(p[2]), s))
        rows = {}
        for x, y0, y1 in rules:
            rows.setdefault((y0, y1), set()).add(x)
        for (y0, y1), xs in rows.items():
            xs = sorted(xs)
            if len(xs) < 2:
                continue
            inside = [t for t in texts if y0 < t[1] < y1 and xs[0] <= t[0] < xs[-1]]
            header = False
            row_lines = 0
            for a, b in zip(xs, xs[1:]):
                cell = {}
                for x, y, s in inside:
                    if a <= x < b:
                        cell[y] = cell.get(y, "") + s
                if not cell:
                    continue
                n = len(cell)
                row_lines = max(row_lines, n)
                if n >= 3:
                    cells3 += 1
                last = cell[max(cell)]
                if n >= 2 and len(re.sub(r"[、。，．）」』】\s]", "", last)) <= 1:
                    onechar += 1
            lines += row_lines
    return lines, cells3, onechar


def main(argv):
    if len(argv) < 3 or argv[1] not in ("pages", "tables"):
        sys.exit(__doc__)
    for f in argv[2:]:
        if argv[1] == "pages":
            n, worst, at = page_report(f)
            print("%s\tpages %d\temptiest non-final page %d: %.0f%% empty" %
                  (f, n, at, worst * 100))
        else:
            with open(f, encoding="utf-8") as fh:
                print("%s\ttable lines %d\tcells of 3+ lines %d\tone-character last lines %d" %
                      ((f,) + table_report(fh.read())))


if __name__ == "__main__":
    main(sys.argv)
