#!/usr/bin/env python3
"""md2typ: convert a GFM Markdown file to Typst markup for the benchmark.

This pandoc (2.17) has no Typst writer, so we read pandoc's JSON AST
(`pandoc -f gfm -t json`) and print Typst ourselves. Only the node types
that bench/policy16.md uses are handled (headings, paragraphs, bullet and
numbered lists, GFM tables, inline code, strong/emphasis, links, code
blocks); anything else is rendered as its plain text.

The page set-up matches bench/style.css, the CSS given to WeasyPrint and
Chromium: A4, 20 mm margins, IPAex Mincho 10.5 pt, Gothic headings,
0.5 pt table rules.

usage: md2typ.py IN.md > OUT.typ      (needs pandoc on PATH)
"""
import json
import subprocess
import sys

PREAMBLE = """\
#set page(paper: "a4", margin: 20mm)
#set text(font: "IPAexMincho", lang: "ja", region: "jp", size: 10.5pt,
          top-edge: "ascender", bottom-edge: "descender")
// CSS line-height 1.7 = 1em glyph box + 0.7em leading; p margin 0.5em
#set par(justify: true, leading: 0.7em)
#show par: set block(spacing: 1.2em)
#show heading: set text(font: "IPAexGothic", weight: "regular")
#show heading.where(level: 1): set text(size: 16pt)
#show heading.where(level: 2): set text(size: 13pt)
#show heading.where(level: 3): set text(size: 11pt)
#show heading: set block(above: 1.4em, below: 0.8em)
#show strong: set text(font: "IPAexGothic", weight: "regular")
#show raw: set text(font: ("DejaVu Sans Mono", "IPAexGothic"), size: 9.5pt)
#set table(stroke: 0.5pt, inset: (x: 4pt, y: 3pt))
#show table: set text(size: 9.5pt)
#show table: set par(leading: 0.5em, justify: false)
#set list(indent: 0.8em)
#set enum(indent: 0.8em)

"""

ASCII_PUNCT = set("\\/[]{}#*_+=-~`$\"'<>@()!%&,.:;?^|")


def esc(s):
    """Escape text for Typst markup: every ASCII punctuation gets a backslash."""
    return "".join("\\" + c if c in ASCII_PUNCT else c for c in s)


def tstr(s):
    """A Typst string literal."""
    return json.dumps(s, ensure_ascii=False)


def plain(inls):
    out = []
    for i in inls:
        t, c = i["t"], i.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t in ("Code", "Math"):
            out.append(c[1] if t == "Code" else c[1])
        elif t in ("Strong", "Emph", "Strikeout", "Underline", "SmallCaps",
                   "Superscript", "Subscript"):
            out.append(plain(c))
        elif t in ("Link", "Image"):
            out.append(plain(c[1]))
        elif t in ("Quoted",):
            out.append(plain(c[1]))
        elif t == "Span":
            out.append(plain(c[1]))
    return "".join(out)


def inlines(inls):
    out = []
    for i in inls:
        t, c = i["t"], i.get("c")
        if t == "Str":
            out.append(esc(c))
        elif t in ("Space", "SoftBreak"):
            out.append(" ")
        elif t == "LineBreak":
            out.append(" \\\n")
        elif t == "Code":
            out.append("#raw(%s)" % tstr(c[1]))
        elif t == "Strong":
            out.append("#strong[%s]" % inlines(c))
        elif t == "Emph":
            out.append("#emph[%s]" % inlines(c))
        elif t == "Strikeout":
            out.append("#strike[%s]" % inlines(c))
        elif t == "Link":
            out.append("#link(%s)[%s]" % (tstr(c[2][0]), inlines(c[1])))
        elif t == "Image":
            out.append(esc(plain(c[1])))
        elif t == "Span":
            out.append(inlines(c[1]))
        elif t == "Quoted":
            q = "“%s”" if c[0]["t"] == "DoubleQuote" else "‘%s’"
            out.append(q % inlines(c[1]))
        else:
            out.append(esc(plain([i])))
    return "".join(out)


def indent(text, n):
    pad = " " * n
    return "\n".join(pad + l if l else l for l in text.split("\n"))


def list_items(items, marker):
    out = []
    for item in items:
        body = blocks(item, tight=True).strip("\n")
        first, _, rest = body.partition("\n")
        s = marker + " " + first
        if rest:
            s += "\n" + indent(rest, len(marker) + 1)
        out.append(s)
    return "\n".join(out)


def cell_text(cell):
    # pandoc >= 2.10 cell: [attr, align, rowspan, colspan, blocks]
    return blocks(cell[4], tight=True).strip()


def table(c):
    colspecs = c[2]
    head = c[3][1]
    bodies = c[4]
    rows = []
    for r in head:
        rows.append((True, [cell_text(x) for x in r[1]]))
    for b in bodies:
        for r in b[2] + b[3]:
            rows.append((False, [cell_text(x) for x in r[1]]))
    ncol = len(colspecs)
    # column widths in proportion to the longest cell text, as browsers do
    weight = [1] * ncol
    for _, cells in rows:
        for k, t in enumerate(cells[:ncol]):
            weight[k] = max(weight[k], min(len(t), 40))
    cols = ", ".join("%dfr" % max(3, w) for w in weight)
    out = ["#table(", "  columns: (%s)," % cols,
           "  fill: (col, row) => if row < %d { luma(238) }," % len(head)]
    for is_head, cells in rows:
        for t in cells:
            out.append("  [%s]," % t)
    out.append(")")
    return "\n".join(out)


def block(b, tight=False):
    t, c = b["t"], b.get("c")
    if t in ("Para", "Plain"):
        return inlines(c)
    if t == "Header":
        return "=" * c[0] + " " + inlines(c[2])
    if t == "BulletList":
        return list_items(c, "-")
    if t == "OrderedList":
        start = c[0][0]
        items = list_items(c[1], "+")
        if start != 1:
            items = "#set enum(start: %d)\n" % start + items
        return items
    if t == "CodeBlock":
        return "#raw(block: true, %s)" % tstr(c[1])
    if t == "BlockQuote":
        return "#quote(block: true)[\n%s\n]" % blocks(c)
    if t == "Table":
        return table(c)
    if t == "HorizontalRule":
        return "#line(length: 100%)"
    if t == "Div":
        return blocks(c[1])
    if t == "LineBlock":
        return " \\\n".join(inlines(l) for l in c)
    return ""


def blocks(bs, tight=False):
    sep = "\n" if tight else "\n\n"
    parts = [block(b, tight) for b in bs]
    # a tight list item with a nested list: keep them in one item
    return sep.join(p for p in parts if p)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    ast = json.loads(subprocess.run(
        ["pandoc", "-f", "gfm", "-t", "json", argv[1]],
        check=True, capture_output=True).stdout)
    sys.stdout.write(PREAMBLE + blocks(ast["blocks"]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
