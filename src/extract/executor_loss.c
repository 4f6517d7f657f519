/*
 * executor_loss.c - the class of an executor loss reason (executor_loss.h).
 *
 * Tried from the most specific wording to the most generic one, so that a
 * reason that carries several (a YARN "Container from a bad node ... Exit
 * status: 143. Diagnostics: ... Exit code is 143") is decided by its
 * platform part. Every branch quotes the wording it reads; the citations
 * are those of docs/spark-failure-messages.md.
 */
#include "executor_loss.h"

#include "extract.h"

static const char *find(slg_span s, const char *lit)
{
  return slg_find(s.ptr, s.ptr + s.len, lit);
}

static int set(slg_exec_loss *out, slg_exec_class cls, int rank,
               const char *cause, const char *from, const char *to)
{
  out->cls = cls;
  out->rank = rank;
  out->cause = cause;
  out->evidence = slg_span_between(from, to);
  return cls != SLG_EXEC_NONE;
}

/* Reads an optionally signed decimal at *p ("137", "-104"). */
static int read_code(const char **p, const char *end, int64_t *code)
{
  const char *q = *p;
  int neg = 0;
  if (q < end && *q == '-') {
    neg = 1;
    q++;
  }
  uint64_t v = 0;
  if (!slg_parse_u64(&q, end, 1u << 30, &v))
    return 0;
  *code = neg ? -(int64_t)v : (int64_t)v;
  *p = q;
  return 1;
}

slg_exec_class slg_exec_class_of_code(int64_t code)
{
  switch (code) {
  case 0:
    return SLG_EXEC_NONE;
  case 137: /* SIGKILL: the OOM killer or a forced kill (section 3.6) */
  case -103: /* YARN KILLED_EXCEEDED_VMEM */
  case -104: /* YARN KILLED_EXCEEDED_PMEM */
    return SLG_EXEC_OOM_KILL;
  case 143:
    return SLG_EXEC_SIGTERM;
  case -100: /* ABORTED: "Container released on a *lost* node" */
  case -101: /* DISKS_FAILED */
    return SLG_EXEC_NODE_LOST;
  case -102:
    return SLG_EXEC_PREEMPTED;
  case -105: /* KILLED_BY_APPMASTER */
    return SLG_EXEC_KILLED_BY_DRIVER;
  case -107: /* KILLED_AFTER_APP_COMPLETION */
    return SLG_EXEC_SHUTDOWN;
  case 56: /* "Unable to send heartbeats to driver." */
    return SLG_EXEC_HEARTBEAT;
  default:
    return SLG_EXEC_EXIT_CODE;
  }
}

/* "<lit>N" anywhere in s: the class of code N, evidence from lit's start
 * to the end of the number (and of a "(...)" glued to it: Kubernetes'
 * "137(SIGKILL, possible container OOM)"). */
static int by_code(slg_exec_loss *out, slg_span s, const char *lit,
                   size_t litlen, int rank, int keep_paren, const char *cause)
{
  const char *end = s.ptr + s.len;
  const char *at = find(s, lit);
  if (at == NULL)
    return 0;
  const char *p = at + litlen;
  if (!read_code(&p, end, &out->code))
    return 0;
  if (keep_paren && p < end && *p == '(') {
    const char *c = slg_find_byte(p, end, ')');
    if (c != NULL)
      p = c + 1;
  }
  set(out, slg_exec_class_of_code(out->code), rank, cause, at, p);
  return 1;
}

#define BY_CODE(out, s, lit, rank, paren, cause)                             \
  by_code((out), (s), ("" lit), sizeof(lit) - 1, (rank), (paren), (cause))

/* explainExitCode's texts for the codes it knows (section 2.2), as the
 * whole reason. */
