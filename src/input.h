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

#endif /* SLG_INPUT_H */
