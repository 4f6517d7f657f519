/*
 * parallel.c - read one input with several parsing threads.
 *
 * Three roles, each on its own thread:
 *   - the reader fills chunks from the slg_reader (inflating gzip there,
 *     so decompression overlaps parsing) and cuts each after its last
 *     newline, carrying the partial line into the next chunk. When the
 *     ring is full it parses the chunk it has just filled, while the
 *     bytes are in its core's cache, instead of waiting;
 *   - workers parse chunks (slg_chunk_parse), any chunk, in any order:
 *     `threads` - 2 of them, so `threads` threads parse;
 *   - the calling thread merges parsed chunks in input order
 *     (slg_pipeline_merge) and so owns the pipeline throughout; when the
 *     next chunk is not parsed yet it parses one itself.
 * A fixed ring of threads + 3 chunks bounds memory whatever the input
 * size: the reader waits for a free chunk, the merger for the oldest one.
 *
 * A plain regular file needs no reader thread: it is mapped once and each
 * parsing thread faults in its own chunk's pages (slg_chunk_parse_at; with
 * pread where mapping is refused or turned off), so no core copies bytes
 * for another. Chunk k owns the lines that start in [k C, (k + 1) C).
 *
 * Bytes that cannot form a line-aligned chunk go to the merger unparsed
 * and through the serial line splitter ("serial" chunks): a line longer
 * than a chunk (the splitter cuts it at max_line) and the last line of an
 * input without a final newline. The splitter then holds no partial line
 * when a parsed chunk follows, as slg_pipeline_merge requires.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "run.h"

/* The serial path's read size: small enough that the bytes read() just
 * copied are still in the core's L2 cache when the parser reaches them. */
#define SERIAL_BUFFER (64 * 1024)
/* Its windows of a mapped file, each populated before it is fed and
 * given back after: two system calls per MiB. */
#define SERIAL_WINDOW (1024 * 1024)

typedef struct slot {
  slg_chunk *chunk;
  char *data;
  size_t len;
  int serial; /* not parsed: the merger feeds the bytes as they are */
  int idle;   /* the input went idle after it (slg_pipeline_on_idle) */
  uint64_t bytes_in; /* the reader's bytes read when it was filled */
  int claimed; /* a thread parses it (or it is serial) */
  int parsed;
} slot;

/* 1 when the caller asks reading to end (opt.stopped: a flag its signal
 * handler sets). Asked once per window or chunk, never per line. */
static int stop_now(const slg_pipeline *p)
{
  return p->opt.stopped && p->opt.stopped(p->opt.stop_ctx);
}

/* A window or chunk was parsed into p: the input consumed so far
 * (slg_pipeline_on_progress). Once per window, never per line. */
static void progress(slg_pipeline *p, uint64_t bytes_in)
{
  if (p->on_progress)
    p->on_progress(p->on_progress_ctx, bytes_in);
}

typedef struct par {
  slg_pipeline *p;
  slg_reader *r;
  size_t chunk_size;
  slot *ring;
  size_t nslots;
  /* Sequence numbers: merged < parse_next <= filled, filled - merged <=
   * nslots; slot i holds sequence numbers congruent to i. */
  size_t merged, parse_next, filled;
  int reading_done;
  /* Positional mode: the file's size and how many chunks cover it; the
   * whole file mapped (map.base NULL: read with pread), and the offset
   * below which its pages were given back. */
  int positional;
  uint64_t size;
  size_t nchunks;
  slg_mapping map;
  slg_file_source src; /* the reader and the mapping, for the chunks */
  uint64_t dropped;
  uint64_t end;    /* file offset after the last merged line */
  int pos_error;   /* the first chunk's SLG_EIO, in input order */
  ptrdiff_t error; /* the reader's final status (0 or SLG_E*) */
  sigset_t reader_mask; /* the signals only the stream's reader takes */
  pthread_mutex_t mu;
  pthread_cond_t work, done, room;
} par;

static void lock(par *q) { pthread_mutex_lock(&q->mu); }
static void unlock(par *q) { pthread_mutex_unlock(&q->mu); }

/* Reader: waits for a free slot. */
static slot *take_slot(par *q)
{
  lock(q);
  while (q->filled - q->merged == q->nslots)
    pthread_cond_wait(&q->room, &q->mu);
  slot *s = &q->ring[q->filled % q->nslots];
  unlock(q);
  return s;
}

