/*
 * test_escape.c - the one escaper, per context, on hostile log content:
 * terminal control sequences, CR, bidirectional overrides, workflow
 * commands, XML end tags, Markdown pipes and invalid UTF-8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "escape.h"

#define FFFD "\xEF\xBF\xBD"

static void check(const char *in, size_t n, slg_esc ctx, const char *want)
{
  slg_buf b = SLG_BUF_INIT;
  slg_escape(&b, in, n, ctx);
  if (b.len != strlen(want) || memcmp(b.ptr, want, b.len) != 0)
    fail_msg("context %d: got \"%.*s\", want \"%s\"", (int)ctx, (int)b.len,
             b.ptr ? b.ptr : "", want);
  slg_buf_dispose(&b);
}

#define CHECK(in, ctx, want) check(in, sizeof(in) - 1, ctx, want)

/* What every human context does first. */
static void test_escape__repair_in_every_human_context(void **state)
{
  (void)state;
  static const slg_esc human[] = {SLG_ESC_TEXT, SLG_ESC_MARKDOWN,
                                  SLG_ESC_XML, SLG_ESC_GITHUB,
                                  SLG_ESC_GITHUB_PROPERTY,
                                  SLG_ESC_MERMAID};
  for (size_t i = 0; i < sizeof human / sizeof *human; i++) {
    /* ESC [ 2 J clears a terminal: ESC goes, the rest is inert text. */
    CHECK("a\x1b[2Jb", human[i],
          human[i] == SLG_ESC_MARKDOWN ? "a" FFFD "\\[2Jb" : "a" FFFD "[2Jb");
    /* CR would overwrite the line on a terminal; LF would start a new
     * record, table row or workflow command. */
    CHECK("ok\rFAKE", human[i], "ok" FFFD "FAKE");
    CHECK("one\ntwo", human[i], "one" FFFD "two");
    CHECK("nul\0x", human[i], "nul" FFFD "x");
    CHECK("del\x7f", human[i], "del" FFFD);
    /* Invalid UTF-8: one U+FFFD per maximal ill-formed subpart. */
    CHECK("\xff\xc3(\xe2\x82", human[i], FFFD FFFD "(" FFFD);
    CHECK("caf\xc3\xa9", human[i], "caf\xc3\xa9");
    /* U+202E RIGHT-TO-LEFT OVERRIDE and U+2066 would reorder what a
     * reader sees; U+009B is a one-byte CSI on some terminals. */
    CHECK("evil\xe2\x80\xaetxt.exe", human[i], "evil" FFFD "txt.exe");
    CHECK("\xe2\x81\xa6x\xe2\x81\xa9", human[i], FFFD "x" FFFD);
    CHECK("a\xc2\x9b" "2J", human[i], "a" FFFD "2J");
    /* U+2028/U+2029 break lines in some viewers; U+FFFE/U+FFFF are not
     * allowed in XML. */
    CHECK("a\xe2\x80\xa8" "b\xe2\x80\xa9", human[i], "a" FFFD "b" FFFD);
    CHECK("x\xef\xbf\xbe\xef\xbf\xbfy", human[i], "x" FFFD FFFD "y");
    /* Their neighbours are ordinary text, and so are CJK and accents. */
    CHECK("\xe2\x80\xa7\xe2\x80\x94\xc2\xa0\xef\xbf\xbd\xef\xbf\xbc",
          human[i],
          "\xe2\x80\xa7\xe2\x80\x94\xc2\xa0\xef\xbf\xbd\xef\xbf\xbc");
    CHECK("\xe6\x97\xa5\xe5\xbf\x97 r\xc3\xa9sum\xc3\xa9", human[i],
          "\xe6\x97\xa5\xe5\xbf\x97 r\xc3\xa9sum\xc3\xa9");
  }
  /* Tab is text, except where XML needs it as a reference, and on a
   * terminal, where its width would be the next tab stop's: a blank. */
  CHECK("a\tb", SLG_ESC_TEXT, "a b");
  CHECK("a\tb", SLG_ESC_MARKDOWN, "a\tb");
  CHECK("a\tb", SLG_ESC_XML, "a&#9;b");
  CHECK("a\tb", SLG_ESC_MERMAID, "a b");
}

