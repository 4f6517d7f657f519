/*
 * ahead.c - many small files, parsed on several threads (run.h).
 *
 * A file of a chunk or two has nothing to share out inside itself: the
 * parallelism is across files. Parsing threads take the next files of
 * the list in order: each opens its file (the reader reads a small one
 * whole) and parses all of it as one chunk of the run (slg_chunk_parse),
 * from the reader's buffer or the file's mapping. The calling thread
 * merges the files in list order (slg_pipeline_merge), so the model is
 * fed as the serial path feeds it and the report is byte-identical; when
 * the next file is not ready it takes one itself rather than wait. A
 * ring of slots bounds the files open at once.
 *
 * A file that cannot be parsed so (gzip, larger than two chunks, a read
 * error, an error set at open) is only opened ahead: the caller's thread
 * reads it with slg_pipeline_read, as without this module. Parsing ahead
 * is a fast path of the registry (fastpath.h, RUN_FILES_AHEAD): the
 * caller does not make one in reference mode or with one thread.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

#include "run.h"

enum { EMPTY, CLAIMED, DONE };
enum { NOT_PARSED, PARSED_HELD, PARSED_MAPPED, PARSED_BUFFER };

typedef struct ahead_slot {
  int state;
  int rc;     /* slg_reader_open_hooked's status */
  int err;    /* errno after it */
  int handed; /* the reader went to the caller */
  int how;    /* NOT_PARSED, or where the chunk's bytes are */
  slg_reader *r;
  slg_chunk *chunk;
  slg_mapping map;
  uint64_t size; /* a positional file's size, as parsed */
  char *buf;
  size_t buf_cap;
} ahead_slot;

struct slg_ahead {
  const char *const *paths;
  size_t n;
  slg_reader_hooks hooks;
  int (*stopped)(void *ctx);
  void *stop_ctx;
  int no_mmap;
  uint64_t max_size; /* positional files up to this are parsed whole */
  ahead_slot *slots;
  size_t nslots;
  /* Indices: every one below `base` was released; next_claim is the
   * next one to take; the slot of index i is slots[i % nslots], taken
   * only while i < base + nslots. */
  size_t base, next_claim;
  int stopping;
  pthread_t workers[SLG_MAX_THREADS];
  unsigned nworkers;
  pthread_mutex_t mu;
  pthread_cond_t done, room;
};

static ahead_slot *slot_of(slg_ahead *a, size_t i)
{
  return &a->slots[i % a->nslots];
}

/* The next index to prepare (a locked), or n when none may be now:
 * *wait set when one would be after a release. */
static size_t claim(slg_ahead *a, int *wait)
{
  *wait = 0;
  while (a->next_claim < a->n && a->paths[a->next_claim] == NULL)
    a->next_claim++;
  if (a->stopping || a->next_claim == a->n)
    return a->n;
  if (a->next_claim >= a->base + a->nslots) {
    *wait = 1;
    return a->n;
  }
  size_t i = a->next_claim++;
  slot_of(a, i)->state = CLAIMED;
  return i;
}

/* Reads all `size` bytes of a positional file into the slot's buffer:
 * 0, or -1 (an error or a shorter file: the caller's thread reads it). */
static int read_whole(ahead_slot *s, uint64_t size)
{
  if (s->buf_cap < size) {
    free(s->buf);
    s->buf = slg_xmalloc((size_t)size);
    s->buf_cap = (size_t)size;
  }
  uint64_t got = 0;
  while (got < size) {
    ptrdiff_t k = slg_reader_pread(s->r, s->buf + got, (size_t)(size - got),
                                   got);
    if (k <= 0)
      return -1;
    got += (uint64_t)k;
  }
  return 0;
}

