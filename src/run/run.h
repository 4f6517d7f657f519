/*
 * run.h - the run layer: where input meets the pipeline.
 *
 * It drives an slg_reader (input) into an slg_pipeline: buffered, mapped
 * or on parsing threads (parallel.c, behind slg_pipeline_read), and lends
 * a plain file's reader and mapping to positional chunks as an
 * slg_byte_source, so that the pipeline itself does no I/O.
 */
#ifndef SLG_RUN_H
#define SLG_RUN_H

#include "input.h"
#include "pipeline.h"

/* A plain file's reader and its mapping (map->base NULL: none), seen as
 * a byte source. Both must outlive every chunk parsed from it. */
typedef struct slg_file_source {
  slg_byte_source src;
  slg_reader *r;
  const slg_mapping *map;
} slg_file_source;

/* Fills *out for r and map; out->src is what slg_chunk_parse_at takes. */
void slg_file_source_init(slg_file_source *out, slg_reader *r,
                          const slg_mapping *map);

/*
 * Many files read in list order, the small ones opened and parsed ahead
 * on parsing threads, each whole as one chunk, and merged in order
 * (ahead.c): the report is byte-identical to reading them one by one.
 *   slg_ahead_new   starts threads for paths[0..n) (NULL entries are read
 *                   by the caller as usual: stdin, FIFOs, what is not a
 *                   regular file); NULL when there is nothing to gain (one
 *                   thread, reference mode, fewer than two files). The
 *                   paths, p's options and hooks must outlive it; the
 *                   workers use p's options only, so the files may be
 *                   merged into other pipelines made with the same ones;
 *   slg_ahead_has   1 when index i is read through a (a may be NULL);
 *   slg_ahead_open  stands for slg_reader_open_hooked of paths[i], i
 *                   increasing (indices skipped are closed unread): its
 *                   status, errno as the open left it, and on success
 *                   the reader, which the caller closes after
 *                   slg_ahead_read;
 *   slg_ahead_read  stands for slg_pipeline_read(p, r) of that reader;
 *   slg_ahead_done  gives back index i when slg_ahead_read is not called
 *                   (slg_ahead_open and slg_ahead_read do it themselves);
 *   slg_ahead_free  joins the threads and closes what was opened ahead.
 */
typedef struct slg_ahead slg_ahead;
slg_ahead *slg_ahead_new(const slg_pipeline *p, const char *const *paths,
                         size_t n, const slg_reader_hooks *hooks);
int slg_ahead_has(const slg_ahead *a, size_t i);
int slg_ahead_open(slg_ahead *a, size_t i, slg_reader **out);
ptrdiff_t slg_ahead_read(slg_ahead *a, size_t i, slg_pipeline *p,
                         slg_reader *r);
void slg_ahead_done(slg_ahead *a, size_t i);
void slg_ahead_free(slg_ahead *a);

#endif /* SLG_RUN_H */
