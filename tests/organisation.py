"""Right for every client: the sample documents, read as the organisation
each was written for would read them.

- every sample checks without a warning (so no template assigns work to a
  role the organisation lacks: that is warning W_ROLE_ABSENT);
- no sentence sends the reader to a chapter that is not in the regulations;
- a sample without a committee, department heads, internal audit, 就業規則,
  servers or 役員 reads nothing about them, calls itself by its own name
  (当社, 当事務所, 当法人 …) and lists each contact only where its role fits;
- every schema key changes some output;
- no personal name is broken inside its family or given name on any page,
  and no running header is set below 7 pt (read from the display list of
  `kitei build --dump=items`, not from the PDF's text).

The organisation's shape is computed here from the profile by the rules the
schema documents (company.form, company.employees, organization.*), so the
test is a second reading of those rules, not a copy of kitei's answer.
"""
import copy
import glob
import hashlib
import os
import re
import shutil
import tempfile

import yaml

# tests/run.py, which calls group_org() with itself (check, run, ROOT, TMP).
R = None

SELF = {"株式会社": "当社", "合同会社": "当社", "有限会社": "当社",
        "個人事業": "当事務所", "士業事務所": "当事務所", "一般社団法人": "当法人",
        "一般財団法人": "当法人", "協同組合": "当組合", "NPO法人": "当法人",
        "任意団体": "当会"}
NO_OFFICERS = ("個人事業", "士業事務所")
DOCS = ("policy", "handbook", "regulations", "pledges", "receipts", "takeout-log",
        "disposal-log", "self-assessment", "risk")
COMPANIES = ("株式会社", "合同会社", "有限会社")
# A company's own words for its inside, its outside, its staff and its
# self; in a 一般社団法人 a 社員 is a member, and a 事務所 has no 社内.
COMPANY_WORDS = re.compile(r"社内|社外(?!秘)|入社|退社|正社員|契約社員|「会社」|会社の(秘密|情報|許可|定め|アカウント)")


def samples():
    return sorted(glob.glob(os.path.join(R.ROOT, "content", "*.yaml")))


def stem(path):
    return os.path.basename(path)[:-5]


def shape(p):
    """The organisation model of profile p, by the schema's documented rules."""
    company = p.get("company", {})
    org = p.get("organization", {}) or {}
    form = company.get("form", "株式会社")
    n = company.get("employees")
    if n is None:
        micro = small = form == "個人事業"
    else:
        micro, small = n <= 5, n < 10
    return {
        "form": form,
        "self": company.get("self_reference", SELF[form]),
        "committee": org.get("committee", not micro),
        "audit": org.get("internal_audit", not micro),
        "work_rules": org.get("work_rules", not small),
        "servers": (p.get("it", {}) or {}).get("servers", not micro),
        "departments": bool((p.get("roles", {}) or {}).get("department_heads")),
        "my_number_clients": (p.get("business", {}) or {}).get("my_number_clients", False),
    }


def lines_with(text, word, unless=()):
    return [l for l in text.splitlines() if word in l and not any(u in l for u in unless)]


