/*
 * test_executor_loss.c - every executor-loss wording of
 * docs/spark-failure-messages.md sections 2.1-2.11 and 3.6 and the
 * executor rows of its section 8 (yarn-mem-kill, yarn-exit-status,
 * yarn-preempt, node-lost, k8s-exit, k8s-deleted, exit-code-text,
 * standalone-exit, emr-serverless-exit, heartbeat, rpc-disassociated,
 * decommission, killed-by-driver, idle-removal, exec-removed-stats)
 * through slg_exec_loss_classify: the class, the rank and the evidence.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "executor_loss.h"

#define P SLG_EXEC_RANK_PLATFORM
#define T SLG_EXEC_RANK_EXIT_TEXT
#define ANY -1

typedef struct {
  const char *where; /* doc section or section 8 row */
  const char *text;
  slg_exec_class cls;
  int rank;             /* ANY: not checked */
  const char *evidence; /* NULL: not checked */
  int64_t code;         /* INT64_MIN: none expected */
} loss_case;

#define NOCODE INT64_MIN

static const loss_case cases[] = {
    /* 2.4 / yarn-mem-kill: 1.6, 2.4 (two spaces), 3.0+ physical and
     * virtual, empty diag. */
    {"2.4 1.6", "Container killed by YARN for exceeding memory limits. 5.5 "
                "GB of 5.5 GB physical memory used. Consider boosting "
                "spark.yarn.executor.memoryOverhead.",
     SLG_EXEC_OOM_KILL, P,
     "exceeding memory limits. 5.5 GB of 5.5 GB physical memory used",
     NOCODE},
    {"2.4 2.4", "Container killed by YARN for exceeding memory limits.  6.7 "
                "GB of 6.6 GB virtual memory used. Consider boosting "
                "spark.yarn.executor.memoryOverhead or disabling "
                "yarn.nodemanager.vmem-check-enabled because of YARN-4714.",
     SLG_EXEC_OOM_KILL, P, NULL, NOCODE},
    {"2.4 3.0 pmem", "Container killed by YARN for exceeding physical "
                     "memory limits. 5.5 GB of 5.5 GB physical memory used. "
                     "Consider boosting spark.executor.memoryOverhead.",
     SLG_EXEC_OOM_KILL, P,
     "exceeding physical memory limits. 5.5 GB of 5.5 GB physical memory "
     "used",
     NOCODE},
    {"2.4 3.0 vmem", "Container killed by YARN for exceeding virtual memory "
                     "limits. 9.1 GB of 8.4 GB virtual memory used. Consider "
                     "boosting spark.executor.memoryOverhead or boosting "
                     "yarn.nodemanager.vmem-pmem-ratio or disabling "
                     "yarn.nodemanager.vmem-check-enabled because of "
                     "YARN-4714.",
     SLG_EXEC_OOM_KILL, P, NULL, NOCODE},
    {"2.4 empty diag", "Container killed by YARN for exceeding physical "
                       "memory limits.  Consider boosting "
                       "spark.executor.memoryOverhead.",
     SLG_EXEC_OOM_KILL, P, "exceeding physical memory limits", NOCODE},
    /* 2.4 / yarn-exit-status. */
    {"2.4 bad node 137",
     "Container from a bad node: container_1_0001_01_000002 on host: n1. "
     "Exit status: 137. Diagnostics: [2024-03-01 10:00:11.400]Container "
     "killed on request. Exit code is 137",
     SLG_EXEC_OOM_KILL, P, "Exit status: 137", 137},
    {"2.4 bad node 143",
     "Container from a bad node: container_1607965252297_0001_01_000034 on "
     "host: ip-1.ec2.internal. Exit status: 143. Diagnostics: [2020-12-15 "
     "15:17:18.802]Container killed on request. Exit code is 143",
     SLG_EXEC_SIGTERM, P, "Exit status: 143", 143},
    {"2.4 1.6 marked failed 143",
     "Container marked as failed: container_1460459369308_2154_01_000906 on "
     "host: cnsz033139.app.paic.com.cn. Exit status: 143. Diagnostics: "
     "Container killed on request. Exit code is 143",
     SLG_EXEC_SIGTERM, P, "Exit status: 143", 143},
    {"2.4 52", "Container from a bad node: c on host: h. Exit status: 52. "
               "Diagnostics: Container exited with a non-zero exit code 52.",
     SLG_EXEC_EXIT_CODE, P, "Exit status: 52", 52},
    {"2.4 4.0 possible causes",
     "Container from a bad node: c on host: h. Exit status: 50. Possible "
     "causes: Uncaught exception Diagnostics: x.",
     SLG_EXEC_EXIT_CODE, P, "Exit status: 50", 50},
    {"2.4 -104 marked", "Container marked as failed: c on host: h. Exit "
                        "status: -104. Diagnostics: x.",
     SLG_EXEC_OOM_KILL, P, "Exit status: -104", -104},
    {"2.4 -103", "Container marked as failed: c. Exit status: -103. "
                 "Diagnostics: x.",
     SLG_EXEC_OOM_KILL, P, NULL, -103},
    {"2.4 -101", "Container marked as failed: c on host: h. Exit status: "
                 "-101. Diagnostics: disks failed.",
     SLG_EXEC_NODE_LOST, P, NULL, -101},
    {"2.4 -106", "Container marked as failed: c on host: h. Exit status: "
                 "-106. Diagnostics: x.",
     SLG_EXEC_EXIT_CODE, P, NULL, -106},
    {"2.4 -107", "Container marked as failed: c on host: h. Exit status: "
                 "-107. Diagnostics: Container of a completed application.",
     SLG_EXEC_SHUTDOWN, P, NULL, -107},
    {"3.6 AWS KC", "ExecutorLostFailure (executor 4 exited caused by one of "
                   "the running tasks) Reason: Container marked as failed: "
                   "container_1516900607498_6585_01_000008 on host: "
                   "ip-xxx-xxx-xx-xxx.compute.internal. Exit status: 137. "
                   "Diagnostics: Container killed on request. Exit code is "
                   "137",
     SLG_EXEC_OOM_KILL, P, "Exit status: 137", 137},
    /* node-lost. */
    {"2.4 lost node", "Container marked as failed: "
                      "container_e46_1545125871120_21448_01_000282 on host: "
                      "10.160.140.153. Exit status: -100. Diagnostics: "
                      "Container released on a *lost* node",
     SLG_EXEC_NODE_LOST, P, "Container released on a *lost* node", NOCODE},
    /* yarn-preempt. */
    {"2.4 preempted", "Container container_1_01_000004 on host: h was "
                      "preempted.",
     SLG_EXEC_PREEMPTED, P, "was preempted", NOCODE},
    {"2.4 yarn event 3.0", "Executor for container c exited because of a "
                           "YARN event (e.g., pre-emption) and not because "
                           "of an error in the running job.",
     SLG_EXEC_PREEMPTED, P, NULL, NOCODE},
    {"2.4 yarn event 3.1", "Executor for container c exited because of a "
                           "YARN event (e.g., preemption) and not because of "
                           "an error in the running job.",
     SLG_EXEC_PREEMPTED, P, NULL, NOCODE},
    {"2.4 RM preempted", "Container preempted by scheduler",
     SLG_EXEC_PREEMPTED, P, NULL, NOCODE},
    {"2.4 -102", "Container marked as failed: c. Exit status: -102. "
                 "Diagnostics: x.",
     SLG_EXEC_PREEMPTED, P, NULL, -102},
    /* 2.4 benign. */
    {"2.4 explicit termination", "Container container_1_01_000003 exited "
                                 "from explicit termination request.",
     SLG_EXEC_KILLED_BY_DRIVER, P, NULL, NOCODE},
    {"2.4 app shutdown", "Executor for container c exited after Application "
                         "shutdown.",
     SLG_EXEC_SHUTDOWN, P, NULL, NOCODE},
    /* 2.5 / k8s-exit. */
    {"2.5 3.2+ 137", "The executor with id 13 exited with exit code "
                     "137(SIGKILL, possible container OOM).",
     SLG_EXEC_OOM_KILL, P, "exit code 137(SIGKILL, possible container OOM)",
     137},
    {"2.5 2.4 137", "The executor with id 13 exited with exit code 137.",
     SLG_EXEC_OOM_KILL, P, "exit code 137", 137},
    {"2.5 143 unexpected", "The executor with id 4 exited with exit code "
                           "143(unexpected).",
     SLG_EXEC_SIGTERM, P, "exit code 143(unexpected)", 143},
    {"2.5 52 JVM OOM", "The executor with id 4 exited with exit code 52(JVM "
                       "OOM).",
     SLG_EXEC_EXIT_CODE, P, NULL, 52},
    {"2.5 -1", "The executor with id 63 exited with exit code -1.",
     SLG_EXEC_EXIT_CODE, P, NULL, -1},
    {"2.5 OOMKilled", "\t termination reason: OOMKilled", SLG_EXEC_OOM_KILL,
     P, "termination reason: OOMKilled", NOCODE},
    {"2.5 Evicted", "The API gave the following brief reason: Evicted",
     SLG_EXEC_NODE_LOST, P, NULL, NOCODE},
    {"2.5 missing pod", "The executor with ID 5 was not found in the cluster "
                        "but we didn't get a reason why. Marking the "
                        "executor as failed.",
     SLG_EXEC_UNKNOWN, SLG_EXEC_RANK_GENERIC, NULL, NOCODE},
    /* k8s-deleted. */
    {"2.5 deleted", "The executor with id 99 was deleted by a user or the "
                    "framework.",
     SLG_EXEC_UNKNOWN, SLG_EXEC_RANK_CONSEQUENCE, NULL, NOCODE},
    /* 2.6 / standalone-exit. */
    {"2.6 exited 137", "is now EXITED (Command exited with code 137)",
     SLG_EXEC_OOM_KILL, P, "Command exited with code 137", 137},
    {"2.6 removed 137", "Command exited with code 137", SLG_EXEC_OOM_KILL, P,
     "Command exited with code 137", 137},
    {"2.6 exited 1", "Command exited with code 1", SLG_EXEC_EXIT_CODE, P,
     NULL, 1},
    {"2.6 worker lost 3.x", "worker lost: 172.18.0.15:35515 got "
                            "disassociated",
     SLG_EXEC_NODE_LOST, P, "worker lost: 172.18.0.15:35515 got disassociated",
     NOCODE},
    {"2.6 worker lost 2.4", "is now LOST (worker lost)", SLG_EXEC_NODE_LOST,
     P, NULL, NOCODE},
    {"2.6 killed", "is now KILLED", SLG_EXEC_KILLED_BY_DRIVER, P, NULL,
     NOCODE},
    {"2.6 running", "is now RUNNING", SLG_EXEC_NONE, ANY, NULL, NOCODE},
    /* 2.2 / exit-code-text. */
    {"2.2 unknown 137", "Unknown executor exit code (137) (died from signal "
                        "9?)",
     SLG_EXEC_OOM_KILL, T, "exit code (137)", 137},
    {"2.2 unknown 143", "Unknown executor exit code (143) (died from signal "
                        "15?)",
     SLG_EXEC_SIGTERM, T, "exit code (143)", 143},
    {"2.2 unknown 1", "Unknown executor exit code (1)", SLG_EXEC_EXIT_CODE, T,
     NULL, 1},
    {"2.2 52", "OutOfMemoryError", SLG_EXEC_EXIT_CODE, T, "OutOfMemoryError",
     52},
    {"2.2 50", "Uncaught exception", SLG_EXEC_EXIT_CODE, T, NULL, 50},
    {"2.2 51", "Uncaught exception, and logging the exception failed",
     SLG_EXEC_EXIT_CODE, T, NULL, 51},
    {"2.2 53", "Failed to create local directory (bad spark.local.dir?)",
     SLG_EXEC_EXIT_CODE, T, NULL, 53},
    {"2.2 54", "ExternalBlockStore failed to initialize.", SLG_EXEC_EXIT_CODE,
     T, NULL, 54},
    {"2.2 56", "Unable to send heartbeats to driver.", SLG_EXEC_HEARTBEAT, T,
     NULL, 56},
    {"2.2 57", "Executor killed by TaskReaper.", SLG_EXEC_EXIT_CODE, T, NULL,
     57},
    {"2.2 58", "Executor killed due to a failure of block manager "
               "re-registration.",
     SLG_EXEC_EXIT_CODE, T, NULL, 58},
    /* 3.6 / emr-serverless-exit. */
    {"3.6 EMR Serverless", "Executor(s) 2 exited unexpectedly with exit code "
                           "137.",
     SLG_EXEC_OOM_KILL, P, "exit code 137", 137},
    {"7.3 EMR Serverless list", "Executor(s) 30,31 exited unexpectedly with "
                                "exit code 1.",
     SLG_EXEC_EXIT_CODE, P, "exit code 1", 1},
    /* 2.7 / heartbeat. */
    {"2.7 receiver", "Removing executor 99 with no recent heartbeats: 140979 "
                     "ms exceeds timeout 120000 ms",
     SLG_EXEC_HEARTBEAT, SLG_EXEC_RANK_HEARTBEAT,
     "no recent heartbeats: 140979 ms exceeds timeout 120000 ms", NOCODE},
    {"2.7 reason", "Executor heartbeat timed out after 120009 ms",
     SLG_EXEC_HEARTBEAT, SLG_EXEC_RANK_HEARTBEAT,
     "Executor heartbeat timed out after 120009 ms", NOCODE},
    /* 2.8 / rpc-disassociated. */
    {"2.8 rpc", "Remote RPC client disassociated. Likely due to containers "
                "exceeding thresholds, or network issues. Check driver logs "
                "for WARN messages.",
     SLG_EXEC_UNKNOWN, SLG_EXEC_RANK_RPC, "Remote RPC client disassociated",
     NOCODE},
    /* 2.3 generic. */
    {"2.3 slave lost", "Slave lost", SLG_EXEC_UNKNOWN, SLG_EXEC_RANK_GENERIC,
     NULL, NOCODE},
    {"2.3 process lost", "Executor Process Lost", SLG_EXEC_UNKNOWN,
     SLG_EXEC_RANK_GENERIC, NULL, NOCODE},
    {"2.4 agent lost", "Attempted to get executor loss reason for executor "
                       "id 3 at RPC address h:1, but got no response. "
                       "Marking as agent lost.",
     SLG_EXEC_UNKNOWN, SLG_EXEC_RANK_GENERIC, NULL, NOCODE},
    {"2.3 pending", "Pending loss reason.", SLG_EXEC_NONE, ANY, NULL, NOCODE},
    /* 2.1 / 2.9 / decommission. */
    {"2.3 3.1 decommission", "Executor decommission.", SLG_EXEC_DECOMMISSION,
     P, NULL, NOCODE},
    {"2.3 3.4 scale down", "Executor decommission: spark scale down",
     SLG_EXEC_SCALE_DOWN, P, NULL, NOCODE},
    {"2.3 3.4 other", "Executor decommission: node going away",
     SLG_EXEC_DECOMMISSION, P, NULL, NOCODE},
    {"2.1 3.4", "Executor 3 on h is decommissioned.", SLG_EXEC_DECOMMISSION,
     P, NULL, NOCODE},
    {"2.1 3.5", "Executor 3 on h is decommissioned after 1.2 m.",
     SLG_EXEC_DECOMMISSION, P, NULL, NOCODE},
    {"2.3 finished", "Finished decommissioning", SLG_EXEC_DECOMMISSION, P,
     NULL, NOCODE},
    {"2.9 received", "Received executor 3 decommissioned message",
     SLG_EXEC_DECOMMISSION, P, NULL, NOCODE},
    /* 2.10 / killed-by-driver, idle-removal. */
    {"2.1 killed by driver", "Executor 3 on node-02 killed by driver.",
     SLG_EXEC_KILLED_BY_DRIVER, P, NULL, NOCODE},
    {"2.3 ExecutorKilled", "Executor killed by driver.",
     SLG_EXEC_KILLED_BY_DRIVER, P, NULL, NOCODE},
    {"2.10 idle <=2.4", "Removing executor 3 because it has been idle for 60 "
                        "seconds (new desired total will be 1)",
     SLG_EXEC_IDLE, P, NULL, NOCODE},
    {"2.10 idle event", "idle timeout", SLG_EXEC_IDLE, P, NULL, NOCODE},
    {"2.10 idle reason", "it has been idle for 60 seconds (new "
                         "desired total will be 1)",
     SLG_EXEC_IDLE, P, NULL, NOCODE},
    {"2.10 idle 3.0", "Executors 1,2 removed due to idle timeout.(new "
                      "desired total will be 2)",
     SLG_EXEC_IDLE, P, NULL, NOCODE},
    {"2.10 idle 3.1", "Executors 1,2 removed due to idle timeout.",
     SLG_EXEC_IDLE, P, NULL, NOCODE},
    {"2.10 idle 4.0", "Executors 1,2removed due to idle timeout.",
     SLG_EXEC_IDLE, P, NULL, NOCODE},
    {"2.11 shutdown", "Shutting down all executors", SLG_EXEC_SHUTDOWN, P,
     NULL, NOCODE},
    {"2.8 executor side", "Driver commanded a shutdown", SLG_EXEC_SHUTDOWN,
     P, NULL, NOCODE},
    /* exec-removed-stats and da-target lines carry no reason. */
    {"exec-removed-stats", "Executor 2 is removed. Remove reason statistics: "
                           "(gracefully decommissioned: 0, decommision "
                           "unfinished: 0, driver killed: 0, unexpectedly "
                           "exited: 1).",
     SLG_EXEC_NONE, ANY, NULL, NOCODE},
    {"da-target", "Requesting to kill executor(s) 2, 3", SLG_EXEC_NONE, ANY,
     NULL, NOCODE},
    {"empty", "", SLG_EXEC_NONE, ANY, NULL, NOCODE},
    {"other", "something else entirely", SLG_EXEC_NONE, ANY, NULL, NOCODE},
};

