/*
 * extract_io.c - I/O phase lines -> SLG_EV_IO (extract_io.h).
 *
 * The kinds and their words follow tests/keys/time/README.md ("io"): a
 * logger's name is matched by what it contains, as its package may or may
 * not be printed. The wordings, by version, are in docs/spark-io-phases.md:
 *   "It took 41 ms to list leaf files for 1 paths."      (InMemoryFileIndex)
 *   "Write Job 168c... committed. Elapsed time: 129 ms." (FileFormatWriter)
 *   "Created broadcast 3 from parquet at ..."            (SparkContext)
 */
#include "extract_io.h"

#include <string.h>

/* Contained in a logger's name -> its kind; the first kind that matches
 * wins. */
static const struct {
  const char *word;
  int kind;
} logger_words[] = {
    {"InMemoryFileIndex", SLG_IO_LISTING},
    {"HadoopFSUtils", SLG_IO_LISTING},
    {"FileFormatWriter", SLG_IO_WRITE_COMMIT},
    {"SparkHadoopWriter", SLG_IO_WRITE_COMMIT},
    /* DataSource V2 file writes (3.0): "Write Job U committed." */
    {"FileBatchWrite", SLG_IO_WRITE_COMMIT},
    {"OutputCommitter", SLG_IO_COMMITTER},
    {"CommitProtocol", SLG_IO_COMMITTER},
    {"S3A", SLG_IO_COMMITTER},
    {"EMRFS", SLG_IO_COMMITTER},
    {"Emrfs", SLG_IO_COMMITTER},
    {"SparkHadoopMapRedUtil", SLG_IO_COMMITTER},
    {"HiveMetaStore", SLG_IO_METASTORE},
    {"HiveClientImpl", SLG_IO_METASTORE},
    {"HiveExternalCatalog", SLG_IO_METASTORE},
    /* 1.x - 2.0: "Persisting data source relation T with a single input
     * path into Hive metastore in Hive compatible format." */
    {"HiveMetastoreCatalog", SLG_IO_METASTORE},
    {"HiveUtils", SLG_IO_METASTORE},
    {"metastore", SLG_IO_METASTORE},
    {"ObjectStore", SLG_IO_METASTORE},
    {"GlueCatalog", SLG_IO_METASTORE},
    {"AWSGlue", SLG_IO_METASTORE},
    {"BroadcastExchange", SLG_IO_BROADCAST},
};

int slg_io_logger_kind(slg_span written)
{
  if (written.len < 3)
    return -1; /* also an empty span, whose pointer may be null */
  const char *p = written.ptr, *end = p + written.len;
  for (size_t i = 0; i < sizeof logger_words / sizeof logger_words[0]; i++)
    if (slg_find(p, end, logger_words[i].word) != NULL)
      return logger_words[i].kind;
  return -1;
}

/* The number after `p` as a duration in ms ("41 ms", "1.5 s"), -1 when
 * there is none. */
static double duration_at(const char *p, const char *end)
{
  double ms;
  if (p < end && slg_is_digit((unsigned char)*p) &&
      slg_parse_duration(&p, end, &ms) == 1 && ms >= 0)
    return ms;
  return -1;
}

double slg_io_duration(slg_span msg)
{
  const char *p = msg.ptr, *end = p + msg.len;
  /* "Elapsed time: N ms" (FileFormatWriter, SparkHadoopWriter 3.x) and
   * "took N ms" / "took X s" ("It took N ms to list leaf files"): the
   * first in the line. */
  const char *e = slg_find(p, end, "Elapsed time: ");
  const char *t = slg_find(p, e != NULL ? e : end, "took ");
  for (; t != NULL; t = slg_find(t + 5, e != NULL ? e : end, "took ")) {
    double ms = duration_at(t + 5, end);
    if (ms >= 0)
      return ms;
  }
  if (e != NULL) {
    const char *q = e + 14;
    /* Only a whole number of ms counts ("Elapsed time: N ms"). */
    double ms = duration_at(q, end);
    while (q < end && slg_is_digit((unsigned char)*q))
      q++;
    if (ms >= 0 && end - q >= 3 && memcmp(q, " ms", 3) == 0)
      return ms;
  }
  return -1;
}

static int io_event(slg_span msg, int kind, slg_event *out)
{
  slg_event_clear_inline(out);
  out->kind = SLG_EV_IO;
  out->n = (uint64_t)kind;
  out->ms = slg_io_duration(msg);
  return SLG_EXTRACT_OK;
}

int slg_extract_io_listing(slg_span msg, slg_event *out)
{
  return io_event(msg, SLG_IO_LISTING, out);
}

int slg_extract_io_write_commit(slg_span msg, slg_event *out)
{
  return io_event(msg, SLG_IO_WRITE_COMMIT, out);
}

int slg_extract_io_committer(slg_span msg, slg_event *out)
{
  return io_event(msg, SLG_IO_COMMITTER, out);
}

int slg_extract_io_metastore(slg_span msg, slg_event *out)
{
  return io_event(msg, SLG_IO_METASTORE, out);
}

int slg_extract_io_broadcast(slg_span msg, slg_event *out)
{
  return io_event(msg, SLG_IO_BROADCAST, out);
}

int slg_extract_io_metastore_msg(slg_span msg, slg_event *out)
{
  if (slg_find(msg.ptr, msg.ptr + msg.len, "metastore") == NULL) {
    slg_event_clear_inline(out);
    return SLG_EXTRACT_NONE;
  }
  return io_event(msg, SLG_IO_METASTORE, out);
}

int slg_extract_io_committer_msg(slg_span msg, slg_event *out)
{
  static const char *const words[] = {"OutputCommitter", "CommitProtocol",
                                      "S3A", "EMRFS", "Emrfs"};
  const char *p = msg.ptr, *end = p + msg.len;
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (slg_find(p, end, words[i]) != NULL)
      return io_event(msg, SLG_IO_COMMITTER, out);
  slg_event_clear_inline(out);
  return SLG_EXTRACT_NONE;
}

int slg_extract_io_created_broadcast(slg_span msg, slg_event *out)
{
  /* "Created broadcast 3 from parquet at NativeMethodAccessorImpl.java:0" */
  const char *p = msg.ptr, *end = p + msg.len;
  if (msg.len < 24 || memcmp(p, "Created broadcast ", 18) != 0 ||
      !slg_is_digit((unsigned char)p[18])) {
    slg_event_clear_inline(out);
    return SLG_EXTRACT_NONE;
  }
  p += 18;
  while (p < end && slg_is_digit((unsigned char)*p))
    p++;
  if (end - p < 6 || memcmp(p, " from ", 6) != 0) {
    slg_event_clear_inline(out);
    return SLG_EXTRACT_NONE;
  }
  return io_event(msg, SLG_IO_BROADCAST, out);
}
