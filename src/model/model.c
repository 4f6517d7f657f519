/*
 * model.c - applies scheduler events to the application -> job -> stage
 * -> task model.
 *
 * slg_model_record() runs for every record of the log, so it first
 * classifies the logger by length, first byte and memcmp and returns at
 * once for loggers it does not model; only then does an extractor look at
 * the message. Entities are keyed on ids through hash maps (never on line
 * adjacency, since jobs and stages interleave); tasks are folded into
 * per-stage-attempt aggregates and a duration sketch, so memory grows with
 * applications, jobs, stages and executors only. Events that name a job or
 * stage never announced (a log that starts mid-run) create entries marked
 * incomplete.
 */
#include "model.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "extract.h"
#include "extract_io.h"
#include "failure.h"
#include "fastpath.h"
#include "messages.h"
#include "model_events.h"
#include "budget.h"
#include "io_phases.h"
#include "model_types.h"
#include "task_delta.h"
#include "task_runs.h"

/* ------------------------------------------------------------- id maps */

/* Open addressing, linear probing: key -> index. Keys are never removed;
 * a map whose keys can lose their entry stores ID_NONE for them. */
struct slg_idmap {
  uint64_t *keys;
  uint32_t *vals; /* UINT32_MAX = empty */
  size_t cap;
  size_t n;
};
typedef struct slg_idmap idmap;

#define ID_NONE (UINT32_MAX - 1)

static uint64_t mix(uint64_t k)
{
  k ^= k >> 33;
  k *= UINT64_C(0xff51afd7ed558ccd);
  k ^= k >> 33;
  return k;
}

static uint32_t idmap_get(const idmap *m, uint64_t key)
{
  if (m->cap == 0)
    return UINT32_MAX;
  size_t i = mix(key) & (m->cap - 1);
  while (m->vals[i] != UINT32_MAX) {
    if (m->keys[i] == key)
      return m->vals[i];
    i = (i + 1) & (m->cap - 1);
  }
  return UINT32_MAX;
}

