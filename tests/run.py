#!/usr/bin/env python3
"""kitei's test driver.  Runs every group, prints one line per failure and
ends with "N passed, N failed".

usage: tests/run.py [GROUP ...]      groups: spec due compare cli pdf html originality keys …

Spec files (tests/spec/*.spec) hold cases that read as specifications:

    === a short name of the case
    --- cmd
    render in.md --dump --line-chars 10
    --- in.md
    the input file (any name; templates/... lands in the case's templates)
    --- stdout
    what kitei prints (compared exactly, trailing blank lines ignored)
    --- stderr
    its diagnostics ("CASE/" stands for the case folder)
    --- exit
    1

A section "--- gen NAME" holds one Python expression whose value (a str)
is written to NAME: for pathological inputs too big to keep literally, e.g.
    --- gen deep.yaml
    "a:\n" + "".join(" " * (i + 1) + "- \n" for i in range(10000))

Everything up to the next "---" or "===" line belongs to the section above
it, so explanations go in the case header, between "=== name" and the
first "---" line (where they are ignored).

Each case runs in a fresh folder that holds a copy of the repository's
templates/, so a case can replace one template or schema file.  Sections
not given are not checked (but exit defaults to 0).  KITEI_WRAP (e.g. a
valgrind command) is put in front of every kitei run.
"""
import collections
import glob
import random
import html
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KITEI = os.path.abspath(os.path.join(ROOT, os.environ.get("KITEI_BIN", "kitei")))
WRAP = shlex.split(os.environ.get("KITEI_WRAP", ""))
TMP = os.path.join(ROOT, "tests", "tmp")
SHARED = os.path.join(os.path.dirname(ROOT), "shared")

passed = 0
failed = 0


def ok(name):
    global passed
    passed += 1


def fail(name, why):
    global failed
    failed += 1
    print("FAIL %s\n%s" % (name, "\n".join("    " + l for l in why.rstrip().splitlines())))


def check(name, cond, why=""):
    if cond:
        ok(name)
    else:
        fail(name, why or "condition false")
    return cond


def run(args, cwd=None, timeout=120, wrap=True, env=None):
    cmd = (WRAP if wrap else []) + [KITEI] + args
    t = time.time()
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return 124, b"", b"timeout", time.time() - t
    return p.returncode, p.stdout, p.stderr, time.time() - t


# ---- spec files ----

def parse_spec(path):
    cases, case, section = [], None, None
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if line.startswith("=== "):
                case = {"name": line[4:].strip(), "line": lineno, "sections": {}, "order": []}
                cases.append(case)
                section = None
                continue
            if line.startswith("--- ") and case is not None:
                section = line[4:].strip()
                case["sections"][section] = ""
                case["order"].append(section)
                continue
            if case is not None and section is not None:
                case["sections"][section] += line
    return cases


def norm(text):
    return "\n".join(l.rstrip() for l in text.rstrip("\n").splitlines())


def run_case(specname, case):
    name = "%s:%d: %s" % (os.path.relpath(specname, ROOT), case["line"], case["name"])
    d = tempfile.mkdtemp(prefix="case-", dir=TMP)
    try:
        shutil.copytree(os.path.join(ROOT, "templates"), os.path.join(d, "templates"))
        for sec in case["order"]:
            if sec in ("cmd", "stdout", "stderr", "exit", "timeout", "files"):
                continue
            data = case["sections"][sec]
            p = os.path.join(d, sec)
            if not sec.startswith("gen "):
                os.makedirs(os.path.dirname(p), exist_ok=True)
            if sec.startswith("gen "):
                p = os.path.join(d, sec[4:].strip())
                os.makedirs(os.path.dirname(p), exist_ok=True)
                with open(p, "w", encoding="utf-8") as f:
                    f.write(eval(data.strip(), {}))
            elif sec.endswith(".hex"):
                with open(p[:-4], "wb") as f:
                    f.write(bytes.fromhex("".join(data.split())))
            else:
                with open(p, "w", encoding="utf-8") as f:
                    f.write(data)
        args = shlex.split(case["sections"].get("cmd", "").strip())
        limit = float(case["sections"].get("timeout", "60").strip() or 60)
        rc, out, err, secs = run(args, cwd=d, timeout=limit)
        problems = []
        want_rc = int(case["sections"].get("exit", "0").strip() or 0)
        if rc != want_rc:
            problems.append("exit %d, expected %d" % (rc, want_rc))
        for stream, got in (("stdout", out), ("stderr", err)):
            if stream in case["sections"]:
                got = got.decode("utf-8", "replace").replace(d + "/", "CASE/")
                if norm(got) != norm(case["sections"][stream]):
                    problems.append("%s differs:\n--- expected\n%s\n--- got\n%s" % (
                        stream, norm(case["sections"][stream]), norm(got)))
        if "files" in case["sections"]:
            got = sorted(os.path.relpath(os.path.join(r, f), d)
                         for r, _, fs in os.walk(d) for f in fs
                         if not os.path.relpath(os.path.join(r, f), d).startswith("templates/"))
            want = sorted(case["sections"]["files"].split())
            if got != want:
                problems.append("files: %s, expected %s" % (got, want))
        if problems:
            fail(name, "\n".join(problems))
        else:
            ok(name)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def group_spec():
    skipped = 0
    for spec in sorted(glob.glob(os.path.join(ROOT, "tests", "spec", "*.spec"))):
        for case in parse_spec(spec):
            # A case with its own time limit is a pathological input (a
            # cost that must stay linear); under valgrind, which runs
            # kitei some 30 times slower, the time says nothing, and the
            # sanitizer run (make check-asan) covers its memory.
            if WRAP and "timeout" in case["sections"]:
                skipped += 1
                continue
            run_case(spec, case)
    if skipped:
        print("note: %d time-limited spec cases left to the plain and sanitizer runs" % skipped)


# ---- whole documents: the PDF checks ----

NO_START = set("、。，．）〕］｝〉》」』】〙〗〟’”ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ・：；？！")
NO_END = set("（〔［｛〈《「『【〘〖〝‘“")


def kinsoku_violations(text):
    bad = []
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        # pdftotext -layout may put two columns on one line: check each run.
        for part in re.split(r"\s{2,}", s):
            if part and part[0] in NO_START:
                bad.append("starts: " + part[:30])
            if part and part[-1] in NO_END:
                bad.append("ends: " + part[-30:])
    return bad


def tool(args):
    p = subprocess.run(args, capture_output=True)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check_pdf(name, path, title="情報セキュリティ"):
    rc, out, err = tool(["pdffonts", path])
    rows = [l for l in out.splitlines()[2:] if l.strip()]
    check(name + ": pdffonts lists fonts", rc == 0 and rows, out + err)
    for r in rows:
        cols = r.split()
        # name type... emb sub uni object ID: the three flags precede the object id
        check(name + ": font embedded, subset, unicode: " + cols[0],
              cols[-5:-2] == ["yes", "yes", "yes"], r)
    rc, out, err = tool(["pdftotext", path, "-"])
    check(name + ": pdftotext without warnings", rc == 0 and err.strip() == "", err)
    check(name + ": pdftotext gives Japanese text", title in out, out[:200])
    rc, out, err = tool(["qpdf", "--check", path])
    check(name + ": qpdf --check", rc == 0 and "No syntax or stream encoding errors" in out, out + err)
    rc, out, err = tool(["pdftotext", "-layout", path, "-"])
    bad = kinsoku_violations(out)
    check(name + ": kinsoku in pdftotext -layout", not bad, "\n".join(bad[:10]))
    rc, out, err = tool(["pdfinfo", path])
    check(name + ": Japanese title in the document information",
          re.search(r"^Title:\s+" + re.escape(title), out, re.M) is not None, out)


# The forms of templates/documents.yaml (kind form or ledger) and their titles.
FORM_TITLES = {
    "receipts": "受領確認書", "pledges": "誓約書", "takeout-log": "持出し記録簿",
    "disposal-log": "記録媒体の廃棄記録", "mynumber-log": "特定個人情報の取扱記録",
    "training-record": "教育受講記録", "contractors": "委託先一覧",
    "contractor-checklist": "委託先評価チェックリスト", "incident-report": "インシデント報告書",
    "exceptions-log": "例外承認記録",
}


def struct_tree(path):
    """Walks a PDF's structure tree from qpdf --json.  Returns (catalog,
    elements as (type, parent type, kids), problems found on the way)."""
    rc, out, err = tool(["qpdf", "--json", path])
    objs = __import__("json").loads(out)["qpdf"][1]

    def get(ref):
        o = objs.get("obj:" + ref) if isinstance(ref, str) and ref.endswith(" R") else None
        if o is None:
            return ref
        return o["value"] if "value" in o else o["stream"]["dict"]

    cat = get(objs["trailer"]["value"]["/Root"])
    problems, elems = [], []
    page_key = {}
    for ref, o in objs.items():
        v = o.get("value")
        if isinstance(v, dict) and v.get("/Type") == "/Page":
            page_key[ref[4:]] = v.get("/StructParents")
    root = get(cat.get("/StructTreeRoot"))
    if not isinstance(root, dict):
        return cat, elems, ["no /StructTreeRoot"]
    nums = get(get(root["/ParentTree"])["/Nums"])
    ptree = {nums[i]: nums[i + 1] for i in range(0, len(nums), 2)}

    def walk(ref, parent_ref, parent_type, depth):
        e = get(ref)
        if e.get("/P") != parent_ref:
            problems.append("%s: /P is not its parent" % e.get("/S"))
        kids = get(e.get("/K", []))
        kids = kids if isinstance(kids, list) else [kids]
        types = []
        for k in kids:
            kv = get(k)
            if isinstance(kv, int):
                key = page_key.get(e.get("/Pg"))
                if ptree.get(key, [None] * (kv + 1))[kv] != ref:
                    problems.append("%s: MCID %d not in the parent tree" % (e["/S"], kv))
            elif isinstance(kv, dict) and kv.get("/Type") == "/MCR":
                key = page_key.get(kv["/Pg"])
                if ptree.get(key, [None] * (kv["/MCID"] + 1))[kv["/MCID"]] != ref:
                    problems.append("%s: MCID %s not in the parent tree" % (e["/S"], kv["/MCID"]))
            elif isinstance(kv, dict) and kv.get("/Type") == "/OBJR":
                annot = get(kv["/Obj"])
                if ptree.get(annot.get("/StructParent")) != ref:
                    problems.append("%s: annotation not in the parent tree" % e["/S"])
            elif isinstance(kv, dict) and kv.get("/Type") == "/StructElem":
                types.append(kv["/S"])
                walk(k, ref, e["/S"], depth + 1)
        elems.append((e["/S"], parent_type, types))

    walk(root["/K"], cat["/StructTreeRoot"], None, 0)
    return cat, elems, problems


def check_tagged(name, path, needs):
    """A tagged PDF: a structure tree that a walk from the root finds
    whole and consistent with the parent tree, in the shapes PDF asks
    for (TR in Table, TH/TD in TR, LI in L, Lbl and LBody in LI)."""
    rc, out, err = tool(["pdfinfo", path])
    check(name + ": pdfinfo says Tagged: yes", re.search(r"^Tagged:\s+yes", out, re.M), out)
    cat, elems, problems = struct_tree(path)
    check(name + ": structure tree consistent with the parent tree", not problems,
          "\n".join(problems[:10]))
    check(name + ": /Lang ja-JP, /MarkInfo, XMP, DisplayDocTitle",
          "ja-JP" in str(cat.get("/Lang")) and "/MarkInfo" in cat and "/Metadata" in cat
          and "/ViewerPreferences" in cat, str(cat))
    found = {t for t, _, _ in elems}
    check(name + ": the root is Document", elems and elems[-1][0] == "/Document", str(elems[-1:]))
    check(name + ": structure types " + " ".join(sorted(needs)),
          {"/" + t for t in needs} <= found, str(sorted(found)))
    bad = [(t, p) for t, p, _ in elems if
           (t == "/TR" and p != "/Table") or (t in ("/TH", "/TD") and p != "/TR") or
           (t == "/LI" and p != "/L") or (t in ("/Lbl", "/LBody") and p != "/LI")]
    check(name + ": tables and lists nest as PDF defines", not bad, str(bad[:5]))


