/*
 * extract_shuffle.c - MapOutputTracker* and ShufflePartitionsUtil (AQE)
 * messages -> shuffle size events. All sizes here are raw byte counts.
 */
#include "extract.h"

/* "Size of output statuses for shuffle 0 is 155 bytes" (1.6-2.2);
 * "Broadcast mapstatuses size = 431, actual size = 5242880" (2.3-3.1),
 * "Broadcast outputstatuses size = ..." (3.2+), no shuffle id. */
static int status_size(slg_cur *c, slg_event *ev)
{
  if (slg_cur_lit(c, "Size of output statuses for shuffle ")) {
    if (!slg_cur_u64(c, &ev->shuffle) || !slg_cur_lit(c, " is ") ||
        !slg_cur_u64(c, &ev->n))
      return 0;
    ev->flag = 1;
    ev->kind = SLG_EV_MAP_STATUS_SIZE;
    return 1;
  }
  if (!slg_cur_lit(c, "Broadcast mapstatuses size = ") &&
      !slg_cur_lit(c, "Broadcast outputstatuses size = "))
    return 0;
  const char *a = slg_find(c->p, c->end, "actual size = ");
  if (a == NULL)
    return 0;
  c->p = a + 14;
  if (!slg_cur_u64(c, &ev->n))
    return 0;
  ev->kind = SLG_EV_MAP_STATUS_SIZE;
  return 1;
}

/* "For shuffle(0, 1), advisory target size: 67108864, actual target size
 * 1048576, minimum partition size: 1048576" (3.2+; 3.0 has no minimum;
 * 4.0 "For shuffle(0, advisory ..." drops the ')'). */
static int aqe(slg_cur *c, slg_event *ev)
{
  if (!slg_cur_lit(c, "For shuffle("))
    return 0;
  const char *a = slg_find(c->p, c->end, "advisory target size: ");
  if (a == NULL)
    return 0;
  const char *le = a;
  while (le > c->p && (le[-1] == ' ' || le[-1] == ',' || le[-1] == ')'))
    le--;
  ev->str = slg_span_between(c->p, le);
  c->p = a + 22;
  if (!slg_cur_u64(c, &ev->n) || !slg_cur_lit(c, ", actual target size ") ||
      !slg_cur_u64(c, &ev->n2))
    return 0;
  if (slg_cur_lit(c, ", minimum partition size: ") &&
      slg_cur_u64(c, &ev->n3))
    ev->flag = 1;
  ev->kind = SLG_EV_AQE_TARGET;
  return 1;
}

int slg_extract_shuffle(slg_span msg, slg_event *out)
{
  int bad = 0;
  msg = slg_trim_right(msg);
  slg_event_clear(out);
  if (msg.len < 12)
    return SLG_EXTRACT_NONE;
  int ok = slg_try_alt(status_size, msg, out, &bad) ||
           slg_try_alt(aqe, msg, out, &bad);
  if (!ok)
    return SLG_EXTRACT_NONE;
  return bad ? SLG_EXTRACT_REJECTED : SLG_EXTRACT_OK;
}