static void test_executor_loss__every_wording(void **state)
{
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const loss_case *c = &cases[i];
    slg_exec_loss l;
    slg_span s = slg_span_make(c->text, strlen(c->text));
    int r = slg_exec_loss_classify(&l, s);
    if (l.cls != c->cls || r != (c->cls != SLG_EXEC_NONE))
      fail_msg("%s: class %s, want %s", c->where, slg_exec_class_name(l.cls),
               slg_exec_class_name(c->cls));
    if (c->rank != ANY && l.rank != c->rank)
      fail_msg("%s: rank %d, want %d", c->where, l.rank, c->rank);
    if (l.code != c->code)
      fail_msg("%s: code %lld, want %lld", c->where, (long long)l.code,
               (long long)c->code);
    if (c->evidence != NULL &&
        (l.evidence.len != strlen(c->evidence) ||
         memcmp(l.evidence.ptr, c->evidence, l.evidence.len) != 0))
      fail_msg("%s: evidence '%.*s', want '%s'", c->where,
               (int)l.evidence.len, l.evidence.ptr ? l.evidence.ptr : "",
               c->evidence);
    if (l.cls != SLG_EXEC_NONE &&
        (l.evidence.ptr < s.ptr || l.evidence.len == 0 ||
         l.evidence.ptr + l.evidence.len > s.ptr + s.len))
      fail_msg("%s: evidence outside the text", c->where);
  }
}

