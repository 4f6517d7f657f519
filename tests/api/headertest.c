/*
 * headertest.c - the public headers alone, compiled with -std=c11
 * -pedantic -Werror and every warning on: they must need nothing from
 * src/, and what they declare must link. Run, it checks that the header's
 * version is the library's.
 */
#include "sparklog.h"

#include <stdio.h>
#include <string.h>

int main(void)
{
  if (slg_version_number() != SLG_VERSION_NUMBER ||
      strcmp(slg_version(), SLG_VERSION) != 0) {
    fprintf(stderr, "headertest: header %s (%d), library %s (%d)\n",
            SLG_VERSION, SLG_VERSION_NUMBER, slg_version(),
            slg_version_number());
    return 1;
  }
  if (strcmp(slg_strerror(SLG_EINVAL), slg_strerror(SLG_ENOENT)) == 0)
    return 1;
  return 0;
}
