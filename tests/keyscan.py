"""Finds profile keys that C names as bare string literals.

Every key the C code reads or writes in a profile is declared in
src/profile/keys.h (checked against templates/schema/ at start-up) and
named by its enum, so that a renamed schema key fails loudly instead of
printing a blank.  This scanner is the test that keeps it so: it looks at
every call of a function that takes a key (value_get, derive_put, and
any function of src/ with a `const char *key` parameter) and at every
table of key names, and reports the ones given a string literal, as
file:line.

Files that read YAML files other than the profile are listed in OTHER
with the reason; their keys are checked against their own schema by
their own key lists (see the comments there).
"""
import os
import re

# Function -> the index of its key argument.
KEY_FUNCS = {
    "value_get": 1, "value_at": 1, "derive_put": 1, "profile_str_at": 1,
    "schema_key": 1, "schema_at": 1,
}

# Files that read YAML that is not the profile, and why they may name
# keys as literals.
OTHER = {
    "src/profile/schema.c":
        "reads the schema files themselves (type, keys, items, ...): the "
        "format of a schema is the C code's own, documented in docs/templates.md",
}

CALL = re.compile(r"\b([A-Za-z_][A-Za-z0-9_]*)\s*\(")
LITERAL = re.compile(r'^\s*"((?:[^"\\]|\\.)*)"\s*$')
# A table of strings: static const char *const name[] = { "a", "b" };
TABLE = re.compile(r"const\s+char\s*\*\s*(?:const\s+)?(\w+)\s*\[[^\]]*\]\s*=\s*\{([^}]*)\}", re.S)
# A table of structs with a string member named key or path:
# struct { const char *head, *key; } name[] = { { "見出し", "id" }, ... };
STRUCTS = re.compile(r"struct\s*\{([^{}]*)\}\s*(\w+)\s*\[[^\]]*\]\s*=\s*\{(.*?)\n\s*\};", re.S)
KEY_MEMBER = re.compile(r"char\s*\*[^;]*\b(key|path)\b")


def strip_comments(text):
    """Comments become spaces (newlines kept, so line numbers hold)."""
    def blank(m):
        if m.group(0)[0] in "\"'":
            return m.group(0)
        return re.sub(r"[^\n]", " ", m.group(0))
    return re.sub(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|/\*.*?\*/|//[^\n]*',
                  blank, text, flags=re.S)


# A function definition (BSD style: its name starts the line).
DEFINITION = re.compile(r"^([A-Za-z_]\w*)\(([^)]*)\)\s*\{", re.M)
KEY_PARAM = re.compile(r"char\s*\*\s*key$")


def key_functions(files):
    """KEY_FUNCS plus every function of src/ that takes a char *key
    parameter: a helper written later is watched too."""
    funcs = dict(KEY_FUNCS)
    for text in files:
        for m in DEFINITION.finditer(text):
            params = [p.strip() for p in m.group(2).split(",")]
            for i, p in enumerate(params):
                if KEY_PARAM.search(p):
                    funcs.setdefault(m.group(1), i)
    return funcs


def split_args(text, start):
    """The arguments of the call whose '(' is at start, with their offsets."""
    depth, i, arg_start, args = 0, start, start + 1, []
    while i < len(text):
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < len(text) and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append((arg_start, text[arg_start:i]))
                return args
        elif c == "," and depth == 1:
            args.append((arg_start, text[arg_start:i]))
            arg_start = i + 1
        i += 1
    return args


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def schema_leaves(root):
    """Every key name the profile schema declares."""
    names = set()
    sdir = os.path.join(root, "templates", "schema")
    for f in os.listdir(sdir):
        if f.endswith(".yaml"):
            for m in re.finditer(r"^\s*([a-z_][a-z0-9_]*):\s*$",
                                 open(os.path.join(sdir, f), encoding="utf-8").read(), re.M):
                names.add(m.group(1))
    return names - {"keys", "items", "each", "default", "values", "example"}


def scan(root):
    """[(file:line, what)] for every literal key in src/ outside OTHER."""
    leaves = schema_leaves(root)
    found = []
    sources = {}
    src = os.path.join(root, "src")
    for folder, _, files in sorted(os.walk(src)):
        for f in sorted(files):
            if f.endswith(".c"):
                path = os.path.join(folder, f)
                sources[os.path.relpath(path, root)] = strip_comments(
                    open(path, encoding="utf-8").read())
    funcs = key_functions(sources.values())
    for rel, text in sorted(sources.items()):
            if rel in OTHER:
                continue
            for m in CALL.finditer(text):
                fn = m.group(1)
                if fn not in funcs:
                    continue
                args = split_args(text, m.end() - 1)
                k = funcs[fn]
                if k < len(args):
                    lit = LITERAL.match(args[k][1])
                    if lit:
                        found.append(("%s:%d" % (rel, line_of(text, args[k][0] + 1)),
                                      '%s(..., "%s")' % (fn, lit.group(1))))
            for m in TABLE.finditer(text):
                # A table of key names: most of its words are keys
                # (command and filter names may share a word with a key).
                words = re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2))
                if len(words) < 2 or 2 * sum(w in leaves for w in words) <= len(words):
                    continue
                for s in re.finditer(r'"((?:[^"\\]|\\.)*)"', m.group(2)):
                    if s.group(1) in leaves:
                        found.append(("%s:%d" % (rel, line_of(text, m.start(2) + s.start())),
                                      '%s[] = { "%s", ... }' % (m.group(1), s.group(1))))
            for m in STRUCTS.finditer(text):
                if not KEY_MEMBER.search(m.group(1)):
                    continue
                for s in re.finditer(r'"((?:[^"\\]|\\.)*)"', m.group(3)):
                    if s.group(1) in leaves:
                        found.append(("%s:%d" % (rel, line_of(text, m.start(3) + s.start())),
                                      '%s[] = { { ..., "%s", ... } }' % (m.group(2), s.group(1))))
    return found


if __name__ == "__main__":
    import sys
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for where, what in scan(here):
        print("%s: %s" % (where, what))
    sys.exit(0)