static void idmap_put(idmap *m, uint64_t key, uint32_t val)
{
  if ((m->n + 1) * 2 > m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 16;
    uint64_t *keys = slg_xmalloc(cap * sizeof(*keys));
    uint32_t *vals = slg_xmalloc(cap * sizeof(*vals));
    memset(vals, 0xff, cap * sizeof(*vals));
    for (size_t i = 0; i < m->cap; i++) {
      if (m->vals[i] == UINT32_MAX)
        continue;
      size_t j = mix(m->keys[i]) & (cap - 1);
      while (vals[j] != UINT32_MAX)
        j = (j + 1) & (cap - 1);
      keys[j] = m->keys[i];
      vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
  }
  size_t i = mix(key) & (m->cap - 1);
  while (m->vals[i] != UINT32_MAX) {
    if (m->keys[i] == key) {
      m->vals[i] = val;
      return;
    }
    i = (i + 1) & (m->cap - 1);
  }
  m->keys[i] = key;
  m->vals[i] = val;
  m->n++;
}

/* Takes `key` out (backward-shift deletion: the keys after it in its
 * run move up, so lookups stay exact and the map never fills with dead
 * slots). */
static void idmap_del(idmap *m, uint64_t key)
{
  if (m->cap == 0)
    return;
  size_t mask = m->cap - 1, i = mix(key) & mask;
  while (m->vals[i] != UINT32_MAX && m->keys[i] != key)
    i = (i + 1) & mask;
  if (m->vals[i] == UINT32_MAX)
    return;
  for (size_t j = i;;) {
    j = (j + 1) & mask;
    if (m->vals[j] == UINT32_MAX)
      break;
    size_t home = mix(m->keys[j]) & mask;
    /* Stays when its home is cyclically within (i, j]. */
    if (i <= j ? (i < home && home <= j) : (i < home || home <= j))
      continue;
    m->keys[i] = m->keys[j];
    m->vals[i] = m->vals[j];
    i = j;
  }
  m->vals[i] = UINT32_MAX;
  m->n--;
}

static void idmap_dispose(idmap *m)
{
  free(m->keys);
  free(m->vals);
  memset(m, 0, sizeof(*m));
}

/* Executor ids and host names, hashed once or twice per task line: eight
 * bytes per step ("ip-10-0-182-218.ec2.internal" is four steps, not 28).
 * The value only picks an idmap slot (collisions are checked), so any
 * well-mixed function gives the same model. */
static uint64_t hash_span(slg_span s)
{
  uint64_t h = UINT64_C(0x9e3779b97f4a7c15) ^ s.len;
  size_t i = 0;
  for (; i + 8 <= s.len; i += 8) {
    uint64_t w;
    memcpy(&w, s.ptr + i, 8);
    h = (h ^ w) * UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 29;
  }
  uint64_t w = 0;
  for (; i < s.len; i++)
    w = (w << 8) | (unsigned char)s.ptr[i];
  h = (h ^ w) * UINT64_C(0xc4ceb9fe1a85ec53);
  return h ^ (h >> 32);
}

/* s equals the n-byte string str (n = its strlen, kept by the caller). */
static int span_is(slg_span s, const char *str, size_t n)
{
  /* Inlined: a host name is compared for every finished task. */
  return s.len == n && slg_mem_eq(s.ptr, str, n);
}

/* Grows an array before element n is appended: to exactly n + 1 up to 4
 * elements, then by doubling. Most lists of a stage (its attempts, jobs,
 * executor tallies, parents) hold one or two elements, and a log of a
 * million stages keeps them all: room for four would be most of it. */
static void *grow(void *arr, size_t n, size_t size)
{
  if (n < 4)
    return slg_xrealloc(arr, (n + 1) * size);
  if ((n & (n - 1)) == 0)
    return slg_xrealloc(arr, 2 * n * size);
  return arr;
}

static inline uint8_t *bits_of(slg_bitset *s)
{
  return s->bytes <= sizeof(s->u.inl) ? s->u.inl : s->u.ptr;
}

/* Sets a bit; returns its previous value. Bitsets grow with partitions,
 * which are bounded by the stage, not by the number of lines. */
static int bit_set(slg_bitset *s, uint64_t i)
{
  if (i >= SLG_MAX_TRACKED_PARTITION)
    return 1; /* beyond any real partition count: not tracked */
  size_t b = (size_t)(i / 8);
  if (b >= s->bytes) {
    if (b < sizeof(s->u.inl)) {
      s->bytes = sizeof(s->u.inl); /* inline, zero since the start */
    } else {
      size_t n = 16;
      while (n <= b)
        n *= 2;
      uint8_t *p = slg_xcalloc(n, 1);
      memcpy(p, bits_of(s), s->bytes);
      if (s->bytes > sizeof(s->u.inl))
        free(s->u.ptr);
      s->u.ptr = p;
      s->bytes = n;
    }
  }
  uint8_t *bits = bits_of(s);
  int old = (bits[b] >> (i % 8)) & 1;
  bits[b] = (uint8_t)(bits[b] | (1u << (i % 8)));
  return old;
}

static int bit_get(slg_bitset *s, uint64_t i)
{
  size_t b = (size_t)(i / 8);
  return b < s->bytes ? (bits_of(s)[b] >> (i % 8)) & 1 : 0;
}

static void bits_dispose(slg_bitset *s)
{
  if (s->bytes > sizeof(s->u.inl))
    free(s->u.ptr);
  memset(s, 0, sizeof(*s));
}

/* The attempts of a stage, and the stages of a job (with the jobs of a
 * stage), are searched one by one up to these lengths and through a hash
 * beyond (stage_attempt_ix, app_ix.links): a stage with 100,000 attempts
 * or reused by 300,000 jobs must not cost a scan per line. */
#define ATTEMPT_SCAN 8
#define LINK_SCAN 8

static int has_u64(const uint64_t *a, size_t n, uint64_t v)
{
  for (size_t i = 0; i < n; i++)
    if (a[i] == v)
      return 1;
  return 0;
}

static char *dup_span(slg_span s)
{
  return slg_xstrndup(s.ptr, s.len);
}

/* Keeps the first line of a reason, bounded. */
static char *dup_reason(slg_span s)
{
  size_t n = 0;
  while (n < s.len && s.ptr[n] != '\n' && n < 400)
    n++;
  while (n > 0 && (s.ptr[n - 1] == ' ' || s.ptr[n - 1] == '\r'))
    n--;
  return slg_xstrndup(s.ptr, n);
}

/* ----------------------------------------------------------- strings */

/*
 * The texts a stage or job keeps (call sites, RDD descriptions, failure
 * kinds) are written once and never changed, and a streaming application
 * repeats the same few call sites for millions of stages: they live in
 * the model's string pool, packed into blocks (no allocation of their
 * own) and, for the repeated kinds, stored once (strpool_intern). Freed
 * with the model only.
 */
#define POOL_BLOCK 65536

typedef struct pool_block {
  struct pool_block *next;
  size_t used, size;
  char data[];
} pool_block;

typedef struct strpool {
  pool_block *blocks; /* newest first */
  uint64_t *free_pairs; /* ids_grow's cells given back: a list through
                           their first word */
  char **slots;       /* interned strings, open addressing, NULL empty */
  size_t nslots, n;
} strpool;

static void strpool_dispose(strpool *p)
{
  while (p->blocks != NULL) {
    pool_block *b = p->blocks;
    p->blocks = b->next;
    free(b);
  }
  free(p->slots);
  memset(p, 0, sizeof(*p));
}

/* A NUL-terminated copy of s in the pool. */
static char *strpool_copy(strpool *p, slg_span s)
{
  size_t need = s.len + 1;
  pool_block *b = p->blocks;
  if (b == NULL || b->size - b->used < need) {
    /* A long text gets a block of its own behind the current one, so
     * the current one's room is not wasted. */
    size_t size = need > POOL_BLOCK / 4 ? need : POOL_BLOCK;
    pool_block *nb = slg_xmalloc(sizeof(*nb) + size);
    nb->used = 0;
    nb->size = size;
    if (b != NULL && size != POOL_BLOCK) {
      nb->next = b->next;
      b->next = nb;
    } else {
      nb->next = b;
      p->blocks = nb;
    }
    b = nb;
  }
  char *d = b->data + b->used;
  b->used += need;
  if (s.len > 0)
    memcpy(d, s.ptr, s.len);
  d[s.len] = '\0';
  return d;
}

/* `size` bytes aligned for uint64_t, from the pool. */
static void *strpool_cell(strpool *p, size_t size)
{
  pool_block *b = p->blocks;
  if (b != NULL)
    b->used = (b->used + 7) & ~(size_t)7;
  if (b == NULL || b->used > b->size || b->size - b->used < size) {
    b = slg_xmalloc(sizeof(*b) + POOL_BLOCK);
    b->used = 0;
    b->size = POOL_BLOCK;
    b->next = p->blocks;
    p->blocks = b;
  }
  void *d = b->data + b->used;
  b->used += size;
  return d;
}

/* The pool's copy of s, the same pointer for equal texts (as C strings:
 * a NUL in s ends it, as it would end a copy's reader). */
static char *strpool_intern(strpool *p, slg_span s)
{
  const char *z = s.len ? memchr(s.ptr, '\0', s.len) : NULL;
  if (z != NULL)
    s.len = (size_t)(z - s.ptr);
  if (2 * (p->n + 1) > p->nslots) {
    size_t ncap = p->nslots ? p->nslots * 2 : 64;
    char **ns = slg_xcalloc(ncap, sizeof(*ns));
    for (size_t i = 0; i < p->nslots; i++) {
      char *v = p->slots[i];
      if (v == NULL)
        continue;
      size_t h = (size_t)hash_span(slg_span_make(v, strlen(v))) & (ncap - 1);
      while (ns[h] != NULL)
        h = (h + 1) & (ncap - 1);
      ns[h] = v;
    }
    free(p->slots);
    p->slots = ns;
    p->nslots = ncap;
  }
  size_t h = (size_t)hash_span(s) & (p->nslots - 1);
  for (; p->slots[h] != NULL; h = (h + 1) & (p->nslots - 1)) {
    const char *v = p->slots[h];
    if (memchr(v, '\0', s.len + 1) == v + s.len &&
        memcmp(v, s.ptr, s.len) == 0)
      return p->slots[h];
  }
  p->slots[h] = strpool_copy(p, s);
  p->n++;
  return p->slots[h];
}

/*
 * Lists of ids (a stage's jobs, parents and shuffles read, a job's
 * stages, a shuffle's readers) mostly hold one or two: up to two they
 * live in a 16-byte cell of the pool (an allocation of their own would
 * cost twice that), from three on in an allocation grown as grow() does.
 * A free cell holds the next free cell's address in its first bytes.
 * Lists never shrink but to empty (ids_drop).
 */
static uint64_t *ids_grow(strpool *p, uint64_t *arr, size_t n)
{
  if (n == 0) {
    uint64_t *c = p->free_pairs;
    if (c != NULL) {
      memcpy(&p->free_pairs, c, sizeof p->free_pairs);
      return c;
    }
    return strpool_cell(p, 2 * sizeof(uint64_t));
  }
  if (n == 1)
    return arr;
  if (n == 2) {
    uint64_t *q = slg_xmalloc(3 * sizeof(uint64_t));
    memcpy(q, arr, 2 * sizeof(uint64_t));
    memcpy(arr, &p->free_pairs, sizeof p->free_pairs);
    p->free_pairs = arr;
    return q;
  }
  if (n == 3)
    return slg_xrealloc(arr, 4 * sizeof(uint64_t));
  if ((n & (n - 1)) == 0)
    return slg_xrealloc(arr, 2 * n * sizeof(uint64_t));
  return arr;
}

/* Empties a list of n ids (the pool keeps a cell). */
static void ids_drop(strpool *p, uint64_t **arr, size_t *n)
{
  if (*n > 2) {
    free(*arr);
  } else if (*n > 0) {
    memcpy(*arr, &p->free_pairs, sizeof p->free_pairs);
    p->free_pairs = *arr;
  }
  *arr = NULL;
  *n = 0;
}

/* Frees a list with the model (a cell goes with the pool). */
static void ids_free(uint64_t *arr, size_t n)
{
  if (n > 2)
    free(arr);
}

/* Appends v to a list of ids unless it is there. */
static void add_u64(strpool *p, uint64_t **a, size_t *n, uint64_t v)
{
  if (has_u64(*a, *n, v))
    return;
  *a = ids_grow(p, *a, *n);
  (*a)[(*n)++] = v;
}

/* ---------------------------------------------------------------- model */

typedef struct app_ix {
  idmap jobs, stages, shuffles, execs, rdds;
  /* Links between a stage and a job (stage index << 32 | job index), for
   * every link of a stage with more than LINK_SCAN jobs or of a job with
   * more than LINK_SCAN stages (link_stage_job). */
  idmap links;
  /* Likewise a stage's parents (stage index << 32 | parent's index), for
   * a stage of more than LINK_SCAN parents (add_parent). */
  idmap parent_links;
  uint64_t max_job; /* the highest job id (njobs > 0) */
  /* strlen of executors[i].id: compared on every task line. */
  size_t *exec_len;
  /* Executor ids are small decimal numbers ("executor 3"): exec_num[v] is
   * the index + 1 of executor "v" (canonical decimal below SLG_EXEC_NUM), 0
   * when not looked up yet. NULL until first used, and always in reference
   * mode (fastpath MODEL_EXEC_TABLE). */
  uint32_t *exec_num;
  /* The stage of the last stage_get: task lines come in runs per stage
   * (fastpath MODEL_LAST_STAGE; never set in reference mode). */
  uint64_t last_stage_id;
  uint32_t last_stage_ix; /* UINT32_MAX: none */
  int seen_tsm;       /* TaskSetManager task lines seen */
  /* Spark 0.x (no TaskSetManager: "Completed ResultTask" is the only task
   * line): the time budget takes a submitted stage as running tasks and a
   * job as ended with its final stage (budget.h); running_stages counts
   * the attempts submitted and not ended. */
  int stage_basis;
  uint64_t running_stages;
  int64_t cur_job;    /* index of the job of the last "Got job" */
  slg_pos k8s_closed; /* the last "Kubernetes client has been closed" */
  int down;           /* a job ended "because SparkContext was shut down" */
  int64_t down_ms;
  int64_t k8s_closed_ms;
  uint64_t live_execs;
  /* The first line of the run the application began with (its JVM's
   * line, or the line that opened it: on_run_start, on_version); line 0
   * when it began some other way (a job id restarting, mid-run). The
   * application before it ends on the line before. */
  slg_pos run_pos;
  struct slg_msgs *pre; /* messages before its first line (messages.h) */
  unsigned starts; /* 1 << slg_run_start of the run lines it has seen */
  /* The first stage index beyond --max-stages (slg_model_set_max_stages)
   * or slg_model_set_fold_held, whichever came first: stages from there
   * on are folded when they end; UINT32_MAX none. cap_hard: the same for
   * --max-stages alone, from which a fold counts as capped. */
  uint32_t cap_from, cap_hard;
  /* The last stages folded, oldest overwritten (stage_get_late). */
  uint64_t folded_ring[8];
  unsigned folded_n;
  /* The failure of the last failed stage folded, for its job's end that
   * follows ("Job 9 failed" takes its final stage's reason). */
  uint64_t folded_fail_id;
  char *folded_fail;
  /* Folded stage id -> index of the shuffle it wrote (fold_links). */
  idmap folded_writes;
} app_ix;

enum { CONT_NONE, CONT_EXEC_REASON, CONT_STAGE_REASON, CONT_CONF,
       CONT_ENGINE };

struct slg_model {
  int stage_basis_seen; /* a 0.x application was read (app_ix) */
  /* I/O phase lines read before the first application, which gets them
   * (io_phases.h). */
  struct slg_io_phases *io_before;
  strpool strings; /* call sites, RDDs, failure kinds (strpool_copy) */
  slg_app *apps;
  app_ix *ix;
  size_t napps;
  /* &apps[napps - 1] and &ix[napps - 1] (NULL while napps == 0), kept by
   * new_app: every event asks for them, several times. */
  slg_app *cur;
  app_ix *cur_x;
  uint64_t rejected;
  uint64_t scheduler_lines;
  char *version;
  /* Reference mode: the caches below are never filled, so every lookup
   * takes the general path (fastpath.h). */
  int reference;
  /* apply_tasks' model index of each executor of a delta. */
  uint32_t *exec_index;
  /* The current record. */
  slg_time now;
  int64_t now_ms;
  slg_pos pos;
  /* Midnight rollover of time-only layouts. */
  int64_t last_raw_ms;
  int64_t day_offset;
  int have_raw;
  /* Where a continuation line goes. */
  int cont;
  size_t cont_idx;
  unsigned cont_lines; /* continuation lines read for CONT_EXEC_REASON */
  /* YarnAllocator reasons not yet tied to an executor: the line names a
   * container; the driver's "Requesting driver to remove executor N for
   * reason <the same text>" that follows names the executor. Oldest
   * first. */
  struct {
    char *text;
    slg_pos pos;
  } pending[8];
  size_t npending;
  /* The failure of the current application whose trace the lines after
   * its statement extend (-1: none), and whether they are a Python
   * traceback's. Every record closes it. */
  int64_t trace;
  int trace_py;
  int trace_code; /* the next line may be a user frame's source line */
  /* A JVM's first line seen while an application ran (on_run_start): the
   * next application's run begins there if that application opens on
   * the next event (a "Running Spark version"). */
  slg_pos pending_run;
  /* Lines of each input file that ended (slg_model_end_file). */
  uint64_t *file_lines;
  size_t nfile_lines;
  /* slg_model_on_end's callback, and the applications it was told of. */
  slg_end_fn on_end;
  void *on_end_ctx;
  size_t apps_ended;
  /* The stage cap (0: none), the stages held, and what was folded. */
  uint64_t max_stages;
  uint64_t stages_held;
  uint64_t stages_folded, attempts_folded;
  /* slg_model_set_fold_held (0: none), and the stages it folded. */
  uint64_t fold_held;
  uint64_t stages_streamed;
  uint64_t max_apps, apps_merged; /* --max-apps (0: none) */
  size_t max_templates;  /* --max-templates */
  struct slg_msgs *msgs_before; /* templates no application holds yet */
  slg_pos msg_mark; /* the current app's last_pos at its undo mark */
  /* Where late lines of a stage just folded go (stage_get_late). */
  slg_stage scratch;
};

slg_model *slg_model_new(int reference)
{
  slg_model *m = slg_xcalloc(1, sizeof(*m));
  m->now_ms = -1;
  m->trace = -1;
  m->reference = reference != 0;
  m->exec_index = slg_xmalloc(SLG_EXEC_NUM * sizeof(*m->exec_index));
  return m;
}

static void free_attempt(slg_stage_attempt *a)
{
  free(a->failure);
  slg_sketch_dispose(&a->tasks.task_ms);
  free(a->tasks.kinds);
  free(a->tasks.execs);
  free(a->tasks.execs_ix);
  free(a->evidence);
  bits_dispose(&a->part_bits);
  bits_dispose(&a->spec_bits);
}

static void free_stage(slg_stage *s)
{
  ids_free(s->parents, s->nparents);
  ids_free(s->shuffle_reads, s->nshuffle_reads);
  ids_free(s->jobs, s->njobs);
  for (size_t k = 0; k < s->nattempts; k++)
    free_attempt(&s->attempts[k]);
  free(s->attempts);
  if (s->attempt_ix != NULL) {
    idmap_dispose(s->attempt_ix);
    free(s->attempt_ix);
  }
}

static void free_app(slg_app *a, app_ix *x)
{
  slg_msgs_free(a->msgs);
  slg_msgs_free(x->pre);
  slg_io_phases_free(a->io);
  free(a->spark_version);
  free(a->app_name);
  free(a->app_id);
  for (size_t i = 0; i < a->njobs; i++) {
    slg_job *j = &a->jobs[i];
    ids_free(j->stages, j->nstages);
    ids_free(j->skipped_stages, j->nskipped_stages);
    free(j->failure);
  }
  free(a->jobs);
  for (size_t i = 0; i < a->nstages; i++)
    free_stage(&a->stages[i]);
  free(a->stages);
  for (size_t i = 0; i < a->nexecutors; i++) {
    free(a->executors[i].id);
    free(a->executors[i].host);
    free(a->executors[i].lost_reason);
    free(a->executors[i].loss_evidence);
  }
  free(a->exec_memory);
  free(a->exec_overhead);
  free(a->exec_cores);
  free(a->executors);
  for (size_t i = 0; i < a->nfailures; i++) {
    slg_failure *f = &a->failures[i];
    free(f->text);
    free(f->exception);
    free(f->deepest);
    free(f->python_error);
    free(f->py_frame);
    free(f->detail);
    free(f->thread);
    for (size_t k = 0; k < f->nframes; k++)
      free(f->frames[k]);
  }
  free(a->failures);
  if (a->budget != NULL)
    slg_budget_dispose(a->budget);
  free(a->budget);
  free(a->signal);
  free(a->final_status);
  free(a->final_reason);
  for (size_t i = 0; i < a->nshuffles; i++)
    ids_free(a->shuffles[i].reader_stages, a->shuffles[i].nreader_stages);
  free(a->shuffles);
  free(a->engine);
  idmap_dispose(&x->jobs);
  idmap_dispose(&x->stages);
  idmap_dispose(&x->shuffles);
  idmap_dispose(&x->execs);
  idmap_dispose(&x->rdds);
  idmap_dispose(&x->folded_writes);
  idmap_dispose(&x->links);
  idmap_dispose(&x->parent_links);
  free(x->exec_len);
  free(x->exec_num);
  free(x->folded_fail);
}

void slg_model_free(slg_model *m)
{
  if (m == NULL)
    return;
  for (size_t i = 0; i < m->napps; i++)
    free_app(&m->apps[i], &m->ix[i]);
  slg_io_phases_free(m->io_before);
  free(m->apps);
  free(m->ix);
  for (size_t i = 0; i < m->npending; i++)
    free(m->pending[i].text);
  free(m->version);
  free(m->exec_index);
  free(m->file_lines);
  slg_msgs_free(m->msgs_before);
  free_stage(&m->scratch);
  strpool_dispose(&m->strings);
  free(m);
}

void slg_model_on_end(slg_model *m, slg_end_fn fn, void *ctx)
{
  m->on_end = fn;
  m->on_end_ctx = ctx;
}

static int is_open(slg_status s)
{
  return s == SLG_STATUS_RUNNING || s == SLG_STATUS_UNKNOWN;
}

/* 1 when the stage is beyond --max-stages in the current application and
 * none of its attempts still runs: it is folded once its end was told. */
static int will_fold(const slg_model *m, const slg_stage *s)
{
  const app_ix *x = m->cur_x;
  if (x == NULL || x->cap_from == UINT32_MAX || s == &m->scratch ||
      (size_t)(s - m->cur->stages) < x->cap_from)
    return 0;
  for (size_t i = 0; i < s->nattempts; i++)
    if (is_open(s->attempts[i].status))
      return 0;
  return 1;
}

/* Tells the callback of the ended entity: one of job, stage (with t). */
static void ended(slg_model *m, slg_end_kind kind, size_t app,
                  const slg_job *j, const slg_stage *s,
                  const slg_stage_attempt *t)
{
  if (m->on_end == NULL || s == &m->scratch)
    return;
  slg_end e = {kind, app, m->pos, j, s, t, s != NULL && will_fold(m, s),
               NULL};
  m->on_end(m->on_end_ctx, &e);
}

/* Tells the callback of the batches an engine line completed. */
static void batches_told(slg_model *m, size_t app, const slg_engine_batch *b,
                         int n)
{
  for (int i = 0; i < n && m->on_end != NULL; i++) {
    slg_end e = {SLG_END_BATCH, app, b[i].pos, NULL, NULL, NULL, 0, &b[i]};
    m->on_end(m->on_end_ctx, &e);
  }
}

/* The applications before `upto` end (once each). */
static void apps_ended(slg_model *m, size_t upto)
{
  for (; m->apps_ended < upto; m->apps_ended++) {
    slg_engine_batch b[1];
    batches_told(m, m->apps_ended, b,
                 slg_engine_close(m->apps[m->apps_ended].engine, b));
    ended(m, SLG_END_APP, m->apps_ended, NULL, NULL, NULL);
  }
}

void slg_model_begin_file(slg_model *m, uint32_t file)
{
  m->pos.file = file;
  m->have_raw = 0;
  m->cont = CONT_NONE;
  /* The last known time is this file's: a file whose records carry no
   * time (timestamps cut off) must not inherit the previous file's. */
  memset(&m->now, 0, sizeof m->now);
  m->now_ms = -1;
  m->trace = -1;
}

void slg_model_end_file(slg_model *m, uint64_t lines)
{
  size_t f = m->pos.file;
  if (f >= m->nfile_lines) {
    m->file_lines = slg_xrealloc(m->file_lines, (f + 1) * sizeof(uint64_t));
    memset(m->file_lines + m->nfile_lines, 0,
           (f + 1 - m->nfile_lines) * sizeof(uint64_t));
    m->nfile_lines = f + 1;
  }
  m->file_lines[f] = lines;
}

uint64_t slg_model_rejected_events(const slg_model *m)
{
  return m->rejected;
}

void slg_model_set_max_stages(slg_model *m, uint64_t max)
{
  m->max_stages = max;
}

void slg_model_set_fold_held(slg_model *m, uint64_t held)
{
  m->fold_held = held;
}

uint64_t slg_model_stages_streamed(const slg_model *m)
{
  return m->stages_streamed;
}

void slg_model_set_max_apps(slg_model *m, uint64_t max)
{
  m->max_apps = max;
}

void slg_model_set_max_templates(slg_model *m, size_t max)
{
  m->max_templates = max;
}

static int same_pos(slg_pos a, slg_pos b);

void slg_model_message(slg_model *m, const slg_msg_key *k, const slg_pos *pos)
{
  /* After "Shutdown hook called" the JVM is gone: what follows is the
   * next run's start-up ("NativeCodeLoader"), until it says so. */
  slg_app *a = m->cur;
  if (a && a->hook_called_pos.line == 0) {
    /* Counted in the application, undoably until its next line. */
    if (!same_pos(m->msg_mark, a->last_pos)) {
      if (a->msgs)
        slg_msgs_mark(a->msgs);
      m->msg_mark = a->last_pos;
    }
    slg_msgs_count(&a->msgs, m->max_templates ? m->max_templates
                                              : SLG_DEFAULT_MAX_TEMPLATES,
                   k, pos);
    return;
  }
  slg_msgs **t = &m->msgs_before;
  slg_msgs_count(t, m->max_templates ? m->max_templates
                                     : SLG_DEFAULT_MAX_TEMPLATES,
                 k, pos);
}

uint64_t slg_model_apps_merged(const slg_model *m)
{
  return m->apps_merged;
}

uint64_t slg_model_stages_folded(const slg_model *m, uint64_t *attempts)
{
  if (attempts != NULL)
    *attempts = m->attempts_folded;
  return m->stages_folded;
}

uint64_t slg_model_scheduler_lines(const slg_model *m)
{
  return m->scheduler_lines;
}

const char *slg_model_spark_version(const slg_model *m)
{
  return m->version;
}

const slg_app *slg_model_apps(const slg_model *m, size_t *count)
{
  *count = m->napps;
  return m->apps;
}

/* An application's messages before its first line are its own when its
 * lines are the file's from the first: a first run of its file that
 * printed no version (slg_model_finish sets its first line to 1). */
static void messages_pre(slg_model *m, size_t i)
{
  slg_app *a = &m->apps[i];
  app_ix *x = &m->ix[i];
  if (!x->pre)
    return;
  if (a->spark_version == NULL &&
      (i == 0 || m->apps[i - 1].file != a->file))
    slg_msgs_absorb(&a->msgs, m->max_templates ? m->max_templates
                                               : SLG_DEFAULT_MAX_TEMPLATES,
                    x->pre);
  else
    slg_msgs_free(x->pre);
  x->pre = NULL;
}

static slg_app *new_app(slg_model *m)
{
  if (m->max_apps && m->napps >= m->max_apps) {
    /* --max-apps: the lines of the applications beyond it go on in the
     * last one, counted there (slg_model_apps_merged). */
    m->apps_merged++;
    return m->cur;
  }
  if (m->napps)
    messages_pre(m, m->napps - 1);
  apps_ended(m, m->napps); /* the current one is done */
  m->apps = grow(m->apps, m->napps, sizeof(*m->apps));
  app_ix *old_ix = m->ix;
  m->ix = grow(m->ix, m->napps, sizeof(*m->ix));
  /* The stages by id, hashed while they are read too (slg_app_stage):
   * re-pointed when the index array moved. */
  if (m->ix != old_ix)
    for (size_t i = 0; i < m->napps; i++)
      m->apps[i].stage_ix = &m->ix[i].stages;
  slg_app *a = &m->apps[m->napps];
  app_ix *x = &m->ix[m->napps];
  memset(a, 0, sizeof(*a));
  memset(x, 0, sizeof(*x));
  x->cur_job = -1;
  x->last_stage_ix = UINT32_MAX;
  x->cap_from = UINT32_MAX;
  x->cap_hard = UINT32_MAX;
  /* A file's applications run the same Spark: the first 0.x one tells. */
  x->stage_basis = m->stage_basis_seen;
  a->stage_ix = &x->stages;
  if (m->napps == 0) {
    a->io = m->io_before;
    m->io_before = NULL;
  }
  a->start = m->now;
  a->start_ms = m->now_ms;
  a->end = m->now;
  a->end_ms = m->now_ms;
  a->file = m->pos.file;
  a->first_pos = m->pos;
  a->last_pos = m->pos;
  a->sc_stop_ms = a->hook_ms = a->hook_called_ms = -1;
  a->uptime_ms = -1;
  for (int i = 0; i < SLG_MILESTONE_COUNT; i++)
    a->milestone_ms[i] = -1;
  /* The messages before an application's first line: its own only when
   * its lines turn out to be the file's from the first (messages_pre);
   * those after the previous one's JVM ended are neither's. */
  if (m->napps == 0 || m->apps[m->napps - 1].file != a->file)
    x->pre = m->msgs_before;
  else
    slg_msgs_free(m->msgs_before);
  m->msgs_before = NULL;
  m->msg_mark.line = 0;
  m->napps++;
  m->cur = a;
  m->cur_x = x;
  m->cont = CONT_NONE;
  m->trace = -1;
  return a;
}

static slg_app *cur_app(slg_model *m)
{
  if (m->cur == NULL) {
    slg_app *a = new_app(m);
    a->incomplete = 1; /* no "Running Spark version": started mid-run? */
    return a;
  }
  return m->cur;
}

static app_ix *cur_ix(slg_model *m)
{
  return m->cur_x;
}

/* The current application's time budget (budget.h), made on first use:
 * its clock starts at the application's first time. */
static slg_budget *budget_of(slg_model *m)
{
  slg_app *a = cur_app(m);
  if (a->budget == NULL) {
    a->budget = slg_xmalloc(sizeof *a->budget);
    slg_budget_init(a->budget);
    a->budget->last_ms = a->start_ms;
  }
  return a->budget;
}

/* ------------------------------------------------------------ entities */

static slg_job *job_get(slg_model *m, uint64_t id, int create)
{
  slg_app *a = cur_app(m);
  app_ix *x = cur_ix(m);
  uint32_t i = idmap_get(&x->jobs, id);
  if (i != UINT32_MAX)
    return &a->jobs[i];
  if (!create)
    return NULL;
  a->jobs = grow(a->jobs, a->njobs, sizeof(*a->jobs));
  slg_job *j = &a->jobs[a->njobs];
  memset(j, 0, sizeof(*j));
  j->id = id;
  j->start_ms = j->end_ms = -1;
  j->duration_ms = -1;
  j->result_stage = -1;
  j->incomplete = 1; /* cleared by "Got job" */
  idmap_put(&x->jobs, id, (uint32_t)a->njobs);
  if (a->njobs == 0 || id > x->max_job)
    x->max_job = id;
  a->njobs++;
  return j;
}

static SLG_NOINLINE slg_stage *stage_lookup(slg_model *m, uint64_t id);

/* Task lines come in runs per stage: the last stage asked for is
 * answered inline (fastpath MODEL_LAST_STAGE), the rest out of line. */
static inline slg_stage *stage_get(slg_model *m, uint64_t id)
{
  app_ix *x = m->cur_x;
  if (x != NULL && x->last_stage_ix != UINT32_MAX &&
      x->last_stage_id == id) {
    SLG_FASTPATH_HIT(MODEL_LAST_STAGE);
    return &m->cur->stages[x->last_stage_ix];
  }
  return stage_lookup(m, id);
}

static SLG_NOINLINE slg_stage *stage_lookup(slg_model *m, uint64_t id)
{
  slg_app *a = cur_app(m);
  app_ix *x = cur_ix(m);
  uint32_t i = idmap_get(&x->stages, id);
  if (i != UINT32_MAX) {
    if (!m->reference) {
      x->last_stage_id = id;
      x->last_stage_ix = i;
    }
    return &a->stages[i];
  }
  if (m->max_stages && m->stages_held >= m->max_stages &&
      x->cap_hard == UINT32_MAX)
    x->cap_hard = (uint32_t)a->nstages;
  if (((m->max_stages && m->stages_held >= m->max_stages) ||
       (m->fold_held && m->stages_held >= m->fold_held)) &&
      x->cap_from == UINT32_MAX)
    x->cap_from = (uint32_t)a->nstages;
  m->stages_held++;
  a->stages = grow(a->stages, a->nstages, sizeof(*a->stages));
  slg_stage *s = &a->stages[a->nstages];
  memset(s, 0, sizeof(*s));
  s->id = id;
  s->shuffle_write = -1;
  s->rdd_id = -1;
  idmap_put(&x->stages, id, (uint32_t)a->nstages);
  a->nstages++;
  return s;
}

static SLG_NOINLINE slg_stage *stage_lookup_late(slg_model *m, uint64_t id);

/*
 * stage_get for the lines that can come after a stage's end: task ends
 * and kills, "Cancelling stage N". Past --max-stages, such a line of a
 * stage just folded (maybe_fold) goes to a scratch stage and is dropped,
 * rather than starting the stage anew as a stub; a new attempt's lines
 * ("Submitting", "Adding task set") start it anew through stage_get.
 */
static inline slg_stage *stage_get_late(slg_model *m, uint64_t id)
{
  app_ix *x = m->cur_x;
  if (x != NULL && x->last_stage_ix != UINT32_MAX &&
      x->last_stage_id == id) {
    SLG_FASTPATH_HIT(MODEL_LAST_STAGE);
    return &m->cur->stages[x->last_stage_ix];
  }
  return stage_lookup_late(m, id);
}

static SLG_NOINLINE slg_stage *stage_lookup_late(slg_model *m, uint64_t id)
{
  app_ix *x = m->cur_x;
  if (x != NULL && x->cap_from != UINT32_MAX &&
      idmap_get(&x->stages, id) == UINT32_MAX) {
    for (unsigned i = 0; i < 8 && i < x->folded_n; i++)
      if (x->folded_ring[i] == id) {
        free_stage(&m->scratch);
        memset(&m->scratch, 0, sizeof m->scratch);
        m->scratch.id = id;
        m->scratch.shuffle_write = -1;
        m->scratch.rdd_id = -1;
        return &m->scratch;
      }
  }
  return stage_lookup(m, id);
}

static slg_stage *stage_find(slg_model *m, uint64_t id)
{
  if (m->napps == 0)
    return NULL;
  uint32_t i = idmap_get(&cur_ix(m)->stages, id);
  return i == UINT32_MAX ? NULL : &cur_app(m)->stages[i];
}

/*
 * The attempt index of a stage of more than ATTEMPT_SCAN attempts: number
 * -> index of the latest attempt so numbered (ID_NONE: none any more),
 * and each attempt's prev_same, the index of the one before it with its
 * number. A scan from the last attempt back finds exactly what it holds.
 */
static void attempt_link(slg_stage *s, uint32_t i)
{
  uint32_t prev = idmap_get(s->attempt_ix, s->attempts[i].attempt);
  s->attempts[i].prev_same = prev == UINT32_MAX ? ID_NONE : prev;
  idmap_put(s->attempt_ix, s->attempts[i].attempt, i);
}

/* Attempt i, the last, leaves its number (it is renumbered). */
static void attempt_unlink_last(slg_stage *s, uint32_t i)
{
  idmap_put(s->attempt_ix, s->attempts[i].attempt,
            s->attempts[i].prev_same);
}

static SLG_NOINLINE slg_stage_attempt *attempt_hashed(const slg_stage *s,
                                                      uint64_t no)
{
  uint32_t i = idmap_get(s->attempt_ix, no);
  return i >= ID_NONE ? NULL : &s->attempts[i];
}

/* The latest attempt numbered `no`, NULL when none. */
static inline slg_stage_attempt *attempt_find(const slg_stage *s,
                                              uint64_t no)
{
  size_t n = s->nattempts;
  if (n > 0 && s->attempts[n - 1].attempt == no)
    return &s->attempts[n - 1];
  if (s->attempt_ix != NULL)
    return attempt_hashed(s, no);
  for (size_t i = n; i-- > 0;)
    if (s->attempts[i].attempt == no)
      return &s->attempts[i];
  return NULL;
}

static slg_stage_attempt *attempt_new(slg_model *m, slg_stage *s,
                                      uint64_t no, int incomplete)
{
  s->attempts = grow(s->attempts, s->nattempts, sizeof(*s->attempts));
  slg_stage_attempt *t = &s->attempts[s->nattempts++];
  memset(t, 0, sizeof(*t));
  t->attempt = (uint32_t)no;
  t->prev_same = ID_NONE;
  if (s->attempt_ix != NULL) {
    attempt_link(s, (uint32_t)(s->nattempts - 1));
  } else if (s->nattempts > ATTEMPT_SCAN) {
    s->attempt_ix = slg_xcalloc(1, sizeof(*s->attempt_ix));
    for (size_t i = 0; i < s->nattempts; i++)
      attempt_link(s, (uint32_t)i);
  }
  t->status = SLG_STATUS_RUNNING;
  t->start = m->now;
  t->start_ms = m->now_ms;
  t->end_ms = -1;
  t->duration_ms = -1;
  t->incomplete = incomplete;
  slg_sketch_init(&t->tasks.task_ms);
  if (incomplete)
    s->incomplete = 1;
  return t;
}

/* The attempt a task line names ("stage 3.1"); created (incomplete) when
 * the log never showed it being submitted. */
static inline slg_stage_attempt *attempt_get(slg_model *m, slg_stage *s,
                                             uint64_t no)
{
  slg_stage_attempt *t = attempt_find(s, no);
  return t != NULL ? t : attempt_new(m, s, no, 1);
}

/* The latest attempt (DAGScheduler lines name no attempt). */
static slg_stage_attempt *attempt_last(slg_model *m, slg_stage *s)
{
  if (s->nattempts == 0)
    return attempt_new(m, s, 0, 1);
  return &s->attempts[s->nattempts - 1];
}

static slg_shuffle *shuffle_get(slg_model *m, uint64_t id)
{
  slg_app *a = cur_app(m);
  app_ix *x = cur_ix(m);
  uint32_t i = idmap_get(&x->shuffles, id);
  if (i != UINT32_MAX)
    return &a->shuffles[i];
  a->shuffles = grow(a->shuffles, a->nshuffles, sizeof(*a->shuffles));
  slg_shuffle *s = &a->shuffles[a->nshuffles];
  memset(s, 0, sizeof(*s));
  s->id = id;
  s->writer_stage = -1;
  s->rdd = -1;
  s->aqe_advisory_bytes = s->aqe_actual_bytes = -1;
  s->aqe_min_partition_bytes = -1;
  idmap_put(&x->shuffles, id, (uint32_t)a->nshuffles);
  a->nshuffles++;
  return s;
}

/* The value of a canonical decimal id below SLG_EXEC_NUM ("0", "17", not
 * "017" or "driver"), or -1: such ids have one spelling per value. */
static int exec_num_of(slg_span id)
{
  if (id.len == 0 || id.len > 4 || (id.len > 1 && id.ptr[0] == '0'))
    return -1;
  int v = 0;
  for (size_t i = 0; i < id.len; i++) {
    unsigned d = (unsigned)((unsigned char)id.ptr[i] - '0');
    if (d > 9)
      return -1;
    v = v * 10 + (int)d;
  }
  return v < SLG_EXEC_NUM ? v : -1;
}

static uint32_t exec_index_hashed(slg_model *m, slg_span id, int create);

/* Executors are keyed by their id string (hash; collisions checked), with
 * small numeric ids answered from a direct table first. v is
 * exec_num_of(id), which the caller may have worked out already (see
 * slg_model_item.exec_num): then a known executor costs no read of id. */
static uint32_t exec_index_slow(slg_model *m, slg_span id, int v,
                                int create);

static inline uint32_t exec_index_num(slg_model *m, slg_span id, int v,
                                      int create)
{
  /* A known small id (every task line's): one table read, inline
   * (fastpath MODEL_EXEC_TABLE). */
  app_ix *x = m->cur_x;
  if (v >= 0 && x != NULL && x->exec_num != NULL && x->exec_num[v] != 0) {
    SLG_FASTPATH_HIT(MODEL_EXEC_TABLE);
    return x->exec_num[v] - 1;
  }
  return exec_index_slow(m, id, v, create);
}

/* Everything exec_index_num's table did not answer: a first sight of the
 * id, an id that is not a small number, or no application yet. In
 * reference mode the table is never made: every id is hashed. */
static uint32_t exec_index_slow(slg_model *m, slg_span id, int v, int create)
{
  app_ix *x;
  if (v < 0 || m->reference)
    return exec_index_hashed(m, id, create);
  cur_app(m);
  x = cur_ix(m);
  uint32_t i = exec_index_hashed(m, id, create);
  if (i != UINT32_MAX) {
    if (x->exec_num == NULL)
      x->exec_num = slg_xcalloc(SLG_EXEC_NUM, sizeof(*x->exec_num));
    x->exec_num[v] = i + 1;
  }
  return i;
}

static uint32_t exec_index_hashed(slg_model *m, slg_span id, int create)
{
  slg_app *a = cur_app(m);
  app_ix *x = cur_ix(m);
  uint64_t h = hash_span(id);
  uint32_t i = idmap_get(&x->execs, h);
  if (i != UINT32_MAX && span_is(id, a->executors[i].id, x->exec_len[i]))
    return i;
  if (i != UINT32_MAX) { /* hash collision: scan */
    for (size_t k = 0; k < a->nexecutors; k++)
      if (span_is(id, a->executors[k].id, x->exec_len[k]))
        return (uint32_t)k;
  }
  if (!create)
    return UINT32_MAX;
  x->exec_len = grow(x->exec_len, a->nexecutors, sizeof(*x->exec_len));
  a->executors = grow(a->executors, a->nexecutors, sizeof(*a->executors));
  slg_executor *e = &a->executors[a->nexecutors];
  memset(e, 0, sizeof(*e));
  e->id = dup_span(id);
  /* Not id.len: a NUL byte in the log would end the stored string. */
  x->exec_len[a->nexecutors] = strlen(e->id);
  if (i == UINT32_MAX)
    idmap_put(&x->execs, h, (uint32_t)a->nexecutors);
  return (uint32_t)a->nexecutors++;
}

static inline uint32_t tally_cell(uint32_t index, uint32_t cap)
{
  return ((index * UINT32_C(0x9E3779B1)) >> 16) & (cap - 1);
}

/* Puts tally `slot` (of executor `index`) into the lookup. */
static void tally_ix_put(uint16_t *ix, uint32_t cap, uint32_t index,
                         size_t slot)
{
  uint32_t h = tally_cell(index, cap);
  while (ix[h] != 0)
    h = (h + 1) & (cap - 1);
  ix[h] = (uint16_t)(slot + 1);
}

/*
 * The bounded per-stage tally for executor `index`. Found through a small
 * hash over the tallies: a linear search over up to
 * SLG_MAX_STAGE_EXECUTORS of them, for every finished task, was the most
 * expensive line of the model (and grew with the cluster).
 */
static void tally_ix_build(slg_task_agg *g, uint32_t cap)
{
  free(g->execs_ix);
  g->execs_ix = slg_xcalloc(cap, sizeof(*g->execs_ix));
  g->execs_ix_cap = cap;
  for (size_t i = 0; i < g->nexecs; i++)
    tally_ix_put(g->execs_ix, cap, g->execs[i].index, i);
}

/* The smallest lookup at most half full for n tallies. */
static uint32_t tally_ix_cap(size_t n)
{
  uint32_t cap = 16;
  while (2 * n > cap)
    cap *= 2;
  return cap;
}

static inline slg_exec_tally *exec_tally(slg_task_agg *g, uint32_t index)
{
  if (g->execs_ix_cap == 0 && g->nexecs > 0) {
    /* A task line after the attempt was compacted (compact_attempt):
     * the lookup comes back. */
    tally_ix_build(g, tally_ix_cap(g->nexecs));
  }
  if (g->execs_ix_cap) {
    uint32_t mask = g->execs_ix_cap - 1;
    for (uint32_t h = tally_cell(index, g->execs_ix_cap);; h = (h + 1) & mask) {
      uint16_t s = g->execs_ix[h];
      if (s == 0)
        break;
      if (g->execs[s - 1].index == index)
        return &g->execs[s - 1];
    }
  }
  if (g->nexecs >= SLG_MAX_STAGE_EXECUTORS)
    return &g->execs_rest;
  g->execs = grow(g->execs, g->nexecs, sizeof(*g->execs));
  size_t slot = g->nexecs++;
  slg_exec_tally *t = &g->execs[slot];
  memset(t, 0, sizeof(*t));
  t->index = index;
  if (2 * g->nexecs > g->execs_ix_cap) {
    /* At most half full: rebuilt at twice the size. */
    tally_ix_build(g, g->execs_ix_cap ? g->execs_ix_cap * 2 : 16);
  } else {
    tally_ix_put(g->execs_ix, g->execs_ix_cap, index, slot);
  }
  return t;
}


static void evidence(slg_model *m, slg_stage_attempt *t)
{
  if (t->nevidence >= SLG_MAX_EVIDENCE)
    return;
  /* Few attempts have any: the room comes with the first. */
  if (t->evidence == NULL)
    t->evidence = slg_xmalloc(SLG_MAX_EVIDENCE * sizeof(*t->evidence));
  t->evidence[t->nevidence++] = m->pos;
}


static uint64_t link_key(const slg_app *a, const slg_stage *s,
                         const slg_job *j)
{
  return (uint64_t)(s - a->stages) << 32 | (uint64_t)(j - a->jobs);
}

/* s lists j (and so j lists s: the two lists are made together). */
static int linked(const slg_app *a, const app_ix *x, const slg_stage *s,
                  const slg_job *j)
{
  if (s->njobs <= LINK_SCAN)
    return has_u64(s->jobs, s->njobs, j->id);
  if (j->nstages <= LINK_SCAN)
    return has_u64(j->stages, j->nstages, s->id);
  return idmap_get(&x->links, link_key(a, s, j)) != UINT32_MAX;
}

/* Lists j in s->jobs and s in j->stages, once. x->links holds every link
 * of a stage or a job whose list is longer than LINK_SCAN: a list that
 * grows past it enters all its links. */
static void link_stage_job(slg_model *m, slg_stage *s, slg_job *j)
{
  slg_app *a = cur_app(m);
  app_ix *x = cur_ix(m);
  if (linked(a, x, s, j))
    return;
  s->jobs = ids_grow(&m->strings, s->jobs, s->njobs);
  s->jobs[s->njobs++] = j->id;
  j->stages = ids_grow(&m->strings, j->stages, j->nstages);
  j->stages[j->nstages++] = s->id;
  if (s->njobs == LINK_SCAN + 1)
    for (size_t i = 0; i + 1 < s->njobs; i++)
      idmap_put(&x->links,
                link_key(a, s, &a->jobs[idmap_get(&x->jobs, s->jobs[i])]),
                0);
  if (j->nstages == LINK_SCAN + 1)
    for (size_t i = 0; i + 1 < j->nstages; i++) {
      uint32_t k = idmap_get(&x->stages, j->stages[i]);
      if (k != UINT32_MAX) /* a stage folded (--max-stages) has none */
        idmap_put(&x->links, link_key(a, &a->stages[k], j), 0);
    }
  if (s->njobs > LINK_SCAN || j->nstages > LINK_SCAN)
    idmap_put(&x->links, link_key(a, s, j), 0);
}

static void set_kind(slg_stage *s, slg_stage_kind k)
{
  if (k != SLG_STAGE_UNKNOWN)
    s->kind = k;
}

static void set_name(slg_model *m, slg_stage *s, slg_span name)
{
  if (s->name == NULL && name.len > 0)
    s->name = strpool_intern(&m->strings, name);
}

static double elapsed(int64_t start, int64_t end)
{
  if (start < 0 || end < 0 || end < start)
    return -1;
  return (double)(end - start);
}

/* elapsed() between two logged times, -1 (unknown) where the timestamps
 * cannot tell: 0 between two times without milliseconds is anything
 * under a second, not 0 ms. */
static double span(const slg_time *a, int64_t a_ms, const slg_time *b,
                   int64_t b_ms)
{
  double d = elapsed(a_ms, b_ms);
  if (d == 0 && !(a->flags & b->flags & SLG_TIME_HAS_MS))
    return -1;
  return d;
}

/* ------------------------------------------------------------- failures */

static void free_failure(slg_failure *f)
{
  free(f->text);
  free(f->exception);
  free(f->deepest);
  free(f->python_error);
  free(f->py_frame);
  free(f->detail);
  free(f->thread);
  for (size_t k = 0; k < f->nframes; k++)
    free(f->frames[k]);
}

/* Statements that end an application whatever its jobs did; the others
 * (a lost task, an ERROR record) are kept only while there is room. */
static int strong_src(int src)
{
  return src != SLG_FAILURE_ERROR_RECORD && src != SLG_FAILURE_TASK;
}

/*
 * A statement of failure at the current line: a new entry of the current
 * application whose trace the next lines extend, or the count of an equal
 * one. Needs an application; the caller makes sure there is one.
 */
static void open_failure(slg_model *m, int src, slg_span text, int64_t job)
{
  m->trace = -1;
  m->trace_py = 0;
  m->trace_code = 0;
  if (m->napps == 0)
    return;
  slg_app *a = cur_app(m);
  text = slg_trim_right(text);
  /* A traceback or an exception in a thread says what it is on the
   * lines after it: never grouped by its first line. */
  int grouped = src != SLG_FAILURE_PYTHON && src != SLG_FAILURE_MAIN;
  for (size_t i = 0; grouped && i < a->nfailures; i++) {
    slg_failure *f = &a->failures[i];
    if (f->src == src && f->job == job &&
        strlen(f->text) == text.len &&
        (text.len == 0 || slg_mem_eq(f->text, text.ptr, text.len))) {
      f->count++;
      return;
    }
  }
  slg_failure *f;
  if (a->nfailures < SLG_MAX_FAILURES) {
    a->failures = grow(a->failures, a->nfailures, sizeof(*a->failures));
    f = &a->failures[a->nfailures++];
  } else if (strong_src(src)) {
    /* The last statement of a run decides its outcome: keep it. */
    f = &a->failures[a->nfailures - 1];
    free_failure(f);
    a->failures_dropped++;
  } else {
    a->failures_dropped++;
    return;
  }
  memset(f, 0, sizeof(*f));
  f->src = src;
  f->pos = m->pos;
  f->time_ms = m->now_ms;
  f->text = slg_xstrndup(text.ptr, text.len);
  f->job = job;
  f->jobs_before = a->njobs;
  f->count = 1;
  m->trace = (int64_t)(f - a->failures);
}

/* Sets *dst to line (once: `once`), at pos. */
static void keep(char **dst, slg_pos *at, slg_span line, const slg_pos *pos,
                 int once)
{
  if (once && *dst != NULL)
    return;
  free(*dst);
  *dst = dup_span(line);
  *at = *pos;
}

/* A line that is not a record, for the failures: it opens one
 * ("Exception in thread", a traceback) or extends the open one's trace. */
static void trace_line(slg_model *m, slg_span line, const slg_pos *pos)
{
  slg_trace_line t;
  slg_read_trace_line(line, &t);
  if (t.kind == SLG_TRACE_MAIN || t.kind == SLG_TRACE_OPERATOR) {
    slg_pos save = m->pos;
    m->pos = *pos;
    open_failure(m,
                 t.kind == SLG_TRACE_MAIN ? SLG_FAILURE_MAIN
                                          : SLG_FAILURE_OPERATOR,
                 t.text, -1);
    m->pos = save;
    if (m->trace >= 0)
      cur_app(m)->last_pos = *pos;
    if (m->trace >= 0) {
      slg_failure *f = &cur_app(m)->failures[m->trace];
      if (f->thread == NULL)
        f->thread = dup_span(t.thread);
    }
    return;
  }
  /* A traceback is a statement of its own: after an ERROR record that
   * only announces it ("ERROR - Batch processing failed"), or after
   * another traceback that ended. */
  if (t.kind == SLG_TRACE_TRACEBACK && m->trace >= 0) {
    const slg_failure *f = &cur_app(m)->failures[m->trace];
    if (f->src != SLG_FAILURE_PYTHON || f->python_error != NULL)
      m->trace = -1;
  }
  if (m->trace < 0) {
    if (t.kind != SLG_TRACE_TRACEBACK)
      return;
    slg_pos save = m->pos;
    m->pos = *pos;
    open_failure(m, SLG_FAILURE_PYTHON, t.text, -1);
    m->pos = save;
  }
  if (m->trace < 0)
    return;
  slg_app *a = cur_app(m);
  a->last_pos = *pos; /* the application's lines run to its trace's end */
  slg_failure *f = &a->failures[m->trace];
  /* The source line under a user frame: "/app/job.py, line 3, in f
   * (x = g())". */
  if (m->trace_code) {
    m->trace_code = 0;
    if (t.kind == SLG_TRACE_OTHER && t.indented && f->py_frame != NULL) {
      size_t n = strlen(f->py_frame);
      char *s = slg_xmalloc(n + t.text.len + 4);
      memcpy(s, f->py_frame, n);
      memcpy(s + n, " (", 2);
      memcpy(s + n + 2, t.text.ptr, t.text.len);
      memcpy(s + n + 2 + t.text.len, ")", 2);
      free(f->py_frame);
      f->py_frame = s;
      return;
    }
  }
  switch (t.kind) {
  case SLG_TRACE_TRACEBACK:
    m->trace_py = 1;
    break;
  case SLG_TRACE_CAUSED_BY:
    keep(&f->deepest, &f->deepest_pos, t.text, pos, 0);
    break;
  case SLG_TRACE_FRAME:
    if (f->nframes < SLG_MAX_FRAMES && !slg_frame_is_platform(t.text)) {
      f->frames[f->nframes] = dup_span(t.text);
      f->frame_pos[f->nframes++] = *pos;
    }
    break;
  case SLG_TRACE_OTHER:
    if (!t.indented && t.text.len > 0 && !slg_trace_is_bare_head(t.text))
      keep(&f->detail, &f->detail_pos, t.text, pos, 1);
    break;
  case SLG_TRACE_PY_FRAME:
    if (t.thread.len >= 17 &&
        slg_mem_eq(t.thread.ptr + t.thread.len - 17, "in signal_handler", 17))
      f->interrupted = 1;
    if (!slg_py_frame_is_platform(t.text)) {
      free(f->py_frame);
      f->py_frame = slg_xmalloc(t.text.len + t.thread.len + 1);
      memcpy(f->py_frame, t.text.ptr, t.text.len);
      memcpy(f->py_frame + t.text.len, t.thread.ptr, t.thread.len);
      f->py_frame[t.text.len + t.thread.len] = '\0';
      f->py_frame_pos = *pos;
      m->trace_code = 1;
    }
    break;
  case SLG_TRACE_EXCEPTION:
    if (m->trace_py && !t.indented) {
      keep(&f->python_error, &f->python_pos, t.text, pos, 0);
      if (slg_span_starts(t.text, "KeyboardInterrupt"))
        f->interrupted = 1;
    }
    else if (f->deepest == NULL)
      keep(&f->exception, &f->exception_pos, t.text, pos, 1);
    break;
  default:
    break;
  }
}

void slg_model_trace_line(slg_model *m, slg_span line, const slg_pos *pos)
{
  if (m->napps > 0 && (m->trace >= 0 || slg_trace_line_wanted(line)))
    trace_line(m, line, pos);
}

static size_t open_jobs(const slg_app *a)
{
  size_t n = 0;
  for (size_t i = 0; i < a->njobs; i++)
    n += a->jobs[i].status == SLG_STATUS_RUNNING;
  return n;
}

static void on_stop(slg_model *m, const slg_event *ev)
{
  /* With no application yet, the tail of one that began before the
   * file's first line ("Shutdown hook called" first). */
  slg_app *a = cur_app(m);
  switch ((slg_stop_kind)ev->flag) {
  case SLG_STOP_SC_STOPPED:
    /* A context stops once: a second "Successfully stopped SparkContext"
     * with no new start repeats the first (a tail written twice). */
    if (a->sc_stop_pos.line)
      break;
    a->sc_stop_pos = m->pos;
    a->sc_stop_ms = m->now_ms;
    if (ev->n2)
      a->uptime_ms = (int64_t)ev->n;
    break;
  case SLG_STOP_HOOK_INVOKED:
    if (a->hook_pos.line == 0) {
      a->hook_pos = m->pos;
      a->hook_ms = m->now_ms;
      a->jobs_open_at_stop += open_jobs(a);
    }
    break;
  case SLG_STOP_HOOK_CALLED:
    if (a->hook_called_pos.line == 0) {
      a->hook_called_pos = m->pos;
      a->hook_called_ms = m->now_ms;
    }
    break;
  case SLG_STOP_K8S_CLOSED:
    cur_ix(m)->k8s_closed = m->pos;
    cur_ix(m)->k8s_closed_ms = m->now_ms;
    break;
  case SLG_STOP_SIGNAL:
    if (a->signal == NULL) {
      a->signal = dup_span(ev->str);
      a->signal_pos = m->pos;
      a->jobs_open_at_stop += open_jobs(a);
    }
    break;
  }
}

static void on_failure(slg_model *m, const slg_event *ev)
{
  int src = (int)ev->n;
  /* The driver's own statements begin an application of their own when
   * none was seen (a log whose start-up lines were cut). */
  if (m->napps == 0 && (src == SLG_FAILURE_SC_INIT ||
                        src == SLG_FAILURE_USER_CLASS ||
                        src == SLG_FAILURE_STREAMING ||
                        src == SLG_FAILURE_UNCAUGHT))
    cur_app(m);
  open_failure(m, src, ev->str, -1);
  if (src == SLG_FAILURE_PYTHON)
    m->trace_py = 1;
}

static void on_final_status(slg_model *m, const slg_event *ev)
{
  slg_app *a = cur_app(m);
  free(a->final_status);
  free(a->final_reason);
  a->final_status = dup_span(ev->str);
  a->final_reason = ev->str2.len ? dup_span(ev->str2) : NULL;
  a->final_exit_code = ev->flag ? -(int64_t)ev->n : (int64_t)ev->n;
  a->final_pos = m->pos;
}

/* ------------------------------------------------------- event handlers */

static int same_pos(slg_pos a, slg_pos b)
{
  return a.file == b.file && a.line == b.line;
}

static int stopped(const slg_app *a)
{
  return a->sc_stop_pos.line || a->hook_pos.line || a->hook_called_pos.line;
}

/* A new application whose run begins on the current line, or on the JVM
 * line just before it when nothing came between. */
static slg_app *open_run(slg_model *m)
{
  slg_pos run = m->pos;
  if (m->napps && m->pending_run.line &&
      same_pos(m->cur->last_pos, m->pending_run))
    run = m->pending_run;
  m->pending_run.line = 0;
  /* The messages after the last line of the application before are the
   * new run's start-up when the run began on that line (its JVM line):
   * neither's. */
  if (m->napps && m->cur->msgs && same_pos(run, m->cur->last_pos) &&
      same_pos(m->msg_mark, m->cur->last_pos))
    slg_msgs_undo(m->cur->msgs);
  slg_app *a = new_app(m);
  a->incomplete = 0;
  m->cur_x->run_pos = run;
  return a;
}

/*
 * The first line of a run (extract.h slg_run_start). A JVM's line opens a
 * new application after one that stopped, or after one without "Running
 * Spark version" that ran work or already had its JVM line (WARN-level
 * runs appended to one file log nothing else); a context start line of a
 * version-less Spark opens one after work or a stop. Otherwise the line
 * is the current run's setup (an executor JVM's, or this run's before its
 * version line).
 */
static void on_run_start(slg_model *m, const slg_event *ev)
{
  unsigned bit = 1u << (unsigned)ev->flag;
  slg_app *a = m->napps ? m->cur : NULL;
  if (a != NULL) {
    int versioned = a->spark_version != NULL;
    int worked = a->njobs > 0 || a->nstages > 0;
    if (ev->flag == SLG_RUN_START_CONTEXT && versioned)
      return; /* executors' MemoryStore and SecurityManager lines */
    if (!stopped(a) &&
        (versioned ||
         !(worked || (ev->flag == SLG_RUN_START_JVM && (m->cur_x->starts & bit))))) {
      if (versioned)
        m->pending_run = m->pos;
      m->cur_x->starts |= bit;
      return;
    }
  }
  open_run(m);
  m->cur_x->starts = bit;
}

static void on_version(slg_model *m, const slg_event *ev)
{
  slg_app *a = m->napps ? cur_app(m) : NULL;
  /* Reuse an application that has seen nothing but setup lines; one its
   * JVM's line opened starts here, with its SparkContext. */
  if (a == NULL || a->spark_version != NULL || a->njobs > 0 ||
      a->nstages > 0 || stopped(a)) {
    a = open_run(m);
  } else if (m->cur_x->run_pos.line) {
    a->first_pos = m->pos;
    a->start = m->now;
    a->start_ms = m->now_ms;
  }
  a->incomplete = 0;
  free(a->spark_version);
  a->spark_version = dup_span(ev->str);
  free(m->version);
  m->version = dup_span(ev->str);
}

static void on_job_submitted(slg_model *m, const slg_event *ev)
{
  slg_job *j = job_get(m, ev->job, 0);
  if (j != NULL && j->got) {
    /* Job ids restart at 0 per SparkContext: a second "Got job 0" with no
     * "Running Spark version" in between is a new application. */
    new_app(m)->incomplete = 1;
    j = NULL;
  }
  if (j == NULL)
    j = job_get(m, ev->job, 1);
  j->got = 1;
  j->incomplete = 0;
  j->status = SLG_STATUS_RUNNING;
  j->map_stage_job = ev->flag;
  j->start = m->now;
  j->start_ms = m->now_ms;
  j->num_partitions = ev->n;
  if (j->callsite == NULL)
    j->callsite = strpool_intern(&m->strings, ev->str);
  cur_ix(m)->cur_job = (int64_t)(j - cur_app(m)->jobs);
  slg_budget_job_start(budget_of(m), m->now_ms, &m->pos, j->map_stage_job);
}

static slg_job *current_job(slg_model *m)
{
  app_ix *x = cur_ix(m);
  if (x->cur_job < 0)
    return NULL;
  return &cur_app(m)->jobs[x->cur_job];
}

static void on_final_stage(slg_model *m, const slg_event *ev)
{
  slg_stage *s = stage_get(m, ev->stage);
  set_kind(s, ev->stage_kind);
  set_name(m, s, ev->str);
  slg_job *j = current_job(m);
  if (j != NULL) {
    j->result_stage = (int64_t)ev->stage;
    link_stage_job(m, s, j);
  }
}

/* Lists stage `si` (id `id`) once among f's parents: searched up to
 * LINK_SCAN parents, through x->parent_links beyond. */
static void add_parent(slg_model *m, slg_stage *f, size_t si, uint64_t id)
{
  slg_app *a = cur_app(m);
  app_ix *x = cur_ix(m);
  uint64_t fi = (uint64_t)(f - a->stages) << 32;
  if (f->nparents <= LINK_SCAN
          ? has_u64(f->parents, f->nparents, id)
          : idmap_get(&x->parent_links, fi | si) != UINT32_MAX)
    return;
  f->parents = ids_grow(&m->strings, f->parents, f->nparents);
  f->parents[f->nparents++] = id;
  if (f->nparents == LINK_SCAN + 1)
    for (size_t i = 0; i + 1 < f->nparents; i++)
      idmap_put(&x->parent_links,
                fi | idmap_get(&x->stages, f->parents[i]), 0);
  if (f->nparents > LINK_SCAN)
    idmap_put(&x->parent_links, fi | si, 0);
}

static void on_parents(slg_model *m, const slg_event *ev)
{
  slg_job *j = current_job(m);
  const char *p = ev->str.ptr;
  const char *end = ev->str.ptr + ev->str.len;
  slg_stage_kind k;
  uint64_t id;
  int r;
  while ((r = slg_stage_list_next(&p, end, &k, &id)) != 0) {
    if (r < 0) {
      m->rejected++;
      continue;
    }
    slg_stage *s = stage_get(m, id);
    set_kind(s, k);
    if (j == NULL)
      continue;
    /* stage_get may have moved the array: look the final stage up after
     * creating the parent. */
    link_stage_job(m, s, j);
    if (ev->flag == 0 && j->result_stage >= 0) {
      size_t si = (size_t)(s - cur_app(m)->stages);
      add_parent(m, stage_get(m, (uint64_t)j->result_stage), si, id);
    }
  }
}

static int64_t rdd_id_of(slg_span rdd)
{
  /* "MapPartitionsRDD[3] at count at <console>:24" */
  const char *b = memchr(rdd.ptr, '[', rdd.len);
  if (b == NULL)
    return -1;
  const char *p = b + 1;
  uint64_t v;
  if (slg_parse_u64(&p, rdd.ptr + rdd.len, SLG_EXTRACT_MAX, &v) != 1 ||
      p >= rdd.ptr + rdd.len || *p != ']')
    return -1;
  return (int64_t)v;
}

/*
 * The text of "MapPartitionsRDD[3] at count at <console>:24" (id 3): in
 * a streaming application all of it but the id repeats every batch, so
 * it is kept as the interned "MapPartitionsRDD[] at count at
 * <console>:24" when the id is written plainly; slg_stage_rdd puts the
 * id back.
 */
static char *rdd_text(slg_model *m, slg_span rdd, int64_t id)
{
  const char *b = id >= 0 ? memchr(rdd.ptr, '[', rdd.len) : NULL;
  char digits[24];
  int n = snprintf(digits, sizeof digits, "%lld", (long long)id);
  size_t head = b != NULL ? (size_t)(b + 1 - rdd.ptr) : 0;
  if (b == NULL || n <= 0 || rdd.len - head <= (size_t)n ||
      memcmp(b + 1, digits, (size_t)n) != 0 || b[1 + n] != ']')
    return strpool_copy(&m->strings, rdd);
  char small[256];
  size_t len = rdd.len - (size_t)n;
  char *t = len <= sizeof small ? small : slg_xmalloc(len);
  memcpy(t, rdd.ptr, head);
  memcpy(t + head, b + 1 + n, len - head);
  char *r = strpool_intern(&m->strings, slg_span_make(t, len));
  if (t != small)
    free(t);
  return r;
}

void slg_stage_rdd(const slg_stage *s, slg_buf *out)
{
  if (s->rdd == NULL)
    return;
  const char *b = strchr(s->rdd, '[');
  if (s->rdd_id < 0 || b == NULL || b[1] != ']') {
    slg_buf_puts(out, s->rdd);
    return;
  }
  slg_buf_put(out, s->rdd, (size_t)(b + 1 - s->rdd));
  slg_buf_printf(out, "%lld", (long long)s->rdd_id);
  slg_buf_puts(out, b + 1);
}

static void stage_basis_step(slg_model *m, int delta);

static void on_stage_submitted(slg_model *m, const slg_event *ev)
{
  slg_stage *s = stage_get(m, ev->stage);
  set_kind(s, ev->stage_kind);
  if (s->rdd == NULL && ev->str.len > 0) {
    s->rdd_id = rdd_id_of(ev->str);
    s->rdd = rdd_text(m, ev->str, s->rdd_id);
  }
  slg_stage_attempt *last =
      s->nattempts ? &s->attempts[s->nattempts - 1] : NULL;
  if (last != NULL && last->status == SLG_STATUS_RUNNING &&
      last->tasks.started == 0 && !last->taskset_seen) {
    last->incomplete = 0; /* a placeholder this line now explains */
    last->submitted = 1;
  } else {
    uint32_t no = last ? last->attempt + 1 : 0;
    slg_stage_attempt *t = attempt_new(m, s, no, 0);
    t->submitted = 1;
    if (no > 0)
      t->resubmitted_because = s->pending_resubmit != SLG_RESUBMIT_NONE
                                   ? s->pending_resubmit
                                   : SLG_RESUBMIT_OTHER;
  }
  s->pending_resubmit = SLG_RESUBMIT_NONE;
  slg_job *j = current_job(m);
  if (s->njobs == 0 && j != NULL)
    link_stage_job(m, s, j);
  stage_basis_step(m, +1);
}

static void on_stage_tasks(slg_model *m, const slg_event *ev)
{
  slg_stage *s = stage_get(m, ev->stage);
  set_kind(s, ev->stage_kind);
  slg_stage_attempt *t = attempt_last(m, s);
  if (t->num_tasks == 0)
    t->num_tasks = ev->n;
}

static void on_taskset_added(slg_model *m, const slg_event *ev)
{
  slg_stage *s = stage_get(m, ev->stage);
  slg_stage_attempt *t = attempt_find(s, ev->attempt);
  if (t == NULL && s->nattempts > 0 &&
      !s->attempts[s->nattempts - 1].taskset_seen &&
      s->attempts[s->nattempts - 1].status == SLG_STATUS_RUNNING) {
    /* "Adding task set 3.1" names the attempt "Submitting" implied. */
    uint32_t last = (uint32_t)(s->nattempts - 1);
    t = &s->attempts[last];
    if (s->attempt_ix != NULL)
      attempt_unlink_last(s, last);
    t->attempt = (uint32_t)ev->attempt;
    if (s->attempt_ix != NULL)
      attempt_link(s, last);
  }
  if (t == NULL)
    t = attempt_new(m, s, ev->attempt, 1);
  t->taskset_seen = 1;
  t->num_tasks = ev->n;
  slg_budget_taskset(budget_of(m), m->now_ms, &m->pos, ev->stage,
                     ev->attempt, ev->n);
}

/*
 * A stage attempt ended: it keeps what the report reads and drops the
 * lookups that only task lines use (the executor tallies' hash, the
 * unused room of its duration sketch and, for a task or two, the sketch's
 * copy of its values). Called after slg_model_on_end's callback saw the
 * attempt whole. Lines can still come for it (a late task end, a killed
 * speculative copy): each dropped part comes back on first use
 * (exec_tally, slg_sketch_add), so the report is the same as without it,
 * which reference mode (fastpath.h, MODEL_COMPACT) checks.
 */
static void compact_attempt(slg_model *m, slg_stage_attempt *t)
{
  if (m->reference)
    return;
  SLG_FASTPATH_HIT(MODEL_COMPACT);
  slg_task_agg *g = &t->tasks;
  slg_sketch_compact(&g->task_ms);
  free(g->execs_ix);
  g->execs_ix = NULL;
  g->execs_ix_cap = 0;
}

/*
 * --max-stages: a stage beyond the cap whose attempts all ended leaves
 * the model once the callback saw its end (slg_end.fold; the analysis
 * took its findings, limits and ranking then). Only what it adds to the
 * counts stays. The stages after it in the array are the few beyond the
 * cap still running, so moving them down costs what is running.
 */
static uint32_t written_shuffle(const slg_app *a, const app_ix *x,
                                uint64_t stage);

/* Stage `id` reads shuffle r: listed once (a stage's entries come
 * together, so it is there when it is the last). */
static void add_reader(slg_model *m, slg_shuffle *r, uint64_t id)
{
  if (r->nreader_stages > 0 && r->reader_stages[r->nreader_stages - 1] == id)
    return;
  r->reader_stages = ids_grow(&m->strings, r->reader_stages,
                              r->nreader_stages);
  r->reader_stages[r->nreader_stages++] = id;
}

/* What finish_app links of a stage that leaves the model: the shuffle it
 * writes (remembered for the stages that read it) and those it reads, so
 * that the shuffles' writer and readers do not depend on the folding. */
static void fold_links(slg_model *m, slg_app *a, app_ix *x,
                       const slg_stage *s)
{
  if (s->rdd_id >= 0 && s->kind != SLG_STAGE_RESULT) {
    uint32_t k = idmap_get(&x->rdds, (uint64_t)s->rdd_id);
    if (k != UINT32_MAX) {
      if (a->shuffles[k].writer_stage < 0)
        a->shuffles[k].writer_stage = (int64_t)s->id;
      idmap_put(&x->folded_writes, s->id, k);
    }
  }
  for (size_t p = 0; p < s->nparents; p++) {
    uint32_t q = written_shuffle(a, x, s->parents[p]);
    if (q == UINT32_MAX)
      continue;
    add_reader(m, &a->shuffles[q], s->id);
  }
}

static void maybe_fold(slg_model *m, slg_stage *s)
{
  if (!will_fold(m, s))
    return;
  slg_app *a = cur_app(m);
  app_ix *x = cur_ix(m);
  size_t si = (size_t)(s - a->stages);
  if (si >= x->cap_hard) {
    m->stages_folded++;
    m->attempts_folded += s->nattempts;
  } else {
    m->stages_streamed++; /* slg_model_set_fold_held: not capped */
  }
  idmap_del(&x->stages, s->id);
  x->folded_ring[x->folded_n++ % 8] = s->id;
  const slg_stage_attempt *last =
      s->nattempts > 0 ? &s->attempts[s->nattempts - 1] : NULL;
  if (last != NULL && last->failure != NULL) {
    free(x->folded_fail);
    x->folded_fail = slg_xstrndup(last->failure, strlen(last->failure));
    x->folded_fail_id = s->id;
  }
  fold_links(m, a, x, s);
  free_stage(s);
  memmove(s, s + 1, (a->nstages - si - 1) * sizeof(*s));
  a->nstages--;
  m->stages_held--;
  for (size_t i = si; i < a->nstages; i++)
    idmap_put(&x->stages, a->stages[i].id, (uint32_t)i);
  x->last_stage_ix = UINT32_MAX;
  if (m->cont == CONT_STAGE_REASON) {
    /* A reason on the next lines is lost with the stage. */
    if (m->cont_idx == si)
      m->cont = CONT_NONE;
    else if (m->cont_idx > si)
      m->cont_idx--;
  }
}

static void finish_map_jobs(slg_model *m, uint64_t stage)
{
  /* Map-stage jobs (AQE) log no job end: their final ShuffleMapStage
   * finishing ends them. */
  slg_app *a = cur_app(m);
  slg_stage *s = stage_find(m, stage);
  if (s == NULL)
    return;
  for (size_t i = 0; i < s->njobs; i++) {
    slg_job *j = job_get(m, s->jobs[i], 0);
    if (j != NULL && j->map_stage_job && j->result_stage == (int64_t)stage &&
        j->status == SLG_STATUS_RUNNING) {
      j->status = SLG_STATUS_SUCCEEDED;
      j->end = m->now;
      j->end_ms = m->now_ms;
      j->duration_ms = span(&j->start, j->start_ms, &j->end, j->end_ms);
      ended(m, SLG_END_JOB, m->napps - 1, j, NULL, NULL);
      slg_budget_job_end(budget_of(m), m->now_ms, &m->pos, 1);
    }
  }
  (void)a;
}

/* Spark 0.x: the budget's running time is its stages' (stage_basis). */
static void stage_basis_step(slg_model *m, int delta)
{
  app_ix *x = cur_ix(m);
  if (!x->stage_basis || (delta < 0 && x->running_stages == 0))
    return;
  uint64_t was = x->running_stages;
  x->running_stages = delta > 0 ? was + 1 : was - 1;
  slg_budget_tasks(budget_of(m), m->now_ms, m->now_ms,
                   was == 0 && delta > 0 ? &m->pos : NULL, &m->pos,
                   x->running_stages > 0, 0, 0, 0);
}

/* The first 0.x task line of the file: from here, stages are its running
 * time (the attempts already running count from this line). */
static void stage_basis_begins(slg_model *m)
{
  app_ix *x = cur_ix(m);
  m->stage_basis_seen = 1;
  if (x->stage_basis)
    return;
  x->stage_basis = 1;
  slg_app *a = cur_app(m);
  for (size_t i = 0; i < a->nstages; i++)
    for (size_t k = 0; k < a->stages[i].nattempts; k++)
      if (a->stages[i].attempts[k].status == SLG_STATUS_RUNNING &&
          a->stages[i].attempts[k].submitted)
        stage_basis_step(m, +1);
}

/* Spark 0.x logs no job end: a job ends with its final stage. */
static void stage_basis_job_end(slg_model *m, uint64_t stage)
{
  if (!cur_ix(m)->stage_basis)
    return;
  slg_stage *s = stage_find(m, stage);
  for (size_t i = 0; s != NULL && i < s->njobs; i++) {
    const slg_job *j = job_get(m, s->jobs[i], 0);
    if (j != NULL && !j->map_stage_job &&
        j->result_stage == (int64_t)stage && j->status == SLG_STATUS_RUNNING)
      slg_budget_job_end(budget_of(m), m->now_ms, &m->pos, 0);
  }
}

static void on_stage_end(slg_model *m, const slg_event *ev, int failed)
{
  slg_stage *s = stage_get(m, ev->stage);
  set_kind(s, ev->stage_kind);
  set_name(m, s, ev->str);
  slg_stage_attempt *t = attempt_last(m, s);
  int was_open = is_open(t->status);
  t->end = m->now;
  t->end_ms = m->now_ms;
  t->duration_ms = ev->ms >= 0 ? ev->ms : span(&t->start, t->start_ms, &t->end, t->end_ms);
  /* Memory grows with stages: a finished one keeps only the buckets in
   * use, not its whole window (compact_attempt does more, after the
   * callback). */
  slg_sketch_trim(&t->tasks.task_ms);
  if (was_open && t->submitted) {
    stage_basis_step(m, -1);
    stage_basis_job_end(m, ev->stage);
  }
  if (!failed) {
    t->status = SLG_STATUS_SUCCEEDED;
    if (was_open)
      ended(m, SLG_END_STAGE, m->napps - 1, NULL, s, t);
    compact_attempt(m, t);
    finish_map_jobs(m, ev->stage);
    if (was_open)
      maybe_fold(m, stage_get(m, ev->stage));
    return;
  }
  t->status = SLG_STATUS_FAILED;
  evidence(m, t);
  if (ev->str2.len > 0) {
    free(t->failure);
    t->failure = dup_reason(ev->str2);
    if (slg_find(ev->str2.ptr, ev->str2.ptr + ev->str2.len, "cancelled"))
      t->status = SLG_STATUS_CANCELLED;
  } else {
    /* 1.6 "failed in 0.5 s" has no reason; the reason may also follow on
     * the next lines. */
    m->cont = CONT_STAGE_REASON;
    m->cont_idx = (size_t)(s - cur_app(m)->stages);
  }
  if (was_open)
    ended(m, SLG_END_STAGE, m->napps - 1, NULL, s, t);
  compact_attempt(m, t);
  if (was_open)
    maybe_fold(m, s);
}

static void on_resubmit(slg_model *m, const slg_event *ev)
{
  slg_stage *s = stage_get(m, ev->stage);
  set_kind(s, ev->stage_kind);
  s->pending_resubmit = (slg_resubmit)ev->n;
  if (ev->flag) {
    slg_stage *f = stage_get(m, ev->stage2);
    f->pending_resubmit = (slg_resubmit)ev->n;
  }
}

static void on_fetch_failure(slg_model *m, const slg_event *ev)
{
  slg_stage *s = stage_get(m, ev->stage);
  slg_resubmit why =
      ev->flag ? SLG_RESUBMIT_BARRIER : SLG_RESUBMIT_FETCH_FAILURE;
  evidence(m, attempt_last(m, s));
  s->pending_resubmit = why;
  if (!ev->flag) {
    slg_stage *p = stage_get(m, ev->stage2);
    if (p->pending_resubmit == SLG_RESUBMIT_NONE)
      p->pending_resubmit = why;
  }
}

/* Spark 1.x "Job finished: count at A.scala:14, took 0.066 s" names no
 * job. runJob blocks its thread until the job ends, so the line belongs
 * to the latest job of that call site not ended yet (else the latest
 * open job); NULL when there is none. */
static slg_job *job_by_site(slg_model *m, slg_span site)
{
  slg_app *a = cur_app(m);
  slg_job *open = NULL;
  for (size_t i = a->njobs; i-- > 0;) {
    slg_job *j = &a->jobs[i];
    if (!is_open(j->status))
      continue;
    if (j->callsite != NULL && strlen(j->callsite) == site.len &&
        memcmp(j->callsite, site.ptr, site.len) == 0)
      return j;
    if (open == NULL)
      open = j;
  }
  return open;
}

/* A job is never shorter than its stages: "took" is timed on the calling
 * thread and "finished in" on the event loop, each rounded, and a job
 * timed from second-resolution timestamps can come out shorter than its
 * stage's logged "finished in". The job's duration is raised to the
 * longest attempt that ran in it (started within the job's window).
 * Wall spans across stages are not used: at second resolution they can
 * overstate. */
static void job_cover_stages(const slg_app *a, const app_ix *x, slg_job *j)
{
  /* Still running, or never seen to end: unknown stays unknown. A job
   * that ended but was too short for the timestamps to time gets its
   * longest stage, the best the log gives. */
  if (j->duration_ms < 0 && (j->end_ms < 0 || is_open(j->status)))
    return;
  for (size_t k = 0; k < j->nstages; k++) {
    uint32_t si = idmap_get(&x->stages, j->stages[k]);
    if (si == UINT32_MAX)
      continue;
    const slg_stage *s = &a->stages[si];
    for (size_t i = 0; i < s->nattempts; i++) {
      const slg_stage_attempt *t = &s->attempts[i];
      if (j->start_ms >= 0 && (t->start_ms < 0 || t->start_ms < j->start_ms))
        continue;
      if (j->end_ms >= 0 && t->start_ms > j->end_ms)
        continue;
      if (t->duration_ms > j->duration_ms)
        j->duration_ms = t->duration_ms;
    }
  }
}

/* A log kept at ERROR shows no application start, only the trail of
 * each context's stop: "SparkListenerBus has already stopped! Dropping
 * event ...", and the ends of the jobs the stop cut off ("Job 11
 * cancelled because SparkContext was shut down"). A context goes down
 * once and its trail lasts moments: such lines well after the current
 * application's context went down are the next application's. */
static void context_down(slg_model *m)
{
  app_ix *x = cur_ix(m);
  if (!x->down) {
    x->down = 1;
    x->down_ms = m->now_ms;
  }
}

static int later_context(slg_model *m)
{
  return m->cur != NULL && cur_ix(m)->down && m->now_ms >= 0 &&
         m->now_ms >= cur_ix(m)->down_ms + 30 * 1000;
}

static void on_bus_stopped(slg_model *m)
{
  if (later_context(m))
    new_app(m)->incomplete = 1;
  cur_app(m);
  context_down(m);
}

/* Job ids restart at 0 per SparkContext: an unknown job whose id is below
 * the application's, ending well after its context went down. */
static int job_of_next_app(slg_model *m, uint64_t id)
{
  if (!later_context(m) || job_get(m, id, 0) != NULL)
    return 0;
  return cur_app(m)->njobs > 0 && cur_ix(m)->max_job > id;
}

static void on_job_ended(slg_model *m, const slg_event *ev, int marker)
{
  if (!marker && ev->n != 1 && job_of_next_app(m, ev->job))
    new_app(m)->incomplete = 1;
  slg_job *j = ev->n == 1 ? job_by_site(m, ev->str) : job_get(m, ev->job, 1);
  if (j == NULL)
    return;
  if (marker && j->status != SLG_STATUS_RUNNING &&
      j->status != SLG_STATUS_UNKNOWN)
    return;
  int was_open = is_open(j->status);
  if (!marker || j->end_ms < 0) {
    j->end = m->now;
    j->end_ms = m->now_ms;
    j->end_pos = m->pos;
  }
  if (j->callsite == NULL && ev->str.len > 0)
    j->callsite = strpool_intern(&m->strings, ev->str);
  if (marker || !ev->flag) {
    if (!marker || j->status != SLG_STATUS_FAILED)
      j->status = SLG_STATUS_SUCCEEDED;
  } else {
    j->status = j->cancel_requested ? SLG_STATUS_CANCELLED
                                    : SLG_STATUS_FAILED;
    if (j->failure == NULL && ev->str2.len > 0)
      j->failure = dup_span(ev->str2);
    if (j->failure != NULL &&
        strstr(j->failure, "SparkContext was shut down") != NULL)
      context_down(m);
    if (j->failure == NULL && j->result_stage >= 0) {
      slg_stage *s = stage_find(m, (uint64_t)j->result_stage);
      if (s != NULL && s->nattempts > 0 &&
          s->attempts[s->nattempts - 1].failure != NULL)
        j->failure =
            slg_xstrndup(s->attempts[s->nattempts - 1].failure,
                         strlen(s->attempts[s->nattempts - 1].failure));
      else if (s == NULL && cur_ix(m)->folded_fail != NULL &&
               cur_ix(m)->folded_fail_id == (uint64_t)j->result_stage)
        j->failure = slg_xstrndup(cur_ix(m)->folded_fail,
                                  strlen(cur_ix(m)->folded_fail));
    }
    if (j->failure == NULL)
      j->failure = slg_xstrndup("failed", 6);
  }
  if (ev->ms >= 0)
    j->duration_ms = ev->ms;
  else if (j->duration_ms < 0)
    j->duration_ms = span(&j->start, j->start_ms, &j->end, j->end_ms);
  job_cover_stages(cur_app(m), cur_ix(m), j);
  if (j->status == SLG_STATUS_FAILED || j->status == SLG_STATUS_CANCELLED)
    open_failure(m, SLG_FAILURE_JOB,
                 slg_span_make(j->failure, strlen(j->failure)),
                 (int64_t)j->id);
  if (was_open) {
    ended(m, SLG_END_JOB, m->napps - 1, j, NULL, NULL);
    slg_budget_job_end(budget_of(m), m->now_ms, &m->pos, j->map_stage_job);
  }
}

/* The index of executor `id` (v is exec_num_of(id)), made when new; it
 * keeps the first non-empty host it is given. */
static inline uint32_t exec_at(slg_model *m, slg_span id, int v,
                               slg_span host)
{
  uint32_t i = exec_index_num(m, id, v, 1);
  slg_executor *e = &cur_app(m)->executors[i];
  if (e->host == NULL && host.len > 0)
    e->host = dup_span(host);
  return i;
}

static slg_executor *exec_get(slg_model *m, slg_span id, slg_span host)
{
  uint32_t i = exec_at(m, id, exec_num_of(id), host);
  return &cur_app(m)->executors[i];
}

static void exec_gone(slg_model *m, slg_executor *e)
{
  slg_app *a = cur_app(m);
  if (e->removed.flags == 0)
    e->removed = m->now;
  if (e->live) {
    e->live = 0;
    cur_ix(m)->live_execs--;
  }
  (void)a;
}

static void on_exec_added(slg_model *m, const slg_event *ev)
{
  if (ev->flag == 2 && slg_span_eq(ev->exec, "driver"))
    return; /* the driver's own block manager, not an executor */
  slg_executor *e = exec_get(m, ev->exec, ev->host);
  slg_app *a = cur_app(m);
  app_ix *x = cur_ix(m);
  if (ev->flag == 2)
    return; /* block manager registration: host only */
  if (e->added.flags == 0)
    e->added = m->now;
  if (!e->registered) {
    e->registered = 1;
    a->executors_added++;
  }
  if (!e->live) {
    e->live = 1;
    x->live_execs++;
    if (x->live_execs > a->executors_max_concurrent)
      a->executors_max_concurrent = x->live_execs;
  }
}

/* ------------------------------------------------ why executors left */

/* Keeps the executor's most specific loss reason (section 8 of
 * docs/spark-failure-messages.md, rule of thumb 1): a higher rank
 * replaces a lower one, the first of equal ranks stays. Once the driver
 * or the application removed the executor (idle, a kill, the stop), what
 * follows is a consequence of that; a death is never turned benign by
 * the cleanup after it; and after a heartbeat removal the driver's kill
 * shows as SIGTERM or a deleted pod, not as a cause. */
static void note_loss(slg_executor *e, const slg_exec_loss *l,
                      const slg_pos *pos)
{
  slg_exec_class have = e->loss_class;
  if (l->cls == SLG_EXEC_NONE)
    return;
  if (have != SLG_EXEC_NONE) {
    if (slg_exec_class_is_benign(have) || slg_exec_class_is_benign(l->cls))
      return;
    if (l->rank <= e->loss_rank)
      return;
    if (have == SLG_EXEC_HEARTBEAT &&
        (l->cls == SLG_EXEC_SIGTERM || l->cls == SLG_EXEC_UNKNOWN))
      return;
  }
  e->loss_class = l->cls;
  e->loss_rank = l->rank;
  e->loss_code = l->code;
  e->loss_cause = l->cause;
  free(e->loss_evidence);
  e->loss_evidence = NULL;
  if (l->evidence.len > 0)
    e->loss_evidence = slg_xstrndup(
        l->evidence.ptr, l->evidence.len < 120 ? l->evidence.len : 120);
  e->loss_line = *pos;
}

/* The first line of s, at most 300 bytes: what a YarnAllocator line and
 * the driver's relay of it have in common. */
static slg_span reason_key(slg_span s)
{
  size_t n = 0;
  while (n < s.len && s.ptr[n] != '\n' && n < 300)
    n++;
  while (n > 0 && (s.ptr[n - 1] == ' ' || s.ptr[n - 1] == '\r'))
    n--;
  return slg_span_make(s.ptr, n);
}

/* A YarnAllocator reason for a container (flag 2 of
 * SLG_EV_EXECUTOR_REASON), kept until the driver names its executor. */
static void pending_push(slg_model *m, slg_span reason)
{
  slg_exec_loss l;
  if (!slg_exec_loss_classify(&l, reason))
    return;
  const size_t cap = sizeof m->pending / sizeof m->pending[0];
  if (m->npending == cap) {
    free(m->pending[0].text);
    memmove(&m->pending[0], &m->pending[1],
            (cap - 1) * sizeof m->pending[0]);
    m->npending--;
  }
  slg_span k = reason_key(reason);
  m->pending[m->npending].text = slg_xstrndup(k.ptr, k.len);
  m->pending[m->npending].pos = m->pos;
  m->npending++;
}

/* A reason for executor e on the current line (pos). When a YarnAllocator
 * line gave the same text before, that earlier line is the death's line
 * (it is the platform's own). */
static void exec_reason(slg_model *m, slg_executor *e, slg_span reason,
                        const slg_pos *pos)
{
  if (reason.len == 0)
    return;
  slg_span k = reason_key(reason);
  for (size_t i = 0; i < m->npending; i++) {
    char *t = m->pending[i].text;
    if (strlen(t) != k.len || !slg_mem_eq(t, k.ptr, k.len))
      continue;
    slg_exec_loss l;
    slg_exec_loss_classify(&l, slg_span_make(t, k.len));
    note_loss(e, &l, &m->pending[i].pos);
    free(t);
    memmove(&m->pending[i], &m->pending[i + 1],
            (m->npending - i - 1) * sizeof m->pending[0]);
    m->npending--;
    break;
  }
  slg_exec_loss l;
  if (slg_exec_loss_classify(&l, reason))
    note_loss(e, &l, pos);
}

/* The next executor id of a comma-separated list ("30,31", "1, 2") at
 * *p: 1 with *id, 0 at the end. Empty elements are skipped. */
static int exec_list_next(const char **p, const char *end, slg_span *id)
{
  while (*p < end) {
    const char *c = memchr(*p, ',', (size_t)(end - *p));
    const char *e = c ? c : end;
    const char *b = *p;
    while (b < e && *b == ' ')
      b++;
    *p = c ? c + 1 : end;
    if (e > b) {
      *id = slg_span_between(b, e);
      return 1;
    }
  }
  return 0;
}

static void on_exec_reason(slg_model *m, const slg_event *ev)
{
  slg_exec_loss l;
  if (ev->flag & 2) {
    pending_push(m, ev->str2);
    return;
  }
  if (!slg_exec_loss_classify(&l, ev->str2))
    return; /* "is now RUNNING": no executor to create for it */
  if (!(ev->flag & 1)) {
    exec_reason(m, exec_get(m, ev->exec, slg_span_make(NULL, 0)), ev->str2,
                &m->pos);
    return;
  }
  /* EMR Serverless "Executor(s) 30,31 exited unexpectedly ...". */
  const char *p = ev->str.ptr;
  slg_span id;
  while (exec_list_next(&p, ev->str.ptr + ev->str.len, &id))
    exec_reason(m, exec_get(m, id, slg_span_make(NULL, 0)), ev->str2,
                &m->pos);
}

/* "Shutting down all executors": the executors still alive stop with the
 * application (benign). */
static void on_exec_shutdown(slg_model *m)
{
  static const char lit[] = "Shutting down all executors";
  slg_app *a = cur_app(m);
  slg_exec_loss l;
  l.cls = SLG_EXEC_SHUTDOWN;
  l.rank = SLG_EXEC_RANK_PLATFORM;
  l.code = INT64_MIN;
  l.evidence = slg_span_make(lit, sizeof lit - 1);
  l.cause = "shutdown";
  for (size_t i = 0; i < a->nexecutors; i++)
    if (a->executors[i].live && a->executors[i].loss_class == SLG_EXEC_NONE)
      note_loss(&a->executors[i], &l, &m->pos);
}

/* YarnAllocator's "Will request N executor container(s), each with C
 * core(s) and M MB memory (including O MB of overhead)": M includes O. */
static void on_exec_resources(slg_model *m, const slg_event *ev)
{
  slg_app *a = cur_app(m);
  char buf[32];
  if (ev->flag & 2) {
    m->cont = CONT_CONF;
    m->cont_lines = 0;
    return;
  }
  if (a->exec_memory == NULL) {
    uint64_t mem = ev->flag && ev->n2 <= ev->n ? ev->n - ev->n2 : ev->n;
    snprintf(buf, sizeof buf, "%llu MB%s", (unsigned long long)mem,
             ev->flag ? "" : " with overhead");
    a->exec_memory = slg_xstrndup(buf, strlen(buf));
  }
  if (a->exec_overhead == NULL && ev->flag) {
    snprintf(buf, sizeof buf, "%llu MB", (unsigned long long)ev->n2);
    a->exec_overhead = slg_xstrndup(buf, strlen(buf));
  }
  if (a->exec_cores == NULL) {
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)ev->n3);
    a->exec_cores = slg_xstrndup(buf, strlen(buf));
  }
}

