/*
 * render_ndjson.c - the sparklog-ndjson/1 stream: one JSON object per
 * line, written while the log is read (docs/ndjson-schema.md).
 *
 * Job and stage objects are written from the pipeline's end callbacks
 * (slg_pipeline_on_end), which fire in input order whatever the number
 * of parsing threads, so the stream is the same for any --threads. A
 * stage attempt that ends waits in `pending` for the next job end (or its
 * application's end) and is written there, once: a job line then follows
 * the lines of the stages that ended before it. What needs the whole
 * input (the analysis: outcomes, findings, the ranking, the verdict) is
 * written by slg_ndjson_finish, the summary last.
 *
 * Every object is written by the batch document's writers (render_json.h)
 * after a few keys that place it (type, file, app, job, stage): a key
 * that both outputs have has the same name and value for the same model
 * state.
 */
#include "render.h"
#include "render_json.h"
#include "render_io.h"

#include <stdlib.h>
#include <string.h>

#include "messages.h"
#include "io_phases.h"
#include "model_types.h"

/* A written stage attempt of an application past its first: indexes
 * into its arrays (a the stage, b the attempt). app1 is the
 * application's index + 1, 0 for an empty cell. */
typedef struct done_key {
  uint32_t app1;
  size_t a, b;
} done_key;

/* A set of small indexes, one bit each. */
typedef struct bitset {
  uint64_t *w;
  size_t nw;
} bitset;

/* What was written of one application, by index into its arrays: jobs,
 * first attempts of stages, and stages written before they ran. One bit
 * per job or stage the model holds anyway; later attempts (retries, few)
 * go to the hashed `done` set. */
typedef struct app_marks {
  bitset jobs, first, unrun;
} app_marks;

#define JOB_MARK (SIZE_MAX - 1)

/* An ended stage attempt not written yet; one the model folds
 * (--max-stages, slg_end.fold) is written when it ends, to `text`,
 * whose "job":null at `split` takes the job's id when it is put out. */
typedef struct pending {
  size_t app, stage, attempt;
  char *text;
  size_t len, split;
} pending;

enum {
  T_FILE,
  T_APP,
  T_JOB,
  T_STAGE,
  T_EXECUTOR,
  T_SHUFFLE,
  T_RANKING,
  T_FINDING,
  T_MESSAGE,
  T_BATCH,
  T_PHASE,
  T_COUNT
};
static const char *const type_names[T_COUNT] = {
    "file",    "app",     "job",     "stage",   "executor", "shuffle",
    "ranking", "finding", "message", "batch",   "phase"};

struct slg_ndjson {
  slg_buf *out;
  pending *pending;
  size_t npending, pending_cap;
  done_key *done; /* open addressing, capacity a power of two */
  size_t ndone, done_cap;
  app_marks *marks; /* by application index */
  size_t nmarks;
  uint64_t count[T_COUNT];
  /* A job whose end was logged, written at the next event (or when the
   * input goes idle, or at the end): Spark logs "Job 3 is finished" a
   * line before "Job 3 finished: ... took 0.77 s", which gives its
   * duration. The stage attempts pending[0, job_mark) go with it. */
  int job_waits;
  size_t job_app, job_index, job_mark;
  size_t messages_done; /* apps [0, messages_done) wrote their messages */
};

slg_ndjson *slg_ndjson_new(slg_buf *out)
{
  slg_ndjson *n = slg_xcalloc(1, sizeof *n);
  n->out = out;
  return n;
}

void slg_ndjson_free(slg_ndjson *n)
{
  if (!n)
    return;
  free(n->done);
  for (size_t i = 0; i < n->nmarks; i++) {
    free(n->marks[i].jobs.w);
    free(n->marks[i].first.w);
    free(n->marks[i].unrun.w);
  }
  free(n->marks);
  for (size_t i = 0; i < n->npending; i++)
    free(n->pending[i].text);
  free(n->pending);
  free(n);
}

