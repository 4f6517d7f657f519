/*
 * report.c - the questions every renderer asks of a report, answered once.
 */
#include "report.h"

slg_input_kind slg_report_input_kind(const slg_report *r)
{
  return slg_input_kind_of(r->hist, r->acc->lines,
                           r->acc->by_class[SLG_UNRECOGNIZED_SPARK_EVENT]);
}

int slg_report_complete(const slg_report *r)
{
  for (size_t i = 0; i < r->nfiles; i++)
    if (r->files[i].error || !r->files[i].ended)
      return 0;
  return 1;
}

const char *slg_report_layout_unmatched(const slg_report *r)
{
  const char *user = r->layout ? slg_layout_user_pattern(r->layout) : NULL;
  /* The user's pattern is layout 0 of every detector made with it. */
  if (!user || !r->acc->lines || r->acc->layout_records[0])
    return NULL;
  return user;
}

const char *slg_report_file_path(const slg_report *r, uint32_t index)
{
  return index < r->nfiles ? r->files[index].path : NULL;
}
