#!/usr/bin/env python3
"""kitei's test driver.  Runs every group, prints one line per failure and
ends with "N passed, N failed".

usage: tests/run.py [GROUP ...]      groups: spec cli pdf html originality

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
import glob
import os
import re
import shlex
import shutil
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
    for spec in sorted(glob.glob(os.path.join(ROOT, "tests", "spec", "*.spec"))):
        for case in parse_spec(spec):
            run_case(spec, case)


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


def check_pdf(name, path):
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
    check(name + ": pdftotext gives Japanese text", "情報セキュリティ" in out, out[:200])
    rc, out, err = tool(["qpdf", "--check", path])
    check(name + ": qpdf --check", rc == 0 and "No syntax or stream encoding errors" in out, out + err)
    rc, out, err = tool(["pdftotext", "-layout", path, "-"])
    bad = kinsoku_violations(out)
    check(name + ": kinsoku in pdftotext -layout", not bad, "\n".join(bad[:10]))
    rc, out, err = tool(["pdfinfo", path])
    check(name + ": Japanese title in the document information",
          re.search(r"^Title:\s+情報セキュリティ", out, re.M) is not None, out)


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
            check("pdf: %s writes the seven files" % stem, files == sorted(
                ["policy.pdf", "policy.html", "handbook.pdf", "handbook.html",
                 "regulations.pdf", "regulations.html", "index.html"]), str(files))
            for doc in ("policy", "handbook", "regulations"):
                check_pdf("pdf: %s/%s" % (stem, doc), os.path.join(a, "x", doc + ".pdf"))
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
        # docs/profile.md is generated from the schema and kept in step.
        rc, out, err, _ = run(["schema-doc"], cwd=ROOT)
        with open(os.path.join(ROOT, "docs", "profile.md"), encoding="utf-8") as f:
            check("cli: docs/profile.md matches the schema (make docs)", rc == 0 and out.decode() == f.read(), err.decode())
        p = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "diagnostics-doc.py")],
                           capture_output=True)
        with open(os.path.join(ROOT, "docs", "diagnostics.md"), encoding="utf-8") as f:
            check("cli: docs/diagnostics.md matches the message catalogue (make docs)",
                  p.returncode == 0 and p.stdout.decode() == f.read(), p.stderr.decode())
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
    import random
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
        check("robust: a character above U+FFFF is replaced by 〓 with a warning naming it",
              rc == 0 and "U+20BB7" in err.decode() and "warning:" in err.decode()
              and "「〓」" in out_.decode(), err.decode() + out_.decode())
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
    finally:
        shutil.rmtree(d, ignore_errors=True)


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


GROUPS = {"org": group_org, "spec": group_spec, "fuzz": group_fuzz, "content": group_content, "robust": group_robust, "make": group_make, "cli": group_cli, "pdf": group_pdf,
          "html": group_html, "originality": group_originality}


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