static void on_exec_lost(slg_model *m, const slg_event *ev)
{
  slg_executor *e = exec_get(m, ev->exec, ev->host);
  slg_app *a = cur_app(m);
  if (!e->lost) {
    e->lost = 1;
    a->executors_lost++;
  }
  if (e->lost_line.line == 0)
    e->lost_line = m->pos;
  if (e->lost_reason == NULL && ev->str2.len > 0)
    e->lost_reason = dup_reason(ev->str2);
  exec_reason(m, e, ev->str2, &m->pos);
  if (ev->str2.len == 0 && !ev->flag) {
    /* Kubernetes: the reason starts on the next line. */
    m->cont = CONT_EXEC_REASON;
    m->cont_idx = (size_t)(e - a->executors);
    m->cont_lines = 0;
  }
  exec_gone(m, e);
}

static void exec_removed_one(slg_model *m, slg_span id, slg_span reason)
{
  slg_executor *e = exec_get(m, id, slg_span_make(NULL, 0));
  slg_app *a = cur_app(m);
  if (e->removed.flags == 0 && !e->lost)
    a->executors_removed++;
  if (e->lost_reason == NULL && reason.len > 0)
    e->lost_reason = dup_reason(reason);
  exec_reason(m, e, reason, &m->pos);
  exec_gone(m, e);
}

