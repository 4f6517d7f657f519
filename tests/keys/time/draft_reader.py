#!/usr/bin/env python3
"""Drafting aid for the time keys (see README.md): NOT a generator.

Reads a raw corpus log (never sparklog's output) and prints a draft time key
that a person then checks line by line against the log (sed -n) before it is
committed. The keys are the reference; when this script and a key disagree,
the key wins. Usage: draft_reader.py <corpus-dir> <keys-dir> <folder/file>
"""
import datetime
import json
import re
import sys

# ---------------------------------------------------------------- layouts
LAYOUTS = [
    # 24/08/13 15:12:43 INFO SparkContext: msg   (Spark default)
    ("yy/MM/dd HH:mm:ss", re.compile(
        r"^(?P<ts>\d\d/\d\d/\d\d \d\d:\d\d:\d\d)\s+(?P<lvl>[A-Z]+)\s+"
        r"(?P<log>[^\s:]+):\s?(?P<msg>.*)$"), "%y/%m/%d %H:%M:%S"),
    # 2025-02-17 16:23:36 WARN  Utils: msg
    ("yyyy-MM-dd HH:mm:ss", re.compile(
        r"^(?P<ts>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\s+(?P<lvl>[A-Z]+)\s+"
        r"(?P<log>[^\s:]+):\s?(?P<msg>.*)$"), "%Y-%m-%d %H:%M:%S"),
    # [INFO][2018-07-27 14:20:33,382][org.apache...]msg
    ("[LEVEL][yyyy-MM-dd HH:mm:ss,SSS][logger]", re.compile(
        r"^\[(?P<lvl>[A-Z]+)\]\[(?P<ts>[\d-]+ [\d:]+,\d+)\]\[(?P<log>[^\]]+)\]"
        r"(?P<msg>.*)$"), "%Y-%m-%d %H:%M:%S,%f"),
    # [INFO] 2021-06-22 14:36:11,518 org.apache.spark.X - msg / logInfo - msg
    ("[LEVEL] yyyy-MM-dd HH:mm:ss,SSS logger -", re.compile(
        r"^\[(?P<lvl>[A-Z]+)\] (?P<ts>[\d-]+ [\d:]+,\d+) (?P<log>\S+)"
        r"(?: \w+)? - (?P<msg>.*)$"), "%Y-%m-%d %H:%M:%S,%f"),
    # 2015-02-11 21:20:32,631 [main] INFO  org.apache.spark.X - msg
    ("yyyy-MM-dd HH:mm:ss,SSS [thread] LEVEL logger -", re.compile(
        r"^(?P<ts>\d{4}-\d\d-\d\d[ T][\d:]+,\d+) \[[^\]]*\]\s+(?P<lvl>[A-Z]+)"
        r"\s+(?P<log>\S+)(?: \[\])? - (?P<msg>.*)$"), "%Y-%m-%d %H:%M:%S,%f"),
    # [INFO ] [2023-02-09 16:50:09.411] [] [] [logger] [305] -[msg
    ("[LEVEL ] [yyyy-MM-dd HH:mm:ss.SSS] [] [] [logger] [n] -[", re.compile(
        r"^\[(?P<lvl>[A-Z]+)\s*\] \[(?P<ts>[\d-]+ [\d:.]+)\] \[\] \[\] "
        r"\[(?P<log>[^\]]+)\] \[\d+\] -\[(?P<msg>.*)$"),
     "%Y-%m-%d %H:%M:%S.%f"),
    # 2018-06-27 16:32:18 SparkContext: INFO: msg   (Hail)
    ("yyyy-MM-dd HH:mm:ss logger: LEVEL:", re.compile(
        r"^(?P<ts>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) (?P<log>\S+): "
        r"(?P<lvl>[A-Z]+): (?P<msg>.*)$"), "%Y-%m-%d %H:%M:%S"),
    # [12:54:11,948] INFO  {SparkContext} msg   (no date)
    ("[HH:mm:ss,SSS] LEVEL {logger}", re.compile(
        r"^\[(?P<ts>\d\d:\d\d:\d\d,\d+)\] (?P<lvl>[A-Z]+)\s+\{(?P<log>[^}]+)\}"
        r" (?P<msg>.*)$"), "%H:%M:%S,%f"),
    # 2019-02-15 14:19:58,857   INFO --- [main]  logger(line:54) : msg
    ("yyyy-MM-dd HH:mm:ss,SSS LEVEL --- [thread] logger(line:n) :", re.compile(
        r"^(?P<ts>[\d-]+ [\d:]+,\d+)\s+(?P<lvl>[A-Z]+) --- \[[^\]]*\]\s+"
        r"(?P<log>[^\s(]+)\(line:\d+\) : (?P<msg>.*)$"),
     "%Y-%m-%d %H:%M:%S,%f"),
    # [INFO ]20161114@15:55:57,485:org.apache.spark.SparkContext - msg
    ("[LEVEL ]yyyyMMdd@HH:mm:ss,SSS:logger -", re.compile(
        r"^\[(?P<lvl>[A-Z]+)\s*\](?P<ts>\d{8}@[\d:]+,\d+):(?P<log>\S+) - "
        r"(?P<msg>.*)$"), "%Y%m%d@%H:%M:%S,%f"),
    # 2024-09-10T16:52:43,693 [Thread-4] INFO  org.apache.X [] - msg
    ("yyyy-MM-ddTHH:mm:ss,SSS [thread] LEVEL logger [] -", re.compile(
        r"^(?P<ts>\d{4}-\d\d-\d\dT[\d:]+,\d+) \[[^\]]*\]\s+(?P<lvl>[A-Z]+)\s+"
        r"(?P<log>\S+) \[\] - (?P<msg>.*)$"), "%Y-%m-%dT%H:%M:%S,%f"),
]
LAYOUTS.append(
    # 2025-12-15 08:41:20,604 - INFO - msg   (the application's own Python
    # logging, interleaved with Spark's lines)
    ("yyyy-MM-dd HH:mm:ss,SSS - LEVEL - (python logging)", re.compile(
        r"^(?P<ts>[\d-]+ [\d:]+,\d+) - (?P<lvl>[A-Z]+) - (?P<log>)"
        r"(?P<msg>.*)$"), "%Y-%m-%d %H:%M:%S,%f"))
