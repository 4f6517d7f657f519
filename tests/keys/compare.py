#!/usr/bin/env python3
"""Compares sparklog's JSON report with the answer keys, field by field.

usage: compare.py SPARKLOG SOURCE_DIR CORPUS_DIR [--update] [--verbose]

Every tests/keys/*.json names a log (`file`: under SOURCE_DIR for testdata/,
else under CORPUS_DIR). For each, sparklog runs once with `-f json` and once
as `check` (default settings), and every field the key states is compared
(tests/keys/README.md says what each means):

  file level   apps (how many), check (exit status: 1 when an application
               failed or was killed, 0 when every one succeeded, 3 for
               input with no Spark application)
  per app      (matched by first line, else by number) outcome, end_reason, start_line, end_line, jobs,
               failed_jobs, cancelled_jobs, root_cause (its line, or one
               of its alt_lines, and its class), executor_deaths (executor
               and class), benign_removals, spark_version, platform,
               findings (the warnings and errors sparklog raises on the
               app that the key does not list, and the key's sparklog ids
               that sparklog does not raise)

A key's field that sparklog gets wrong is a *gap*. tests/keys/known-gaps.txt
lists the gaps known today, one `file<TAB>app<TAB>field` per line: the test
fails on a gap not in the list (a regression, or a new key) and on a listed
gap that is gone (the list must shrink with the code: rerun with --update
and commit it). The figures printed at the end say how far sparklog is from
the keys.
"""
import json
import os
import subprocess
import sys
from collections import Counter

# Finding ids sparklog can raise; a key's other ids (a reader's own names
# for what the lines show) are not compared.
SPARKLOG_IDS = {
    "SKEW", "FETCH_FAILURE", "STAGE_RETRY", "TASK_FAILURES", "TINY_TASKS",
    "FEW_TASKS", "EXECUTOR_LOSS", "SPECULATION", "LONG_STAGE",
    "NO_SCHEDULER_LINES", "JOB_FAILED_RECOVERED", "NO_RESOURCES",
}
# Findings that restate the outcome; the outcome field compares them
# (LOG_CUT_OFF is raised exactly when the outcome is incomplete).
OUTCOME_IDS = {"APP_FAILED", "APP_KILLED", "APP_INCOMPLETE", "LOG_CUT_OFF",
               "THRESHOLD"}
FAILING = {"failed", "killed"}


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=dict(os.environ, NO_COLOR="1"), check=False)
    return p.returncode, p.stdout


def line_of(v):
    """A line as sparklog writes it ({"file","line"}) or as a number."""
    if isinstance(v, dict):
        return v.get("line")
    return v


class Gaps:
    def __init__(self):
        self.gaps = []     # (file, app, field, detail)
        self.fields = 0    # fields compared

    def cmp(self, file, app, field, want, got):
        self.fields += 1
        if want != got:
            self.gaps.append((file, app, field,
                              "want %s, got %s" % (json.dumps(want),
                                                   json.dumps(got))))

    def gap(self, file, app, field, detail):
        self.fields += 1
        if detail:
            self.gaps.append((file, app, field, detail))


def app_index(doc):
    """sparklog's apps by 1-based seq, and how findings name an app."""
    apps = doc.get("apps", [])
    one_based = not str(doc.get("schema", "")).endswith("/1")
    by_seq = {}
    for i, a in enumerate(apps):
        by_seq[a.get("seq", i + 1)] = a
    def seq_of_finding(f):
        a = f.get("app")
        if a is None:
            return None
        return a if one_based else a + 1
    return by_seq, seq_of_finding


def compare_app(g, name, seq, key, top, app, findings):
    if app is None:
        g.gap(name, seq, "app", "sparklog has no application %d" % seq)
        return
    for field in ("outcome", "end_reason"):
        if field in key:
            g.cmp(name, seq, field, key[field], app.get(field))
    for field in ("start_line", "end_line"):
        if key.get(field) is not None:
            g.cmp(name, seq, field, key[field], line_of(app.get(field)))
    if key.get("jobs") is not None:
        jobs = app.get("jobs")
        got = None
        if isinstance(jobs, list):
            got = len([j for j in jobs if not j.get("map_stage_job")])
        g.cmp(name, seq, "jobs", key["jobs"], got)
    for field in ("failed_jobs", "cancelled_jobs"):
        if field in key:
            got = app.get(field)
            g.cmp(name, seq, field, sorted(key[field]),
                  sorted(got) if isinstance(got, list) else got)
    if "root_cause" in key:
        want = key["root_cause"]
        got = app.get("root_cause")
        if want is None:
            g.cmp(name, seq, "root_cause", None,
                  None if got is None else got.get("class"))
        elif not isinstance(got, dict):
            g.gap(name, seq, "root_cause", "want line %s (%s), got none"
                  % (want.get("line"), want.get("class")))
        else:
            lines = {want.get("line")} | set(want.get("alt_lines") or [])
            gl = line_of(got.get("line"))
            g.gap(name, seq, "root_cause.line",
                  None if gl in lines else
                  "want %s, got %s" % (sorted(x for x in lines
                                              if x is not None), gl))
            g.cmp(name, seq, "root_cause.class", want.get("class"),
                  got.get("class"))
    if "executor_deaths" in key:
        want = Counter((str(d.get("executor")), d.get("class"))
                       for d in key["executor_deaths"])
        got_l = app.get("executor_deaths")
        got = (Counter((str(d.get("executor")), d.get("class"))
                       for d in got_l) if isinstance(got_l, list) else None)
        g.cmp(name, seq, "executor_deaths", sorted(want.elements()),
              sorted(got.elements()) if got is not None else None)
    if "benign_removals" in key:
        g.cmp(name, seq, "benign_removals", key["benign_removals"],
              app.get("benign_removals"))
    version = key.get("spark_version", top.get("spark_version"))
    if version is not None:
        # "3.3.2 / 3.4.0": a file whose applications ran either version.
        got = app.get("spark_version")
        if got in [v.strip() for v in str(version).split(" / ")]:
            got = version
        g.cmp(name, seq, "spark_version", version, got)
    platform = key.get("platform", top.get("platform"))
    if platform not in (None, "unknown"):
        g.cmp(name, seq, "platform", platform, app.get("platform"))
    want_ids = {w.get("id") for w in key.get("warnings", [])}
    got_ids = {f.get("id") for f in findings
               if f.get("severity") in ("warning", "error")}
    extra = sorted(got_ids - want_ids - OUTCOME_IDS)
    missing = sorted((want_ids & SPARKLOG_IDS) - got_ids)
    detail = []
    if extra:
        detail.append("raised, not in key: " + ", ".join(extra))
    if missing:
        detail.append("in key, not raised: " + ", ".join(missing))
    g.gap(name, seq, "findings", "; ".join(detail) or None)