static void on_exec_removed(slg_model *m, const slg_event *ev)
{
  if (!ev->flag) {
    exec_removed_one(m, ev->exec, ev->str2);
    return;
  }
  /* "Executors 1,2 removed due to idle timeout." */
  const char *p = ev->str.ptr;
  slg_span id;
  while (exec_list_next(&p, ev->str.ptr + ev->str.len, &id))
    exec_removed_one(m, id, ev->str2);
}

/* Task lines: the stage attempt they name. */
static inline slg_stage_attempt *task_attempt(slg_model *m,
                                              const slg_event *ev)
{
  slg_stage *s = stage_get_late(m, ev->stage);
  return attempt_get(m, s, ev->attempt);
}

/* An application's first and last time, as events from `first` to `last`
 * (both timed) see them: it starts at the first such event. */
/*
 * A dated record that tells the model nothing but its time: the current
 * application lasts until it (its end is its last dated line, whatever the
 * logger) until its context stopped or "Shutdown hook called" (after
 * those, only the lines the model reads move it: outcome.h places its
 * last line so, and the JVM's own teardown is not its run). Time-only
 * layouts leave it to the modelled lines, which carry the day rollover
 * (set_now).
 */
static SLG_ALWAYS_INLINE void later_record(slg_model *m, const slg_time *t,
                                           int64_t ms)
{
  if (m->cur != NULL && (t->flags & SLG_TIME_HAS_DATE) &&
      (t->flags & SLG_TIME_HAS_TIME) && m->cur->start.flags != 0 &&
      m->cur->hook_called_pos.line == 0 && m->cur->sc_stop_pos.line == 0) {
    m->cur->end = *t;
    m->cur->end_ms = ms;
  }
}

