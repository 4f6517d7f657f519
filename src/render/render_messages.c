/*
 * render_messages.c - the WARN/ERROR/FATAL message templates (messages.h)
 * in every format: the text section "Messages" (the top 10 over all
 * applications), the JSON keys "messages" and "templates_other" of an
 * application, and the ndjson `message` object's keys. A known message
 * carries its meaning (slg_knowledge_message) as "explain".
 */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "format.h"
#include "knowledge.h"
#include "messages.h"
#include "model.h"
#include "render.h"
#include "render_json.h"

#define TEXT_TOP 10

static void json_pos(slg_json *j, const slg_report *rep, const char *key,
                     slg_pos p)
{
  slg_json_key(j, key);
  slg_json_object_begin(j);
  slg_json_key(j, "file");
  const char *path = slg_report_file_path(rep, p.file);
  if (path)
    slg_json_str(j, path);
  else
    slg_json_null(j);
  slg_json_key(j, "line");
  slg_json_u64(j, p.line);
  slg_json_object_end(j);
}

void slg_json_message_keys(slg_json *j, const slg_report *rep,
                           const slg_msg *m)
{
  slg_json_key(j, "level");
  slg_json_str(j, slg_level_name(m->level));
  slg_json_key(j, "logger");
  slg_json_str(j, m->logger);
  slg_json_key(j, "template");
  slg_json_str(j, m->tpl);
  slg_json_key(j, "count");
  slg_json_u64(j, m->count);
  json_pos(j, rep, "first", m->first);
  json_pos(j, rep, "last", m->last);
  slg_json_key(j, "explain");
  const char *e = slg_knowledge_message(m->logger, m->tpl);
  if (e)
    slg_json_str(j, e);
  else
    slg_json_null(j);
}

void slg_json_templates_other(slg_json *j, const slg_app *a)
{
  const slg_msgs *t = a->msgs;
  slg_json_key(j, "templates_other");
  slg_json_object_begin(j);
  slg_json_key(j, "lines");
  slg_json_u64(j, t ? t->other_lines : 0);
  slg_json_key(j, "templates");
  if (t && !t->other_known)
    slg_json_null(j);
  else
    slg_json_u64(j, t ? t->other_templates : 0);
  slg_json_object_end(j);
  slg_json_key(j, "warn_error_lines");
  slg_json_u64(j, t ? t->lines : 0);
}

void slg_json_messages_keys(slg_json *j, const slg_report *rep,
                            const slg_app *a)
{
  size_t n;
  const slg_msg **v = slg_msgs_sorted(a->msgs, &n);
  slg_json_key(j, "messages");
  slg_json_array_begin(j);
  for (size_t i = 0; i < n; i++) {
    slg_json_object_begin(j);
    slg_json_message_keys(j, rep, v[i]);
    slg_json_object_end(j);
  }
  slg_json_array_end(j);
  free(v);
  slg_json_templates_other(j, a);
}

/* ---------------------------------------------------------------- text */

typedef struct row {
  const slg_msg *m;
  size_t app;
} row;

static int by_count(const void *x, const void *y)
{
  const row *a = x, *b = y;
  if (a->m->count != b->m->count)
    return a->m->count > b->m->count ? -1 : 1;
  if (a->m->first.file != b->m->first.file)
    return a->m->first.file < b->m->first.file ? -1 : 1;
  if (a->m->first.line != b->m->first.line)
    return a->m->first.line < b->m->first.line ? -1 : 1;
  return a->app < b->app ? -1 : a->app > b->app;
}

void slg_render_text_messages(const slg_report *rep,
                              const slg_render_options *o, slg_buf *out)
{
  size_t napps, total = 0;
  const slg_app *apps = slg_model_apps(rep->model, &napps);
  for (size_t i = 0; i < napps; i++)
    total += apps[i].msgs ? apps[i].msgs->n : 0;
  if (total == 0)
    return;
  row *rows = slg_xmalloc(total * sizeof *rows);
  size_t k = 0;
  for (size_t i = 0; i < napps; i++)
    for (size_t t = 0; apps[i].msgs && t < apps[i].msgs->n; t++)
      rows[k++] = (row){&apps[i].msgs->msgs[t], i};
  qsort(rows, total, sizeof *rows, by_count);
  slg_styled(out, o->color, SLG_STYLE_BOLD, "Messages");
  slg_buf_putc(out, '\n');
  size_t width = o->width ? o->width : 80;
  size_t shown = total < TEXT_TOP ? total : TEXT_TOP;
  /* Counts right-aligned and levels padded: the templates start in one
   * column when their loggers are alike. The first row has the largest
   * count. */
  char num[32];
  size_t count_w = strlen(slg_fmt_count(rows[0].m->count, num));
  for (size_t i = 0; i < shown; i++) {
    const slg_msg *m = rows[i].m;
    slg_buf head = SLG_BUF_INIT;
    const char *c = slg_fmt_count(m->count, num);
    slg_buf_printf(&head, "  %*s %-5s ", (int)count_w, c,
                   slg_level_name(m->level));
    if (m->logger && *m->logger)
      slg_escape_str(&head, m->logger, SLG_ESC_TEXT);
    else
      slg_buf_putc(&head, '-');
    slg_buf_puts(&head, ": ");
    slg_buf tail = SLG_BUF_INIT;
    if (napps > 1) {
      slg_buf_puts(&tail, "  app ");
      slg_buf_puts(&tail, slg_fmt_count(rows[i].app + 1, num));
      slg_buf_putc(&tail, ',');
    } else {
      slg_buf_putc(&tail, ' ');
    }
    slg_buf_puts(&tail, " line ");
    slg_buf_puts(&tail, slg_fmt_count(m->first.line, num));
    if (rep->nfiles > 1) {
      slg_buf_puts(&tail, " of file ");
      slg_buf_puts(&tail, slg_fmt_count(m->first.file + 1, num));
    }
    size_t used = slg_text_width(head.ptr, head.len) +
                  slg_text_width(tail.ptr, tail.len);
    slg_buf tpl = SLG_BUF_INIT;
    slg_escape_str(&tpl, m->tpl, SLG_ESC_TEXT);
    slg_buf_put(out, head.ptr, head.len);
    slg_text_middle(out, tpl.ptr ? tpl.ptr : "", tpl.len,
                    width > used + 20 ? width - used : 20);
    slg_buf_put(out, tail.ptr, tail.len);
    slg_buf_putc(out, '\n');
    const char *e = slg_knowledge_message(m->logger, m->tpl);
    if (e)
      slg_text_wrap(out, e, 6, width);
    slg_buf_dispose(&head);
    slg_buf_dispose(&tail);
    slg_buf_dispose(&tpl);
  }
  if (total > shown) {
    slg_buf_puts(out, "  ... ");
    slg_buf_puts(out, slg_fmt_count(total - shown, num));
    slg_buf_puts(out, " more templates (JSON: messages)\n");
  }
  free(rows);
  slg_buf_putc(out, '\n');
}
