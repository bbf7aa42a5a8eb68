"""References between the documents of one set: the self-assessment's
table points into the handbook and the regulations.

- in the HTML, every link of the report to another document of the set
  names a heading that exists in that file (handbook.html#item-3, the
  chapter's heading in regulations.html), for every sample with a report;
- in the PDF, each reference carries the page of handbook.pdf or
  regulations.pdf on which that heading is printed (read back from those
  PDFs' text with pdftotext, not from kitei's own numbers), and the link
  opens that file at that page (GoToR, relative file name);
- the printed numbers are those at the foot of the page: front matter
  (cover, revision history, contents) is numbered i, ii …, the body from
  1, and the contents and the PDF's page labels say the same;
- a chapter the company does not write gets neither a link nor a page;
- documents that do not ask for page references (registry page_refs) are
  laid out exactly as before: the handbook's links into the regulations
  stay text only.
"""
import glob
import html
import os
import re
import shutil
import subprocess
import tempfile
import urllib.parse

# tests/run.py, which calls group_xref() with itself (check, run, ROOT, TMP).
R = None

HREF_RE = re.compile(r'<a href="([a-z0-9-]+\.html)#([^"]+)"')
ID_RE = re.compile(r'\sid="([^"]+)"')
HEADING_RE = re.compile(r'<h[1-6] id="([^"]+)"[^>]*>(.*?)</h[1-6]>', re.S)
# In the table's last cell: "3（p. 9）" above "第5章（p. 17）" or "5.（p. 17）".
ITEM_REF_RE = re.compile(r"(?:(?<=\s)|^)(\d+)（p\. (\d+)）")
CHAPTER_REF_RE = re.compile(r"(第\s?\d+\s?章|\d+\.)（p\. (\d+)）")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def pdf_pages(path):
    """The text of each page of a PDF, in order (pdftotext -layout)."""
    out = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True).stdout
    return out.decode("utf-8").split("\f")


def squeeze(s):
    return re.sub(r"\s+", "", s)


def heading_texts(page_html):
    """{id: the heading's text as printed} of an HTML document."""
    out = {}
    for hid, inner in HEADING_RE.findall(page_html):
        text = re.sub(r'<a class="permalink".*?</a>', "", inner, flags=re.S)
        out[html.unescape(hid)] = squeeze(html.unescape(re.sub(r"<[^>]+>", "", text)))
    return out


def pages_with_heading(pages, text):
    """Page numbers (from 1) that print text as a line of its own (or two
    lines, when it wraps): a heading, not a contents entry with leaders."""
    found = []
    for n, page in enumerate(pages, 1):
        lines = [squeeze(l) for l in page.splitlines() if l.strip()]
        pairs = [a + b for a, b in zip(lines, lines[1:])]
        if text in lines or text in pairs:
            found.append(n)
    return found


def table_rows(page_html):
    """[(item, handbook anchor, regulations anchor or None, the chapter
    cell's text)] of the report's item table, in order."""
    table = page_html.rsplit("設問ごとの結果", 1)[-1].split("</table>")[0]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
        last = cells[-1]
        hb = re.search(r'href="handbook\.html#([^"]+)"', last)
        rg = re.search(r'href="regulations\.html#([^"]+)"', last)
        rows.append((int(re.sub(r"<[^>]+>", "", cells[0])), hb and html.unescape(hb.group(1)),
                     rg and html.unescape(rg.group(1)), html.unescape(re.sub(r"<[^>]+>", "", last))))
    return rows


def build(profile, d):
    rc, _, err, _ = R.run(["build", "-q", profile, "-o", d], cwd=R.ROOT)
    return rc, err.decode()


def check_links_resolve(name, d):
    """Every link of the report into another file of the set names an id
    that file has."""
    page = read(os.path.join(d, "self-assessment.html"))
    links = HREF_RE.findall(page)
    bad = []
    for target, frag in links:
        path = os.path.join(d, target)
        ids = set(html.unescape(i) for i in ID_RE.findall(read(path))) if os.path.exists(path) else set()
        if html.unescape(urllib.parse.unquote(frag)) not in ids:
            bad.append(target + "#" + frag)
    R.check("xref: %s: every link of the report names a heading of its target file" % name,
            links and not bad, "%d links; missing: %s" % (len(links), bad[:5]))
    bare = re.findall(r'<a href="(?:handbook|regulations)\.html"', page)
    R.check("xref: %s: no link of the report goes only to the top of a document" % name,
            not bare, str(bare[:3]))


FOLIO_RE = re.compile(r"^\s*(\d+) / \d+\s*$|^\s*([ivxlc]+)\s*$")


def folio(page):
    """The number printed at the foot of a page of pdftotext -layout text:
    "3" for "3 / 25" (the body), "ii" for front matter; None for none."""
    for line in reversed(page.splitlines()):
        m = FOLIO_RE.match(line)
        if m:
            return m.group(1) or m.group(2)
        if line.strip():
            return None
    return None


