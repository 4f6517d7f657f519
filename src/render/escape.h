/*
 * escape.h - the one escaper: log content made harmless for the place it
 * is written to.
 *
 * Logs are arbitrary bytes, and what sparklog quotes from them (stage and
 * application names, failure reasons, file names) ends up on terminals,
 * in Markdown summaries, JUnit XML and GitHub workflow commands. Every
 * human format and every CLI error message writes such text through
 * slg_escape with its context; no renderer escapes on its own.
 *
 * Every context first repairs the text: invalid UTF-8 becomes U+FFFD (one
 * per maximal ill-formed subpart) and so do the C0 controls but tab, DEL
 * included (slg_buf_put_utf8), so that ESC never reaches a terminal and
 * CR/LF never start a line; the C1 controls, U+2028 and U+2029, the
 * bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069) and the noncharacters U+FFFE and U+FFFF become U+FFFD
 * as well, so that displayed text is the text (and XML stays well
 * formed). Other valid UTF-8 passes. Then:
 *   SLG_ESC_TEXT      a tab becomes a blank (terminal text, error messages);
 *   SLG_ESC_MARKDOWN  '|', '\\', '[', ']', '`', '*', '_' backslashed, '<',
 *                     '>', '&' as entities: no cell ends, no raw HTML,
 *                     link, image or emphasis comes from a log (table
 *                     cells, paragraphs and list items);
 *   SLG_ESC_XML       < > & " as entities, tab as "&#9;" (attributes
 *                     and element text);
 *   SLG_ESC_GITHUB    a workflow command's message: '%' as "%25" (CR and
 *                     LF, as "%0D"/"%0A", cannot remain after the repair);
 *   SLG_ESC_GITHUB_PROPERTY  a command's property (title=...): also ':'
 *                     and ',' as "%3A" and "%2C";
 *   SLG_ESC_MERMAID   a Mermaid gantt's task or section label: ':'
 *                     (ends the label), '#' and ';' (a comment, the end
 *                     of a statement), '%' (a "%%{init}%%" directive
 *                     found anywhere in the text) and '"' as their
 *                     full-width forms (U+FF1A, U+FF03, U+FF1B, U+FF05,
 *                     U+FF02), tab as a space: Mermaid's own entities
 *                     ("#58;") would need the very '#' and ';' a gantt
 *                     line cannot hold. The caller starts each label
 *                     with text of its own (a keyword such as "click"
 *                     or "section" is only read at a label's start);
 *   SLG_ESC_JSON      a JSON string body: slg_json_escape (util/buf.c),
 *                     which the JSON writer calls itself; here for
 *                     completeness, with its own rules (controls as
 *                     \uXXXX, not replaced).
 */
#ifndef SLG_ESCAPE_H
#define SLG_ESCAPE_H

#include <stddef.h>

#include "buf.h"

typedef enum slg_esc {
  SLG_ESC_TEXT,
  SLG_ESC_MARKDOWN,
  SLG_ESC_XML,
  SLG_ESC_GITHUB,
  SLG_ESC_GITHUB_PROPERTY,
  SLG_ESC_MERMAID,
  SLG_ESC_JSON
} slg_esc;

/* Appends the n bytes at s to out, escaped for ctx. */
void slg_escape(slg_buf *out, const char *s, size_t n, slg_esc ctx);

/* slg_escape of a NUL-terminated string; NULL appends nothing. */
void slg_escape_str(slg_buf *out, const char *s, slg_esc ctx);

#endif /* SLG_ESCAPE_H */