static void app_clock(slg_app *a, const slg_time *first, int64_t first_ms,
                      const slg_time *last, int64_t last_ms)
{
  if (a->start.flags == 0) {
    a->start = *first;
    a->start_ms = first_ms;
  }
  a->end = *last;
  a->end_ms = last_ms;
}

/*
 * What task starts and ends do to the model, for a delta of one line or of
 * a run (task_delta.h): the one place that applies them. The clock and
 * the position are the caller's (the first line's when the delta creates
 * an application, attempt or executor); `rise` the line after which a
 * task ran (slg_budget_tasks), NULL if none did. Always inlined: where a
 * one-line delta is built, the delta lives in registers, its counts and
 * list lengths are constants and the loops below fold to the line's
 * effect.
 */
static SLG_ALWAYS_INLINE void apply_tasks(slg_model *m,
                                          const slg_task_delta *d,
                                          int64_t last_ms,
                                          const slg_pos *rise)
{
  slg_app *a = cur_app(m);
  cur_ix(m)->seen_tsm = 1;
  slg_stage_attempt *t =
      attempt_get(m, stage_get_late(m, d->stage), d->attempt);
  slg_task_agg *g = &t->tasks;
  /* A task set's first task ends its wait (budget.h). */
  int first_start = g->started == 0 && d->started > 0 && t->taskset_seen;
  g->started += d->started;
  g->succeeded += d->succeeded;
  for (size_t i = 0; i < d->started; i++)
    g->locality[d->localities[i]]++;
  for (size_t i = 0; i < d->nparts; i++)
    if (!bit_set(&t->part_bits, d->parts[i]))
      g->distinct_partitions++;
  /* A task launched again is speculative when it was marked so. */
  for (size_t i = 0; i < d->nretries; i++) {
    if (bit_get(&t->spec_bits, d->retries[i]))
      g->speculative++;
    else
      g->retried++;
  }
  for (size_t i = 0; i < d->ndurations; i++)
    slg_sketch_add(&g->task_ms, d->durations[i]);
  a->total_task_ms += d->task_ms;

  /* Running tasks: the walk's end and peak from its sum, lowest and
   * highest prefix and highest rise (task_delta.h). */
  uint64_t r0 = a->running_tasks;
  uint64_t low = (uint64_t)-d->walk_low; /* walk_low <= 0 */
  uint64_t base = r0 > low ? r0 : low;
  a->running_tasks = (uint64_t)((int64_t)base + d->walk);
  uint64_t high = r0 + (uint64_t)d->walk_high;
  if (high > a->peak_running_tasks)
    a->peak_running_tasks = high;
  if ((uint64_t)d->walk_rise > a->peak_running_tasks)
    a->peak_running_tasks = (uint64_t)d->walk_rise;
  /* The budget hears of the moments nothing ran and of first tasks. */
  if (first_start || r0 == 0 || a->running_tasks == 0)
    slg_budget_tasks(budget_of(m), m->now_ms, last_ms, rise, &m->pos,
                     a->running_tasks > 0, first_start, d->stage,
                     d->attempt);

  /* Executors are created in order of first appearance, the attempt's
   * tallies in order of first end. */
  const slg_task_exec *ex = d->execs;
  uint32_t *index = m->exec_index;
  for (size_t i = 0; i < d->nexecs; i++) {
    uint32_t k = exec_at(m, ex[i].id, ex[i].num, ex[i].host);
    a->executors[k].tasks += ex[i].tasks;
    a->executors[k].task_ms += ex[i].task_ms;
    index[i] = k;
  }
  for (size_t k = 0; k < d->ntallies; k++) {
    uint16_t i = d->tallies[k];
    slg_exec_tally *x = exec_tally(g, index[i]);
    x->tasks += ex[i].tasks;
    x->task_ms += ex[i].task_ms;
  }
}