static void publish(par *q, slot *s, size_t len, int serial, int idle)
{
  s->idle = idle;
  s->bytes_in = slg_reader_bytes_read(q->r); /* the reader's thread */
  s->len = len;
  s->serial = serial;
  s->claimed = serial;
  s->parsed = serial; /* nothing to parse */
  lock(q);
  q->filled++;
  pthread_cond_signal(&q->work);
  /* The merger parses too: with no worker it must hear of a chunk the
   * reader will not follow with more (idle) as of a serial one. */
  if (serial || idle)
    pthread_cond_signal(&q->done);
  unlock(q);
}

static void parse_filled(par *q, slot *s);

static void *reader_main(void *arg)
{
  par *q = arg;
  /* The stop signals come here, where read(2) may wait for a pipe: the
   * read is interrupted (EINTR) and the reader asks opt.stopped. */
  pthread_sigmask(SIG_UNBLOCK, &q->reader_mask, NULL);
  size_t cap = q->chunk_size;
  char *carry = slg_xmalloc(cap);
  size_t carry_len = 0;
  int eof = 0, long_line = 0;
  ptrdiff_t error = 0;

  while (!eof || carry_len) {
    slot *s = take_slot(q);
    size_t len = carry_len;
    memcpy(s->data, carry, carry_len);
    carry_len = 0;
    int idle = 0;
    while (len < cap && !eof) {
      if (stop_now(q->p))
        slg_reader_interrupt(q->r);
      ptrdiff_t n = slg_reader_read(q->r, s->data + len, cap - len);
      if (n <= 0) {
        error = n < 0 ? n : 0;
        eof = 1;
        break;
      }
      len += (size_t)n;
      /* A stream whose writer pauses: its complete lines are parsed now
       * (slg_pipeline_on_idle), not when the chunk is full. */
      if (q->p->on_idle && !long_line && slg_reader_idle(q->r) &&
          memchr(s->data, '\n', len)) {
        idle = 1;
        break;
      }
    }
    if (len == 0)
      break;
    const char *d = s->data;
    if (long_line) {
      /* The rest of a line longer than a chunk, up to its newline. */
      const char *nl = memchr(d, '\n', len);
      size_t head = nl ? (size_t)(nl - d) + 1 : len;
      carry_len = len - head;
      memcpy(carry, d + head, carry_len);
      long_line = nl == NULL;
      publish(q, s, head, 1, 0);
      continue;
    }
    size_t last = len;
    while (last > 0 && d[last - 1] != '\n')
      last--;
    if (last == 0) {
      /* No newline: the input's unterminated last line, or the start of
       * a line longer than a chunk. */
      long_line = !eof;
      publish(q, s, len, 1, 0);
      continue;
    }
    carry_len = len - last;
    memcpy(carry, d + last, carry_len);
    publish(q, s, last, 0, idle);
    /* With the ring full the parsers are behind: parse this chunk here,
     * while its bytes are still in this core's cache, rather than wait. */
    lock(q);
    if (q->filled - q->merged == q->nslots && !s->claimed) {
      s->claimed = 1;
      unlock(q);
      parse_filled(q, s);
    }
    unlock(q);
  }
  free(carry);
  lock(q);
  q->reading_done = 1;
  q->error = error;
  pthread_cond_broadcast(&q->work);
  pthread_cond_broadcast(&q->done);
  unlock(q);
  return NULL;
}

/*
 * Claiming and parsing a chunk, for the workers and for the merging
 * thread: when the chunk it must merge next is not parsed yet, the merger
 * parses one itself instead of waiting. So `--threads N` keeps N parsing
 * threads busy (N - 1 workers and the merger), not N + 1 on N cores.
 */

/* A filled slot no one parses yet (q locked), or NULL. */
static slot *claim_filled(par *q)
{
  /* Serial chunks may be merged before a worker passes them. */
  if (q->parse_next < q->merged)
    q->parse_next = q->merged;
  while (q->parse_next < q->filled &&
         q->ring[q->parse_next % q->nslots].claimed)
    q->parse_next++;
  if (q->parse_next == q->filled)
    return NULL;
  slot *s = &q->ring[q->parse_next++ % q->nslots];
  s->claimed = 1;
  return s;
}

/* Parses a claimed slot (q unlocked on entry, locked on return). */
static void parse_filled(par *q, slot *s)
{
  slg_chunk_parse(s->chunk, s->data, s->len);
  lock(q);
  s->parsed = 1;
  pthread_cond_broadcast(&q->done);
}