LEVELS = {"TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL"}


# set by main() for a file whose scheduler loggers are silenced although its
# applications evidently run jobs (see README.md, skipped budgets)
SILENCED_SCHEDULER = False


def parse(line):
    line = line.rstrip("\n").rstrip("\r")
    # progress bars glued with \r: the log line is the last \r segment
    if "\r" in line:
        line = line.split("\r")[-1]
    for name, rx, fmt in LAYOUTS:
        m = rx.match(line)
        if m and m.group("lvl") in LEVELS:
            ts = m.group("ts")
            try:
                t = datetime.datetime.strptime(ts, fmt)
            except ValueError:
                continue
            return (name, t, m.group("lvl"), m.group("log") or "python",
                    m.group("msg"))
    return None


def short(logger):
    return logger.split(".")[-1].split("$")[0] if "." in logger else logger


# ------------------------------------------------------------- masking
MASKS = [
    (re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s,;)\]'\"]*"), "<uri>"),
    (re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                r"[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"), "<uuid>"),
    (re.compile(r"\b(?:application|container|appattempt|attempt|job|task)_"
                r"[0-9A-Za-z_]+"), "<id>"),
    (re.compile(r"\b(?:app|driver)-\d{14}-\d{4}\b"), "<id>"),
    (re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b"), "<ip>"),
    (re.compile(r"(?<![\w:])(?:[0-9a-fA-F]{0,4}:){5,7}[0-9a-fA-F]{0,4}"
                r"(?::\d+)?(?![\w:])"), "<ip>"),
    (re.compile(r"(?:(?<=[\s=(\[\"'])|^)(?:[A-Za-z]:)?/(?!<)"
                r"[^\s,;:)\]'\"]+"), "<path>"),
    # a host name ends the token: java.io.IOException is not a host
    (re.compile(r"\b[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*\.(?:internal|local|"
                r"localdomain|lan|com|net|org|io|cloud)(?::\d+)?"
                r"(?![\w.-])"), "<host>"),
    (re.compile(r"@[0-9a-f]{4,}\b"), "@<hex>"),
    (re.compile(r"\b(?=[0-9a-f]*[a-f])[0-9a-f]{12,}\b"), "<hex>"),
    (re.compile(r"\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{4,}\b"),
     "<hex>"),
    (re.compile(r"\d+(?:\.\d+)?"), "<n>"),
]