/* Opens file i and parses it whole when it can (a unlocked). */
static void prepare(slg_ahead *a, size_t i)
{
  ahead_slot *s = slot_of(a, i);
  s->how = NOT_PARSED;
  s->handed = 0;
  errno = 0;
  s->rc = slg_reader_open_hooked(&s->r, a->paths[i], &a->hooks);
  s->err = errno;
  if (s->rc < 0 || (a->stopped && a->stopped(a->stop_ctx)))
    return;
  const char *held;
  ptrdiff_t k;
  if (slg_reader_whole(s->r) && (k = slg_reader_held(s->r, &held)) > 0) {
    slg_chunk_parse(s->chunk, held, (size_t)k);
    s->how = PARSED_HELD;
    return;
  }
  int64_t size = slg_reader_positional(s->r);
  if (size <= 0 || (uint64_t)size > a->max_size)
    return;
  s->size = (uint64_t)size;
  const char *data = a->no_mmap ? NULL
                                : slg_reader_map(s->r, 0, (size_t)size,
                                                 &s->map);
  if (data && slg_mapping_populate(&s->map, data, (size_t)size) == 0) {
    SLG_FASTPATH_HIT(RUN_MAPPED);
    slg_chunk_parse(s->chunk, data, (size_t)size);
    s->how = PARSED_MAPPED;
    return;
  }
  slg_mapping_release(&s->map);
  if (read_whole(s, s->size) == 0) {
    slg_chunk_parse(s->chunk, s->buf, (size_t)size);
    s->how = PARSED_BUFFER;
  }
}

/* Prepares index i (claimed; a locked on entry and on return). */
static void prepare_locked(slg_ahead *a, size_t i)
{
  pthread_mutex_unlock(&a->mu);
  prepare(a, i);
  pthread_mutex_lock(&a->mu);
  slot_of(a, i)->state = DONE;
  pthread_cond_broadcast(&a->done);
}

static void *worker_main(void *arg)
{
  slg_ahead *a = arg;
  pthread_mutex_lock(&a->mu);
  for (;;) {
    int wait;
    size_t i = claim(a, &wait);
    if (i < a->n) {
      prepare_locked(a, i);
      if (a->stopped && a->stopped(a->stop_ctx))
        break; /* no more files opened ahead */
    } else if (wait) {
      pthread_cond_wait(&a->room, &a->mu);
    } else {
      break;
    }
  }
  pthread_mutex_unlock(&a->mu);
  return NULL;
}

/* Gives back a prepared slot: its reader unless handed out, its
 * mapping; the chunk stays for the next file (a locked or not: the
 * slot is no thread's). */
static void release(ahead_slot *s)
{
  if (!s->handed)
    slg_reader_close(s->r);
  s->r = NULL;
  s->handed = 0;
  slg_mapping_release(&s->map);
  s->how = NOT_PARSED;
  s->state = EMPTY;
}

/* A parsing thread's stack: the parsers keep their state on the heap. */
#define THREAD_STACK (2u * 1024 * 1024)

slg_ahead *slg_ahead_new(const slg_pipeline *p, const char *const *paths,
                         size_t n, const slg_reader_hooks *hooks)
{
  unsigned threads = p->opt.threads;
  if (threads > SLG_MAX_THREADS)
    threads = SLG_MAX_THREADS;
  size_t eligible = 0;
  for (size_t i = 0; i < n; i++)
    eligible += paths[i] != NULL;
  if (threads <= 1 || p->opt.reference || eligible < 2)
    return NULL;
  slg_ahead *a = slg_xcalloc(1, sizeof *a);
  a->paths = paths;
  a->n = n;
  if (hooks)
    a->hooks = *hooks;
  a->stopped = p->opt.stopped;
  a->stop_ctx = p->opt.stop_ctx;
  a->no_mmap = p->opt.no_mmap;
  a->max_size = 2 * (uint64_t)(p->opt.chunk_size ? p->opt.chunk_size
                                                 : SLG_DEFAULT_CHUNK);
  /* One slot each being parsed or merged, and as many ahead. */
  a->nslots = 2 * (size_t)threads + 4;
  a->slots = slg_xcalloc(a->nslots, sizeof *a->slots);
  for (size_t i = 0; i < a->nslots; i++)
    a->slots[i].chunk = slg_chunk_new(p);
  pthread_mutex_init(&a->mu, NULL);
  pthread_cond_init(&a->done, NULL);
  pthread_cond_init(&a->room, NULL);
  /* The stop signals go to the threads that read streams, never here:
   * the workers start with them blocked. */
  sigset_t stop, saved;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, &saved);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, THREAD_STACK);
  /* The calling thread parses too: threads - 1 workers. */
  for (; a->nworkers < threads - 1; a->nworkers++)
    if (pthread_create(&a->workers[a->nworkers], &attr, worker_main, a) != 0)
      break;
  pthread_attr_destroy(&attr);
  pthread_sigmask(SIG_SETMASK, &saved, NULL);
  return a;
}

int slg_ahead_has(const slg_ahead *a, size_t i)
{
  return a && i < a->n && a->paths[i] != NULL;
}

