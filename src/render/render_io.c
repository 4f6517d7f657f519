/*
 * render_io.c - the I/O phases in JSON, ndjson and text (render_io.h).
 */
#include "render_io.h"

#include <stdio.h>

#include "format.h"
#include "io_phases.h"
#include "model_types.h"
#include "render.h"

void slg_json_io_phase_keys(slg_json *j, const slg_report *rep,
                            const slg_io_phase *ph)
{
  slg_json_key(j, "lines");
  slg_json_u64(j, ph->lines);
  slg_json_pos(j, rep, "first_line", ph->first);
  slg_json_pos(j, rep, "last_line", ph->last);
  int64_t span = slg_io_phase_span_ms(ph);
  slg_json_key(j, "span_ms");
  if (span < 0)
    slg_json_null(j);
  else
    slg_json_i64(j, span);
  slg_json_key(j, "durations");
  slg_json_object_begin(j);
  slg_json_key(j, "count");
  slg_json_u64(j, ph->durations);
  slg_json_key(j, "sum_ms");
  slg_json_double(j, ph->duration_sum_ms, 3);
  slg_json_key(j, "max_ms");
  if (ph->durations)
    slg_json_double(j, ph->duration_max_ms, 3);
  else
    slg_json_null(j);
  slg_json_pos(j, rep, "max_line", ph->duration_max_pos);
  slg_json_object_end(j);
  slg_json_key(j, "events");
  slg_json_array_begin(j);
  for (size_t i = 0; i < ph->nevents; i++) {
    slg_json_object_begin(j);
    slg_json_key(j, "line");
    slg_json_u64(j, ph->events[i].pos.line);
    slg_json_key(j, "ms");
    slg_json_double(j, ph->events[i].ms, 3);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);
  slg_json_key(j, "events_other");
  slg_json_u64(j, ph->durations - ph->nevents);
}

void slg_json_io_phases(slg_json *j, const slg_report *rep,
                        const slg_app *a)
{
  slg_json_key(j, "io_phases");
  slg_json_object_begin(j);
  for (int k = 0; a->io != NULL && k < SLG_IO_KIND_COUNT; k++) {
    const slg_io_phase *ph = &a->io->kind[k];
    if (ph->lines == 0)
      continue;
    slg_json_key(j, slg_io_kind_name((slg_io_kind)k));
    slg_json_object_begin(j);
    slg_json_io_phase_keys(j, rep, ph);
    slg_json_object_end(j);
  }
  slg_json_object_end(j);
}

static const slg_col io_cols[] = {
    {"APP", SLG_COL_RIGHT, 0, 0},    {"PHASE", 0, 0, 0},
    {"LINES", SLG_COL_RIGHT, 0, 0},  {"SPAN", SLG_COL_RIGHT, 0, 0},
    {"STATED", SLG_COL_RIGHT, 2, 0}, {"MAX", SLG_COL_RIGHT, 1, 0},
    {"FIRST", SLG_COL_RIGHT, 3, 0},  {"LAST", SLG_COL_RIGHT, 3, 0},
};

void slg_render_text_io(const slg_report *rep, const slg_render_options *o,
                        slg_buf *out)
{
  size_t napps;
  const slg_app *apps = slg_model_apps(rep->model, &napps);
  size_t any = 0;
  for (size_t i = 0; i < napps; i++)
    any += slg_io_phases_any(apps[i].io) != 0;
  if (any == 0)
    return;
  slg_buf_putc(out, '\n');
  slg_styled(out, o->color, SLG_STYLE_BOLD, "I/O phases");
  slg_buf_putc(out, '\n');
  slg_table t;
  slg_table_init(&t, io_cols, sizeof io_cols / sizeof *io_cols, 2, o->width,
                 o->color);
  char tmp[64];
  for (int pass = 0; pass < 2; pass++) {
    if (pass) {
      slg_table_layout(&t);
      slg_table_header(&t, out);
    }
    for (size_t i = 0; i < napps; i++) {
      if (apps[i].io == NULL)
        continue;
      for (int k = 0; k < SLG_IO_KIND_COUNT; k++) {
        const slg_io_phase *ph = &apps[i].io->kind[k];
        if (ph->lines == 0)
          continue;
        snprintf(tmp, sizeof tmp, "%zu", i + 1);
        slg_table_cell_str(&t, tmp, NULL);
        slg_table_cell_str(&t, slg_io_kind_name((slg_io_kind)k), NULL);
        slg_table_cell_str(&t, slg_fmt_count(ph->lines, tmp), NULL);
        int64_t span = slg_io_phase_span_ms(ph);
        slg_table_cell_str(
            &t, span < 0 ? "-" : slg_fmt_duration((double)span, tmp), NULL);
        slg_table_cell_str(&t,
                           ph->durations ? slg_fmt_duration(
                                               ph->duration_sum_ms, tmp)
                                         : "-",
                           NULL);
        slg_table_cell_str(&t,
                           ph->durations ? slg_fmt_duration(
                                               ph->duration_max_ms, tmp)
                                         : "-",
                           NULL);
        snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)ph->first.line);
        slg_table_cell_str(&t, tmp, NULL);
        snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)ph->last.line);
        slg_table_cell_str(&t, tmp, NULL);
        slg_table_row(&t, pass ? out : NULL);
      }
    }
  }
  slg_table_dispose(&t);
  slg_buf_puts(out, "  SPAN: first to last line of the phase; STATED: the "
                    "durations its lines state\n");
}