def template(msg):
    t = msg.strip()
    for rx, rep in MASKS:
        t = rx.sub(rep, t)
    t = re.sub(r"\s+", " ", t)
    return t[:240]


# ------------------------------------------------------------ event rules
R = {k: re.compile(v) for k, v in {
    "got_job": r"Got job (\d+)",
    "got_map_job": r"Got map stage job (\d+)",
    "job_end": r"\bJob (\d+) (finished|failed|is finished)",
    "old_job_end": r"^Job finished: ",
    "taskset": r"Adding task set (\S+) with (\d+) tasks",
    "start": r"Starting task \S+ in stage (\S+) \(TID (\d+)",
    "finish": r"Finished task \S+ in stage (\S+) \(TID (\d+)\)",
    "lost": r"Lost task \S+ in stage (\S+) \(TID (\d+)",
    "killed": r"Killed task \S+ in stage (\S+) \(TID (\d+)",
    "submit_stage": r"Submitting (?:ShuffleMapStage|ResultStage|Stage) (\d+) ",
    "stage_done": r"(?:ShuffleMapStage|ResultStage|Stage) (\d+) \(.*\) "
                  r"(?:finished|failed) in ",
    "version": r"Running Spark version",
    "sparkDriver": r"Successfully started service 'sparkDriver'",
    "ui": r"(?:Bound SparkUI to|Started SparkUI at|SparkUI: Started|"
          r"Started Spark web UI at|Successfully started service 'SparkUI')",
    "driver_bm": r"Registered BlockManager BlockManagerId\(driver",
    "backend_ready": r"SchedulerBackend is ready for scheduling",
    "exec_reg": r"(?:Registered executor|Starting executor ID driver on|"
                r"Registering block manager (?!.*\bdriver\b))",
    "stop_hook": r"Invoking stop\(\) from shutdown hook",
    "sc_stopping": r"SparkContext is stopping|Stopped Spark web UI",
    "sc_stopped": r"Successfully stopped SparkContext",
    "hook": r"Shutdown hook called",
}.items()}

IO = [
    ("listing", r"InMemoryFileIndex|HadoopFSUtils|Listing leaf files"),
    ("write_commit", r"Write Job .* committed|Start to commit write Job|"
                     r"Finished processing stats for write job|"
                     r"SparkHadoopWriter: Job .* committed|"
                     r"FileFormatWriter"),
    ("committer", r"FileOutputCommitter|OutputCommitter|CommitProtocol|"
                  r"S3A|EMRFS|Emrfs|DirectOutputCommitter|"
                  r"SparkHadoopMapRedUtil"),
    ("metastore", r"HiveMetaStore|HiveClientImpl|HiveExternalCatalog|"
                  r"HiveUtils|metastore|ObjectStore|Persisting .* Hive|"
                  r"GlueCatalog|AWSGlue"),
    ("broadcast_build", r"Created broadcast \d+ from|BroadcastExchange"),
]
IO = [(k, re.compile(v)) for k, v in IO]
DUR = re.compile(r"(?:It took (\d+) ms|Elapsed time: (\d+) ms|"
                 r"took (\d+(?:\.\d+)?) (ms|s)\b)")
AQE = re.compile(r"ShufflePartitionsUtil|OptimizeSkewedJoin|"
                 r"CoalesceShufflePartitions|OptimizeShuffleWithLocalRead|"
                 r"DynamicJoinSelection|AQEOptimizer|AdaptiveSparkPlanExec:")
PYTIMES = re.compile(r"Times: total = (-?\d+), boot = (-?\d+), init = "
                     r"(-?\d+), finish = (-?\d+)")
WORK = re.compile(r"\[Stage \d+|Running task|Exception in task|Lost task|"
                  r"Finished task|TaskSetManager|in stage \d+\.\d+")
IDLE = re.compile(r"Streaming query has been idle and waiting for new data")
SS_PROG = re.compile(r"Streaming query made progress")
SS_BEHIND = re.compile(r"falling behind")
DS_DELAY = re.compile(r"Total delay: ([\d.]+) s for time (\d+) ms "
                      r"\(execution: ([\d.]+) s\)")