/*
 * A run of task lines summed where it was parsed (task_runs.h): what
 * slg_model_apply does for each of its lines, the record's part (clock,
 * position, scheduler lines) here and the task's in apply_tasks.
 */
void slg_model_apply_run(slg_model *m, const slg_task_runs *rs,
                         const slg_task_run *r, const slg_pos *first,
                         const slg_pos *last)
{
  SLG_FASTPATH_HIT(TASK_RUNS);
  m->cont = CONT_NONE;
  m->trace = -1;
  /* The first line's clock: an application or attempt the run creates
   * starts then (its time has a date: set_now is this). */
  m->now = r->first;
  m->now_ms = r->first_ms;
  /* An application the run creates starts at its first line. */
  m->pos = *first;
  if (m->cur == NULL)
    cur_app(m);
  m->pos = *last;
  uint64_t lines = r->sum.started + r->sum.succeeded;
  m->scheduler_lines += lines;
  slg_app *a = cur_app(m);
  a->scheduler_lines += lines;
  slg_task_delta d = slg_task_runs_delta(rs, r);
  slg_pos rise = {first->file, first->line + (r->rise_line - r->first_line)};
  apply_tasks(m, &d, r->last_ms, r->risen ? &rise : NULL);
  m->now = r->last;
  m->now_ms = r->last_ms;
  app_clock(a, &r->first, r->first_ms, &r->last, r->last_ms);
  a->last_pos = *last;
  if (r->tail.flags)
    later_record(m, &r->tail, r->tail_ms);
}

static void add_kind(slg_model *m, slg_task_agg *g, slg_span kind,
                     uint64_t dup)
{
  if (kind.len == 0)
    kind = slg_span_make("UnknownReason", 13);
  for (size_t i = 0; i < g->nkinds; i++)
    if (slg_span_eq(kind, g->kinds[i].kind)) {
      g->kinds[i].count++;
      g->kinds[i].duplicates += dup > 0;
      return;
    }
  if (g->nkinds >= SLG_MAX_FAILURE_KINDS) {
    g->other_kind_failures++;
    return;
  }
  g->kinds = grow(g->kinds, g->nkinds, sizeof(*g->kinds));
  slg_failure_kind *k = &g->kinds[g->nkinds++];
  k->kind = strpool_intern(&m->strings, kind);
  k->count = 1;
  k->duplicates = dup > 0;
}

static void task_done(slg_app *a)
{
  if (a->running_tasks > 0)
    a->running_tasks--;
}

static void on_task_lost(slg_model *m, const slg_event *ev, int exec_num)
{
  slg_app *a = cur_app(m);
  cur_ix(m)->seen_tsm = 1;
  slg_stage_attempt *t = task_attempt(m, ev);
  slg_task_agg *g = &t->tasks;
  if (slg_span_eq(ev->str, "TaskKilled"))
    g->killed++;
  else
    g->failed++;
  add_kind(m, g, ev->str, ev->n);
  if (ev->n == 0) {
    evidence(m, t);
    if (!slg_span_eq(ev->str, "TaskKilled"))
      open_failure(m, SLG_FAILURE_TASK,
                   ev->str2.len ? ev->str2 : ev->str, -1);
  }
  if (a->running_tasks == 1)
    slg_budget_tasks(budget_of(m), m->now_ms, m->now_ms, NULL, &m->pos, 0,
                     0, ev->stage, ev->attempt);
  task_done(a);
  if (ev->flag & 2)
    shuffle_get(m, ev->shuffle)->fetch_failures++;
  if (ev->exec.len > 0) {
    uint32_t ei = exec_index_num(m, ev->exec, exec_num, 1);
    a->executors[ei].failed_tasks++;
    exec_tally(g, ei)->failed++;
  }
}

static void on_aqe(slg_model *m, const slg_event *ev)
{
  const char *p = ev->str.ptr;
  const char *end = p + ev->str.len;
  uint64_t id;
  int r;
  while ((r = slg_id_list_next(&p, end, &id)) != 0) {
    if (r < 0) {
      m->rejected++;
      continue;
    }
    slg_shuffle *s = shuffle_get(m, id);
    s->aqe_advisory_bytes = (int64_t)ev->n;
    s->aqe_actual_bytes = (int64_t)ev->n2;
    if (ev->flag)
      s->aqe_min_partition_bytes = (int64_t)ev->n3;
  }
}

/* An engine line (engine.h); none before the first application: an
 * executor's own log is no application's. */
static void on_engine(slg_model *m, const slg_event *ev)
{
  if (m->napps == 0)
    return;
  slg_engine_batch b[2];
  int cont;
  slg_app *a = cur_app(m);
  int n = slg_engine_apply(&a->engine, ev, &m->pos, b, &cont);
  batches_told(m, m->napps - 1, b, n);
  if (cont)
    m->cont = CONT_ENGINE;
}

/* An I/O phase's line (io_phases.h): counted in the current application,
 * which it neither starts nor ends (its time is no application's last). */
static SLG_NOINLINE void on_io(slg_model *m, const slg_event *ev,
                               const slg_time *t)
{
  slg_io_phases **io = m->napps == 0 ? &m->io_before : &cur_app(m)->io;
  slg_io_phases_add(io, (slg_io_kind)ev->n, ev->ms, &m->pos, m->now_ms,
                    (t->flags & SLG_TIME_HAS_TIME) != 0);
}

static SLG_NOINLINE void apply_other(slg_model *m, const slg_event *ev,
                                     int exec_num)
{
  slg_app *a;
  switch (ev->kind) {
  case SLG_EV_SPARK_VERSION:
    on_version(m, ev);
    break;
  case SLG_EV_RUN_START:
    on_run_start(m, ev);
    break;
  case SLG_EV_APP_NAME:
    a = cur_app(m);
    if (a->app_name != NULL && a->njobs > 0)
      a = new_app(m);
    if (a->app_name == NULL)
      a->app_name = dup_span(ev->str);
    break;
  case SLG_EV_APP_ID:
    a = cur_app(m);
    if (a->app_id == NULL)
      a->app_id = dup_span(ev->str);
    break;
  case SLG_EV_JOB_SUBMITTED:
    on_job_submitted(m, ev);
    break;
  case SLG_EV_FINAL_STAGE:
    on_final_stage(m, ev);
    break;
  case SLG_EV_STAGE_PARENTS:
    on_parents(m, ev);
    break;
  case SLG_EV_STAGE_SUBMITTED:
    on_stage_submitted(m, ev);
    break;
  case SLG_EV_STAGE_TASKS:
    on_stage_tasks(m, ev);
    break;
  case SLG_EV_STAGE_FINISHED:
    on_stage_end(m, ev, 0);
    break;
  case SLG_EV_STAGE_FAILED:
    on_stage_end(m, ev, 1);
    break;
  case SLG_EV_STAGE_RESUBMIT:
    on_resubmit(m, ev);
    break;
  case SLG_EV_FETCH_FAILURE:
    on_fetch_failure(m, ev);
    break;
  case SLG_EV_JOB_ENDED:
    on_job_ended(m, ev, 0);
    break;
  case SLG_EV_JOB_END_MARKER:
    on_job_ended(m, ev, 1);
    break;
  case SLG_EV_JOB_CANCEL:
    job_get(m, ev->job, 1)->cancel_requested = 1;
    break;
  case SLG_EV_SHUFFLE_REGISTER:
    if (ev->flag) {
      slg_shuffle *s = shuffle_get(m, ev->shuffle);
      s->rdd = (int64_t)ev->n;
      idmap_put(&cur_ix(m)->rdds, ev->n,
                (uint32_t)(s - cur_app(m)->shuffles));
    }
    break;
  case SLG_EV_EXECUTOR_LOST:
    on_exec_lost(m, ev);
    break;
  case SLG_EV_SHUFFLE_FILES_LOST:
    break;
  case SLG_EV_TASK_RESUBMITTED: {
    slg_stage *s = stage_get(m, ev->stage);
    if (s->pending_resubmit == SLG_RESUBMIT_NONE)
      s->pending_resubmit = SLG_RESUBMIT_EXECUTOR_LOST;
    break;
  }
  case SLG_EV_TASK_COMPLETED_OLD:
    /* 0.8 has no TaskSetManager: "Completed ResultTask(0, 1)" is the
     * only per-task line. Later versions log both: count it only then. */
    if (!cur_ix(m)->seen_tsm) {
      cur_app(m)->no_stop_lines = 1;
      stage_basis_begins(m);
      slg_stage_attempt *t = attempt_last(m, stage_get(m, ev->stage));
      t->tasks.succeeded++;
      t->tasks.started++;
      if (!bit_set(&t->part_bits, ev->partition))
        t->tasks.distinct_partitions++;
    }
    break;
  case SLG_EV_TASKSET_ADDED:
    on_taskset_added(m, ev);
    break;
  case SLG_EV_TASKSET_REMOVED:
    break;
  case SLG_EV_STAGE_CANCEL: {
    slg_stage *s = stage_get_late(m, ev->stage);
    slg_stage_attempt *t =
        ev->flag ? attempt_get(m, s, ev->attempt) : attempt_last(m, s);
    if (t->status == SLG_STATUS_RUNNING) {
      t->status = SLG_STATUS_CANCELLED;
      t->end = m->now;
      t->end_ms = m->now_ms;
      t->duration_ms = span(&t->start, t->start_ms, &t->end, t->end_ms);
      ended(m, SLG_END_STAGE, m->napps - 1, NULL, s, t);
      compact_attempt(m, t);
      maybe_fold(m, s);
    }
    break;
  }
  case SLG_EV_EXECUTOR_KILLED: {
    slg_executor *e = exec_get(m, ev->exec, ev->host);
    slg_exec_loss l;
    if (ev->flag)
      e->decommissioned = 1;
    exec_removed_one(m, ev->exec, slg_span_make(NULL, 0));
    slg_exec_loss_classify(&l, ev->flag ? slg_span_make("is decommissioned",
                                                        17)
                                        : slg_span_make("killed by driver",
                                                        16));
    note_loss(e, &l, &m->pos);
    break;
  }
  case SLG_EV_EXECUTOR_REASON:
    on_exec_reason(m, ev);
    break;
  case SLG_EV_EXECUTORS_SHUTDOWN:
    on_exec_shutdown(m);
    break;
  case SLG_EV_NO_RESOURCES: {
    slg_app *app = cur_app(m);
    if (app->starved++ == 0)
      app->starved_pos = m->pos;
    break;
  }
  case SLG_EV_EXECUTOR_RESOURCES:
    on_exec_resources(m, ev);
    break;
  case SLG_EV_TASK_LOST:
    on_task_lost(m, ev, exec_num);
    break;
  case SLG_EV_TASK_ABORT: {
    slg_stage_attempt *t = task_attempt(m, ev);
    t->tasks.aborted++;
    evidence(m, t);
    slg_job *j = current_job(m);
    open_failure(m, SLG_FAILURE_TASK_ABORT, slg_span_make(NULL, 0),
                 j != NULL ? (int64_t)j->id : -1);
    break;
  }
  case SLG_EV_TASK_SPECULATABLE: {
    slg_stage_attempt *t = task_attempt(m, ev);
    t->tasks.speculatable++;
    bit_set(&t->spec_bits, ev->index);
    break;
  }
  case SLG_EV_TASK_KILL_ATTEMPT:
    break;
  case SLG_EV_EXECUTOR_ADDED:
    on_exec_added(m, ev);
    break;
  case SLG_EV_EXECUTOR_REMOVED:
    on_exec_removed(m, ev);
    break;
  case SLG_EV_EXECUTORS_REQUESTED:
    cur_app(m)->executors_requested += ev->n;
    break;
  case SLG_EV_MAP_STATUS_SIZE:
    if (ev->flag) {
      slg_shuffle *s = shuffle_get(m, ev->shuffle);
      if (ev->n > s->map_status_bytes)
        s->map_status_bytes = ev->n;
    }
    break;
  case SLG_EV_AQE_TARGET:
    on_aqe(m, ev);
    on_engine(m, ev);
    break;
  case SLG_EV_APP_STOP:
    on_stop(m, ev);
    break;
  case SLG_EV_FAILURE:
    on_failure(m, ev);
    if (ev->n3 > 0 && ev->n3 <= SLG_IO_KIND_COUNT) {
      slg_event io = *ev;
      io.n = ev->n3 - 1;
      io.ms = -1;
      on_io(m, &io, &m->now);
    }
    break;
  case SLG_EV_ENGINE:
    on_engine(m, ev);
    break;
  case SLG_EV_FINAL_STATUS:
    on_final_status(m, ev);
    break;
  case SLG_EV_BUS_STOPPED:
    on_bus_stopped(m);
    break;
  case SLG_EV_MILESTONE:
    /* The first of each, in the application it belongs to (none before
     * the first: they follow its start). */
    if (m->cur != NULL && ev->flag < SLG_MILESTONE_COUNT &&
        m->cur->milestone_pos[ev->flag].line == 0) {
      m->cur->milestone_pos[ev->flag] = m->pos;
      m->cur->milestone_ms[ev->flag] = m->now_ms;
    }
    break;
  case SLG_EV_RESULT_SENT: {
    slg_stage *s = stage_find(m, ev->stage);
    if (s != NULL) {
      slg_stage_attempt *t = attempt_get(m, s, ev->attempt);
      t->tasks.result_bytes += ev->n;
      t->tasks.result_count++;
    }
    break;
  }
  default: /* SLG_EV_TASK_START and _END: apply_tasks */
    break;
  }
}

/* The events of nearly every line, task starts and ends, inline; the rest
 * out of line (the whole switch in one function cost 18 instructions an
 * event on entry and exit). A start and an end each get their own inlined
 * apply_tasks, where the compiler folds what the kind of line fixes. */
static SLG_ALWAYS_INLINE void apply(slg_model *m, const slg_event *ev,
                                    int exec_num)
{
  slg_task_delta d;
  slg_task_line lists;
  if (ev->kind == SLG_EV_TASK_START) {
    slg_task_line_of(&d, &lists, ev, exec_num);
    apply_tasks(m, &d, m->now_ms, &m->pos); /* a start */
  } else if (ev->kind == SLG_EV_TASK_END) {
    slg_task_line_of(&d, &lists, ev, exec_num);
    apply_tasks(m, &d, m->now_ms, NULL);
  } else {
    apply_other(m, ev, exec_num);
  }
}

/* ------------------------------------------------------ logger dispatch */

typedef int (*extractor)(slg_span msg, slg_event *out);

/* The extractor of a logger read for failures only. */
static int none(slg_span msg, slg_event *out)
{
  (void)msg;
  slg_event_clear(out);
  return SLG_EXTRACT_NONE;
}

struct slg_model_route {
  const char *name;
  size_t len;
  /* Its package, '|' between alternatives; NULL: any (package_fits). */
  const char *package;
  extractor fn; /* in reference mode, without its fast paths */
  int scheduler; /* counts toward slg_model_scheduler_lines */
  int failure;   /* slg_extract_failure reads what fn does not */
  /* A record fn does not take is ignored as an unrouted logger's: the
   * logger also writes a line per block or task ("Block rdd_3_1 stored
   * as values in memory"), which must not end a run of task lines. */
  int quiet;
};
typedef struct slg_model_route logger_entry;

