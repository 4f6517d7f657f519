#!/usr/bin/env python3
"""Compares sparklog's message templates with the time keys.

usage: compare_messages.py SPARKLOG CORPUS_DIR [--update] [--verbose]

For every tests/keys/time/*.json, sparklog runs once with `-f json` on the
corpus log the key names, and per application (matched by its first line,
else by number) these key fields are compared with the report:

  messages           each of the key's templates (level, logger, template)
                     must be among sparklog's "messages" with the same
                     count, first line and last line
  message_templates  len(messages) + templates_other.templates
  warn_error_lines   warn_error_lines

A field that differs is a gap. known-gaps-messages.txt (next to this file)
lists the gaps known today, `file<TAB>app<TAB>field<TAB># reason`: the
test fails on a gap not in the list and on a listed gap that is gone
(--update rewrites the list, keeping the reasons; a new line gets the
reason "TODO" and must be given one before it is committed).
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GAPS = os.path.join(HERE, "known-gaps-messages.txt")


def line_of(v):
    return v.get("line") if isinstance(v, dict) else v


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    update = "--update" in sys.argv
    verbose = "--verbose" in sys.argv
    sparklog, corpus = args[0], args[1]
    gaps = {}
    counts = {"templates": 0, "matched": 0}
    for fn in sorted(os.listdir(HERE)):
        if not fn.endswith(".json"):
            continue
        with open(os.path.join(HERE, fn)) as fh:
            key = json.load(fh)
        path = os.path.join(corpus, key["file"])
        p = subprocess.run([sparklog, "-f", "json", path],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            doc = json.loads(p.stdout)
        except ValueError:
            gaps["%s\t0\tjson" % key["file"]] = "no JSON document"
            continue
        apps = doc.get("apps", [])
        by_seq = {a.get("seq", i + 1): a for i, a in enumerate(apps)}
        by_start = {}
        for s, a in by_seq.items():
            by_start.setdefault(line_of(a.get("start_line")), s)
        for ka in key["apps"]:
            seq = ka["seq"]
            got = by_seq.get(by_start.get(ka.get("start_line"), seq))

            def gap(field, detail):
                gaps["%s\t%d\t%s" % (key["file"], seq, field)] = detail

            if got is None:
                gap("app", "no such application")
                continue
            msgs = got.get("messages", [])
            other = got.get("templates_other", {})
            index = {(m["level"], m["logger"], m["template"]): m
                     for m in msgs}
            for km in ka.get("messages") or []:
                counts["templates"] += 1
                k = (km["level"], km["logger"], km["template"])
                m = index.get(k)
                field = "message %s %s %s" % k
                if m is None:
                    gap(field, "missing")
                    continue
                have = (m["count"], line_of(m["first"]), line_of(m["last"]))
                want = (km["count"], km["first_line"], km["last_line"])
                if have != want:
                    gap(field, "count/first/last %s, key %s" % (have, want))
                else:
                    counts["matched"] += 1
            ntpl = len(msgs) + (other.get("templates") or 0)
            if ka.get("message_templates") != ntpl:
                gap("message_templates",
                    "%d, key %s" % (ntpl, ka.get("message_templates")))
            if ka.get("warn_error_lines") != got.get("warn_error_lines"):
                gap("warn_error_lines", "%s, key %s" % (
                    got.get("warn_error_lines"), ka.get("warn_error_lines")))
    known = {}
    if os.path.exists(GAPS):
        with open(GAPS) as fh:
            for ln in fh:
                if not ln.strip() or ln.startswith("#"):
                    continue
                parts = ln.rstrip("\n").split("\t")
                known["\t".join(parts[:3])] = "\t".join(parts[3:])
    new = sorted(set(gaps) - set(known))
    gone = sorted(set(known) - set(gaps))
    if verbose:
        for g in sorted(gaps):
            print("gap: %s: %s" % (g.replace("\t", " | "), gaps[g]))
    print("templates matched exactly: %d of %d; gaps: %d (known %d)" % (
        counts["matched"], counts["templates"], len(gaps), len(known)))
    if update:
        with open(GAPS, "w") as fh:
            fh.write("# Message key fields sparklog does not match "
                     "(compare_messages.py --update),\n# each with why.\n")
            for g in sorted(gaps):
                fh.write("%s\t%s\n" % (g, known.get(g, "# TODO")))
        return 0
    for g in new:
        print("NEW GAP: %s: %s" % (g.replace("\t", " | "), gaps[g]))
    for g in gone:
        print("GONE (rerun with --update): %s" % g.replace("\t", " | "))
    return 1 if new or gone else 0


if __name__ == "__main__":
    sys.exit(main())
