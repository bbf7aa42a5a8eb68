#!/usr/bin/env python3
"""bench/luatexja.py — line breaking beside LuaTeX-ja (issue 16, item 3).

Sets every plain paragraph of bench/policy16.md (not headings, lists or
tables; inline markup stripped) twice at the same measure, 42 characters
of 10.5 pt IPAex明朝 (441 pt) with a one-character first-line indent:

- kitei: `kitei render --dump` of the paragraph alone;
- LuaTeX-ja: its class ltjsarticle (JIS X 4051 rules through its JFM)
  under LuaLaTeX, each paragraph on a page of its own, read back with
  pdftotext.

and prints, per paragraph and in sum, the lines each needs and whether the
two break at the same places.  "Looser" means more lines for the same
text (characters pushed out where the other pulls them in).

  python3 bench/luatexja.py [KITEI]        (needs lualatex and LuaTeX-ja:
                                           texlive-luatex, texlive-lang-japanese)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def paragraphs(md):
    out = []
    for block in re.split(r"\n\s*\n", md):
        b = block.strip()
        if not b or re.match(r"(#|\||- |\* |\d+\. |> |```|\[//\])", b):
            continue
        b = " ".join(l.strip() for l in b.splitlines())
        b = re.sub(r"\*\*(.*?)\*\*", r"\1", b)
        b = re.sub(r"`([^`]*)`", r"\1", b)
        b = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", b)
        out.append(b)
    return out


def squeeze(s):
    return re.sub(r"\s+", "", s)


def kitei_lines(kitei, text, tmp):
    path = os.path.join(tmp, "p.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    out = subprocess.run([kitei, "render", path, "--dump"], capture_output=True,
                         check=True).stdout.decode()
    return [squeeze(l) for l in out.splitlines()[1:] if l.strip()]


# ltjsarticle (LuaTeX-ja's own class; jlreq needs texlive-latex-extra's
# everyhook) at kitei's geometry: 10.5 pt on 18.375 pt, a 42-character
# measure (441 pt), 1-character indent (10.5 pt).
TEX_HEAD = r"""\documentclass[a4paper,10.5pt]{ltjsarticle}
\usepackage[ipaex,scale=1]{luatexja-preset}
\setlength{\textwidth}{441pt}
\setlength{\parindent}{10.5pt}
\pagestyle{empty}
\begin{document}
\fontsize{10.5pt}{18.375pt}\selectfont
"""


def tex_escape(s):
    return re.sub(r"([%#&_$^{}~\\])", r"\\\1", s)


def luatexja_lines(texts, tmp):
    src = os.path.join(tmp, "p.tex")
    with open(src, "w", encoding="utf-8") as f:
        f.write(TEX_HEAD)
        for t in texts:
            f.write(tex_escape(t) + "\n\\clearpage\n")
        f.write("\\end{document}\n")
    subprocess.run(["lualatex", "-interaction=batchmode", "p.tex"], cwd=tmp,
                   capture_output=True)
    out = subprocess.run(["pdftotext", "-layout", os.path.join(tmp, "p.pdf"), "-"],
                         capture_output=True).stdout.decode()
    pages = out.split("\f")
    return [[squeeze(l) for l in p.splitlines() if l.strip()] for p in pages[:len(texts)]]


def main(argv):
    kitei = os.path.abspath(argv[1] if len(argv) > 1 else os.path.join(ROOT, "kitei"))
    if not shutil.which("lualatex"):
        print("lualatex is not installed (texlive-luatex, texlive-lang-japanese)")
        return 1
    with open(os.path.join(ROOT, "bench", "policy16.md"), encoding="utf-8") as f:
        texts = paragraphs(f.read())
    tmp = tempfile.mkdtemp(prefix="kitei-luatexja-")
    try:
        lt = luatexja_lines(texts, tmp)
        rows, same, looser, tighter, equal = [], 0, 0, 0, 0
        for n, t in enumerate(texts, 1):
            k = kitei_lines(kitei, t, tmp)
            j = lt[n - 1]
            if "".join(k) != "".join(j):
                print("paragraph %d: the two texts differ (markup?): skipped" % n, file=sys.stderr)
                continue
            equal += len(k) == len(j)
            looser += len(k) > len(j)
            tighter += len(k) < len(j)
            same += k == j
            rows.append((n, len(k), len(j), k == j))
        print("| paragraphs | same breaks | same number of lines | kitei more lines (looser) | kitei fewer lines |")
        print("|---:|---:|---:|---:|---:|")
        print("| %d | %d | %d | %d | %d |" % (len(rows), same, equal, looser, tighter))
        print()
        print("| paragraph | kitei lines | LuaTeX-ja lines | same breaks |")
        print("|---:|---:|---:|---|")
        for n, a, b, s in rows:
            print("| %d | %d | %d | %s |" % (n, a, b, "yes" if s else "no"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
