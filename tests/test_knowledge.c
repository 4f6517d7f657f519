/*
 * test_knowledge.c - the component knowledge base (src/knowledge.c).
 *
 * Checks the table's shape (sorted, unique, every field filled in, roles
 * short and without a final period, subsystems from the documented set,
 * vendor classes marked inferred) and both lookups: the exact one used per
 * distinct logger by the histogram, and the forgiving one behind
 * `sparklog explain NAME`.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "test_optional.h"

#include "knowledge.h"

/* The histogram of a real AWS Glue driver log (shared/seed-notes.md): every
 * one of these must be known under exactly this name. */
static const char *const seed_names[] = {
    "TaskSetManager",
    "DAGScheduler",
    "BlockManagerInfo",
    "TaskSchedulerImpl",
    "MemoryStore",
    "SparkContext",
    "FileSourceStrategy",
    "FileFormatWriter",
    "AnalyzerLogHelper$",
    "GlueLogger",
    "SQLConfCommitterProvider",
    "FileSourceScanExec",
    "FileOutputCommitter",
    "EmrOptimizedParquetOutputCommitter",
    "ParquetOutputFormat",
    "ExecutorTaskManagement",
    "ParquetFileFormat",
    "JESSchedulerBackend",
    "InMemoryFileIndex",
    "HadoopFSUtils",
    "ShufflePartitionsUtil",
    "MapOutputTrackerMasterEndpoint",
    "ExecutorAllocationManager",
    "TaskGroupInterface",
    "BlockManagerMasterEndpoint",
    "SecurityManager",
    "Utils",
    "SparkEnv",
    "JESSchedulerBackend$JESAsSchedulerBackendEndpoint",
    "PlatformInfo",
    "ObservabilityTaskInfoRecorderListener",
    "GlueCloudwatchSink",
    "ExecutorMonitor",
    "ExecutorEventListener",
};

/* Frequent loggers of the corpus logs and of other platforms. */
static const char *const common_names[] = {
    "YarnScheduler",
    "YarnClusterScheduler",
    "YarnClientSchedulerBackend",
    "YarnSchedulerBackend$YarnDriverEndpoint",
    "YarnSchedulerBackend$YarnSchedulerEndpoint",
    "CoarseGrainedSchedulerBackend$DriverEndpoint",
    "KubernetesClusterSchedulerBackend$KubernetesDriverEndpoint",
    "ExecutorPodsAllocator",
    "StandaloneSchedulerBackend",
    "StandaloneAppClient$ClientEndpoint",
    "Client",
    "ApplicationMaster",
    "YarnAllocator",
    "BlockManager",
    "BlockManagerMaster",
    "DiskBlockManager",
    "MapOutputTrackerMaster",
    "MapOutputTrackerWorker",
    "ShuffleBlockFetcherIterator",
    "ExternalSorter",
    "UnsafeExternalSorter",
    "ContextCleaner",
    "CodeGenerator",
    "Executor",
    "CoarseGrainedExecutorBackend",
    "TorrentBroadcast",
    "SparkUI",
    "TransportClientFactory",
    "SparkHadoopMapRedUtil",
    "SQLHadoopMapReduceCommitProtocol",
    "CodecPool",
    "MicroBatchExecution",
    "CheckpointFileManager",
    "DBCEventLoggingListener",
    "LiveListenerBus",
    "AsyncEventQueue",
    "OutputCommitCoordinator$OutputCommitCoordinatorEndpoint",
    "HealthTracker",
    "ShutdownHookManager",
    "DataWritingSparkTask",
    "PythonRunner",
};

/* Classes of AWS Glue, Amazon EMR and Databricks whose source is not
 * public: must be marked inferred. */
static const char *const vendor_names[] = {
    "AnalyzerLogHelper$",
    "GlueLogger",
    "SQLConfCommitterProvider",
    "EmrOptimizedParquetOutputCommitter",
    "ExecutorTaskManagement",
    "JESSchedulerBackend",
    "JESSchedulerBackend$JESAsSchedulerBackendEndpoint",
    "TaskGroupInterface",
    "PlatformInfo",
    "ObservabilityTaskInfoRecorderListener",
    "GlueCloudwatchSink",
    "ExecutorEventListener",
    "DBCEventLoggingListener",
};

