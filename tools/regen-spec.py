#!/usr/bin/env python3
"""Rewrites the stdout section of spec cases from kitei's actual output,
for review in git diff (make regen).  Only cases whose stdout differs are
touched; exit status and stderr are never rewritten.
usage: tools/regen-spec.py SPEC [LINE ...]   (no LINE: every case)"""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
import run  # noqa: E402


def actual_stdout(case):
    d = tempfile.mkdtemp(prefix="regen-", dir=run.TMP)
    try:
        shutil.copytree(os.path.join(run.ROOT, "templates"), os.path.join(d, "templates"))
        for sec in case["order"]:
            if sec in ("cmd", "stdout", "stderr", "exit", "timeout", "files"):
                continue
            data = case["sections"][sec]
            if sec.startswith("gen "):
                with open(os.path.join(d, sec[4:].strip()), "w", encoding="utf-8") as f:
                    f.write(eval(data.strip(), {}))
            elif sec.endswith(".hex"):
                os.makedirs(os.path.dirname(os.path.join(d, sec)), exist_ok=True)
                with open(os.path.join(d, sec[:-4]), "wb") as f:
                    f.write(bytes.fromhex("".join(data.split())))
            else:
                os.makedirs(os.path.dirname(os.path.join(d, sec)), exist_ok=True)
                with open(os.path.join(d, sec), "w", encoding="utf-8") as f:
                    f.write(data)
        import shlex
        rc, out, err, _ = run.run(shlex.split(case["sections"]["cmd"].strip()), cwd=d)
        return out.decode()
    finally:
        shutil.rmtree(d, ignore_errors=True)


def main():
    spec = sys.argv[1]
    only = set(int(x) for x in sys.argv[2:])
    os.makedirs(run.TMP, exist_ok=True)
    lines = open(spec, encoding="utf-8").read().split("\n")
    cases = run.parse_spec(spec)
    for case in reversed(cases):
        if only and case["line"] not in only or "stdout" not in case["sections"]:
            continue
        got = actual_stdout(case)
        if run.norm(got) == run.norm(case["sections"]["stdout"]):
            continue
        start = None
        for i in range(case["line"], len(lines)):
            if lines[i] == "--- stdout":
                start = i + 1
                break
        end = start
        while end < len(lines) and not lines[end].startswith("--- ") and not lines[end].startswith("=== "):
            end += 1
        keep_blank = [""] if end < len(lines) else []
        lines[start:end] = run.norm(got).split("\n") + keep_blank
        print("regenerated %s:%d: %s" % (spec, case["line"], case["name"]))
    text = "\n".join(lines)
    open(spec, "w", encoding="utf-8").write(text if text.endswith("\n") else text + "\n")


if __name__ == "__main__":
    main()