static const struct {
  const char *text;
  int code;
} exit_texts[] = {
    {"OutOfMemoryError", 52},
    {"Uncaught exception", 50},
    {"Uncaught exception, and logging the exception failed", 51},
    {"Failed to create local directory (bad spark.local.dir?)", 53},
    {"ExternalBlockStore failed to initialize.", 54},
    {"ExternalBlockStore failed to create a local temporary directory.", 55},
    {"Unable to send heartbeats to driver.", 56},
    {"Executor killed by TaskReaper.", 57},
    {"Executor killed due to a failure of block manager re-registration.",
     58},
};

/* `lit` in s: the class, evidence `lit` itself. */
static int lit_class(slg_exec_loss *out, slg_span s, const char *lit,
                     slg_exec_class cls, int rank, const char *cause)
{
  const char *at = find(s, lit);
  if (at == NULL)
    return 0;
  return set(out, cls, rank, cause, at, at + strlen(lit));
}

/* `lit` in s: the class, evidence from `lit` to the end of s (at most
 * `cap` bytes). */
static int tail_class(slg_exec_loss *out, slg_span s, const char *lit,
                      slg_exec_class cls, int rank, size_t cap,
                      const char *cause)
{
  const char *at = find(s, lit);
  if (at == NULL)
    return 0;
  const char *end = s.ptr + s.len;
  if ((size_t)(end - at) > cap)
    end = at + cap;
  return set(out, cls, rank, cause, at, end);
}

