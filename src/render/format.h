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

/* The width of text output when the caller gives none (a pipe, a file,
 * the library): the classic terminal. */
#define SLG_TEXT_WIDTH 80

/*
 * Every text line fits the width the CLI gives (the terminal's, or
 * --width): display columns, counted with our own East Asian Width table
 * (width_table.h), never the locale's wcwidth. Tables choose, shorten
 * and drop columns (slg_table); prose wraps with a hanging indent.
 */

/* Columns a code point takes: 0 (combining marks, format characters,
 * controls), 2 (East Asian Wide and Fullwidth) or 1. */
int slg_cp_width(uint32_t cp);
/* Display width of UTF-8 text; ANSI SGR sequences ("\x1b[1m") take no
 * column, a malformed byte one. */
size_t slg_text_width(const char *s, size_t n);
/* Appends display text s (already escaped) shortened to at most `width`
 * columns: both ends kept, "..." in the middle ("collect at
 * My...Job.scala:42"); as it is when it fits. */
void slg_text_middle(slg_buf *out, const char *s, size_t n, size_t width);

/* Appends `text` wrapped at `width` columns, each line indented by
 * `indent` spaces; '\n' in text forces a break, a word longer than a
 * line is broken. text goes through the TEXT escaper. Ends with a
 * newline. */
void slg_text_wrap(slg_buf *out, const char *text, size_t indent,
                   size_t width);
/* The same with a hanging indent: the first line indented by `indent`,
 * the lines it wraps onto by `hang`. */
void slg_text_wrap_hang(slg_buf *out, const char *text, size_t indent,
                        size_t hang, size_t width);
/*
 * The safety net of every text view: each line of out from byte `from`
 * on that is wider than `width` is wrapped there, its continuation lines
 * indented two more than the line; a colour open at a break is reset
 * before it and opened again after. Lines already escaped: not again.
 */
void slg_text_fit(slg_buf *out, size_t from, size_t width);

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

/* Appends s padded with spaces to `width` columns (left-aligned, or
 * right-aligned when right != 0); s goes through the TEXT escaper. */
void slg_put_cell(slg_buf *b, const char *s, size_t n, size_t width,
                  int right);

/*
 * A text table that fits a width. Every column has a header (upper
 * case), columns are two blanks apart, the header row is dim. Rows are
 * given twice: a first pass measures (slg_table_row with out NULL), then
 * slg_table_layout decides and slg_table_header and the second pass
 * write; so nothing per row is kept (a table may have a million rows).
 *
 * When the natural widths (the widest cell or header of each column) do
 * not fit, SHRINK columns give way first, down to their `min` (a cell
 * then loses its middle: "collect at My...Job.scala:42"); then the
 * columns of lowest `prio` are dropped (those of one prio together), and
 * so on (prio 0: never dropped).
 * The last column is not padded: no blanks at a line's end.
 */
#define SLG_TABLE_MAX_COLS 16
#define SLG_COL_RIGHT 1u  /* right-aligned (numbers) */
#define SLG_COL_SHRINK 2u /* may be shortened (names, call sites) */
typedef struct slg_col {
  const char *head;
  unsigned flags;
  int prio;   /* dropped lowest first; 0 never */
  size_t min; /* a SHRINK column's least width */
} slg_col;

typedef struct slg_table {
  const slg_col *cols;
  size_t ncols, indent, width;
  int color;
  size_t natural[SLG_TABLE_MAX_COLS], w[SLG_TABLE_MAX_COLS];
  unsigned char shown[SLG_TABLE_MAX_COLS];
  /* The row being built: its cells' escaped text and styles. */
  slg_buf cells;
  size_t off[SLG_TABLE_MAX_COLS + 1], ncells;
  const char *style[SLG_TABLE_MAX_COLS];
} slg_table;

void slg_table_init(slg_table *t, const slg_col *cols, size_t ncols,
                    size_t indent, size_t width, int color);
void slg_table_dispose(slg_table *t);
/* The next cell of the row: s escaped (TEXT); style, NULL or an
 * SLG_STYLE_*, used when colour is on. */
void slg_table_cell(slg_table *t, const char *s, size_t n,
                    const char *style);
void slg_table_cell_str(slg_table *t, const char *s, const char *style);
/* The row's cells given: measured (out NULL) or written. */
void slg_table_row(slg_table *t, slg_buf *out);
void slg_table_layout(slg_table *t);
void slg_table_header(slg_table *t, slg_buf *out);

#endif /* SLG_FORMAT_H */