/* The standalone backend logs the application id ("Connected to Spark
 * cluster with app ID") and executor exits ("Executor app-../3 removed:
 * Command exited with code 137"). */
static int backend(slg_span msg, slg_event *out)
{
  int r = slg_extract_context(msg, out);
  return r != SLG_EXTRACT_NONE ? r : slg_extract_executors(msg, out);
}

/* SparkContext: its broadcasts (an I/O phase, extract_io.h) and the
 * rest of what it says ("Created broadcast 3 from parquet at ..."). */
static int context(slg_span msg, slg_event *out)
{
  if (msg.len > 0 && msg.ptr[0] == 'C' &&
      slg_extract_io_created_broadcast(msg, out) == SLG_EXTRACT_OK)
    return SLG_EXTRACT_OK;
  return slg_extract_context(msg, out);
}

/*
 * The routes, once per mode: every one of `loggers_reference` runs its
 * logger's extractor without fast paths (the TaskSetManager readers,
 * fastpath TSM_FAST_START and TSM_FAST_END), so that a record's extractor
 * is chosen with its logger, never per record. LOGGERS(L, LF, TSM, LQ)
 * lists them, each with its package ('|' between the packages it had in
 * Spark's versions; NULL: not known): L a logger, LF one that states how
 * an application ends or fails (failure.h), TSM the TaskSetManager's, LQ
 * a quiet one (read for one or two lines among many).
 */
#define PKG_SPARK "org.apache.spark"
#define PKG_SCHED PKG_SPARK ".scheduler"
#define PKG_CLUSTER PKG_SCHED ".cluster"
/* Spark 4.1 moved the streaming engine into ".runtime". */
#define PKG_STREAMING_1 PKG_SPARK ".sql.execution.streaming"
#define PKG_STREAMING PKG_STREAMING_1 "|" PKG_STREAMING_1 ".runtime"
#define PKG_PYTHON PKG_SPARK ".api.python|" PKG_SPARK ".sql.execution.python"
#define PKG_AQE PKG_SPARK ".sql.execution.adaptive"
#define LOGGERS(L, LF, TSM, LQ)                                                \
  L("DAGScheduler", PKG_SCHED, slg_extract_dagscheduler, 1)                    \
  TSM("TaskSetManager", PKG_SCHED)                                             \
  TSM("ClusterTaskSetManager", PKG_CLUSTER)                                    \
  L("TaskSchedulerImpl", PKG_SCHED, slg_extract_taskscheduler, 1)              \
  L("YarnScheduler", PKG_CLUSTER, slg_extract_taskscheduler, 1)                \
  L("YarnClusterScheduler", PKG_CLUSTER, slg_extract_taskscheduler, 1)         \
  LF("SparkContext", PKG_SPARK, context)                                       \
  /* Loggers read for an I/O phase's words (extract_io.h); the I/O         \
   * loggers themselves are routed by name (io_route). */                  \
  LQ("SharedState", PKG_SPARK ".sql.internal", slg_extract_io_metastore_msg) \
  LQ("HiveContext", PKG_SPARK ".sql.hive", slg_extract_io_metastore_msg)     \
  LQ("ParquetUtils", PKG_SPARK ".sql.execution.datasources.parquet",        \
     slg_extract_io_committer_msg)                                         \
  LQ("SQLConfCommitterProvider", NULL, slg_extract_io_committer_msg)        \
  L("YarnClientImpl", "org.apache.hadoop.yarn.client.api.impl",                \
    slg_extract_context, 0)                                                    \
  L("StandaloneSchedulerBackend", PKG_CLUSTER, backend, 0)                     \
  L("SparkDeploySchedulerBackend", PKG_CLUSTER, backend, 0)                    \
  L("Executor", PKG_SPARK ".executor", slg_extract_executor_side, 0)           \
  L("ExecutorAllocationManager", PKG_SPARK, slg_extract_executors, 0)          \
  L("ExecutorMonitor", PKG_SCHED ".dynalloc", slg_extract_executors, 0)        \
  L("BlockManagerMasterEndpoint", PKG_SPARK ".storage",                       \
    slg_extract_executors, 0)                                                  \
  /* Why executors went away (executor_loss.h). */                             \
  L("HeartbeatReceiver", PKG_SPARK, slg_extract_executors, 0)                  \
  L("YarnAllocator", PKG_SPARK ".deploy.yarn", slg_extract_executors, 0)       \
  /* EMR Serverless: its package is not public. */                             \
  L("ExecutorContainerStoreImpl", NULL, slg_extract_executors, 0)              \
  L("StandaloneAppClient$ClientEndpoint", PKG_SPARK ".deploy.client",          \
    slg_extract_executors, 0)                                                  \
  L("AppClient$ClientEndpoint", PKG_SPARK ".deploy.client",                    \
    slg_extract_executors, 0)                                                  \
  L("CoarseGrainedExecutorBackend", PKG_SPARK ".executor",                     \
    slg_extract_executors, 0)                                                  \
  L("MapOutputTrackerMaster", PKG_SPARK, slg_extract_shuffle, 0)               \
  L("MapOutputTracker", PKG_SPARK, slg_extract_shuffle, 0)                     \
  L("ShufflePartitionsUtil", PKG_SPARK ".sql.execution.adaptive",              \
    slg_extract_shuffle, 0)                                                    \
  LF("ShutdownHookManager", PKG_SPARK ".util|org.apache.hadoop.util", none)    \
  LF("ApplicationMaster", PKG_SPARK ".deploy.yarn", none)                      \
  LF("SignalUtils", PKG_SPARK ".util", none)                                   \
  LF("MicroBatchExecution", PKG_STREAMING, slg_extract_engine)                 \
  LF("ContinuousExecution", PKG_STREAMING "|" PKG_STREAMING_1 ".continuous",   \
     none)                                                                     \
  LF("StreamExecution", PKG_STREAMING, none)                                   \
  LF("SparkUncaughtExceptionHandler", PKG_SPARK ".util", none)                 \
  /* The first lines of a run (on_run_start). */                               \
  LF("Utils", PKG_SPARK ".util", slg_extract_run_start)                        \
  LQ("MemoryStore", PKG_SPARK ".storage.memory|" PKG_SPARK ".storage",         \
     slg_extract_run_start)                                                    \
  LQ("SecurityManager", PKG_SPARK, slg_extract_run_start)                      \
  /* The start-up and stop milestones (slg_milestone). */                     \
  LQ("BlockManagerMaster", PKG_SPARK ".storage", slg_extract_milestone)       \
  LQ("SparkUI", PKG_SPARK ".ui", slg_extract_milestone)                        \
  LF("ProcessLauncher", "com.amazonaws.services.glue", none)                   \
  /* Glue's own: its package is not public. */                                 \
  LF("GlueLogger", NULL, none)                                                 \
  LF("ExecutorPodsWatchSnapshotSource", PKG_CLUSTER ".k8s", none)             \
  /* Engine features (engine.h): streaming, PySpark workers, AQE. */           \
  LQ("ProgressReporter", PKG_STREAMING, slg_extract_engine)                    \
  LQ("ProcessingTimeExecutor", PKG_STREAMING, slg_extract_engine)              \
  LQ("JobScheduler", PKG_SPARK ".streaming.scheduler", slg_extract_engine)     \
  LQ("PythonRunner", PKG_PYTHON, slg_extract_engine)                           \
  LQ("PythonUDFRunner", PKG_PYTHON, slg_extract_engine)                        \
  LQ("ArrowPythonRunner", PKG_PYTHON, slg_extract_engine)                      \
  LQ("PythonRDD", PKG_PYTHON, slg_extract_engine)                              \
  L("OptimizeSkewedJoin", PKG_AQE, slg_extract_aqe_skew_join, 0)               \
  L("CoalesceShufflePartitions", PKG_AQE, slg_extract_aqe_coalesce, 0)         \
  L("OptimizeShuffleWithLocalRead", PKG_AQE, slg_extract_aqe_local_read, 0)    \
  L("DynamicJoinSelection", PKG_AQE, slg_extract_aqe_join_selection, 0)        \
  L("AQEOptimizer", PKG_AQE, slg_extract_aqe_optimizer, 0)                     \
  L("AdaptiveSparkPlanExec", PKG_AQE, slg_extract_aqe_plan, 0)

#define L(s, p, f, k) {s, sizeof(s) - 1, p, f, k, 0, 0},
#define LF(s, p, f) {s, sizeof(s) - 1, p, f, 0, 1, 0},
#define LQ(s, p, f) {s, sizeof(s) - 1, p, f, 0, 0, 1},
#define TSM(s, p) {s, sizeof(s) - 1, p, slg_extract_tasksetmanager, 1, 0, 0},
static const logger_entry loggers[] = {LOGGERS(L, LF, TSM, LQ)};
#undef TSM
#define TSM(s, p)                                                              \
  {s, sizeof(s) - 1, p, slg_extract_tasksetmanager_general, 1, 0, 0},
static const logger_entry loggers_reference[] = {LOGGERS(L, LF, TSM, LQ)};
#undef L
#undef LF
#undef LQ
#undef TSM
#undef LOGGERS

/* Scheduler-backend endpoints: "CoarseGrainedSchedulerBackend$
 * DriverEndpoint", "YarnSchedulerBackend$YarnDriverEndpoint", "...$
 * YarnSchedulerEndpoint", "KubernetesClusterSchedulerBackend$
 * KubernetesDriverEndpoint". */
static int is_backend_endpoint(slg_span l)
{
  return l.len > 20 && l.ptr[l.len - 1] == 't' &&
         memchr(l.ptr, '$', l.len) != NULL &&
         (slg_find(l.ptr, l.ptr + l.len, "DriverEndpoint") != NULL ||
          slg_find(l.ptr, l.ptr + l.len, "SchedulerEndpoint") != NULL);
}

static const logger_entry *classify(slg_span l, int reference)
{
  if (l.len == 0)
    return NULL;
  for (size_t i = 0; i < sizeof(loggers) / sizeof(loggers[0]); i++)
    if (loggers[i].len == l.len && loggers[i].name[0] == l.ptr[0] &&
        slg_mem_eq(loggers[i].name, l.ptr, l.len))
      return reference ? &loggers_reference[i] : &loggers[i];
  return NULL;
}

/* Scheduler backends of every platform ("YarnClientSchedulerBackend",
 * "KubernetesClusterSchedulerBackend", "JESSchedulerBackend", ...): they
 * log "Shutting down all executors" when the application stops. */
static int is_backend(slg_span l)
{
  return l.len > 16 && slg_mem_eq(l.ptr + l.len - 16, "SchedulerBackend", 16);
}

/* `raw` is slg_time_ms(t), which the scan computed already. */
static void set_now(slg_model *m, const slg_time *t, int64_t raw)
{
  if (!(t->flags & SLG_TIME_HAS_TIME))
    return; /* keep the last known time */
  if (!(t->flags & SLG_TIME_HAS_DATE)) {
    /* Time-only layouts: going back by more than 12 h is the next day. */
    if (m->have_raw && raw + 12 * 3600 * 1000 < m->last_raw_ms)
      m->day_offset += 24 * 3600 * 1000;
    m->last_raw_ms = raw;
    m->have_raw = 1;
    raw += m->day_offset;
  }
  m->now = *t;
  m->now_ms = raw;
}

const slg_model_route *slg_model_error_route(void)
{
  static const logger_entry error = {"", 0, NULL, none, 0, 1, 0};
  return &error;
}

/*
 * Whether `q`, the qualifier a layout printed before a logger's short
 * name ("org.apache.spark.scheduler" of "org.apache.spark.scheduler.
 * DAGScheduler"), can be one of `packages` ('|'-separated): whole, its
 * last segments only (%c{2}: "scheduler", Spark 0.7's "spark.scheduler"),
 * segments abbreviated (%c{1.}, logback: "o.a.s.scheduler"), or its first
 * segment cut by a width (%.30c: "ark.scheduler"). A user class
 * "com.evil.DAGScheduler" is then not Spark's; with short names only
 * (%c{1}, the default) there is nothing to tell them apart by.
 */
static int package_fits(const char *packages, const char *q, size_t n)
{
  for (const char *p = packages; p != NULL;) {
    const char *bar = strchr(p, '|');
    const char *pe = bar ? bar : p + strlen(p), *qe = q + n;
    for (;;) {
      const char *qs = qe, *ps = pe;
      while (qs > q && qs[-1] != '.')
        qs--;
      while (ps > p && ps[-1] != '.')
        ps--;
      size_t ql = (size_t)(qe - qs), pl = (size_t)(pe - ps);
      if (qs == q) { /* the first written segment: maybe cut at its left */
        if (ql <= pl &&
            (memcmp(qs, ps, ql) == 0 || memcmp(qs, pe - ql, ql) == 0))
          return 1;
        break;
      }
      /* An inner segment, whole or abbreviated to its first letters;
       * log4j2's "~" stands for any. */
      if (ql == 0 || ql > pl || ps == p ||
          (memcmp(qs, ps, ql) != 0 && !(ql == 1 && *qs == '~')))
        break;
      qe = qs - 1;
      pe = ps - 1;
    }
    p = bar ? bar + 1 : NULL;
  }
  return 0;
}

/* The I/O loggers (extract_io.h), by what their names contain, with or
 * without a package ("org.apache.hadoop.hive.metastore.ObjectStore",
 * "AbstractS3ACommitter"): every line of theirs is a line of the phase.
 * Looked up once per logger name, when no other route has it. */
static const logger_entry *io_route(slg_span written)
{
  static const logger_entry io[SLG_IO_KIND_COUNT] = {
      {"", 0, NULL, slg_extract_io_listing, 0, 0, 0},
      {"", 0, NULL, slg_extract_io_write_commit, 0, 0, 0},
      {"", 0, NULL, slg_extract_io_committer, 0, 0, 0},
      {"", 0, NULL, slg_extract_io_metastore, 0, 0, 0},
      {"", 0, NULL, slg_extract_io_broadcast, 0, 0, 0}};
  int k = slg_io_logger_kind(written);
  return k >= 0 ? &io[k] : NULL;
}

const slg_model_route *slg_model_route_of(slg_span logger, slg_span written,
                                          int reference)
{
  static const logger_entry endpoint = {
      "",
      0,
      PKG_CLUSTER "|" PKG_CLUSTER ".k8s|" PKG_CLUSTER ".mesos|" PKG_SCHED,
      slg_extract_executors,
      0,
      0,
      0};
  const logger_entry *e = classify(logger, reference);
  if (e == NULL && (is_backend_endpoint(logger) || is_backend(logger)))
    e = &endpoint;
  if (e == NULL)
    return io_route(written.len ? written : logger);
  if (e == NULL || e->package == NULL || written.len == 0)
    return e;
  /* The qualifier: what `written` has before the short name and its dot,
   * past the braces slg_logger_short skips ("{org.apache...}"). */
  const char *q = written.ptr, *end = logger.ptr;
  while (q < end && (*q == '{' || *q == '[' || *q == ' '))
    q++;
  if (end <= q)
    return e;
  return package_fits(e->package, q, (size_t)(end - 1 - q)) ? e : NULL;
}
#undef PKG_SPARK
#undef PKG_SCHED
#undef PKG_CLUSTER
#undef PKG_STREAMING_1
#undef PKG_STREAMING
#undef PKG_PYTHON
#undef PKG_AQE

/* The pure half of slg_model_record (model_events.h): no model state.
 * Inlined into slg_model_record_routed, like model_apply below. */
static SLG_ALWAYS_INLINE void extract_routed(slg_model_item *out,
                                             const slg_record *rec,
                                             const slg_model_route *route)
{
  out->modelled = (uint8_t)(route != NULL);
  if (route == NULL)
    return;
  out->scheduler = (uint8_t)(route->scheduler != 0);
  out->result = (int8_t)route->fn(rec->message, &out->ev);
  /* An I/O logger's ERROR ("Aborting job") is read for a failure, as it
   * was before the logger had a route; the failure event keeps the
   * phase's kind + 1 in n3 (apply_other counts the line there). */
  int io_error = 0;
  if (out->ev.kind == SLG_EV_IO && rec->level == SLG_LEVEL_ERROR) {
    io_error = (int)out->ev.n + 1;
    out->result = SLG_EXTRACT_NONE;
  }
  if (out->result == SLG_EXTRACT_NONE && route->quiet) {
    out->modelled = 0;
    return;
  }
  if (out->result == SLG_EXTRACT_NONE &&
      (route->failure || rec->level == SLG_LEVEL_ERROR)) {
    out->result = (int8_t)slg_extract_failure(rec->message, &out->ev);
    /* How the driver stops is its own loggers' to say: an executor's
     * "ERROR CoarseGrainedExecutorBackend: RECEIVED SIGNAL TERM" in a
     * shared file is not the application's end. */
    if (!route->failure && out->ev.kind == SLG_EV_APP_STOP)
      out->result = SLG_EXTRACT_NONE;
    if (out->result == SLG_EXTRACT_NONE && rec->level == SLG_LEVEL_ERROR) {
      /* Any other ERROR record: a weak statement of failure. */
      out->ev.kind = SLG_EV_FAILURE;
      out->ev.n = SLG_FAILURE_ERROR_RECORD;
      out->ev.str = rec->message;
      out->result = SLG_EXTRACT_OK;
    }
    if (io_error && out->ev.kind == SLG_EV_FAILURE)
      out->ev.n3 = (uint64_t)io_error;
  }
  /* A stage attempt is a 32-bit number (Spark's is an Int): a larger
   * one is no real line's, and is rejected rather than cut short. */
  if (out->result == SLG_EXTRACT_OK && out->ev.attempt > UINT32_MAX)
    out->result = SLG_EXTRACT_REJECTED;
  /* exec_num_of's values fit: below SLG_EXEC_NUM (4096). */
  out->exec_num = (int16_t)(out->result == SLG_EXTRACT_OK
                                ? exec_num_of(out->ev.exec)
                                : -1);
}

void slg_model_extract_routed(slg_model_item *out, const slg_record *rec,
                              const slg_model_route *route)
{
  extract_routed(out, rec, route);
}

/* The serial half: applies what slg_model_extract_routed found, in input
 * order. Inlined into slg_model_record_routed, which runs for every
 * modelled record, so that a record costs one call into the model. */
static SLG_ALWAYS_INLINE void model_apply(slg_model *m,
                                          const slg_model_item *it,
                                          const slg_time *time,
                                          int64_t time_ms, const slg_pos *pos)
{
  m->cont = CONT_NONE;
  m->trace = -1;
  if (!it->modelled) {
    later_record(m, time, time_ms);
    return;
  }
  set_now(m, time, time_ms);
  m->pos = *pos;
  int r = it->result;
  if (it->scheduler) {
    m->scheduler_lines++;
    if (m->napps > 0 || r != SLG_EXTRACT_NONE)
      cur_app(m)->scheduler_lines++;
  }
  if (r == SLG_EXTRACT_REJECTED) {
    m->rejected++;
    later_record(m, time, time_ms);
    return;
  }
  if (r == SLG_EXTRACT_NONE) {
    later_record(m, time, time_ms);
    return;
  }
  if (it->ev.kind == SLG_EV_IO) {
    on_io(m, &it->ev, time);
    later_record(m, time, time_ms);
    return;
  }
  apply(m, &it->ev, it->exec_num);
  if (it->ev.kind == SLG_EV_ENGINE) {
    /* Streaming and worker lines start no application. */
    later_record(m, time, time_ms);
    return;
  }
  if (m->napps == 0 && (it->ev.kind == SLG_EV_FAILURE ||
                        it->ev.kind == SLG_EV_FINAL_STATUS))
    return; /* an end or failure statement with no application */
  slg_app *a = cur_app(m);
  a->last_pos = *pos;
  if (m->now.flags != 0)
    app_clock(a, &m->now, m->now_ms, &m->now, m->now_ms);
}

