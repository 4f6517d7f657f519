/*
 * sparkgen: a deterministic generator of synthetic Spark driver logs with
 * ground truth.  The real corpus lacks failure paths (fetch failures,
 * retries to abort, speculation, executor loss, AQE map-stage jobs ...), so
 * this program simulates a small cluster scheduler (slots on executors, tasks
 * started on the earliest free slot) and prints what Spark's driver would
 * log, in the wording of the chosen Spark version (see
 * docs spark-log-formats.md sections 1-3) and one of several layouts.  The
 * ground truth (--truth) is written from what was emitted, never recomputed.
 * It is also the benchmark's workload source (--scenario bench).
 *
 * Test helper: it prints and exits freely, unlike the core.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { V16, V24, V35, V40 };
enum { L_DEFAULT, L_GLUE, L_FULL, L_CDH, L_JSON };
enum { F_SKEW = 1, F_FETCH = 2, F_ABORT = 4, F_SPEC = 8, F_EXLOSS = 16,
       F_TINY = 32, F_SKIP = 64, F_AQE = 128 };

#define MAX_SLOTS 64
#define MAX_STAGES 8192

/* ---- options and state ---------------------------------------------- */

static int ver = V35;
/* Added to the clock after the next "Adding task set" (time_budget). */
static uint64_t pending_wait_ms;
static int lay = L_DEFAULT;
static uint64_t rng_state;
static const char *scenario = "clean";
static uint64_t seed = 1;
static uint64_t target_bytes = 0;
static int bench;
/* BlockManagerInfo chatter between task starts (bench, short_stages). */
static int chatter;
/* --jobs N / --stages N: the size of the sized scenarios (0: default). */
static uint64_t opt_jobs, opt_stages;

static FILE *out;
static char obuf[1 << 22];
static size_t olen;
static uint64_t total_bytes, total_lines;

static char msg[1 << 16];
static size_t mlen;

/* JSON layout only: the 4.0 MDC "context" of the next record, already
 * rendered as "key":"value" pairs (values are strings in Spark 4.0). */
static char ctx[512];
static size_t clen;

static uint64_t now_ms; /* simulated clock, ms since the Unix epoch */

static struct {
  uint64_t got_job, stage_attempts, started, succeeded, lost, killed;
  uint64_t jobs_ok, jobs_failed, tsm_lines;
} cnt;

/* ---- PRNG: splitmix64 ----------------------------------------------- */

static uint64_t
rnd(void)
{
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static uint64_t
rnd_range(uint64_t lo, uint64_t hi)
{
  return lo + rnd() % (hi - lo + 1);
}

/* ---- output --------------------------------------------------------- */

static void
flush_out(void)
{
  if (olen && fwrite(obuf, 1, olen, out) != olen) {
    fprintf(stderr, "sparkgen: write error\n");
    exit(4);
  }
  olen = 0;
}

static void
out_raw(const char *s, size_t n)
{
  size_t i;
  if (olen + n > sizeof obuf)
    flush_out();
  if (n > sizeof obuf) {
    fwrite(s, 1, n, out);
  } else {
    memcpy(obuf + olen, s, n);
    olen += n;
  }
  total_bytes += n;
  for (i = 0; i < n; i++)
    if (s[i] == '\n')
      total_lines++;
}

/* Message builder: S() appends a string, U() an unsigned integer. */
static void
S(const char *s)
{
  size_t n = strlen(s);
  size_t room = mlen < sizeof msg - 1 ? sizeof msg - 1 - mlen : 0;
  if (n > room)
    n = room;
  memcpy(msg + mlen, s, n);
  mlen += n;
}

static void
U(uint64_t v)
{
  char t[24];
  int i = 0;
  do {
    t[i++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (i > 0 && mlen < sizeof msg - 1)
    msg[mlen++] = t[--i];
}

/* Seconds with three decimals ("finished in 1.225 s"). */
static void
secs3(uint64_t ms)
{
  char t[40];
  snprintf(t, sizeof t, "%llu.%03llu", (unsigned long long)(ms / 1000),
           (unsigned long long)(ms % 1000));
  S(t);
}

/* "took 1.283159 s" (<= 3.5) or "took 1283.159 ms" style (4.0). */
static void
took(uint64_t ms, uint64_t frac)
{
  char t[64];
  if (ver == V40)
    snprintf(t, sizeof t, "took %llu.%06llu ms", (unsigned long long)ms,
             (unsigned long long)(frac % 1000000));
  else
    snprintf(t, sizeof t, "took %llu.%03llu%03llu s",
             (unsigned long long)(ms / 1000), (unsigned long long)(ms % 1000),
             (unsigned long long)(frac % 1000));
  S(t);
}

/* Days since epoch to civil date (Howard Hinnant's algorithm). */
static void
civil(int64_t z, int *y, int *m, int *d)
{
  int64_t era, yoe, doy, mp;
  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  yoe = z - era * 146097;
  yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
  doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yoe + era * 400 + (*m <= 2));
}

static char tsbuf[40];
static size_t tslen;
static uint64_t ts_cached = UINT64_MAX;

static void
put2(char *p, int v)
{
  p[0] = (char)('0' + v / 10 % 10);
  p[1] = (char)('0' + v % 10);
}

/* Format the timestamp prefix for the current layout, cached per second. */
static void
make_ts(void)
{
  uint64_t sec = now_ms / 1000;
  int y, mo, d, hh, mi, ss, ms = (int)(now_ms % 1000);
  if (sec != ts_cached) {
    civil((int64_t)(sec / 86400), &y, &mo, &d);
    hh = (int)(sec % 86400 / 3600);
    mi = (int)(sec % 3600 / 60);
    ss = (int)(sec % 60);
    if (lay == L_GLUE || lay == L_JSON) {
      put2(tsbuf, y / 100);
      put2(tsbuf + 2, y % 100);
      tsbuf[4] = '-';
      put2(tsbuf + 5, mo);
      tsbuf[7] = '-';
      put2(tsbuf + 8, d);
      tsbuf[10] = lay == L_JSON ? 'T' : ' ';
      put2(tsbuf + 11, hh);
      tsbuf[13] = ':';
      put2(tsbuf + 14, mi);
      tsbuf[16] = ':';
      put2(tsbuf + 17, ss);
      tsbuf[19] = lay == L_JSON ? '.' : ',';
      tslen = 23;
    } else {
      put2(tsbuf, y % 100);
      tsbuf[2] = '/';
      put2(tsbuf + 3, mo);
      tsbuf[5] = '/';
      put2(tsbuf + 6, d);
      tsbuf[8] = ' ';
      put2(tsbuf + 9, hh);
      tsbuf[11] = ':';
      put2(tsbuf + 12, mi);
      tsbuf[14] = ':';
      put2(tsbuf + 15, ss);
      tslen = 17;
    }
    ts_cached = sec;
  }
  if (tslen == 23) {
    tsbuf[20] = (char)('0' + ms / 100);
    tsbuf[21] = (char)('0' + ms / 10 % 10);
    tsbuf[22] = (char)('0' + ms % 10);
  }
}

/* Loggers: short name, %c{2} name, full name, glue thread. */
enum { LG_DAG, LG_TSM, LG_YS, LG_SC, LG_BMI, LG_MS, LG_MOT, LG_CC, LG_CG,
       LG_SPU, LG_DRV, LG_EAM, LG_TCH, LG_BMM, LG_HEC, LG_MBE, LG_PTE,
       LG_PYR, LG_IMFI, LG_FFW, LG_HMS, LG_BEX, LG_N };
static const char *const lg_full[LG_N] = {
  "org.apache.spark.scheduler.DAGScheduler",
  "org.apache.spark.scheduler.TaskSetManager",
  "org.apache.spark.scheduler.cluster.YarnScheduler",
  "org.apache.spark.SparkContext",
  "org.apache.spark.storage.BlockManagerInfo",
  "org.apache.spark.storage.memory.MemoryStore",
  "org.apache.spark.MapOutputTrackerMasterEndpoint",
  "org.apache.spark.ContextCleaner",
  "org.apache.spark.sql.catalyst.expressions.codegen.CodeGenerator",
  "org.apache.spark.sql.execution.adaptive.ShufflePartitionsUtil",
  "org.apache.spark.scheduler.cluster.YarnSchedulerBackend$YarnDriverEndpoint",
  "org.apache.spark.ExecutorAllocationManager",
  "org.apache.spark.network.server.TransportChannelHandler",
  "org.apache.spark.storage.BlockManagerMasterEndpoint",
  "org.apache.spark.sql.hive.HiveExternalCatalog",
  "org.apache.spark.sql.execution.streaming.MicroBatchExecution",
  "org.apache.spark.sql.execution.streaming.ProcessingTimeExecutor",
  "org.apache.spark.api.python.PythonRunner",
  "org.apache.spark.sql.execution.datasources.InMemoryFileIndex",
  "org.apache.spark.sql.execution.datasources.FileFormatWriter",
  "org.apache.hadoop.hive.metastore.HiveMetaStore",
  "org.apache.spark.sql.execution.exchange.BroadcastExchangeExec",
};
static const char *const lg_thread[LG_N] = {
  "dag-scheduler-event-loop", "task-result-getter-1", "dispatcher-event-loop-1",
  "Thread-9", "dispatcher-BlockManagerMaster", "dag-scheduler-event-loop",
  "dispatcher-event-loop-0", "Spark Context Cleaner", "Thread-9",
  "Thread-9", "dispatcher-CoarseGrainedScheduler",
  "spark-dynamic-executor-allocation",
  "shuffle-client-4-1", "dispatcher-BlockManagerMaster", "main",
  "stream execution thread for q", "stream execution thread for q",
  "Executor task launch worker for task 0.0 in stage 0.0 (TID 0)",
  "Thread-9", "Thread-9", "Thread-9", "broadcast-exchange-0",
};

static const char *
lg_name(int lg, int comps)
{
  const char *f = lg_full[lg], *p = f + strlen(f);
  int seen = 0;
  while (p > f) {
    if (p[-1] == '.' && ++seen == comps)
      break;
    p--;
  }
  return p;
}

static void
out_str(const char *s)
{
  out_raw(s, strlen(s));
}

static void
json_escape(const char *s, size_t n)
{
  char t[8];
  size_t i, st = 0;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\' || c < 0x20) {
      out_raw(s + st, i - st);
      if (c == '\n')
        out_raw("\\n", 2);
      else if (c == '\t')
        out_raw("\\t", 2);
      else if (c == '"')
        out_raw("\\\"", 2);
      else if (c == '\\')
        out_raw("\\\\", 2);
      else {
        snprintf(t, sizeof t, "\\u%04x", c);
        out_raw(t, 6);
      }
      st = i + 1;
    }
  }
  out_raw(s + st, n - st);
}

/* ---- warn_heavy: WARN/ERROR lines among the bench's ------------------ */

/* The scenario warn_heavy: the bench's workload with a WARN or ERROR line
 * after about one record in nine (10% of the lines), each from a fixed
 * set whose ids, hosts, paths and numbers vary; `tpl` is what the masking
 * rules of tests/keys/time/README.md make of it (the truth's "messages",
 * which sparklog must count exactly). */
static int warn_heavy;
static const struct {
  const char *level, *logger, *tpl;
} wh[] = {
  { "WARN", "Utils", "Your hostname, <host> resolves to a loopback address: "
    "<ip>; using <ip> instead (on interface eth<n>)" },
  { "WARN", "NetworkClient", "[Consumer clientId=consumer-<n>, "
    "groupId=spark-kafka-<n>] Connection to node <n> (<host>/<ip>) could "
    "not be established. Broker may not be available." },
  { "ERROR", "TransportResponseHandler", "Still have <n> requests "
    "outstanding when connection from /<ip> is closed" },
  { "WARN", "FileUtil", "Failed to delete <uri> after <n> attempts" },
  { "WARN", "BlockManager", "Block rdd_<n>_<n> could not be removed as it "
    "was not found on disk or in memory" },
  { "WARN", "DiskBlockManager", "Removing stale temp dir <path>" },
  { "WARN", "NettyRpcEnv", "Ignored message: HeartbeatResponse(false) for "
    "<id> from <ip>" },
  { "WARN", "Instrumentation", "[<hex>] regParam is zero, which might "
    "cause numerical instability and overfitting." },
  { "ERROR", "ContextCleaner", "Error cleaning broadcast <n>" },
  { "WARN", "StreamingContext", "spark.master should be set as local[n], "
    "n > <n> in local mode if you have receivers to get data, otherwise "
    "Spark jobs will not get resources to process the received data." },
};
#define WH_N (sizeof wh / sizeof wh[0])
static uint64_t wh_count[WH_N + 1]; /* [WH_N]: the bench's own WARN */
static uint64_t warn_error_lines;