static size_t done_hash(const done_key *k)
{
  uint64_t h = (uint64_t)k->app1 * 0x9e3779b97f4a7c15u;
  h ^= (uint64_t)k->a + 0x632be59bd9b4e019u + (h << 6) + (h >> 2);
  h ^= (uint64_t)k->b + 0x85ebca6b0c2b2ae3u + (h << 6) + (h >> 2);
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9u;
  h ^= h >> 29;
  return (size_t)h;
}

static done_key *done_slot(done_key *t, size_t cap, const done_key *k)
{
  size_t i = done_hash(k) & (cap - 1);
  while (t[i].app1 &&
         !(t[i].app1 == k->app1 && t[i].a == k->a && t[i].b == k->b))
    i = (i + 1) & (cap - 1);
  return &t[i];
}

static int bit_test(const bitset *b, size_t i)
{
  return i / 64 < b->nw && (b->w[i / 64] >> (i % 64) & 1u);
}

static void bit_set(bitset *b, size_t i)
{
  if (i / 64 >= b->nw) {
    size_t nw = b->nw ? b->nw : 4;
    while (nw <= i / 64)
      nw *= 2;
    b->w = slg_xrealloc(b->w, nw * sizeof *b->w);
    memset(b->w + b->nw, 0, (nw - b->nw) * sizeof *b->w);
    b->nw = nw;
  }
  b->w[i / 64] |= (uint64_t)1 << (i % 64);
}

/* The set that holds (a, b) of application `app`: b JOB_MARK a job,
 * b SIZE_MAX a stage that has not run, b 0 a first attempt; NULL for a
 * later attempt (the hashed set). */
static bitset *marks_of(const slg_ndjson *n, size_t app, size_t b)
{
  if (app >= n->nmarks)
    return NULL;
  app_marks *m = &n->marks[app];
  return b == JOB_MARK ? &m->jobs : b == SIZE_MAX ? &m->unrun
                                  : b == 0        ? &m->first
                                                  : NULL;
}

static int is_done(const slg_ndjson *n, size_t app, size_t a, size_t b)
{
  if (b == JOB_MARK || b == SIZE_MAX || b == 0) {
    const bitset *s = marks_of(n, app, b);
    return s != NULL && bit_test(s, a);
  }
  if (!n->done_cap)
    return 0;
  done_key k = {(uint32_t)(app + 1), a, b};
  return done_slot(n->done, n->done_cap, &k)->app1 != 0;
}

static void mark_done(slg_ndjson *n, size_t app, size_t a, size_t b)
{
  if (b == JOB_MARK || b == SIZE_MAX || b == 0) {
    if (app >= n->nmarks) {
      n->marks = slg_xrealloc(n->marks, (app + 1) * sizeof *n->marks);
      memset(n->marks + n->nmarks, 0,
             (app + 1 - n->nmarks) * sizeof *n->marks);
      n->nmarks = app + 1;
    }
    bit_set(marks_of(n, app, b), a);
    return;
  }
  if ((n->ndone + 1) * 2 > n->done_cap) {
    size_t cap = n->done_cap ? n->done_cap * 2 : 256;
    done_key *t = slg_xcalloc(cap, sizeof *t);
    for (size_t i = 0; i < n->done_cap; i++)
      if (n->done[i].app1)
        *done_slot(t, cap, &n->done[i]) = n->done[i];
    free(n->done);
    n->done = t;
    n->done_cap = cap;
  }
  done_key k = {(uint32_t)(app + 1), a, b};
  done_key *s = done_slot(n->done, n->done_cap, &k);
  if (!s->app1) {
    *s = k;
    n->ndone++;
  }
}

static int cmp_u64(const void *x, const void *y)
{
  uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
  return a < b ? -1 : a > b;
}

/* Opens a line's object with its type, and the file and application that
 * place it (app SIZE_MAX: none). */
