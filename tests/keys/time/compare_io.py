#!/usr/bin/env python3
"""Compares sparklog's "io_phases" with the `io` field of the time keys.

usage: compare_io.py SPARKLOG SOURCE_DIR CORPUS_DIR [--update] [--verbose]

For every tests/keys/time/*.json, sparklog runs once with `-f json` on the
corpus log it names. Applications are matched by their first line (the
key's `start_line`, sparklog's `start_line`). For each application the
kinds (listing, write_commit, committer, metastore, broadcast_build) must
be the same set, and for each kind: `count` (sparklog's `lines`),
`first_line`, `last_line` and the events (line and ms) exactly.

A difference is a *gap*. known-gaps-io.txt lists the gaps known today, one
`file<TAB>app<TAB>kind<TAB>field<TAB>why` per line: the test fails on a gap
not listed and on a listed gap that is gone (--update rewrites the list,
keeping the reasons of the gaps that remain; new ones get "TODO").
"""
import json
import os
import subprocess
import sys


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=dict(os.environ, NO_COLOR="1"), check=False)
    return p.returncode, p.stdout


def line_of(v):
    return v.get("line") if isinstance(v, dict) else v


def compare_kind(want, got):
    """Field -> (want, got) for each field that differs."""
    d = {}
    if got is None:
        return {"kind": ("present", "absent")}
    if want is None:
        return {"kind": ("absent", "present")}
    pairs = [("count", want["count"], got["lines"]),
             ("first_line", want["first_line"], line_of(got["first_line"])),
             ("last_line", want["last_line"], line_of(got["last_line"])),
             ("events", [(e["line"], float(e["ms"])) for e in want["events"]],
              [(e["line"], float(e["ms"])) for e in got["events"]])]
    for field, w, g in pairs:
        if w != g:
            d[field] = (w, g)
    return d


def main(argv):
    if len(argv) < 4:
        print(__doc__)
        return 2
    sparklog, src, corpus = argv[1], argv[2], argv[3]
    update = "--update" in argv
    verbose = "--verbose" in argv
    kdir = os.path.join(src, "tests", "keys", "time")
    gaps_path = os.path.join(kdir, "known-gaps-io.txt")
    known = {}
    if os.path.exists(gaps_path):
        for ln in open(gaps_path, encoding="utf-8"):
            if ln.startswith("#") or not ln.strip():
                continue
            f = ln.rstrip("\n").split("\t")
            known[tuple(f[:4])] = f[4] if len(f) > 4 else "TODO"
    found = {}
    ok_kinds = 0
    all_kinds = 0
    for name in sorted(os.listdir(kdir)):
        if not name.endswith(".json"):
            continue
        key = json.load(open(os.path.join(kdir, name), encoding="utf-8"))
        path = os.path.join(corpus, key["file"])
        rc, out = run([sparklog, "-f", "json", path])
        if rc not in (0, 1):
            print(f"FAIL {key['file']}: sparklog exited {rc}")
            return 1
        doc = json.loads(out)
        by_start = {}
        for a in doc.get("apps", []):
            by_start[line_of(a.get("start_line"))] = a
        for ka in key.get("apps", []):
            app = by_start.get(ka["start_line"])
            kinds = ka.get("io") or {}
            got = (app or {}).get("io_phases") or {}
            if app is None and kinds:
                found[(key["file"], str(ka["seq"]), "*", "app")] = (
                    f"no application starts at line {ka['start_line']}")
                continue
            for kind in sorted(set(kinds) | set(got)):
                all_kinds += 1
                diff = compare_kind(kinds.get(kind), got.get(kind))
                if not diff:
                    ok_kinds += 1
                for field, (w, g) in diff.items():
                    detail = f"key {w} sparklog {g}"
                    found[(key["file"], str(ka["seq"]), kind, field)] = detail
    status = 0
    for k, detail in sorted(found.items()):
        if k not in known:
            print("NEW GAP " + "\t".join(k) + "\t" + detail[:300])
            status = 1
        elif verbose:
            print("known gap " + "\t".join(k) + "\t" + known[k])
    for k in sorted(set(known) - set(found)):
        print("GONE " + "\t".join(k) + " (the list must shrink: --update)")
        status = 1
    if update:
        with open(gaps_path, "w", encoding="utf-8") as f:
            f.write("# compare_io.py: gaps between sparklog's io_phases and "
                    "the keys' io.\n# file\tapp\tkind\tfield\twhy\n")
            for k in sorted(found):
                f.write("\t".join(k) + "\t" + known.get(k, "TODO") + "\n")
        status = 0
    print(f"io phases: {ok_kinds} of {all_kinds} (app, kind) pairs match "
          f"the keys exactly; {len(found)} gaps ({len(known)} listed)")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