static void emit(const char *level, int lg);

static void
warn_heavy_line(void)
{
  char m[512];
  size_t k = (size_t)(rnd() % WH_N);
  unsigned a = (unsigned)(rnd() % 250), b = (unsigned)(rnd() % 250);
  unsigned n = (unsigned)(rnd() % 100000);
  int len = 0;
  switch (k) {
  case 0:
    len = snprintf(m, sizeof m, "Your hostname, ip-10-0-%u-%u.ec2.internal "
                   "resolves to a loopback address: 127.0.1.1; using "
                   "10.0.%u.%u instead (on interface eth%u)", a, b, a, b,
                   n % 4);
    break;
  case 1:
    len = snprintf(m, sizeof m, "[Consumer clientId=consumer-%u, "
                   "groupId=spark-kafka-%u] Connection to node %u "
                   "(broker-%u.kafka.svc.cluster.local/10.1.%u.%u:9092) "
                   "could not be established. Broker may not be available.",
                   n, n % 7, a % 5, a % 5, a, b);
    break;
  case 2:
    len = snprintf(m, sizeof m, "Still have %u requests outstanding when "
                   "connection from /10.0.%u.%u:%u is closed", n % 9 + 1, a,
                   b, 30000 + n % 30000);
    break;
  case 3:
    len = snprintf(m, sizeof m, "Failed to delete s3a://warehouse-%u/tmp/"
                   "_temporary/%u/part-%05u.parquet after %u attempts", a,
                   b, n, n % 5 + 1);
    break;
  case 4:
    len = snprintf(m, sizeof m, "Block rdd_%u_%u could not be removed as it "
                   "was not found on disk or in memory", a, n);
    break;
  case 5:
    len = snprintf(m, sizeof m, "Removing stale temp dir /mnt/tmp/"
                   "blockmgr-%08x-%04x-%04x-%04x-%04x%08x",
                   (unsigned)rnd(), a, b, n & 0xffff, a, (unsigned)rnd());
    break;
  case 6:
    len = snprintf(m, sizeof m, "Ignored message: HeartbeatResponse(false) "
                   "for application_17235619%05u_%04u from 10.0.%u.%u:%u",
                   n, b, a, b, 40000 + n % 20000);
    break;
  case 7:
    len = snprintf(m, sizeof m, "[a%06x1] regParam is zero, which might "
                   "cause numerical instability and overfitting.",
                   (unsigned)(rnd() & 0xffffff));
    break;
  case 8:
    len = snprintf(m, sizeof m, "Error cleaning broadcast %u", n);
    break;
  default:
    len = snprintf(m, sizeof m, "spark.master should be set as local[n], "
                   "n > 1 in local mode if you have receivers to get data, "
                   "otherwise Spark jobs will not get resources to process "
                   "the received data.");
    break;
  }
  make_ts();
  out_raw(tsbuf, tslen);
  out_raw(" ", 1);
  out_str(wh[k].level);
  out_raw(" ", 1);
  out_str(wh[k].logger);
  out_raw(": ", 2);
  out_raw(m, (size_t)len);
  out_raw("\n", 1);
  wh_count[k]++;
  warn_error_lines++;
}

/* Emit the message built in msg[] as one log record and reset the builder.
 * Multi-line messages (stack traces) are printed as continuation lines in
 * text layouts and escaped as \n inside "msg" in JSON. */
static void
emit(const char *level, int lg)
{
  char pre[256];
  size_t n;
  make_ts();
  if (lay == L_JSON) {
    out_raw("{\"ts\":\"", 7);
    out_raw(tsbuf, tslen);
    out_raw("Z\",\"level\":\"", 12);
    out_str(level);
    out_raw("\",\"msg\":\"", 9);
    json_escape(msg, mlen);
    if (clen) {
      out_raw("\",\"context\":{", 13);
      out_raw(ctx, clen);
      out_raw("},\"logger\":\"", 12);
    } else {
      out_raw("\",\"logger\":\"", 12);
    }
    out_str(lg_name(lg, 1));
    out_raw("\"}\n", 3);
  } else {
    out_raw(tsbuf, tslen);
    if (lay == L_GLUE) {
      const char *lv = level[0] == 'I' ? "logInfo(61)"
                       : level[0] == 'W' ? "logWarning(73)" : "logError(94)";
      n = (size_t)snprintf(pre, sizeof pre, " %s [%s] %s (Logging.scala:%s): ",
                           level, lg_thread[lg], lg_name(lg, 2), lv);
      out_raw(pre, n);
    } else {
      out_raw(" ", 1);
      out_str(level);
      out_raw(" ", 1);
      out_str(lay == L_FULL ? lg_full[lg]
              : lay == L_CDH ? lg_name(lg, 2) : lg_name(lg, 1));
      out_raw(": ", 2);
    }
    out_raw(msg, mlen);
    out_raw("\n", 1);
  }
  mlen = 0;
  clen = 0;
  if (level[0] == 'W' || level[0] == 'E' || level[0] == 'F')
    warn_error_lines++;
  if (warn_heavy && rnd() % 9 == 0)
    warn_heavy_line();
}

/* Add one MDC pair to the next JSON record; the value is the message
 * text between byte offsets from and to (so it matches the msg exactly). */
static void
ctx_add(const char *key, size_t from, size_t to)
{
  size_t kl = strlen(key), need = kl + (to - from) + 6;
  if (lay != L_JSON || clen + need >= sizeof ctx)
    return;
  if (clen)
    ctx[clen++] = ',';
  ctx[clen++] = '"';
  memcpy(ctx + clen, key, kl);
  clen += kl;
  memcpy(ctx + clen, "\":\"", 3);
  clen += 3;
  memcpy(ctx + clen, msg + from, to - from);
  clen += to - from;
  ctx[clen++] = '"';
}

/* ---- cluster and truth model ---------------------------------------- */

struct executor {
  char host[48];
  int port, dead;
  const char *lost_reason;
};

struct stagerec {
  int app, id, attempt, kind; /* kind 0 = ShuffleMapStage, 1 = Result */
  const char *status;
  int num_tasks, started, succeeded, failed, killed, spec, fetch_failures;
  int shuffle_write, shuffle_reads[4], n_reads;
  uint32_t *dur; /* successful task durations (non-bench) */
  size_t ndur;
  uint64_t dsum, dmin, dmax, dcount;
};

struct jobrec {
  int app, id;
  const char *status;
  int stages[8], nstages, skipped[8], nskipped;
};

struct finding {
  const char *id;
  int app, stage, attempt;
};

static struct executor ex[16];
static int nex = 6, cores = 4;
static struct stagerec *st;
static size_t nst, capst;
static struct jobrec *jobs;
static size_t njobs, capjobs;
static struct finding finds[64];
static int nfinds;
static int app_idx = -1;
static const char *app_names[4];
static struct executor app_ex[4][16];
static int app_nex[4];

static uint64_t next_tid, next_rdd, next_bcast, next_acc, next_job, epoch;
static int next_stage, next_shuffle;

/* The application whose AQE_COALESCE_CAPPED is in the truth (-1: none). */
static int aqe_capped_app = -1;

static void
add_finding(const char *id, int stage, int attempt)
{
  if (nfinds < 64) {
    finds[nfinds].id = id;
    finds[nfinds].app = app_idx;
    finds[nfinds].stage = stage;
    finds[nfinds].attempt = attempt;
    nfinds++;
  }
}

static struct stagerec *
new_stagerec(int id, int attempt, int kind, int ntasks)
{
  struct stagerec *r;
  if (nst == capst) {
    capst = capst ? capst * 2 : 64;
    st = realloc(st, capst * sizeof *st);
    if (!st)
      abort();
  }
  r = &st[nst++];
  memset(r, 0, sizeof *r);
  r->app = app_idx;
  r->id = id;
  r->attempt = attempt;
  r->kind = kind;
  r->num_tasks = ntasks;
  r->status = "succeeded";
  r->shuffle_write = -1;
  r->dmin = UINT64_MAX;
  return r;
}

static struct jobrec *
new_job(int id)
{
  struct jobrec *j;
  if (njobs == capjobs) {
    capjobs = capjobs ? capjobs * 2 : 32;
    jobs = realloc(jobs, capjobs * sizeof *jobs);
    if (!jobs)
      abort();
  }
  j = &jobs[njobs++];
  memset(j, 0, sizeof *j);
  j->app = app_idx;
  j->id = id;
  j->status = "unknown";
  return j;
}

/* ---- chatter -------------------------------------------------------- */

static void
size_str(uint64_t bytes)
{
  char t[48];
  const char *kb = ver >= V35 ? "KiB" : "KB", *mb = ver >= V35 ? "MiB" : "MB";
  if (bytes >= 2 * 1048576ULL)
    snprintf(t, sizeof t, "%.1f %s", (double)bytes / 1048576.0, mb);
  else if (bytes >= 2048)
    snprintf(t, sizeof t, "%.1f %s", (double)bytes / 1024.0, kb);
  else
    snprintf(t, sizeof t, "%llu.0 B", (unsigned long long)bytes);
  S(t);
}

static void
host_port(int e)
{
  S(ex[e].host);
  S(":");
  U((uint64_t)ex[e].port);
}

static void
broadcast(const char *site)
{
  uint64_t b = next_bcast++, sz = rnd_range(8000, 60000);
  uint64_t pz = sz / 3;
  S("Block broadcast_");
  U(b);
  S(" stored as values in memory (estimated size ");
  size_str(sz);
  S(", free ");
  size_str(2000ULL * 1048576 - b * 4096 % 100000000);
  S(")");
  emit("INFO", LG_MS);
  S("Block broadcast_");
  U(b);
  S("_piece0 stored as bytes in memory (estimated size ");
  size_str(pz);
  S(", free ");
  size_str(2000ULL * 1048576 - b * 4096 % 100000000);
  S(")");
  emit("INFO", LG_MS);
  if (ver != V40) { /* 4.0 logs BlockManagerInfo at DEBUG */
    S("Added broadcast_");
    U(b);
    S("_piece0 in memory on driver-host:38213 (size: ");
    size_str(pz);
    S(", free: ");
    size_str(2000ULL * 1048576 - b * 4096 % 100000000);
    S(")");
    emit("INFO", LG_BMI);
  }
  S("Created broadcast ");
  U(b);
  S(" from broadcast at ");
  S(site);
  emit("INFO", LG_SC);
}

static void
stack_trace(const char *head, int frames)
{
  static const char *const fr[] = {
    "org.apache.spark.storage.ShuffleBlockFetcherIterator."
      "throwFetchFailedException"
      "(ShuffleBlockFetcherIterator.scala:1239)",
    "org.apache.spark.storage.ShuffleBlockFetcherIterator.next"
      "(ShuffleBlockFetcherIterator.scala:971)",
    "org.apache.spark.util.CompletionIterator.next"
      "(CompletionIterator.scala:29)",
    "scala.collection.Iterator$$anon$10.next(Iterator.scala:461)",
    "org.apache.spark.sql.execution.WholeStageCodegenExec$$anon$1.hasNext"
      "(WholeStageCodegenExec.scala:760)",
    "org.apache.spark.shuffle.sort.BypassMergeSortShuffleWriter.write"
      "(BypassMergeSortShuffleWriter.java:140)",
    "org.apache.spark.scheduler.ShuffleMapTask.runTask"
      "(ShuffleMapTask.scala:101)",
    "org.apache.spark.scheduler.Task.run(Task.scala:141)",
    "org.apache.spark.executor.Executor$TaskRunner.run(Executor.scala:620)",
    "java.util.concurrent.ThreadPoolExecutor.runWorker"
      "(ThreadPoolExecutor.java:1136)",
    "java.lang.Thread.run(Thread.java:840)",
  };
  int i, k = (int)(sizeof fr / sizeof fr[0]);
  S(head);
  for (i = 0; i < frames && i < k; i++) {
    S("\n\tat ");
    S(fr[i]);
  }
}

