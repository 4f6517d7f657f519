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

static void text_one(const slg_component *c, slg_buf *out)
{
  slg_buf_printf(out, "%s  (%s.%s)\n", c->name, c->package, c->name);
  slg_buf_printf(out, "subsystem: %s\nrole: %s\n\n",
                 slg_subsystem_title(c->subsystem), c->role);
  slg_text_wrap(out, c->explain, 0);
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

void slg_render_explain(const slg_component *c, slg_format format,
                        slg_buf *out)
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
  if (c) {
    text_one(c, out);
    return;
  }
  for (size_t i = 0; i < slg_knowledge_count(); i++) {
    const slg_component *k = slg_knowledge_at(i);
    slg_buf_printf(out, "%-48s %-15s %s%s\n", k->name, k->subsystem, k->role,
                   k->inferred ? " (inferred)" : "");
  }
}