def check_shape(name, p, docs):
    s = shape(p)
    everything = "\n".join(docs.values())
    if not s["committee"]:
        bad = lines_with(everything, "委員会", ("個人情報保護委員会", "委員会を置かない"))
        R.check("org: %s has no committee and no sentence gives one work" % name, not bad,
                "\n".join(bad)[:600])
    if not s["departments"]:
        bad = lines_with(everything, "部門責任者", ("置かない",))
        R.check("org: %s has no departments and no sentence gives a department head work" % name,
                not bad, "\n".join(bad)[:600])
    if not s["audit"]:
        bad = lines_with(everything, "点検責任者")
        R.check("org: %s has no internal audit and no sentence names an inspector" % name, not bad,
                "\n".join(bad)[:600])
    if not s["work_rules"]:
        bad = lines_with(everything, "就業規則", ("就業規則を定めていない",))
        R.check("org: %s has no 就業規則 and no sentence relies on it" % name, not bad,
                "\n".join(bad)[:600])
    if not s["servers"]:
        bad = lines_with(everything, "無停電電源装置") + lines_with(everything, "サーバーと主要な")
        R.check("org: %s has no servers and no rule about a server room" % name, not bad,
                "\n".join(bad)[:600])
    if s["form"] in NO_OFFICERS:
        bad = lines_with(everything, "役員")
        R.check("org: %s (%s) has no 役員 and none is mentioned" % (name, s["form"]), not bad,
                "\n".join(bad)[:600])
    if s["self"] != "当社":
        bad = lines_with(everything, "当社")
        R.check("org: %s calls itself %s, never 当社" % (name, s["self"]),
                not bad and s["self"] in everything, "\n".join(bad)[:600])
    if s["form"] not in COMPANIES:
        bad = [l for l in everything.splitlines() if COMPANY_WORDS.search(l)]
        R.check("org: %s (%s) is not a company and is never written about in a company's words" % (name, s["form"]),
                not bad, "\n".join(bad)[:600])
    if not s["my_number_clients"]:
        bad = [l for l in everything.splitlines() if "委託を受けて" in l and
               re.search("個人番号|特定個人情報|マイナンバー", l)]
        R.check("org: %s handles no client's My Number and is not told how to" % name, not bad,
                "\n".join(bad)[:600])
    support = ((p.get("contacts", {}) or {}).get("support") or [])
    others = [c["name"] for c in support if c.get("role", "it_maintenance") != "it_maintenance"]
    for l in lines_with(docs["regulations"], "保守を委託している事業者") + \
            lines_with(docs["regulations"], "との保守契約を含む"):
        bad = [o for o in others if o in l]
        R.check("org: %s lists only IT maintenance contractors as such" % name, not bad, l[:300])


def check_chapter_refs(name, md):
    written = {re.sub(r"\s*\{-\}$", "", l[2:].strip()) for l in md.splitlines() if l.startswith("# ")}
    refs = set(re.findall(r"「([^」]+)」の章", md))
    missing = sorted(refs - written)
    R.check("org: %s's regulations refer only to chapters they contain" % name, not missing,
            "referred to but not written: %s" % missing)


def group_samples():
    for prof in samples():
        name = stem(prof)
        p = yaml.safe_load(open(prof, encoding="utf-8"))
        rc, out, err, _ = R.run(["check", prof], cwd=R.ROOT)
        # The engagement records warn on purpose (a receipt not returned,
        # a device past its support end); none may be about roles.
        role_msgs = [l for l in err.decode().splitlines() if "役割" in l or "の章を参照" in l]
        R.check("org: %s checks without a role warning (no work for a missing role)" % name,
                rc == 0 and not role_msgs, "\n".join(role_msgs)[:800])
        docs = {}
        for doc in DOCS:
            rc, out, err, _ = R.run(["expand", prof, doc], cwd=R.ROOT)
            docs[doc] = out.decode().replace("\u2060", "") if rc == 0 else ""
        check_chapter_refs(name, docs["regulations"])
        check_shape(name, p, docs)


# ---- every schema key has an effect ----

def key_names(node):
    """PyYAML reads a key written no: or yes: as a boolean; in the schema
    it is a name (distribution.copies[].no)."""
    if isinstance(node, dict):
        return {({False: "no", True: "yes"}.get(k, k) if isinstance(k, bool) else k):
                key_names(v) for k, v in node.items()}
    if isinstance(node, list):
        return [key_names(v) for v in node]
    return node


def schema_root():
    root = {}
    for f in sorted(glob.glob(os.path.join(R.ROOT, "templates", "schema", "*.yaml"))):
        root.update(key_names(yaml.safe_load(open(f, encoding="utf-8"))))
    return root


def leaves(desc, path=()):
    """(path, description) of every key that holds a value, lists by item 0."""
    t = desc.get("type")
    if desc.get("derived"):	# kitei computes it; a profile may not write it
        return
    if t == "map":
        for k, d in (desc.get("keys") or {}).items():
            yield from leaves(d, path + (k,))
        return
    yield path, desc
    if t == "list" and desc["items"].get("type") == "map":
        yield from leaves(desc["items"], path + (0,))


def get(p, path):
    for k in path:
        if isinstance(k, int):
            if not isinstance(p, list) or len(p) <= k:
                return None
        elif not isinstance(p, dict) or k not in p:
            return None
        p = p[k]
    return p