/* ---- the scheduler simulation ---------------------------------------- */

struct run {
  int busy, index, attempt, spec;
  uint64_t tid, start, end;
};

static struct run slot[MAX_SLOTS];

static const char *const localities[] = { "PROCESS_LOCAL", "NODE_LOCAL",
                                          "NODE_LOCAL", "RACK_LOCAL", "ANY" };

static void
stage_str(int kind, int id)
{
  S(kind ? "ResultStage " : "ShuffleMapStage ");
  U((uint64_t)id);
}

static void
taskname(int index, int attempt, int sid, int satt)
{
  S("task ");
  U((uint64_t)index);
  S(".");
  U((uint64_t)attempt);
  S(" in stage ");
  U((uint64_t)sid);
  S(".");
  U((uint64_t)satt);
}

static void
tsm_start(struct stagerec *r, struct run *t, int e)
{
  S("Starting ");
  taskname(t->index, t->attempt, r->id, r->attempt);
  if (ver == V16 || ver == V24) {
    S(" (TID ");
    U(t->tid);
    S(", ");
    S(ex[e].host);
    if (ver == V24) {
      S(", executor ");
      U((uint64_t)e + 1);
    }
    S(", partition ");
    U((uint64_t)t->index);
    S(ver == V16 ? "," : ", ");
  } else {
    size_t a, b, c, d, f;
    S(" (TID ");
    U(t->tid);
    S(")");
    ctx_add("task_name", 9, mlen);
    S(" (");
    a = mlen;
    S(ex[e].host);
    ctx_add("host", a, mlen);
    S(ver == V40 ? ",executor " : ", executor ");
    a = mlen;
    U((uint64_t)e + 1);
    ctx_add("executor_id", a, mlen);
    S(", partition ");
    a = mlen;
    U((uint64_t)t->index);
    ctx_add("partition_id", a, mlen);
    S(", ");
    b = mlen;
    S(localities[t->tid % 5]);
    c = mlen;
    S(", ");
    d = mlen;
    U(7000 + t->tid % 997);
    f = mlen;
    S(" bytes) ");
    ctx_add("task_locality", b, c);
    ctx_add("size", d, f);
    emit("INFO", LG_TSM);
    goto counted;
  }
  S(localities[t->tid % 5]);
  S(", ");
  U(7000 + t->tid % 997);
  S(ver >= V35 ? " bytes) " : " bytes)");
  emit("INFO", LG_TSM);
counted:
  cnt.started++;
  cnt.tsm_lines++;
  r->started++;
  if (t->spec)
    r->spec++;
}

static void
tsm_lost_prefix(struct stagerec *r, struct run *t, int e)
{
  S("Lost ");
  taskname(t->index, t->attempt, r->id, r->attempt);
  S(" (TID ");
  U(t->tid);
  if (ver == V16) {
    S(", ");
    S(ex[e].host);
    S("): ");
  } else if (ver == V24) {
    S(", ");
    S(ex[e].host);
    S(", executor ");
    U((uint64_t)e + 1);
    S("): ");
  } else {
    S(") (");
    S(ex[e].host);
    S(" executor ");
    U((uint64_t)e + 1);
    S("): ");
  }
}

static uint64_t
stage_elapsed_emit(uint64_t t0)
{
  uint64_t ms = now_ms - t0;
  if (ver == V40) {
    U(ms);
    S(" ms");
  } else {
    secs3(ms);
    S(" s");
  }
  return ms;
}

static void
record_success(struct stagerec *r, uint64_t d)
{
  r->succeeded++;
  r->dcount++;
  r->dsum += d;
  if (d < r->dmin)
    r->dmin = d;
  if (d > r->dmax)
    r->dmax = d;
  if (!bench) {
    r->dur = realloc(r->dur, (r->ndur + 1) * sizeof *r->dur);
    if (!r->dur)
      abort();
    r->dur[r->ndur++] = (uint32_t)d;
  }
}

/* Per-stage failure plan. */
struct plan {
  int skew_index;       /* task index that runs very long, or -1 */
  int fetch_fail_index; /* reduce task that hits FetchFailed, or -1 */
  int abort_index;      /* task that fails 4 times, or -1 */
  int spec_index;       /* task that gets a speculative copy, or -1 */
  int lose_exec;        /* executor (0-based) lost mid-stage, or -1 */
  int parent_id, parent_shuffle;
  const char *parent_name;
  int tiny;
  uint64_t base_lo, base_hi;
};

/* Run one stage attempt over the given task indexes.  Returns 0 on success,
 * 1 on fetch failure (stage failed), 2 on abort (job failed).  *todo is
 * rewritten with the indexes left for a resubmission. */