void slg_model_apply(slg_model *m, const slg_model_item *it,
                     const slg_time *time, int64_t time_ms,
                     const slg_pos *pos)
{
  model_apply(m, it, time, time_ms, pos);
}

void slg_model_record_routed(slg_model *m, const slg_record *rec,
                             int64_t time_ms, const slg_model_route *route,
                             const slg_pos *pos)
{
  if (route == NULL) {
    /* A logger the model ignores (a fifth of a big log's records): what
     * slg_model_apply does with it, without extracting. */
    m->cont = CONT_NONE;
    m->trace = -1;
    later_record(m, &rec->time, time_ms);
    return;
  }
  slg_model_item it;
  extract_routed(&it, rec, route);
  model_apply(m, &it, &rec->time, time_ms, pos);
}

void slg_model_record(slg_model *m, const slg_record *rec, slg_span logger,
                      const slg_pos *pos)
{
  slg_model_record_routed(m, rec, slg_time_ms(&rec->time),
                          slg_model_route_of(logger, rec->logger, m->reference),
                          pos);
}

void slg_model_silence(slg_model *m, int64_t silence_ms,
                       const slg_pos *before, slg_span before_text,
                       const slg_pos *after, slg_span after_text)
{
  if (m->cur != NULL)
    slg_budget_silence(budget_of(m), silence_ms, before, before_text, after,
                       after_text);
}

void slg_model_continuation(slg_model *m, slg_span line, const slg_pos *pos)
{
  slg_model_trace_line(m, line, pos);
  if (m->cont == CONT_NONE || m->napps == 0)
    return;
  while (line.len > 0 && (line.ptr[0] == ' ' || line.ptr[0] == '\t')) {
    line.ptr++;
    line.len--;
  }
  line = slg_trim_right(line);
  if (line.len == 0)
    return;
  slg_app *a = cur_app(m);
  if (m->cont == CONT_ENGINE) {
    /* A progress report's JSON, up to its triggerExecution. */
    slg_engine_batch b[1];
    if (slg_engine_continuation(a->engine, line, b)) {
      batches_told(m, m->napps - 1, b, 1);
      m->cont = CONT_NONE;
    }
    return;
  }
  if (m->cont == CONT_CONF) {
    /* "spark.executor.memory=6g": only the executor size keys are kept
     * (none of them matches spark.redaction.regex). */
    static const struct {
      const char *key;
      size_t off;
    } keys[] = {
        {"spark.executor.memory=", offsetof(slg_app, exec_memory)},
        {"spark.executor.memoryOverhead=", offsetof(slg_app, exec_overhead)},
        {"spark.executor.cores=", offsetof(slg_app, exec_cores)},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
      size_t n = strlen(keys[i].key);
      if (line.len > n && line.len - n < 32 &&
          slg_mem_eq(line.ptr, keys[i].key, n)) {
        char **slot = (char **)(void *)((char *)a + keys[i].off);
        free(*slot); /* the configuration beats YarnAllocator's sum */
        *slot = slg_xstrndup(line.ptr + n, line.len - n);
      }
    }
    if (++m->cont_lines < 4096)
      return;
  } else if (m->cont == CONT_EXEC_REASON && m->cont_idx < a->nexecutors) {
    /* Kubernetes' reason spans lines: "The executor with id 2 exited with
     * exit code 137(...)", "The API gave the following brief reason:
     * ...", the container statuses ("termination reason: OOMKilled"). */
    slg_executor *e = &a->executors[m->cont_idx];
    if (e->lost_reason == NULL)
      e->lost_reason = dup_reason(line);
    slg_exec_loss l;
    if (slg_exec_loss_classify(&l, line))
      note_loss(e, &l, pos);
    if (++m->cont_lines < 64)
      return; /* the next continuation line may say more */
  } else if (m->cont == CONT_STAGE_REASON && m->cont_idx < a->nstages) {
    slg_stage *s = &a->stages[m->cont_idx];
    if (s->nattempts > 0 && s->attempts[s->nattempts - 1].failure == NULL)
      s->attempts[s->nattempts - 1].failure = dup_reason(line);
  }
  m->cont = CONT_NONE;
}

/* --------------------------------------------------------------- finish */

static int cmp_u64(const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Executors lost with no reason that says why are deaths of unknown
 * class at their first loss line; then the counts by class. */
static void finish_losses(slg_app *a)
{
  memset(a->exec_loss, 0, sizeof a->exec_loss);
  a->exec_deaths = a->exec_benign = 0;
  for (size_t i = 0; i < a->nexecutors; i++) {
    slg_executor *e = &a->executors[i];
    if (e->loss_class == SLG_EXEC_NONE && e->lost) {
      e->loss_class = SLG_EXEC_UNKNOWN;
      e->loss_rank = SLG_EXEC_RANK_GENERIC;
      e->loss_code = INT64_MIN;
      e->loss_line = e->lost_line;
      if (e->lost_reason != NULL) {
        size_t n = strlen(e->lost_reason);
        e->loss_evidence = slg_xstrndup(e->lost_reason, n < 120 ? n : 120);
      }
    }
    a->exec_loss[e->loss_class]++;
    if (slg_exec_class_is_death(e->loss_class))
      a->exec_deaths++;
    else if (slg_exec_class_is_benign(e->loss_class))
      a->exec_benign++;
  }
  a->exec_loss[SLG_EXEC_NONE] = 0;
}

/* The index of the shuffle stage `stage` writes: a held stage's
 * (before finish_app: from its RDD), or a folded one's; UINT32_MAX none. */
static uint32_t written_shuffle(const slg_app *a, const app_ix *x,
                                uint64_t stage)
{
  uint32_t k = idmap_get(&x->stages, stage);
  if (k == UINT32_MAX)
    return idmap_get(&x->folded_writes, stage);
  const slg_stage *s = &a->stages[k];
  if (s->shuffle_write >= 0)
    return idmap_get(&x->shuffles, (uint64_t)s->shuffle_write);
  if (s->rdd_id < 0 || s->kind == SLG_STAGE_RESULT)
    return UINT32_MAX;
  return idmap_get(&x->rdds, (uint64_t)s->rdd_id);
}

int64_t slg_model_stage_links(const slg_model *m, size_t app,
                              const slg_stage *s, uint64_t **reads,
                              size_t *nreads)
{
  *reads = NULL;
  *nreads = 0;
  if (app >= m->napps)
    return -1;
  const slg_app *a = &m->apps[app];
  const app_ix *x = &m->ix[app];
  int64_t w = s->shuffle_write;
  if (w < 0 && s->rdd_id >= 0 && s->kind != SLG_STAGE_RESULT) {
    uint32_t k = idmap_get(&x->rdds, (uint64_t)s->rdd_id);
    if (k != UINT32_MAX)
      w = (int64_t)a->shuffles[k].id;
  }
  if (s->nshuffle_reads > 0 || s->nparents == 0)
    return w;
  uint64_t *r = slg_xmalloc(s->nparents * sizeof *r);
  size_t n = 0;
  for (size_t p = 0; p < s->nparents; p++) {
    uint32_t q = written_shuffle(a, x, s->parents[p]);
    if (q == UINT32_MAX)
      continue;
    /* Each once, in parents' order, as finish_app (parents are few: a
     * stage's lines name them all). */
    size_t i = 0;
    while (i < n && r[i] != a->shuffles[q].id)
      i++;
    if (i == n)
      r[n++] = a->shuffles[q].id;
  }
  if (n == 0) {
    free(r);
    r = NULL;
  }
  *reads = r;
  *nreads = n;
  return w;
}

static void finish_app(slg_model *m, slg_app *a, app_ix *x)
{
  finish_losses(a);
  /* Shuffle writers: "Registering RDD 3 ... as input to shuffle 0" and
   * "Submitting ShuffleMapStage 0 (MapPartitionsRDD[3] ...)". */
  for (size_t i = 0; i < a->nstages; i++) {
    slg_stage *s = &a->stages[i];
    if (s->rdd_id < 0 || s->kind == SLG_STAGE_RESULT)
      continue;
    uint32_t k = idmap_get(&x->rdds, (uint64_t)s->rdd_id);
    if (k == UINT32_MAX)
      continue;
    s->shuffle_write = (int64_t)a->shuffles[k].id;
    if (a->shuffles[k].writer_stage < 0)
      a->shuffles[k].writer_stage = (int64_t)s->id;
  }
  /* Readers: a stage reads its parents' shuffles (each once: searched up
   * to LINK_SCAN parents, through `seen` beyond). */
  for (size_t i = 0; i < a->nstages; i++) {
    slg_stage *s = &a->stages[i];
    idmap seen = {0};
    for (size_t p = 0; p < s->nparents; p++) {
      uint32_t k = idmap_get(&x->stages, s->parents[p]), w;
      uint64_t sh;
      if (k != UINT32_MAX && a->stages[k].shuffle_write >= 0)
        sh = (uint64_t)a->stages[k].shuffle_write;
      else if (k == UINT32_MAX &&
               (w = idmap_get(&x->folded_writes, s->parents[p])) !=
                   UINT32_MAX)
        sh = a->shuffles[w].id; /* a parent folded (fold_links) */
      else
        continue;
      if (s->nparents <= LINK_SCAN) {
        add_u64(&m->strings, &s->shuffle_reads, &s->nshuffle_reads, sh);
      } else if (idmap_get(&seen, sh) == UINT32_MAX) {
        idmap_put(&seen, sh, 0);
        s->shuffle_reads =
            ids_grow(&m->strings, s->shuffle_reads, s->nshuffle_reads);
        s->shuffle_reads[s->nshuffle_reads++] = sh;
      }
      uint32_t q = idmap_get(&x->shuffles, sh);
      if (q == UINT32_MAX)
        continue;
      add_reader(m, &a->shuffles[q], s->id);
    }
    idmap_dispose(&seen);
    s->skipped = s->nattempts == 0;
    for (size_t k = 0; k < s->nattempts; k++)
      if (s->attempts[k].status == SLG_STATUS_RUNNING) {
        s->attempts[k].incomplete = 1;
        s->incomplete = 1;
        a->incomplete = 1;
      }
  }
  for (size_t i = 0; i < a->njobs; i++) {
    slg_job *j = &a->jobs[i];
    ids_drop(&m->strings, &j->skipped_stages, &j->nskipped_stages);
    if (j->nstages > 1)
      qsort(j->stages, j->nstages, sizeof(*j->stages), cmp_u64);
    /* j->stages has no repeats (link_stage_job). */
    for (size_t k = 0; k < j->nstages; k++) {
      uint32_t si = idmap_get(&x->stages, j->stages[k]);
      if (si == UINT32_MAX || !a->stages[si].skipped)
        continue;
      j->skipped_stages =
          ids_grow(&m->strings, j->skipped_stages, j->nskipped_stages);
      j->skipped_stages[j->nskipped_stages++] = j->stages[k];
    }
    if (j->status != SLG_STATUS_RUNNING)
      continue;
    /* Async jobs (submitJob) log no end: their final stage decides. */
    uint32_t si = j->result_stage >= 0
                      ? idmap_get(&x->stages, (uint64_t)j->result_stage)
                      : UINT32_MAX;
    const slg_stage_attempt *t =
        si != UINT32_MAX && a->stages[si].nattempts > 0
            ? &a->stages[si].attempts[a->stages[si].nattempts - 1]
            : NULL;
    if (t != NULL && t->status == SLG_STATUS_SUCCEEDED) {
      j->status = SLG_STATUS_SUCCEEDED;
      j->end = t->end;
      j->end_ms = t->end_ms;
      j->duration_ms = span(&j->start, j->start_ms, &j->end, j->end_ms);
    } else if (t != NULL && (t->status == SLG_STATUS_FAILED ||
                             t->status == SLG_STATUS_CANCELLED)) {
      j->status = (j->cancel_requested || t->status == SLG_STATUS_CANCELLED)
                      ? SLG_STATUS_CANCELLED
                      : SLG_STATUS_FAILED;
      j->end = t->end;
      j->end_ms = t->end_ms;
      j->duration_ms = span(&j->start, j->start_ms, &j->end, j->end_ms);
      if (j->failure == NULL && t->failure != NULL)
        j->failure = slg_xstrndup(t->failure, strlen(t->failure));
    } else {
      j->incomplete = 1;
      a->incomplete = 1;
    }
  }
  for (size_t i = 0; i < a->njobs; i++) {
    if (a->jobs[i].incomplete)
      a->incomplete = 1;
    /* Jobs ended by their final stage above, or before all of their
     * stages were known. */
    job_cover_stages(a, x, &a->jobs[i]);
  }
}

/* How the application's lines end (the keys' end_reason). */
static slg_app_end end_reason(const slg_app *a, const slg_app *next)
{
  /* The hook stopped the context only when SparkContext says so
   * ("Invoking stop() from shutdown hook"); "Shutdown hook called" alone
   * ends every JVM, after the program stopped its context (or the log
   * kept SparkContext's INFO lines out, ShutdownHookManager's in). */
  if (a->hook_pos.line)
    return SLG_APP_END_SHUTDOWN_HOOK;
  if (a->sc_stop_pos.line || a->hook_called_pos.line)
    return SLG_APP_END_SC_STOPPED;
  if (next != NULL && next->first_pos.file == a->last_pos.file)
    return SLG_APP_END_NEXT_APP;
  return SLG_APP_END_LOG_ENDS;
}

const char *slg_app_end_name(slg_app_end e)
{
  static const char *const n[] = {"unknown", "sc_stopped", "shutdown_hook",
                                  "log_ends", "next_app"};
  return (unsigned)e < 5 ? n[e] : "unknown";
}

void slg_model_finish(slg_model *m)
{
  /* Messages after the last application's JVM ended: no run's. */
  slg_msgs_free(m->msgs_before);
  m->msgs_before = NULL;
  slg_pos last_before = m->napps ? m->apps[m->napps - 1].last_pos
                                 : (slg_pos){0, 0};
  for (size_t i = 0; i < m->napps; i++) {
    finish_app(m, &m->apps[i], &m->ix[i]);
    if (m->apps[i].budget != NULL)
      slg_budget_finish(m->apps[i].budget, m->apps[i].end_ms,
                        &m->apps[i].last_pos);
    m->apps[i].stage_ix = &m->ix[i].stages;
    slg_app *a = &m->apps[i];
    /* The Kubernetes client closed and the application logged nothing
     * after it: the context's stop (the watch of a running one reconnects
     * and work goes on). */
    const app_ix *x = &m->ix[i];
    if (a->sc_stop_pos.line == 0 && x->k8s_closed.line &&
        x->k8s_closed.file == a->last_pos.file &&
        x->k8s_closed.line == a->last_pos.line) {
      a->sc_stop_pos = x->k8s_closed;
      a->sc_stop_ms = x->k8s_closed_ms;
    }
    a->end_reason = end_reason(a, i + 1 < m->napps ? &m->apps[i + 1] : NULL);
    /* The next run's lines begin where its first line is: this one's
     * lines run to the line before. */
    if (a->end_reason == SLG_APP_END_NEXT_APP) {
      slg_pos run = m->ix[i + 1].run_pos;
      if (run.line > a->first_pos.line && run.file == a->last_pos.file)
        a->last_pos.line = run.line - 1;
    }
    /* The first application of a file that no "Running Spark version"
     * starts began before its first line we read: its lines are the
     * file's from the first. */
    if (a->spark_version == NULL &&
        (i == 0 || m->apps[i - 1].last_pos.file != a->first_pos.file))
      a->first_pos.line = 1;
    /* A run that prints no version (a WARN-level one) in a file whose
     * earlier run printed one: the same installation wrote both. */
    if (a->spark_version == NULL && i > 0 &&
        m->apps[i - 1].spark_version != NULL &&
        m->apps[i - 1].last_pos.file == a->first_pos.file)
      a->spark_version = slg_xstrndup(m->apps[i - 1].spark_version,
                                      strlen(m->apps[i - 1].spark_version));
    /* Cut off: its lines run to the file's last. */
    if (a->end_reason == SLG_APP_END_LOG_ENDS &&
        a->last_pos.file < m->nfile_lines &&
        m->file_lines[a->last_pos.file] > a->last_pos.line)
      a->last_pos.line = m->file_lines[a->last_pos.file];
  }
  /* The tail of a run before the file's first version line (a leading
   * fragment): the next run of that file names the installation. */
  for (size_t i = m->napps; i-- > 1;) {
    slg_app *a = &m->apps[i - 1];
    const slg_app *next = &m->apps[i];
    if (a->spark_version == NULL && next->spark_version != NULL &&
        next->first_pos.file == a->last_pos.file)
      a->spark_version =
          slg_xstrndup(next->spark_version, strlen(next->spark_version));
  }
  if (m->napps) {
    /* The last application's messages after its last line are its own
     * only when its lines run on to the file's end. */
    slg_app *a = &m->apps[m->napps - 1];
    if (a->msgs && same_pos(m->msg_mark, last_before) &&
        same_pos(a->last_pos, last_before))
      slg_msgs_undo(a->msgs);
    messages_pre(m, m->napps - 1);
  }
  m->cont = CONT_NONE;
  apps_ended(m, m->napps);
}

/* ----------------------------------------------------------- names/hint */

const slg_stage *slg_app_stage(const slg_app *a, uint64_t id)
{
  if (a->stage_ix != NULL) {
    uint32_t i = idmap_get(a->stage_ix, id);
    return i == UINT32_MAX ? NULL : &a->stages[i];
  }
  for (size_t i = 0; i < a->nstages; i++)
    if (a->stages[i].id == id)
      return &a->stages[i];
  return NULL;
}

const slg_stage_attempt *slg_stage_attempt_find(const slg_stage *s,
                                                uint64_t no)
{
  return no > UINT32_MAX ? NULL : attempt_find(s, no);
}

const slg_stage_attempt *slg_stage_attempt_before(
    const slg_stage *s, const slg_stage_attempt *t)
{
  size_t i = (size_t)(t - s->attempts);
  if (s->attempt_ix != NULL)
    return t->prev_same == ID_NONE ? NULL : &s->attempts[t->prev_same];
  while (i-- > 0)
    if (s->attempts[i].attempt == t->attempt)
      return &s->attempts[i];
  return NULL;
}

const char *slg_status_name(slg_status s)
{
  static const char *const n[] = {"unknown",  "running",   "succeeded",
                                  "failed",   "cancelled", "skipped"};
  return (unsigned)s < 6 ? n[s] : "unknown";
}


/* 1 for versions >= 3.3 (log4j2), 0 before, -1 unknown. */
static int uses_log4j2(const char *v)
{
  if (v == NULL)
    return -1;
  const char *p = v;
  const char *end = v + strlen(v);
  uint64_t major = 0, minor = 0;
  if (slg_parse_u64(&p, end, 1000, &major) != 1)
    return -1;
  if (p < end && *p == '.') {
    p++;
    if (slg_parse_u64(&p, end, 1000, &minor) != 1)
      minor = 0;
  }
  return major > 3 || (major == 3 && minor >= 3);
}

void slg_model_scheduler_hint(const slg_model *m, slg_buf *out)
{
  const char *v = m->version;
  int l2 = uses_log4j2(v);
  slg_buf_puts(out, "No scheduler lines (DAGScheduler, TaskSetManager) were "
                    "found: the log was probably written at WARN level, so "
                    "jobs, stages and tasks cannot be reported.\n");
  if (l2 != 0) {
    slg_buf_printf(out,
                   "To log them%s%s, add to log4j2.properties:\n"
                   "  logger.scheduler.name = org.apache.spark.scheduler\n"
                   "  logger.scheduler.level = info\n",
                   v ? " with Spark " : " (Spark 3.3 and later)",
                   v ? v : "");
  }
  if (l2 != 1) {
    slg_buf_printf(out,
                   "To log them%s%s, add to log4j.properties:\n"
                   "  log4j.logger.org.apache.spark.scheduler=INFO\n",
                   v ? " with Spark " : " (before Spark 3.3)", v ? v : "");
  }
}