def put(p, path, value):
    for i, k in enumerate(path[:-1]):
        nxt = [] if isinstance(path[i + 1], int) else {}
        if isinstance(k, int):
            while len(p) <= k:
                p.append(copy.deepcopy(nxt))
            p = p[k]
        else:
            p = p.setdefault(k, nxt)
    if isinstance(path[-1], int):
        while len(p) <= path[-1]:
            p.append(None)
    p[path[-1]] = value


def other_value(desc, cur, p):
    t = desc.get("type")
    cur = desc.get("default") if cur is None else cur
    if t == "bool":
        return not bool(cur)
    if t == "int":
        v = int(cur if cur is not None else desc.get("min", 1))
        return v + 1 if desc.get("max") is None or v + 1 <= desc["max"] else v - 1
    if t == "enum":
        return [v for v in desc["values"] if v != cur][-1]
    if t == "date":
        return "2024-02-29" if cur != "2024-02-29" else "2024-03-01"
    if t == "ref":
        ids = [x["id"] for x in get(p, tuple(desc["to"].split("."))) or []]
        return [i for i in ids if i != cur][0]
    if t == "list":
        if cur:
            return cur[:-1] if len(cur) > 1 else []
        item = desc["items"]
        if item.get("type") == "ref":
            return [get(p, ("people",))[1]["id"]]
        if item.get("type") == "map":
            return [{k: d.get("example", "確認用") for k, d in item["keys"].items()
                     if d.get("required") or "example" in d}]
        return ["確認用の値"]
    return ("%s（確認用）" % cur) if cur else "確認用の値"


# Keys whose effect shows only with another setting; the test sets both.
CONTEXT = {
    ("company", "short_name"): {("company", "name"): "一般社団法人" + "情報セキュリティ" * 6 + "協議会"},
    ("it", "password", "manager_name"): {("it", "password", "manager"): "designated"},
    ("it", "byod_rules", "mdm_name"): {("it", "byod_rules", "mdm"): True},
    ("it", "disposal", "paper_vendor"): {("it", "disposal", "paper"): "dissolution"},
    ("it", "disposal", "device_vendor"): {("it", "disposal", "devices"): "vendor"},
    ("organization", "reviewer", "name"): {("organization", "internal_audit"): False},
    ("organization", "reviewer", "role"): {("organization", "internal_audit"): False},
    ("organization", "reviewer", "phone"): {("organization", "internal_audit"): False},
    ("regulations", "frequency", "committee"): {("organization", "committee"): True},
    ("company", "employees"): {("organization", "committee"): None,
                               ("organization", "internal_audit"): None,
                               ("organization", "work_rules"): None, ("it", "servers"): None},
    ("contacts", "internal", 0, "name"): {("contacts", "internal", 0, "person"): None},
    ("company", "form"): {("company", "self_reference"): None,
                          ("company", "representative", "title"): None},
}
# Values chosen by hand where the generic change would not show the key's
# purpose (a size class) or is refused on purpose (組織的対策 is required).
OVERRIDE = {("company", "employees"): 3,
            ("regulations", "chapters", "organization", "status"): "改定"}
for _k in ("status", "revised", "scope"):
    CONTEXT["regulations", "chapters", "development", _k] = {
        ("business", "in_house_development"): True,
        ("regulations", "chapters", "development", "status"): "新規作成"}
# The engagement records (self-assessment, asset ledger, distribution,
# pledges, review dates and schedules) need a whole scenario to show:
# their keys are changed in a sample that has all of them.
ENGAGEMENT = {"self_assessment", "assets", "distribution", "pledge", "schedule"}
RICH = ("aoba-seisakusho", "hoshino-jimusho", "kumo-systems")
BANDS = [{"min": 60, "label": "おおむね整っている", "next": "残る弱点を計画に入れて直す"},
         {"min": -25, "label": "対策が足りない", "next": "0点以下の設問から手を付ける"}]
_SA = ("self_assessment",)
CONTEXT[_SA + ("bands", 0, "min")] = {_SA + ("bands",): BANDS}
CONTEXT[_SA + ("bands", 0, "label")] = {_SA + ("bands",): BANDS}
CONTEXT[_SA + ("bands", 0, "next")] = {_SA + ("bands",): BANDS}
CONTEXT[_SA + ("rounds", 0, "respondents", 0, "name")] = {
    _SA + ("rounds", 0, "respondents", 0, "person"): None,
    _SA + ("rounds", 0, "respondents", 0, "name"): "試験 一郎"}