static int
run_taskset(struct stagerec *r, const char *name, int *todo, int *ntodo,
            const struct plan *p)
{
  int queue[4096], qh = 0, qt = 0, qatt[4096];
  int nslots = nex * cores, i, done = 0, total = *ntodo, result = 0;
  int fails_of_abort = 0, spec_marked = 0, lost_done = 0;
  int succeeded_flag[4096];
  uint64_t stage_t0 = now_ms;
  int nrun = 0, ffail_done = 0;
  static const char *const abort_msg =
      "java.lang.IllegalStateException: Unexpected null in column amount";

  memset(succeeded_flag, 0, sizeof succeeded_flag);
  for (i = 0; i < total; i++) {
    queue[qt] = todo[i];
    qatt[qt++] = 0;
  }
  memset(slot, 0, sizeof slot);
  if (nslots > MAX_SLOTS)
    nslots = MAX_SLOTS;
  for (;;) {
    int s, best = -1;
    /* Fill free slots on live executors. */
    for (s = 0; s < nslots && qh < qt && result == 0; s++) {
      struct run *t = &slot[s];
      uint64_t d;
      if (t->busy || ex[s / cores].dead)
        continue;
      t->busy = 1;
      t->index = queue[qh];
      t->attempt = qatt[qh++];
      t->spec = 0;
      t->tid = next_tid++;
      t->start = now_ms;
      if (p->tiny)
        d = rnd_range(3, 7);
      else
        d = rnd_range(p->base_lo, p->base_hi);
      if (t->index == p->skew_index)
        d = p->base_hi * 40 + 65000;
      if (t->index == p->fetch_fail_index && t->attempt == 0)
        d = rnd_range(40, 120); /* a failed fetch gives up quickly */
      if (t->index == p->spec_index && t->attempt == 0)
        d = p->base_hi * 6 + 3000;
      t->end = now_ms + d;
      tsm_start(r, t, s / cores);
      nrun++;
      if (chatter && (rnd() & 1) == 0) {
        /* storage chatter: an executor caches a partition */
        S("Added rdd_");
        U(next_rdd);
        S("_");
        U((uint64_t)t->index);
        S(" in memory on ");
        host_port(s / cores);
        S(" (size: ");
        size_str(rnd_range(100000, 40000000));
        S(", free: ");
        size_str(rnd_range(900, 4000) * 1048576ULL);
        S(")");
        emit("INFO", LG_BMI);
      }
    }
    if (nrun == 0)
      break;
    for (s = 0; s < nslots; s++)
      if (slot[s].busy && (best < 0 || slot[s].end < slot[best].end))
        best = s;
    {
      struct run *t = &slot[best];
      int e = best / cores;
      uint64_t d;
      if (t->end > now_ms)
        now_ms = t->end;
      d = t->end - t->start;
      t->busy = 0;
      nrun--;

      /* Executor loss: first event after 30% of the tasks finished. */
      if (p->lose_exec >= 0 && !lost_done && done * 10 >= total * 3) {
        int le = p->lose_exec, k;
        lost_done = 1;
        t->busy = 1; /* put back; handled below as a normal completion */
        nrun++;
        ex[le].dead = 1;
        ex[le].lost_reason = "Container killed by YARN for exceeding "
                             "physical memory limits. 5.5 GB of 5.5 GB "
                             "physical memory used. Consider boosting "
                             "spark.executor.memoryOverhead.";
        S("Lost executor ");
        U((uint64_t)le + 1);
        S(" on ");
        S(ex[le].host);
        S(": ");
        S(ex[le].lost_reason);
        emit("ERROR", LG_YS);
        for (k = le * cores; k < (le + 1) * cores && k < nslots; k++) {
          struct run *x = &slot[k];
          if (!x->busy)
            continue;
          tsm_lost_prefix(r, x, le);
          S("ExecutorLostFailure (executor ");
          U((uint64_t)le + 1);
          if (ver == V16) {
            S(" exited due to an issue caused by one of the running tasks)");
          } else {
            S(" exited caused by one of the running tasks) Reason: ");
            S(ex[le].lost_reason);
          }
          emit("WARN", LG_TSM);
          cnt.lost++;
          r->failed++;
          x->busy = 0;
          nrun--;
          queue[qt] = x->index;
          qatt[qt++] = x->attempt + 1;
        }
        epoch++;
        S("Executor lost: ");
        U((uint64_t)le + 1);
        S(" (epoch ");
        U(epoch);
        S(")");
        emit("INFO", LG_DAG);
        S("Trying to remove executor ");
        U((uint64_t)le + 1);
        S(" from BlockManagerMaster.");
        emit("INFO", LG_BMM);
        if (ver != V16) {
          S("Shuffle files lost for executor: ");
          U((uint64_t)le + 1);
          S(" (epoch ");
          U(epoch);
          S(")");
          emit("INFO", LG_DAG);
        }
        /* Completed map outputs on the lost executor are recomputed. */
        if (r->kind == 0) {
          for (k = 0; k < total && k < 4096; k++) {
            if (succeeded_flag[k] != le + 1)
              continue;
            succeeded_flag[k] = 0;
            S("Resubmitted ShuffleMapTask(");
            U((uint64_t)r->id);
            S(", ");
            U((uint64_t)todo[k]);
            S(ver == V16 ? "), so marking it as still running"
                         : "), so marking it as still running.");
            emit("INFO", LG_DAG);
            done--;
            queue[qt] = todo[k];
            qatt[qt++] = 1;
          }
        }
        add_finding("EXECUTOR_LOSS", r->id, r->attempt);
        if (slot[best].busy == 0)
          continue; /* t was on the lost executor */
        t->busy = 0;
        nrun--;
      }

      /* Zombie tasks of a failed attempt still report "Finished task"
       * (the normal path below) but trigger nothing special. */
      if (!result && t->index == p->abort_index) {
        /* "Lost task 5.0 ... : java.lang.X: msg" with the trace, then
         * "[duplicate n]" one-liners for the retries. */
        tsm_lost_prefix(r, t, e);
        if (t->attempt == 0) {
          stack_trace(abort_msg, 9);
          S("\n\t... 12 more");
          emit("WARN", LG_TSM);
        } else {
          mlen = 0;
          S("Lost ");
          taskname(t->index, t->attempt, r->id, r->attempt);
          S(" (TID ");
          U(t->tid);
          if (ver == V16) {
            S(") on executor ");
            S(ex[e].host);
          } else {
            S(") on ");
            S(ex[e].host);
            S(", executor ");
            U((uint64_t)e + 1);
          }
          S(": java.lang.IllegalStateException (Unexpected null in column "
            "amount) [duplicate ");
          U((uint64_t)t->attempt);
          S("]");
          emit("INFO", LG_TSM);
        }
        cnt.lost++;
        r->failed++;
        fails_of_abort++;
        if (fails_of_abort >= 4) {
          S("Task ");
          U((uint64_t)t->index);
          S(" in stage ");
          U((uint64_t)r->id);
          S(".");
          U((uint64_t)r->attempt);
          S(" failed 4 times; aborting job");
          emit("ERROR", LG_TSM);
          result = 2;
          add_finding("TASK_FAILURES", r->id, r->attempt);
          /* remaining running tasks are killed */
          for (s = 0; s < nslots; s++) {
            struct run *x = &slot[s];
            if (!x->busy)
              continue;
            tsm_lost_prefix(r, x, s / cores);
            S(ver == V16 ? "TaskKilled (killed intentionally)"
                         : "TaskKilled (Stage cancelled)");
            emit("WARN", LG_TSM);
            cnt.killed++;
            r->killed++;
            x->busy = 0;
            nrun--;
          }
          break;
        }
        queue[qt] = t->index;
        qatt[qt++] = t->attempt + 1;
        continue;
      }

      if (!result && t->index == p->fetch_fail_index && !ffail_done) {
        ffail_done = 1;
        tsm_lost_prefix(r, t, e);
        S("FetchFailed(BlockManagerId(2, ");
        S(ex[1].host);
        S(", 7337");
        if (ver != V16)
          S(", None");
        S("), shuffleId=");
        U((uint64_t)p->parent_shuffle);
        if (ver >= V35) {
          S(", mapIndex=3, mapId=");
          U(next_tid / 2);
        } else {
          S(", mapId=3");
        }
        S(", reduceId=");
        U((uint64_t)t->index);
        S(", message=\norg.apache.spark.shuffle.FetchFailedException: "
          "Failed to connect to ");
        S(ex[1].host);
        S("/10.0.0.12:7337");
        stack_trace("", 4);
        S("\nCaused by: java.io.IOException: Failed to connect to ");
        S(ex[1].host);
        S("/10.0.0.12:7337\n\tat org.apache.spark.network.client."
          "TransportClientFactory.createClient(TransportClientFactory.java:"
          "288)\n\t... 12 more\n\n)");
        emit("WARN", LG_TSM);
        cnt.lost++;
        r->failed++;
        r->fetch_failures++;
        S("Marking ");
        stage_str(r->kind, r->id);
        S(" (");
        S(name);
        S(") as failed due to a fetch failure from ShuffleMapStage ");
        U((uint64_t)p->parent_id);
        S(" (");
        S(p->parent_name);
        S(")");
        emit("INFO", LG_DAG);
        stage_str(r->kind, r->id);
        S(" (");
        S(name);
        S(") failed in ");
        stage_elapsed_emit(stage_t0);
        if (ver != V16)
          S(" due to org.apache.spark.shuffle.FetchFailedException: Failed "
            "to connect to host");
        emit("INFO", LG_DAG);
        S("Resubmitting ShuffleMapStage ");
        U((uint64_t)p->parent_id);
        S(" (");
        S(p->parent_name);
        S(") and ");
        stage_str(r->kind, r->id);
        S(" (");
        S(name);
        S(") due to fetch failure");
        emit("INFO", LG_DAG);
        r->status = "failed";
        result = 1;
        add_finding("FETCH_FAILURE", r->id, r->attempt);
        continue;
      }

      if (t->spec) {
        /* the copy won: kill the original */
        int k;
        S("Finished ");
        taskname(t->index, t->attempt, r->id, r->attempt);
        S(" (TID ");
        U(t->tid);
        S(") in ");
        U(d);
        S(" ms on ");
        S(ex[e].host);
        if (ver != V16) {
          S(" (executor ");
          U((uint64_t)e + 1);
          S(")");
        }
        S(" (");
        U((uint64_t)++done);
        S("/");
        U((uint64_t)total);
        S(")");
        emit("INFO", LG_TSM);
        cnt.succeeded++;
        cnt.tsm_lines++;
        record_success(r, d);
        for (k = 0; k < nslots; k++) {
          struct run *x = &slot[k];
          if (!x->busy || x->index != t->index)
            continue;
          if (ver != V16) {
            S("Killing attempt ");
            U((uint64_t)x->attempt);
            S(" for ");
            taskname(x->index, x->attempt, r->id, r->attempt);
            S(" (TID ");
            U(x->tid);
            S(") on ");
            S(ex[k / cores].host);
            S(" as the attempt ");
            U((uint64_t)t->attempt);
            S(" succeeded on ");
            S(ex[e].host);
            emit("INFO", LG_TSM);
          }
          now_ms += 12;
          tsm_lost_prefix(r, x, k / cores);
          S(ver == V16 ? "TaskKilled (killed intentionally)"
                       : "TaskKilled (another attempt succeeded)");
          emit("WARN", LG_TSM);
          cnt.killed++;
          r->killed++;
          x->busy = 0;
          nrun--;
        }
        add_finding("SPECULATION", r->id, r->attempt);
        continue;
      }

      /* Normal success: "Finished task 0.0 in stage 0.0 (TID 0) in 1039
       * ms on host (executor 1) (1/8)". */
      {
        size_t a;
        S("Finished ");
        taskname(t->index, t->attempt, r->id, r->attempt);
        S(" (TID ");
        U(t->tid);
        S(")");
        ctx_add("task_name", 9, mlen);
        S(" in ");
        a = mlen;
        U(d);
        ctx_add("duration", a, mlen);
        S(" ms on ");
        a = mlen;
        S(ex[e].host);
        ctx_add("host", a, mlen);
        if (ver != V16) {
          S(" (executor ");
          a = mlen;
          U((uint64_t)e + 1);
          ctx_add("executor_id", a, mlen);
          S(")");
        }
        S(" (");
        a = mlen;
        U((uint64_t)++done);
        ctx_add("num_successful_tasks", a, mlen);
        S("/");
        a = mlen;
        U((uint64_t)total);
        ctx_add("num_tasks", a, mlen);
        S(")");
      }
      emit("INFO", LG_TSM);
      cnt.succeeded++;
      cnt.tsm_lines++;
      record_success(r, d);
      for (i = 0; i < total && i < 4096; i++)
        if (todo[i] == t->index) {
          succeeded_flag[i] = e + 1;
          break;
        }

      /* Speculation: once the queue is empty, copy the straggler. */
      if (!result && p->spec_index >= 0 && !spec_marked && qh == qt) {
        int k, free_s = -1;
        for (k = 0; k < nslots; k++)
          if (slot[k].busy && slot[k].index == p->spec_index &&
              now_ms - slot[k].start > 1500)
            break;
        if (k < nslots) {
          int o = k;
          for (k = 0; k < nslots; k++)
            if (!slot[k].busy && !ex[k / cores].dead && k / cores != o / cores)
              free_s = k;
          if (free_s >= 0) {
            struct run *c = &slot[free_s];
            spec_marked = 1;
            S("Marking task ");
            U((uint64_t)p->spec_index);
            S(" in stage ");
            U((uint64_t)r->id);
            S(".");
            U((uint64_t)r->attempt);
            S(" (on ");
            S(ex[o / cores].host);
            S(") as speculatable because it ran more than ");
            S(ver == V40 ? "1500.0 ms(1speculatable tasks in this "
                           "taskset now)"
              : ver == V35 ? "1500 ms(1 speculatable tasks in this "
                             "taskset now)"
                           : "1500 ms");
            emit("INFO", LG_TSM);
            c->busy = 1;
            c->index = p->spec_index;
            c->attempt = 1;
            c->spec = 1;
            c->tid = next_tid++;
            c->start = now_ms;
            c->end = now_ms + (p->base_hi + p->base_lo) / 2;
            if (c->end >= slot[o].end)
              c->end = slot[o].end - 1;
            tsm_start(r, c, free_s / cores);
            nrun++;
          }
        }
      }
    }
  }
  /* Indexes still to do after a fetch failure: not yet succeeded. */
  if (result == 1) {
    int n = 0;
    for (i = 0; i < total && i < 4096; i++)
      if (!succeeded_flag[i])
        todo[n++] = todo[i];
    *ntodo = n;
  }
  return result;
}

/* ---- stage and job drivers ------------------------------------------ */

static const char *const sites[] = {
  "save at NativeMethodAccessorImpl.java:0",
  "count at Aggregate.scala:88",
  "showString at NativeMethodAccessorImpl.java:0",
  "parquet at ETLJob.scala:142",
  "collect at SessionStats.scala:57",
  "$anonfun$withThreadLocalCaptured$1 at FutureTask.java:264",
};

static void
set_str(int *ids, int n, int kind)
{
  int i;
  S(ver == V40 ? "HashSet(" : "Set(");
  for (i = 0; i < n; i++) {
    if (i)
      S(", ");
    stage_str(kind, ids[i]);
  }
  S(")");
}

static void
submit_lines(struct stagerec *r, const char *name, uint64_t rdd, int *todo,
             int ntodo)
{
  int i;
  S("Submitting ");
  stage_str(r->kind, r->id);
  S(" (MapPartitionsRDD[");
  U(rdd);
  S("] at ");
  S(name);
  S("), which has no missing parents");
  emit("INFO", LG_DAG);
  broadcast("DAGScheduler.scala:1585");
  S("Submitting ");
  U((uint64_t)ntodo);
  S(" missing tasks from ");
  stage_str(r->kind, r->id);
  S(" (MapPartitionsRDD[");
  U(rdd);
  S("] at ");
  S(name);
  S(")");
  if (ver != V16) {
    S(" (first 15 tasks are for partitions Vector(");
    for (i = 0; i < ntodo && i < 15; i++) {
      if (i)
        S(", ");
      U((uint64_t)todo[i]);
    }
    S("))");
  }
  emit("INFO", LG_DAG);
  S("Adding task set ");
  i = (int)mlen;
  U((uint64_t)r->id);
  ctx_add("stage_id", (size_t)i, mlen);
  S(".");
  i = (int)mlen;
  U((uint64_t)r->attempt);
  ctx_add("stage_attempt_id", (size_t)i, mlen);
  S(" with ");
  i = (int)mlen;
  U((uint64_t)ntodo);
  ctx_add("num_tasks", (size_t)i, mlen);
  S(ver >= V35 ? " tasks resource profile 0" : " tasks");
  ctx_add("resource_profile_id", mlen - 1, mlen);
  emit("INFO", LG_YS);
  cnt.stage_attempts++;
  /* The time budget's scenario: this task set waits for a slot. */
  now_ms += pending_wait_ms;
  pending_wait_ms = 0;
}

static void
removed_taskset(struct stagerec *r)
{
  S("Removed TaskSet ");
  U((uint64_t)r->id);
  S(".");
  U((uint64_t)r->attempt);
  S(ver == V40 ? " whose tasks have all completed, from pool "
               : ", whose tasks have all completed, from pool ");
  emit("INFO", LG_YS);
}

static void
finished_line(struct stagerec *r, const char *name, uint64_t t0)
{
  stage_str(r->kind, r->id);
  S(" (");
  S(name);
  S(") finished in ");
  stage_elapsed_emit(t0);
  emit("INFO", LG_DAG);
}

static void
runnable_lines(int *waiting, int nwait, int kind)
{
  int none[1];
  S("looking for newly runnable stages");
  emit("INFO", LG_DAG);
  S("running: ");
  set_str(none, 0, 0);
  emit("INFO", LG_DAG);
  S("waiting: ");
  set_str(waiting, nwait, kind);
  emit("INFO", LG_DAG);
  S("failed: ");
  set_str(none, 0, 0);
  emit("INFO", LG_DAG);
}

static void
ask_map_outputs(int shuffle)
{
  int e;
  for (e = 0; e < nex; e++) {
    if (ex[e].dead)
      continue;
    S("Asked to send map output locations for shuffle ");
    U((uint64_t)shuffle);
    S(" to ");
    host_port(e);
    emit("INFO", LG_MOT);
  }
}

struct jobspec {
  int map_tasks, red_tasks;
  struct plan mp, rp;
  int reuse_stage, reuse_shuffle; /* skipped-stage job: reuse shuffle */
  int reuse_tasks;
  int map_stage_job;              /* AQE: map-stage job only */
};

static int last_map_stage = -1, last_shuffle = -1, last_map_tasks;
static const char *last_map_name;

