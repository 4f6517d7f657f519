/*
 * test_optional.h - unit tests that need something a machine may lack
 * (the corpus, a counting build).
 *
 * cmocka counts a skip() as a pass, so such tests live in a second group
 * that the same executable runs when its first argument is "optional";
 * ctest registers that run as <module>_optional with SKIP_RETURN_CODE 77,
 * and it exits 77 when every optional test was skipped. A test calls
 * SLG_TEST_SKIP() instead of skip().
 */
#ifndef SLG_TEST_OPTIONAL_H
#define SLG_TEST_OPTIONAL_H

#include <string.h>

static int slg_test_skips;

#define SLG_TEST_SKIP()                                                      \
  do {                                                                       \
    slg_test_skips++;                                                        \
    skip();                                                                  \
  } while (0)

/* Runs `tests` (n of them), or `optional` (nopt) when argv[1] is
 * "optional"; returns the exit status. */
#define slg_test_main(argc, argv, tests, optional)                           \
  ((argc) > 1 && strcmp((argv)[1], "optional") == 0                          \
       ? slg_test_optional_status(cmocka_run_group_tests(optional, NULL,     \
                                                         NULL),              \
                                  sizeof(optional) / sizeof((optional)[0]))  \
       : cmocka_run_group_tests(tests, NULL, NULL))

static inline int slg_test_optional_status(int failed, size_t n)
{
  if (failed)
    return failed;
  return (size_t)slg_test_skips == n ? 77 : 0;
}

#endif /* SLG_TEST_OPTIONAL_H */