int slg_ahead_open(slg_ahead *a, size_t i, slg_reader **out)
{
  pthread_mutex_lock(&a->mu);
  /* Files skipped since (the run was stopped) are closed unread. */
  for (size_t j = a->base; j < i; j++) {
    if (a->paths[j] == NULL || j >= a->next_claim)
      continue;
    while (slot_of(a, j)->state == CLAIMED)
      pthread_cond_wait(&a->done, &a->mu);
    release(slot_of(a, j));
  }
  if (a->base < i) {
    a->base = i;
    pthread_cond_broadcast(&a->room);
  }
  if (a->next_claim <= i) {
    a->next_claim = i;
    int wait;
    prepare_locked(a, claim(a, &wait));
  }
  ahead_slot *s = slot_of(a, i);
  while (s->state != DONE) {
    /* Not ready: prepare a later one meanwhile rather than wait. */
    int wait;
    size_t j = claim(a, &wait);
    if (j < a->n)
      prepare_locked(a, j);
    else
      pthread_cond_wait(&a->done, &a->mu);
  }
  pthread_mutex_unlock(&a->mu);
  *out = s->r;
  s->handed = 1;
  int rc = s->rc;
  errno = s->err;
  if (rc < 0)
    slg_ahead_done(a, i);
  return rc;
}

/* Ends a positional read of `size` bytes, as parallel.c does: a file
 * now shorter shrank while it was read. */
static ptrdiff_t positional_end(slg_reader *r, uint64_t size)
{
  int64_t now = slg_reader_size_now(r);
  if (now >= 0 && (uint64_t)now < size) {
    slg_reader_positional_end_at(r, size, SLG_ESHRANK, (uint64_t)now);
    return SLG_ESHRANK;
  }
  slg_reader_positional_end(r, size, 0);
  return 0;
}

ptrdiff_t slg_ahead_read(slg_ahead *a, size_t i, slg_pipeline *p,
                         slg_reader *r)
{
  ahead_slot *s = slot_of(a, i);
  ptrdiff_t n;
  if (s->how == NOT_PARSED) {
    n = slg_pipeline_read(p, r);
  } else if (p->opt.stopped && p->opt.stopped(p->opt.stop_ctx)) {
    /* As the serial path: nothing of the file is taken. */
    slg_reader_interrupt(r);
    char one;
    n = slg_reader_read(r, &one, 1);
  } else if (s->how == PARSED_HELD) {
    const char *held;
    (void)slg_reader_borrow(r, &held); /* what the chunk parsed */
    SLG_FASTPATH_HIT(RUN_FILES_AHEAD);
    slg_pipeline_merge(p, s->chunk);
    char one;
    n = slg_reader_read(r, &one, 1); /* 0 at the end it found at open */
  } else {
    SLG_FASTPATH_HIT(RUN_FILES_AHEAD);
    slg_pipeline_merge(p, s->chunk);
    n = positional_end(r, s->size);
  }
  slg_ahead_done(a, i);
  return n;
}

void slg_ahead_done(slg_ahead *a, size_t i)
{
  pthread_mutex_lock(&a->mu);
  if (a->base <= i) {
    release(slot_of(a, i));
    a->base = i + 1;
    /* A waiting worker is woken when half the ring is free, not at each
     * file: one wake-up (a context switch) per file would cost more than
     * a small file's parse. */
    if (a->next_claim <= a->base + a->nslots / 2)
      pthread_cond_broadcast(&a->room);
  }
  pthread_mutex_unlock(&a->mu);
}

void slg_ahead_free(slg_ahead *a)
{
  if (!a)
    return;
  pthread_mutex_lock(&a->mu);
  a->stopping = 1;
  pthread_cond_broadcast(&a->room);
  pthread_mutex_unlock(&a->mu);
  for (unsigned k = 0; k < a->nworkers; k++)
    pthread_join(a->workers[k], NULL);
  for (size_t j = a->base; j < a->next_claim; j++)
    if (a->paths[j] != NULL)
      release(slot_of(a, j));
  for (size_t k = 0; k < a->nslots; k++) {
    slg_chunk_free(a->slots[k].chunk);
    free(a->slots[k].buf);
  }
  free(a->slots);
  pthread_mutex_destroy(&a->mu);
  pthread_cond_destroy(&a->done);
  pthread_cond_destroy(&a->room);
  free(a);
}
