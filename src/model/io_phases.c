/*
 * io_phases.c - per-application I/O phase tallies (io_phases.h). Runs in
 * the serial merge, only for the records of the I/O loggers' routes.
 */
#include "io_phases.h"

#include <stdlib.h>

const char *slg_io_kind_name(slg_io_kind k)
{
  static const char *const names[SLG_IO_KIND_COUNT] = {
      "listing", "write_commit", "committer", "metastore", "broadcast_build"};
  return (unsigned)k < SLG_IO_KIND_COUNT ? names[k] : "unknown";
}

void slg_io_phases_add(slg_io_phases **p, slg_io_kind k, double ms,
                       const slg_pos *pos, int64_t now_ms, int timed)
{
  if ((unsigned)k >= SLG_IO_KIND_COUNT)
    return;
  if (*p == NULL) {
    *p = slg_xcalloc(1, sizeof **p);
    for (int i = 0; i < SLG_IO_KIND_COUNT; i++)
      (*p)->kind[i].first_ms = (*p)->kind[i].last_ms = -1;
  }
  slg_io_phase *ph = &(*p)->kind[k];
  if (ph->lines > 0 && timed && ph->last_ms >= 0 && now_ms >= ph->last_ms &&
      pos->file == ph->last.file && pos->line == ph->last.line + 1 &&
      ph->last_timed)
    ph->contiguous_ms += now_ms - ph->last_ms;
  ph->last_timed = timed;
  if (ph->lines++ == 0)
    ph->first = *pos;
  ph->last = *pos;
  if (timed) {
    if (ph->first_ms < 0)
      ph->first_ms = now_ms;
    ph->last_ms = now_ms;
  }
  if (ms < 0)
    return;
  ph->durations++;
  ph->duration_sum_ms += ms;
  if (ph->durations == 1 || ms > ph->duration_max_ms) {
    ph->duration_max_ms = ms;
    ph->duration_max_pos = *pos;
  }
  if (ph->nevents < SLG_IO_MAX_EVENTS) {
    ph->events[ph->nevents].pos = *pos;
    ph->events[ph->nevents].ms = ms;
    ph->nevents++;
  }
}

int64_t slg_io_phase_span_ms(const slg_io_phase *ph)
{
  if (ph->lines == 0 || ph->first_ms < 0 || ph->last_ms < ph->first_ms)
    return -1;
  return ph->last_ms - ph->first_ms;
}

double slg_io_phase_ms(const slg_io_phase *ph)
{
  double c = (double)ph->contiguous_ms;
  return ph->duration_sum_ms > c ? ph->duration_sum_ms : c;
}

int slg_io_phases_any(const slg_io_phases *p)
{
  if (p == NULL)
    return 0;
  for (int i = 0; i < SLG_IO_KIND_COUNT; i++)
    if (p->kind[i].lines)
      return 1;
  return 0;
}

void slg_io_phases_free(slg_io_phases *p)
{
  free(p);
}
