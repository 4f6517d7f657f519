/*
 * fuzz_json.c - the JSON validity check the fuzz targets share.
 *
 * Not a full JSON parser: it checks what our writer could get wrong on
 * hostile input (invalid UTF-8 passed through, control bytes unescaped,
 * a container left open), which is what a consumer would choke on.
 */
#include "fuzz.h"

/* Length of the valid UTF-8 sequence at s (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
  unsigned c = s[0];
  if (c < 0x80)
    return 1;
  size_t need;
  unsigned lo = 0x80, hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf)
    need = 2;
  else if (c >= 0xe0 && c <= 0xef) {
    need = 3;
    if (c == 0xe0)
      lo = 0xa0;
    if (c == 0xed)
      hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 4;
    if (c == 0xf0)
      lo = 0x90;
    if (c == 0xf4)
      hi = 0x8f;
  } else
    return 0;
  if (n < need)
    return 0;
  if (s[1] < lo || s[1] > hi)
    return 0;
  for (size_t i = 2; i < need; i++)
    if (s[i] < 0x80 || s[i] > 0xbf)
      return 0;
  return need;
}

const char *fuzz_json_problem(const char *str, size_t n)
{
  const unsigned char *s = (const unsigned char *)str;
  char stack[256];
  size_t depth = 0, i = 0;
  int in_string = 0, seen_value = 0;
  while (i < n) {
    size_t l = utf8_len(s + i, n - i);
    if (!l)
      return "invalid UTF-8";
    unsigned c = s[i];
    if (in_string) {
      if (c < 0x20)
        return "raw control byte in a string";
      if (c == '\\') {
        if (i + 1 >= n)
          return "dangling escape";
        i += 2;
        continue;
      }
      if (c == '"')
        in_string = 0;
      i += l;
      continue;
    }
    if (depth == 0 && seen_value) {
      if (c != '\n' || i + 1 != n)
        return "bytes after the top-level value";
    }
    if (c == '"')
      in_string = 1;
    else if (c == '{' || c == '[') {
      if (depth == sizeof stack)
        return "nesting too deep";
      stack[depth++] = (char)c;
    } else if (c == '}' || c == ']') {
      if (!depth || stack[depth - 1] != (c == '}' ? '{' : '['))
        return "unbalanced bracket";
      if (--depth == 0)
        seen_value = 1;
    }
    i += l;
  }
  if (in_string)
    return "unterminated string";
  if (depth)
    return "unclosed container";
  if (!seen_value)
    return "no top-level object";
  return NULL;
}