/* The section 8 row of the wording that decided: a root cause that is an
 * executor's death takes its class from it. */
static void test_executor_loss__cause_names_the_row(void **state)
{
  (void)state;
  static const struct {
    const char *text;
    const char *cause; /* NULL: no row */
  } rows[] = {
      {"Container killed by YARN for exceeding physical memory limits. 6.7 "
       "GB of 6.6 GB physical memory used.",
       "yarn-mem-kill"},
      {"Container from a bad node: c_2 on host: n1. Exit status: 137. "
       "Diagnostics: Container killed on request. Exit code is 137",
       "yarn-exit-status"},
      {"Container c_4 on host: sw-4 was preempted.", "yarn-preempt"},
      {"Container marked as failed: c_3 on host: n2. Exit status: -100. "
       "Diagnostics: Container released on a *lost* node.",
       "node-lost"},
      {"The executor with id 2 exited with exit code 137(SIGKILL, possible "
       "container OOM).",
       "k8s-exit"},
      {"termination reason: OOMKilled", "k8s-exit"},
      {"Executor(s) 1 exited unexpectedly with exit code 137.",
       "emr-serverless-exit"},
      {"Command exited with code 137", "standalone-exit"},
      {"worker lost: 10.0.0.5 got disassociated", "standalone-exit"},
      {"Unknown executor exit code (137) (died from signal 9?)",
       "exit-code-text"},
      {"Executor heartbeat timed out after 163412 ms", "heartbeat"},
      {"Remote RPC client disassociated. Likely due to containers exceeding "
       "thresholds, or network issues.",
       "rpc-disassociated"},
      {"Executor decommission.", "decommission"},
      {"The executor with id 2 was deleted by a user or the framework.",
       "k8s-deleted"},
      {"Removing executor 3 because it has been idle for 60 seconds",
       "idle-removal"},
      {"Executor 3 on h killed by driver.", "killed-by-driver"},
      {"Slave lost", NULL},
      {"something else entirely", NULL},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    slg_exec_loss l;
    slg_exec_loss_classify(&l,
                           slg_span_make(rows[i].text, strlen(rows[i].text)));
    const char *got = l.cause ? l.cause : "(none)";
    const char *want = rows[i].cause ? rows[i].cause : "(none)";
    if (strcmp(got, want) != 0)
      fail_msg("%s: cause %s, want %s", rows[i].text, got, want);
  }
}

