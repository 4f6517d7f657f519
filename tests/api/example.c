/*
 * example.c - the public API as its header shows it (include/sparklog.h):
 * read the files named on the command line into one pipeline, finish it
 * and print the report in the format named by the first argument
 * ("text" or "json"). Built against the public headers only and run by
 * ctest, which checks what it prints.
 *
 *   example json testdata/small-job.log
 */
#include "sparklog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
  if (argc < 3) {
    fprintf(stderr, "usage: example text|json FILE...\n");
    return 2;
  }
  slg_format format = strcmp(argv[1], "json") == 0 ? SLG_FORMAT_JSON
                                                   : SLG_FORMAT_TEXT;
  slg_options opt;
  slg_options_init(&opt);
  slg_pipeline *p;
  char error[256];
  if (slg_pipeline_new(&p, &opt, error) < 0) {
    fprintf(stderr, "example: %s\n", error);
    return 2;
  }
  int status = 0;
  for (int i = 2; i < argc; i++) {
    slg_reader *r;
    int rc = slg_reader_open(&r, argv[i]);
    if (rc < 0) {
      fprintf(stderr, "example: %s: %s\n", argv[i], slg_strerror(rc));
      status = 3;
      continue;
    }
    slg_pipeline_begin_file(p, argv[i]);
    ptrdiff_t read = slg_pipeline_read(p, r);
    slg_file_status st = {slg_reader_bytes_read(r),
                          slg_reader_bytes_decoded(r), (int)read,
                          slg_reader_error_offset(r), NULL};
    slg_pipeline_end_file(p, &st);
    slg_reader_close(r);
  }
  /* Before the end of the stream there is no report to render. */
  char *out;
  size_t len;
  if (slg_pipeline_render(p, format, &out, &len) != SLG_EINVAL ||
      out != NULL) {
    fprintf(stderr, "example: rendered an unfinished pipeline\n");
    return 1;
  }
  slg_pipeline_finish(p);
  if (slg_pipeline_render(p, format, &out, &len) != SLG_OK) {
    fprintf(stderr, "example: render failed\n");
    return 1;
  }
  fwrite(out, 1, len, stdout);
  free(out);
  slg_pipeline_free(p);
  return status;
}
