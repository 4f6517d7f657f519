#!/usr/bin/env python3
"""Dev tool: compare sparklog's outcomes with the answer keys.

Runs `sparklog -f json` and `sparklog check` on the file of each key
(corpus files are ../shared/corpus/<file> from the repo root, testdata
files are relative to the repo) and reports, per key: the check's exit
status against the one the key implies (1 when an application failed or
was killed, else 0), and per application (matched by start line, else by
order) outcome, failed jobs, root cause line (or one of its alt_lines)
and class. Prints the agreement figures at the end.

usage: compare_outcomes.py SPARKLOG [REPO] [-v]
"""
import glob, json, os, subprocess, sys

def main():
    exe = sys.argv[1]
    repo = sys.argv[2] if len(sys.argv) > 2 and not sys.argv[2].startswith('-') else '.'
    verbose = '-v' in sys.argv
    corpus = os.path.join(repo, '..', 'shared', 'corpus')
    if not os.path.isdir(corpus):
        corpus = '/work/shared/corpus'
    tot = {k: [0, 0] for k in ('exit', 'outcome', 'end_reason', 'end_line', 'failed_jobs',
                               'cause_line', 'cause_class')}
    for kf in sorted(glob.glob(os.path.join(repo, 'tests/keys/*.json'))):
        key = json.load(open(kf))
        f = key.get('file')
        if not f or key.get('kind') in ('event_log', 'not_spark'):
            continue
        path = os.path.join(repo, f)
        if not os.path.exists(path):
            path = os.path.join(corpus, f)
        if not os.path.exists(path):
            continue
        apps = key.get('apps', [])
        bad = any(a.get('outcome') in ('failed', 'killed') for a in apps)
        rc = subprocess.run([exe, 'check', '--no-config', path],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        want = 1 if bad else 0
        tot['exit'][1] += 1
        ok_exit = rc == want
        tot['exit'][0] += ok_exit
        out = subprocess.run([exe, '-f', 'json', '--no-config', path],
                             capture_output=True, text=True).stdout
        try:
            doc = json.loads(out)
        except ValueError:
            doc = {'apps': []}
        got = doc.get('apps', [])
        by_line = {}
        for g in got:
            sl = (g.get('start_line') or {}).get('line')
            by_line.setdefault(sl, g)
        msgs = []
        for i, a in enumerate(apps):
            g = by_line.get(a.get('start_line'))
            if g is None and len(got) == len(apps):
                g = got[i]
            if g is None:
                continue
            tot['outcome'][1] += 1
            if g.get('outcome') == a.get('outcome'):
                tot['outcome'][0] += 1
            else:
                msgs.append('app %s outcome %s want %s' % (a.get('seq'), g.get('outcome'), a.get('outcome')))
            for k in ('end_reason', 'end_line'):
                if a.get(k) is None:
                    continue
                tot[k][1] += 1
                gv = g.get(k)
                if k == 'end_line':
                    gv = (gv or {}).get('line')
                if gv == a[k]:
                    tot[k][0] += 1
                elif verbose:
                    msgs.append('app %s %s %s want %s' % (a.get('seq'), k, gv, a[k]))
            if a.get('failed_jobs') is not None:
                tot['failed_jobs'][1] += 1
                if sorted(g.get('failed_jobs') or []) == sorted(a['failed_jobs']):
                    tot['failed_jobs'][0] += 1
                else:
                    msgs.append('app %s failed_jobs %s want %s' % (a.get('seq'), g.get('failed_jobs'), a['failed_jobs']))
            kc = a.get('root_cause')
            if kc and kc.get('line'):
                gc = g.get('root_cause') or {}
                gl = (gc.get('line') or {}).get('line')
                tot['cause_line'][1] += 1
                if gl == kc['line'] or gl in (kc.get('alt_lines') or []):
                    tot['cause_line'][0] += 1
                else:
                    msgs.append('app %s cause line %s want %s %s' % (a.get('seq'), gl, kc['line'], kc.get('alt_lines') or ''))
                tot['cause_class'][1] += 1
                if gc.get('class') == kc.get('class'):
                    tot['cause_class'][0] += 1
                else:
                    msgs.append('app %s cause class %s want %s' % (a.get('seq'), gc.get('class'), kc.get('class')))
        if not ok_exit or (verbose and msgs):
            print('%s: check exit %d want %d' % (os.path.basename(kf), rc, want))
        if verbose:
            for m in msgs[:12]:
                print('   ', m)
    for k, (a, b) in tot.items():
        print('%-12s %d/%d' % (k, a, b))

main()
