/*
 * render_io.h - the I/O phases of each application (io_phases.h) in the
 * outputs: JSON "io_phases" per application, ndjson `phase` objects, the
 * text section "I/O phases" (docs/json-schema.md, docs/ndjson-schema.md).
 */
#ifndef SLG_RENDER_IO_H
#define SLG_RENDER_IO_H

#include "render.h"
#include "render_json.h"

struct slg_app;
struct slg_io_phase;

/* "io_phases": {kind: {...}, ...} of a (an empty object when none). */
void slg_json_io_phases(slg_json *j, const slg_report *rep,
                        const struct slg_app *a);
/* The keys of one kind (after "kind"), as in "io_phases". */
void slg_json_io_phase_keys(slg_json *j, const slg_report *rep,
                            const struct slg_io_phase *ph);
/* The text section "I/O phases" (nothing when no application has one). */
void slg_render_text_io(const slg_report *rep, const slg_render_options *o,
                        slg_buf *out);

#endif /* SLG_RENDER_IO_H */
