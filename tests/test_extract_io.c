/*
 * test_extract_io.c - the I/O phase readers (extract_io.h) on the
 * wordings of docs/spark-io-phases.md, and the per-application tallies
 * (io_phases.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "extract_io.h"
#include "io_phases.h"

static slg_span sp(const char *s)
{
  return slg_span_make(s, strlen(s));
}

static void test_extract_io__logger_kinds(void **state)
{
  (void)state;
  static const struct {
    const char *name;
    int kind;
  } cases[] = {
      {"InMemoryFileIndex", SLG_IO_LISTING},
      {"org.apache.spark.util.HadoopFSUtils", SLG_IO_LISTING},
      {"FileFormatWriter", SLG_IO_WRITE_COMMIT},
      {"org.apache.spark.internal.io.SparkHadoopWriter", SLG_IO_WRITE_COMMIT},
      {"FileOutputCommitter", SLG_IO_COMMITTER},
      {"SQLHadoopMapReduceCommitProtocol", SLG_IO_COMMITTER},
      {"AbstractS3ACommitter", SLG_IO_COMMITTER},
      {"EmrOptimizedParquetOutputCommitter", SLG_IO_COMMITTER},
      {"SparkHadoopMapRedUtil", SLG_IO_COMMITTER},
      {"HiveMetaStore", SLG_IO_METASTORE},
      {"org.apache.hadoop.hive.metastore.ObjectStore", SLG_IO_METASTORE},
      {"HiveClientImpl", SLG_IO_METASTORE},
      {"HiveMetastoreCatalog", SLG_IO_METASTORE},
      {"FileBatchWrite", SLG_IO_WRITE_COMMIT},
      {"BroadcastExchangeExec", SLG_IO_BROADCAST},
      {"DAGScheduler", -1},
      {"BlockManagerInfo", -1},
      {"", -1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    assert_int_equal(slg_io_logger_kind(sp(cases[i].name)), cases[i].kind);
}

static void test_extract_io__durations(void **state)
{
  (void)state;
  static const struct {
    const char *msg;
    double ms;
  } cases[] = {
      {"It took 41 ms to list leaf files for 1 paths.", 41},
      {"Write Job 168ccfdd-4edd-4789-843c-29189d875be0 committed. Elapsed "
       "time: 129 ms.",
       129},
      {"Write Job job_20230101_0001 committed. Elapsed time: 7 ms.", 7},
      {"Start to commit write Job 168ccfdd-4edd-4789-843c-29189d875be0.", -1},
      {"Job job_20190215163210_0004 committed.", -1},
      {"Listing leaf files and directories in parallel under 40 paths. The "
       "first several paths are: s3://b/x=1",
       -1},
      {"Metastore call took 1.5 s", 1500},
      {"it took a while", -1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    assert_true(slg_io_duration(sp(cases[i].msg)) == cases[i].ms);
}

static void test_extract_io__message_readers(void **state)
{
  (void)state;
  slg_event ev;
  assert_int_equal(slg_extract_io_created_broadcast(
                       sp("Created broadcast 3 from parquet at "
                          "NativeMethodAccessorImpl.java:0"),
                       &ev),
                   SLG_EXTRACT_OK);
  assert_int_equal(ev.kind, SLG_EV_IO);
  assert_int_equal(ev.n, SLG_IO_BROADCAST);
  assert_int_equal(slg_extract_io_created_broadcast(
                       sp("Created broadcast x from y"), &ev),
                   SLG_EXTRACT_NONE);
  assert_int_equal(slg_extract_io_created_broadcast(
                       sp("Starting job: count at a.scala:1"), &ev),
                   SLG_EXTRACT_NONE);
  assert_int_equal(
      slg_extract_io_metastore_msg(
          sp("Setting hive.metastore.warehouse.dir ('null') to the value of "
             "spark.sql.warehouse.dir."),
          &ev),
      SLG_EXTRACT_OK);
  assert_int_equal(ev.n, SLG_IO_METASTORE);
  assert_int_equal(slg_extract_io_metastore_msg(
                       sp("Warehouse path is 'file:/w'."), &ev),
                   SLG_EXTRACT_NONE);
  assert_int_equal(
      slg_extract_io_committer_msg(
          sp("Using user defined output committer for Parquet: "
             "com.amazon.emr.committer.EmrOptimizedParquetOutputCommitter"),
          &ev),
      SLG_EXTRACT_OK);
  assert_int_equal(ev.n, SLG_IO_COMMITTER);
  assert_int_equal(slg_extract_io_committer_msg(sp("Parquet files"), &ev),
                   SLG_EXTRACT_NONE);
  assert_int_equal(slg_extract_io_listing(
                       sp("It took 41 ms to list leaf files for 1 paths."),
                       &ev),
                   SLG_EXTRACT_OK);
  assert_int_equal(ev.n, SLG_IO_LISTING);
  assert_true(ev.ms == 41);
}

static void test_extract_io__tallies(void **state)
{
  (void)state;
  slg_io_phases *p = NULL;
  slg_pos a = {0, 10}, b = {0, 11}, c = {0, 40};
  slg_io_phases_add(&p, SLG_IO_METASTORE, -1, &a, 1000, 1);
  slg_io_phases_add(&p, SLG_IO_METASTORE, -1, &b, 61000, 1);
  slg_io_phases_add(&p, SLG_IO_METASTORE, -1, &c, 90000, 1);
  slg_io_phases_add(&p, SLG_IO_LISTING, 45000, &c, 90000, 1);
  assert_non_null(p);
  const slg_io_phase *m = &p->kind[SLG_IO_METASTORE];
  assert_int_equal(m->lines, 3);
  assert_int_equal(m->first.line, 10);
  assert_int_equal(m->last.line, 40);
  /* Lines 10 and 11 follow each other: 60 s; line 40 does not. */
  assert_int_equal(m->contiguous_ms, 60000);
  assert_int_equal(slg_io_phase_span_ms(m), 89000);
  assert_true(slg_io_phase_ms(m) == 60000);
  const slg_io_phase *l = &p->kind[SLG_IO_LISTING];
  assert_int_equal(l->durations, 1);
  assert_int_equal(l->nevents, 1);
  assert_true(slg_io_phase_ms(l) == 45000);
  assert_int_equal(p->kind[SLG_IO_BROADCAST].lines, 0);
  assert_true(slg_io_phases_any(p));
  slg_io_phases_free(p);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_extract_io__logger_kinds),
      cmocka_unit_test(test_extract_io__durations),
      cmocka_unit_test(test_extract_io__message_readers),
      cmocka_unit_test(test_extract_io__tallies),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
