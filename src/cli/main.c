/* main.c - the sparklog command line (being written). */
#include <stdio.h>

#include "sparklog.h"

int main(void)
{
  printf("sparklog %s\n", SLG_VERSION);
  return 0;
}
