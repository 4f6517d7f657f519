/*
 * render_explain.c - `sparklog explain`: the component knowledge base as
 * text (a table of every component, or one component's description) and
 * as JSON (schema sparklog-explain/1, docs/json-schema.md).
 */
#include <string.h>

#include "escape.h"
#include "format.h"
#include "knowledge.h"
#include "render.h"

static void text_one(const slg_component *c, slg_buf *out, size_t width)
{
  slg_buf_printf(out, "%s  (%s.%s)\n", c->name, c->package, c->name);
  slg_buf_printf(out, "subsystem: %s\nrole: %s\n\n",
                 slg_subsystem_title(c->subsystem), c->role);
  slg_text_wrap(out, c->explain, 0, width);
  if (c->inferred)
    slg_buf_puts(out, "\n(Vendor component: its source is not public; "
                      "this description is inferred from its log lines.)\n");
}

static void json_one(slg_json *j, const slg_component *c)
{
  slg_json_object_begin(j);
  slg_json_key(j, "name");
  slg_json_str(j, c->name);
  slg_json_key(j, "package");
  slg_json_str(j, c->package);
  slg_json_key(j, "subsystem");
  slg_json_str(j, c->subsystem);
  slg_json_key(j, "subsystem_title");
  slg_json_str(j, slg_subsystem_title(c->subsystem));
  slg_json_key(j, "role");
  slg_json_str(j, c->role);
  slg_json_key(j, "explain");
  slg_json_str(j, c->explain);
  slg_json_key(j, "inferred");
  slg_json_bool(j, c->inferred);
  slg_json_object_end(j);
}

static const slg_col explain_cols[] = {
    {"COMPONENT", SLG_COL_SHRINK, 0, 24},
    {"SUBSYSTEM", 0, 1, 0},
    {"ROLE", SLG_COL_SHRINK, 0, 20},
};

void slg_render_explain(const slg_component *c, slg_format format,
                        size_t width, slg_buf *out)
{
  if (format == SLG_FORMAT_JSON) {
    slg_json j;
    slg_json_init(&j, out, 1);
    slg_json_object_begin(&j);
    slg_json_key(&j, "schema");
    slg_json_str(&j, "sparklog-explain/1");
    slg_json_key(&j, "components");
    slg_json_array_begin(&j);
    if (c)
      json_one(&j, c);
    else
      for (size_t i = 0; i < slg_knowledge_count(); i++)
        json_one(&j, slg_knowledge_at(i));
    slg_json_array_end(&j);
    slg_json_object_end(&j);
    slg_buf_putc(out, '\n');
    return;
  }
  size_t from = out->len;
  if (c) {
    text_one(c, out, width);
    slg_text_fit(out, from, width);
    return;
  }
  slg_table t;
  slg_table_init(&t, explain_cols, sizeof explain_cols / sizeof *explain_cols,
                 0, width, 0);
  slg_buf role = SLG_BUF_INIT;
  for (int pass = 0; pass < 2; pass++) {
    if (pass) {
      slg_table_layout(&t);
      slg_table_header(&t, out);
    }
    for (size_t i = 0; i < slg_knowledge_count(); i++) {
      const slg_component *k = slg_knowledge_at(i);
      slg_buf_clear(&role);
      slg_buf_puts(&role, k->role);
      if (k->inferred)
        slg_buf_puts(&role, " (inferred)");
      slg_table_cell_str(&t, k->name, NULL);
      slg_table_cell_str(&t, k->subsystem, NULL);
      slg_table_cell_str(&t, slg_buf_cstr(&role), NULL);
      slg_table_row(&t, pass ? out : NULL);
    }
  }
  slg_buf_dispose(&role);
  slg_table_dispose(&t);
}