def pdf_lines(path):
    """(page, xMin, text, k) of every text line pdftotext finds, in order;
    k counts the lines of a page from 0 (the running head's)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", path, "-"], capture_output=True).stdout.decode()
    lines = []
    for page, body in enumerate(out.split("<page ")[1:], 1):
        for k, m in enumerate(re.finditer(r'<line xMin="([\d.]+)"[^>]*>(.*?)</line>', body, re.S)):
            lines.append((page, float(m.group(1)), "".join(re.findall(r">([^<]*)</word>", m.group(2))), k))
    return lines


def check_article_layout(name, path, em=10.5):
    """Statute style: under 第n条 the text stands one character in, a 項 number
    (２) hangs in that margin, and a 号 (一) stands in with its own text one
    step further; in the PDF as set."""
    lines = pdf_lines(path)
    starts = [i for i, l in enumerate(lines) if re.match(r"第1条（", l[2])]
    if not check(name + ": has 第1条", starts, ""):
        return
    i = starts[-1]                      # the body's, not the contents'
    margin = lines[i][1]
    block = []
    for l in lines[i + 1:]:
        if l[3] == 0 or re.match(r"第\d+章", l[2]) or l[1] > margin + 200:
            continue                    # running head, page number
        block.append(l)
        if re.match(r"第4条（", l[2]):
            break
    near = lambda x, want: abs(x - want) < 0.6
    para = [l for l in block if not re.match(r"(第\d+条（|２$|[一二三四五六七八九])", l[2])]
    first_chars = [l for l in para if near(l[1], margin + em)]
    check(name + ": an article's paragraph lines stand one character in",
          len(first_chars) >= 4 and all(l[1] > margin + 1 for l in para), str(para[:6]))
    hang = [k for k, l in enumerate(block) if l[2] == "２"]
    check(name + ": a 項 number hangs in the article's margin",
          hang and all(near(block[k][1], margin) for k in hang)
          and near(block[hang[0] + 2][1], margin + em), str(block[:12]))
    items = [k for k, l in enumerate(block) if re.match(r"[一二三四五六七八九]", l[2])]
    check(name + ": a 号 stands in, its continuation one step further",
          items and all(block[k][1] >= margin + em - 0.6 for k in items)
          and any(block[k + 1][1] > block[k][1] + em * 0.9 for k in items if k + 1 < len(block)),
          str([block[k] for k in items[:3]]))


def check_page_fill(name, path):
    """No page ends more than a quarter empty unless the document ends or
    a chapter starts on the next page (bench/measure.py reads the PDF)."""
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import measure
    pages, worst, at = measure.page_report(path)
    check(name + ": no page over a quarter empty before a non-forced break",
          worst <= 0.25, "page %d of %d is %.0f%% empty" % (at, pages, worst * 100))


# Text area (top, height) of each paper kitei sets, by page size in points.
PAPERS = {(595, 842): (76.0, 693.89), (420, 595): (56.0, 483.28),
          (842, 595): (62.0, 475.28), (1191, 842): (62.0, 721.89)}


def check_grid(name, dump, pdf):
    """Text documents are set on a page grid (jlreq 2.4): every line of
    body-size text, in paragraphs, lists, quotes, the contents and forms,
    stands on one of the grid's lines (1.75 em apart, the first baseline
    1.255 em below the text area's top), none below the last line that
    fits the text area, and pages full of text end on that line.  `dump`
    is the document's `kitei build --dump=items`, `pdf` the PDF (for its
    paper)."""
    rc, out, _ = tool(["pdfinfo", pdf])
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", out)
    top, height = PAPERS.get((round(float(m.group(1))), round(float(m.group(2)))), (None, None))
    if not check(name + ": is on a paper kitei knows", top is not None, out):
        return
    pages = re.split(r"^page \d+/\d+\n", dump, flags=re.M)[1:]
    body = 10.5 if re.search(r'^  text \S+ \S+ \w+ 10\.50 "', dump, re.M) else 9.0
    pitch = body * 1.75
    first = top + body * 1.255
    last = first + (int(height / pitch + 0.001) - 1) * pitch
    off, below, ends = [], [], collections.Counter()
    for n, page in enumerate(pages, 1):
        ys = [float(m.group(1)) for m in re.finditer(
            r'^  text \S+ ([\d.]+) \w+ %.2f "' % body, page, re.M)]
        ys = [y for y in ys if top < y < top + height]   # not the cover's lines
        for y in ys:
            k = (y - first) / pitch
            if abs(k - round(k)) * pitch > 0.02:
                off.append((n, y))
            if y > last + 0.02:
                below.append((n, y))
        if ys:
            ends[round(max(ys), 2)] += 1
    check(name + ": every body line stands on the page grid", not off, str(off[:6]))
    check(name + ": no body line below the grid's last line", not below, str(below[:6]))
    # In the long documents of running text (the handbook, the
    # regulations) pages fill to the last line; reports of tables end
    # pages where a table starts.
    if len(pages) > 5:
        check(name + ": pages full of text end on the grid's last line (%.2f)" % last,
              round(last, 2) in ends, str(ends.most_common(3)))


def group_pdf():
    profiles = sorted(glob.glob(os.path.join(ROOT, "content", "*.yaml")))
    check("pdf: at least three sample companies", len(profiles) >= 3, str(profiles))
    for prof in profiles:
        stem = os.path.basename(prof)[:-5]
        a = tempfile.mkdtemp(prefix="pdf-a-", dir=TMP)
        b = tempfile.mkdtemp(prefix="pdf-b-", dir="/tmp")
        try:
            rc, _, err, _ = run(["build", "-q", prof, "-o", os.path.join(a, "x")])
            if not check("pdf: %s builds" % stem, rc == 0, err.decode()):
                continue
            files = sorted(os.listdir(os.path.join(a, "x")))
            core = {"policy.pdf", "policy.html", "handbook.pdf", "handbook.html",
                    "regulations.pdf", "regulations.html", "regulations-checksheet.xlsx",
                    "index.html"}
            check("pdf: %s writes the core documents of the registry" % stem,
                  core <= set(files), str(files))
            # Companies with an asset ledger also get the risk report and its workbook.
            ledger = "\nassets:" in open(prof, encoding="utf-8").read()
            check("pdf: %s has the risk report and the ledger workbook exactly when it has a ledger" % stem,
                  ({"risk.pdf", "risk.html", "assets.xlsx"} <= set(files)) == ledger
                  and ("risk.pdf" in files) == ledger, str(files))
            # Every PDF the registry made passes the same checks; the three
            # core documents also show their characteristic structure tags.
            tags = {"policy": {"Document", "P", "L", "LI", "Lbl", "LBody"},
                    "handbook": {"Document", "H1", "H2", "P", "L", "LI"},
                    "regulations": {"Document", "H1", "H2", "P", "Table", "TR", "TH",
                                    "TD", "L", "LI", "TOC", "TOCI", "Link"}}
            for doc in sorted(f[:-4] for f in files if f.endswith(".pdf")):
                check_pdf("pdf: %s/%s" % (stem, doc), os.path.join(a, "x", doc + ".pdf"),
                          FORM_TITLES.get(doc, "情報セキュリティ"))
                if doc not in FORM_TITLES:	# forms break pages where the paper asks
                    check_page_fill("pdf: %s/%s" % (stem, doc), os.path.join(a, "x", doc + ".pdf"))
                check_tagged("pdf: %s/%s" % (stem, doc), os.path.join(a, "x", doc + ".pdf"),
                             tags.get(doc, {"Document"}))
            rc, out, err, _ = run(["build", "-q", "--dump=items", prof, "-o", os.path.join(a, "d")])
            for m in re.finditer(r"^== (.+?)\.pdf\n(.*?)(?=^== |\Z)", out.decode(), re.M | re.S):
                if m.group(1) not in FORM_TITLES:
                    check_grid("pdf: %s/%s" % (stem, m.group(1)), m.group(2),
                               os.path.join(a, "x", m.group(1) + ".pdf"))
            if re.search(r"numbering: articles", open(prof, encoding="utf-8").read()):
                check_article_layout("pdf: %s/regulations" % stem, os.path.join(a, "x", "regulations.pdf"))
            rc, out, _ = tool(["pdfinfo", os.path.join(a, "x", "policy.pdf")])
            check("pdf: %s basic policy is one page" % stem, re.search(r"^Pages:\s+1$", out, re.M), out)
            # The same input elsewhere, from another working directory.
            shutil.copytree(os.path.join(ROOT, "templates"), os.path.join(b, "templates"))
            shutil.copy(prof, os.path.join(b, "p.yaml"))
            extra = os.path.join(os.path.dirname(prof), stem)
            if os.path.isdir(extra):
                shutil.copytree(extra, os.path.join(b, "p"))
            rc, _, err, _ = run(["build", "-q", "p.yaml", "-o", "y"], cwd=b)
            for f in files:
                same = rc == 0 and open(os.path.join(a, "x", f), "rb").read() == \
                    open(os.path.join(b, "y", f), "rb").read()
                check("pdf: %s/%s is byte-identical when built elsewhere" % (stem, f), same, err.decode())
            # On one core the main thread writes every PDF itself; on more,
            # worker threads write them (cmd/build_pdf.c): the same bytes.
            one = os.path.join(b, "one")
            p = subprocess.run(["taskset", "-c", "0"] + WRAP + [KITEI, "build", "-q", prof, "-o", one],
                               capture_output=True, timeout=120)
            differ = [f for f in files if p.returncode != 0 or not os.path.exists(os.path.join(one, f))
                      or open(os.path.join(a, "x", f), "rb").read() != open(os.path.join(one, f), "rb").read()]
            check("pdf: %s builds byte-identically on one core (no worker threads)" % stem,
                  not differ, p.stderr.decode() + " " + str(differ))
        finally:
            shutil.rmtree(a, ignore_errors=True)
            shutil.rmtree(b, ignore_errors=True)


# ---- the command line ----

def group_cli():
    d = tempfile.mkdtemp(prefix="cli-", dir=TMP)
    try:
        rc, out, _, _ = run(["--help"])
        check("cli: --help exits 0 and documents the exit status", rc == 0 and "終了ステータス" in out.decode(), out.decode())
        rc, out, _, _ = run(["--version"])
        check("cli: --version", rc == 0 and out.decode().startswith("kitei "), out.decode())
        rc, _, err, _ = run([])
        check("cli: no command is a usage error (2)", rc == 2, err.decode())
        rc, _, err, _ = run(["frobnicate"])
        check("cli: an unknown command is a usage error (2)", rc == 2, err.decode())
        rc, _, err, _ = run(["build", "--bogus", "x.yaml"])
        check("cli: an unknown option is a usage error (2)", rc == 2 and "--bogus" in err.decode(), err.decode())
        rc, _, err, _ = run(["check", os.path.join(d, "missing.yaml")], cwd=ROOT)
        check("cli: a missing profile is an input error (1) naming the file",
              rc == 1 and "missing.yaml: error:" in err.decode(), err.decode())
        bad = os.path.join(d, "bad.yaml")
        with open(bad, "w") as f:
            f.write("company:\n  name: [unclosed\n")
        rc, _, err, _ = run(["check", bad], cwd=ROOT)
        check("cli: invalid YAML gives file:line:col: error: and exit 1",
              rc == 1 and re.search(re.escape(bad) + r":\d+:\d+: error: ", err.decode()), err.decode())
        out = os.path.join(d, "out")
        rc, _, err, _ = run(["build", "-q", bad, "-o", out], cwd=ROOT)
        check("cli: a failed build writes nothing", rc == 1 and not os.path.exists(out), err.decode())
        # A good build, then a bad one into the same folder: nothing changes.
        good = os.path.join(ROOT, "content", "aoba-seisakusho.yaml")
        rc, _, err, _ = run(["build", "-q", good, "-o", out], cwd=ROOT)
        check("cli: a good build succeeds", rc == 0, err.decode())
        before = {f: open(os.path.join(out, f), "rb").read() for f in os.listdir(out)}
        broken = os.path.join(d, "aoba-seisakusho.yaml")
        with open(good, encoding="utf-8") as f:
            text = f.read()
        with open(broken, "w", encoding="utf-8") as f:
            f.write(text.replace("date_style:", "date_stile:", 1))
        rc, _, err, _ = run(["build", "-q", broken, "-o", out], cwd=ROOT)
        after = {f: open(os.path.join(out, f), "rb").read() for f in os.listdir(out)}
        check("cli: a failed build leaves the previous output byte-identical",
              rc == 1 and before == after, err.decode())
        check("cli: the schema error suggests the right key",
              "もしかして date_style ですか" in err.decode(), err.decode())
        # kitei init writes a starter that passes check and builds.
        rc, _, err, _ = run(["init", "sample", "-o", os.path.join(d, "sample.yaml")], cwd=ROOT)
        check("cli: init writes a starter profile", rc == 0, err.decode())
        rc, _, err, _ = run(["check", os.path.join(d, "sample.yaml")], cwd=ROOT)
        check("cli: the starter profile passes check", rc == 0, err.decode())
        rc, _, err, _ = run(["build", "-q", os.path.join(d, "sample.yaml"), "-o", os.path.join(d, "s")], cwd=ROOT)
        check("cli: the starter profile builds", rc == 0, err.decode())
        rc, _, err, _ = run(["init", "sample", "-o", os.path.join(d, "sample.yaml")], cwd=ROOT)
        check("cli: init never overwrites", rc == 1, err.decode())
        # Which paragraphs hang is decided once: the HTML agrees with the PDF
        # (markdown.spec pins the PDF side).
        md = os.path.join(d, "hang.md")
        with open(md, "w", encoding="utf-8") as f:
            f.write("（注）　注記。\n\n２　項の段落。\n\n（注記）で始まる段落。\n")
        rc, _, err, _ = run(["render", md, "-o", os.path.join(d, "hang.html")])
        page = open(os.path.join(d, "hang.html"), encoding="utf-8").read() if rc == 0 else ""
        check("cli: HTML hangs the same paragraphs as the PDF",
              '<p class="item">（注）' in page and '<p class="item">２' in page and "<p>（注記）" in page,
              err.decode() + page[-600:])
        # Landscape paper for ledgers and comparisons.
        rc, _, err, _ = run(["render", md, "--paper", "a4-landscape", "-o", os.path.join(d, "wide.pdf")])
        info = subprocess.run(["pdfinfo", os.path.join(d, "wide.pdf")], capture_output=True).stdout.decode() if rc == 0 else ""
        check("cli: --paper a4-landscape sets an A4 page on its side", "841.89 x 595.28" in info, err.decode() + info)
        rc, _, err, _ = run(["render", md, "--paper", "b5", "-o", os.path.join(d, "b5.pdf")])
        check("cli: an unknown paper is a usage error naming the papers", rc == 2 and "a3-landscape" in err.decode(), err.decode())
        # render sets the document information from its options; XMP escapes it.
        md = os.path.join(d, "meta.md")
        with open(md, "w", encoding="utf-8") as f:
            f.write("# 規程 <第2版> & 付録\n\n本文。\n")
        pdf = os.path.join(d, "meta.pdf")
        rc, _, err, _ = run(["render", md, "-o", pdf, "--author", "株式会社テスト & 管理部",
                             "--subject", "情報セキュリティ関連規程"])
        _, info, _ = tool(["pdfinfo", pdf])
        check("cli: render --author and --subject set Author and Subject",
              rc == 0 and re.search(r"^Author:\s+株式会社テスト & 管理部$", info, re.M)
              and re.search(r"^Subject:\s+情報セキュリティ関連規程$", info, re.M), err.decode() + info)
        # Links print black: no colour operator in the page content.
        with open(md, "w", encoding="utf-8") as f:
            f.write("# 規程\n\n詳細は[手順書](https://example.jp/a)を参照する。\n")
        run(["render", md, "-o", pdf])
        qdf = os.path.join(d, "meta-qdf.pdf")
        tool(["qpdf", "--qdf", pdf, qdf])
        with open(qdf, "rb") as f:
            content = f.read()
        check("cli: link text is drawn without colour (no rg operator); the annotations stay",
              re.search(rb" rg\s", content) is None and content.count(b"/Subtype /Link") == 1,
              "rg or annotations")
        with open(md, "w", encoding="utf-8") as f:
            f.write("# 規程 <第2版> & 付録\n\n本文。\n")
        run(["render", md, "-o", pdf, "--author", "株式会社テスト & 管理部",
             "--subject", "情報セキュリティ関連規程"])
        _, xmp, _ = tool(["pdfinfo", "-meta", pdf])
        check("cli: the XMP metadata holds the title, escaped",
              "規程 &lt;第2版&gt; &amp; 付録" in xmp and "株式会社テスト &amp; 管理部" in xmp, xmp)
        # docs/profile.md is generated from the schema and kept in step.
        rc, out, err, _ = run(["schema-doc"], cwd=ROOT)
        with open(os.path.join(ROOT, "docs", "profile.md"), encoding="utf-8") as f:
            check("cli: docs/profile.md matches the schema (make docs)", rc == 0 and out.decode() == f.read(), err.decode())
        p = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "diagnostics-doc.py")],
                           capture_output=True)
        with open(os.path.join(ROOT, "docs", "diagnostics.md"), encoding="utf-8") as f:
            check("cli: docs/diagnostics.md matches the message catalogue (make docs)",
                  p.returncode == 0 and p.stdout.decode() == f.read(), p.stderr.decode())
        # render writes lang="ja" unless --lang names another language.
        md = os.path.join(d, "en.md")
        open(md, "w", encoding="utf-8").write("# Notes\n\nPlain English.\n")
        langs = []
        for args in ([], ["--lang", "en"], ["--lang", "zh-Hant"]):
            rc, _, err, _ = run(["render", md, "-o", os.path.join(d, "en.html")] + args, cwd=ROOT)
            page = open(os.path.join(d, "en.html"), encoding="utf-8").read() if rc == 0 else ""
            langs.append(re.findall(r'<html lang="([^"]*)">', page))
        check("cli: render --lang sets the HTML's language (default ja)",
              langs == [["ja"], ["en"], ["zh-Hant"]], str(langs))
        rc, _, err, _ = run(["render", md, "-o", os.path.join(d, "x.html"), "--lang", 'e"n'], cwd=ROOT)
        check("cli: render --lang refuses what is not a language tag (2)",
              rc == 2 and "言語タグ" in err.decode() and not os.path.exists(os.path.join(d, "x.html")), err.decode())
    finally:
        shutil.rmtree(d, ignore_errors=True)


def group_originality():
    tool_path = os.path.join(SHARED, "tools", "originality")
    if not os.path.exists(tool_path):
        print("note: %s not found; originality not checked" % tool_path)
        return
    p = subprocess.run([tool_path, "templates", "content"], cwd=ROOT, capture_output=True)
    out = p.stdout.decode() + p.stderr.decode()
    check("originality: templates and content share no run with the references",
          p.returncode == 0, out[-3000:])


def group_html():
    script = os.path.join(ROOT, "tests", "html", "check.mjs")
    if not os.path.exists(script):
        return
    p = subprocess.run(["node", script], cwd=ROOT, capture_output=True)
    for line in p.stdout.decode().splitlines():
        if line.startswith("ok "):
            ok(line)
        elif line.startswith("not ok "):
            fail(line[7:], "")
    if p.returncode not in (0, 1):
        fail("html: browser checks ran", p.stderr.decode()[-2000:])


def snapshot(folder):
    return {f: open(os.path.join(folder, f), "rb").read() for f in sorted(os.listdir(folder))}


def refused_link(name, profile, out):
    """A build whose company Markdown goes through a symbolic link fails."""
    rc, _, err, _ = run(["build", "-q", profile, "-o", out], cwd=ROOT)
    check(name, rc == 1 and "シンボリックリンク" in err.decode() and not os.path.exists(out),
          err.decode())


def group_robust():
    import resource
    import signal
    d = tempfile.mkdtemp(prefix="robust-", dir=TMP)
    try:
        src = os.path.join(ROOT, "content", "kumo-systems.yaml")
        out = os.path.join(d, "out")
        rc, _, err, _ = run(["build", "-q", src, "-o", out], cwd=ROOT)
        check("robust: first build", rc == 0, err.decode())
        old = snapshot(out)
        # A second version of the profile: every document changes.
        text = open(src, encoding="utf-8").read()
        v2 = os.path.join(d, "kumo-systems.yaml")
        with open(v2, "w", encoding="utf-8") as f:
            f.write(re.sub(r"(?m)^(  version: ).*$", r'\1"9.9"', text, count=1)
                    if re.search(r"(?m)^  version: ", text) else text.replace("policy:\n", 'policy:\n  version: "9.9"\n', 1))
        new_dir = os.path.join(d, "new")
        rc, _, err, _ = run(["build", "-q", v2, "-o", new_dir], cwd=ROOT)
        new = snapshot(new_dir)
        check("robust: the second version differs", rc == 0 and new != old, err.decode())

        # A full disk: the file size limit makes a write fail.
        def small_files():
            resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
        p = subprocess.run(WRAP + [KITEI, "build", "-q", v2, "-o", out], cwd=ROOT,
                           capture_output=True, preexec_fn=small_files)
        check("robust: a write that fails (RLIMIT_FSIZE) is an error naming the file",
              p.returncode == 1 and "error:" in p.stderr.decode() and "out/" in p.stderr.decode(),
              p.stderr.decode())
        check("robust: ... and leaves the previous files byte-identical, no temporary file",
              snapshot(out) == old, str(sorted(snapshot(out))))

        # SIGKILL at many moments of a build.
        rnd = random.Random(7)
        leftovers = set()
        for k in range(12):
            delay = rnd.uniform(0, 0.25)
            p = subprocess.Popen([KITEI, "build", "-q", v2, "-o", out], cwd=ROOT,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            p.send_signal(signal.SIGKILL)
            p.wait()
            now = snapshot(out)
            temps = [f for f in now if f.startswith(".kitei-")]
            leftovers.update(temps)
            whole = all(now.get(f) in (old.get(f), new.get(f)) for f in old)
            check("robust: SIGKILL after %.3f s leaves every file whole (old or new)" % delay,
                  whole and set(f for f in now if not f.startswith(".")) == set(old), str(sorted(now)))
        rc, _, err, _ = run(["build", "-q", v2, "-o", out], cwd=ROOT)
        after = snapshot(out)
        check("robust: the next build completes and removes any temporary file",
              rc == 0 and after == new, str(sorted(after)))
        if leftovers:
            print("note: %d distinct named temporary file(s) seen after a SIGKILL in the commit window"
                  " (removed by the next build)" % len(leftovers))

        # Fonts and characters.
        fonts = os.path.join(d, "fonts")
        os.makedirs(fonts)
        with open(os.path.join(fonts, "ipaexm.ttf"), "wb") as f:
            f.write(b"\0\1\0\0" + bytes(rnd.getrandbits(8) for _ in range(4096)))
        md = os.path.join(d, "x.md")
        with open(md, "w", encoding="utf-8") as f:
            f.write("# 見出し\n\n本文です。\n")
        rc, _, err, _ = run(["render", md, "-o", os.path.join(d, "x.pdf"), "--fonts", fonts])
        check("robust: a corrupt font file is an error naming it",
              rc == 1 and "ipaexm.ttf: error:" in err.decode() and not os.path.exists(os.path.join(d, "x.pdf")),
              err.decode())
        with open(md, "w", encoding="utf-8") as f:
            f.write("# 見出し\n\n吉野家の「𠮷」は表外字です。\n")
        rc, out_, err, _ = run(["render", md, "--dump"])
        check("robust: a character above U+FFFF that no font has is replaced by 〓 with a warning naming it",
              rc == 0 and "U+20BB7" in err.decode() and "warning:" in err.decode()
              and "「〓」" in out_.decode(), err.decode() + out_.decode())
        # 𠀋 (U+2000B) and 𠂉 (U+20089) are among IPAex's 308 glyphs beyond the BMP.
        with open(md, "w", encoding="utf-8") as f:
            f.write("# 見出し\n\n表外字の𠀋と𠂉を使う。\n")
        sup_pdf = os.path.join(d, "sup.pdf")
        rc, _, err, _ = run(["render", md, "-o", sup_pdf])
        back = subprocess.run(["pdftotext", sup_pdf, "-"], capture_output=True)
        check("robust: a character above U+FFFF that the font has is drawn and read back exactly",
              rc == 0 and not err.strip() and "表外字の𠀋と𠂉を使う。" in back.stdout.decode()
              and not back.stderr.strip(), err.decode() + back.stdout.decode() + back.stderr.decode())
        with open(md, "w", encoding="utf-8") as f:
            f.write("# 見出し\n\nタイ文字 \u0e01 はフォントにありません。\n")
        rc, _, err, _ = run(["render", md, "-o", os.path.join(d, "y.pdf")])
        check("robust: a character no font has is an error naming it",
              rc == 1 and "U+0E01" in err.decode() and not os.path.exists(os.path.join(d, "y.pdf")),
              err.decode())

        # Paths: a company file that is a symbolic link is refused.
        comp = os.path.join(d, "c")
        os.makedirs(os.path.join(comp, "kumo-systems"))
        shutil.copy(src, os.path.join(comp, "kumo-systems.yaml"))
        os.symlink("/etc/passwd", os.path.join(comp, "kumo-systems", "handbook_rules.md"))
        refused_link("robust: a company file that is a symbolic link is refused",
                     os.path.join(comp, "kumo-systems.yaml"), os.path.join(d, "o2"))
        # An include that is a symbolic link out of templates/ is refused.
        tl = os.path.join(d, "tl")
        shutil.copytree(os.path.join(ROOT, "templates"), tl)
        os.symlink("/etc/hostname", os.path.join(tl, "fragments", "evil.md"))
        with open(os.path.join(tl, "policy.md"), "w") as f:
            f.write("{{> fragments/evil.md}}\n")
        rc, _, err, _ = run(["build", "-q", src, "--templates", tl, "-o", os.path.join(d, "o4")], cwd=ROOT)
        check("robust: an include that is a symbolic link out of templates/ is refused",
              rc == 1 and "templates/ の外を指しています" in err.decode() and not os.path.exists(os.path.join(d, "o4")),
              err.decode())
        # A company folder that is a symbolic link is refused too.
        comp2 = os.path.join(d, "c2")
        os.makedirs(comp2)
        shutil.copy(src, os.path.join(comp2, "kumo-systems.yaml"))
        elsewhere = os.path.join(d, "elsewhere")
        os.makedirs(elsewhere)
        with open(os.path.join(elsewhere, "handbook_rules.md"), "w") as f:
            f.write("## 外部の文書\n")
        os.symlink(elsewhere, os.path.join(comp2, "kumo-systems"))
        refused_link("robust: a company folder that is a symbolic link is refused",
                     os.path.join(comp2, "kumo-systems.yaml"), os.path.join(d, "o5"))
        # A hostile company name is data: it becomes no path and no markup.
        hostile = os.path.join(d, "h.yaml")
        with open(hostile, "w", encoding="utf-8") as f:
            f.write(re.sub(r"(?m)^  name: .*$", '  name: "../../株式会社<b>x</b> *A&B* {{ company.name }} | x"', text, count=1))
        rc, _, err, _ = run(["build", "-q", hostile, "-o", os.path.join(d, "o3")], cwd=ROOT)
        made = sorted(os.listdir(d))
        check("robust: a hostile company name builds and writes only into the output folder",
              rc == 0 and sorted(os.listdir(os.path.join(d, "o3"))) == sorted(old) and
              not os.path.exists(os.path.join(os.path.dirname(d), "株式会社<b>x</b> *A&B* {{ company.name }} | x")),
              err.decode() + str(made))
        if rc == 0:
            txt = subprocess.run(["pdftotext", os.path.join(d, "o3", "policy.pdf"), "-"],
                                 capture_output=True).stdout.decode()
            check("robust: ... and prints literally in the PDF",
                  "../../株式会社<b>x</b> *A&B* {{ company.name }} | x" in txt, txt[:500])
            html = open(os.path.join(d, "o3", "policy.html"), encoding="utf-8").read()
            check("robust: ... and is escaped in the HTML",
                  "<b>x</b>" not in html and "株式会社&lt;b&gt;x&lt;/b&gt; *A&amp;B*" in html, "")
        robust_inputs(d, text)
        robust_output(d, v2, old, new)
        robust_exit(d)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def robust_inputs(d, profile_text):
    """Input files are regular files of bounded size, read without waiting."""
    d = os.path.join(d, "inputs")
    os.makedirs(d)
    fifo = os.path.join(d, "fifo.yaml")
    os.mkfifo(fifo)
    rc, _, err, _ = run(["check", fifo], timeout=10)
    check("robust: a FIFO as profile is refused at once, not waited on",
          rc == 1 and "fifo.yaml: error: 通常のファイルではないため読みません（名前付きパイプ（FIFO）です）" in err.decode(),
          "exit %d: %s" % (rc, err.decode()))
    rc, _, err, _ = run(["check", "/dev/zero"], timeout=10)
    check("robust: /dev/zero as profile is refused before reading a byte",
          rc == 1 and "/dev/zero: error: 通常のファイルではないため読みません（デバイスです）" in err.decode(),
          "exit %d: %s" % (rc, err.decode()))
    rc, _, err, _ = run(["check", d], timeout=10)
    check("robust: a folder as profile says it is a folder (not an I/O error)",
          rc == 1 and "error: 通常のファイルではないため読みません（フォルダです）" in err.decode(),
          "exit %d: %s" % (rc, err.decode()))
    sparse = os.path.join(d, "sparse.yaml")
    with open(sparse, "wb") as f:
        f.truncate(3 << 30)
    rc, _, err, secs = run(["check", sparse], timeout=10)
    check("robust: a 3 GB (sparse) profile is refused from its size, without reading it",
          rc == 1 and "ファイルが大きすぎます（3221225472 バイト、上限 4194304 バイト）" in err.decode(),
          "exit %d after %.1f s: %s" % (rc, secs, err.decode()))
    os.unlink(sparse)
    md = os.path.join(d, "warn.md")
    with open(md, "w", encoding="utf-8") as f:
        f.write("# 見出し\n\n" + "<b>x</b>\n\n" * 2000)
    rc, _, err, _ = run(["render", md, "-o", os.path.join(d, "warn.html")], timeout=30)
    lines = err.decode().splitlines()
    check("robust: 4,000 warnings of one kind print 50 and a count of the rest",
          rc == 0 and len(lines) == 51 and lines[-1] ==
          "kitei: warning: 同じ種類の警告（HTML タグは出力されません（文字としても出しません））"
          "がほかに 3950 件あります（表示は 50 件まで）", "\n".join(lines[-3:]))
    # Company Markdown: a FIFO among the slot files is refused, not read.
    comp = os.path.join(d, "c")
    os.makedirs(os.path.join(comp, "acme"))
    with open(os.path.join(comp, "acme.yaml"), "w", encoding="utf-8") as f:
        f.write(profile_text)
    os.mkfifo(os.path.join(comp, "acme", "handbook_rules.md"))
    rc, _, err, _ = run(["check", os.path.join(comp, "acme.yaml")], timeout=20)
    check("robust: a company Markdown file that is a FIFO is refused at once",
          rc == 1 and "handbook_rules.md: error: 通常のファイルではないため読みません（名前付きパイプ（FIFO）です）" in err.decode(),
          "exit %d: %s" % (rc, err.decode()))


def robust_output(d, v2, old, new):
    """A failure at any step of writing the set leaves the old set whole."""
    import signal
    out = os.path.join(d, "commit")
    deps = os.path.join(d, "commit.d")
    src = os.path.join(ROOT, "content", "kumo-systems.yaml")

    def fresh():
        shutil.rmtree(out, ignore_errors=True)
        rc, _, err, _ = run(["build", "-q", src, "-o", out, "--deps", deps], cwd=ROOT)
        return rc == 0 and snapshot(out) == old
    def build(fail, extra=()):
        env = dict(os.environ, KITEI_FAIL_AT=fail)
        return run(["build", "-q", v2, "-o", out, "--deps", deps] + list(extra), cwd=ROOT, env=env)
    # Seven files and the --deps file: each step fails at its first, a
    # middle and its last attempt.
    steps = ["begin", "write:1", "write:5", "write:8", "name:1", "name:8", "check:1", "check:8",
             "keep:1", "keep:4", "keep:7", "rename:1", "rename:4", "rename:7", "rename:8", "done"]
    for step in steps:
        if not fresh():
            fail("robust: fresh build before failing at %s" % step, "")
            continue
        old_deps = open(deps, "rb").read()
        rc, _, err, _ = build(step)
        now = snapshot(out)
        check("robust: a failure at %s leaves the previous set whole, no temporary file" % step,
              rc == 1 and now == old and open(deps, "rb").read() == old_deps and "error:" in err.decode(),
              "exit %d, files %s: %s" % (rc, sorted(now), err.decode()))
    # Killed (SIGKILL) at each step: the next build into the folder puts
    # the old set back, or keeps the new one, before anything else; here
    # it then fails to write, so what it recovered is what is left.
    for step in ["rename:1", "rename:4", "rename:7", "rename:8", "keep:4", "done:1"]:
        fresh()
        rc, _, _, _ = build(step + ":kill")
        rc2, _, err, _ = build("write:1")
        now = snapshot(out)
        check("robust: killed at %s, the next build finds a whole set (old or new) and cleans up" % step,
              rc == -9 and rc2 == 1 and (now == old or now == new), "exit %d, files %s" % (rc, sorted(now)))
    # What is in the place of a file must be a regular file to be replaced.
    fresh()
    os.unlink(os.path.join(out, "index.html"))
    os.mkdir(os.path.join(out, "index.html"))
    rc, _, err, _ = run(["build", "-q", v2, "-o", out], cwd=ROOT)
    os.rmdir(os.path.join(out, "index.html"))
    check("robust: a folder named index.html in the output is an error and nothing is replaced",
          rc == 1 and "index.html: error: 通常のファイルではないため置き換えません（フォルダです）" in err.decode()
          and snapshot(out) == {k: v for k, v in old.items() if k != "index.html"}, err.decode())
    fresh()
    rc, _, err, _ = run(["build", "-q", v2, "-o", out, "--deps", os.path.join(d, "no", "such", "x.d")], cwd=ROOT)
    check("robust: --deps into a missing folder fails before any file of the set is replaced",
          rc == 1 and snapshot(out) == old, err.decode())
    fifo = os.path.join(d, "out.md")
    os.mkfifo(fifo)
    rc, _, err, _ = run(["schema-doc", "-o", fifo], timeout=10)
    check("robust: -o onto a FIFO is refused and the FIFO stays",
          rc == 1 and "通常のファイルではないため置き換えません（名前付きパイプ（FIFO）です）" in err.decode()
          and stat.S_ISFIFO(os.lstat(fifo).st_mode), err.decode())
    if os.path.exists("/dev/full"):
        rc, _, err, _ = run(["schema-doc", "-o", "/dev/full"], timeout=10)
        check("robust: -o /dev/full is refused and /dev/full stays a device",
              rc == 1 and "（デバイスです）" in err.decode() and stat.S_ISCHR(os.lstat("/dev/full").st_mode),
              err.decode())
    # Builds into one folder at the same time take turns: all succeed.
    fresh()
    procs = [subprocess.Popen([KITEI, "build", "-q", v2 if i % 2 else src, "-o", out], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for i in range(6)]
    errs = [p.communicate()[1].decode() for p in procs]
    now = snapshot(out)
    check("robust: six builds into one folder at once all succeed and leave one whole set",
          all(p.returncode == 0 for p in procs) and (now == old or now == new), "\n".join(errs))
    # SIGTERM at random moments: never a temporary file, always a whole set.
    rnd = random.Random(11)
    bad = []
    for k in range(10):
        p = subprocess.Popen([KITEI, "build", "-q", v2 if k % 2 else src, "-o", out], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rnd.uniform(0, 0.2))
        p.send_signal(signal.SIGTERM)
        p.wait()
        now = snapshot(out)
        if any(f.startswith(".") for f in now) or not (now == old or now == new):
            bad.append("%d: %s" % (k, sorted(now)))
    check("robust: SIGTERM at any moment leaves a whole set and no temporary file", not bad, "\n".join(bad))


def robust_exit(d):
    """Exit status stays 0, 1 or 2: memory, closed pipes, lost stdout."""
    import resource
    md = os.path.join(d, "big.md")
    with open(md, "w", encoding="utf-8") as f:
        f.write("# 見出し\n\n" + ("本文の段落です。" * 50 + "\n\n") * 3000)
    if "asan" not in KITEI:     # the sanitizer needs its own address space
        def little_memory():
            resource.setrlimit(resource.RLIMIT_AS, (60 << 20, 60 << 20))
        p = subprocess.run(WRAP + [KITEI, "render", md, "-o", os.path.join(d, "big.pdf")],
                           capture_output=True, preexec_fn=little_memory, timeout=60)
        check("robust: running out of memory is an error message and exit 1 (not abort's 134)",
              p.returncode == 1 and "kitei: error: メモリが足りません" in p.stderr.decode()
              and not os.path.exists(os.path.join(d, "big.pdf")), "exit %d: %s" % (p.returncode, p.stderr.decode()[-300:]))
    # kitei build … 2>&1 | head -c 10: the reader goes away at once.
    out = os.path.join(d, "piped")
    r, w = os.pipe()
    os.close(r)
    p = subprocess.run([KITEI, "build", os.path.join(ROOT, "content", "kumo-systems.yaml"), "-o", out],
                       cwd=ROOT, stdout=subprocess.DEVNULL, stderr=w, timeout=60)
    os.close(w)
    calm = os.path.join(d, "calm")
    run(["build", "-q", os.path.join(ROOT, "content", "kumo-systems.yaml"), "-o", calm], cwd=ROOT)
    check("robust: a closed pipe on stderr does not stop a build (no SIGPIPE, exit 0, all files)",
          p.returncode == 0 and sorted(f for f in os.listdir(out) if not f.startswith(".")) ==
          sorted(os.listdir(calm)), "exit %d" % p.returncode)
    if os.path.exists("/dev/full"):
        with open("/dev/full", "wb") as full:
            p = subprocess.run([KITEI, "schema-doc"], cwd=ROOT, stdout=full, stderr=subprocess.PIPE, timeout=30)
        check("robust: kitei schema-doc > /dev/full is an error and exit 1",
              p.returncode == 1 and "標準出力に書き込めません" in p.stderr.decode(), p.stderr.decode())


def group_make():
    """make -j2 gives the same bytes as make, and make is incremental."""
    d = tempfile.mkdtemp(prefix="make-", dir="/tmp")
    try:
        for sub in ("src", "templates", "content", "tools", "docs"):
            shutil.copytree(os.path.join(ROOT, sub), os.path.join(d, sub))
        shutil.copy(os.path.join(ROOT, "Makefile"), d)
        shutil.copy(KITEI, d)
        env = dict(os.environ, MAKEFLAGS="")
        def mk(*args):
            return subprocess.run(["make", "-s", "-o", "kitei"] + list(args), cwd=d,
                                  capture_output=True, env=env)
        p = mk("companies")
        check("make: builds every company", p.returncode == 0, p.stderr.decode())
        one = {}
        for r, _, fs in os.walk(os.path.join(d, "out")):
            for f in fs:
                if not f.endswith(".d"):
                    one[os.path.relpath(os.path.join(r, f), d)] = open(os.path.join(r, f), "rb").read()
        p = mk("companies")
        check("make: a second make does nothing", p.returncode == 0 and b"kitei build" not in p.stdout, p.stdout.decode())
        shutil.rmtree(os.path.join(d, "out"))
        p = mk("-j2", "companies")
        two = {}
        for r, _, fs in os.walk(os.path.join(d, "out")):
            for f in fs:
                if not f.endswith(".d"):
                    two[os.path.relpath(os.path.join(r, f), d)] = open(os.path.join(r, f), "rb").read()
        check("make: make -j2 gives the same bytes as make", p.returncode == 0 and one == two and one,
              p.stderr.decode())
        # make install into a staging folder; the installed kitei builds.
        stage = os.path.join(d, "stage")
        p = subprocess.run(["make", "-s", "-o", "kitei", "install", "DESTDIR=" + stage, "PREFIX=/usr"],
                           cwd=d, capture_output=True, env=env)
        q = subprocess.run([os.path.join(stage, "usr", "bin", "kitei"), "build", "-q",
                            os.path.join(ROOT, "content", "kumo-systems.yaml"), "-o", os.path.join(d, "inst-out")],
                           cwd="/", capture_output=True)
        check("make: make install DESTDIR=… PREFIX=/usr gives a kitei that builds from anywhere",
              p.returncode == 0 and q.returncode == 0 and
              os.path.exists(os.path.join(stage, "usr", "share", "man", "man1", "kitei.1")),
              p.stderr.decode() + q.stderr.decode())
        # Profile names make cannot hand to a shell safely are left out.
        src = os.path.join(d, "content", "kumo-systems.yaml")
        bad = ["a b.yaml", "x$(touch${IFS}PWNED).yaml", "...yaml", "q'x.yaml"]
        for name in bad:
            shutil.copy(src, os.path.join(d, "content", name))
        p = mk("companies")
        check("make: profiles with unsafe names are skipped with a warning naming them; the rest build",
              p.returncode == 0 and not os.path.exists(os.path.join(d, "PWNED")) and
              "not a valid profile name" in p.stderr.decode() and "a b.yaml" in p.stderr.decode() and
              all(re.match(r"^[a-z0-9-]+(\.d)?$", f) for f in os.listdir(os.path.join(d, "out"))),
              p.stderr.decode())
        p = mk("COMPANY=../../evil/x")
        check("make: COMPANY=../../evil/x is refused, nothing is written outside",
              p.returncode != 0 and "COMPANY=../../evil/x" in p.stderr.decode() and
              not os.path.exists(os.path.join(os.path.dirname(d), "evil")), p.stderr.decode())
        for name in bad:
            os.unlink(os.path.join(d, "content", name))
        time.sleep(1.1)
        os.utime(os.path.join(d, "content", "kumo-systems.yaml"))
        p = subprocess.run(["make", "-o", "kitei", "companies"], cwd=d, capture_output=True, env=env)
        built = re.findall(rb"kitei build \S* ?(\S+\.yaml)", p.stdout)
        check("make: touching one profile rebuilds that company only",
              built == [b"content/kumo-systems.yaml"], p.stdout.decode())
        time.sleep(1.1)
        os.utime(os.path.join(d, "templates", "policy.md"))
        p = subprocess.run(["make", "-o", "kitei", "companies"], cwd=d, capture_output=True, env=env)
        built = re.findall(rb"kitei build \S* ?(\S+\.yaml)", p.stdout)
        check("make: touching a template rebuilds every company",
              len(built) == len(glob.glob(os.path.join(d, "content", "*.yaml"))), p.stdout.decode())
    finally:
        shutil.rmtree(d, ignore_errors=True)


def expand(profile, doc):
    rc, out, err, _ = run(["expand", profile, doc], cwd=ROOT)
    return rc, out.decode(), err.decode()


def headings(md):
    return [l.strip() for l in md.splitlines() if re.match(r"#{1,3} ", l)]


def group_content():
    profiles = sorted(glob.glob(os.path.join(ROOT, "content", "*.yaml")))
    docs = {}
    for prof in profiles:
        stem = os.path.basename(prof)[:-5]
        for doc in ("policy", "handbook", "regulations"):
            rc, md, err = expand(prof, doc)
            check("content: %s/%s expands" % (stem, doc), rc == 0, err)
            docs[stem, doc] = md
            for bad in ("〇〇", "○○", "TODO", "XXX", "{{", "}}"):
                check("content: %s/%s has no %s" % (stem, doc, bad), bad not in md,
                      "\n".join(l for l in md.splitlines() if bad in l)[:500])
        text = open(prof, encoding="utf-8").read()
        telework = re.search(r"(?m)^telework:\s*\n\s+enabled:\s*true", text) is not None
        if not telework:
            for doc in ("handbook", "regulations"):
                lines = [l for l in docs[stem, doc].splitlines() if "テレワーク" in l and
                         not re.search(r"作成不要|対象外|実施していない|行わない", l)]
                check("content: %s/%s says nothing about telework (telework is off)" % (stem, doc),
                      not lines, "\n".join(lines)[:600])
        m = re.search(r"(?m)^\s+min_length:\s*(\d+)", text)
        want = m.group(1) if m else "12"
        for doc in ("handbook", "regulations"):
            got = set(re.findall(r"(\d+)\s*(?:文字|桁)以上", docs[stem, doc]))
            check("content: %s/%s states one password length, the profile's (%s)" % (stem, doc, want),
                  got <= {want} and got, str(got))
    # The sample companies' documents visibly differ.
    names = sorted({k[0] for k in docs})
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            for doc in ("handbook", "regulations"):
                a = set(headings(docs[names[i], doc]))
                b = set(headings(docs[names[j], doc]))
                diff = len(a ^ b)
                print("note: %s vs %s, %s: %d chapters and sections differ (of %d and %d)" % (
                    names[i], names[j], doc, diff, len(a), len(b)))
                check("content: %s and %s differ in their %s's chapters and sections" % (names[i], names[j], doc),
                      diff >= 3, "only %d differ" % diff)
    check_stable_anchors()


# ---- stable anchors ----

HEADING_RE = re.compile(r'<h[1-6] id="([^"]+)"[^>]*>(.*?)</h[1-6]>', re.S)


def heading_ids(page):
    """[(id, text)] of the document's headings; the text without the
    permalink and without kitei's numbering (第1章, 第1条（…）, 1.1)."""
    out = []
    for hid, inner in HEADING_RE.findall(page):
        text = re.sub(r'<a class="permalink".*?</a>', "", inner, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
        m = re.match(r"^第\d+条（(.*)）$", text)
        if m:
            text = m.group(1)
        text = re.sub(r"^(第\d+章|\d+(\.\d+)*\.?)\u3000", "", text)
        out.append((hid, text))
    return out


def build_ids(profile, d, templates=None):
    args = ["build", "-q", profile, "-o", d] + (["--templates", templates] if templates else [])
    rc, _, err, _ = run(args, cwd=ROOT)
    if rc != 0:
        return None, err.decode()
    return {doc: heading_ids(open(os.path.join(d, doc + ".html"), encoding="utf-8").read())
            for doc in ("policy", "handbook", "regulations")}, ""


def check_stable_anchors():
    """A section's anchor comes from the template, not from a counter or
    its printed number: the same in every company, and unmoved when a
    section is inserted before it (rules in src/md/anchor.c)."""
    d = tempfile.mkdtemp(prefix="anchors-", dir=TMP)
    try:
        # A heading whose text depends on the profile must name its anchor.
        for path in sorted(glob.glob(os.path.join(ROOT, "templates", "**", "*.md"), recursive=True)):
            for n, line in enumerate(open(path, encoding="utf-8"), 1):
                if re.match(r"#{1,6} ", line) and "{{" in line:
                    check("anchors: %s:%d, a heading made from profile values, has an explicit {#anchor}" % (
                        os.path.relpath(path, ROOT), n), re.search(r"\{#[A-Za-z0-9-]+( -)?\}\s*$", line), line)
        sites = {}
        for prof in sorted(glob.glob(os.path.join(ROOT, "content", "*.yaml"))):
            stem = os.path.basename(prof)[:-5]
            ids, err = build_ids(prof, os.path.join(d, stem))
            if check("anchors: %s builds" % stem, ids is not None, err):
                sites[stem] = ids
        for doc in ("policy", "handbook", "regulations"):
            by_text = {}
            for stem, ids in sites.items():
                seen = [i for i, _ in ids[doc]]
                check("anchors: %s/%s has no counter ids (s1, s2, …) and no duplicates" % (stem, doc),
                      len(set(seen)) == len(seen) and not any(re.match(r"s\d+$", i) for i in seen), str(seen))
                for hid, text in ids[doc]:
                    by_text.setdefault(text, {})[stem] = hid
            moved = {t: c for t, c in by_text.items() if len(set(c.values())) > 1}
            check("anchors: %s: the same section has the same id in every sample company" % doc, not moved,
                  str(moved)[:800])
        items = ["item-%d" % k for k in range(1, 26)]
        for stem, ids in sites.items():
            got = [i for i, _ in ids["handbook"] if i.startswith("item-")]
            check("anchors: %s/handbook: the 25 self-diagnosis items are item-1 … item-25" % stem, got == items, str(got))
        # Insert a chapter and a section before others: no other id changes.
        if "kumo-systems" in sites:
            t = os.path.join(d, "templates")
            shutil.copytree(os.path.join(ROOT, "templates"), t)
            for name, before, new in (("regulations.md", "# 総則\n", "# 新設の章\n\n新設の章の本文。\n\n## 新設の章の目的\n\n本文。\n\n"),
                                      ("regulations/01_organization.md", "## 情報セキュリティ委員会\n", "## 新設の節\n\n本文。\n\n"),
                                      ("handbook.md", "## 1. OS", "## 0. 新設の項目\n\n本文。\n\n")):
                f = os.path.join(t, name)
                text = open(f, encoding="utf-8").read()
                check("anchors: the insertion point in %s exists" % name, before in text, name)
                open(f, "w", encoding="utf-8").write(text.replace(before, new + before, 1))
            ids, err = build_ids(os.path.join(ROOT, "content", "kumo-systems.yaml"), os.path.join(d, "ins"), t)
            if check("anchors: kumo-systems builds with a chapter and sections inserted", ids is not None, err):
                for doc in ("handbook", "regulations"):
                    old = sites["kumo-systems"][doc]
                    new = [h for h in ids[doc] if not h[1].startswith(("新設の", "0. 新設の"))]
                    check("anchors: kumo-systems/%s: inserting a chapter and sections changes no other id" % doc,
                          new == old and len(ids[doc]) > len(old),
                          str([(a, b) for a, b in zip(old, new) if a != b][:5]))
        # Explicit anchors, and the text ids of headings with the same text.
        md = os.path.join(d, "a.md")
        open(md, "w", encoding="utf-8").write(
            "# 第一章\n\n## 目的\n\n## 範囲 {#scope}\n\n# 第二章 {#two -}\n\n## 目的\n\n## 目的\n\n"
            "## scope\n\n## Ａ　Ｂ　\"記号\" & <x>?\n\n## {- #kept}\n\n## 末尾 {#}\n")
        rc, _, err, _ = run(["render", md, "-o", os.path.join(d, "a.html")], cwd=ROOT)
        got = heading_ids(open(os.path.join(d, "a.html"), encoding="utf-8").read()) if rc == 0 else err.decode()
        check("anchors: {#name} names a heading's anchor; text ids are qualified by chapter, then numbered, when taken",
              got == [("第一章", "第一章"), ("目的", "目的"), ("scope", "範囲"), ("two", "第二章"), ("two/目的", "目的"),
                      ("two/目的-2", "目的"), ("two/scope", "scope"), ("Ａ-Ｂ-記号", "Ａ　Ｂ　\"記号\" & ?"),
                      ("kept", ""), ("末尾", "末尾 {#}")], str(got))
        # A link whose text occurs in its URL is not an autolink: its
        # target stays whole.
        open(md, "w", encoding="utf-8").write(
            "[IT機器利用](regulations.html#IT機器利用) https://example.jp/aを参照 www.example.jp/bへ\n")
        rc, _, err, _ = run(["render", md, "-o", os.path.join(d, "b.html")], cwd=ROOT)
        got = re.findall(r'<a href="([^"]*)">', open(os.path.join(d, "b.html"), encoding="utf-8").read()) \
            if rc == 0 else err.decode()
        check("anchors: a link to another document's heading keeps its Japanese id; bare URLs still end at Japanese text",
              got == ["regulations.html#IT機器利用", "https://example.jp/a", "http://www.example.jp/b"], str(got))
    finally:
        shutil.rmtree(d, ignore_errors=True)


def group_fuzz():
    """Replays every input a fuzzer found a problem with, through the CLI."""
    base = os.path.join(ROOT, "tests", "fuzz", "regress")
    d = tempfile.mkdtemp(prefix="fuzz-", dir=TMP)
    try:
        for h in ("profile", "template", "render"):
            for f in sorted(glob.glob(os.path.join(base, h, "*"))):
                name = "fuzz: %s/%s" % (h, os.path.basename(f))
                if h == "profile":
                    args, cwd = ["check", f], ROOT
                elif h == "render":
                    args, cwd = ["render", f, "-o", os.path.join(d, "x.pdf")], ROOT
                else:
                    tdir = os.path.join(d, "t")
                    shutil.rmtree(tdir, ignore_errors=True)
                    shutil.copytree(os.path.join(ROOT, "templates"), tdir)
                    shutil.copy(f, os.path.join(tdir, "policy.md"))
                    args = ["build", "-q", os.path.join(ROOT, "content", "kumo-systems.yaml"),
                            "--templates", tdir, "-o", os.path.join(d, "o")]
                    cwd = ROOT
                rc, _, err, secs = run(args, cwd=cwd, timeout=10)
                check(name + " ends cleanly (exit 0 or 1) within 10 s",
                      rc in (0, 1) and b"Sanitizer" not in err, "exit %d: %s" % (rc, err.decode()[-800:]))
    finally:
        shutil.rmtree(d, ignore_errors=True)


def group_org():
    """The organisation model and layout checks of tests/organisation.py."""
    import organisation
    organisation.group_org(sys.modules[__name__])




def group_xref():
    """References between the documents of a set (tests/xref.py)."""
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    import xref
    xref.group_xref(sys.modules[__name__])


def group_keys():
    """C names profile keys only through the checked lists (keys.h)."""
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    import keyscan
    found = keyscan.scan(ROOT)
    check("keys: no C code names a profile key as a string literal (use a PROFILE_KEYS entry)",
          not found, "\n".join("%s: %s" % f for f in found))
    # The scanner itself: each form it looks for is found in a sample tree.
    d = tempfile.mkdtemp(prefix="keys-", dir=TMP)
    try:
        shutil.copytree(os.path.join(ROOT, "templates", "schema"),
                        os.path.join(d, "templates", "schema"))
        os.makedirs(os.path.join(d, "src", "profile"))
        with open(os.path.join(d, "src", "profile", "sample.c"), "w") as f:
            f.write("/* value_get(x, \"name\", NULL) in a comment is fine */\n"
                    "static const char *const cols[] = { \"date\", \"result\" };\n"
                    "static const struct { const char *head, *key; } t[] = {\n"
                    "\t{ \"名称\", \"name\" },\n"
                    "};\n"
                    "static void\nf(struct value *m)\n{\n"
                    "\tv = value_get(m, \"name\", NULL);\n"
                    "\tderive_put(m,\n\t    \"total\", v);\n"
                    "\tv = value_get(m, pkey_leaf(K_PERSON_NAME), NULL);\n"
                    "\tv = lookup(m, \"name\");\n"
                    "\tputs(\"http://x\");\n}\n"
                    "static const char *\nlookup(const struct value *m, const char *key)\n{\n}\n")
        found = keyscan.scan(d)
        where = sorted(int(w.split(":")[1]) for w, _ in found)
        check("keys: the scanner finds literal keys in calls (over lines), in helpers taking a char *key, "
              "in key tables and struct tables, with file:line",
              where == [2, 2, 4, 9, 11, 13] and all(w.startswith("src/profile/sample.c:") for w, _ in found),
              str(found))
    finally:
        shutil.rmtree(d, ignore_errors=True)


def copy_templates(d):
    """A private copy of templates/ that a test may change."""
    t = os.path.join(d, "templates")
    shutil.copytree(os.path.join(ROOT, "templates"), t)
    return t


def group_registry():
    """The document registry: documents and chapters are data, not code."""
    d = tempfile.mkdtemp(prefix="registry-", dir=TMP)
    good = os.path.join(ROOT, "content", "kumo-systems.yaml")
    try:
        # A fourth document through the registry alone: an entry and a template.
        t = copy_templates(d)
        with open(os.path.join(t, "documents.yaml"), encoding="utf-8") as f:
            reg = f.read()
        entry = ("  - id: notice\n    title: 情報セキュリティのお知らせ\n    template: notice.md\n"
                 "    show_title: true\n")
        at = reg.index("\n\n# 情報セキュリティ関連規程の章")
        reg = reg[:at] + "\n" + entry.rstrip("\n") + reg[at:]
        with open(os.path.join(t, "documents.yaml"), "w", encoding="utf-8") as f:
            f.write(reg)
        with open(os.path.join(t, "notice.md"), "w", encoding="utf-8") as f:
            f.write("# お知らせ\n\n{{ company.name }}の全員に、パスワードは{{ it.password.min_length }}文字以上にするようお願いします。\n")
        out = os.path.join(d, "out")
        rc, _, err, _ = run(["build", "-q", good, "-o", out, "--templates", t], cwd=ROOT)
        files = sorted(os.listdir(out)) if os.path.isdir(out) else []
        check("registry: a registry entry and a template add a document (no C change)",
              rc == 0 and "notice.pdf" in files and "notice.html" in files, err.decode() + str(files))
        if rc == 0:
            idx = open(os.path.join(out, "index.html"), encoding="utf-8").read()
            check("registry: the index lists the added document", "情報セキュリティのお知らせ" in idx)
            p = subprocess.run(["pdftotext", os.path.join(out, "notice.pdf"), "-"], capture_output=True)
            check("registry: the added document is expanded with the profile",
                  "文字以上にするようお願いします" in p.stdout.decode(), p.stdout.decode()[:500])
        rc, out_, err, _ = run(["expand", good, "notice", "--templates", t], cwd=ROOT)
        check("registry: expand knows the added document", rc == 0 and "お知らせ" in out_.decode(), err.decode())

        # A registry naming a profile key that does not exist fails loudly, at the registry.
        t2 = copy_templates(os.path.join(d, "b"))
        reg2 = reg.replace("paper_key: handbook.paper", "paper_key: handbook.papers")
        with open(os.path.join(t2, "documents.yaml"), "w", encoding="utf-8") as f:
            f.write(reg2)
        rc, _, err, _ = run(["check", good, "--templates", t2], cwd=ROOT)
        check("registry: a key the schema lacks is an error at the registry line",
              rc == 1 and re.search(r"documents\.yaml:\d+:\d+: error: paper_key: .*handbook\.papers", err.decode()),
              err.decode())
        # A registry entry with an unknown field is checked by the registry's own schema.
        reg3 = reg.replace("    cover: true\n", "    covr: true\n", 1)
        with open(os.path.join(t2, "documents.yaml"), "w", encoding="utf-8") as f:
            f.write(reg3)
        rc, _, err, _ = run(["check", good, "--templates", t2], cwd=ROOT)
        check("registry: the registry is validated by its own schema, with did-you-mean",
              rc == 1 and "covr" in err.decode() and "もしかして cover" in err.decode(), err.decode())
        # Renaming a key the C code reads fails at start-up, not as a blank.
        t3 = copy_templates(os.path.join(d, "c"))
        sch = os.path.join(t3, "schema", "policy.yaml")
        text = open(sch, encoding="utf-8").read()
        with open(sch, "w", encoding="utf-8") as f:
            f.write(text.replace("    classification:", "    classified:", 1))
        rc, _, err, _ = run(["check", good, "--templates", t3], cwd=ROOT)
        check("registry: a renamed key that C reads fails loudly",
              rc == 1 and "policy.classification" in err.decode(), err.decode())
        # The same for a key of list items (read by the asset deriver), a
        # derived key, a key of the registry itself and one of the
        # self-assessment data: each names the key and the list to fix.
        renames = [
            ("schema/assets.yaml", "          measure_due:\n            type: date\n            doc: 対策の期限",
             "          measure_by:\n            type: date\n            doc: 対策の期限",
             r"templates/schema: error: kitei が読むキー assets\.information\[\]\.measure_due がスキーマにない.*src/profile/keys\.h"),
            ("schema/distribution.yaml", "          staff_id:", "          staff_no:",
             r"kitei が読むキー distribution\.issued\[\]\.staff_id がスキーマにない"),
            ("registry/documents.yaml", "      show_title:", "      show_titles:",
             r"templates/registry: error: kitei が読む文書登録簿のキー documents\[\]\.show_title .*src/doc/docset\.c"),
            ("data/schema/assessment-items.yaml", "      advice:", "      hint:",
             r"templates/data/schema: error: kitei が読む自社診断データのキー items\[\]\.advice .*src/doc/assess_data\.h"),
        ]
        for i, (rel, old, new, want) in enumerate(renames):
            t4 = copy_templates(os.path.join(d, "r%d" % i))
            f4 = os.path.join(t4, rel)
            text = open(f4, encoding="utf-8").read()
            changed = text.replace(old, new, 1)
            with open(f4, "w", encoding="utf-8") as f:
                f.write(changed)
            rc, _, err, _ = run(["check", good, "--templates", t4], cwd=ROOT)
            check("registry: renaming %s in %s fails at start-up, naming it" % (old.split(":")[0].strip(), rel),
                  changed != text and rc == 1 and re.search(want, err.decode()), err.decode()[:600])

        # Derived values are kitei's: a profile may not write them.
        prof = os.path.join(d, "derived.yaml")
        text = open(good, encoding="utf-8").read()
        text = text.replace("regulations:\n", "regulations:\n  table: []\n", 1)
        with open(prof, "w", encoding="utf-8") as f:
            f.write(text)
        rc, _, err, _ = run(["check", prof], cwd=ROOT)
        check("registry: writing a derived key is an error at its position",
              rc == 1 and re.search(r"derived\.yaml:\d+:3: error: regulations\.table は kitei が計算する値", err.decode()),
              err.decode())
        # The chapter table is one list: the status table and the chapters agree.
        rc, full, err, _ = run(["expand", good, "regulations"], cwd=ROOT)
        md = full.decode().split("\n# 総則", 1)[0]
        rows = re.findall(r"^\| (\S+) \| ([^|]+) \| ([^|]+) \|", md, re.M)
        numbered = [r for r in rows if r[0] not in ("章", "---", "―")]
        chapters = re.findall(r"^# (.+)$", full.decode(), re.M)
        check("registry: every numbered row of the status table is a chapter of the body",
              len(numbered) > 0 and all(r[1].strip() in "".join(chapters) for r in numbered),
              str(numbered) + str(chapters))
        # A workbook document: written through the output set, reproducible,
        # readable by openpyxl and LibreOffice.
        out2 = os.path.join(d, "wb1")
        out3 = os.path.join(d, "wb2")
        run(["build", "-q", good, "-o", out2], cwd=ROOT)
        run(["build", "-q", good, "-o", out3], cwd=ROOT)
        x = os.path.join(out2, "regulations-checksheet.xlsx")
        check("registry: the checksheet workbook is byte-identical when rebuilt",
              os.path.exists(x) and open(x, "rb").read() == open(os.path.join(out3, "regulations-checksheet.xlsx"), "rb").read())
        check_workbook_opens("registry: the checksheet", x)
        openpyxl = import_openpyxl()
        if openpyxl is None:
            fail("registry: python3-openpyxl is installed", "import openpyxl failed")
        else:
            wb = openpyxl.load_workbook(x)
            ws = wb["規程チェックシート"]
            states = [ws.cell(row=r, column=4).value for r in range(2, ws.max_row + 1)]
            check("registry: the checksheet has one row per registry chapter with its derived state",
                  len(states) == 11 and states[7] == "新規作成" and set(states) <= {"新規作成", "改定", "対応なし", "作成不要"},
                  str(states))
            check("registry: the checksheet is protected except the answer cells, with a drop-down",
                  ws.protection.sheet and len(ws.data_validations.dataValidation) == 1
                  and not ws.cell(row=2, column=4).protection.locked and ws.cell(row=2, column=2).protection.locked)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def ledger_csv(n):
    """A ledger of n rows as a consultant's spreadsheet would export it."""
    media = ["書類", "事務所のパソコン", "社内サーバー・NAS", "クラウドサービス",
             "持ち出すパソコン・スマートフォン", "USBメモリ等の可搬媒体"]
    lines = ["ID,業務分類,情報資産名称,媒体・保存先,個人情報,機密性,完全性,可用性,登録日,対応,対策,担当,期限"]
    for i in range(n):
        c, ii, a = 1 + i % 3, 1 + (i // 3) % 3, 1 + (i // 9) % 3
        lines.append("B%04d,業務%d,情報資産%d,%s,%s,%d,%d,%d,2026/4/1,低減,対策%d,担当者,2026-09-30" % (
            i + 1, i % 12, i + 1, media[i % len(media)], "有" if i % 7 == 0 else "無", c, ii, a, i + 1))
    return "\r\n".join(lines) + "\r\n"


def strip_cached(src, dst):
    """A copy of the workbook without the formulas' cached results, so that
    LibreOffice has to compute every one of them itself."""
    import zipfile
    zin = zipfile.ZipFile(src)
    zout = zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
    n = 0
    for it in zin.infolist():
        data = zin.read(it.filename)
        if it.filename.startswith("xl/worksheets/sheet"):
            text, k = re.subn(r'(<c [^>]*?)( t="str")?>(<f>[^<]*</f>)<v>[^<]*</v></c>', r"\1>\3</c>", data.decode())
            n += k
            data = text.encode()
        zout.writestr(it, data)
    zout.close()
    return n


def soffice_csv(path, outdir):
    """Every sheet of the workbook as CSV (UTF-8), as LibreOffice computes it."""
    subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + outdir + "/profile",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", outdir, path], capture_output=True, timeout=300)
    import csv
    stem = os.path.splitext(os.path.basename(path))[0]
    sheets = {}
    for f in glob.glob(os.path.join(outdir, stem + "-*.csv")):
        with open(f, encoding="utf-8") as fh:
            sheets[os.path.basename(f)[len(stem) + 1:-4]] = list(csv.reader(fh))
    return sheets


def group_assets():
    """The asset ledger: the risk report, the workbook and the documents that use it."""
    d = tempfile.mkdtemp(prefix="assets-", dir=TMP)
    hoshino = os.path.join(ROOT, "content", "hoshino-jimusho.yaml")
    aoba = os.path.join(ROOT, "content", "aoba-seisakusho.yaml")
    kumo = os.path.join(ROOT, "content", "kumo-systems.yaml")
    try:
        a1, a2 = os.path.join(d, "a1"), os.path.join(d, "a2")
        rc, _, err, _ = run(["build", "-q", hoshino, "-o", a1], cwd=ROOT)
        run(["build", "-q", hoshino, "-o", a2], cwd=ROOT)
        files = sorted(os.listdir(a1)) if os.path.isdir(a1) else []
        check("assets: a company with a ledger gets risk.pdf, risk.html and assets.xlsx",
              rc == 0 and {"risk.pdf", "risk.html", "assets.xlsx"} <= set(files), err.decode() + str(files))
        x = os.path.join(a1, "assets.xlsx")
        check("assets: the workbook is byte-identical when rebuilt",
              os.path.exists(x) and open(x, "rb").read() == open(os.path.join(a2, "assets.xlsx"), "rb").read())
        check("assets: the risk report is byte-identical when rebuilt",
              open(os.path.join(a1, "risk.pdf"), "rb").read() == open(os.path.join(a2, "risk.pdf"), "rb").read())
        check_pdf("assets: risk.pdf", os.path.join(a1, "risk.pdf"))
        info = subprocess.run(["pdfinfo", os.path.join(a1, "risk.pdf")], capture_output=True).stdout.decode()
        check("assets: the risk report is A4 landscape", "841.89 x 595.28" in info or "842 x 595" in info, info)
        text = subprocess.run(["pdftotext", "-layout", os.path.join(a1, "risk.pdf"), "-"], capture_output=True).stdout.decode()
        check("assets: the report states the counts, the ranked rows, the IT deadlines and the method",
              re.search(r"情報資産\s+台帳の行.*\n.*\n?\s*18\s+23\s+10\s+3\s+0\s+20\s+7\s+3", text)
              and text.index("H-05-usb") < text.index("H-04-mail") and "期限切れ" in text
              and "事務用デスクトップ" in text and "被害発生可能性の換算表" not in text[:200]
              and "脅威 ＼ 脆弱性" in text and "6〜9 を「大」" in text, text[:3000])
        html = open(os.path.join(a1, "risk.html"), encoding="utf-8").read()
        check("assets: the HTML report has the grid and an A4 landscape page rule",
              "A4 landscape" in html and "kgrid" in html, html[:500])

        openpyxl = import_openpyxl()
        if openpyxl is None:
            fail("assets: python3-openpyxl is installed", "import openpyxl failed")
        else:
            wb = openpyxl.load_workbook(x)
            ws = wb["情報資産管理台帳"]
            head = [c.value for c in ws[1]]
            check("assets: the ledger sheet has the guideline's columns in order",
                  head[:4] == ["No", "ID", "業務分類", "情報資産名称"] and head[15] == "重要度"
                  and head[20:23] == ["被害発生可能性", "リスク値", "判定"] and head[-4:] == ["対応", "対策", "担当", "期限"], str(head))
            check("assets: 重要度, 被害発生可能性, リスク値 and 判定 are formulas reading the criteria sheet",
                  str(ws["P2"].value).startswith("=IF(") and "'基準'!" in str(ws["U2"].value)
                  and "'基準'!" in str(ws["W2"].value), str(ws["U2"].value))
            check("assets: formula cells are locked, inputs editable, the sheet protected",
                  ws.protection.sheet and ws["P2"].protection.locked and ws["W2"].protection.locked
                  and not ws["D2"].protection.locked and not ws["L2"].protection.locked and not ws["X2"].protection.locked)
            sqrefs = " ".join(str(v.sqref) for v in ws.data_validations.dataValidation)
            check("assets: drop-downs for the ratings, personal information, media and 対応",
                  all(c in sqrefs for c in ("L2:N", "S2:T", "I2:K", "H2:H", "X2:X")), sqrefs)
            rules = [r.formula for rng in ws.conditional_formatting for r in rng.rules]
            check("assets: 大 rows red and 中 rows amber by conditional formats",
                  ['$W2="大"'] in rules and ['$W2="中"'] in rules, str(rules))
            check("assets: frozen header, autofilter, A3 landscape, header row repeated, classification in the header",
                  ws.freeze_panes == "E2" and ws.auto_filter.ref and ws.page_setup.orientation == "landscape"
                  and str(ws.page_setup.paperSize) == "8" and ws.print_title_rows == "$1:$1"
                  and "所外秘" in (ws.oddHeader.right.text or ""), "%s %s %s" % (ws.freeze_panes, ws.page_setup.paperSize, ws.print_title_rows))
            it = wb["IT資産"]
            rules = [r.formula[0] for rng in it.conditional_formatting for r in rng.rules]
            check("assets: the IT sheet marks past deadlines and those within the window",
                  any("I2<'基準'!$B$3" in r for r in rules) and any("<='基準'!$B$13" in r for r in rules), str(rules))
            check_workbook_opens("assets: the ledger workbook", x)
            cached = openpyxl.load_workbook(x, data_only=True)["情報資産管理台帳"]
            kitei = [[cached.cell(row=r, column=c).value for c in (16, 21, 22, 23)] for r in range(2, 25)]
            stripped = os.path.join(d, "stripped.xlsx")
            n = strip_cached(x, stripped)
            sheets = soffice_csv(stripped, os.path.join(d, "lo"))
            lo = sheets.get("情報資産管理台帳", [])
            mine = [[str(int(v)) if isinstance(v, (int, float)) else v for v in row] for row in kitei]
            theirs = [[row[15], row[20], row[21], row[22]] for row in lo[1:24]] if len(lo) > 23 else []
            check("assets: LibreOffice recalculates 重要度, 被害発生可能性, リスク値 and 判定 to kitei's values",
                  n > 80 and theirs == mine and all(r[0] for r in mine), "%s\n%s" % (mine[:5], theirs[:5]))
            check("assets: the spare rows stay empty until the client types a name",
                  len(lo) > 30 and lo[30][15] == "" and lo[30][22] == "", str(lo[30] if len(lo) > 30 else lo))

            unassessed_workbook(openpyxl, d)
            it_sheet_reads_back(openpyxl, x, os.path.join(d, "lo", "stripped-IT資産.csv"), d)

        # The documents use the ledger; a company without one is unchanged.
        rc, reg, _, _ = run(["expand", hoshino, "regulations"], cwd=ROOT)
        reg = reg.decode()
        check("assets: chapter 3 names the ledger's owner, the classes and the media the company has",
              "小川 修が台帳の管理責任者" in reg and "手続、給与計算、労務相談" in reg and "- 労務クラウド" in reg
              and "- USBメモリ" in reg and "18件の情報資産" in reg, reg[:200])
        rc, hb, _, _ = run(["expand", hoshino, "handbook"], cwd=ROOT)
        hb = hb.decode()
        check("assets: the handbook lists the company's own important information from the ledger",
              "勤怠データの受領ファイル" in hb and "職員の健康診断結果" in hb and "顧問先の名簿と連絡先" in hb
              and "セミナー資料" not in hb and "顧問先との契約内容と就業規則" not in hb)
        rc, reg, _, _ = run(["expand", kumo, "regulations"], cwd=ROOT)
        check("assets: without a ledger, chapter 3 says nothing about one",
              "台帳の管理責任者" not in reg.decode() and "リスク分析報告書" not in reg.decode())
        # The CP932 sample imports and reports.
        a3 = os.path.join(d, "a3")
        rc, _, err, _ = run(["build", "-q", aoba, "-o", a3, "--deps", os.path.join(d, "a3.d")], cwd=ROOT)
        deps = open(os.path.join(d, "a3.d"), encoding="utf-8").read() if os.path.exists(os.path.join(d, "a3.d")) else ""
        check("assets: the imported CSVs (ledger and IT assets) are make dependencies of the company",
              "content/aoba-seisakusho/assets.csv" in deps and "content/aoba-seisakusho/it-assets.csv" in deps, deps[:300])
        text = subprocess.run(["pdftotext", os.path.join(a3, "risk.pdf"), "-"], capture_output=True).stdout.decode()
        check("assets: the CP932 CSV ledger and IT assets of the sample import without an encoding warning",
              rc == 0 and "CP932 として" not in err.decode() and "図面の受渡しメール" in text and "3 次元 CAD ソフト" in text and "NC 加工機の操作端末" in text, err.decode())

        # kitei due lists the IT deadlines and the measures' deadlines (CSV rows too).
        rc, out, err, _ = run(["due", "--today", "2026-04-10", "--format", "tsv", aoba], cwd=ROOT)
        lines = out.decode().splitlines()
        check("assets: kitei due lists IT assets past support end and the ledger's measure deadlines",
              rc == 3 and any("NC加工機の操作端末」のサポート期限" in l and l.endswith("期限切れ") for l in lines)
              and any("リスク対策「従業員のマイナンバー」（書類）" in l and "2026-04-30" in l for l in lines), out.decode()[:1500])
        rc, out, _, _ = run(["due", "--today", "2026-04-01", "--format", "tsv", hoshino], cwd=ROOT)
        check("assets: kitei due leaves disposed IT assets out",
              "事務所NAS" in out.decode() and "旧ファイルサーバー" not in out.decode(), out.decode()[:1500])

        # The CSV is read only from the company folder, never through a link.
        ln = os.path.join(d, "ln")
        os.makedirs(os.path.join(ln, "co"))
        with open(os.path.join(ln, "secret.csv"), "w", encoding="utf-8") as f:
            f.write("情報資産名称,媒体・保存先,機密性,完全性,可用性\n秘密,書類,3,3,3\n")
        os.symlink(os.path.join(ln, "secret.csv"), os.path.join(ln, "co", "ledger.csv"))
        base = open(os.path.join(ROOT, "tests", "spec", "assets.spec"), encoding="utf-8").read() \
            .split("--- p.yaml\n", 1)[1].split("assets:", 1)[0]
        with open(os.path.join(ln, "co.yaml"), "w", encoding="utf-8") as f:
            f.write(base + "assets:\n  csv: ledger.csv\n")
        rc, _, err, _ = run(["check", os.path.join(ln, "co.yaml")], cwd=ROOT)
        check("assets: a ledger CSV that is a symbolic link is refused",
              rc == 1 and "シンボリックリンク" in err.decode(), err.decode())
        os.unlink(os.path.join(ln, "co", "ledger.csv"))
        rc, _, err, _ = run(["check", os.path.join(ln, "co.yaml")], cwd=ROOT)
        check("assets: a ledger CSV that is missing is an error naming it",
              rc == 1 and "co/ledger.csv" in err.decode() and "error" in err.decode(), err.decode())

        # A ledger of 2,000 rows: builds, every row in the workbook and the counts.
        big = os.path.join(d, "big")
        os.makedirs(os.path.join(big, "co"))
        with open(os.path.join(big, "co.yaml"), "w", encoding="utf-8") as f:
            f.write(open(os.path.join(ROOT, "tests", "spec", "assets.spec"), encoding="utf-8").read()
                    .split("--- p.yaml\n", 1)[1].split("assets:", 1)[0] + "assets:\n  csv: ledger.csv\n")
        with open(os.path.join(big, "co", "ledger.csv"), "w", encoding="utf-8") as f:
            f.write(ledger_csv(2000))
        rc, _, err, secs = run(["build", "-q", os.path.join(big, "co.yaml"), "-o", os.path.join(big, "out")], cwd=ROOT, timeout=300)
        ok_build = rc == 0 and os.path.exists(os.path.join(big, "out", "assets.xlsx"))
        check("assets: a 2,000-row ledger builds", ok_build, err.decode()[:2000])
        if ok_build and openpyxl is not None:
            ws = openpyxl.load_workbook(os.path.join(big, "out", "assets.xlsx"), read_only=True)["情報資産管理台帳"]
            names = sum(1 for row in ws.iter_rows(min_row=2, max_col=4, values_only=True) if row[3])
            check("assets: the 2,000-row workbook holds every row", names == 2000, str(names))
    finally:
        shutil.rmtree(d, ignore_errors=True)


def import_openpyxl():
    """Debian's python3-openpyxl, also when python3 is not Debian's own."""
    try:
        import openpyxl
    except ImportError:
        sys.path.append("/usr/lib/python3/dist-packages")
        try:
            import openpyxl
        except ImportError:
            return None
    return openpyxl


UNASSESSED_PROFILE = """company:
  name: 株式会社テスト
  representative:
    name: 山田 太郎
policy:
  established: 2025-04-01
people:
  - id: yamada
    name: 山田 太郎
roles:
  security_officer: yamada
assets:
  information:
    - {id: U1, name: 顧客名簿, media: [cloud], personal: [個人情報], c: 1, i: 1, a: 1}
    - {id: U2, name: 見積書, media: [paper, 金庫], c: 2, i: 3, a: 1}
    - {id: U3, name: 設計図, media: [mobile], c: 2, i: 2, a: 2, treatment: 低減}
"""


def unassessed_workbook(openpyxl, d):
    """A row whose medium is not in assets.media stays in the workbook:
    the client's medium, empty 脅威 and 脆弱性, 判定 未評価; LibreOffice's
    recalculation gives the same as kitei's cached values."""
    u = os.path.join(d, "u")
    os.makedirs(u)
    with open(os.path.join(u, "u.yaml"), "w", encoding="utf-8") as fh:
        fh.write(UNASSESSED_PROFILE)
    rc, _, err, _ = run(["build", "-q", os.path.join(u, "u.yaml"), "-o", os.path.join(u, "out")], cwd=ROOT)
    x = os.path.join(u, "out", "assets.xlsx")
    if not check("assets: a ledger with an unknown medium builds, with the warning",
                 rc == 0 and os.path.exists(x) and "金庫" in err.decode(), err.decode()):
        return
    ws = openpyxl.load_workbook(x, data_only=True)["情報資産管理台帳"]
    row = [ws.cell(row=4, column=c).value for c in (2, 8, 16, 19, 20, 21, 22, 23)]
    check("assets: the unknown medium's row keeps the client's medium and 重要度, without 脅威 and 脆弱性, as 未評価",
          row[:3] == ["U2-金庫", "金庫", 3] and row[3:7] == [None, None, None, None] and row[7] == "未評価", str(row))
    kitei = [[ws.cell(row=r, column=c).value for c in (16, 21, 22, 23)] for r in range(2, 8)]
    stripped = os.path.join(u, "stripped.xlsx")
    strip_cached(x, stripped)
    lo = soffice_csv(stripped, os.path.join(u, "lo")).get("情報資産管理台帳", [])
    mine = [["" if v is None else str(int(v)) if isinstance(v, (int, float)) else v for v in r] for r in kitei]
    theirs = [[r[15], r[20], r[21], r[22]] for r in lo[1:7]] if len(lo) > 6 else []
    check("assets: LibreOffice recalculates the 未評価 row to kitei's values",
          theirs == mine and mine[2][3] == "未評価" and mine[1][3] == "小", "%s\n%s" % (mine, theirs))
    # A client fills in a spare row later: a name and C/I/A, 脅威 and
    # 脆弱性 not yet.  No spreadsheet error: 未評価 until they are filled.
    wb = openpyxl.load_workbook(x)
    ws = wb["情報資産管理台帳"]
    spare = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=4).value is None)
    ws.cell(row=spare, column=4).value = "新しい資産"
    for c in (12, 13, 14):
        ws.cell(row=spare, column=c).value = 2
    typed = os.path.join(u, "typed.xlsx")
    wb.save(typed)
    lo = soffice_csv(typed, os.path.join(u, "lo2")).get("情報資産管理台帳", [])
    got = [lo[spare - 1][c] for c in (15, 20, 21, 22)] if len(lo) >= spare else []
    check("assets: a spare row the client fills in without 脅威 and 脆弱性 shows 未評価, not an error",
          got == ["2", "", "", "未評価"], str(got))


