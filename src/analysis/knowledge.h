/*
 * knowledge.h - what each Spark component (logger) is and does.
 *
 * A static table, written by us and checked against Spark's source: for
 * every common Spark / Spark SQL / storage / shuffle / cluster-manager /
 * Hadoop committer / AWS Glue / EMR / Databricks logger, its subsystem, a
 * one-line role for the histogram and a paragraph for `sparklog explain`.
 * Vendor classes whose source is not public are marked inferred.
 */
#ifndef SLG_KNOWLEDGE_H
#define SLG_KNOWLEDGE_H

#include <stddef.h>

typedef struct slg_component {
  const char *name;      /* canonical short name, e.g. "TaskSetManager" */
  const char *package;   /* e.g. "org.apache.spark.scheduler" */
  const char *subsystem; /* slug: scheduler, storage, shuffle, sql, io-commit,
                            cluster-manager, core, platform, streaming, ... */
  const char *role;      /* one line, <= 70 characters, no final period */
  const char *explain;   /* paragraphs: what it does, which lines matter,
                            what a high count usually means */
  int inferred;          /* 1: vendor class, behaviour inferred from logs */
} slg_component;

/* Exact lookup by canonical short name (case-sensitive); NULL if unknown. */
const slg_component *slg_knowledge_find(const char *name, size_t len);

/*
 * Lookup for `sparklog explain`: accepts a short name, a full or
 * abbreviated class name ("org.apache.spark.scheduler.TaskSetManager",
 * "o.a.s.scheduler.TaskSetManager", "{TaskSetManager}") and is
 * case-insensitive. NULL if unknown.
 */
const slg_component *slg_knowledge_lookup(const char *query);

size_t slg_knowledge_count(void);
const slg_component *slg_knowledge_at(size_t index);

/* Human title of a subsystem slug ("scheduler" -> "Scheduler"); the slug
 * itself if unknown. */
const char *slg_subsystem_title(const char *slug);

/* What a WARN/ERROR message template (messages.h) of `logger` implies,
 * one sentence, or NULL when the message is not a known one
 * (knowledge_messages.c). */
const char *slg_knowledge_message(const char *logger, const char *tpl);

#endif /* SLG_KNOWLEDGE_H */
