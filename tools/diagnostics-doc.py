#!/usr/bin/env python3
"""Writes docs/diagnostics.md from the message catalogue in src/base/diag.h.
usage: tools/diagnostics-doc.py [OUT]   (default: stdout)"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEAD = """# Diagnostics

Every message kitei prints comes from one catalogue, `DIAG_CATALOGUE` in
`src/base/diag.h`; this page is generated from it (`make docs`).

## Form

    FILE:LINE:COL: error: 何が誤りか
        ヒント: どう直すか

- `error:` and `warning:` are English keywords, so that editors and CI log
  parsers recognise the lines; the text after them is Japanese, the language
  of the documents and of the people who edit the profiles.
- Key names, values and template tags are quoted **as written** in the
  input (`company.name`, `{{#if …}}`, `wareky`), never translated, so a
  message can be searched for in the file.
- Lines and columns count from 1; columns count characters, not bytes
  (`株式会社` is four columns).
- A position is where the author can fix the problem: the profile value
  for a wrong value or a character no font has; the template line for a
  template mistake (expanded Markdown is mapped back to its template); the
  place a quote or bracket was opened for an unclosed one.
- Every problem is reported in one run, sorted by file and position; the
  same message is not printed twice; after 200 errors the rest are counted
  but not printed. The exit status is 1 when any error was reported, and no
  file is written or changed.

## Catalogue

| id | severity | text |
|---|---|---|
"""
SEV = {"SEV_ERROR": "error", "SEV_WARNING": "warning", "SEV_HINT": "hint"}


def main():
    src = open(os.path.join(ROOT, "src", "base", "diag.h"), encoding="utf-8").read()
    rows = re.findall(r'X\((\w+),\s*(SEV_\w+),\s*"((?:[^"\\]|\\.)*)"\)', src)
    out = HEAD
    for ident, sev, text in rows:
        text = text.replace('\\"', '"').replace("|", "\\|")
        out += "| `%s` | %s | %s |\n" % (ident, SEV[sev], text)
    if len(sys.argv) > 1:
        open(sys.argv[1], "w", encoding="utf-8").write(out)
    else:
        sys.stdout.write(out)


if __name__ == "__main__":
    main()
