/*
 * file_source.c - a plain file's reader and mapping as the byte source of
 * positional chunks (run.h).
 */
#include "run.h"

static ptrdiff_t read_at(void *ctx, char *buf, size_t n, uint64_t pos)
{
  return slg_reader_pread(((slg_file_source *)ctx)->r, buf, n, pos);
}

static int populate(void *ctx, const char *p, size_t n)
{
  return slg_mapping_populate(((slg_file_source *)ctx)->map, p, n);
}

void slg_file_source_init(slg_file_source *out, slg_reader *r,
                          const slg_mapping *map)
{
  out->r = r;
  out->map = map;
  out->src.read_at = read_at;
  out->src.populate = populate;
  out->src.base = map ? (const char *)map->base : NULL;
  out->src.ctx = out;
}