static void *worker_main(void *arg)
{
  par *q = arg;
  lock(q);
  for (;;) {
    slot *s = claim_filled(q);
    if (s == NULL) {
      if (q->reading_done)
        break;
      pthread_cond_wait(&q->work, &q->mu);
      continue;
    }
    unlock(q);
    parse_filled(q, s);
  }
  unlock(q);
  return NULL;
}

/* The next positional chunk, if its slot is free (q locked); else -1. */
static long claim_positional(par *q)
{
  if (q->parse_next == q->nchunks || q->reading_done ||
      q->parse_next - q->merged == q->nslots)
    return -1;
  size_t k = q->parse_next++;
  q->ring[k % q->nslots].parsed = 0;
  return (long)k;
}

/* Parses positional chunk k (q unlocked on entry, locked on return). */
static void parse_positional(par *q, size_t k)
{
  slot *s = &q->ring[k % q->nslots];
  uint64_t begin = (uint64_t)k * q->chunk_size;
  uint64_t end = begin + q->chunk_size < q->size ? begin + q->chunk_size
                                                 : q->size;
  slg_chunk_parse_at(s->chunk, &q->src.src, s->data, begin, end, q->size);
  lock(q);
  s->parsed = 1;
  pthread_cond_broadcast(&q->done);
}

/* Positional worker: claims the next chunk once its slot is free. */
static void *positional_main(void *arg)
{
  par *q = arg;
  lock(q);
  for (;;) {
    if (q->parse_next == q->nchunks || q->reading_done)
      break;
    long k = claim_positional(q);
    if (k < 0) {
      pthread_cond_wait(&q->room, &q->mu);
      continue;
    }
    unlock(q);
    parse_positional(q, (size_t)k);
  }
  unlock(q);
  return NULL;
}

/* Gives back the mapped pages of merged chunks, DROP_BATCH bytes at a
 * time (each call flushes the other cores' TLBs, so not per chunk). The
 * next chunk reads the byte before its range: that page stays. */
#define DROP_BATCH (8u << 20)
static void drop_merged(par *q)
{
  if (!q->map.base)
    return;
  uint64_t upto = (uint64_t)q->merged * q->chunk_size + q->chunk_size;
  if (upto > q->size)
    upto = q->size;
  if (upto < q->dropped + DROP_BATCH + 1)
    return;
  upto -= 1;
  const char *base = q->map.base;
  slg_mapping_drop(&q->map, base + q->dropped, (size_t)(upto - q->dropped));
  long page = sysconf(_SC_PAGESIZE);
  q->dropped = page > 0 ? upto - upto % (uint64_t)page : upto;
}

/*
 * Ends a positional read of a file of `size` bytes that got to `end`. A
 * file now shorter than `size` shrank while it was read: SLG_ESHRANK,
 * placed at its new end when that is before `end` (the bytes read past
 * it were there when read, or were read as zeros: the caller's SIGBUS
 * handler maps zeros over pages lost between populating and parsing).
 */
static ptrdiff_t positional_end(slg_reader *r, uint64_t size, uint64_t end,
                                int error)
{
  int64_t now = slg_reader_size_now(r);
  uint64_t at = end;
  if (error != SLG_EINTR && now >= 0 && (uint64_t)now < size) {
    if (!error)
      error = SLG_ESHRANK;
    if ((uint64_t)now < at)
      at = (uint64_t)now;
  }
  slg_reader_positional_end_at(r, end, error, at);
  return error;
}

static void merge_positional(par *q)
{
  lock(q);
  while (q->merged < q->nchunks) {
    slot *s = &q->ring[q->merged % q->nslots];
    if (q->merged >= q->parse_next || !s->parsed) {
      long k = claim_positional(q);
      if (k >= 0) {
        unlock(q);
        parse_positional(q, (size_t)k);
      } else {
        pthread_cond_wait(&q->done, &q->mu);
      }
      continue;
    }
    unlock(q);
    int err = stop_now(q->p) ? SLG_EINTR : slg_chunk_error(s->chunk);
    if (!err) {
      slg_pipeline_merge(q->p, s->chunk);
      err = slg_chunk_error(s->chunk); /* a serial merge reads again */
    }
    if (err) {
      /* A read error ends the input there, as it does for read(2). */
      lock(q);
      q->pos_error = err;
      q->reading_done = 1; /* workers stop claiming */
      pthread_cond_broadcast(&q->room);
      break;
    }
    if (slg_chunk_file_end(s->chunk) > q->end)
      q->end = slg_chunk_file_end(s->chunk);
    drop_merged(q);
    progress(q->p, q->end);
    lock(q);
    q->merged++;
    pthread_cond_broadcast(&q->room);
  }
  unlock(q);
}