def expected_check(key):
    if key.get("kind") == "not_spark":
        return 3
    outcomes = [a.get("outcome") for a in key.get("apps", [])]
    if not outcomes or key.get("kind") not in ("driver", "mixed"):
        return None
    if any(o in FAILING for o in outcomes):
        return 1
    if all(o == "succeeded" for o in outcomes):
        return 0
    return None


def main(argv):
    if len(argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    sparklog, src, corpus = argv[1], argv[2], argv[3]
    update = "--update" in argv
    verbose = "--verbose" in argv
    keydir = os.path.join(src, "tests", "keys")
    gaps_path = os.path.join(keydir, "known-gaps.txt")
    g = Gaps()
    checked = skipped = 0
    for kf in sorted(os.listdir(keydir)):
        if not kf.endswith(".json"):
            continue
        key = json.load(open(os.path.join(keydir, kf)))
        rel = key["file"]
        path = (os.path.join(src, rel) if rel.startswith("testdata/")
                else os.path.join(corpus, rel))
        if not os.path.exists(path):
            skipped += 1
            continue
        checked += 1
        name = rel
        want_check = expected_check(key)
        if want_check is not None:
            rc, _ = run([sparklog, "check", path])
            g.cmp(name, 0, "check", want_check, rc)
        if key.get("kind") not in ("driver", "mixed"):
            continue
        rc, out = run([sparklog, "-f", "json", path])
        try:
            doc = json.loads(out)
        except ValueError:
            g.gap(name, 0, "json", "no JSON document (exit %d)" % rc)
            continue
        by_seq, seq_of = app_index(doc)
        kapps = key.get("apps", [])
        g.cmp(name, 0, "apps", len(kapps), len(by_seq))
        # An application is matched by its first line where both say it
        # (one application split or merged differently must not shift
        # every later one), else by its number.
        by_start = {}
        for s, a in by_seq.items():
            by_start.setdefault(line_of(a.get("start_line")), s)
        for ka in kapps:
            seq = ka["seq"]
            got_seq = by_start.get(ka.get("start_line"), seq)
            findings = [f for f in doc.get("findings", [])
                        if seq_of(f) == got_seq]
            compare_app(g, name, seq, ka, key, by_seq.get(got_seq),
                        findings)

    now = {"%s\t%d\t%s" % (f, a, fld): d for f, a, fld, d in g.gaps}
    known = set()
    if os.path.exists(gaps_path):
        with open(gaps_path) as fh:
            known = {ln.rstrip("\n") for ln in fh
                     if ln.strip() and not ln.startswith("#")}
    new = sorted(set(now) - known)
    gone = sorted(known - set(now))
    # A log that is absent here (no corpus) leaves its gaps unchecked.
    gone = [k for k in gone
            if os.path.exists(os.path.join(src, k.split("\t")[0]))
            or os.path.exists(os.path.join(corpus, k.split("\t")[0]))]
    byfield = Counter(k.split("\t")[2].split(".")[0] for k in now)
    print("keys: %d logs compared (%d absent), %d fields, %d gaps"
          % (checked, skipped, g.fields, len(now)))
    for fld, n in sorted(byfield.items()):
        print("  %-16s %d" % (fld, n))
    if update:
        with open(gaps_path, "w") as fh:
            fh.write("# Key fields sparklog does not yet match "
                     "(tests/keys/compare.py --update).\n")
            for k in sorted(now):
                fh.write(k + "\n")
        print("wrote %s" % gaps_path)
        return 0
    if verbose:
        for k in sorted(now):
            print("gap: %s: %s" % (k.replace("\t", " | "), now[k]))
    for k in new:
        print("NEW GAP: %s: %s" % (k.replace("\t", " | "), now[k]))
    for k in gone:
        print("FIXED (remove from known-gaps.txt): %s"
              % k.replace("\t", " | "))
    return 1 if new or gone else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
