/*
 * io_fix.h - the finding IO_PHASE_DOMINATES: which I/O phase of an
 * application took a large part of its wall time, and the fix that fits
 * the phase (docs/spark-io-phases.md, "When a phase dominates").
 */
#ifndef SLG_IO_FIX_H
#define SLG_IO_FIX_H

#include "io_phases.h"

/* A phase dominates at >= 10% of the wall time and >= 30 s. */
#define SLG_IO_DOMINATES_SHARE 0.10
#define SLG_IO_DOMINATES_MS 30000.0

/* The kind whose slg_io_phase_ms is largest among those over both
 * thresholds for wall time `wall_ms`, or -1. */
int slg_io_dominant(const slg_io_phases *p, double wall_ms);

/* The fix for kind k (static text); `spark_version` may be NULL. */
const char *slg_io_fix(slg_io_kind k, const char *spark_version);

#endif /* SLG_IO_FIX_H */