def it_sheet_reads_back(openpyxl, x, exported, d):
    """The IT資産 sheet of kitei's workbook, saved as CSV by LibreOffice,
    imports through assets.it_csv and gives the same sheet again."""
    r = os.path.join(d, "itback")
    os.makedirs(os.path.join(r, "p"))
    if not check("assets: LibreOffice saved the IT資産 sheet as CSV", os.path.exists(exported), exported):
        return
    shutil.copy(exported, os.path.join(r, "p", "it.csv"))
    with open(os.path.join(r, "p.yaml"), "w", encoding="utf-8") as fh:
        fh.write(UNASSESSED_PROFILE.replace("assets:\n", "assets:\n  as_of: 2026-04-01\n  it_csv: it.csv\n"))
    rc, _, err, _ = run(["build", "-q", os.path.join(r, "p.yaml"), "-o", os.path.join(r, "out")], cwd=ROOT)
    back = os.path.join(r, "out", "assets.xlsx")
    if not check("assets: the exported IT資産 sheet imports without an error",
                 rc == 0 and os.path.exists(back), err.decode()):
        return
    def cells(path):
        ws = openpyxl.load_workbook(path)["IT資産"]
        return [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=ws.max_row) if any(
            c.value is not None for c in row)]
    mine, again = cells(x), cells(back)
    check("assets: the IT資産 sheet read back from its own CSV is the same sheet",
          len(mine) > 5 and mine == again, "%s\n%s" % (mine[:3], again[:3]))