/* The documented subsystem set (knowledge.c header comment). */
static const char *const slugs[] = {
    "scheduler",       "storage",  "shuffle", "sql",       "io-commit",
    "cluster-manager", "executor", "core",    "streaming", "network",
    "platform",        "hadoop",   "python",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int is_slug(const char *s)
{
  size_t i;
  for (i = 0; i < COUNT(slugs); i++) {
    if (strcmp(s, slugs[i]) == 0)
      return 1;
  }
  return 0;
}

static const slg_component *find(const char *name)
{
  return slg_knowledge_find(name, strlen(name));
}

static void assert_complete(const slg_component *c)
{
  assert_non_null(c);
  assert_non_null(c->name);
  assert_non_null(c->package);
  assert_non_null(c->subsystem);
  assert_non_null(c->role);
  assert_non_null(c->explain);
  assert_true(c->package[0] != '\0');
  assert_true(c->subsystem[0] != '\0');
  assert_true(c->role[0] != '\0');
  assert_true(c->explain[0] != '\0');
}

static void test_knowledge__seed_list_present(void **state)
{
  size_t i;
  (void)state;
  for (i = 0; i < COUNT(seed_names); i++) {
    const slg_component *c = find(seed_names[i]);
    if (c == NULL)
      fail_msg("seed logger missing: %s", seed_names[i]);
    assert_complete(c);
    assert_string_equal(c->name, seed_names[i]);
  }
}

static void test_knowledge__common_loggers_present(void **state)
{
  size_t i;
  (void)state;
  for (i = 0; i < COUNT(common_names); i++) {
    const slg_component *c = find(common_names[i]);
    if (c == NULL)
      fail_msg("common logger missing: %s", common_names[i]);
    assert_complete(c);
  }
}

static void test_knowledge__count_at_least_60(void **state)
{
  (void)state;
  assert_true(slg_knowledge_count() >= 60);
  assert_non_null(slg_knowledge_at(0));
  assert_non_null(slg_knowledge_at(slg_knowledge_count() - 1));
  assert_null(slg_knowledge_at(slg_knowledge_count()));
}

static void test_knowledge__sorted_and_unique(void **state)
{
  size_t i, n = slg_knowledge_count();
  (void)state;
  for (i = 1; i < n; i++) {
    const char *a = slg_knowledge_at(i - 1)->name;
    const char *b = slg_knowledge_at(i)->name;
    if (strcmp(a, b) >= 0)
      fail_msg("table not sorted/unique at %s, %s", a, b);
  }
}

static void test_knowledge__every_entry_well_formed(void **state)
{
  size_t i, n = slg_knowledge_count();
  (void)state;
  for (i = 0; i < n; i++) {
    const slg_component *c = slg_knowledge_at(i);
    size_t rl;
    assert_complete(c);
    if (!is_slug(c->subsystem))
      fail_msg("%s: undocumented subsystem %s", c->name, c->subsystem);
    rl = strlen(c->role);
    if (rl > 70 || c->role[rl - 1] == '.')
      fail_msg("%s: role too long or ends in a period", c->name);
    if (strlen(c->explain) < 200)
      fail_msg("%s: explain text shorter than 200 characters", c->name);
    /* The renderer wraps; the text must not carry its own line breaks. */
    assert_null(strchr(c->explain, '\n'));
    assert_null(strchr(c->role, '\n'));
    assert_true(c->inferred == 0 || c->inferred == 1);
    /* Canonical short names: no package part, no spaces. */
    assert_null(strchr(c->name, '.'));
    assert_null(strchr(c->name, ' '));
    /* Every entry is found by the exact lookup, as itself. */
    assert_ptr_equal(find(c->name), c);
  }
}

static void test_knowledge__vendor_classes_inferred(void **state)
{
  size_t i, n = slg_knowledge_count();
  (void)state;
  for (i = 0; i < COUNT(vendor_names); i++) {
    const slg_component *c = find(vendor_names[i]);
    assert_non_null(c);
    if (c->inferred != 1)
      fail_msg("%s should be marked inferred", vendor_names[i]);
  }
  /* Whatever is marked inferred says so in its text, and Spark's own
   * classes are not marked. */
  for (i = 0; i < n; i++) {
    const slg_component *c = slg_knowledge_at(i);
    if (c->inferred) {
      assert_non_null(strstr(c->explain, "inferred"));
      assert_non_null(strstr(c->explain, "not public"));
    }
    if (strncmp(c->package, "org.apache.spark", 16) == 0)
      assert_int_equal(c->inferred, 0);
  }
  assert_int_equal(find("TaskSetManager")->inferred, 0);
  assert_int_equal(find("FileOutputCommitter")->inferred, 0);
}

static void test_knowledge__find_is_exact(void **state)
{
  const char *line = "TaskSetManager: Starting task 0.0";
  (void)state;
  /* Counted, not NUL-terminated: the histogram passes a borrowed slice. */
  assert_string_equal(slg_knowledge_find(line, 14)->name, "TaskSetManager");
  assert_null(slg_knowledge_find(line, 13));
  assert_null(slg_knowledge_find(line, 15));
  assert_null(find("tasksetmanager"));
  assert_null(find("org.apache.spark.scheduler.TaskSetManager"));
  assert_null(find(""));
  assert_null(slg_knowledge_find(NULL, 0));
  /* Inner classes keep their '$' and are distinct from the outer class. */
  {
    const char *inner = "JESSchedulerBackend$JESAsSchedulerBackendEndpoint";
    assert_string_equal(find(inner)->name, inner);
    assert_ptr_not_equal(find("JESSchedulerBackend"), find(inner));
  }
  assert_null(find("AnalyzerLogHelper"));
  /* First and last entries of the table (binary-search edges). */
  assert_ptr_equal(find(slg_knowledge_at(0)->name), slg_knowledge_at(0));
  assert_ptr_equal(find(slg_knowledge_at(slg_knowledge_count() - 1)->name),
                   slg_knowledge_at(slg_knowledge_count() - 1));
}

static void test_knowledge__lookup_variants(void **state)
{
  static const struct {
    const char *query;
    const char *expect; /* NULL: not found */
  } cases[] = {
      {"TaskSetManager", "TaskSetManager"},
      {"org.apache.spark.scheduler.TaskSetManager", "TaskSetManager"},
      {"o.a.s.scheduler.TaskSetManager", "TaskSetManager"},
      {"scheduler.TaskSetManager", "TaskSetManager"},
      {"{TaskSetManager}", "TaskSetManager"},
      {"TaskSetManager:", "TaskSetManager"},
      {"  TaskSetManager  ", "TaskSetManager"},
      {"tasksetmanager", "TaskSetManager"},
      {"TASKSETMANAGER", "TaskSetManager"},
      {"org.apache.spark.scheduler.tasksetmanager:", "TaskSetManager"},
      {"{cluster.YarnScheduler}", "YarnScheduler"},
      {"analyzerloghelper$", "AnalyzerLogHelper$"},
      {"scheduler.JESSchedulerBackend", "JESSchedulerBackend"},
      {"jesschedulerbackend$jesasschedulerbackendendpoint",
       "JESSchedulerBackend$JESAsSchedulerBackendEndpoint"},
      {"org.apache.spark.scheduler.cluster."
       "YarnSchedulerBackend$YarnDriverEndpoint",
       "YarnSchedulerBackend$YarnDriverEndpoint"},
      {"o.a.h.mapreduce.lib.output.FileOutputCommitter", "FileOutputCommitter"},
      {"utils", "Utils"},
      /* Scala objects without their '$', inner classes without outer. */
      {"AnalyzerLogHelper", "AnalyzerLogHelper$"},
      {"analyzerloghelper", "AnalyzerLogHelper$"},
      {"YarnDriverEndpoint", "YarnSchedulerBackend$YarnDriverEndpoint"},
      {"jesasschedulerbackendendpoint",
       "JESSchedulerBackend$JESAsSchedulerBackendEndpoint"},
      {"ClientEndpoint", "StandaloneAppClient$ClientEndpoint"},
      {"DriverEndpoint", "CoarseGrainedSchedulerBackend$DriverEndpoint"},
      {"NoSuchComponent", NULL},
      {"org.apache.spark.NoSuchComponent", NULL},
      {"TaskSetManagerX", NULL},
      {"TaskSet", NULL},
      {"", NULL},
      {"{}", NULL},
      {"org.apache.spark.", NULL},
  };
  size_t i;
  (void)state;
  for (i = 0; i < COUNT(cases); i++) {
    const slg_component *c = slg_knowledge_lookup(cases[i].query);
    if (cases[i].expect == NULL) {
      if (c != NULL)
        fail_msg("'%s' should be unknown, got %s", cases[i].query, c->name);
    } else {
      if (c == NULL)
        fail_msg("'%s' not found", cases[i].query);
      assert_string_equal(c->name, cases[i].expect);
    }
  }
  assert_null(slg_knowledge_lookup(NULL));
}

static void test_knowledge__subsystem_titles(void **state)
{
  size_t i, j;
  (void)state;
  for (i = 0; i < COUNT(slugs); i++) {
    const char *t = slg_subsystem_title(slugs[i]);
    assert_non_null(t);
    /* A known slug gets a real title, not itself back. */
    if (strcmp(t, slugs[i]) == 0)
      fail_msg("no title for subsystem %s", slugs[i]);
    for (j = 0; j < i; j++)
      assert_string_not_equal(t, slg_subsystem_title(slugs[j]));
  }
  assert_string_equal(slg_subsystem_title("scheduler"), "Scheduler");
  assert_string_equal(slg_subsystem_title("io-commit"), "I/O & commit");
  assert_string_equal(slg_subsystem_title("no-such-slug"), "no-such-slug");
  assert_true(COUNT(slugs) <= 14);
}

static void test_knowledge__every_slug_used(void **state)
{
  size_t i, j, n = slg_knowledge_count();
  (void)state;
  /* A documented subsystem with no component is a stale slug. */
  for (i = 0; i < COUNT(slugs); i++) {
    int used = 0;
    for (j = 0; j < n && !used; j++)
      used = strcmp(slg_knowledge_at(j)->subsystem, slugs[i]) == 0;
    if (!used)
      fail_msg("subsystem %s has no component", slugs[i]);
  }
}

static void test_knowledge__explain_mentions_itself(void **state)
{
  size_t i, n = slg_knowledge_count();
  (void)state;
  /* Each paragraph is about its component: it names the class (the part
   * before any '$' for inner classes, which texts may spell either way). */
  for (i = 0; i < n; i++) {
    const slg_component *c = slg_knowledge_at(i);
    char head[128];
    size_t k = strcspn(c->name, "$");
    assert_true(k < sizeof head);
    memcpy(head, c->name, k);
    head[k] = '\0';
    if (strstr(c->explain, head) == NULL)
      fail_msg("%s: explain text does not name the class", c->name);
  }
}

/* ------------------------------------------------ corpus-backed coverage */

typedef struct logger_count {
  char name[128];
  unsigned count;
} logger_count;

#define MAX_LOGGERS 512

/*
 * Counts the loggers of `%c{1}`-style lines ("23/05/31 12:18:47 INFO
 * DAGScheduler: Got job 0 ...", also "INFO scheduler.DAGScheduler:"): the
 * word after " INFO ", " WARN " or " ERROR " up to its ':', without any
 * package prefix. Returns the number of distinct loggers, or -1 if the file
 * cannot be opened.
 */
static int count_loggers(const char *path, logger_count *out, int max)
{
  static const char *const levels[] = {" INFO ", " WARN ", " ERROR "};
  char line[8192];
  int n = 0;
  FILE *f = fopen(path, "r");
  if (f == NULL)
    return -1;
  while (fgets(line, sizeof line, f) != NULL) {
    size_t l;
    for (l = 0; l < COUNT(levels); l++) {
      const char *p = strstr(line, levels[l]);
      const char *q, *start;
      size_t len;
      int i;
      if (p == NULL)
        continue;
      p += strlen(levels[l]);
      for (q = p; *q != '\0' && *q != ':' && *q != ' ' && *q != '\n'; q++)
        ;
      if (*q != ':' || q == p)
        break;
      start = p;
      for (; p < q; p++) {
        if (*p == '.')
          start = p + 1;
      }
      len = (size_t)(q - start);
      if (len == 0 || len >= sizeof out[0].name)
        break;
      for (i = 0; i < n; i++) {
        if (strlen(out[i].name) == len && memcmp(out[i].name, start, len) == 0)
          break;
      }
      if (i == n) {
        if (n == max)
          break;
        memcpy(out[n].name, start, len);
        out[n].name[len] = '\0';
        out[n].count = 0;
        n++;
      }
      out[i].count++;
      break;
    }
  }
  fclose(f);
  return n;
}

/* Loggers of application libraries that are neither Spark nor Hadoop and
 * that the table deliberately leaves out (the DataStax Cassandra driver in
 * gdelt-insights). */
static int is_third_party(const char *name)
{
  static const char *const names[] = {"PlainTextAuthProviderBase"};
  size_t i;
  for (i = 0; i < COUNT(names); i++) {
    if (strcmp(name, names[i]) == 0)
      return 1;
  }
  return 0;
}

static void test_knowledge__corpus_top_loggers_known(void **state)
{
  /* Real driver logs of several platforms and versions: every logger with
   * at least 20 lines in them must be in the table. */
  static const char *const files[] = {
      SLG_CORPUS_DIR "/ulhpc-aion-terasort/README.md",
      SLG_CORPUS_DIR "/dashaub-pbdp-emr/Shaub_David_HW7.md",
      SLG_CORPUS_DIR "/fraud-lakehouse-spark35/spark_job.log",
      SLG_CORPUS_DIR "/gdelt-insights/spark.log",
  };
  static logger_count counts[MAX_LOGGERS];
  size_t i;
  int opened = 0;
  (void)state;
  for (i = 0; i < COUNT(files); i++) {
    int j, n = count_loggers(files[i], counts, MAX_LOGGERS);
    if (n < 0)
      continue;
    opened++;
    assert_true(n > 0);
    for (j = 0; j < n; j++) {
      if (counts[j].count >= 20 && find(counts[j].name) == NULL &&
          !is_third_party(counts[j].name))
        fail_msg("%s: frequent logger %s (%u lines) not in the table", files[i],
                 counts[j].name, counts[j].count);
    }
  }
  if (opened == 0)
    SLG_TEST_SKIP();
}

int main(int argc, char **argv)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_knowledge__seed_list_present),
      cmocka_unit_test(test_knowledge__common_loggers_present),
      cmocka_unit_test(test_knowledge__count_at_least_60),
      cmocka_unit_test(test_knowledge__sorted_and_unique),
      cmocka_unit_test(test_knowledge__every_entry_well_formed),
      cmocka_unit_test(test_knowledge__vendor_classes_inferred),
      cmocka_unit_test(test_knowledge__find_is_exact),
      cmocka_unit_test(test_knowledge__lookup_variants),
      cmocka_unit_test(test_knowledge__subsystem_titles),
      cmocka_unit_test(test_knowledge__every_slug_used),
      cmocka_unit_test(test_knowledge__explain_mentions_itself),
  };
  const struct CMUnitTest optional[] = {
      cmocka_unit_test(test_knowledge__corpus_top_loggers_known),
  };
  return slg_test_main(argc, argv, tests, optional);
}
