/*
 * input.h - internal interface of the input layer (the public one is in
 * include/sparklog.h).
 */
#ifndef SLG_INPUT_H
#define SLG_INPUT_H

#include "sparklog.h"

/*
 * slg_reader_open, with the gzip backend forced to zlib when force_zlib is
 * non-zero, so tests exercise both backends in one build.
 */
int slg_reader_open_backend(slg_reader **out, const char *path,
                            int force_zlib);

/*
 * Positional reads, for the parallel path's plain regular files: several
 * threads read their own chunks with pread(2), so the bytes are copied
 * once, into the cache of the core that parses them.
 *   slg_reader_positional: the file's size, or -1 when r cannot be read so
 *     (gzip, a pipe or terminal, or reading already began);
 *   slg_reader_pread: up to cap bytes at offset (0 at the end, SLG_EIO);
 *     any thread, any order;
 *   slg_reader_positional_end: the input was read to `end` (error: an
 *     SLG_E* code, sticky as for slg_reader_read); the byte counters say
 *     so and further slg_reader_read calls return 0 or the error.
 */
int64_t slg_reader_positional(const slg_reader *r);
ptrdiff_t slg_reader_pread(slg_reader *r, char *buf, size_t cap,
                           uint64_t offset);
void slg_reader_positional_end(slg_reader *r, uint64_t end, int error);

#endif /* SLG_INPUT_H */