def check_workbook_opens(name, path):
    """LibreOffice opens the workbook without repair and prints it."""
    d = tempfile.mkdtemp(prefix="soffice-", dir=TMP)
    try:
        p = subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + d + "/profile",
                            "--convert-to", "pdf", "--outdir", d, path],
                           capture_output=True, timeout=180)
        pdf = os.path.join(d, os.path.splitext(os.path.basename(path))[0] + ".pdf")
        return check(name + " opens in LibreOffice and prints", p.returncode == 0 and os.path.exists(pdf)
                     and os.path.getsize(pdf) > 1000, (p.stdout + p.stderr).decode())
    finally:
        shutil.rmtree(d, ignore_errors=True)


ANSWER_POINTS = {"実施している": 4, "一部実施している": 2, "実施していない": 0, "わからない": -1}


def expected_company_points(columns, median):
    """The scoring rule, written again from its statement: known answers
    only (わからない when no one knew), the lowest (min) or lower middle
    (median) level."""
    out = []
    for k in range(25):
        known = sorted(ANSWER_POINTS[c[k]] for c in columns if c[k] != "わからない")
        if not known:
            out.append(-1 if any(c[k] == "わからない" for c in columns) else 0)
        else:
            out.append(known[(len(known) - 1) // 2] if median else known[0])
    return out


def recalculated_differences(openpyxl, x, d):
    """Drops every cached formula result of workbook x, lets LibreOffice
    recalculate, and lists the cells whose result differs from the cached
    one (None when LibreOffice wrote nothing)."""
    import zipfile
    os.makedirs(d)
    stripped = os.path.join(d, "nocache.xlsx")
    with zipfile.ZipFile(x) as zin, zipfile.ZipFile(stripped, "w") as zout:
        for it in zin.infolist():
            data = zin.read(it.filename)
            if it.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb"(<f>[^<]*</f>)<v>[^<]*</v>", rb"\1", data)
            zout.writestr(it, data)
    lo = os.path.join(d, "lo")
    subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + d + "/profile",
                    "--convert-to", "xlsx", "--outdir", lo, stripped], capture_output=True, timeout=180)
    rl = os.path.join(lo, "nocache.xlsx")
    if not os.path.exists(rl):
        return None
    mine = openpyxl.load_workbook(x, data_only=True)
    theirs = openpyxl.load_workbook(rl, data_only=True)
    formulas = openpyxl.load_workbook(x)
    diffs = []
    for name in ("回答", "結果"):
        for row in formulas[name].iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    va, vb = mine[name][c.coordinate].value, theirs[name][c.coordinate].value
                    if va != vb:
                        diffs.append((name, c.coordinate, va, vb))
    return diffs


