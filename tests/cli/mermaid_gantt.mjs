// Parses every ```mermaid block of the Markdown files named on the
// command line with the mermaid npm package (its own parser and gantt
// database, a jsdom window standing in for the browser) and checks that
// Mermaid read what sparklog wrote: as many tasks as bar lines, each
// task's label the line's label, its start and end the times written,
// "crit" where written, the sections as written. Prints problems, exits
// 1 on any. Run with NODE_PATH at the npm install's node_modules and
// TZ=UTC (dayjs reads the times as local time).
//
//   node mermaid_gantt.mjs summary.md...
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(process.env.NODE_PATH + '/');
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaid = (await import(require.resolve('mermaid'))).default;
mermaid.initialize({ startOnLoad: false });

const BAR = /^ {2}(?!section |dateFormat |axisFormat )(.*) :(crit, )?(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}), (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3})$/;
const SECTION = /^ {2}section (.*)$/;
const iso = (s) => s.replace(' ', 'T') + 'Z';
let bad = 0, blocks = 0, bars = 0;
const no = (f, m) => { console.log(`FAIL: ${f}: ${m}`); bad++; };

for (const file of process.argv.slice(2)) {
  const md = readFileSync(file, 'utf8');
  const re = /^```mermaid\n([\s\S]*?)^```$/gm;
  let m;
  while ((m = re.exec(md)) !== null) {
    blocks++;
    const text = m[1];
    const want = [];
    const sections = [];
    for (const line of text.split('\n').slice(3)) {
      if (line === '') continue;
      let s;
      if ((s = SECTION.exec(line))) { sections.push(s[1]); continue; }
      const b = BAR.exec(line);
      if (!b) { no(file, `not a bar line: ${JSON.stringify(line)}`); continue; }
      want.push({ label: b[1], crit: !!b[2], start: b[3], end: b[4],
                  section: sections[sections.length - 1] });
    }
    if (want.length > 50) no(file, `${want.length} bars, over 50`);
    let tasks;
    try {
      await mermaid.parse(text);
      const d = await mermaid.mermaidAPI.getDiagramFromText(text);
      tasks = d.db.getTasks();
    } catch (e) {
      no(file, `Mermaid does not parse it: ${e.message}`);
      continue;
    }
    if (tasks.length !== want.length) {
      no(file, `Mermaid read ${tasks.length} tasks, sparklog wrote ${want.length}`);
      continue;
    }
    for (let i = 0; i < tasks.length; i++) {
      const t = tasks[i], w = want[i];
      bars++;
      const got = {
        label: t.task.trim(), crit: !!t.crit, section: t.section.trim(),
        start: t.startTime instanceof Date && !isNaN(t.startTime) ?
          t.startTime.toISOString() : String(t.startTime),
        end: t.endTime instanceof Date && !isNaN(t.endTime) ?
          t.endTime.toISOString() : String(t.endTime),
      };
      const exp = { label: w.label.trim(), crit: w.crit,
                    section: (w.section || '').trim(),
                    start: iso(w.start), end: iso(w.end) };
      for (const k of Object.keys(exp))
        if (got[k] !== exp[k])
          no(file, `bar ${i + 1} ${k}: Mermaid read ${JSON.stringify(got[k])}, ` +
                   `sparklog wrote ${JSON.stringify(exp[k])}`);
    }
  }
}
console.log(`mermaid: ${blocks} gantt blocks, ${bars} bars checked`);
process.exit(bad ? 1 : 0);