OVERRIDE.update({
    _SA + ("bands",): BANDS,
    ("assets", "csv_encoding"): "auto",
    ("assets", "it_csv_encoding"): "auto",
    ("assets", "information", 0, "threat"): 3,
    ("assets", "information", 0, "vulnerability"): 3,
    ("assets", "risk", "possibility"): [[3, 3, 2], [2, 2, 1], [1, 1, 1]],
    _SA + ("bands", 0, "min"): 100,
})


def use_alt_csv(*where):
    """The change for a key naming a CSV: the same file, one value
    different (write_alt_csvs)."""
    def change(p):
        holder = get(p, where[:-1])
        items = holder if isinstance(holder, list) else [holder]
        for item in items:
            if isinstance(item, dict) and item.get(where[-1]):
                item[where[-1]] = item[where[-1]][:-4] + "-alt.csv"
                return p
        return None
    return change


def number_regulations(p):
    """distribution.documents: regulations numbered too, so that a copy of
    them can be recorded (without the key that copy is an error)."""
    dist = p.get("distribution")
    if not dist or not dist.get("copies") or "regulations" in dist.get("documents", []):
        return None
    dist["documents"] = ["handbook", "regulations"]
    first = dist["copies"][0]
    dist["copies"].append({"to": first["to"], "document": "regulations", "no": 900,
                           "issued": str(first["issued"])})
    return p


# Keys whose change needs more than a new value: a function that changes
# a copy of the sample in place (None: not applicable to this sample).
SPECIAL = {
    _SA + ("rounds", 0, "csv"): use_alt_csv("self_assessment", "rounds", "csv"),
    ("assets", "csv"): use_alt_csv("assets", "csv"),
    ("assets", "it_csv"): use_alt_csv("assets", "it_csv"),
    ("distribution", "roster"): use_alt_csv("distribution", "roster"),
    ("distribution", "documents"): number_regulations,
}
# compare.* shapes `kitei compare`, not the build; the compare group
# changes each of its keys (see group_compare in run.py).
OWN_GROUP = {"compare"}
# Identifiers connect roles to people and change no text; the people list
# itself is tested through its items.
EXEMPT = {("people", 0, "id"), ("people",)}


def all_keys(desc, path=()):
    for k, d in (desc.get("keys") or {}).items():
        yield path + (k,), d
        yield from all_keys(d, path + (k,))


def dependents(label):
    return [path for path, desc in all_keys({"keys": schema_root()})
            if desc.get("only_when") == label]


def outputs(profile, d, name="p", folder=None):
    """Builds profile as d/NAME.yaml (with the company folder copied next to
    it, for the files its slots and CSVs name) and returns the exit status,
    everything it wrote that a reader sees (the display list of the PDFs,
    the HTML, and a digest of each workbook) and the messages."""
    path = os.path.join(d, name + ".yaml")
    if folder and os.path.isdir(folder) and not os.path.isdir(os.path.join(d, name)):
        shutil.copytree(folder, os.path.join(d, name))
        write_alt_csvs(os.path.join(d, name))
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump(profile, f, allow_unicode=True, sort_keys=False)
    out_dir = os.path.join(d, "o")
    shutil.rmtree(out_dir, ignore_errors=True)
    rc, out, err, _ = R.run(["build", "-q", path, "-o", out_dir, "--dump=items"],
                            cwd=R.ROOT)
    # Review dates and the schedule show in `kitei due` as well.
    _, due, _, _ = R.run(["due", path], cwd=R.ROOT)
    seen = [due.decode()]
    if rc == 0:
        for f in sorted(os.listdir(out_dir)):
            data = open(os.path.join(out_dir, f), "rb").read()
            if f.endswith(".html"):
                seen.append(data.decode("utf-8"))
            elif f.endswith(".xlsx"):
                seen.append("%s %s\n" % (f, hashlib.sha256(data).hexdigest()))
    # Messages count too (an encoding setting may change only a warning).
    msgs = err.decode().replace(d, "D")
    return rc, out.decode() + "".join(seen) + msgs, err.decode()


