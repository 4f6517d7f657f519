/*
 * suggest.c - "did you mean": the candidate nearest a misspelt word.
 */
#include <stddef.h>
#include <string.h>

#include "cli.h"

static char fold(char c)
{
  if (c >= 'A' && c <= 'Z')
    return (char)(c - 'A' + 'a');
  return c == '-' ? '_' : c;
}

/* Optimal string alignment distance of a and b, case and '-'/'_'
 * folded; words longer than 63 bytes are never near anything. */
static size_t distance(const char *a, const char *b)
{
  size_t n = strlen(a), m = strlen(b);
  if (n > 63 || m > 63)
    return (size_t)-1;
  size_t d[64][64];
  for (size_t i = 0; i <= n; i++)
    d[i][0] = i;
  for (size_t j = 0; j <= m; j++)
    d[0][j] = j;
  for (size_t i = 1; i <= n; i++)
    for (size_t j = 1; j <= m; j++) {
      size_t cost = fold(a[i - 1]) != fold(b[j - 1]);
      size_t best = d[i - 1][j - 1] + cost;
      if (d[i - 1][j] + 1 < best)
        best = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < best)
        best = d[i][j - 1] + 1;
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
          fold(a[i - 2]) == fold(b[j - 1]) && d[i - 2][j - 2] + 1 < best)
        best = d[i - 2][j - 2] + 1; /* two letters swapped */
      d[i][j] = best;
    }
  return d[n][m];
}

const char *slg_cli_suggest(const char *word, const char *const *cands,
                            size_t n)
{
  const char *best = NULL;
  size_t best_d = (size_t)-1;
  for (size_t i = 0; i < n; i++) {
    size_t d = distance(word, cands[i]);
    if (d < best_d) {
      best_d = d;
      best = cands[i];
    }
  }
  /* Near enough to be a slip: two edits, or a third of a long word. */
  size_t len = strlen(word), limit = len / 3 > 2 ? len / 3 : 2;
  return best_d <= limit ? best : NULL;
}