/* The calling thread: merges in order until the reader is done. */
static void merge_all(par *q)
{
  lock(q);
  for (;;) {
    if (q->merged == q->filled) {
      if (q->reading_done)
        break;
      pthread_cond_wait(&q->done, &q->mu);
      continue;
    }
    slot *s = &q->ring[q->merged % q->nslots];
    if (!s->parsed) {
      slot *mine = claim_filled(q);
      if (mine != NULL) {
        unlock(q);
        parse_filled(q, mine);
      } else {
        pthread_cond_wait(&q->done, &q->mu);
      }
      continue;
    }
    unlock(q);
    if (s->serial)
      slg_pipeline_feed(q->p, s->data, s->len);
    else
      slg_pipeline_merge(q->p, s->chunk);
    if (s->idle)
      q->p->on_idle(q->p->on_idle_ctx);
    progress(q->p, s->bytes_in);
    lock(q);
    q->merged++;
    pthread_cond_signal(&q->room);
  }
  unlock(q);
}

/* A regular file on the serial path: mapped once, fed a window at a
 * time, each window's pages populated before and given back after (the
 * line splitter copies a line that crosses windows), or read with pread
 * where the pages cannot be had. */
static ptrdiff_t read_serial_positional(slg_pipeline *p, slg_reader *r,
                                        uint64_t size, char *buf)
{
  uint64_t pos = 0;
  int error = 0;
  slg_mapping m;
  errno = 0;
  const char *file = slg_reader_map(r, 0, (size_t)size, &m);
  if (!file && errno == ENOMEM)
    p->notes.unmapped += size;
  while (pos < size) {
    if (stop_now(p)) {
      error = SLG_EINTR;
      break;
    }
    uint64_t left = size - pos;
    size_t len = left < SERIAL_WINDOW ? (size_t)left : SERIAL_WINDOW;
    if (file && slg_mapping_populate(&m, file + pos, len) == 0) {
      SLG_FASTPATH_HIT(RUN_MAPPED);
      slg_pipeline_feed(p, file + pos, len);
      slg_mapping_drop(&m, file + pos, len);
      pos += len;
      progress(p, pos);
      continue;
    }
    size_t want = len < SERIAL_BUFFER ? len : SERIAL_BUFFER;
    ptrdiff_t n = slg_reader_pread(r, buf, want, pos);
    if (n <= 0) {
      /* 0: the file shrank; what was read ends here. */
      error = n < 0 ? (int)n : SLG_ESHRANK;
      break;
    }
    slg_pipeline_feed(p, buf, (size_t)n);
    pos += (uint64_t)n;
    progress(p, pos);
  }
  slg_mapping_release(&m);
  return positional_end(r, size, pos, error);
}

static ptrdiff_t read_serial(slg_pipeline *p, slg_reader *r)
{
  char *buf = slg_xmalloc(SERIAL_BUFFER);
  ptrdiff_t n;
  /* Mapping pays for big files; small ones, and files whose size says
   * nothing (/proc reports 0), are read as before. The mapping is a fast
   * path of the registry (fastpath.h, RUN_MAPPED): reference mode reads. */
  int64_t size = p->opt.no_mmap || p->opt.reference || slg_reader_whole(r)
                     ? -1
                     : slg_reader_positional(r);
  if (size >= SERIAL_WINDOW) {
    n = read_serial_positional(p, r, (uint64_t)size, buf);
  } else {
    /* What the reader read ahead when it was opened is fed where it is:
     * a small file is all there, and copying it would cost as much as
     * parsing a fair part of it. */
    const char *held;
    ptrdiff_t k = stop_now(p) ? 0 : slg_reader_borrow(r, &held);
    if (k > 0) {
      slg_pipeline_feed(p, held, (size_t)k);
      progress(p, slg_reader_bytes_read(r));
      /* A pipe whose writer paused after what was read ahead: its lines
       * are out before the next read waits. */
      if (p->on_idle && slg_reader_idle(r))
        p->on_idle(p->on_idle_ctx);
    }
    for (;;) {
      if (stop_now(p))
        slg_reader_interrupt(r);
      if ((n = slg_reader_read(r, buf, SERIAL_BUFFER)) <= 0)
        break;
      slg_pipeline_feed(p, buf, (size_t)n);
      progress(p, slg_reader_bytes_read(r));
      if (p->on_idle && slg_reader_idle(r))
        p->on_idle(p->on_idle_ctx);
    }
  }
  free(buf);
  return n;
}