def write_alt_csvs(folder):
    """NAME-alt.csv beside each CSV a sample reads, one value different, in
    the same encoding: the ledger and the IT assets without their last row, the answers with
    the last answer changed, the roster with the last 所属 changed."""
    for f in glob.glob(os.path.join(folder, "*.csv")):
        raw = open(f, "rb").read()
        try:
            text, enc = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, enc = raw.decode("cp932"), "cp932"
        nl = "\r\n" if "\r\n" in text else "\n"
        lines = text.rstrip(nl).split(nl)
        base = os.path.basename(f)
        if base.startswith("assets") or base.startswith("it-assets"):
            lines = lines[:-1]
        elif base.startswith("answers"):
            last = lines[-1]
            i = last.rindex("一部実施している")
            lines[-1] = last[:i] + "実施している" + last[i + len("一部実施している"):]
        else:
            fields = lines[-1].split(",")
            fields[2] += "（確認）"
            lines[-1] = ",".join(fields)
        with open(f[:-4] + "-alt.csv", "wb") as out:
            out.write((nl.join(lines) + nl).encode(enc))


def changed_profile(base, path, desc):
    """(before, after): base in the context key path needs, and the same
    with path's value changed (or set, when base leaves it out)."""
    label = ".".join(str(k) if not isinstance(k, int) else "[]" for k in path)
    before = copy.deepcopy(base)
    for k, v in CONTEXT.get(path, {}).items():
        if v is None:
            parent = get(before, k[:-1])
            if isinstance(parent, dict):
                parent.pop(k[-1], None)
        else:
            put(before, k, v)
    after = copy.deepcopy(before)
    if path in OVERRIDE:
        put(after, path, OVERRIDE[path])
    elif get(before, path) is None and desc.get("default") is None and \
            desc.get("type") not in ("list",):
        # A key the profile leaves out: set it, compare with unset.
        put(after, path, desc.get("example", other_value(desc, None, before)))
    else:
        put(after, path, other_value(desc, get(before, path), before))
    if get(after, path) is False:
        # A switch turned off: the keys that only apply when it is on go
        # with it.
        for dep in dependents(label):
            parent = get(after, dep[:-1])
            if isinstance(parent, dict):
                parent.pop(dep[-1], None)
    return label, before, after


def check_key_effect(label, before, after, build):
    rc1, o1, e1 = build(before)
    rc2, o2, e2 = build(after)
    R.check("keys: %s changes the documents" % label,
            rc1 == 0 and rc2 == 0 and o1 != o2,
            "exit %d/%d %s%s" % (rc1, rc2, e1[-300:], e2[-300:]) if rc1 or rc2
            else "same output")


def engagement_key(path):
    return path[0] in ENGAGEMENT or path[:2] == ("policy", "review")


def group_schema_keys():
    """Every key a profile can write changes what kitei writes: the
    document keys from the starter profile of `kitei init`, the engagement
    records (self-assessment, ledger, distribution, pledges, review dates,
    schedule) from a sample that keeps all of them."""
    d = tempfile.mkdtemp(prefix="keys-", dir=R.TMP)
    cache = {}

    def build(profile, name="p", folder=None):
        key = (name, yaml.safe_dump(profile, allow_unicode=True, sort_keys=True))
        if key not in cache:
            cache[key] = outputs(profile, d, name, folder)
        return cache[key]

    try:
        start = os.path.join(d, "start.yaml")
        R.run(["init", "確認用", "-o", start], cwd=R.ROOT)
        base = yaml.safe_load(open(start, encoding="utf-8"))
        # Samples that keep engagement records, each in its own way (the
        # ledger from a CSV or written out, answers from a CSV or typed).
        rich = []
        for name in RICH:
            prof = yaml.safe_load(open(os.path.join(R.ROOT, "content", name + ".yaml"),
                                       encoding="utf-8"))
            rich.append((name, prof, os.path.join(R.ROOT, "content", name)))
        for path, desc in leaves({"type": "map", "keys": schema_root()}):
            if path in EXEMPT or desc.get("type") == "map" or desc.get("derived") \
                    or path[0] in OWN_GROUP:
                continue
            if not engagement_key(path):
                label, before, after = changed_profile(base, path, desc)
                check_key_effect(label, before, after, build)
                continue
            # Shown when one of the samples changes with it.
            tried = []
            for name, prof, folder in rich:
                label, before, after = changed_profile(prof, path, desc)
                if path in SPECIAL:
                    after = SPECIAL[path](copy.deepcopy(prof))
                    if after is None:
                        continue
                rc1, o1, e1 = build(before, name, folder)
                rc2, o2, e2 = build(after, name, folder)
                tried.append("%s: exit %d/%d%s" % (name, rc1, rc2, " same output" if
                                                    o1 == o2 else " " + (e1 + e2)[-200:]))
                if rc1 == 0 and rc2 == 0 and o1 != o2:
                    tried = None
                    break
            R.check("keys: %s changes the documents" % label, tried is None,
                    "\n".join(tried or []))
    finally:
        shutil.rmtree(d, ignore_errors=True)