def cut(s, n=120):
    s = s.replace("\t", " ").strip()
    return s if len(s) <= n else s[:n] + "..."


def ref(n, lines, text=True):
    if n is None:
        return None
    d = {"line": n}
    if text:
        d["text"] = cut(lines[n - 1])
    return d


def union(iv):
    iv = sorted((a, b) for a, b in iv if b > a)
    out = []
    for a, b in iv:
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out


def total(iv):
    return sum(b - a for a, b in iv)


def subtract(iv, minus):
    """iv - minus, both unions."""
    out = []
    for a, b in iv:
        cur = a
        for c, d in minus:
            if d <= cur or c >= b:
                continue
            if c > cur:
                out.append([cur, c])
            cur = max(cur, d)
        if cur < b:
            out.append([cur, b])
    return out


def clip(iv, lo, hi):
    return [[max(a, lo), min(b, hi)] for a, b in iv if min(b, hi) > max(a, lo)]


def r3(x):
    return round(x + 0.0, 3)


def analyze(lines, parsed, app):
    s, e = app["start_line"] or 1, app["end_line"] or len(lines)
    tsd = {}          # line -> seconds since app's first ts
    base = None
    day = 0
    prev = None
    recs = []
    for n in range(s, e + 1):
        p = parsed[n - 1]
        if not p:
            continue
        t = p[1]
        if base is None:
            base = t
        sec = (t - base).total_seconds() + day
        if prev is not None and sec < prev - 43200 and p[0].startswith("[HH"):
            day += 86400
            sec += 86400
        tsd[n] = sec
        prev = sec
        recs.append((n, sec, p))
    if not recs:
        return None
    res = {"seq": app["seq"], "start_line": app["start_line"],
           "end_line": app["end_line"]}
    first, last = recs[0], recs[-1]
    backwards = [(a[0], b[0]) for a, b in zip(recs, recs[1:]) if b[1] < a[1]]
    wall = last[1] - first[1]
    res["wall"] = {"first_ts_line": first[0], "last_ts_line": last[0],
                   "seconds": r3(wall)}
    if backwards:
        res["wall"]["ts_backwards"] = [{"from": a, "to": b}
                                       for a, b in backwards[:5]]
    ev = {}
    jobs = {}
    tasks = {}
    tasksets = {}
    stages = {}
    io = {}
    msgs = {}
    aqe = []
    py = []
    ss = []
    ds = []
    behind = []
    old_job_ends = []
    map_jobs = []
    work_seen = False
    for i, (n, sec, p) in enumerate(recs):
        _, _, lvl, log, msg = p
        lg = short(log)
        for k in ("version", "sparkDriver", "ui", "driver_bm",
                  "backend_ready", "exec_reg", "stop_hook", "sc_stopping",
                  "sc_stopped", "hook"):
            if k not in ev and R[k].search(msg):
                ev[k] = n
        if R["sc_stopped"].search(msg):
            ev["sc_stopped"] = n
        if WORK.search(lines[n - 1]):
            work_seen = True
        m = R["got_job"].search(msg)
        if m and lg.endswith("DAGScheduler"):
            jobs.setdefault(m.group(1), {})["start"] = (n, sec)
        m = R["got_map_job"].search(msg)
        if m:
            # a map-stage job (AQE) logs no 'Job N finished': it ends with
            # the first ShuffleMapStage that finishes after it
            map_jobs.append({"start": (n, sec)})
        m = R["job_end"].search(msg)
        if m and lg.endswith("DAGScheduler"):
            j = jobs.setdefault(m.group(1), {})
            j["end"] = (n, sec)
        if R["old_job_end"].search(msg) and lg.endswith("SparkContext"):
            old_job_ends.append((n, sec))
        m = R["taskset"].search(msg)
        if m:
            tasksets.setdefault(m.group(1), {"added": (n, sec),
                                             "tasks": int(m.group(2))})
        if "TaskSetManager" in lg:
            m = R["start"].search(msg)
            if m:
                tasks[m.group(2)] = {"start": (n, sec), "stage": m.group(1)}
                ts_ = tasksets.get(m.group(1))
                if ts_ is not None and "first" not in ts_:
                    ts_["first"] = (n, sec)
            for k in ("finish", "lost", "killed"):
                m = R[k].search(msg)
                if m and m.group(2) in tasks and "end" not in tasks[m.group(2)]:
                    tasks[m.group(2)]["end"] = (n, sec)
        if lg.endswith("DAGScheduler"):
            m = R["submit_stage"].search(msg)
            if m and not msg.startswith("Submitting 1 missing") and \
                    "missing tasks" not in msg:
                stages.setdefault(m.group(1), {})["start"] = (n, sec)
            m = R["stage_done"].search(msg)
            if m:
                stages.setdefault(m.group(1), {})["end"] = (n, sec)
                for mj in map_jobs:
                    if "end" not in mj and msg.startswith("ShuffleMapStage"):
                        mj["end"] = (n, sec)
        for k, rx in IO:
            if rx.search(msg) or rx.search(log):
                d = io.setdefault(k, {"count": 0, "first_line": n,
                                      "events": []})
                d["count"] += 1
                d["last_line"] = n
                dm = DUR.search(msg)
                if dm and len(d["events"]) < 20:
                    if dm.group(1) or dm.group(2):
                        ms = int(dm.group(1) or dm.group(2))
                    else:
                        v = float(dm.group(3))
                        ms = v if dm.group(4) == "ms" else v * 1000
                    d["events"].append({**ref(n, lines), "ms": ms})
                break
        if AQE.search(log) or AQE.search(msg[:60]):
            if len(aqe) < 20:
                aqe.append(ref(n, lines))
        m = PYTIMES.search(msg)
        if m:
            py.append((n, [int(x) for x in m.groups()]))
        if SS_PROG.search(msg):
            ss.append(n)
        if SS_BEHIND.search(msg):
            behind.append(n)
        m = DS_DELAY.search(msg)
        if m:
            ds.append((n, float(m.group(1)), int(m.group(2)),
                       float(m.group(3))))
        if lvl in ("WARN", "WARNING", "ERROR", "FATAL"):
            tpl = template(msg)
            key = (lvl if lvl != "WARNING" else "WARN", lg, tpl)
            d = msgs.setdefault(key, {"count": 0, "first_line": n})
            d["count"] += 1
            d["last_line"] = n
    t0 = first[1]
    tend = last[1]
    # job spans
    js = [j for j in jobs.values() if "start" in j]
    first_job = min((j["start"] for j in js), default=None, key=lambda x: x[0])
    ends = [j["end"] for j in jobs.values() if "end" in j]
    ends += old_job_ends
    last_end = max(ends, default=None, key=lambda x: x[0])
    open_jobs = [j for j in js if "end" not in j]
    job_end_basis = "job_lines"
    if js and not ends and stages:
        # Spark 0.x logs no job end: a job ends with its last stage
        ends = [sg["end"] for sg in stages.values() if "end" in sg]
        last_end = max(ends, default=None, key=lambda x: x[0])
        open_jobs = []
        job_end_basis = "stage_lines"
    st = {}
    for k, lab in (("version", "running_spark_version"),
                   ("sparkDriver", "sparkDriver_started"),
                   ("ui", "ui_bound"), ("driver_bm", "driver_blockmanager"),
                   ("backend_ready", "backend_ready"),
                   ("exec_reg", "first_executor_registered")):
        st[lab] = ref(ev.get(k), lines)
    st["first_job_submitted"] = ref(first_job[0], lines) if first_job else None
    res["startup"] = {"first_line": ref(first[0], lines), **st}
    res["startup"]["seconds_from_first_line"] = {
        k: r3(tsd[v["line"]] - t0) for k, v in st.items() if v}
    # running intervals
    basis = "tasks"
    run = []
    for t in tasks.values():
        a = t["start"][1]
        b = t["end"][1] if "end" in t else tend
        run.append([a, b])
    if not tasks:
        basis = "stages" if stages else "none"
        for sg in stages.values():
            if "start" in sg:
                run.append([sg["start"][1],
                            sg["end"][1] if "end" in sg else tend])
    pend = []
    pending = []
    for name, t in tasksets.items():
        a = t["added"][1]
        b = t["first"][1] if "first" in t else tend
        pend.append([a, b])
        if b - a >= 5:
            pending.append({"stage": name, "tasks": t["tasks"],
                            "seconds": r3(b - a),
                            "added": ref(t["added"][0], lines),
                            "first_task": ref(t["first"][0], lines)
                            if "first" in t else None})
    # middle segment
    if first_job:
        mid_a = first_job[1]
        if open_jobs:
            mid_b = tend
        else:
            mid_b = last_end[1] if last_end else tend
        startup_s = mid_a - t0
    else:
        ready = ev.get("backend_ready") or ev.get("driver_bm")
        mid_a = tsd[ready] if ready else t0
        mid_b = tend
        for k in ("stop_hook", "sc_stopping", "sc_stopped", "hook"):
            if k in ev and tsd[ev[k]] >= mid_a:
                mid_b = tsd[ev[k]]
                break
        startup_s = mid_a - t0
    mid_b = max(mid_b, mid_a)
    # the JVM may go on (user code, a Kafka producer...) after the context
    # stopped: that time is after_stop, not shutdown
    stop_end = tend
    if "sc_stopped" in ev and mid_b <= tsd[ev["sc_stopped"]] <= tend:
        stop_end = tsd[ev["sc_stopped"]]
    shutdown_s = stop_end - mid_b
    after_stop_s = tend - stop_end
    run_u = union(clip(run, mid_a, mid_b))
    pend_u = subtract(union(clip(pend, mid_a, mid_b)), run_u)
    busy = union(run_u + pend_u)
    drv = subtract([[mid_a, mid_b]], busy)
    res["budget"] = {
        "running_basis": basis, "job_end_basis": job_end_basis,
        "startup_s": r3(startup_s), "running_s": r3(total(run_u)),
        "pending_s": r3(total(pend_u)), "driver_only_s": r3(total(drv)),
        "shutdown_s": r3(shutdown_s), "after_stop_s": r3(after_stop_s),
        "wall_s": r3(wall)}
    if not first_job:
        res["budget"]["no_jobs"] = True
    sched = bool(first_job or tasks or tasksets or stages or ends)
    if not sched and (app.get("jobs") is None or work_seen or
                      SILENCED_SCHEDULER):
        # no scheduler INFO lines: running, pending and driver-only time
        # cannot be told apart
        res["budget"] = None
        res["budget_null_reason"] = "no_scheduler_lines"
    elif first_job is None and tasks:
        res["budget"]["note"] = "tasks without a Got job line"
    res["shutdown"] = {
        "last_job_end": ref(last_end[0], lines) if last_end and not open_jobs
        else None,
        "stop_requested": ref(ev.get("stop_hook") or ev.get("sc_stopping"),
                              lines),
        "sc_stopped": ref(ev.get("sc_stopped"), lines),
        "shutdown_hook": ref(ev.get("hook"), lines)}
    if open_jobs:
        res["shutdown"]["open_jobs_at_end"] = len(open_jobs)
    # job-active spans, for naming the kind of a gap
    jact = union([[j["start"][1], j["end"][1] if "end" in j else tend]
                  for j in js + map_jobs])
    # silences between consecutive ts lines, driver-only part >= 5 s
    gaps = []
    for a, b in zip(recs, recs[1:]):
        if b[1] - a[1] < 5:
            continue
        part = subtract([[a[1], b[1]]], busy)
        part = clip(part, mid_a, mid_b)
        d = total(part)
        if d < 5:
            continue
        mid = (part[0][0] + part[0][1]) / 2
        kind = "job_no_task" if any(x <= mid <= y for x, y in jact) \
            else "no_job"
        g = {"seconds": r3(d), "silence_s": r3(b[1] - a[1]),
             "kind": kind, "before": ref(a[0], lines),
             "after": ref(b[0], lines)}
        if IDLE.search(lines[a[0] - 1]) or IDLE.search(lines[b[0] - 1]):
            g["streaming_idle"] = True
        gaps.append(g)
    gaps.sort(key=lambda g: (-g["seconds"], g["before"]["line"]))
    if res["budget"] is None:
        gaps, drv = [], []
    res["driver_gaps"] = gaps[:10]
    res["driver_gaps_count"] = len(gaps)
    # maximal driver-only periods >= 5 s, bounded by lines
    per = []
    for a, b in drv:
        if b - a < 5:
            continue
        bl = max((r for r in recs if r[1] <= a), key=lambda r: r[0])
        al = min((r for r in recs if r[1] >= b), key=lambda r: r[0])
        per.append({"seconds": r3(b - a), "before": ref(bl[0], lines),
                    "after": ref(al[0], lines)})
    per.sort(key=lambda g: (-g["seconds"], g["before"]["line"]))
    res["driver_periods"] = per[:10]
    pending.sort(key=lambda g: -g["seconds"])
    res["pending"] = pending[:10]
    res["io"] = io
    top = sorted(msgs.items(), key=lambda kv: (-kv[1]["count"],
                                                kv[1]["first_line"]))
    res["messages"] = [{"level": k[0], "logger": k[1], "template": k[2],
                        **v} for k, v in top[:10]]
    res["message_templates"] = len(msgs)
    res["warn_error_lines"] = sum(v["count"] for v in msgs.values())
    if aqe:
        res["aqe"] = aqe
    if py:
        tot = [x[1][0] for x in py]
        res["python_runner"] = {"count": len(py), "first_line": py[0][0],
                                "last_line": py[-1][0],
                                "total_ms_sum": sum(tot),
                                "boot_ms_sum": sum(x[1][1] for x in py),
                                "init_ms_sum": sum(x[1][2] for x in py),
                                "finish_ms_sum": sum(x[1][3] for x in py)}
    if ss:
        res["structured_streaming"] = ss_batches(lines, ss, behind)
    if ds:
        times = [x[2] for x in ds]
        iv = sorted({b - a for a, b in zip(times, times[1:]) if b > a})
        res["dstreams"] = {
            "batches": len(ds), "first_line": ds[0][0],
            "last_line": ds[-1][0],
            "batch_interval_ms": iv[0] if iv else None,
            "max_total_delay_s": max(x[1] for x in ds),
            "max_total_delay_line": max(ds, key=lambda x: x[1])[0],
            "max_execution_s": max(x[3] for x in ds)}
    return res