int slg_exec_loss_classify(slg_exec_loss *out, slg_span s)
{
  const int P = SLG_EXEC_RANK_PLATFORM;
  /* The table's rows that several wordings share. */
  static const char PRE[] = "yarn-preempt", STA[] = "standalone-exit",
                    DEC[] = "decommission";
  out->cls = SLG_EXEC_NONE;
  out->rank = SLG_EXEC_RANK_GENERIC;
  out->code = INT64_MIN;
  out->evidence = slg_span_make(NULL, 0);
  out->cause = NULL;
  s = slg_trim_right(s);
  while (s.len > 0 && (s.ptr[0] == ' ' || s.ptr[0] == '\t')) {
    s.ptr++;
    s.len--;
  }
  if (s.len == 0)
    return 0;
  const char *end = s.ptr + s.len;

  /* YARN memory kills, every wording (section 2.4): "Container killed by
   * YARN for exceeding (physical |virtual )?memory limits.( X of Y
   * (physical|virtual) memory used.)? Consider boosting ...". */
  const char *ex = find(s, "for exceeding ");
  if (ex != NULL) {
    const char *lim = slg_find(ex, end, "memory limits");
    if (lim != NULL) {
      const char *used = slg_find(lim, end, " memory used");
      const char *e = used ? used + 12 : lim + 13;
      return set(out, SLG_EXEC_OOM_KILL, P, "yarn-mem-kill", ex + 4, e);
    }
  }
  /* Preemption: "Container c on host: h was preempted.", "Executor for
   * container c exited because of a YARN event (e.g., preemption) ...",
   * the RM's "Container preempted by scheduler". */
  if (lit_class(out, s, "was preempted", SLG_EXEC_PREEMPTED, P, PRE) ||
      lit_class(out, s, "Container preempted by scheduler",
                SLG_EXEC_PREEMPTED, P, PRE) ||
      lit_class(out, s, "because of a YARN event", SLG_EXEC_PREEMPTED, P,
                PRE))
    return 1;
  if (lit_class(out, s, "Container released on a *lost* node",
                SLG_EXEC_NODE_LOST, P, "node-lost"))
    return 1;
  /* Benign YARN endings: "Container c exited from explicit termination
   * request." (a kill the driver asked for) and 3.4+'s "Executor for
   * container c exited after Application shutdown.". */
  if (lit_class(out, s, "exited from explicit termination request",
                SLG_EXEC_KILLED_BY_DRIVER, P, "killed-by-driver") ||
      lit_class(out, s, "exited after Application shutdown",
                SLG_EXEC_SHUTDOWN, P, "shutdown"))
    return 1;
  /* "Container marked as failed|from a bad node: c on host: h. Exit
   * status: 137. Diagnostics: ..." (4.0 adds "Possible causes:"). */
  if (BY_CODE(out, s, "Exit status: ", P, 0, "yarn-exit-status"))
    return out->cls != SLG_EXEC_NONE;
  /* Kubernetes "The executor with id 3 exited with exit code
   * 137(SIGKILL, possible container OOM)." (3.2+; "137." before) and EMR
   * Serverless "Executor(s) 2 exited unexpectedly with exit code 137.". */
  if (find(s, "exited") != NULL &&
      BY_CODE(out, s, "exit code ", P, 1,
              find(s, "exited unexpectedly") ? "emr-serverless-exit"
                                             : "k8s-exit"))
    return out->cls != SLG_EXEC_NONE;
  /* Kubernetes container statuses: "termination reason: OOMKilled"; the
   * pod's "The API gave the following brief reason: Evicted". */
  if (lit_class(out, s, "termination reason: OOMKilled", SLG_EXEC_OOM_KILL,
                P, "k8s-exit") ||
      lit_class(out, s, "brief reason: Evicted", SLG_EXEC_NODE_LOST, P,
                "k8s-exit"))
    return 1;
  /* Standalone: "Command exited with code 137", "worker lost: h got
   * disassociated" (section 2.6). */
  if (BY_CODE(out, s, "Command exited with code ", P, 0, STA))
    return out->cls != SLG_EXEC_NONE;
  out->code = INT64_MIN;
  if (tail_class(out, s, "worker lost", SLG_EXEC_NODE_LOST, P, 80, STA))
    return 1;
  /* "Executor updated: app-.../3 is now KILLED" with no message: the
   * worker killed it at the driver's request or at the application's
   * end; "is now LOST" without "worker lost". */
  if (s.len >= 13 && slg_mem_eq(end - 13, "is now KILLED", 13))
    return set(out, SLG_EXEC_KILLED_BY_DRIVER, P, STA, end - 13, end);
  if (s.len >= 11 && slg_mem_eq(end - 11, "is now LOST", 11))
    return set(out, SLG_EXEC_NODE_LOST, P, STA, end - 11, end);
  /* Decommissioning (section 2.9): the driver's own scale-down is benign;
   * any other ("Executor decommission.", "is decommissioned after 1.2 m.",
   * "Finished decommissioning", "Received executor 3 decommissioned
   * message") is a decommission. */
  if (lit_class(out, s, "spark scale down", SLG_EXEC_SCALE_DOWN, P, DEC))
    return 1;
  if (lit_class(out, s, "Executor decommission", SLG_EXEC_DECOMMISSION, P,
                DEC) ||
      lit_class(out, s, "is decommissioned", SLG_EXEC_DECOMMISSION, P,
                DEC) ||
      lit_class(out, s, "Finished decommissioning", SLG_EXEC_DECOMMISSION,
                P, DEC) ||
      lit_class(out, s, "decommissioned message", SLG_EXEC_DECOMMISSION, P,
                DEC))
    return 1;
  /* explainExitCode (section 2.2): "Unknown executor exit code (137)
   * (died from signal 9?)" and the texts of the codes it knows. */
  const char *u = find(s, "exit code (");
  if (u != NULL) {
    const char *p = u + 11;
    if (read_code(&p, end, &out->code) && p < end && *p == ')')
      return set(out, slg_exec_class_of_code(out->code),
                 SLG_EXEC_RANK_EXIT_TEXT, "exit-code-text", u, p + 1);
    out->code = INT64_MIN;
  }
  for (size_t i = 0; i < sizeof exit_texts / sizeof exit_texts[0]; i++) {
    size_t n = strlen(exit_texts[i].text);
    if (s.len == n && slg_mem_eq(s.ptr, exit_texts[i].text, n)) {
      out->code = exit_texts[i].code;
      return set(out, slg_exec_class_of_code(out->code),
                 SLG_EXEC_RANK_EXIT_TEXT, "exit-code-text", s.ptr, end);
    }
  }
  /* Benign removals (section 2.10): idle timeouts (<= 2.4 "Removing
   * executor 3 because it has been idle for 60 seconds", 3.x "Executors
   * 1,2 removed due to idle timeout.", 4.0 "...2removed due to ..."),
   * kills ("Executor 3 on h killed by driver.", "Executor killed by
   * driver."), the application's stop ("Shutting down all executors", an
   * executor's "Driver commanded a shutdown"). */
  if (lit_class(out, s, "has been idle for", SLG_EXEC_IDLE, P,
                "idle-removal") ||
      lit_class(out, s, "idle timeout", SLG_EXEC_IDLE, P, "idle-removal") ||
      lit_class(out, s, "killed by driver", SLG_EXEC_KILLED_BY_DRIVER, P,
                "killed-by-driver") ||
      lit_class(out, s, "Shutting down all executors", SLG_EXEC_SHUTDOWN,
                P, "shutdown") ||
      lit_class(out, s, "Driver commanded a shutdown", SLG_EXEC_SHUTDOWN, P,
                "shutdown"))
    return 1;
  /* Generic reasons, weakest last (section 8, rule of thumb 1). */
  if (lit_class(out, s, "Remote RPC client disassociated", SLG_EXEC_UNKNOWN,
                SLG_EXEC_RANK_RPC, "rpc-disassociated"))
    return 1;
  if (tail_class(out, s, "heartbeat timed out", SLG_EXEC_HEARTBEAT,
                 SLG_EXEC_RANK_HEARTBEAT, 60, "heartbeat") ||
      tail_class(out, s, "no recent heartbeats", SLG_EXEC_HEARTBEAT,
                 SLG_EXEC_RANK_HEARTBEAT, 60, "heartbeat")) {
    if (out->evidence.ptr > s.ptr && find(s, "Executor heartbeat") != NULL)
      out->evidence = slg_span_between(find(s, "Executor heartbeat"),
                                       out->evidence.ptr +
                                           out->evidence.len);
    return 1;
  }
  if (lit_class(out, s, "was not found in the cluster", SLG_EXEC_UNKNOWN,
                SLG_EXEC_RANK_GENERIC, NULL) ||
      lit_class(out, s, "Slave lost", SLG_EXEC_UNKNOWN,
                SLG_EXEC_RANK_GENERIC, NULL) ||
      lit_class(out, s, "Executor Process Lost", SLG_EXEC_UNKNOWN,
                SLG_EXEC_RANK_GENERIC, NULL) ||
      lit_class(out, s, "agent lost", SLG_EXEC_UNKNOWN,
                SLG_EXEC_RANK_GENERIC, NULL) ||
      lit_class(out, s, "slave lost", SLG_EXEC_UNKNOWN,
                SLG_EXEC_RANK_GENERIC, NULL))
    return 1;
  /* Kubernetes' pod deleted: a consequence when the driver removed the
   * executor first (section 2.5). */
  if (lit_class(out, s, "was deleted by a user or the framework",
                SLG_EXEC_UNKNOWN, SLG_EXEC_RANK_CONSEQUENCE, "k8s-deleted"))
    return 1;
  out->rank = SLG_EXEC_RANK_GENERIC;
  return 0;
}

const char *slg_exec_class_name(slg_exec_class c)
{
  static const char *const names[SLG_EXEC_CLASS_COUNT] = {
      "",          "oom-kill",         "sigterm",  "heartbeat",
      "node-lost", "preempted",        "decommission", "exit-code",
      "unknown",   "idle",             "killed_by_driver", "shutdown",
      "decommission"};
  return (unsigned)c < SLG_EXEC_CLASS_COUNT ? names[c] : "";
}