def group_assessment():
    """自社診断: scoring, errors at file:line:col, the CSV import, the report
    and the answer workbook."""
    d = tempfile.mkdtemp(prefix="assess-", dir=TMP)
    aoba = os.path.join(ROOT, "content", "aoba-seisakusho.yaml")
    try:
        # Scoring: the latest round of 青葉 is its CSV (min aggregation).
        import csv
        rows = list(csv.reader(open(os.path.join(ROOT, "content", "aoba-seisakusho",
                                                  "answers-2026-09.csv"), encoding="cp932")))
        body = [r for r in rows if r and r[0].isdigit()]
        cols = [[r[i] for r in body] for i in range(3, len(rows[1]))]
        pts = expected_company_points(cols, False)
        rc, md, err, _ = run(["expand", aoba, "self-assessment"], cwd=ROOT)
        md = md.decode()
        check("assessment: the total is the sum of the company's points (min of the known answers)",
              rc == 0 and "**%d / 100点**" % sum(pts) in md, err.decode() + md[:600])
        parts = [sum(pts[0:6]), sum(pts[6:17]), sum(pts[17:25])]
        check("assessment: Part subtotals against 24 / 44 / 32 go into the chart block",
              "- 基本的対策: %d / 24\n- 従業員としての対策: %d / 44\n- 組織としての対策: %d / 32" % tuple(parts) in md, md[:900])
        low = [k + 1 for k in range(25) if pts[k] <= 0]
        listed = re.findall(r"^\| (\d+) \| [^|]+ \| 実施していない \|", md.split("# 優先して検討する設問")[1].split("\n# ")[0], re.M)
        check("assessment: items at 0 points or less are the priorities", [int(x) for x in listed] == low, str(listed) + str(low))
        check("assessment: the trend table compares with the previous round", "# 前回との比較" in md and "| 合計 | 22 | %d | +%d |" % (sum(pts), sum(pts) - 22) in md)
        plan = md.split("# 改善計画")[1]
        order = re.findall(r"^\| [0-9、]+ \| [^|]+ \| [^|]* \| [^|]* \| (.) \| (.) \|", plan, re.M)
        rank = {"高": 0, "中": 1, "低": 2}
        check("assessment: the plan is sorted by 緊急度, then 重要度", order == sorted(order, key=lambda t: (rank[t[0]], rank[t[1]])), str(order))
        check("assessment: 二つ星 readiness says what is missing", "company.website が未記入" in md)
        # Median and the agreed answer (くも): item 24 is the agreed 実施していない.
        rc, md2, err, _ = run(["expand", os.path.join(ROOT, "content", "kumo-systems.yaml"), "self-assessment"], cwd=ROOT)
        md2 = md2.decode()
        kumo = open(os.path.join(ROOT, "content", "kumo-systems.yaml"), encoding="utf-8").read().split("self_assessment:")[1]
        cols2 = [re.findall(r"^            (\d+): (\S+)$", blk.split("notes:")[0], re.M) for blk in kumo.split("answers:")[1:]]
        cols2 = [[a for _, a in c] for c in cols2 if len(c) == 25]
        pts2 = expected_company_points(cols2, True)
        pts2[23] = 0    # agreed: 実施していない
        check("assessment: median aggregation with an agreed answer gives the total", "**%d / 100点**" % sum(pts2) in md2, str(sum(pts2)))
        check("assessment: an agreed answer overrides the aggregate", re.search(r"^\| 24 \| .*\| ×◎ \| 0 \|", md2, re.M) is not None, md2[:300])
        check("assessment: わからない answers are listed with who gave them", "# 「わからない」と答えた設問" in md2 and "千葉 理恵" in md2.split("# 「わからない」")[1].split("\n# ")[0])
        # Edition 3.x: other Part boundaries, no item mapping to the 4.0 handbook.
        k3 = os.path.join(d, "k3.yaml")
        open(k3, "w", encoding="utf-8").write(open(os.path.join(ROOT, "content", "kumo-systems.yaml"),
                                                    encoding="utf-8").read().replace("  aggregate: median\n", "  aggregate: median\n  edition: \"3.x\"\n"))
        rc, md3, err, _ = run(["expand", k3, "self-assessment"], cwd=ROOT)
        md3 = md3.decode()
        check("assessment: edition 3.x uses its Part boundaries 1-5 / 6-18 / 19-25",
              rc == 0 and "| 基本的対策 | 1〜5 |" in md3 and "| 従業員としての対策 | 6〜18 |" in md3 and "- 従業員としての対策: " in md3 and " / 52\n" in md3, err.decode() + md3[:1200])
        check("assessment: edition 3.x items are not mapped to the 4.0 handbook", "| 6 | 設問6 |" in md3 and "第3版の設問は番号の並びが" in md3)
        # Errors: missing and extra items, an unknown answer, rounds out of order, in one run.
        src = open(aoba, encoding="utf-8").read()
        bad = src.replace("            25: 実施していない\n", "            26: 実施していない\n", 1)
        bad = bad.replace("            3: 実施していない\n", "", 1)
        bad = bad.replace("            4: 一部実施している\n", "            4: たぶん\n", 1)
        bad = bad.replace("    - date: 2026-09-15\n", "    - date: 2026-01-15\n", 1)
        bp = os.path.join(d, "bad.yaml")
        open(bp, "w", encoding="utf-8").write(bad)
        os.symlink(os.path.join(ROOT, "content", "aoba-seisakusho"), os.path.join(d, "bad"))
        rc, _, err, _ = run(["check", bp], cwd=ROOT)
        e = err.decode()
        lines = bad.split("\n")
        def at(text, start=0):
            for i in range(start, len(lines)):
                if text in lines[i]:
                    return "%s:%d:%d: error:" % (bp, i + 1, lines[i].index(text) + 1 if not lines[i].startswith(" ") else len(lines[i]) - len(lines[i].lstrip()) + 1)
        check("assessment: an extra item number is an error at its key", rc == 1 and (bp + ":%d:13: error: 不明なキー" % (lines.index("            26: 実施していない") + 1)) in e, e)
        check("assessment: a missing item number is an error naming it", "answers.3 がありません" in e, e)
        check("assessment: an unknown answer is an error at the value", ":%d:16: error:" % (lines.index("            4: たぶん") + 1) in e and "たぶん は使えません" in e, e)
        check("assessment: a round dated before the previous one is an error", ":%d:13: error:" % (lines.index("    - date: 2026-01-15") + 1) in e and "古い順" in e, e)
        # CSV errors at line:column.
        cp = os.path.join(d, "bad.csv")
        open(cp, "w", encoding="utf-8").write("No,設問,A\n1,x,はい\n27,y,○\n")
        rc, out, err, _ = run(["import-answers", aoba, cp], cwd=ROOT)
        e = err.decode()
        check("assessment: import-answers reports a bad cell at its line:column", rc == 1 and cp + ":2:5: error: 回答「はい」" in e, e)
        check("assessment: import-answers reports an item number out of range", cp + ":3:1: error: 設問番号 27" in e, e)
        check("assessment: import-answers lists the items a respondent did not answer", cp + ":1:7: error: A の回答に設問 2, 3" in e, e)
        rc, out, err, _ = run(["import-answers", aoba, os.path.join(ROOT, "content", "aoba-seisakusho", "answers-2026-09.csv")], cwd=ROOT)
        check("assessment: import-answers prints the round as YAML (CP932 read, people by name)",
              rc == 0 and "        - person: aoba\n          answers:\n            1: 実施している\n" in out.decode(), err.decode())
        # The report PDF and the workbook.
        o1, o2 = os.path.join(d, "o1"), os.path.join(d, "o2")
        run(["build", "-q", aoba, "-o", o1, "--deps", os.path.join(d, "o1.d")], cwd=ROOT)
        run(["build", "-q", aoba, "-o", o2], cwd=ROOT)
        check("assessment: the answer CSV a round reads is a make dependency",
              "content/aoba-seisakusho/answers-2026-09.csv" in open(os.path.join(d, "o1.d"), encoding="utf-8").read())
        p = subprocess.run(["pdftotext", "-layout", os.path.join(o1, "self-assessment.pdf"), "-"], capture_output=True)
        t = p.stdout.decode()
        check("assessment: the report's text layer has the total and the Part numbers",
              "%d / 100" % sum(pts) in t and "%d / 24" % parts[0] in t.replace("　", " "), t[:800])
        idx = open(os.path.join(o1, "index.html"), encoding="utf-8").read()
        check("assessment: index.html shows the latest score and date", "最新の自社診断：%d / 100点（令和8年9月15日実施）" % sum(pts) in idx)
        for f in ("self-assessment.xlsx", "self-assessment.pdf", "self-assessment.html"):
            check("assessment: %s is byte-identical when rebuilt" % f,
                  open(os.path.join(o1, f), "rb").read() == open(os.path.join(o2, f), "rb").read())
        x = os.path.join(o1, "self-assessment.xlsx")
        check_workbook_opens("assessment: the answer workbook", x)
        openpyxl = import_openpyxl()
        if openpyxl is None:
            fail("assessment: python3-openpyxl is installed", "import openpyxl failed")
            return
        wb = openpyxl.load_workbook(x)
        ws = wb["回答"]
        check("assessment: the answer sheet is protected except the answer cells, with drop-downs",
              ws.protection.sheet and not ws.cell(row=5, column=4).protection.locked
              and ws.cell(row=5, column=3).protection.locked and len(ws.data_validations.dataValidation) >= 1)
        check("assessment: the answer sheet prints one A4 page wide", ws.page_setup.paperSize in (9, "9") and ws.sheet_properties.pageSetUpPr.fitToPage
              and ws.page_setup.fitToWidth in (1, "1", None) and ws.page_setup.fitToHeight in (0, "0"), str(ws.page_setup.fitToHeight))
        for stem in ("aoba-seisakusho", "kumo-systems", "hoshino-jimusho"):
            wbp = x if stem == "aoba-seisakusho" else os.path.join(d, stem, "self-assessment.xlsx")
            if stem != "aoba-seisakusho":
                run(["build", "-q", os.path.join(ROOT, "content", stem + ".yaml"), "-o", os.path.join(d, stem)], cwd=ROOT)
            diffs = recalculated_differences(openpyxl, wbp, os.path.join(d, "lo-" + stem))
            check("assessment: %s: every cached formula result equals LibreOffice's recalculated value" % stem,
                  diffs == [], str(diffs[:10]))
        mine = openpyxl.load_workbook(x, data_only=True)
        check("assessment: the cached total is kitei's total", mine["回答"]["H33"].value == sum(pts), str(mine["回答"]["H33"].value))
    finally:
        shutil.rmtree(d, ignore_errors=True)


