/*
 * event.h - the vocabulary that extractors and the model share: a stage's
 * kind, a task's locality and why a stage attempt was resubmitted, as the
 * scheduler's messages name them. It lives in the extract layer, below the
 * model, so that an extractor can fill an event without seeing the model.
 */
#ifndef SLG_EVENT_H
#define SLG_EVENT_H

/* SLG_EV_MILESTONE's flag: the boundaries of a run's start and stop the
 * time budget places (budget.h), beside the job lines. */
typedef enum slg_milestone {
  /* BlockManagerMaster's "Registered BlockManager BlockManagerId(driver,
   * ...)": the end of SparkContext's construction. */
  SLG_MILESTONE_DRIVER_BLOCK_MANAGER,
  /* A scheduler backend's "SchedulerBackend is ready for scheduling
   * beginning after ..." (cluster managers only). */
  SLG_MILESTONE_BACKEND_READY,
  /* The context's stop begins: SparkContext's "SparkContext is stopping"
   * (3.5+) or SparkUI's "Stopped Spark web UI at" (besides "Invoking
   * stop() from shutdown hook", SLG_EV_APP_STOP). */
  SLG_MILESTONE_STOP_REQUESTED,
  SLG_MILESTONE_COUNT
} slg_milestone;

typedef enum slg_stage_kind {
  SLG_STAGE_UNKNOWN = 0, /* pre-1.4 "Stage N", or never named */
  SLG_STAGE_SHUFFLE_MAP, /* "ShuffleMapStage N" */
  SLG_STAGE_RESULT       /* "ResultStage N" */
} slg_stage_kind;

/* "unknown", "ShuffleMapStage", "ResultStage". */
const char *slg_stage_kind_name(slg_stage_kind k);

/* Task locality as logged in "Starting task". */
typedef enum slg_locality {
  SLG_LOC_PROCESS_LOCAL = 0,
  SLG_LOC_NODE_LOCAL,
  SLG_LOC_NO_PREF,
  SLG_LOC_RACK_LOCAL,
  SLG_LOC_ANY,
  SLG_LOC_OTHER,
  SLG_LOC_COUNT
} slg_locality;

/* "PROCESS_LOCAL", ... "other". */
const char *slg_locality_name(slg_locality l);

/* Why a stage attempt was (re)submitted after its first attempt. */
typedef enum slg_resubmit {
  SLG_RESUBMIT_NONE = 0,
  SLG_RESUBMIT_FETCH_FAILURE, /* "Resubmitting X and Y due to fetch
                                 failure" / "Marking .. fetch failure" */
  SLG_RESUBMIT_FAILED_TASKS,  /* "Resubmitting X because some of its tasks
                                 had failed" */
  SLG_RESUBMIT_EXECUTOR_LOST, /* "Resubmitted ShuffleMapTask" / executor
                                 lost, shuffle files lost */
  SLG_RESUBMIT_BARRIER,       /* "due to barrier stage failure" */
  SLG_RESUBMIT_OTHER          /* attempt > 0 with no logged reason */
} slg_resubmit;

/* "none", "fetch_failure", "failed_tasks", "executor_lost", "barrier",
 * "other". */
const char *slg_resubmit_name(slg_resubmit r);

#endif /* SLG_EVENT_H */