static void
init_plan(struct plan *p)
{
  memset(p, 0, sizeof *p);
  p->skew_index = p->fetch_fail_index = p->abort_index = -1;
  p->spec_index = p->lose_exec = -1;
  p->base_lo = 200;
  p->base_hi = 2000;
}

/* A job's successful end, as DAGScheduler logs it (3.5 adds the zombie
 * line first). */
static void
job_succeeded(struct jobrec *j, int jid, const char *site, uint64_t jt0)
{
  if (ver >= V35) {
    S("Job ");
    U((uint64_t)jid);
    S(" is finished. Cancelling potential speculative or zombie tasks for "
      "this job");
    emit("INFO", LG_DAG);
  }
  S("Job ");
  U((uint64_t)jid);
  S(" finished: ");
  S(site);
  S(", ");
  took(now_ms - jt0 + 3, rnd());
  emit("INFO", LG_DAG);
  j->status = "succeeded";
  cnt.jobs_ok++;
}

static void
run_job(struct jobspec *js)
{
  const char *site = sites[rnd() % 6];
  const char *mname = sites[rnd() % 6];
  int jid = (int)next_job++, mid, rid, shuffle, i, res;
  int todo[4096], ntodo;
  uint64_t jt0 = now_ms, rdd_map, rdd_red;
  struct jobrec *j = new_job(jid);
  struct stagerec *mr = NULL, *rr;
  int skipped = js->reuse_stage >= 0;

  now_ms += rnd_range(20, 1500); /* driver-side planning between jobs */
  if (!js->map_stage_job) {
    S("Starting job: ");
    S(site);
    emit("INFO", LG_SC);
  }
  if (skipped) {
    /* The finished job's stages were cleaned up, so the DAGScheduler makes
     * a new ShuffleMapStage for the same shuffle; its outputs are all
     * available, so it is never submitted ("Missing parents: List()") and
     * the UI shows it as skipped. */
    struct stagerec *sk;
    mid = next_stage++;
    shuffle = js->reuse_shuffle;
    mname = last_map_name;
    sk = new_stagerec(mid, 0, 0, js->reuse_tasks);
    sk->status = "skipped";
    sk->shuffle_write = shuffle;
  } else {
    mid = next_stage++;
    shuffle = next_shuffle++;
    rdd_map = next_rdd++;
    S("Registering RDD ");
    U(rdd_map);
    S(" (");
    S(mname);
    S(")");
    if (ver >= V35) {
      S(" as input to shuffle ");
      U((uint64_t)shuffle);
    }
    emit("INFO", LG_DAG);
  }
  if (skipped)
    rdd_map = next_rdd++;
  rid = js->map_stage_job ? -1 : next_stage++;
  if (js->map_stage_job) {
    S("Got map stage job ");
    U((uint64_t)jid);
    S(" (");
    S(mname);
    S(") with ");
    U((uint64_t)js->map_tasks);
    S(" output partitions");
    emit("INFO", LG_DAG);
    S("Final stage: ShuffleMapStage ");
    U((uint64_t)mid);
    S(" (");
    S(mname);
    S(")");
    emit("INFO", LG_DAG);
    S("Parents of final stage: List()");
    emit("INFO", LG_DAG);
    S("Missing parents: List()");
    emit("INFO", LG_DAG);
  } else {
    size_t a;
    S("Got job ");
    U((uint64_t)jid);
    ctx_add("job_id", 8, mlen);
    S(" (");
    a = mlen;
    S(site);
    ctx_add("call_site_short_form", a, mlen);
    S(") with ");
    a = mlen;
    U((uint64_t)js->red_tasks);
    ctx_add("num_partitions", a, mlen);
    S(" output partitions");
    emit("INFO", LG_DAG);
    S("Final stage: ResultStage ");
    U((uint64_t)rid);
    S(" (");
    S(site);
    S(")");
    emit("INFO", LG_DAG);
    S("Parents of final stage: List(ShuffleMapStage ");
    U((uint64_t)mid);
    S(")");
    emit("INFO", LG_DAG);
    if (skipped) {
      S("Missing parents: List()");
    } else {
      S("Missing parents: List(ShuffleMapStage ");
      U((uint64_t)mid);
      S(")");
    }
    emit("INFO", LG_DAG);
  }
  cnt.got_job++;
  now_ms += rnd_range(5, 40);
  j->stages[j->nstages++] = mid;
  if (rid >= 0)
    j->stages[j->nstages++] = rid;

  if (skipped) {
    j->skipped[j->nskipped++] = mid;
  } else {
    uint64_t t0 = now_ms;
    mr = new_stagerec(mid, 0, 0, js->map_tasks);
    mr->shuffle_write = shuffle;
    ntodo = js->map_tasks;
    for (i = 0; i < ntodo; i++)
      todo[i] = i;
    submit_lines(mr, mname, rdd_map, todo, ntodo);
    res = run_taskset(mr, mname, todo, &ntodo, &js->mp);
    if (res == 2) {
      mr->status = "failed";
      goto job_failed_stage_map;
    }
    removed_taskset(mr);
    finished_line(mr, mname, t0);
    if (rid >= 0)
      runnable_lines(&rid, 1, 1);
    else
      runnable_lines(&rid, 0, 1);
    last_map_stage = mid;
    last_shuffle = shuffle;
    last_map_tasks = js->map_tasks;
    last_map_name = mname;
  }
  if (js->map_stage_job) {
    if (ver >= V35) {
      S("For shuffle(");
      U((uint64_t)shuffle);
      S(ver == V40 ? ", advisory target size: 67108864, actual target size "
                     "1048576, minimum partition size: 1048576"
                   : "), advisory target size: 67108864, actual target size "
                     "1048576, minimum partition size: 1048576");
      emit("INFO", LG_SPU);
      /* 1 MiB below the 64 MiB advisory size: AQE_COALESCE_CAPPED, once
       * per application. */
      if (aqe_capped_app != app_idx) {
        add_finding("AQE_COALESCE_CAPPED", -1, -1);
        aqe_capped_app = app_idx;
      }
    }
    /* No "Job N finished" line for a map-stage job, but its final stage
     * completed: the job ended well (issue: "map-stage jobs still end
     * correctly ... their final stage completing"). */
    j->status = "succeeded";
    return;
  }

  /* The result (reduce) stage, possibly with a fetch-failure retry. */
  {
    int att = 0;
    rdd_red = next_rdd++;
    ntodo = js->red_tasks;
    for (i = 0; i < ntodo; i++)
      todo[i] = i;
    for (;;) {
      uint64_t t0 = now_ms;
      rr = new_stagerec(rid, att, 1, ntodo);
      rr->shuffle_reads[rr->n_reads++] = shuffle;
      if (att > 0)
        js->rp.fetch_fail_index = -1;
      submit_lines(rr, site, rdd_red, todo, ntodo);
      if (att == 0)
        ask_map_outputs(shuffle);
      js->rp.parent_id = mid;
      js->rp.parent_shuffle = shuffle;
      js->rp.parent_name = mname;
      res = run_taskset(rr, site, todo, &ntodo, &js->rp);
      if (res == 1) {
        /* Fetch failure: rerun lost map outputs in a new map attempt. */
        int mt[4], k;
        struct stagerec *m2;
        uint64_t t1;
        struct plan mp2;
        now_ms += 200;
        S("Resubmitting failed stages");
        emit("INFO", LG_DAG);
        if (mr)
          add_finding("STAGE_RETRY", mid, 1);
        m2 = new_stagerec(mid, mr ? 1 : 0, 0, 2);
        m2->shuffle_write = shuffle;
        mt[0] = 3;
        mt[1] = 1;
        k = 2;
        init_plan(&mp2);
        t1 = now_ms;
        submit_lines(m2, mname, rdd_map, mt, k);
        run_taskset(m2, mname, mt, &k, &mp2);
        removed_taskset(m2);
        finished_line(m2, mname, t1);
        runnable_lines(&rid, 1, 1);
        att++;
        add_finding("STAGE_RETRY", rid, att);
        continue;
      }
      if (res == 2) {
        rr->status = "failed";
        stage_str(1, rid);
        S(" (");
        S(site);
        S(") failed in ");
        stage_elapsed_emit(t0);
        if (ver != V16) {
          S(" due to Job aborted due to stage failure: Task ");
          U((uint64_t)js->rp.abort_index);
          S(" in stage ");
          U((uint64_t)rid);
          S(".");
          U((uint64_t)att);
          S(" failed 4 times, most recent failure: Lost task ");
          U((uint64_t)js->rp.abort_index);
          S(".3 in stage ");
          U((uint64_t)rid);
          S(".");
          U((uint64_t)att);
          S(": java.lang.IllegalStateException: Unexpected null in column "
            "amount\nDriver stacktrace:");
        }
        emit("INFO", LG_DAG);
        S(ver == V40 ? "Canceling stage " : "Cancelling stage ");
        U((uint64_t)rid);
        emit("INFO", LG_YS);
        goto job_failed;
      }
      removed_taskset(rr);
      finished_line(rr, site, t0);
      break;
    }
  }
  job_succeeded(j, jid, site, jt0);
  return;

job_failed_stage_map:
  stage_str(0, mid);
  S(" (");
  S(mname);
  S(") failed in ");
  stage_elapsed_emit(jt0);
  if (ver != V16)
    S(" due to Job aborted due to stage failure: Task failed 4 times");
  emit("INFO", LG_DAG);
job_failed:
  S("Job ");
  U((uint64_t)jid);
  S(" failed: ");
  S(site);
  S(", ");
  took(now_ms - jt0 + 3, rnd());
  emit("INFO", LG_DAG);
  j->status = "failed";
  cnt.jobs_failed++;
}

/* ---- application start-up ------------------------------------------- */

static void
app_start(const char *name)
{
  static const char *const vs[] = { "1.6.3", "2.4.8", "3.5.1", "4.0.0" };
  int e;
  app_idx++;
  app_names[app_idx] = name;
  next_tid = next_rdd = next_bcast = next_job = 0;
  next_acc = 1;
  next_stage = next_shuffle = 0;
  epoch = 0;
  S("Running Spark version ");
  S(vs[ver]);
  emit("INFO", LG_SC);
  if (ver != V16) { /* 2.2+ */
    S("Submitted application: ");
    S(name);
    emit("INFO", LG_SC);
  }
  now_ms += 4000;
  for (e = 0; e < nex; e++) {
    /* One draw per statement: the order of a call's arguments is the
     * compiler's, and the log must not depend on it. */
    int octet4 = (int)(rnd() % 250) + 2;
    int octet3 = (int)(rnd() % 200) + 1;
    snprintf(ex[e].host, sizeof ex[e].host, "ip-10-0-%d-%d.ec2.internal",
             octet3, octet4);
    ex[e].port = (int)rnd_range(33000, 45000);
    ex[e].dead = 0;
    ex[e].lost_reason = NULL;
    S("Registered executor NettyRpcEndpointRef(spark-client://Executor) (");
    host_port(e);
    S(") with ID ");
    U((uint64_t)e + 1);
    if (ver >= V35) /* two spaces in 3.1-3.5, one in 4.0 */
      S(ver == V40 ? ", ResourceProfileId 0" : ",  ResourceProfileId 0");
    emit("INFO", LG_DRV);
    S("Requesting ");
    U(1);
    S(" new executor because tasks are backlogged (new desired total will "
      "be ");
    U((uint64_t)e + 1);
    S(ver >= V35 ? " for resource profile id: 0)" : ")");
    emit("INFO", LG_EAM);
    now_ms += rnd_range(50, 400);
  }
  S("Code generated in 12.853124 ms");
  emit("INFO", LG_CG);
}