def printed_at(pages, text):
    """(physical page from 1, folio) of each page that prints text as a heading."""
    return [(n, folio(pages[n - 1])) for n in pages_with_heading(pages, text)]


def check_page_refs(name, d):
    """Each reference in the PDF's table carries the page on which that
    heading is printed in handbook.pdf / regulations.pdf."""
    rows = table_rows(read(os.path.join(d, "self-assessment.html")))
    hb_ids = heading_texts(read(os.path.join(d, "handbook.html")))
    rg_ids = heading_texts(read(os.path.join(d, "regulations.html")))
    hb_pages = pdf_pages(os.path.join(d, "handbook.pdf"))
    rg_pages = pdf_pages(os.path.join(d, "regulations.pdf"))
    text = "\n".join(pdf_pages(os.path.join(d, "self-assessment.pdf")))
    body = text.split("設問ごとの結果")[-1]
    item_refs = [(int(n), int(p)) for n, p in ITEM_REF_RE.findall(body)]
    chapter_refs = [int(p) for _, p in CHAPTER_REF_RE.findall(body)]
    R.check("xref: %s: the PDF gives a handbook page for each of the 25 items, in order" % name,
            [n for n, _ in item_refs] == [r[0] for r in rows if r[1]] and len(item_refs) == 25,
            str(item_refs))
    wrong = []
    for (n, page), row in zip(item_refs, rows):
        where = printed_at(hb_pages, hb_ids.get(row[1], "?"))
        if [f for _, f in where] != [str(page)]:
            wrong.append("item %d: p. %d, heading %r printed on %s" % (n, page, hb_ids.get(row[1]), where))
    R.check("xref: %s: each handbook page is the number printed on the page where the item's heading is, in handbook.pdf" % name,
            item_refs and not wrong, "\n".join(wrong[:5]))
    linked = [r for r in rows if r[2]]
    R.check("xref: %s: the PDF gives a regulations page for each linked chapter, and only for those" % name,
            len(chapter_refs) == len(linked), "%d page references, %d linked chapters" % (len(chapter_refs), len(linked)))
    wrong = []
    for page, row in zip(chapter_refs, linked):
        where = printed_at(rg_pages, rg_ids.get(row[2], "?"))
        if [f for _, f in where] != [str(page)]:
            wrong.append("item %d: p. %d, chapter %r printed on %s" % (row[0], page, rg_ids.get(row[2]), where))
    R.check("xref: %s: each regulations page is the number printed on the page where the chapter's heading is, in regulations.pdf" % name,
            chapter_refs and not wrong, "\n".join(wrong[:5]))


def check_remote_links(name, d):
    """The PDF's references open the other file at that page."""
    q = os.path.join(d, "q.pdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable",
                    os.path.join(d, "self-assessment.pdf"), q], capture_output=True)
    raw = open(q, "rb").read().decode("latin-1")
    acts = re.findall(r"/D \[\s*(\d+)\s*/Fit\s*\]\s*/F \(([^)]*)\)\s*/S /GoToR", raw)
    text = "\n".join(pdf_pages(os.path.join(d, "self-assessment.pdf"))).split("設問ごとの結果")[-1]
    # The printed numbers count from the body; the jump goes to the page
    # of the file that carries that number.
    physical = {}
    for f in ("handbook.pdf", "regulations.pdf"):
        for n, page in enumerate(pdf_pages(os.path.join(d, f)), 1):
            physical.setdefault((f, folio(page)), n)
    shown = sorted([("handbook.pdf", physical.get(("handbook.pdf", p))) for _, p in ITEM_REF_RE.findall(text)] +
                   [("regulations.pdf", physical.get(("regulations.pdf", p))) for _, p in CHAPTER_REF_RE.findall(text)])
    got = sorted((f, int(p) + 1) for p, f in acts)
    # A reference broken over two lines has one link area per line.
    R.check("xref: %s: each page reference is a link to that page of that file (GoToR, relative name)" % name,
            shown and sorted(set(got)) == sorted(set(shown)) and len(got) >= len(shown),
            "shown %s\nlinks %s" % (shown[:6], got[:6]))


LEADER_RE = re.compile(r"^(.*?)‥+(\d+)$")


def page_labels(path):
    """The PDF's /PageLabels as [(first page index, style)]."""
    import json
    out = subprocess.run(["qpdf", "--json", "--json-key=pagelabels", path], capture_output=True).stdout
    return [(e["index"], e["label"].get("/S")) for e in json.loads(out).get("pagelabels", [])]