/* A more specific wording ranks higher (section 8, rule of thumb 1). */
static void test_executor_loss__ranking(void **state)
{
  (void)state;
  assert_true(SLG_EXEC_RANK_PLATFORM > SLG_EXEC_RANK_EXIT_TEXT);
  assert_true(SLG_EXEC_RANK_EXIT_TEXT > SLG_EXEC_RANK_RPC);
  assert_true(SLG_EXEC_RANK_RPC > SLG_EXEC_RANK_HEARTBEAT);
  assert_true(SLG_EXEC_RANK_HEARTBEAT > SLG_EXEC_RANK_GENERIC);
  assert_true(SLG_EXEC_RANK_GENERIC > SLG_EXEC_RANK_CONSEQUENCE);
}

static void test_executor_loss__codes_and_names(void **state)
{
  (void)state;
  assert_int_equal(slg_exec_class_of_code(137), SLG_EXEC_OOM_KILL);
  assert_int_equal(slg_exec_class_of_code(143), SLG_EXEC_SIGTERM);
  assert_int_equal(slg_exec_class_of_code(-104), SLG_EXEC_OOM_KILL);
  assert_int_equal(slg_exec_class_of_code(-100), SLG_EXEC_NODE_LOST);
  assert_int_equal(slg_exec_class_of_code(52), SLG_EXEC_EXIT_CODE);
  assert_int_equal(slg_exec_class_of_code(0), SLG_EXEC_NONE);
  assert_string_equal(slg_exec_class_name(SLG_EXEC_OOM_KILL), "oom-kill");
  assert_string_equal(slg_exec_class_name(SLG_EXEC_EXIT_CODE), "exit-code");
  assert_string_equal(slg_exec_class_name(SLG_EXEC_KILLED_BY_DRIVER),
                      "killed_by_driver");
  for (int c = SLG_EXEC_FIRST_DEATH; c <= SLG_EXEC_LAST_DEATH; c++) {
    assert_true(slg_exec_class_is_death((slg_exec_class)c));
    assert_false(slg_exec_class_is_benign((slg_exec_class)c));
  }
  assert_true(slg_exec_class_is_benign(SLG_EXEC_IDLE));
  assert_false(slg_exec_class_is_death(SLG_EXEC_NONE));
  assert_false(slg_exec_class_is_benign(SLG_EXEC_NONE));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_executor_loss__every_wording),
      cmocka_unit_test(test_executor_loss__cause_names_the_row),
      cmocka_unit_test(test_executor_loss__ranking),
      cmocka_unit_test(test_executor_loss__codes_and_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
