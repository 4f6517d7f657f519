/*
 * fixes.h - the fix a finding suggests, for the Spark version the log
 * shows, the kind of stage (a scan reading input, or a stage reading a
 * shuffle) and the platform. Pure functions returning static text; each
 * fix's source is in fixes.c next to it.
 */
#ifndef SLG_FIXES_H
#define SLG_FIXES_H

#include "platform.h"

/* "3.5.1-amzn-0" -> 3, 5. 0 when the version is unknown or unreadable
 * (then *major = *minor = -1). */
int slg_version_parse(const char *v, int *major, int *minor);

/* The kind of stage a finding is about. */
typedef enum slg_stage_role {
  SLG_ROLE_SCAN = 0,     /* no parent stage: reads input (files, JDBC) */
  SLG_ROLE_SHUFFLE_READ  /* reads the shuffle of parent stages */
} slg_stage_role;

/* TINY_TASKS: many tasks, each shorter than the scheduling overhead. */
const char *slg_fix_tiny_tasks(const char *version, slg_stage_role role);

/* SKEW: one task much slower than the median. */
const char *slg_fix_skew(const char *version, slg_stage_role role);

/* FEW_TASKS: fewer tasks than the slots the application had. */
const char *slg_fix_few_tasks(const char *version, slg_stage_role role);

/* Executors lost or shuffle output lost with them: what the platform
 * offers against nodes taken away (spot, preemption, scale-down), or
 * NULL when it offers nothing to configure. */
const char *slg_fix_node_loss(slg_platform_id p, const char *version);

/* APP_FAILED: what to do about a root cause of class `class_id` (the ids
 * of docs/spark-failure-messages.md section 8), for the Spark version
 * the log shows. Never NULL: a class without a specific fix says where
 * the cause is. */
const char *slg_fix_cause(const char *class_id, const char *version);

#endif /* SLG_FIXES_H */
