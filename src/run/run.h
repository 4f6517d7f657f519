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

#endif /* SLG_RUN_H */