static void
app_end(void)
{
  int e;
  /* warn_heavy: its lines are the application's, not after its end. */
  int was_heavy = warn_heavy;
  warn_heavy = 0;
  /* Dynamic allocation releases the last two idle executors. */
  now_ms += 60000;
  if (ver <= V24) {
    for (e = nex - 2; e < nex; e++) {
      S("Removing executor ");
      U((uint64_t)e + 1);
      S(" because it has been idle for 60 seconds (new desired total will "
        "be ");
      U((uint64_t)(2 * nex - 3 - e));
      S(")");
      emit("INFO", LG_EAM);
    }
  } else {
    S("Executors ");
    U((uint64_t)nex - 1);
    S(",");
    U((uint64_t)nex);
    S(ver == V40 ? "removed due to idle timeout."
                 : " removed due to idle timeout.");
    emit("INFO", LG_EAM);
  }
  /* The program stops its context: the application's end is in the
   * log (a log without it is cut off). */
  now_ms += 150;
  S("Successfully stopped SparkContext");
  emit("INFO", LG_SC);
  for (e = 0; e < nex; e++)
    app_ex[app_idx][e] = ex[e];
  app_nex[app_idx] = nex;
  warn_heavy = was_heavy;
}

static void
cleaner(void)
{
  int k, n = (int)rnd_range(1, 4);
  for (k = 0; k < n; k++) {
    S("Cleaned accumulator ");
    U(next_acc++);
    emit("INFO", LG_CC);
  }
  if (ver != V40 && next_bcast > 0) {
    S("Removed broadcast_");
    U(next_bcast - 1);
    S("_piece0 on driver-host:38213 in memory (size: ");
    size_str(12000);
    S(", free: ");
    size_str(1900ULL * 1048576);
    S(")");
    emit("INFO", LG_BMI);
  }
}

/* ---- scenarios -------------------------------------------------------- */

static void
default_job(struct jobspec *js, int m, int r)
{
  memset(js, 0, sizeof *js);
  js->map_tasks = m;
  js->red_tasks = r;
  js->reuse_stage = -1;
  init_plan(&js->mp);
  init_plan(&js->rp);
}

static void
run_scenario(int flags)
{
  struct jobspec js;
  int k;

  app_start(flags & F_TINY ? "tiny_partitions_etl" : "daily_orders_etl");
  /* A warm-up healthy job. */
  default_job(&js, 24, 24);
  run_job(&js);
  cleaner();
  if (flags & F_SKEW) {
    default_job(&js, 24, 48);
    js.rp.skew_index = 17;
    run_job(&js);
    add_finding("SKEW", (int)next_stage - 1, 0);
    cleaner();
  }
  if (flags & F_FETCH) {
    default_job(&js, 24, 36);
    js.rp.fetch_fail_index = 20;
    run_job(&js);
    cleaner();
  }
  if (flags & F_SPEC) {
    default_job(&js, 16, 24);
    js.rp.spec_index = 7;
    run_job(&js);
    cleaner();
  }
  if (flags & F_EXLOSS) {
    default_job(&js, 48, 24);
    js.mp.lose_exec = 2;
    run_job(&js);
    cleaner();
  }
  if (flags & F_TINY) {
    default_job(&js, 24, 2000);
    js.rp.tiny = 1;
    run_job(&js);
    add_finding("TINY_TASKS", (int)next_stage - 1, 0);
    cleaner();
  }
  if (flags & F_SKIP) {
    default_job(&js, 0, 24);
    js.reuse_stage = last_map_stage;
    js.reuse_shuffle = last_shuffle;
    js.reuse_tasks = last_map_tasks;
    run_job(&js);
  }
  if (flags & F_AQE) {
    for (k = 0; k < 2; k++) {
      default_job(&js, 32, 0);
      js.map_stage_job = 1;
      run_job(&js);
    }
  }
  if (flags & F_ABORT) {
    default_job(&js, 12, 12);
    js.rp.abort_index = 5;
    run_job(&js);
  }
  app_end();
}

/* The time budget's scenario (issue 24): a slow start (the first job
 * 45 s after the executors registered), a task set whose first task
 * starts 20 s after it was added, and 90 s of the driver alone after a
 * metastore line. */
static void
run_time_budget(void)
{
  struct jobspec js;
  app_start("slow_start_etl");
  now_ms += 45000;
  default_job(&js, 8, 8);
  run_job(&js);
  pending_wait_ms = 20000;
  default_job(&js, 8, 8);
  run_job(&js);
  S("Persisting data source relation `sales`.`orders` with a single input "
    "path into Hive metastore in Hive compatible format.");
  emit("INFO", LG_HEC);
  now_ms += 90000;
  default_job(&js, 8, 8);
  run_job(&js);
  app_end();
}

static void
run_bench(void)
{
  struct jobspec js;
  uint64_t n = 0;
  app_start("nightly_clickstream_sessionize");
  while (total_bytes < target_bytes) {
    int m = (int)rnd_range(200, 1600), r = (int)rnd_range(200, 1200);
    /* Near the target, shrink jobs (a task costs ~500 bytes of log over
     * its lines) so the size lands within a few percent. */
    uint64_t cap = (target_bytes - total_bytes) / 4000 + 8;
    if ((uint64_t)m > cap)
      m = (int)cap;
    if ((uint64_t)r > cap)
      r = (int)cap;
    default_job(&js, m, r);
    js.mp.base_lo = js.rp.base_lo = 300;
    js.mp.base_hi = js.rp.base_hi = 4000;
    run_job(&js);
    cleaner();
    S("Code generated in ");
    U(rnd_range(3, 40));
    S(".");
    U(rnd_range(100000, 999999));
    S(" ms");
    emit("INFO", LG_CG);
    if (++n % 7 == 0) {
      stack_trace("Exception in connection from /10.0.3.17:45122\n"
                  "java.io.IOException: Connection reset by peer", 5);
      S("\n\t... 12 more");
      emit("WARN", LG_TCH);
      wh_count[WH_N]++;
    }
  }
  app_end();
}

/* ---- streaming and short stages ---------------------------------------- */

/* One stage attempt of a job made of a chain of stages: its submission,
 * its tasks, its end and the scheduler's look for runnable stages (the
 * next stage of the chain waits). */
static void
chain_stage(struct stagerec *r, const char *name, uint64_t rdd, int ntasks,
            struct plan *p, int next, int next_kind)
{
  int todo[4096], ntodo = ntasks, i;
  uint64_t t0 = now_ms;
  for (i = 0; i < ntodo; i++)
    todo[i] = i;
  submit_lines(r, name, rdd, todo, ntodo);
  run_taskset(r, name, todo, &ntodo, p);
  removed_taskset(r);
  finished_line(r, name, t0);
  runnable_lines(&next, next >= 0 ? 1 : 0, next_kind);
}

/* A job of `nstages` stages in a chain, each of `ntasks` tasks: shuffle
 * map stages, then the result stage that reads the last shuffle. Task
 * durations between lo and hi ms. */
static void
chain_job(int nstages, int ntasks, uint64_t lo, uint64_t hi,
          const char *site)
{
  int jid = (int)next_job++, k, first = next_stage;
  uint64_t jt0 = now_ms;
  struct jobrec *j = new_job(jid);
  struct plan p;
  size_t a;

  init_plan(&p);
  p.base_lo = lo;
  p.base_hi = hi;
  now_ms += rnd_range(5, 60);
  S("Starting job: ");
  S(site);
  emit("INFO", LG_SC);
  for (k = 0; k + 1 < nstages; k++) {
    S("Registering RDD ");
    U(next_rdd + (uint64_t)k);
    S(" (");
    S(site);
    S(")");
    if (ver >= V35) {
      S(" as input to shuffle ");
      U((uint64_t)(next_shuffle + k));
    }
    emit("INFO", LG_DAG);
  }
  S("Got job ");
  U((uint64_t)jid);
  ctx_add("job_id", 8, mlen);
  S(" (");
  a = mlen;
  S(site);
  ctx_add("call_site_short_form", a, mlen);
  S(") with ");
  a = mlen;
  U((uint64_t)ntasks);
  ctx_add("num_partitions", a, mlen);
  S(" output partitions");
  emit("INFO", LG_DAG);
  S("Final stage: ResultStage ");
  U((uint64_t)(first + nstages - 1));
  S(" (");
  S(site);
  S(")");
  emit("INFO", LG_DAG);
  if (nstages > 1) {
    S("Parents of final stage: List(ShuffleMapStage ");
    U((uint64_t)(first + nstages - 2));
    S(")");
    emit("INFO", LG_DAG);
    S("Missing parents: List(ShuffleMapStage ");
    U((uint64_t)(first + nstages - 2));
    S(")");
  } else {
    S("Parents of final stage: List()");
    emit("INFO", LG_DAG);
    S("Missing parents: List()");
  }
  emit("INFO", LG_DAG);
  cnt.got_job++;
  for (k = 0; k < nstages; k++) {
    int id = next_stage++, last = k + 1 == nstages;
    struct stagerec *r = new_stagerec(id, 0, last, ntasks);
    if (j->nstages < 8)
      j->stages[j->nstages++] = id;
    if (!last)
      r->shuffle_write = next_shuffle + k;
    if (k > 0)
      r->shuffle_reads[r->n_reads++] = next_shuffle + k - 1;
    chain_stage(r, site, next_rdd++, ntasks, &p, last ? -1 : id + 1, 
                k + 2 == nstages);
  }
  next_shuffle += nstages - 1;
  job_succeeded(j, jid, site, jt0);
}

/* A Structured-Streaming-like application: one micro-batch after the
 * other, each a job of three stages (read and partial aggregate, state
 * update, write) of two tasks, about 2 KB of log a stage. --jobs N or
 * --stages N (three a job) sizes it; 1000 stages by default. */
static void
run_streaming(void)
{
  uint64_t n = opt_jobs ? opt_jobs
                        : ((opt_stages ? opt_stages : 1000) + 2) / 3;
  uint64_t b;
  app_start("clickstream_sessions_stream");
  for (b = 0; b < n; b++) {
    now_ms += rnd_range(200, 2000); /* the trigger interval */
    chain_job(3, 2, 20, 400, "start at NativeMethodAccessorImpl.java:0");
    if (b % 10 == 9)
      cleaner();
  }
  app_end();
}

/* Engine features (model/engine.h): a Structured Streaming query with a
 * 1 s trigger, 12 micro-batches (ids 0-11) each a job of two stages and
 * its progress report (pretty JSON on continuation lines); batches 3, 7
 * and 11 take 1.5 s + id ms and log "Current batch is falling behind";
 * one AQE coalescing whose target the parallelism cut to 1 MiB below the
 * 64 MiB advisory size; 5 PythonRunner timings (local mode) summing to
 * total 1500, boot 500, init 900, finish 100 ms.
 * tests/cli/sparkgen_engine.sh checks sparklog finds all of it. */
static void
run_engine(void)
{
  uint64_t b;
  int k;
  app_start("engine_stream");
  S("Starting [id = 6d1f0000-0000-4000-8000-000000000001, runId = "
    "7e2a0000-0000-4000-8000-000000000002]. Use file:/tmp/cp to store "
    "the query checkpoint.");
  emit("INFO", LG_MBE);
  for (b = 0; b < 12; b++) {
    uint64_t dur = b % 4 == 3 ? 1500 + b : 200 + 10 * b;
    now_ms += 1000;
    chain_job(2, 2, 20, 100, "start at NativeMethodAccessorImpl.java:0");
    if (b == 5) {
      S("For shuffle(");
      U(next_shuffle - 1);
      S("), advisory target size: 67108864, actual target size 1048576, "
        "minimum partition size: 1048576");
      emit("INFO", LG_SPU);
    }
    S("Streaming query made progress: {\n"
      "  \"id\" : \"6d1f0000-0000-4000-8000-000000000001\",\n"
      "  \"batchId\" : ");
    U(b);
    S(",\n  \"numInputRows\" : ");
    U(100 + b);
    S(",\n  \"durationMs\" : {\n    \"addBatch\" : ");
    U(dur - 20);
    S(",\n    \"triggerExecution\" : ");
    U(dur);
    S("\n  },\n  \"sources\" : [ {\n    \"numInputRows\" : 7\n  } ]\n}");
    emit("INFO", LG_MBE);
    if (dur > 1000) {
      S("Current batch is falling behind. The trigger interval is 1000 "
        "milliseconds, but spent ");
      U(dur);
      S(" milliseconds");
      emit("WARN", LG_PTE);
    }
  }
  for (k = 0; k < 5; k++) {
    S("Times: total = 300, boot = 100, init = 180, finish = 20");
    emit("INFO", LG_PYR);
  }
  add_finding("STREAM_BEHIND", -1, -1);
  add_finding("AQE_COALESCE_CAPPED", -1, -1);
  app_end();
}