def ss_batches(lines, starts, behind):
    out = []
    for n in starts:
        bid = trig = None
        depth = 0
        for k in range(n - 1, min(n + 80, len(lines))):
            t = lines[k]
            depth += t.count("{") - t.count("}")
            m = re.search(r'"batchId" : (\d+)', t)
            if m and bid is None:
                bid = int(m.group(1))
            m = re.search(r'"triggerExecution" : (\d+)', t)
            if m and trig is None:
                trig = int(m.group(1))
            if depth <= 0 and k > n - 1:
                break
        out.append({"line": n, "batch_id": bid, "trigger_execution_ms": trig})
    d = {"progress_reports": len(out), "first_line": starts[0],
         "last_line": starts[-1]}
    ms = [b for b in out if b["trigger_execution_ms"] is not None]
    if ms:
        mx = max(ms, key=lambda b: b["trigger_execution_ms"])
        d["max_trigger_execution"] = mx
        d["batch_ids"] = [min(b["batch_id"] for b in ms
                              if b["batch_id"] is not None),
                          max(b["batch_id"] for b in ms
                              if b["batch_id"] is not None)]
    if behind:
        d["falling_behind"] = {"count": len(behind), "first_line": behind[0],
                               "last_line": behind[-1]}
    return d


def main():
    corpus, keys, rel = sys.argv[1:4]
    with open(f"{corpus}/{rel}", encoding="utf-8", errors="replace",
              newline="\n") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    global SILENCED_SCHEDULER
    SILENCED_SCHEDULER = "--silenced-scheduler" in sys.argv[4:]
    parsed = [parse(x) for x in lines]
    layouts = {}
    for p in parsed:
        if p:
            layouts[p[0]] = layouts.get(p[0], 0) + 1
    key = json.load(open(f"{keys}/{rel.replace('/', '__')}.json"))
    apps = []
    for a in key["apps"]:
        r = analyze(lines, parsed, a)
        if r:
            apps.append(r)
    layout = max(layouts, key=layouts.get) if layouts else None
    out = {"file": rel, "kind": key["kind"], "platform": key["platform"],
           "spark_version": key.get("spark_version"),
           "timestamp_layout": layout,
           "resolution_s": 0.001 if layout and ("SSS" in layout) else 1,
           "apps": apps}
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