# ---- the forms: distribution, pledges and the records the regulations name ----

LEDGERS = ("takeout-log", "disposal-log", "mynumber-log", "contractors", "exceptions-log")


def pdf_pages_and_size(path):
    _, out, _ = tool(["pdfinfo", path])
    pages = re.search(r"^Pages:\s+(\d+)", out, re.M)
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", out, re.M)
    return (int(pages.group(1)) if pages else 0,
            (float(size.group(1)), float(size.group(2))) if size else None)


def group_forms():
    d = tempfile.mkdtemp(prefix="forms-", dir=TMP)
    try:
        for prof in sorted(glob.glob(os.path.join(ROOT, "content", "*.yaml"))):
            stem = os.path.basename(prof)[:-5]
            out = os.path.join(d, stem)
            rc, _, err, _ = run(["build", "-q", prof, "-o", out])
            if not check("forms: %s builds" % stem, rc == 0, err.decode()):
                continue
            files = set(os.listdir(out))
            built = {t for k, t in FORM_TITLES.items() if k + ".pdf" in files}
            rc, md, err, _ = run(["expand", prof, "regulations"])
            named = set(re.findall(r"様式「([^」]+)」", md.decode()))
            # Every form the regulations name is built, and every form built is named there.
            check("forms: %s: the regulations name exactly the forms built" % stem,
                  named == built, "named only: %s; built only: %s" % (sorted(named - built), sorted(built - named)))
            text = open(prof, encoding="utf-8").read()
            mynumber = re.search(r"(?m)^\s+my_number:\s*true", text) is not None
            check("forms: %s: 特定個人情報の取扱記録 exactly when My Number is handled" % stem,
                  ("mynumber-log.pdf" in files) == mynumber, str(sorted(files)))
            for ledger in LEDGERS:
                if ledger + ".pdf" in files:
                    _, size = pdf_pages_and_size(os.path.join(out, ledger + ".pdf"))
                    check("forms: %s/%s is A4 landscape" % (stem, ledger),
                          size == (841.89, 595.28), str(size))
            index = open(os.path.join(out, "index.html"), encoding="utf-8").read()
            at = index.find(">様式と記録<")
            for t in built:
                check("forms: %s index.html lists %s under 様式と記録" % (stem, t),
                      at > 0 and index.find(t, at) > at)
            handbook_a5 = re.search(r"(?m)^\s+paper:\s*a5", text) is not None
            if "receipts.pdf" in files:
                path = os.path.join(out, "receipts.pdf")
                pages, size = pdf_pages_and_size(path)
                check("forms: %s receipts on the handbook's paper" % stem,
                      size == ((419.53, 595.28) if handbook_a5 else (595.28, 841.89)), str(size))
                _, txt, _ = tool(["pdftotext", "-layout", path, "-"])
                numbers = re.findall(r"[A-Z]{2}-[\d.]+-\d{3}", txt)
                check("forms: %s one receipt page per outstanding copy, each with its 配布番号" % stem,
                      numbers and pages == len(numbers) == len(set(numbers)), "%d pages, %s" % (pages, numbers))
                check("forms: %s receipts carry the statement, addressee and 提出期限" % stem,
                      "受け取りました" in txt and "殿" in txt and "提出期限" in txt, txt[:400])
            if "pledges.pdf" in files:
                _, txt, _ = tool(["pdftotext", os.path.join(out, "pledges.pdf"), "-"])
                check("forms: %s pledges name the organisation's own classification" % stem,
                      "「機密」" in txt or "区分した情報" in txt, txt[:300])
                check("forms: %s My Number clause only with My Number" % stem,
                      ("特定個人情報" in txt) == mynumber)
        # A roster is read only as a regular file in a real company folder (like the slots).
        minimal = ("company:\n  name: 株式会社テスト\n  representative:\n    name: 山田 太郎\n"
                   "policy:\n  established: 2025-04-01\npeople:\n  - id: yamada\n    name: 山田 太郎\n"
                   "roles:\n  security_officer: yamada\ndistribution:\n  roster: roster.csv\n")
        for how in ("file", "folder"):
            t = os.path.join(d, "link-" + how)
            os.makedirs(os.path.join(t, "elsewhere"))
            with open(os.path.join(t, "elsewhere", "roster.csv"), "w", encoding="utf-8") as f:
                f.write("社員番号,氏名,所属\n1,鈴木 一郎,製造部\n")
            with open(os.path.join(t, "p.yaml"), "w", encoding="utf-8") as f:
                f.write(minimal)
            if how == "file":
                os.makedirs(os.path.join(t, "p"))
                os.symlink(os.path.join("..", "elsewhere", "roster.csv"), os.path.join(t, "p", "roster.csv"))
            else:
                os.symlink("elsewhere", os.path.join(t, "p"))
            rc, _, err, _ = run(["check", "p.yaml", "--templates", os.path.join(ROOT, "templates")], cwd=t)
            check("forms: a roster reached through a symbolic link (%s) is refused at the key" % how,
                  rc == 1 and "p.yaml:13:11: error:" in err.decode() and "シンボリックリンク" in err.decode(), err.decode())
        # The 配布管理台帳 of the sample in the middle of a revision.
        kumo = os.path.join(ROOT, "content", "kumo-systems.yaml")
        x1 = os.path.join(d, "kumo-systems", "distribution.xlsx")
        run(["build", "-q", kumo, "-o", os.path.join(d, "again")])
        x2 = os.path.join(d, "again", "distribution.xlsx")
        check("forms: distribution.xlsx is byte-identical when rebuilt",
              os.path.exists(x1) and open(x1, "rb").read() == open(x2, "rb").read())
        openpyxl = import_openpyxl()
        if openpyxl is not None and os.path.exists(x1):
            ws = openpyxl.load_workbook(x1)["配布管理台帳"]
            head = [c.value for c in ws[1]]
            rows = [{h: c for h, c in zip(head, r)} for r in ws.iter_rows(min_row=2)]
            by_state = {}
            for r in rows:
                by_state.setdefault(r["状態"].value, []).append(r)
            check("forms: the ledger has one row per copy with its 配布番号 and state",
                  len(rows) == 7 and rows[0]["配布番号"].value == "HB-1.1-001"
                  and set(by_state) == {"回収済", "旧版未回収", "受領済", "未受領"}, str(by_state.keys()))
            fill = lambda r: r["配布番号"].fill.fgColor.rgb if r["配布番号"].fill.fill_type else None
            check("forms: a receipt not back and an old copy not collected are shaded differently; the rest plain",
                  fill(by_state["未受領"][0]) not in (None, "00000000")
                  and fill(by_state["旧版未回収"][0]) not in (None, "00000000")
                  and fill(by_state["未受領"][0]) != fill(by_state["旧版未回収"][0])
                  and all(fill(r) in (None, "00000000") for r in by_state["受領済"] + by_state["回収済"]),
                  str([(r["状態"].value, fill(r)) for r in rows]))
            got = rows[0]["配布日"].value
            check("forms: dates are real dates in the ledger", hasattr(got, "year") and got.year == 2024, repr(got))
            check("forms: the ledger is protected; only the dates to fill in and the note are open",
                  ws.protection.sheet and not rows[5]["受領確認書の回収日"].protection.locked
                  and rows[5]["氏名"].protection.locked)
        check_workbook_opens("forms: distribution.xlsx", x1)
    finally:
        shutil.rmtree(d, ignore_errors=True)


