/*
 * format.h - numbers, sizes, durations and times as every human format
 * writes them (text, Markdown, JUnit, GitHub): one style each, here; and
 * the text layout every text section uses (styles, cells, wrapping).
 *
 * The slg_fmt_* functions write a NUL-terminated string into `buf`
 * (SLG_FMT_SIZE bytes at least) and return buf, so that calls nest in a
 * printf's arguments.
 */
#ifndef SLG_FORMAT_H
#define SLG_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
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

/* ------------------------------------------------------------ text */

/* Appends `text` wrapped at 78 columns, each line indented by `indent`
 * spaces; '\n' in text forces a break. Ends with a newline. */
void slg_text_wrap(slg_buf *out, const char *text, size_t indent);
/* The same with a hanging indent: the first line indented by `indent`,
 * the lines it wraps onto by `hang`. */
void slg_text_wrap_hang(slg_buf *out, const char *text, size_t indent,
                        size_t hang);

/* Shared by the text renderers: ANSI styling that is a no-op without
 * colour. */
#define SLG_STYLE_BOLD "\x1b[1m"
#define SLG_STYLE_DIM "\x1b[2m"
#define SLG_STYLE_RED "\x1b[31m"
#define SLG_STYLE_YELLOW "\x1b[33m"
#define SLG_STYLE_GREEN "\x1b[32m"
#define SLG_STYLE_CYAN "\x1b[36m"
#define SLG_STYLE_RESET "\x1b[0m"

/* Appends `text` wrapped in `style` when color is on. */
void slg_styled(slg_buf *b, int color, const char *style, const char *text);

/* Display width of a UTF-8 string (code points; no East Asian width). */
size_t slg_text_width(const char *s, size_t n);
/* Appends s padded with spaces to `width` columns (left-aligned, or
 * right-aligned when right != 0); s goes through the TEXT escaper. */
void slg_put_cell(slg_buf *b, const char *s, size_t n, size_t width,
                  int right);

#endif /* SLG_FORMAT_H */