/* Short stages: jobs of a map and a result stage of about 100 tasks each,
 * with storage chatter, as a realistic Spark 3.5 ETL log (about 220 task
 * lines a stage). --stages N (two a job), --jobs N or --target-bytes
 * sizes it; 100 stages by default. */
static void
run_short_stages(void)
{
  struct jobspec js;
  uint64_t n = opt_jobs ? opt_jobs : opt_stages ? (opt_stages + 1) / 2 : 50;
  uint64_t k;
  app_start("orders_daily_rollup");
  for (k = 0; target_bytes ? total_bytes < target_bytes : k < n; k++) {
    default_job(&js, (int)rnd_range(80, 120), (int)rnd_range(80, 120));
    js.mp.base_lo = js.rp.base_lo = 100;
    js.mp.base_hi = js.rp.base_hi = 1500;
    run_job(&js);
    cleaner();
    S("Code generated in ");
    U(rnd_range(3, 40));
    S(".");
    U(rnd_range(100000, 999999));
    S(" ms");
    emit("INFO", LG_CG);
  }
  app_end();
}

/* ---- hostile shapes (tests only) ---------------------------------------- */

/* A task start or end of task 0.0 in stage sid.att, as TaskSetManager
 * logs it (the version's wording). */
static void
hostile_task(int end, uint64_t sid, uint64_t att, uint64_t tid)
{
  S(end ? "Finished task 0.0 in stage " : "Starting task 0.0 in stage ");
  U(sid);
  S(".");
  U(att);
  S(" (TID ");
  U(tid);
  if (end) {
    S(") in 12 ms on ");
    S(ex[0].host);
    S(" (executor 1) (1/1)");
  } else {
    S(") (");
    S(ex[0].host);
    S(", executor 1, partition 0, PROCESS_LOCAL, 7000 bytes) ");
  }
  emit("INFO", LG_TSM);
  if (end)
    cnt.succeeded++;
  else
    cnt.started++;
  cnt.tsm_lines++;
}

static void
hostile_taskset(uint64_t sid, uint64_t att)
{
  S("Adding task set ");
  U(sid);
  S(".");
  U(att);
  S(" with 1 tasks resource profile 0");
  emit("INFO", LG_YS);
  cnt.stage_attempts++;
}

/* Many attempts of one shuffle map stage (--stages N of them, 1000 by
 * default): the task set of attempt k, its task, and a late "Finished" of
 * a zombie task of attempt k / 2, so that the attempts are looked up out
 * of order. Every attempt after the first is ranked and is a retry. */
static void
run_many_attempts(void)
{
  uint64_t n = opt_stages ? opt_stages : 1000, k, tid = 0;
  app_start("many_attempts");
  S("Got job 0 (count at Hostile.scala:1) with 1 output partitions");
  emit("INFO", LG_DAG);
  S("Final stage: ResultStage 2 (count at Hostile.scala:1)");
  emit("INFO", LG_DAG);
  S("Parents of final stage: List(ShuffleMapStage 1)");
  emit("INFO", LG_DAG);
  S("Missing parents: List(ShuffleMapStage 1)");
  emit("INFO", LG_DAG);
  S("Submitting ShuffleMapStage 1 (MapPartitionsRDD[1] at count at "
    "Hostile.scala:1), which has no missing parents");
  emit("INFO", LG_DAG);
  for (k = 0; k < n; k++) {
    now_ms += 3;
    hostile_taskset(1, k);
    hostile_task(0, 1, k, tid++);
    hostile_task(1, 1, k / 2, tid++);
  }
  app_end();
}

/* One shuffle map stage that --jobs N jobs (1000 by default) reuse: each
 * job lists it as its final stage's parent, finds it available, and runs
 * a result stage of one task. */
static void
run_stage_many_jobs(void)
{
  uint64_t n = opt_jobs ? opt_jobs : 1000, k;
  app_start("stage_many_jobs");
  for (k = 0; k < n; k++) {
    uint64_t rid = k + 1;
    now_ms += 5;
    S("Got job ");
    U(k);
    S(" (collect at Hostile.scala:2) with 1 output partitions");
    emit("INFO", LG_DAG);
    S("Final stage: ResultStage ");
    U(rid);
    S(" (collect at Hostile.scala:2)");
    emit("INFO", LG_DAG);
    S("Parents of final stage: List(ShuffleMapStage 0)");
    emit("INFO", LG_DAG);
    S("Missing parents: List()");
    emit("INFO", LG_DAG);
    S("Submitting ResultStage ");
    U(rid);
    S(" (MapPartitionsRDD[2] at collect at Hostile.scala:2), which has no "
      "missing parents");
    emit("INFO", LG_DAG);
    hostile_taskset(rid, 0);
    hostile_task(0, rid, 0, 2 * k);
    hostile_task(1, rid, 0, 2 * k + 1);
    S("ResultStage ");
    U(rid);
    S(" (collect at Hostile.scala:2) finished in 0.015 s");
    emit("INFO", LG_DAG);
    S("Job ");
    U(k);
    S(" finished: collect at Hostile.scala:2, took 0.020000 s");
    emit("INFO", LG_DAG);
    cnt.got_job++;
    cnt.jobs_ok++;
  }
  app_end();
}

/* Task lines and task sets naming attempts of stage 1 at and beyond 2^32
 * (no real Spark numbers them so; a 32-bit store would make each one
 * "stage 1.0" again), after a normal attempt 0. */
static void
run_huge_attempts(void)
{
  static const uint64_t atts[] = { 4294967296ULL, 4294967297ULL,
                                   8589934592ULL, 9007199254740991ULL };
  size_t k;
  app_start("huge_attempts");
  S("Got job 0 (count at Hostile.scala:3) with 1 output partitions");
  emit("INFO", LG_DAG);
  S("Final stage: ResultStage 1 (count at Hostile.scala:3)");
  emit("INFO", LG_DAG);
  hostile_taskset(1, 0);
  hostile_task(0, 1, 0, 0);
  hostile_task(1, 1, 0, 0);
  for (k = 0; k < sizeof atts / sizeof atts[0]; k++) {
    now_ms += 10;
    hostile_taskset(1, atts[k]);
    hostile_task(0, 1, atts[k], k + 1);
    hostile_task(1, 1, atts[k], k + 1);
  }
  S("ResultStage 1 (count at Hostile.scala:3) finished in 0.050 s");
  emit("INFO", LG_DAG);
  S("Job 0 finished: count at Hostile.scala:3, took 0.060000 s");
  emit("INFO", LG_DAG);
  cnt.got_job++;
  cnt.jobs_ok++;
  app_end();
}

static void
run_warn_only(void)
{
  int k;
  app_idx = 0;
  app_names[0] = "warn_level_app";
  for (k = 0; k < 40; k++) {
    now_ms += rnd_range(100, 30000);
    if (k % 5 == 4) {
      stack_trace("Exception in connection from /10.0.3.17:45122\n"
                  "java.io.IOException: Connection reset by peer", 5);
      emit("WARN", LG_TCH);
    } else {
      S("Unable to load native-hadoop library for your platform... using "
        "builtin-java classes where applicable");
      emit("WARN", LG_SC);
    }
  }
  app_nex[0] = 0;
  add_finding("NO_SCHEDULER_LINES", -1, -1);
}

/* An I/O phase of the driver (io_listing, io_commit, io_metastore,
 * io_broadcast): one job, then the phase's lines with a 60 s slow part
 * (docs/spark-io-phases.md wordings), then a job reading the result. The
 * phase is 60 s of a ~75 s application: IO_PHASE_DOMINATES. */
static void
run_io(const char *scen)
{
  struct jobspec js;
  int k;
  app_start("io_phase_etl");
  default_job(&js, 8, 0);
  run_job(&js);
  if (!strcmp(scen, "io_listing")) {
    S("Listing leaf files and directories in parallel under 4000 paths.");
    emit("INFO", LG_IMFI);
    now_ms += 60000;
    S("It took 60000 ms to list leaf files for 4000 paths.");
    emit("INFO", LG_IMFI);
  } else if (!strcmp(scen, "io_commit")) {
    S("Start to commit write Job 168ccfdd-4edd-4789-843c-29189d875be0.");
    emit("INFO", LG_FFW);
    now_ms += 60000;
    S("Write Job 168ccfdd-4edd-4789-843c-29189d875be0 committed. Elapsed "
      "time: 60000 ms.");
    emit("INFO", LG_FFW);
    S("Finished processing stats for write job "
      "168ccfdd-4edd-4789-843c-29189d875be0.");
    emit("INFO", LG_FFW);
  } else if (!strcmp(scen, "io_metastore")) {
    for (k = 0; k < 4; k++) {
      S("0: get_partitions_by_filter : db=sales tbl=orders");
      emit("INFO", LG_HMS);
      now_ms += 20000;
    }
  } else {
    S("Building broadcast relation of 48213 rows");
    emit("INFO", LG_BEX);
    now_ms += 60000;
    S("Broadcast relation built: 48213 rows");
    emit("INFO", LG_BEX);
  }
  default_job(&js, 8, 0);
  run_job(&js);
  app_end();
  add_finding("IO_PHASE_DOMINATES", -1, -1);
}

/* ---- truth ------------------------------------------------------------ */