static void line_begin(slg_ndjson *n, slg_json *j, int type,
                       const slg_report *rep, const slg_app *a, size_t app)
{
  slg_json_init(j, n->out, 0);
  slg_json_object_begin(j);
  slg_json_key(j, "type");
  slg_json_str(j, type_names[type]);
  n->count[type]++;
  if (a != NULL) {
    slg_json_key(j, "file");
    slg_json_str(j, slg_report_file_path(rep, a->file));
    slg_json_key(j, "app");
    slg_json_u64(j, app + 1);
  }
}

static void line_end(slg_json *j)
{
  slg_json_object_end(j);
  slg_buf_putc(j->out, '\n');
}

/* A stage attempt (t NULL: a stage that has not run); job: the id of the
 * job whose end writes it, -1 none. */
static void stage_line(slg_ndjson *n, const slg_report *rep, size_t app,
                       const slg_app *a, const slg_stage *s,
                       const slg_stage_attempt *t, int64_t job)
{
  slg_json j;
  line_begin(n, &j, T_STAGE, rep, a, app);
  slg_json_key(&j, "job");
  if (job < 0)
    slg_json_null(&j);
  else
    slg_json_i64(&j, job);
  slg_json_key(&j, "stage");
  slg_json_u64(&j, s->id);
  slg_json_attempt_keys(&j, a, s, t);
  line_end(&j);
}

/* The stage of application `a` with id `id`, NULL when none. */
static const slg_stage *stage_by_id(slg_ndjson *n, size_t app, const slg_app *a,
                                    uint64_t id)
{
  (void)n, (void)app;
  return slg_app_stage(a, id);
}

/* A job; `streamed`: written before the end of the input, its skipped
 * stages (set at the end) are those of its stages that have not run. */
static void job_line(slg_ndjson *n, const slg_report *rep, size_t app,
                     const slg_app *a, const slg_job *b, int streamed)
{
  slg_json j;
  uint64_t *skipped = NULL;
  size_t nskipped = 0;
  if (streamed) {
    skipped = slg_xmalloc((b->nstages + 1) * sizeof *skipped);
    for (size_t k = 0; k < b->nstages; k++) {
      const slg_stage *s = stage_by_id(n, app, a, b->stages[k]);
      if (s != NULL && s->nattempts == 0)
        skipped[nskipped++] = b->stages[k];
    }
    if (nskipped > 1)
      qsort(skipped, nskipped, sizeof *skipped, cmp_u64);
  }
  line_begin(n, &j, T_JOB, rep, a, app);
  slg_json_key(&j, "job");
  slg_json_u64(&j, b->id);
  slg_json_job_keys(&j, b, skipped, nskipped);
  line_end(&j);
  free(skipped);
}

/* The ended stage attempts pending[0, upto) not written yet, at a job's
 * end (job >= 0) or an application's. */
static void flush_pending(slg_ndjson *n, const slg_report *rep, int64_t job,
                          size_t upto)
{
  size_t napps;
  const slg_app *apps = slg_model_apps(rep->model, &napps);
  for (size_t i = 0; i < upto; i++) {
    pending *p = &n->pending[i];
    if (p->text != NULL) {
      static const char null_job[] = "\"job\":null";
      slg_buf_put(n->out, p->text, p->split);
      if (job < 0)
        slg_buf_puts(n->out, null_job);
      else
        slg_buf_printf(n->out, "\"job\":%lld", (long long)job);
      slg_buf_put(n->out, p->text + p->split + sizeof null_job - 1,
                     p->len - p->split - (sizeof null_job - 1));
      free(p->text);
      continue;
    }
    if (p->app >= napps)
      continue;
    const slg_app *a = &apps[p->app];
    const slg_stage *s = &a->stages[p->stage];
    stage_line(n, rep, p->app, a, s, &s->attempts[p->attempt], job);
    mark_done(n, p->app, p->stage, p->attempt);
  }
  if (upto == 0)
    return; /* n->pending may be NULL: memmove wants a valid pointer */
  memmove(n->pending, n->pending + upto,
          (n->npending - upto) * sizeof *n->pending);
  n->npending -= upto;
}

