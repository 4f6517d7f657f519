/*
 * executor_loss.h - why an executor went away, from the text of its loss
 * reason: a death of some class (a memory kill, a heartbeat timeout, a
 * lost node, ...) or a benign removal (idle timeout, a kill the driver
 * asked for, the application's shutdown). A pure function of the text:
 * the wordings are those of docs/spark-failure-messages.md sections 2 and
 * 3.6 and the executor rows of its classification table (section 8).
 */
#ifndef SLG_EXECUTOR_LOSS_H
#define SLG_EXECUTOR_LOSS_H

#include "common.h"

/* Classes; the deaths first. Names: slg_exec_class_name. */
typedef enum slg_exec_class {
  SLG_EXEC_NONE = 0,       /* the text says nothing about why */
  SLG_EXEC_OOM_KILL,       /* 137, YARN -103/-104 memory limits, OOMKilled */
  SLG_EXEC_SIGTERM,        /* 143 */
  SLG_EXEC_HEARTBEAT,      /* no heartbeats; exit 56 */
  SLG_EXEC_NODE_LOST,      /* lost node, worker lost, eviction */
  SLG_EXEC_PREEMPTED,      /* YARN preemption */
  SLG_EXEC_DECOMMISSION,   /* decommissioned, not by the driver's scale-down */
  SLG_EXEC_EXIT_CODE,      /* another exit code (52 JVM OOM, 50, ...) */
  SLG_EXEC_UNKNOWN,        /* lost, no usable reason */
  /* Benign removals. */
  SLG_EXEC_IDLE,           /* dynamic allocation's idle timeout */
  SLG_EXEC_KILLED_BY_DRIVER, /* a kill the driver requested */
  SLG_EXEC_SHUTDOWN,       /* stopped with the application */
  SLG_EXEC_SCALE_DOWN,     /* decommissioned by the driver's scale-down */
  SLG_EXEC_CLASS_COUNT
} slg_exec_class;

/* The number of death classes (SLG_EXEC_OOM_KILL .. SLG_EXEC_UNKNOWN). */
#define SLG_EXEC_FIRST_DEATH SLG_EXEC_OOM_KILL
#define SLG_EXEC_LAST_DEATH SLG_EXEC_UNKNOWN

/* How specific a reason is (section 8, rule of thumb 1): a platform's own
 * text beats Spark's explanation of an exit code, which beats "Remote RPC
 * client disassociated", which beats a heartbeat timeout. A pod "deleted
 * by a user or the framework" is the weakest: after the driver removed
 * the executor it is a consequence, never a cause. */
enum {
  SLG_EXEC_RANK_CONSEQUENCE = 0,
  SLG_EXEC_RANK_GENERIC = 1,
  SLG_EXEC_RANK_HEARTBEAT = 2,
  SLG_EXEC_RANK_RPC = 3,
  SLG_EXEC_RANK_EXIT_TEXT = 4,
  SLG_EXEC_RANK_PLATFORM = 5
};

typedef struct slg_exec_loss {
  slg_exec_class cls;
  int rank;          /* SLG_EXEC_RANK_* */
  int64_t code;      /* the exit code or status when the text has one,
                        else INT64_MIN */
  slg_span evidence; /* the short part of the text that decided, inside
                        the text given */
  const char *cause; /* the class of the wording in the classification
                        table (section 8: "yarn-exit-status", "k8s-exit",
                        "emr-serverless-exit", "heartbeat", ...), a
                        static string; NULL when no row names it */
} slg_exec_loss;

/*
 * Classifies one loss reason: the text after "Lost executor N on h: ",
 * "Reason: ", "for reason ", an EMR Serverless "Executor(s) N exited
 * unexpectedly with exit code C.", a standalone "is now EXITED (Command
 * exited with code C)", a YARN allocator line, a Kubernetes continuation
 * line ("termination reason: OOMKilled"), or a whole benign line such as
 * "Removing executor 3 because it has been idle for 60 seconds". Fills
 * *out (cls SLG_EXEC_NONE when nothing matched) and returns 1 when a class
 * was found, else 0. The evidence borrows from `reason`.
 */
int slg_exec_loss_classify(slg_exec_loss *out, slg_span reason);

/* The class of an exit code alone (137 oom-kill, 143 sigterm, YARN's
 * negative statuses, 56 heartbeat, others exit-code). */
slg_exec_class slg_exec_class_of_code(int64_t code);

/* "oom-kill", "sigterm", "heartbeat", "node-lost", "preempted",
 * "decommission", "exit-code", "unknown"; the benign ones "idle",
 * "killed_by_driver", "shutdown", "decommission"; "" for NONE. */
const char *slg_exec_class_name(slg_exec_class c);

/* 1 for the death classes, 0 for NONE and the benign ones. */
static inline int slg_exec_class_is_death(slg_exec_class c)
{
  return c >= SLG_EXEC_FIRST_DEATH && c <= SLG_EXEC_LAST_DEATH;
}

static inline int slg_exec_class_is_benign(slg_exec_class c)
{
  return c > SLG_EXEC_LAST_DEATH && c < SLG_EXEC_CLASS_COUNT;
}

#endif /* SLG_EXECUTOR_LOSS_H */