# ---- review dates and kitei due (more cases in tests/spec/due.spec) ----

def group_due():
    import datetime
    d = tempfile.mkdtemp(prefix="due-", dir=TMP)
    try:
        profiles = sorted(glob.glob(os.path.join(ROOT, "content", "*.yaml")))
        # 次回見直し日 on every cover, the revision-history page and index.html.
        for prof in profiles:
            stem = os.path.basename(prof)[:-5]
            o = os.path.join(d, stem)
            rc, _, err, _ = run(["build", "-q", prof, "-o", o])
            if not check("due: %s builds" % stem, rc == 0, err.decode()):
                continue
            rc, tsv, _, _ = run(["due", "--today", "2000-01-01", "--format", "tsv", prof])
            rows = [l.split("\t") for l in tsv.decode().splitlines()[1:]]
            rows = [r for r in rows if r[1] == "基本方針・規程の見直し"] or rows
            y, m, dd = rows[0][3].split("-")
            printed = "%d年%d月%d日" % (int(y), int(m), int(dd))
            for doc in ("handbook", "regulations"):
                _, cover, _ = tool(["pdftotext", "-f", "1", "-l", "1", os.path.join(o, doc + ".pdf"), "-"])
                _, front, _ = tool(["pdftotext", "-f", "2", "-l", "2", os.path.join(o, doc + ".pdf"), "-"])
                flat = lambda t: re.sub(r"\s+", "", t)
                if "令和" in flat(cover):   # a company that prints 和暦
                    want = "令和%d年%d月%d日" % (int(y) - 2018, int(m), int(dd))
                else:
                    want = printed
                _, laid, _ = tool(["pdftotext", "-layout", "-f", "1", "-l", "1", os.path.join(o, doc + ".pdf"), "-"])
                has = any(flat(l).startswith("次回見直し日" + want) for l in laid.splitlines())
                check("due: %s/%s cover shows 次回見直し日 (%s)" % (stem, doc, rows[0][3]), has, cover)
                check("due: %s/%s revision history shows 次回見直し日" % (stem, doc),
                      "改訂履歴" in flat(front) and "次回見直し日" in flat(front), front[:400])
                html = open(os.path.join(o, doc + ".html"), encoding="utf-8").read()
                check("due: %s/%s.html cover shows 次回見直し日" % (stem, doc),
                      re.search(r'<header class="cover">.*次回見直し日', html, re.S) is not None)
            idx = open(os.path.join(o, "index.html"), encoding="utf-8").read()
            check("due: %s index.html shows 次回見直し日 once" % stem, idx.count("次回見直し日") == 1)
        # The iCalendar file: same bytes twice, CRLF lines of at most 75 octets.
        args = ["due", "--format", "ics", "--today", "2026-06-01"] + profiles
        rc1, a, _, _ = run(args)
        rc2, b, _, _ = run(args)
        check("due: ics is byte-identical across runs", a == b and a.startswith(b"BEGIN:VCALENDAR\r\n"))
        lines = a.split(b"\r\n")
        check("due: ics lines end in CRLF and fold at 75 octets",
              all(b"\n" not in l and len(l) <= 75 for l in lines) and lines[-1] == b"", repr(max(lines, key=len)))
        check("due: ics and text agree on the exit status", rc1 == run(["due", "--today", "2026-06-01"] + profiles)[0])
        uids = re.findall(rb"^UID:(.*)$", a, re.M)
        check("due: ics UIDs are unique", len(uids) == len(set(uids)) and len(uids) > 0, str(uids))
        # SOURCE_DATE_EPOCH stands for today; without either, the real date.
        env = dict(os.environ, SOURCE_DATE_EPOCH="1780000000")
        _, out, _, _ = run(["due", "--format", "ics"] + profiles, env=env)
        check("due: SOURCE_DATE_EPOCH gives DTSTAMP", b"DTSTAMP:20260528T000000Z" in out, out[:400].decode())
        env = dict(os.environ)
        env.pop("SOURCE_DATE_EPOCH", None)
        _, out, _, _ = run(["due"] + profiles, env=env)
        today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
        check("due: without --today, the real date", today in out.decode(), out.decode()[-200:])
    finally:
        shutil.rmtree(d, ignore_errors=True)


