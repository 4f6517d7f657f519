/*
 * model_events.h - slg_model_record in two halves, for the parallel path.
 *
 * slg_model_extract_routed is pure (no model state): with the logger's
 * route it decides whether the model looks at a record at all and runs
 * the logger's extractor. It may run on any thread. slg_model_apply
 * applies the result to the model and must run on one thread, in input
 * order. slg_model_record(m, rec, lg, pos) is exactly
 * slg_model_extract_routed with slg_model_route_of(lg, rec->logger) and
 * the model's reference flag, then slg_model_apply.
 */
#ifndef SLG_MODEL_EVENTS_H
#define SLG_MODEL_EVENTS_H

#include "extract.h"
#include "model.h"

/* Small fields: the parallel path queues one item per modelled record, so
 * its size is memory traffic between the cores. */
typedef struct slg_model_item {
  uint8_t modelled;  /* 0: a logger the model ignores, or a quiet
                        logger's line its reader does not take (only
                        ends the previous record's continuation) */
  uint8_t scheduler; /* the logger counts toward scheduler lines */
  int8_t result;     /* SLG_EXTRACT_NONE, _OK or _REJECTED */
  int16_t exec_num;  /* ev.exec's value when it is a small canonical
                        decimal, else -1. Worked out here, while the line is
                        in this thread's cache, so that the merging thread
                        does not read the id from another core's cache
                        (docs/performance.md). */
  slg_event ev; /* with result == SLG_EXTRACT_OK; its spans borrow from
                   the record's message */
} slg_model_item;

/*
 * What the model does with a logger's records, looked up by short name
 * (`logger`): NULL for a logger it ignores. `written` is the name as the
 * layout printed it, of which `logger` is a sub-span (slg_logger_short),
 * or empty: when it has a package ("com.evil.DAGScheduler"), the route is
 * taken only if the package can be the class's in Spark (whole,
 * abbreviated or cut by the layout: "o.a.s.scheduler.DAGScheduler"). The
 * scans cache the route with each logger they have seen (slg_logger_memo),
 * so a record costs no name lookup. With
 * `reference` non-zero the route runs its extractor without fast paths
 * (the general readers they must equal: reference mode, fastpath.h).
 * slg_model_extract_routed fills *out for one record.
 */
typedef struct slg_model_route slg_model_route;
const slg_model_route *slg_model_route_of(slg_span logger, slg_span written,
                                          int reference);
/* The route of an ERROR record whose logger has none: read for failures
 * only (failure.h). */
const slg_model_route *slg_model_error_route(void);
void slg_model_extract_routed(slg_model_item *out, const slg_record *rec,
                              const slg_model_route *route);
/* slg_model_record with the logger's route and time_ms =
 * slg_time_ms(&rec->time), which the caller has already. */
void slg_model_record_routed(slg_model *m, const slg_record *rec,
                             int64_t time_ms, const slg_model_route *route,
                             const slg_pos *pos);

/* Applies an extracted record; `time` is the record's timestamp and
 * time_ms its slg_time_ms. The item's spans need only live for the
 * duration of the call. */
void slg_model_apply(slg_model *m, const slg_model_item *it,
                     const slg_time *time, int64_t time_ms,
                     const slg_pos *pos);

/*
 * Applies a run of task starts and ends (task_runs.h) of `runs`, with the
 * same result as slg_model_apply on each of its lines in turn; `first`
 * and `last` are the positions of its first and last line. The run's spans need only live for the
 * duration of the call. A fast path (fastpath TASK_RUNS): in reference
 * mode no run is made.
 */
struct slg_task_runs;
struct slg_task_run;
void slg_model_apply_run(slg_model *m, const struct slg_task_runs *runs,
                         const struct slg_task_run *run,
                         const slg_pos *first, const slg_pos *last);
#endif /* SLG_MODEL_EVENTS_H */