/* The job's stages that have not run when it ends: written now, as the
 * batch document writes a stage that never ran, so that every id of the
 * job's "stages" has a line before the job's. */
static void unrun_stages(slg_ndjson *n, const slg_report *rep, size_t app,
                         const slg_app *a, const slg_job *b)
{
  for (size_t k = 0; k < b->nstages; k++) {
    const slg_stage *s = stage_by_id(n, app, a, b->stages[k]);
    if (s == NULL || s->nattempts > 0)
      continue;
    size_t si = (size_t)(s - a->stages);
    if (is_done(n, app, si, SIZE_MAX))
      continue;
    stage_line(n, rep, app, a, s, NULL, (int64_t)b->id);
    mark_done(n, app, si, SIZE_MAX);
  }
}

/* Writes the job that waits, after its stages. */
static void write_job(slg_ndjson *n, const slg_report *rep)
{
  if (!n->job_waits)
    return;
  n->job_waits = 0;
  size_t napps;
  const slg_app *apps = slg_model_apps(rep->model, &napps);
  if (n->job_app >= napps)
    return;
  const slg_app *a = &apps[n->job_app];
  const slg_job *b = &a->jobs[n->job_index];
  flush_pending(n, rep, (int64_t)b->id, n->job_mark);
  unrun_stages(n, rep, n->job_app, a, b);
  job_line(n, rep, n->job_app, a, b, 1);
  mark_done(n, n->job_app, n->job_index, JOB_MARK);
}

/* The `message` objects of the applications before `upto`, once each:
 * written when an application ends (the stream) or at the finish. */
static void write_messages(slg_ndjson *n, const slg_report *rep,
                           size_t upto)
{
  size_t napps;
  const slg_app *apps = slg_model_apps(rep->model, &napps);
  if (upto > napps)
    upto = napps;
  for (; n->messages_done < upto; n->messages_done++) {
    size_t ai = n->messages_done;
    size_t cnt;
    const slg_msg **v = slg_msgs_sorted(apps[ai].msgs, &cnt);
    for (size_t i = 0; i < cnt; i++) {
      slg_json j;
      line_begin(n, &j, T_MESSAGE, rep, &apps[ai], ai);
      slg_json_message_keys(&j, rep, v[i]);
      line_end(&j);
    }
    free(v);
  }
}

void slg_ndjson_flush(slg_ndjson *n, const slg_report *r)
{
  write_job(n, r);
}

void slg_ndjson_on_end(void *ctx, const slg_report *r, const slg_end *e)
{
  slg_ndjson *n = ctx;
  size_t napps;
  const slg_app *apps = slg_model_apps(r->model, &napps);
  if (e->kind == SLG_END_BATCH) {
    /* Written as it completes, kept nowhere (engine.h); a job waiting
     * for its "took" line (job_waits) goes on waiting. */
    if (e->app < napps) {
      slg_json j;
      line_begin(n, &j, T_BATCH, r, &apps[e->app], e->app);
      slg_json_batch_keys(&j, r, e->batch);
      line_end(&j);
    }
    return;
  }
  write_job(n, r);
  if (e->app >= napps)
    return;
  const slg_app *a = &apps[e->app];
  switch (e->kind) {
  case SLG_END_STAGE: {
    if (n->npending == n->pending_cap) {
      n->pending_cap = n->pending_cap ? n->pending_cap * 2 : 16;
      n->pending =
          slg_xrealloc(n->pending, n->pending_cap * sizeof *n->pending);
    }
    pending *p = &n->pending[n->npending++];
    memset(p, 0, sizeof *p);
    p->app = e->app;
    p->stage = (size_t)(e->stage - a->stages);
    p->attempt = (size_t)(e->attempt - e->stage->attempts);
    if (e->fold) {
      /* Leaves the model after this call: its line now, its job later. */
      slg_buf tmp = SLG_BUF_INIT;
      slg_buf *out = n->out;
      n->out = &tmp;
      stage_line(n, r, e->app, a, e->stage, e->attempt, -1);
      n->out = out;
      slg_buf_cstr(&tmp);
      const char *j = strstr(tmp.ptr, "\"job\":null");
      p->split = j != NULL ? (size_t)(j - tmp.ptr) : 0;
      p->len = tmp.len;
      p->text = tmp.ptr;
    }
    break;
  }
  case SLG_END_JOB:
    n->job_waits = 1;
    n->job_app = e->app;
    n->job_index = (size_t)(e->job - a->jobs);
    n->job_mark = n->npending;
    break;
  case SLG_END_APP:
    flush_pending(n, r, -1, n->npending);
    write_messages(n, r, e->app + 1);
    break;
  case SLG_END_BATCH:
    break; /* written above */
  }
}

