/*
 * findings.h - findings a person reads once: the allow list, one finding
 * per cause over the stages it covers, and performance findings too small
 * to matter left out. Pure functions over an analysis' findings.
 */
#ifndef SLG_FINDINGS_H
#define SLG_FINDINGS_H

#include <stddef.h>

#include "analysis.h"
#include "buf.h"
#include "report.h"

/*
 * Parses one allow entry, `ID[@APP[/STAGE[.ATTEMPT]]]` (len bytes; the id
 * in any case, blanks around it ignored): "TINY_TASKS", "SKEW@1/3",
 * "TASK_FAILURES@2/5.1". APP is 1-based, as the reports number
 * applications. Returns 0, or SLG_ECONFIG with a reason in err (>= 256
 * bytes).
 */
int slg_allow_parse(slg_allow *out, const char *s, size_t len, char *err);

/* Appends the entry as slg_allow_parse reads it back. */
void slg_allow_format(const slg_allow *a, slg_buf *out);

/* Appends the allow entry that names this finding exactly: "SKEW@1/3.0",
 * "EXECUTOR_LOSS@2", "NO_SCHEDULER_LINES". */
void slg_finding_ref(const slg_finding *f, slg_buf *out);

/* Appends where the finding's stages are for a reader: "stage 3.0", or
 * "stages 3.0, 5.0, 7.0 (+4 more)" listing at most `max` of them;
 * nothing when it covers no stage. */
void slg_finding_stages_text(const slg_finding *f, size_t max, slg_buf *out);

/*
 * Runs once the findings are made and sorted by position (app, stage,
 * attempt, kind):
 *  1. findings matching th->allow move to a->suppressed;
 *  2. findings of one application, kind, severity, cause and fix become
 *     one finding over all their stages (the first stage's message with a
 *     count of the others; evidence lines from each stage);
 *  3. performance findings (SKEW, TINY_TASKS, FEW_TASKS, LONG_STAGE,
 *     SPECULATION) whose stages' task time is under max(1 s, 1% of the
 *     application's task time) are left out and counted in a->dropped.
 *     Failure findings are never left out.
 * The suppressed findings are grouped the same way.
 */
void slg_findings_finish(slg_analysis *a, const slg_model *m,
                         const slg_thresholds *th);

/* Appends one sentence on what the allow list suppressed, "2 findings
 * suppressed by the allow list: SKEW@1/3.0, TINY_TASKS@1/2.0 (4
 * stages)."; nothing when none was. Only findings of `kind` when kind >= 0. */
void slg_suppressed_sentence(const slg_analysis *a, int kind, slg_buf *out);

/*
 * Adds to the fix of each finding about lost executors or lost shuffle
 * output (EXECUTOR_LOSS, FETCH_FAILURE) what its application's platform
 * offers against nodes taken away (fixes.c, slg_fix_node_loss), when
 * executors of the application were preempted, lost with their node,
 * decommissioned or lost for no reason the log gives. Runs
 * after slg_analysis_run, with the report the analysis was made from:
 * the platform needs the input's logger names, which the model does not
 * keep. Findings of one application get the same sentence, so the
 * grouping stands.
 */
void slg_findings_platform(slg_analysis *a, const slg_report *rep);

/* Frees what a finding owns. */
void slg_finding_dispose(slg_finding *f);

#endif /* SLG_FINDINGS_H */