static int
cmp_u32(const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* Nearest rank: the ceil(q/100 * n)-th smallest value (1-based). */
static uint32_t
nearest_rank(const uint32_t *v, size_t n, unsigned q)
{
  size_t k = (q * n + 99) / 100;
  if (k < 1)
    k = 1;
  return v[k - 1];
}

static void
write_truth(const char *path, const char *layname, const char *spark)
{
  FILE *f = fopen(path, "w");
  size_t i, k;
  int a;
  if (!f) {
    perror(path);
    exit(4);
  }
  fprintf(f, "{\"generator\":\"sparkgen/1\",\"scenario\":\"%s\",\"seed\":%llu,"
          "\"layout\":\"%s\",\"spark\":\"%s\",\"lines\":%llu,\"bytes\":%llu,\n",
          scenario, (unsigned long long)seed, layname, spark,
          (unsigned long long)total_lines, (unsigned long long)total_bytes);
  fprintf(f, " \"counts\":{\"got_job\":%llu,\"stage_attempts_submitted\":%llu,"
          "\"tasks_started\":%llu,\"tasks_succeeded\":%llu,\"tasks_lost\":%llu,"
          "\"tasks_killed\":%llu,\"jobs_finished\":%llu,\"jobs_failed\":%llu,"
          "\"tsm_task_lines\":%llu},\n",
          (unsigned long long)cnt.got_job,
          (unsigned long long)cnt.stage_attempts,
          (unsigned long long)cnt.started, (unsigned long long)cnt.succeeded,
          (unsigned long long)cnt.lost, (unsigned long long)cnt.killed,
          (unsigned long long)cnt.jobs_ok, (unsigned long long)cnt.jobs_failed,
          (unsigned long long)cnt.tsm_lines);
  if (warn_heavy) {
    /* The templates written, and every WARN/ERROR line. */
    int any = 0;
    fprintf(f, " \"warn_error_lines\":%llu,\n \"messages\":[",
            (unsigned long long)warn_error_lines);
    for (k = 0; k <= WH_N; k++) {
      if (!wh_count[k])
        continue;
      fprintf(f, "%s\n  {\"level\":\"%s\",\"logger\":\"%s\","
              "\"template\":\"%s\",\"count\":%llu}", any ? "," : "",
              k < WH_N ? wh[k].level : "WARN",
              k < WH_N ? wh[k].logger : "TransportChannelHandler",
              k < WH_N ? wh[k].tpl : "Exception in connection from /<ip>",
              (unsigned long long)wh_count[k]);
      any = 1;
    }
    fprintf(f, "],\n");
  }
  fprintf(f, " \"apps\":[");
  for (a = 0; a <= app_idx; a++) {
    static const char *const vs[] = { "1.6.3", "2.4.8", "3.5.1", "4.0.0" };
    int first = 1, e;
    /* "Submitted application:" exists from 2.2 on. */
    if (ver == V16)
      fprintf(f, "%s\n  {\"spark_version\":\"%s\",\"app_name\":null,"
                 "\"jobs\":[",
              a ? "," : "", vs[ver]);
    else
      fprintf(f, "%s\n  {\"spark_version\":\"%s\",\"app_name\":\"%s\","
                 "\"jobs\":[",
              a ? "," : "", vs[ver], app_names[a]);
    for (i = 0; i < njobs; i++) {
      struct jobrec *j = &jobs[i];
      if (j->app != a)
        continue;
      fprintf(f, "%s\n   {\"id\":%d,\"status\":\"%s\",\"stages\":[",
              first ? "" : ",", j->id, j->status);
      first = 0;
      for (k = 0; k < (size_t)j->nstages; k++)
        fprintf(f, "%s%d", k ? "," : "", j->stages[k]);
      fprintf(f, "],\"skipped_stages\":[");
      for (k = 0; k < (size_t)j->nskipped; k++)
        fprintf(f, "%s%d", k ? "," : "", j->skipped[k]);
      fprintf(f, "]}");
    }
    fprintf(f, "],\n  \"stages\":[");
    first = 1;
    for (i = 0; i < nst; i++) {
      struct stagerec *r = &st[i];
      if (r->app != a)
        continue;
      fprintf(f, "%s\n   {\"id\":%d,\"attempt\":%d,\"kind\":\"%s\","
              "\"status\":\"%s\",\"num_tasks\":%d,\"tasks\":{\"started\":%d,"
              "\"succeeded\":%d,\"failed\":%d,\"killed\":%d,"
              "\"speculative\":%d},",
              first ? "" : ",", r->id, r->attempt,
              r->kind ? "ResultStage" : "ShuffleMapStage", r->status,
              r->num_tasks, r->started, r->succeeded, r->failed, r->killed,
              r->spec);
      first = 0;
      if (r->ndur) {
        qsort(r->dur, r->ndur, sizeof *r->dur, cmp_u32);
        fprintf(f, "\"task_ms\":{\"count\":%llu,\"sum\":%llu,\"min\":%llu,"
                "\"max\":%llu,\"p50\":%u,\"p90\":%u,\"p99\":%u},",
                (unsigned long long)r->dcount, (unsigned long long)r->dsum,
                (unsigned long long)r->dmin, (unsigned long long)r->dmax,
                nearest_rank(r->dur, r->ndur, 50),
                nearest_rank(r->dur, r->ndur, 90),
                nearest_rank(r->dur, r->ndur, 99));
      } else if (r->dcount) {
        fprintf(f, "\"task_ms\":{\"count\":%llu,\"sum\":%llu,\"min\":%llu,"
                "\"max\":%llu,\"p50\":null,\"p90\":null,\"p99\":null},",
                (unsigned long long)r->dcount, (unsigned long long)r->dsum,
                (unsigned long long)r->dmin, (unsigned long long)r->dmax);
      } else {
        fprintf(f, "\"task_ms\":{\"count\":0,\"sum\":0,\"min\":null,"
                "\"max\":null,\"p50\":null,\"p90\":null,\"p99\":null},");
      }
      if (r->shuffle_write >= 0)
        fprintf(f, "\"shuffle_write\":%d,", r->shuffle_write);
      else
        fprintf(f, "\"shuffle_write\":null,");
      fprintf(f, "\"shuffle_reads\":[");
      for (k = 0; k < (size_t)r->n_reads; k++)
        fprintf(f, "%s%d", k ? "," : "", r->shuffle_reads[k]);
      fprintf(f, "],\"fetch_failures\":%d}", r->fetch_failures);
    }
    fprintf(f, "],\n  \"executors\":[");
    for (e = 0; e < app_nex[a]; e++) {
      struct executor *x = &app_ex[a][e];
      fprintf(f, "%s{\"id\":\"%d\",\"host\":\"%s\",\"lost_reason\":",
              e ? "," : "", e + 1, x->host);
      if (x->lost_reason)
        fprintf(f, "\"%s\"}", x->lost_reason);
      else
        fprintf(f, "null}");
    }
    fprintf(f, "]}");
  }
  fprintf(f, "],\n \"expected_findings\":[");
  for (a = 0; a < nfinds; a++) {
    fprintf(f, "%s\n  {\"id\":\"%s\",\"app\":%d,", a ? "," : "", finds[a].id,
            finds[a].app);
    if (finds[a].stage >= 0)
      fprintf(f, "\"stage\":%d,\"attempt\":%d}", finds[a].stage,
              finds[a].attempt);
    else
      fprintf(f, "\"stage\":null,\"attempt\":null}");
  }
  fprintf(f, "]}\n");
  if (fclose(f) != 0) {
    perror(path);
    exit(4);
  }
}

/* ---- main --------------------------------------------------------------- */

static void
usage(FILE *f)
{
  fprintf(f,
    "usage: sparkgen --scenario NAME [--seed N] "
    "[--layout default|glue|fullclass|cdh|json]\n"
    "                [--spark 1.6|2.4|3.5|4.0] [--target-bytes N[K|M|G]]\n"
    "                [--out FILE] [--truth FILE]\n"
    "scenarios: clean skew fetch_failure task_retry_abort speculation\n"
    "           executor_loss tiny_tasks skipped_stages aqe multi_app\n"
    "           warn_only mixed bench streaming short_stages\n"
    "           many_attempts stage_many_jobs huge_attempts (hostile)\n"
    "           time_budget warn_heavy (bench with 10%% WARN/ERROR lines)\n"
    "           engine\n"
    "           io_listing io_commit io_metastore io_broadcast\n"
    "                [--jobs N] [--stages N] (streaming, short_stages,\n"
    "                many_attempts: attempts, stage_many_jobs: jobs)\n"
    "--layout json implies --spark 4.0.  bench defaults to 1G and layout\n"
    "default; the truth's task_ms percentiles are nearest-rank:\n"
    "pQ = the ceil(Q/100*n)-th smallest successful-attempt duration.\n");
}

static uint64_t
parse_size(const char *s)
{
  uint64_t v = 0;
  for (; *s >= '0' && *s <= '9'; s++)
    v = v * 10 + (uint64_t)(*s - '0');
  if (*s == 'K' || *s == 'k')
    v <<= 10;
  else if (*s == 'M' || *s == 'm')
    v <<= 20;
  else if (*s == 'G' || *s == 'g')
    v <<= 30;
  else if (*s) {
    fprintf(stderr, "sparkgen: bad size\n");
    exit(2);
  }
  return v;
}

int
main(int argc, char **argv)
{
  const char *outp = NULL, *truthp = NULL, *layname = "default";
  const char *spark = NULL;
  static const char *const snames[] = { "1.6", "2.4", "3.5", "4.0" };
  int i, flags = -1;
  static const struct {
    const char *name;
    int flags;
  } sc[] = {
    { "clean", 0 }, { "skew", F_SKEW }, { "fetch_failure", F_FETCH },
    { "task_retry_abort", F_ABORT }, { "speculation", F_SPEC },
    { "executor_loss", F_EXLOSS }, { "tiny_tasks", F_TINY },
    { "skipped_stages", F_SKIP }, { "aqe", F_AQE },
    { "mixed", F_SKEW | F_FETCH | F_SPEC | F_EXLOSS | F_TINY | F_SKIP | F_AQE
               | F_ABORT },
    { "multi_app", 0 }, { "warn_only", 0 }, { "bench", 0 },
    { "streaming", 0 }, { "short_stages", 0 }, { "many_attempts", 0 },
    { "stage_many_jobs", 0 }, { "huge_attempts", 0 }, { "time_budget", 0 },
    { "warn_heavy", 0 }, { "engine", 0 },
    { "io_listing", 0 }, { "io_commit", 0 }, { "io_metastore", 0 },
    { "io_broadcast", 0 },
  };

  for (i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      usage(stdout);
      return 0;
    }
    if (!v) {
      usage(stderr);
      return 2;
    }
    i++;
    if (!strcmp(a, "--scenario"))
      scenario = v;
    else if (!strcmp(a, "--seed"))
      seed = parse_size(v);
    else if (!strcmp(a, "--layout"))
      layname = v;
    else if (!strcmp(a, "--spark"))
      spark = v;
    else if (!strcmp(a, "--target-bytes"))
      target_bytes = parse_size(v);
    else if (!strcmp(a, "--out"))
      outp = v;
    else if (!strcmp(a, "--truth"))
      truthp = v;
    else if (!strcmp(a, "--jobs"))
      opt_jobs = parse_size(v);
    else if (!strcmp(a, "--stages"))
      opt_stages = parse_size(v);
    else {
      usage(stderr);
      return 2;
    }
  }
  for (i = 0; i < (int)(sizeof sc / sizeof sc[0]); i++)
    if (!strcmp(scenario, sc[i].name))
      flags = sc[i].flags;
  if (flags < 0) {
    usage(stderr);
    return 2;
  }
  if (!strcmp(layname, "default"))
    lay = L_DEFAULT;
  else if (!strcmp(layname, "glue"))
    lay = L_GLUE;
  else if (!strcmp(layname, "fullclass"))
    lay = L_FULL;
  else if (!strcmp(layname, "cdh"))
    lay = L_CDH;
  else if (!strcmp(layname, "json"))
    lay = L_JSON;
  else {
    usage(stderr);
    return 2;
  }
  if (spark) {
    for (i = 0; i < 4; i++)
      if (!strcmp(spark, snames[i]))
        ver = i;
    if (i == 4 && strcmp(spark, snames[ver])) {
      for (i = 0; i < 4 && strcmp(spark, snames[i]); i++)
        ;
      if (i == 4) {
        usage(stderr);
        return 2;
      }
    }
  }
  if (lay == L_JSON)
    ver = V40;
  spark = snames[ver];
  rng_state = seed * 0x2545f4914f6cdd1dULL + 17;
  now_ms = 1723561969000ULL + (seed % 1000) * 86400000ULL;
  warn_heavy = !strcmp(scenario, "warn_heavy");
  bench = warn_heavy || !strcmp(scenario, "bench");
  chatter = bench || !strcmp(scenario, "short_stages");
  if (bench && !target_bytes)
    target_bytes = 1ULL << 30;
  if (warn_heavy)
    lay = L_DEFAULT;
  out = outp ? fopen(outp, "wb") : stdout;
  if (!out) {
    perror(outp);
    return 4;
  }
  if (bench) {
    run_bench();
  } else if (!strcmp(scenario, "warn_only")) {
    run_warn_only();
  } else if (!strcmp(scenario, "streaming")) {
    run_streaming();
  } else if (!strcmp(scenario, "engine")) {
    run_engine();
  } else if (!strcmp(scenario, "short_stages")) {
    run_short_stages();
  } else if (!strcmp(scenario, "many_attempts")) {
    run_many_attempts();
  } else if (!strcmp(scenario, "stage_many_jobs")) {
    run_stage_many_jobs();
  } else if (!strcmp(scenario, "huge_attempts")) {
    run_huge_attempts();
  } else if (!strcmp(scenario, "time_budget")) {
    run_time_budget();
  } else if (!strncmp(scenario, "io_", 3)) {
    run_io(scenario);
  } else if (!strcmp(scenario, "multi_app")) {
    run_scenario(F_SKIP);
    now_ms += 3600000;
    run_scenario(F_SKEW);
  } else {
    run_scenario(flags);
  }
  flush_out();
  if (outp && fclose(out) != 0) {
    perror(outp);
    return 4;
  }
  if (truthp)
    write_truth(truthp, layname, spark);
  if (bench)
    fprintf(stderr, "sparkgen: %llu bytes, %llu lines, avg %.1f bytes/line, "
            "TSM task lines %.1f%%\n", (unsigned long long)total_bytes,
            (unsigned long long)total_lines,
            (double)total_bytes / (double)(total_lines ? total_lines : 1),
            100.0 * (double)cnt.tsm_lines
                / (double)(total_lines ? total_lines : 1));
  return 0;
}
