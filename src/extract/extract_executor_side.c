/*
 * extract_executor_side.c - the Executor's own lines, present in the
 * driver log only in local mode. "Finished task 0.0 in stage 1.0 (TID 1).
 * 2082 bytes result sent to driver" repeats TaskSetManager's "Finished
 * task" with a different tail: it is never counted as a scheduler event,
 * only its result size is kept.
 */
#include "extract.h"

int slg_extract_executor_side(slg_span msg, slg_event *out)
{
  uint64_t index, ta;
  msg = slg_trim_right(msg);
  slg_event_clear(out);
  slg_cur c = slg_cur_make(msg);
  if (!slg_cur_lit(&c, "Finished task ") ||
      !slg_cur_dotted(&c, &index, &ta) || !slg_cur_lit(&c, " in stage ") ||
      !slg_cur_dotted(&c, &out->stage, &out->attempt) ||
      !slg_cur_lit(&c, " (TID ") || !slg_cur_u64(&c, &out->tid) ||
      !slg_cur_lit(&c, "). ") || !slg_cur_u64(&c, &out->n) ||
      !slg_cur_lit(&c, " bytes result sent")) {
    slg_event_clear(out);
    return SLG_EXTRACT_NONE;
  }
  out->index = index;
  out->task_attempt = ta;
  out->kind = SLG_EV_RESULT_SENT;
  return slg_cur_result(&c);
}
