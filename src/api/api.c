/*
 * api.c - the public API's entry points that span layers: a finished
 * pipeline's report, analysed with the default thresholds and rendered in
 * any format into a buffer the caller owns (include/sparklog.h). The CLI
 * does the same with its own thresholds and outputs.
 */
#include "analysis.h"
#include "findings.h"
#include "pipeline.h"
#include "render.h"

#include <stdlib.h>

int slg_pipeline_render(const slg_pipeline *p, slg_format format, char **out,
                        size_t *len)
{
  if (out)
    *out = NULL;
  if (len)
    *len = 0;
  if (!p || !out || (unsigned)format > SLG_FORMAT_GITLAB)
    return SLG_EINVAL;
  slg_report rep;
  slg_pipeline_report(&rep, p);
  if (!rep.finished)
    return SLG_EINVAL;
  slg_thresholds thresholds;
  slg_thresholds_init(&thresholds);
  slg_analysis analysis;
  slg_analysis_run_folded(&analysis, rep.model, &thresholds,
                          slg_report_input_kind(&rep), slg_pipeline_fold(p));
  slg_findings_platform(&analysis, &rep);
  rep.analysis = &analysis;
  rep.thresholds = &thresholds;
  slg_render_options ro = {.view = SLG_VIEW_REPORT, .pretty = 1};
  slg_buf b = SLG_BUF_INIT;
  slg_render(&rep, &ro, format, &b);
  slg_analysis_dispose(&analysis);
  slg_buf_putc(&b, '\0'); /* the terminator, not counted */
  *out = b.ptr;
  if (len)
    *len = b.len - 1;
  return SLG_OK;
}