/*
 * 1 MiB chunks: each chunk costs fixed work (a fresh histogram, its first
 * record of each logger, the layout memo, a populate call, two hand-offs
 * between threads). Since task lines are summed into runs, a chunk's
 * queue stays small at that size, and big chunks pay that cost less often
 * (docs/performance.md). With many threads the chunk is halved, down to
 * 256 KiB, to keep the ring within RING_BUDGET.
 */
#define RING_BUDGET (16u * 1024 * 1024)

/* A parsing thread's stack. */
#define THREAD_STACK (2u * 1024 * 1024)

/* Records that `had` of `wanted` parsing threads could be started. */
static void note_threads(slg_pipeline *p, unsigned wanted, unsigned had)
{
  if (had >= wanted)
    return;
  if (p->notes.threads_wanted == 0 || had < p->notes.threads_had) {
    p->notes.threads_wanted = wanted;
    p->notes.threads_had = had;
  }
}

static size_t default_chunk(size_t nslots)
{
  size_t chunk = SLG_DEFAULT_CHUNK;
  while (chunk > SLG_MIN_DEFAULT_CHUNK && nslots * chunk > RING_BUDGET)
    chunk /= 2;
  return chunk;
}

ptrdiff_t slg_pipeline_read(slg_pipeline *p, slg_reader *r)
{
  unsigned threads = p->opt.threads;
  /* Parallel parsing is a fast path of the registry (fastpath.h,
   * RUN_PARALLEL): reference mode reads on this thread alone. */
  if (threads <= 1 || p->opt.reference)
    return read_serial(p, r);
  /* A plain file of one chunk or less has nothing to share: threads, a
   * ring and a chunk's tables would cost more than its parse (thousands
   * of small logs in one run pay that per file). */
  if (slg_reader_whole(r))
    return read_serial(p, r);
  int64_t small = slg_reader_positional(r);
  if (small >= 0 && (uint64_t)small <= (p->opt.chunk_size
                                            ? p->opt.chunk_size
                                            : SLG_MIN_DEFAULT_CHUNK))
    return read_serial(p, r);
  if (threads > SLG_MAX_THREADS)
    threads = SLG_MAX_THREADS;
  unsigned asked = threads;
  uint64_t unmapped = 0; /* bytes that could not be mapped, said once */
  par q;
  memset(&q, 0, sizeof q);
  q.p = p;
  q.r = r;
  q.nslots = (size_t)threads + 3; /* one each being parsed, and a few ahead */
  q.chunk_size = p->opt.chunk_size ? p->opt.chunk_size
                                   : default_chunk(q.nslots);
  int64_t size = slg_reader_positional(r);
  if (size >= 0) {
    q.positional = 1;
    q.size = (uint64_t)size;
    q.nchunks = (size_t)((q.size + q.chunk_size - 1) / q.chunk_size);
    if (q.nchunks < q.nslots)
      q.nslots = q.nchunks ? q.nchunks : 1;
    /* Mapped once, whole: a mapping per chunk would cost a TLB flush of
     * the other cores at each munmap. Where the address space is short
     * (ulimit -v), pread reads it instead, and the CLI says so. */
    errno = 0;
    if (!p->opt.no_mmap && q.size > 0 &&
        !slg_reader_map(r, 0, (size_t)q.size, &q.map) && errno == ENOMEM)
      unmapped = q.size;
    slg_file_source_init(&q.src, r, &q.map);
  }
  /* The ring is reserved before any thread starts; short of memory it
   * is smaller (fewer chunks ahead), and below five chunks the serial
   * path reads alone. Never an abort for a ring the limit refuses. */
  size_t wanted = q.nslots;
  q.ring = slg_xcalloc(q.nslots, sizeof *q.ring);
  for (size_t i = 0; i < q.nslots; i++) {
    /* Positional chunks read the byte before their range too. */
    q.ring[i].data = malloc(q.chunk_size + 1);
    if (!q.ring[i].data) {
      q.nslots = i;
      break;
    }
    q.ring[i].chunk = slg_chunk_new(p);
  }
  if (q.nslots < wanted) {
    if (p->notes.ring_wanted == 0 || q.nslots < p->notes.ring_had) {
      p->notes.ring_wanted = wanted;
      p->notes.ring_had = q.nslots;
    }
    if (q.nslots < 5) {
      for (size_t i = 0; i < q.nslots; i++) {
        slg_chunk_free(q.ring[i].chunk);
        free(q.ring[i].data);
      }
      free(q.ring);
      slg_mapping_release(&q.map);
      note_threads(p, asked, 1);
      return read_serial(p, r); /* which says what it cannot map */
    }
    if (threads > q.nslots - 3)
      threads = (unsigned)(q.nslots - 3);
  }
  p->notes.unmapped += unmapped;
  pthread_mutex_init(&q.mu, NULL);
  pthread_cond_init(&q.work, NULL);
  pthread_cond_init(&q.done, NULL);
  pthread_cond_init(&q.room, NULL);

  pthread_t reader, workers[SLG_MAX_THREADS];
  unsigned started = 0;
  void *(*worker)(void *) = q.positional ? positional_main : worker_main;
  /* The merging thread parses too: N - 1 workers. So does the reader of
   * a stream, when the ring is full: N - 2 workers there, so that no core
   * is oversubscribed (docs/performance.md has the alternatives tried). */
  unsigned nworkers = q.positional ? threads - 1 : threads - 2;
  /* Small stacks: the parsers keep their state on the heap, and sixteen
   * default 8 MiB stacks would take 128 MiB of address space (a ulimit
   * -v counts it). */
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, THREAD_STACK);
  /* A stream's reader may wait in read(2) for a pipe: the stop signals
   * must interrupt that thread, not one that would only resume, so the
   * others block them while the input is read (the caller's mask comes
   * back after). A regular file is asked between chunks. */
  sigset_t saved;
  sigemptyset(&q.reader_mask);
  int masked = !q.positional && p->opt.stopped;
  if (masked) {
    sigaddset(&q.reader_mask, SIGINT);
    sigaddset(&q.reader_mask, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &q.reader_mask, &saved);
    /* Only what the caller let through is let through to the reader. */
    if (sigismember(&saved, SIGINT))
      sigdelset(&q.reader_mask, SIGINT);
    if (sigismember(&saved, SIGTERM))
      sigdelset(&q.reader_mask, SIGTERM);
  }
  for (; started < nworkers; started++)
    if (pthread_create(&workers[started], &attr, worker, &q) != 0)
      break;
  ptrdiff_t status;
  if (q.positional && started > 0) {
    note_threads(p, asked, started + 1);
    merge_positional(&q);
    /* Fewer bytes than the file had when it was sized: it shrank while
     * it was read (log rotation), and the input is incomplete. */
    if (!q.pos_error && q.end < q.size)
      q.pos_error = SLG_ESHRANK;
    status = positional_end(r, q.size, q.end, q.pos_error);
  } else if (!q.positional && (started > 0 || nworkers == 0) &&
             pthread_create(&reader, &attr, reader_main, &q) == 0) {
    note_threads(p, asked, started + 2);
    merge_all(&q);
    pthread_join(reader, NULL);
    status = q.error;
  } else {
    /* No threads to be had: the serial path reads it all. */
    lock(&q);
    q.reading_done = 1;
    pthread_cond_broadcast(&q.work);
    pthread_cond_broadcast(&q.room);
    unlock(&q);
    for (unsigned i = 0; i < started; i++)
      pthread_join(workers[i], NULL);
    started = 0;
    note_threads(p, asked, 1);
    p->notes.unmapped -= unmapped; /* read_serial says it again */
    if (masked) {
      pthread_sigmask(SIG_SETMASK, &saved, NULL);
      masked = 0;
    }
    status = read_serial(p, r);
  }
  if (masked)
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
  for (unsigned i = 0; i < started; i++)
    pthread_join(workers[i], NULL);
  for (size_t i = 0; i < q.nslots; i++) {
    slg_chunk_free(q.ring[i].chunk);
    free(q.ring[i].data);
  }
  free(q.ring);
  slg_mapping_release(&q.map);
  pthread_attr_destroy(&attr);
  pthread_mutex_destroy(&q.mu);
  pthread_cond_destroy(&q.work);
  pthread_cond_destroy(&q.done);
  pthread_cond_destroy(&q.room);
  return status;
}