void slg_ndjson_header(slg_ndjson *n, const char *command,
                       const slg_options *opt)
{
  slg_json j;
  slg_json_init(&j, n->out, 0);
  slg_json_object_begin(&j);
  slg_json_key(&j, "type");
  slg_json_str(&j, "header");
  slg_json_key(&j, "schema");
  slg_json_str(&j, SLG_NDJSON_SCHEMA);
  slg_json_key(&j, "objects");
  slg_json_str(&j, SLG_SCHEMA);
  slg_json_key(&j, "generator");
  slg_json_str(&j, "sparklog " SLG_VERSION);
  slg_json_key(&j, "command");
  slg_json_str(&j, command);
  /* The options that change what the objects say. */
  slg_json_key(&j, "options");
  slg_json_object_begin(&j);
  slg_json_key(&j, "layout");
  slg_json_str(&j, opt ? opt->layout : NULL);
  slg_json_key(&j, "unwrap");
  slg_json_str(&j, opt ? opt->unwrap : NULL);
  slg_json_key(&j, "max_loggers");
  slg_json_u64(&j, opt && opt->max_loggers ? opt->max_loggers
                                           : SLG_DEFAULT_MAX_LOGGERS);
  slg_json_key(&j, "max_line");
  slg_json_u64(&j, opt && opt->max_line ? opt->max_line : SLG_DEFAULT_MAX_LINE);
  slg_json_object_end(&j);
  line_end(&j);
}

