/*
 * fastpath.h - the registry of fast paths, caches and memos.
 *
 * Every shortcut beside a general path is listed here once: its id, its
 * name, the general path it must equal and the test that compares the
 * two. docs/performance.md renders this table. In reference mode
 * (slg_options.reference, the CLI's --reference) every entry is switched
 * off and the general path alone runs; the report must be byte-identical
 * either way, which the golden, corpus and fuzz tiers check.
 *
 * In builds with SLG_FASTPATH_COUNTERS (tests, never the release binary)
 * each use of a fast path counts a hit, so a test can show that normal
 * mode takes every shortcut (all counters > 0 on a bench slice) and
 * reference mode takes none (all = 0). A new cache or index registers a
 * row here and calls SLG_FASTPATH_HIT where it saves the general work.
 */
#ifndef SLG_FASTPATH_H
#define SLG_FASTPATH_H

#include <stdint.h>

/*
 * X(ID, "name", "general path it must equal", "differential test").
 * Every row is also compared, in every tier, by running the same input
 * in reference mode: tests/cli/reference_identical.sh (testdata and
 * corpus, every command and format), golden_reference.sh and
 * golden_corpus_reference.sh (each golden case with --reference),
 * fuzz_pipeline and fuzz_chunks; tests/cli/fastpath_counters.sh shows
 * each row taken in normal mode and never in reference mode.
 */
#define SLG_FASTPATH_MAP(X)                                                  \
  /* parse / pipeline / run */                                               \
  X(DEFAULT_HEADER, "default-header",                                        \
    "scan_header, the token-by-token header scan (layout.c)",                \
    "test_layout fast_equals_reference; fuzz_layout")                        \
  X(HEADER_TIME_MEMO, "default-header-time-memo",                            \
    "default_header reading the timestamp digits",                           \
    "test_layout fast_equals_reference; fuzz_layout")                        \
  X(HEADER_NAME_MEMO, "default-header-logger-memo",                          \
    "class_at reading the logger name",                                      \
    "test_layout fast_equals_reference; fuzz_layout")                        \
  X(HEADER_MEMO, "header-memo",                                              \
    "parse_full, the whole parse of a line (layout.c)",                      \
    "test_layout fast_equals_reference; fuzz_layout")                        \
  X(LAYOUT_LAST_SHAPE, "layout-last-shape",                                  \
    "register_shape's hashed lookup of the layout table",                    \
    "test_layout fast_equals_reference; fuzz_layout")                        \
  X(SCAN_LOGGER_MEMO, "scan-logger-memo",                                    \
    "slg_logger_short, slg_model_route_of and the histogram lookup",         \
    "fuzz_pipeline; reference_identical.sh")                                 \
  X(SCAN_DATE_CACHE, "scan-date-cache",                                      \
    "slg_time_ms, days from the civil date (pipeline.h)",                    \
    "fuzz_pipeline; reference_identical.sh")                                 \
  X(SCAN_SAME_TIME, "scan-same-time",                                        \
    "slg_time_ms, span_time and track_gap for every record (pipeline.c)",    \
    "fuzz_pipeline; reference_identical.sh")                                 \
  X(RUN_PARALLEL, "run-parallel-chunks",                                     \
    "slg_pipeline_feed on one thread (parallel.c read_serial)",              \
    "parallel_identical.sh; test_chunk; fuzz_chunks")                        \
  X(RUN_FILES_AHEAD, "run-files-ahead",                                     \
    "each small file read and parsed in turn on the caller's thread "        \
    "(read_serial)",                                                         \
    "files_identical.sh; parallel_identical.sh")                             \
  X(RUN_MAPPED, "run-mapped-read",                                           \
    "read(2) and pread(2) into a buffer (--no-mmap)",                        \
    "parallel_identical.sh (--no-mmap)")                                     \
  /* model / extract */                                                      \
  X(TASK_RUNS, "model-task-runs",                                            \
    "slg_model_apply per task line (a one-line delta)",                      \
    "test_chunk.c runs_are_exact; test_model.c runs_equal_lines; "           \
    "fuzz_chunks")                                                           \
  X(MODEL_LAST_STAGE, "model-last-stage",                                    \
    "the stage id map (stage_lookup)",                                       \
    "test_model.c reference_equals_normal")                                  \
  X(MODEL_EXEC_TABLE, "model-exec-table",                                    \
    "the executor hash map (exec_index_hashed)",                             \
    "test_model.c reference_equals_normal")                                  \
  X(MODEL_COMPACT, "model-compact-attempt",                                  \
    "a finished stage attempt kept as it was (its tally lookup, its "        \
    "sketch's values or bucket window, unpacked)",                           \
    "test_model.c cases (late task lines) and seeded logs; "                 \
    "test_sketch.c compact_keeps_answers; reference_identical.sh")           \
  X(TSM_FAST_START, "extract-tsm-start",                                    \
    "starting() in slg_extract_tasksetmanager_general",                      \
    "test_extract.c fast == general sweep; fuzz_extract")                   \
  X(TSM_FAST_END, "extract-tsm-end",                                        \
    "finished() in slg_extract_tasksetmanager_general",                      \
    "test_extract.c fast == general sweep; fuzz_extract")                   \
  X(HIST_RECENT, "histogram-recent-loggers",                                 \
    "the histogram's hashed lookup of a logger name (histogram.c find)",     \
    "test_histogram.c reference_equals_normal; reference_identical.sh")    \
  X(MSG_MASK, "message-masker",                                              \
    "the masking rules as PCRE2 expressions, one pass each "                 \
    "(messages.c slg_mask_reference)",                                       \
    "test_messages.c fast_equals_reference, one_pass_equals_passes; "        \
    "reference_identical.sh")

typedef enum slg_fastpath {
#define SLG_FASTPATH_ENUM(id, name, general, test) SLG_FP_##id,
  SLG_FASTPATH_MAP(SLG_FASTPATH_ENUM)
#undef SLG_FASTPATH_ENUM
  SLG_FP_COUNT
} slg_fastpath;

/* The row's name, general path and test; NULL past SLG_FP_COUNT. */
const char *slg_fastpath_name(slg_fastpath id);
const char *slg_fastpath_general(slg_fastpath id);
const char *slg_fastpath_test(slg_fastpath id);

/* 1 when this build counts hits (SLG_FASTPATH_COUNTERS), else 0. */
int slg_fastpath_counting(void);
/* Hits of `id` since the start of the process (0 without counters). */
uint64_t slg_fastpath_hits(slg_fastpath id);

#ifdef SLG_FASTPATH_COUNTERS
/* Relaxed atomic increments: parsing threads count concurrently. */
extern uint64_t slg_fastpath_counter[SLG_FP_COUNT];
#define SLG_FASTPATH_HIT(id)                                                 \
  __atomic_fetch_add(&slg_fastpath_counter[SLG_FP_##id], 1,                  \
                     __ATOMIC_RELAXED)
#else
#define SLG_FASTPATH_HIT(id) ((void)0)
#endif

#endif /* SLG_FASTPATH_H */