# ---- 新旧対照表 (kitei compare), checked from the display list ----

def dump_pages(text):
    """Pages of a --dump=items listing: texts (x, y, size, s) and rules."""
    pages = []
    for line in text.splitlines():
        if line.startswith("page "):
            pages.append({"texts": [], "rules": []})
            continue
        m = re.match(r'\s+text ([\d.]+) ([\d.]+) \S+ ([\d.]+) "(.*)"$', line)
        if m:
            pages[-1]["texts"].append((float(m[1]), float(m[2]), float(m[3]), m[4]))
            continue
        m = re.match(r"\s+rule ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) w([\d.]+)", line)
        if m:
            pages[-1]["rules"].append(tuple(float(m[i]) for i in range(1, 6)))
    return pages


def underlines(page, t):
    """The underline rules (thin, just below the baseline) of text item t."""
    x, y, size, s = t
    return [r for r in page["rules"] if r[4] < 0.45 and r[1] == r[3] and
            y < r[1] < y + size * 0.4 and r[2] > x and r[0] < x + size * len(s) * 1.1]


def find_text(pages, needle, left=None, mid=420.0):
    """(page, text item) of the first text containing needle, on the left
    (new) or right (old) column when asked."""
    for p in pages:
        for t in p["texts"]:
            if needle in t[3] and (left is None or (t[0] < mid) == left):
                return p, t
    return None, None


def compare_fixture(d):
    """Two versions of a company's regulations: the new one inserts an
    article (秘密保持の誓約), deletes one (関連設備の管理), edits a sentence
    (議事録に残す → 記録して保存する), changes a number in a table (14 → 30
    日分) and drops the development chapter, so the chapters after it are
    renumbered (第10章 委託管理 → 第9章)."""
    old_t, new_t = os.path.join(d, "old-t"), os.path.join(d, "new-t")
    shutil.copytree(os.path.join(ROOT, "templates"), old_t)
    shutil.copytree(os.path.join(ROOT, "templates"), new_t)
    src = open(os.path.join(ROOT, "content", "kumo-systems.yaml"), encoding="utf-8").read()
    old = src.replace("  numbering: sections", "  numbering: articles")
    new = old.replace("（14日分を保持）", "（30日分を保持）") \
             .replace("in_house_development: true", "in_house_development: false") \
             .replace('version: "1.2"\n  revisions', 'version: "1.3"\n  revisions')
    for name, text in (("old", old), ("new", new)):
        open(os.path.join(d, name + ".yaml"), "w", encoding="utf-8").write(text)
        extra = os.path.join(ROOT, "content", "kumo-systems")
        if os.path.isdir(extra):
            shutil.copytree(extra, os.path.join(d, name))
    def edit(path, f):
        s = open(path, encoding="utf-8").read()
        t = f(s)
        assert t != s, path
        open(path, "w", encoding="utf-8").write(t)
    edit(os.path.join(new_t, "regulations", "02_human.md"), lambda s: s.replace(
        "## 従業員の責務", "## 秘密保持の誓約\n\n従業員は、入社の際に秘密保持の誓約書を提出する。"
        "誓約の内容は、在職中だけでなく退職後も守らなければならない。\n\n## 従業員の責務", 1))
    edit(os.path.join(new_t, "regulations", "05_physical.md"), lambda s:
         s[:s.index("## 関連設備の管理")] + s[s.index("## 領域内での注意事項"):])
    edit(os.path.join(new_t, "regulations", "01_organization.md"), lambda s: s.replace(
        "その結果を議事録に残す。", "その結果を議事録に記録して保存する。"))
    return ["old.yaml", "new.yaml", "--old-templates", "old-t", "--templates", "new-t"]


def group_compare():
    d = tempfile.mkdtemp(prefix="compare-", dir=TMP)
    try:
        args = compare_fixture(d)
        rc, out, err, _ = run(["compare"] + args + ["--dump=items"], cwd=d)
        if not check("compare: runs", rc == 0, err.decode()):
            return
        pages = dump_pages(out.decode())
        # An inserted article: underlined on the new side, （新設） opposite.
        p, t = find_text(pages, "秘密保持の誓約）", left=True)
        check("compare: an inserted article is underlined on the new side",
              t is not None and underlines(p, t), str(t))
        _, o = find_text(pages, "（新設）", left=False)
        check("compare: （新設） opposite the inserted article", o is not None and t and o[1] == t[1], str(o))
        # A deleted article: underlined on the old side, （削る） opposite.
        p, t = find_text(pages, "関連設備の管理）", left=False)
        check("compare: a deleted article is underlined on the old side",
              t is not None and underlines(p, t), str(t))
        _, n = find_text(pages, "（削る）", left=True)
        check("compare: （削る） opposite the deleted article", n is not None and t and n[1] == t[1], str(n))
        # An edited sentence: only the changed words are underlined.
        p, t = find_text(pages, "議事録に記録して保存する。", left=True)
        u = underlines(p, t) if t else []
        check("compare: an edited sentence marks one run on the new side, 記録して保存する (8 characters)",
              len(u) == 1 and abs((u[0][2] - u[0][0]) - 8 * t[2]) < t[2], str(u))
        p, t = find_text(pages, "議事録に残す。", left=False)
        u = underlines(p, t) if t else []
        check("compare: ... and 残 on the old side", len(u) == 1 and abs((u[0][2] - u[0][0]) - t[2]) < 1, str(u))
        unchanged = find_text(pages, "という。）を置く。", left=True)
        check("compare: the unchanged paragraphs of a changed article are shown without marks",
              unchanged[1] is not None and not underlines(*unchanged), str(unchanged))
        # A number in a table: the number alone, never part of it.
        for left, num in ((True, "30"), (False, "14")):
            # The line may break after the number or before it.
            p, t = find_text(pages, "（%s日分を" % num, left=left)
            if t is None:
                p, t = find_text(pages, "スナップショット（%s" % num, left=left)
            u = underlines(p, t) if t else []
            check("compare: the changed number %s in a table row is underlined whole and alone" % num,
                  len(u) == 1 and t[2] * 0.6 < u[0][2] - u[0][0] < t[2] * 1.4, str((t, u)))
        # A renumbered chapter is not a change: a heading saying so, then （略）.
        p, t = find_text(pages, "委託管理（改正前　第10章）")
        check("compare: a renumbered chapter keeps its identity (heading names the old number)",
              t is not None and t[3].startswith("第9章"), str(t))
        _, t = find_text(pages, "第15条（従業員の責務）〜第18条（人材育成）　（略）", left=True)
        _, o = find_text(pages, "第14条（従業員の責務）〜第17条（人材育成）　（略）", left=False)
        check("compare: articles renumbered by an insertion are unchanged: （略）, old numbers opposite",
              t is not None and o is not None and t[1] == o[1])
        # Every page carries the header row; A4 landscape.
        check("compare: the header row 改正後 | 改正前 is on every page",
              all(any(x[3] == "改正後" for x in p["texts"]) and any(x[3] == "改正前" for x in p["texts"])
                  for p in pages[1:]), str(len(pages)))
        rc, _, err, _ = run(["compare"] + args + ["-o", "c.pdf"], cwd=d)
        _, info, _ = tool(["pdfinfo", os.path.join(d, "c.pdf")])
        check("compare: A4 landscape", rc == 0 and "841.89 x 595.28" in info, info + err.decode())
        check_pdf("compare: c.pdf", os.path.join(d, "c.pdf"))
        run(["compare"] + args + ["-o", "c2.pdf"], cwd=d)
        check("compare: the PDF is byte-identical across runs",
              open(os.path.join(d, "c.pdf"), "rb").read() == open(os.path.join(d, "c2.pdf"), "rb").read())
        rc, _, err, _ = run(["compare"] + args + ["-o", "c.html"], cwd=d)
        html = open(os.path.join(d, "c.html"), encoding="utf-8").read() if rc == 0 else ""
        check("compare: HTML marks changes with <ins> and <del>",
              "<ins>30</ins>" in html and '<del class="change">14</del>' in html, err.decode())
        # Options: order and labels from the profile, unchanged omitted.
        with open(os.path.join(d, "new.yaml"), "a", encoding="utf-8") as f:
            f.write("\ncompare:\n  order: old_new\n  new_label: 新\n  old_label: 旧\n  remarks: true\n")
        rc, out, err, _ = run(["compare"] + args + ["--unchanged", "omit", "--dump=items"], cwd=d)
        pages = dump_pages(out.decode())
        mid = 390.0    # a 備考 column narrows the two text columns
        p, t = find_text(pages, "30日", left=False, mid=mid)
        if t is None:
            p, t = find_text(pages, "（30", left=False, mid=mid)
        check("compare: order old_new puts the new text on the right", rc == 0 and t is not None, err.decode())
        heads = sorted((t[0], t[3]) for t in pages[0]["texts"] if t[3] in ("旧", "新", "備考"))
        check("compare: labels from the profile (旧 | 新 | 備考)",
              [h[1] for h in heads] == ["旧", "新", "備考"], str(heads))
        check("compare: --unchanged omit leaves out unchanged chapters and articles",
              find_text(pages, "（略）")[1] is None and find_text(pages, "第1章　総則")[1] is None)
        # Every compare.* key changes the table (the organisation group's
        # schema walk leaves these to this fixture).
        with open(os.path.join(d, "new.yaml"), encoding="utf-8") as f:
            plain = f.read()
        plain = plain[:plain.rindex("\ncompare:")]
        def compare_items(section):
            with open(os.path.join(d, "new.yaml"), "w", encoding="utf-8") as f:
                f.write(plain + section)
            rc, out, err, _ = run(["compare"] + args + ["--dump=items"], cwd=d)
            return rc, out
        rc0, base = compare_items("")
        for key, value in (("order", "old_new"), ("new_label", "改定案"), ("old_label", "現行"),
                           ("unchanged", "show"), ("markers", "false"), ("remarks", "true")):
            rc, out = compare_items("\ncompare:\n  %s: %s\n" % (key, value))
            check("keys: compare.%s changes the comparison" % key,
                  rc0 == 0 and rc == 0 and out != base, "exit %d/%d" % (rc0, rc))
        compare_items("")
        rc, _, err, _ = run(["compare", "old.yaml", "-o", "x.pdf"], cwd=d)
        check("compare: one profile is a usage error (2)", rc == 2, err.decode())
        rc, _, err, _ = run(["compare", "old.yaml", "missing.yaml", "-o", "x.pdf"], cwd=d)
        check("compare: a missing profile is an input error (1), nothing written",
              rc == 1 and not os.path.exists(os.path.join(d, "x.pdf")), err.decode())
    finally:
        shutil.rmtree(d, ignore_errors=True)


GROUPS = {"org": group_org, "spec": group_spec, "due": group_due, "compare": group_compare, "fuzz": group_fuzz, "content": group_content, "robust": group_robust, "make": group_make, "cli": group_cli, "pdf": group_pdf,
          "html": group_html, "originality": group_originality,
          "registry": group_registry, "assessment": group_assessment, "assets": group_assets,
          "forms": group_forms, "keys": group_keys, "xref": group_xref}


def main():
    os.makedirs(TMP, exist_ok=True)
    if not os.path.exists(KITEI):
        print("kitei is not built: run make")
        print("0 passed, 1 failed")
        return 1
    names = sys.argv[1:] or list(GROUPS)
    for n in names:
        GROUPS[n]()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
