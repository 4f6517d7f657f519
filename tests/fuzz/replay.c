/*
 * replay.c - main() for the fuzz targets when libFuzzer is not available.
 *
 * Usage: fuzz_<target> DIR_OR_FILE...
 *
 * Feeds every file (directories are walked one level deep) to
 * LLVMFuzzerTestOneInput, then the same file cut at a few points, with
 * a few deterministic byte flips and, for a target with a custom mutator,
 * a few of its mutations, so a plain gcc build still runs each
 * harness over the seed corpus and every recorded regression. A missing
 * directory is skipped (regressions/<target> may not exist yet). Exits 0
 * when every input ran; a broken invariant aborts the process.
 */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static size_t inputs_run;
static const char *current_file = "";
static const char *current_variant = "";

/* On a crash, say which input did it (the variant tells how the file was
 * changed), then let the default action produce the core/exit status. */
static void on_crash(int sig)
{
  fprintf(stderr, "replay: crashed on %s (%s)\n", current_file,
          current_variant);
  signal(sig, SIG_DFL);
  raise(sig);
}

static void run(const uint8_t *data, size_t n)
{
  /* A private copy, so a harness reading past the end trips ASan. */
  uint8_t *copy = malloc(n ? n : 1);
  if (!copy)
    abort();
  if (n)
    memcpy(copy, data, n);
  LLVMFuzzerTestOneInput(copy, n);
  free(copy);
  inputs_run++;
}

static void run_variants(const uint8_t *data, size_t n, const char *seedname)
{
  current_variant = "as is";
  run(data, n);
  /* Prefixes: every stage must cope with input ending anywhere. */
  current_variant = "a prefix";
  for (int k = 1; k < 8 && n > 1; k++)
    run(data, n * (size_t)k / 8);
  /* Byte flips at positions chosen from the file name's hash, so a
   * failure reproduces from the same corpus. */
  uint64_t st = 1469598103934665603u;
  for (const char *p = seedname; *p; p++)
    st = (st ^ (unsigned char)*p) * 1099511628211u;
  uint8_t *m = malloc(n ? n : 1);
  if (!m)
    abort();
  current_variant = "bytes flipped";
  for (int k = 0; k < 16 && n; k++) {
    memcpy(m, data, n);
    for (int f = 0; f < 1 + k % 4; f++) {
      uint64_t r = fuzz_rand(&st);
      m[r % n] = (uint8_t)(r >> 32);
    }
    run(m, n);
  }
  free(m);
  /* The target's own mutator, when it has one: a few of its mutations,
   * seeded like the flips. */
  if (LLVMFuzzerCustomMutator) {
    size_t cap = n + 65536;
    uint8_t *b = malloc(cap);
    if (!b)
      abort();
    current_variant = "custom mutator";
    for (unsigned k = 0; k < 8; k++) {
      memcpy(b, data, n);
      run(b, LLVMFuzzerCustomMutator(b, n, cap, (unsigned)st + k));
    }
    free(b);
  }
}

static int run_file(const char *path)
{
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    return -1;
  }
  uint8_t *data = NULL;
  size_t n = 0, cap = 0;
  for (;;) {
    if (n == cap) {
      cap = cap ? cap * 2 : 4096;
      uint8_t *grown = realloc(data, cap);
      if (!grown)
        abort();
      data = grown;
    }
    size_t got = fread(data + n, 1, cap - n, f);
    if (!got)
      break;
    n += got;
  }
  fclose(f);
  current_file = path;
  const char *base = strrchr(path, '/');
  run_variants(data, n, base ? base + 1 : path);
  free(data);
  return 0;
}

int main(int argc, char **argv)
{
  int failed = 0;
  size_t files = 0;
  signal(SIGABRT, on_crash);
  signal(SIGSEGV, on_crash);
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) != 0)
      continue; /* an absent corpus directory */
    if (!S_ISDIR(st.st_mode)) {
      failed |= run_file(argv[i]) != 0;
      files++;
      continue;
    }
    DIR *d = opendir(argv[i]);
    if (!d) {
      perror(argv[i]);
      failed = 1;
      continue;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
      if (e->d_name[0] == '.')
        continue;
      size_t len = strlen(argv[i]) + strlen(e->d_name) + 2;
      char *path = malloc(len);
      if (!path)
        abort();
      snprintf(path, len, "%s/%s", argv[i], e->d_name);
      failed |= run_file(path) != 0;
      files++;
      free(path);
    }
    closedir(d);
  }
  printf("%zu files, %zu inputs run\n", files, inputs_run);
  if (files == 0) {
    fprintf(stderr, "no corpus files found\n");
    return 1;
  }
  return failed;
}
