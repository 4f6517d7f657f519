/*
 * format.h - numbers, sizes, durations and times as every human format
 * writes them (text, Markdown, JUnit, GitHub): one style each, here.
 *
 * Each writes a NUL-terminated string into `buf` (SLG_FMT_SIZE bytes at
 * least) and returns buf, so that calls nest in a printf's arguments.
 */
#ifndef SLG_FORMAT_H
#define SLG_FORMAT_H

#include <stdint.h>

#include "common.h"

#define SLG_FMT_SIZE 32

/* A count with thousands separators: "1,234,567". */
const char *slg_fmt_count(uint64_t v, char *buf);

/* Milliseconds, rounded to the unit shown: "850 ms", "12.3 s", "4m05s",
 * "2h03m", "3d04h"; "-" when negative (unknown). */
const char *slg_fmt_duration(double ms, char *buf);

/* A byte count: "512 B", "826.8 KiB", "1.5 GiB". */
const char *slg_fmt_bytes(uint64_t v, char *buf);

/* "2024-08-13 15:12:49" (ISO with a space), or "-" when absent. */
const char *slg_fmt_time(const slg_time *t, char *buf);

#endif /* SLG_FORMAT_H */
