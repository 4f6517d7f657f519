/*
 * engine.h - the engine features an application's log shows besides its
 * jobs and stages: AQE's decisions (ShufflePartitionsUtil's target sizes
 * and the rules' lines), Structured Streaming's micro-batches and query
 * runs, DStreams' batches, and the PySpark workers' timings.
 *
 * One slg_engine per application, made on its first engine line (NULL in
 * slg_app.engine until then). Everything in it is a fixed size: counts,
 * extremes and the first SLG_ENGINE_MAX_AQE decisions with the rest
 * counted, so a stream of any length costs the same memory; a batch is
 * told to the end callback (SLG_END_BATCH) as it completes and not kept.
 */
#ifndef SLG_ENGINE_H
#define SLG_ENGINE_H

#include <stdint.h>

#include "extract.h"
#include "model.h"

#define SLG_ENGINE_MAX_AQE 20     /* AQE decisions kept in order */
#define SLG_ENGINE_MAX_QUERIES 16 /* streaming query ids told apart */
#define SLG_ENGINE_ID_LEN 40      /* a query id kept (a UUID is 36) */

/* One AQE line kept: a rule's, or ShufflePartitionsUtil's target sizes
 * (rule = SLG_AQE_RULE_COUNT). */
typedef struct slg_aqe_decision {
  slg_pos pos;
  int rule;             /* slg_aqe_rule, or SLG_AQE_RULE_COUNT */
  char shuffles[24];    /* "0, 1" as logged, cut to fit */
  int64_t advisory;     /* bytes, -1 for a rule's line */
  int64_t actual;
  int64_t min_partition; /* -1 when not logged (3.0, 3.1) */
} slg_aqe_decision;

/* One batch as it completes (SLG_END_BATCH's slg_end.batch). */
typedef enum slg_batch_kind {
  SLG_BATCH_STRUCTURED = 1, /* a progress report */
  SLG_BATCH_DSTREAM         /* a "Total delay" line */
} slg_batch_kind;

typedef struct slg_engine_batch {
  slg_batch_kind kind;
  slg_pos pos;
  int64_t id;          /* batchId (structured) or batch time ms
                          (DStreams); -1 unknown */
  int64_t duration_ms; /* triggerExecution, or the DStreams execution;
                          -1 unknown */
  int64_t delay_ms;    /* DStreams total delay, -1 */
  int64_t rows;        /* numInputRows, -1 */
  int64_t interval_ms; /* trigger or batch interval known so far, -1 */
} slg_engine_batch;

typedef struct slg_engine {
  /* AQE */
  uint64_t aqe_lines;
  uint64_t aqe_by_rule[SLG_AQE_RULE_COUNT + 1]; /* last: target sizes */
  slg_aqe_decision aqe[SLG_ENGINE_MAX_AQE];
  size_t naqe;
  uint64_t aqe_other;       /* decisions past SLG_ENGINE_MAX_AQE */
  uint64_t coalesce_capped; /* actual target < advisory */
  slg_aqe_decision first_capped; /* valid when coalesce_capped */
  uint64_t skewed_partitions;
  int skew_known;
  uint64_t plan_changes;
  /* Structured Streaming */
  uint64_t ss_reports;
  slg_pos ss_first, ss_last;
  int ss_have_id;
  uint64_t ss_min_id, ss_max_id;
  uint64_t ss_rows;
  int ss_have_slowest;
  slg_engine_batch ss_slowest;
  uint64_t ss_behind;
  slg_pos ss_behind_first, ss_behind_last;
  uint64_t ss_interval_ms, ss_behind_max_ms;
  uint64_t ss_runs;
  char ss_ids[SLG_ENGINE_MAX_QUERIES][SLG_ENGINE_ID_LEN];
  size_t ss_nids;
  uint64_t ss_ids_other;
  /* The report being read (its JSON on continuation lines). */
  int ss_open;
  slg_progress ss_cur;
  slg_pos ss_cur_pos;
  /* DStreams */
  uint64_t ds_batches;
  slg_pos ds_first, ds_last;
  uint64_t ds_last_time, ds_interval_ms; /* 0: not known */
  uint64_t ds_max_delay_ms, ds_max_exec_ms;
  slg_pos ds_max_delay_pos;
  uint64_t ds_behind;         /* execution longer than the interval */
  uint64_t ds_first_exec_ms;  /* the first batch's, judged once the
                                 interval is known */
  /* PySpark workers */
  uint64_t py_count;
  slg_pos py_first, py_last;
  int64_t py_total_ms, py_boot_ms, py_init_ms, py_finish_ms; /* signed:
                                   a reused worker's boot is negative */
} slg_engine;

/*
 * Applies an SLG_EV_ENGINE or SLG_EV_AQE_TARGET event at `pos` to *e
 * (made when NULL; freed by the model with its application). Returns how
 * many batches completed (0 to 2: a report left open, then this one),
 * held in out[]; *cont is 1 when the event opened a progress report
 * whose JSON follows on continuation lines (slg_engine_continuation).
 */
int slg_engine_apply(slg_engine **e, const slg_event *ev, const slg_pos *pos,
                     slg_engine_batch out[2], int *cont);

/* A continuation line after a progress report: 1 when the report
 * completed with it (*batch holds it), 0 when more may follow. */
int slg_engine_continuation(slg_engine *e, slg_span line,
                            slg_engine_batch *batch);

/* Completes a report left open (its JSON ended without triggerExecution,
 * or the log did): 1 with *batch, else 0. */
int slg_engine_close(slg_engine *e, slg_engine_batch *batch);

#endif /* SLG_ENGINE_H */
