#!/usr/bin/env python3
"""Checks a GitLab Code Quality report (the fields GitLab reads: an array
of issues, each with description, check_name, fingerprint (unique),
severity (info, minor, major, critical, blocker), location.path and
location.lines.begin >= 1). Prints problems, exits 1 on any.

    gitlab_quality.py REPORT PATH...   (the paths an issue may name)
"""
import json
import sys

SEVERITIES = {'info', 'minor', 'major', 'critical', 'blocker'}


def main(report, paths):
    bad = []
    try:
        with open(report, encoding='utf-8') as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        print('%s: not JSON: %s' % (report, e))
        return 1
    if not isinstance(doc, list):
        print('%s: not an array' % report)
        return 1
    seen = set()
    for i, issue in enumerate(doc):
        def no(msg):
            bad.append('%s: issue %d: %s' % (report, i, msg))
        if not isinstance(issue, dict):
            no('not an object')
            continue
        for key in ('description', 'check_name', 'fingerprint', 'severity'):
            if not isinstance(issue.get(key), str) or not issue.get(key):
                no('%s is not a non-empty string' % key)
        if issue.get('severity') not in SEVERITIES:
            no('severity %r' % issue.get('severity'))
        fp = issue.get('fingerprint')
        if fp in seen:
            no('fingerprint %r repeated' % fp)
        seen.add(fp)
        loc = issue.get('location')
        if not isinstance(loc, dict):
            no('no location')
            continue
        if loc.get('path') not in paths:
            no('location.path %r is none of %s' % (loc.get('path'), paths))
        begin = (loc.get('lines') or {}).get('begin')
        if not isinstance(begin, int) or isinstance(begin, bool) or begin < 1:
            no('location.lines.begin %r' % begin)
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2:]))
