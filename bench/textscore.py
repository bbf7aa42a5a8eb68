#!/usr/bin/env python3
"""textscore: how much of a Markdown file's text a PDF gives back, and
how many kinsoku (Japanese line-breaking) violations its lines show.

usage: textscore.py SOURCE.md OUT.pdf
prints one line:  <order%> <kinsoku> <md_chars> <pdf_chars>

order%   the share of the Markdown's plain text (Markdown marks stripped,
         whitespace removed, NFKC-normalised) that `pdftotext` returns in
         the same order: a longest-common-subsequence ratio, computed with
         difflib.SequenceMatcher chunk by chunk so that 30k characters take
         well under a second. Text the PDF adds (page numbers, headers) does
         not lower it; text that is missing, garbled or out of order does.
kinsoku  lines of `pdftotext -layout` output that start with a character
         that must not start a line (、。，．）」』】〕〉》ー・：；？！ and
         small kana) or end with one that must not end a line (（「『【〔〈《).
         Table columns that -layout puts side by side (3+ spaces apart) are
         checked as lines of their own.
"""
import difflib
import re
import subprocess
import sys
import unicodedata

NO_START = set("、。，．）」』】〕〉》ー・：；？！ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ")
NO_END = set("（「『【〔〈《")

CHUNK = 400          # Markdown characters compared at a time
SLACK = 200          # extra PDF characters looked at beyond each chunk
ANCHOR = 12          # characters searched for to get back in step
MIN_RUN = 3          # shortest run of equal characters that counts
SOLID_RUN = 8        # runs this long mark where the next chunk starts


def md_plain(md):
    out = []
    for line in md.split("\n"):
        if re.match(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", line):
            continue                                  # table delimiter row
        line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)  # heading marks
        line = re.sub(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+", "", line)  # list markers
        line = re.sub(r"^\s*>\s?", "", line)           # block quotes
        line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)  # links, images
        line = re.sub(r"<(https?://[^>]+)>", r"\1", line)        # autolinks
        line = line.replace("|", " ")
        line = re.sub(r"(\*\*|__|~~|`)", "", line)
        line = re.sub(r"(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)", "", line)
        out.append(line)
    return squash("\n".join(out))


def squash(text):
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text)


def pdftotext(pdf, layout):
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [pdf, "-"]
    r = subprocess.run(args, capture_output=True)
    return r.stdout.decode("utf-8", "replace")


def order_score(src, got):
    """Characters of src found in got in the same order (greedy, chunked LCS)."""
    matched, pos = 0, 0
    for i in range(0, len(src), CHUNK):
        chunk = src[i:i + CHUNK]
        n, end = match_at(chunk, got, pos)
        if n < len(chunk) // 2:
            # out of step (the PDF inserted or moved text): look further on
            # for a piece of this chunk and try again from there
            for k in range(0, len(chunk) - ANCHOR + 1, ANCHOR):
                hit = got.find(chunk[k:k + ANCHOR], pos)
                if hit >= 0:
                    n2, end2 = match_at(chunk, got, max(pos, hit - k - SLACK))
                    if n2 > n:
                        n, end = n2, end2
                    break
        # a chunk that matches only scattered single characters was not found
        if n >= len(chunk) // 10:
            matched += n
            pos = end
    return matched


def match_at(chunk, got, pos):
    window = got[pos:pos + len(chunk) * 2 + SLACK]
    sm = difflib.SequenceMatcher(None, chunk, window, autojunk=False)
    # runs of 1-2 characters are mostly chance (、の …): not counted
    blocks = [b for b in sm.get_matching_blocks() if b.size >= MIN_RUN]
    if not blocks:
        return 0, pos
    # go on after the last solid run, not after a stray late match
    solid = [b for b in blocks if b.size >= SOLID_RUN] or blocks
    return sum(b.size for b in blocks), pos + solid[-1].b + solid[-1].size


def kinsoku(layout_text):
    bad = 0
    for line in layout_text.split("\n"):
        for seg in re.split(r" {3,}", line.strip()):
            seg = seg.strip()
            if not seg:
                continue
            if seg[0] in NO_START or seg[-1] in NO_END:
                bad += 1
    return bad


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        src = md_plain(f.read())
    got = squash(pdftotext(argv[2], layout=False))
    n = order_score(src, got)
    k = kinsoku(pdftotext(argv[2], layout=True))
    print("%.1f %d %d %d" % (100.0 * n / max(1, len(src)), k, len(src), len(got)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