def person_names(p):
    names = [x.get("name") for x in p.get("people", [])]
    names.append(p["company"]["representative"]["name"])
    policy = p.get("policy", {}) or {}
    names += list((policy.get("approvals") or {}).values())
    # The revision history's 承認者 column holds names too.
    names += [r.get("approver") for r in policy.get("revisions") or []]
    return {n for n in names if n}


def texts(dump):
    items = []
    for l in dump.splitlines():
        m = re.match(r'\s+text ([\d.]+) ([\d.]+) (\w+) ([\d.]+) "(.*)"$', l)
        if m:
            items.append((float(m.group(2)), float(m.group(4)), m.group(5)))
        elif l.startswith("=="):
            items.append((None, None, None))
    return items


def approval_overflow(dump):
    """Text of an approval box drawn outside its cell, on any cover."""
    bad = []
    for page in re.split(r"(?m)^page 1/", dump)[1:]:
        page = page.split("\npage ")[0]
        rules = [tuple(map(float, m)) for m in re.findall(
            r"rule ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) w0\.60", page)]
        vertical = sorted({r[0] for r in rules if r[0] == r[2] and r[3] - r[1] > 40})
        if len(vertical) != 4:
            continue
        top = min(r[1] for r in rules if r[0] == r[2])
        bottom = max(r[3] for r in rules if r[0] == r[2])
        for m in re.finditer(r'text ([\d.]+) ([\d.]+) \w+ ([\d.]+) "(.*)"', page):
            x, y, size, t = float(m.group(1)), float(m.group(2)), float(m.group(3)), m.group(4)
            if not (vertical[0] - 1 <= x <= vertical[-1]) or y < top:
                continue
            w = sum(size if ord(c) > 0x2000 else size / 2 for c in t)
            right = min(v for v in vertical if v > x)
            if y > bottom + 0.5 or x + w > right + 0.5:
                bad.append("%s at x %.1f y %.1f, %.1f wide (cell ends at %.1f, box at %.1f)" %
                           (t, x, y, w, right, bottom))
    return bad


def group_layout():
    d = tempfile.mkdtemp(prefix="layout-", dir=R.TMP)
    try:
        for prof in samples():
            name = stem(prof)
            p = yaml.safe_load(open(prof, encoding="utf-8"))
            rc, out, err, _ = R.run(["build", "-q", prof, "-o", os.path.join(d, name),
                                     "--dump=items"], cwd=R.ROOT)
            items = texts(out.decode())
            parts = {part for n in person_names(p) for part in re.split(r"[ \u3000]+", n)
                     if len(part) > 1}
            broken = []
            for (y1, _, a), (y2, _, b) in zip(items, items[1:]):
                if a is None or b is None:
                    continue
                for part in parts:
                    for k in range(1, len(part)):
                        if a.endswith(part[:k]) and b.startswith(part[k:]):
                            broken.append("%s／%s (%s)" % (a[-12:], b[:12], part))
            R.check("layout: %s breaks no personal name inside itself" % name, rc == 0 and not broken,
                    "\n".join(broken[:10]) or err.decode()[:300])
            outside = approval_overflow(out.decode())
            R.check("layout: %s draws every approval name inside its cell" % name, not outside,
                    "\n".join(outside))
            small = sorted({s for _, s, t in items if s is not None and s < 6.995})
            R.check("layout: %s sets no text (header included) below 7 pt" % name, not small,
                    str(small))
    finally:
        shutil.rmtree(d, ignore_errors=True)


def group_org(runner):
    global R
    R = runner
    group_samples()
    group_layout()
    group_schema_keys()