def check_contents(name, path, html_path):
    """The contents list the number printed on each heading's page; the
    front matter (cover, revision history, contents) is numbered i, ii …
    and the body from 1, in the folios and in the PDF's page labels."""
    pages = pdf_pages(path)
    headings = set(heading_texts(read(html_path)).values())
    entries, wrong = 0, []
    for page in pages:
        for line in page.splitlines():
            m = LEADER_RE.match(squeeze(line))
            if not m or m.group(1) not in headings:
                continue
            entries += 1
            where = printed_at(pages, m.group(1))
            if [f for _, f in where] != [m.group(2)]:
                wrong.append("%s: contents %s, printed on %s" % (m.group(1), m.group(2), where))
    R.check("xref: %s: the contents give the number printed on each heading's page" % name,
            entries >= 10 and not wrong, "%d entries\n%s" % (entries, "\n".join(wrong[:5])))
    folios = [folio(p) for p in pages if p.strip()]
    front = next((i for i, f in enumerate(folios) if f == "1"), None)
    roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]
    R.check("xref: %s: front matter is numbered i, ii …, the body 1, 2 … from its first page" % name,
            front is not None and front >= 1 and all(f in (None, roman[k]) for k, f in enumerate(folios[:front]))
            and [f for f in folios[front:]] == [str(k) for k in range(1, len(folios) - front + 1)],
            str(folios))
    R.check("xref: %s: the page labels say the same (/r from page 1, /D from the body's first page)" % name,
            page_labels(path) == [(0, "/r"), (front, "/D")], "%s, body from %s" % (page_labels(path), front))


def group_xref(runner):
    global R
    R = runner
    d = tempfile.mkdtemp(prefix="xref-", dir=R.TMP)
    try:
        reports = 0
        for profile in sorted(glob.glob(os.path.join(R.ROOT, "content", "*.yaml"))):
            name = os.path.basename(profile)[:-5]
            out = os.path.join(d, name)
            rc, err = build(profile, out)
            if not R.check("xref: %s builds" % name, rc == 0, err):
                continue
            for doc in ("handbook", "regulations"):
                if os.path.exists(os.path.join(out, doc + ".pdf")):
                    check_contents("%s %s" % (name, doc), os.path.join(out, doc + ".pdf"),
                                   os.path.join(out, doc + ".html"))
            if not os.path.exists(os.path.join(out, "self-assessment.html")):
                continue
            if "設問ごとの結果" not in read(os.path.join(out, "self-assessment.html")):
                continue  # a blank form: no round, no table
            reports += 1
            check_links_resolve(name, out)
            if "（p. " in "".join(pdf_pages(os.path.join(out, "self-assessment.pdf"))):
                check_page_refs(name, out)
                check_remote_links(name, out)
        R.check("xref: at least two samples have a report with the item table", reports >= 2, str(reports))
        aoba = os.path.join(d, "aoba-seisakusho")
        R.check("xref: the report of 青葉 shows page references", os.path.exists(aoba) and
                "（p. " in "".join(pdf_pages(os.path.join(aoba, "self-assessment.pdf"))))
        hb = open(os.path.join(aoba, "handbook.pdf"), "rb").read()
        R.check("xref: the handbook (no page_refs in the registry) keeps its links to the regulations as text",
                b"GoToR" not in hb and "（p. " not in "".join(pdf_pages(os.path.join(aoba, "handbook.pdf"))))
        check_missing_chapter(d)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def check_missing_chapter(d):
    """A chapter the company does not write: no link, no page."""
    src = read(os.path.join(R.ROOT, "content", "aoba-seisakusho.yaml"))
    # Item 1 and item 2 are addressed by IT基盤運用管理 (it_operations).
    changed = re.sub(r"(\n    it_operations:\n      status: )\S+", r"\1作成不要", src, count=1)
    if not R.check("xref: the fixture leaves out the chapter IT基盤運用管理", changed != src,
                   "no it_operations status in the profile"):
        return
    case = os.path.join(d, "case")
    os.makedirs(os.path.join(case, "content"))
    profile = os.path.join(case, "content", "aoba-seisakusho.yaml")
    with open(profile, "w", encoding="utf-8") as f:
        f.write(changed)
    if os.path.isdir(os.path.join(R.ROOT, "content", "aoba-seisakusho")):
        shutil.copytree(os.path.join(R.ROOT, "content", "aoba-seisakusho"),
                        os.path.join(case, "content", "aoba-seisakusho"))
    out = os.path.join(case, "out")
    rc, err = build(profile, out)
    if not R.check("xref: 青葉 without IT基盤運用管理 builds", rc == 0, err):
        return
    rows = table_rows(read(os.path.join(out, "self-assessment.html")))
    row1 = rows[0]
    R.check("xref: a chapter not written is named （作成不要） without a link",
            row1[2] is None and "（作成不要）" in row1[3], str(row1))
    text = "\n".join(pdf_pages(os.path.join(out, "self-assessment.pdf")))
    body = squeeze(text.split("設問ごとの結果")[-1])
    R.check("xref: a chapter not written gets no page reference in the PDF",
            "（作成不要）（p." not in body and re.search(r"1（p\.\d+）（作成不要）", body) is not None,
            body[:400])
    check_links_resolve("青葉 without IT基盤運用管理", out)
    check_page_refs("青葉 without IT基盤運用管理", out)
