/*
 * failure.h - how an application ends and why it failed, as the driver
 * log says it: the readers of extract_failure.c.
 *
 * Two kinds of input. Records of the loggers that state an end or a
 * failure (SparkContext, ShutdownHookManager, ApplicationMaster,
 * SignalUtils, the streaming executions, the uncaught-exception handler)
 * and ERROR records of any logger go through slg_extract_failure, a pure
 * function of the message like every extractor. Lines that are not
 * records (stack traces, "Exception in thread", Python tracebacks) go
 * through slg_read_trace_line. Spans borrow from the input.
 */
#ifndef SLG_FAILURE_H
#define SLG_FAILURE_H

#include "extract.h"

/* SLG_EV_APP_STOP's flag. */
typedef enum slg_stop_kind {
  SLG_STOP_SC_STOPPED = 1, /* "Successfully stopped SparkContext" */
  SLG_STOP_HOOK_INVOKED,   /* "Invoking stop() from shutdown hook" */
  SLG_STOP_HOOK_CALLED,    /* "Shutdown hook called" */
  SLG_STOP_SIGNAL,         /* "RECEIVED SIGNAL TERM" */
  SLG_STOP_K8S_CLOSED      /* "Kubernetes client has been closed": the
                              context's stop on Kubernetes when nothing
                              follows it (mid-run it is a watch that
                              reconnects) */
} slg_stop_kind;

/* What states a failure (SLG_EV_FAILURE's n, and slg_failure.src). */
#define SLG_FAILURE_SRC_MAP(X)                                               \
  X(ERROR_RECORD, "error_record") /* an ERROR record of any logger */        \
  X(TASK, "task")                 /* "Lost task" with its reason */          \
  X(TASK_ABORT, "task_abort")     /* "failed K times; aborting job" */       \
  X(JOB, "job")                   /* "Job N failed" */                       \
  X(MAIN, "main")                 /* Exception in thread "main" */           \
  X(UNCAUGHT, "uncaught")         /* "Uncaught exception in thread T" */     \
  X(SC_INIT, "sc_init")           /* "Error initializing SparkContext." */   \
  X(USER_CLASS, "user_class")     /* "User class threw exception: X" */      \
  X(STREAMING, "streaming")       /* "Query .. terminated with error" */     \
  X(PYTHON, "python")             /* "Traceback (most recent call last):" */ \
  X(OPERATOR, "operator") /* Kubernetes operator: "driver container failed \
                             with ExitCode: 137, Reason: OOMKilled" */

typedef enum slg_failure_src {
#define SLG_FAILURE_SRC_ENUM(name, key) SLG_FAILURE_##name,
  SLG_FAILURE_SRC_MAP(SLG_FAILURE_SRC_ENUM)
#undef SLG_FAILURE_SRC_ENUM
  SLG_FAILURE_SRC_COUNT
} slg_failure_src;

/* "error_record", "task", ... */
const char *slg_failure_src_name(slg_failure_src s);

/*
 * The end and failure wordings of a record's message (the logger's other
 * extractor found nothing). SLG_EXTRACT_OK with SLG_EV_APP_STOP,
 * SLG_EV_FINAL_STATUS or SLG_EV_FAILURE; SLG_EXTRACT_NONE otherwise (an
 * ERROR record that says none of them is the caller's to keep).
 */
int slg_extract_failure(slg_span msg, slg_event *out);

/* What a line that is not a record says. */
typedef enum slg_trace_kind {
  SLG_TRACE_NONE = 0,
  SLG_TRACE_MAIN,      /* Exception in thread "main" X: m (text = X: m,
                          thread = main) */
  SLG_TRACE_TRACEBACK, /* Traceback (most recent call last): */
  SLG_TRACE_CAUSED_BY, /* Caused by: X: m (text = X: m) */
  SLG_TRACE_FRAME,     /* at a.b.C.m(C.java:1) (text = a.b.C.m(..)) */
  SLG_TRACE_EXCEPTION, /* an unindented exception head: a.b.XException: m,
                          ValueError: m, py4j.protocol.Py4JJavaError: .. */
  SLG_TRACE_PY_FRAME,  /* File "/app/job.py", line 3, in main (text =
                          /app/job.py, thread = ", line 3, in main") */
  SLG_TRACE_OPERATOR,  /* a Kubernetes operator's status: "driver
                          container failed with ExitCode: N, Reason: R"
                          (text from "driver") */
  SLG_TRACE_OTHER      /* anything else */
} slg_trace_kind;

typedef struct slg_trace_line {
  slg_trace_kind kind;
  slg_span text;
  slg_span thread;
  int indented;
} slg_trace_line;

/* Reads one non-record line (trailing blanks and CR dropped). */
void slg_read_trace_line(slg_span line, slg_trace_line *out);

/*
 * 1 when a line's text is only an exception's class after Py4J's ": "
 * (": java.lang.ClassNotFoundException: "): 3.2-3.3 start the message on
 * the next line ("Failed to find data source: mongodb. ..."), which is
 * the one that says something.
 */
int slg_trace_is_bare_head(slg_span text);

/*
 * 1 when a non-record line may open a failure by itself ("Exception in
 * thread", "Traceback (most recent call last):") or name one (an
 * exception head, "Caused by:"): the lines the scans hand to the model
 * whatever came before. A few byte compares; no allocation.
 */
int slg_trace_line_wanted(slg_span line);

/*
 * 1 when the frame text ("org.apache.spark.rdd.RDD.count(RDD.scala:1)")
 * belongs to a platform (Spark, Scala, the JDK, Hadoop, cloud SDKs,
 * Netty, Jackson, py4j, table formats, Kafka clients), not to user code.
 */
int slg_frame_is_platform(slg_span frame);

/* 1 when a Python frame's file is PySpark's, py4j's or a library's
 * (site-packages, the interpreter's lib). */
int slg_py_frame_is_platform(slg_span frame);

#endif /* SLG_FAILURE_H */