/* What no end callback wrote, then the objects that need the analysis. */
void slg_ndjson_finish(slg_ndjson *n, const slg_report *rep,
                       const slg_render_options *o)
{
  slg_json j;
  write_job(n, rep);
  flush_pending(n, rep, -1, n->npending);
  write_messages(n, rep, SIZE_MAX);
  for (size_t i = 0; i < rep->nfiles; i++) {
    line_begin(n, &j, T_FILE, rep, NULL, SIZE_MAX);
    slg_json_key(&j, "file");
    slg_json_str(&j, rep->files[i].path);
    slg_json_file_keys(&j, &rep->files[i]);
    line_end(&j);
  }
  size_t napps;
  const slg_app *apps = slg_model_apps(rep->model, &napps);
  const slg_analysis *an = rep->analysis;
  for (size_t ai = 0; ai < napps; ai++) {
    const slg_app *a = &apps[ai];
    /* Stage attempts no job end followed (still running, or ended after
     * the application's last job), and stages that never ran. */
    size_t nrefs;
    slg_attempt_ref *refs = slg_stage_order(a, &nrefs);
    for (size_t i = 0; i < nrefs; i++) {
      const slg_stage *s = &a->stages[refs[i].stage];
      size_t t = refs[i].attempt;
      if (is_done(n, ai, refs[i].stage, t))
        continue;
      stage_line(n, rep, ai, a, s, t == SIZE_MAX ? NULL : &s->attempts[t], -1);
    }
    free(refs);
    /* Jobs that logged no end. */
    for (size_t i = 0; i < a->njobs; i++)
      if (!is_done(n, ai, i, JOB_MARK))
        job_line(n, rep, ai, a, &a->jobs[i], 0);
    for (size_t i = 0; i < a->nexecutors; i++) {
      line_begin(n, &j, T_EXECUTOR, rep, a, ai);
      slg_json_key(&j, "executor");
      slg_json_str(&j, a->executors[i].id);
      slg_json_executor_keys(&j, &a->executors[i]);
      line_end(&j);
    }
    for (size_t i = 0; i < a->nshuffles; i++) {
      line_begin(n, &j, T_SHUFFLE, rep, a, ai);
      slg_json_key(&j, "shuffle");
      slg_json_u64(&j, a->shuffles[i].id);
      slg_json_shuffle_keys(&j, &a->shuffles[i]);
      line_end(&j);
    }
    for (int k = 0; a->io != NULL && k < SLG_IO_KIND_COUNT; k++) {
      if (a->io->kind[k].lines == 0)
        continue;
      line_begin(n, &j, T_PHASE, rep, a, ai);
      slg_json_key(&j, "kind");
      slg_json_str(&j, slg_io_kind_name((slg_io_kind)k));
      slg_json_io_phase_keys(&j, rep, &a->io->kind[k]);
      line_end(&j);
    }
    /* The application's own keys carry "file" and its number ("seq"). */
    slg_json_init(&j, n->out, 0);
    slg_json_object_begin(&j);
    slg_json_key(&j, "type");
    slg_json_str(&j, "app");
    n->count[T_APP]++;
    slg_json_key(&j, "app");
    slg_json_u64(&j, ai + 1);
    slg_json_app_keys(&j, rep, a, ai,
                      an && ai < an->apps ? &an->outcomes[ai] : NULL);
    slg_json_templates_other(&j, a);
    line_end(&j);
  }
  if (an) {
    /* The ranking's and the findings' own keys place them. */
    for (size_t i = 0; i < an->nranking; i++) {
      line_begin(n, &j, T_RANKING, rep, NULL, SIZE_MAX);
      slg_json_ranked_keys(rep, &an->ranking[i], &j);
      line_end(&j);
    }
    for (size_t i = 0; i < an->nfindings; i++) {
      const slg_finding *f = &an->findings[i];
      line_begin(n, &j, T_FINDING, rep, NULL, SIZE_MAX);
      slg_json_key(&j, "file");
      slg_json_str(&j, f->app >= 0 && (size_t)f->app < napps
                           ? slg_report_file_path(rep, apps[f->app].file)
                           : NULL);
      slg_json_finding_keys(rep, f, &j);
      line_end(&j);
    }
  }
  slg_json_init(&j, n->out, 0);
  slg_json_object_begin(&j);
  slg_json_key(&j, "type");
  slg_json_str(&j, "summary");
  slg_json_input_key(rep, &j);
  slg_json_key(&j, "levels");
  slg_json_levels(&j, rep->acc->levels);
  slg_json_loggers_keys(rep, &j);
  if (an) {
    slg_json_key(&j, "verdict");
    slg_json_verdict_object(rep, &j);
    slg_json_suppressed_keys(rep, &j);
    if (o->view == SLG_VIEW_CHECK && rep->thresholds) {
      slg_json_key(&j, "check");
      slg_json_check_object(rep, &j);
    }
  }
  /* The lines of each type above: a reader can tell a cut stream. */
  slg_json_key(&j, "objects");
  slg_json_object_begin(&j);
  for (int t = 0; t < T_COUNT; t++) {
    slg_json_key(&j, type_names[t]);
    slg_json_u64(&j, n->count[t]);
  }
  slg_json_object_end(&j);
  line_end(&j);
}

void slg_render_ndjson(const slg_report *rep, const slg_render_options *o,
                       slg_buf *out)
{
  slg_ndjson *n = slg_ndjson_new(out);
  slg_ndjson_header(n, o->view == SLG_VIEW_CHECK ? "check" : "report", NULL);
  slg_ndjson_finish(n, rep, o);
  slg_ndjson_free(n);
}
