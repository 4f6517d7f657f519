/*
 * fastpath.c - the registry's names and, in counting builds, its hit
 * counters (fastpath.h).
 */
#include "fastpath.h"

#include <stddef.h>

#define SLG_FASTPATH_ROW(id, name, general, test) {name, general, test},
static const struct {
  const char *name, *general, *test;
} rows[SLG_FP_COUNT] = {SLG_FASTPATH_MAP(SLG_FASTPATH_ROW)};
#undef SLG_FASTPATH_ROW

#ifdef SLG_FASTPATH_COUNTERS
uint64_t slg_fastpath_counter[SLG_FP_COUNT];
#endif

const char *slg_fastpath_name(slg_fastpath id)
{
  return (unsigned)id < SLG_FP_COUNT ? rows[id].name : NULL;
}

const char *slg_fastpath_general(slg_fastpath id)
{
  return (unsigned)id < SLG_FP_COUNT ? rows[id].general : NULL;
}

const char *slg_fastpath_test(slg_fastpath id)
{
  return (unsigned)id < SLG_FP_COUNT ? rows[id].test : NULL;
}

int slg_fastpath_counting(void)
{
#ifdef SLG_FASTPATH_COUNTERS
  return 1;
#else
  return 0;
#endif
}

uint64_t slg_fastpath_hits(slg_fastpath id)
{
#ifdef SLG_FASTPATH_COUNTERS
  if ((unsigned)id < SLG_FP_COUNT)
    return __atomic_load_n(&slg_fastpath_counter[id], __ATOMIC_RELAXED);
#else
  (void)id;
#endif
  return 0;
}
