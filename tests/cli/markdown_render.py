#!/usr/bin/env python3
"""Checks sparklog's Markdown as GitHub renders it (cmark-gfm HTML on
stdin): a level-2 heading "sparklog: <input>", every table row with as
many cells as its header, and the literal texts given on the command
line visible in the rendered text (e.g. "<console>", which must not be
taken for a tag). The one code block allowed is the timeline's
```mermaid fence. Prints problems, exits 1 on any.

    cmark-gfm -e table summary.md | markdown_render.py [--md summary.md] HEADING [TEXT...]

With --md, the Markdown source's table lines must also each have as many
unescaped '|' as their header line (cmark-gfm drops a row's extra cells,
so the HTML alone cannot show a cell split by a '|' from the log).
"""
import re
import sys
from html.parser import HTMLParser


class Doc(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.h2 = None
        self.in_h2 = False
        self.tables = []  # list of rows, a row = cell count
        self.row = None
        self.tags = set()
        self.pres = 0
        self.mermaid = 0

    def handle_starttag(self, tag, attrs):
        if tag == 'code' and ('class', 'language-mermaid') in attrs:
            self.mermaid += 1  # the timeline's fence: its <pre> is ours
        elif tag != 'pre':
            self.tags.add(tag)
        if tag == 'pre':
            self.pres += 1
        if tag == 'h2':
            self.in_h2 = True
            self.h2 = ''
        elif tag == 'table':
            self.tables.append([])
        elif tag == 'tr':
            self.row = 0
        elif tag in ('td', 'th') and self.row is not None:
            self.row += 1

    def handle_endtag(self, tag):
        if tag == 'h2':
            self.in_h2 = False
        elif tag == 'tr' and self.tables:
            self.tables[-1].append(self.row)
            self.row = None

    def handle_data(self, data):
        self.text.append(data)
        if self.in_h2:
            self.h2 += data


PIPE = re.compile(r'(?<!\\)\|')


def source_tables(path):
    bad = []
    want = None
    with open(path, encoding='utf-8') as f:
        for no, line in enumerate(f, 1):
            if not line.startswith('|'):
                want = None
                continue
            n = len(PIPE.findall(line))
            if want is None:
                want = n
            elif n != want:
                bad.append('%s:%d: %d cell separators, the header has %d'
                           % (path, no, n, want))
    return bad


def main(args):
    bad = []
    if args[:1] == ['--md']:
        bad += source_tables(args[1])
        args = args[2:]
    heading, texts = args[0], args[1:]
    html = sys.stdin.read()
    d = Doc()
    d.feed(html)
    if d.h2 != heading:
        bad.append('heading %r, want %r' % (d.h2, heading))
    for i, rows in enumerate(d.tables):
        if rows and any(r != rows[0] for r in rows):
            bad.append('table %d: rows of %s cells' % (i, sorted(set(rows))))
    if d.pres != d.mermaid:
        d.tags.add('pre')  # a code block not of the timeline
    unexpected = d.tags - {'h2', 'p', 'strong', 'ul', 'li', 'table', 'thead',
                           'tbody', 'tr', 'th', 'td', 'code', 'em'}
    if unexpected:
        bad.append('HTML tags from the log: %s' % sorted(unexpected))
    body = ''.join(d.text)
    for t in texts:
        if t not in body:
            bad.append('%r is not in the rendered text' % t)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