static void test_escape__markdown(void **state)
{
  (void)state;
  /* A pipe would end the table cell. */
  CHECK("a|b||c", SLG_ESC_MARKDOWN, "a\\|b\\|\\|c");
  CHECK("x\n| forged | row |", SLG_ESC_MARKDOWN,
        "x" FFFD "\\| forged \\| row \\|");
  /* A backslash of the log cannot undo the escape of the pipe. */
  CHECK("a\\|b", SLG_ESC_MARKDOWN, "a\\\\\\|b");
  /* No raw HTML, link or image from a log reaches the summary. */
  CHECK("<img src=x onerror=alert(1)>", SLG_ESC_MARKDOWN,
        "&lt;img src=x onerror=alert(1)&gt;");
  CHECK("[login](https://evil.example/)", SLG_ESC_MARKDOWN,
        "\\[login\\](https://evil.example/)");
  CHECK("![x](y) `code` *em* __main__ &amp;", SLG_ESC_MARKDOWN,
        "!\\[x\\](y) \\`code\\` \\*em\\* \\_\\_main\\_\\_ &amp;amp;");
}

static void test_escape__xml(void **state)
{
  (void)state;
  CHECK("</failure><failure message=\"x\">", SLG_ESC_XML,
        "&lt;/failure&gt;&lt;failure message=&quot;x&quot;&gt;");
  CHECK("a & b", SLG_ESC_XML, "a &amp; b");
  CHECK("]]>", SLG_ESC_XML, "]]&gt;");
}

static void test_escape__github(void **state)
{
  (void)state;
  /* A message cannot start a command: no line break survives, and '%'
   * cannot spell one ("%0A" is data, not a newline). */
  CHECK("x\n::error::forged", SLG_ESC_GITHUB, "x" FFFD "::error::forged");
  CHECK("100%0A::error::x", SLG_ESC_GITHUB, "100%250A::error::x");
  CHECK("a:b,c", SLG_ESC_GITHUB, "a:b,c");
  /* A property also ends at ':' or ','. */
  CHECK("t::error::x,file=y", SLG_ESC_GITHUB_PROPERTY,
        "t%3A%3Aerror%3A%3Ax%2Cfile=y");
  CHECK("50%", SLG_ESC_GITHUB_PROPERTY, "50%25");
}

static void test_escape__mermaid(void **state)
{
  (void)state;
  /* ':' would end a gantt task's label and start its dates, '#' a
   * comment, ';' the statement; '%%{init: ...}%%' is a directive
   * wherever it is; the forged line below stays one label. */
  CHECK("count at <console>:24", SLG_ESC_MERMAID,
        "count at <console>\xEF\xBC\x9A" "24");
  CHECK("x :crit, 2020-01-01, 1d", SLG_ESC_MERMAID,
        "x \xEF\xBC\x9A" "crit, 2020-01-01, 1d");
  CHECK("a#b;c", SLG_ESC_MERMAID, "a\xEF\xBC\x83" "b\xEF\xBC\x9B" "c");
  CHECK("%%{init: {}}%%", SLG_ESC_MERMAID,
        "\xEF\xBC\x85\xEF\xBC\x85{init\xEF\xBC\x9A {}}"
        "\xEF\xBC\x85\xEF\xBC\x85");
  CHECK("say \"hi\"", SLG_ESC_MERMAID,
        "say \xEF\xBC\x82" "hi\xEF\xBC\x82");
  CHECK("x\nsection evil", SLG_ESC_MERMAID, "x" FFFD "section evil");
  /* Markdown's metacharacters are inert in a fenced block. */
  CHECK("a|b*c_d`e", SLG_ESC_MERMAID, "a|b*c_d`e");
}

static void test_escape__json(void **state)
{
  (void)state;
  /* JSON keeps every character, escaped its own way. */
  CHECK("a\x1b\"\\\n", SLG_ESC_JSON, "a\\u001b\\\"\\\\\\n");
  CHECK("\xff", SLG_ESC_JSON, FFFD);
}

static void test_escape__str(void **state)
{
  (void)state;
  slg_buf b = SLG_BUF_INIT;
  slg_escape_str(&b, NULL, SLG_ESC_TEXT);
  assert_int_equal(b.len, 0);
  slg_escape_str(&b, "a|b", SLG_ESC_MARKDOWN);
  assert_int_equal(b.len, 4);
  assert_memory_equal(b.ptr, "a\\|b", 4);
  slg_buf_dispose(&b);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_escape__repair_in_every_human_context),
      cmocka_unit_test(test_escape__markdown),
      cmocka_unit_test(test_escape__xml),
      cmocka_unit_test(test_escape__github),
      cmocka_unit_test(test_escape__mermaid),
      cmocka_unit_test(test_escape__json),
      cmocka_unit_test(test_escape__str),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
