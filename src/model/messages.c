/*
 * messages.c - message templates (messages.h): the masker and the per
 * application table.
 *
 * The rules are regular expressions applied one after the other, each to
 * the text the previous ones left (tests/keys/time/README.md). The
 * reference runs them as such with PCRE2. The fast masker runs the same
 * passes hand-written, each a scan that reads its input and writes its
 * output (a pass sees, like re.sub, the text as it was before the pass:
 * its word boundaries and look-behinds read the input); a pass whose
 * trigger (a "://", a digit, a '/', ...) the message lacks is skipped,
 * and a pass that finds nothing copies nothing. Character classes are
 * ASCII (PCRE2's default): \w [A-Za-z0-9_], \s [ \t\n\v\f\r], \d [0-9].
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "fastpath.h"
#include "messages.h"

#define NRULES 12
#define BUF_CAP (3 * SLG_MASK_MAX_IN + 64)

struct slg_masker {
  int reference;
  char *buf[2];
  char *out; /* the one-pass masker's template */
  size_t cap;
  pcre2_code *re[NRULES];
  pcre2_match_data *md;
  uint16_t starts[256]; /* bit r: a match of rule r can start here */
};

/* The rules of the README, in order (the reference). */
static const char *const rule_re[NRULES] = {
    "\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s,;)\\]'\"]*",
    "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
    "[0-9a-fA-F]{12}\\b",
    "\\b(?:application|container|appattempt|attempt|job|task)_"
    "[0-9A-Za-z_]+",
    "\\b(?:app|driver)-\\d{14}-\\d{4}\\b",
    "\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?\\b",
    "(?<![\\w:])(?:[0-9a-fA-F]{0,4}:){5,7}[0-9a-fA-F]{0,4}(?::\\d+)?"
    "(?![\\w:])",
    "(?:(?<=[\\s=(\\[\"'])|^)(?:[A-Za-z]:)?/(?!<)[^\\s,;:)\\]'\"]+",
    "\\b[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*\\.(?:internal|local|"
    "localdomain|lan|com|net|org|io|cloud)(?::\\d+)?(?![\\w.-])",
    "@[0-9a-f]{4,}\\b",
    "\\b(?=[0-9a-f]*[a-f])[0-9a-f]{12,}\\b",
    "\\b(?=[0-9a-f]*\\d)(?=[0-9a-f]*[a-f])[0-9a-f]{4,}\\b",
    "\\d+(?:\\.\\d+)?",
};
static const char *const rule_rep[NRULES] = {
    "<uri>", "<uuid>", "<id>", "<id>", "<ip>", "<ip>", "<path>", "<host>",
    "@<hex>", "<hex>", "<hex>", "<n>"};

static const unsigned char rule_rep_len[NRULES] = {5, 6, 4, 4, 4, 4,
                                                   6, 6, 6, 5, 5, 3};

static int may_start(int rule, int c);

slg_masker *slg_masker_new(int reference)
{
  slg_masker *mk = slg_xcalloc(1, sizeof *mk);
  mk->reference = reference != 0;
  mk->cap = BUF_CAP;
  mk->buf[0] = slg_xmalloc(mk->cap);
  mk->buf[1] = slg_xmalloc(mk->cap);
  mk->out = slg_xmalloc(mk->cap);
  for (int c = 0; c < 256; c++)
    for (int r = 0; r < NRULES; r++)
      if (may_start(r, c))
        mk->starts[c] |= (uint16_t)(1u << r);
  return mk;
}

void slg_masker_free(slg_masker *mk)
{
  if (!mk)
    return;
  for (int i = 0; i < NRULES; i++)
    pcre2_code_free(mk->re[i]);
  pcre2_match_data_free(mk->md);
  free(mk->buf[0]);
  free(mk->buf[1]);
  free(mk->out);
  free(mk);
}

/* ------------------------------------------------------------ classes */

static int is_space(int c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static int is_word(int c) { return is_alpha(c) || is_digit(c) || c == '_'; }
static int is_xdigit(int c)
{
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static int is_lhex(int c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }
static int is_label(int c) { return is_alpha(c) || is_digit(c) || c == '-'; }

/* The end of the string counts as a non-word character. */
static int at(const char *s, size_t n, size_t i)
{
  return i < n ? (unsigned char)s[i] : -1;
}
static int boundary(const char *s, size_t n, size_t i)
{
  int before = i > 0 && is_word((unsigned char)s[i - 1]);
  int after = i < n && is_word((unsigned char)s[i]);
  return before != after;
}

/* --------------------------------------------------------- the passes */

/*
 * Each matcher returns the length of the rule's match at i (0: none) of
 * the pass input s[0, n). The driver copies the text between matches.
 */
typedef size_t (*matcher)(const char *s, size_t n, size_t i);

static int uri_stop(int c)
{
  return c < 0 || is_space(c) || c == ',' || c == ';' || c == ')' ||
         c == ']' || c == '\'' || c == '"';
}

static size_t m_uri(const char *s, size_t n, size_t i)
{
  if (!is_alpha(at(s, n, i)) || !boundary(s, n, i))
    return 0;
  size_t j = i + 1;
  for (int c; (c = at(s, n, j)) >= 0 && (is_alpha(c) || is_digit(c) ||
                                         c == '+' || c == '.' || c == '-');)
    j++;
  if (j + 3 > n || memcmp(s + j, "://", 3) != 0)
    return 0;
  j += 3;
  while (!uri_stop(at(s, n, j)))
    j++;
  return j - i;
}

static size_t m_uuid(const char *s, size_t n, size_t i)
{
  static const int groups[5] = {8, 4, 4, 4, 12};
  if (!boundary(s, n, i))
    return 0;
  size_t j = i;
  for (int g = 0; g < 5; g++) {
    if (g > 0 && at(s, n, j++) != '-')
      return 0;
    for (int k = 0; k < groups[g]; k++)
      if (!is_xdigit(at(s, n, j++)))
        return 0;
  }
  return boundary(s, n, j) ? j - i : 0;
}

static size_t m_hadoop_id(const char *s, size_t n, size_t i)
{
  static const char *const pre[] = {"application_", "container_",
                                    "appattempt_", "attempt_", "job_",
                                    "task_"};
  if (!boundary(s, n, i))
    return 0;
  for (size_t p = 0; p < sizeof pre / sizeof *pre; p++) {
    size_t k = strlen(pre[p]);
    if (i + k < n && memcmp(s + i, pre[p], k) == 0 &&
        is_word((unsigned char)s[i + k])) {
      size_t j = i + k;
      while (is_word(at(s, n, j)))
        j++;
      return j - i;
    }
  }
  return 0;
}

static size_t digits(const char *s, size_t n, size_t j)
{
  size_t k = 0;
  while (is_digit(at(s, n, j + k)))
    k++;
  return k;
}

static size_t m_standalone_id(const char *s, size_t n, size_t i)
{
  if (!boundary(s, n, i))
    return 0;
  size_t j;
  if (i + 4 <= n && memcmp(s + i, "app-", 4) == 0)
    j = i + 4;
  else if (i + 7 <= n && memcmp(s + i, "driver-", 7) == 0)
    j = i + 7;
  else
    return 0;
  /* \d{14} then '-': exactly 14 digits, the next must be '-'. */
  for (int k = 0; k < 14; k++)
    if (!is_digit(at(s, n, j++)))
      return 0;
  if (at(s, n, j++) != '-')
    return 0;
  for (int k = 0; k < 4; k++)
    if (!is_digit(at(s, n, j++)))
      return 0;
  return boundary(s, n, j) ? j - i : 0;
}

static size_t m_ipv4(const char *s, size_t n, size_t i)
{
  if (!is_digit(at(s, n, i)) || !boundary(s, n, i))
    return 0;
  size_t j = i;
  for (int g = 0; g < 4; g++) {
    if (g > 0 && at(s, n, j++) != '.')
      return 0;
    size_t d = digits(s, n, j);
    /* \d{1,3}: a longer run leaves a digit where '.' or \b must be. */
    if (d < 1 || d > 3)
      return 0;
    j += d;
  }
  if (at(s, n, j) == ':') {
    size_t d = digits(s, n, j + 1);
    if (d > 0 && !is_word(at(s, n, j + 1 + d)))
      return j + 1 + d - i;
  }
  return boundary(s, n, j) ? j - i : 0;
}

static size_t m_ipv6(const char *s, size_t n, size_t i)
{
  int c0 = i > 0 ? (unsigned char)s[i - 1] : -1;
  if (c0 >= 0 && (is_word(c0) || c0 == ':'))
    return 0;
  /* (?:[0-9a-fA-F]{0,4}:){5,7}: where each group ends (after its ':'). */
  size_t ends[8];
  int k = 0;
  size_t j = i;
  while (k < 7) {
    size_t h = 0;
    while (h < 5 && is_xdigit(at(s, n, j + h)))
      h++;
    if (h > 4 || at(s, n, j + h) != ':')
      break;
    j += h + 1;
    ends[++k] = j;
  }
  /* Backtracking in the regex's order: fewer groups last, then a shorter
   * tail, then the port before none. */
  for (; k >= 5; k--) {
    size_t t0 = ends[k];
    size_t tmax = 0;
    while (tmax < 4 && is_xdigit(at(s, n, t0 + tmax)))
      tmax++;
    for (size_t t = tmax + 1; t-- > 0;) {
      size_t e = t0 + t;
      if (at(s, n, e) == ':') {
        size_t d = digits(s, n, e + 1);
        for (; d > 0; d--) {
          int c = at(s, n, e + 1 + d);
          if (!(c >= 0 && (is_word(c) || c == ':')))
            return e + 1 + d - i;
        }
      }
      int c = at(s, n, e);
      if (!(c >= 0 && (is_word(c) || c == ':')))
        return e - i;
    }
  }
  return 0;
}

static int path_stop(int c)
{
  return c < 0 || is_space(c) || c == ',' || c == ';' || c == ':' ||
         c == ')' || c == ']' || c == '\'' || c == '"';
}

static size_t m_path(const char *s, size_t n, size_t i)
{
  if (i > 0) {
    int b = (unsigned char)s[i - 1];
    if (!(is_space(b) || b == '=' || b == '(' || b == '[' || b == '"' ||
          b == '\''))
      return 0;
  }
  size_t j = i;
  /* (?:[A-Za-z]:)?/ : with the drive first, then without. */
  for (int drive = 1; drive >= 0; drive--) {
    j = i;
    if (drive) {
      if (!(is_alpha(at(s, n, j)) && at(s, n, j + 1) == ':'))
        continue;
      j += 2;
    }
    if (at(s, n, j) != '/' || at(s, n, j + 1) == '<' ||
        path_stop(at(s, n, j + 1)))
      continue;
    j += 2;
    while (!path_stop(at(s, n, j)))
      j++;
    return j - i;
  }
  return 0;
}

static int tld(const char *s, size_t len)
{
  static const char *const tlds[] = {"internal", "local", "localdomain",
                                     "lan",      "com",   "net",
                                     "org",      "io",    "cloud"};
  for (size_t t = 0; t < sizeof tlds / sizeof *tlds; t++)
    if (strlen(tlds[t]) == len && memcmp(s, tlds[t], len) == 0)
      return 1;
  return 0;
}

static size_t m_host(const char *s, size_t n, size_t i)
{
  if (!is_label(at(s, n, i)) || !boundary(s, n, i))
    return 0;
  /* The maximal dotted run of labels from i: the top-level domain must be
   * its last label (the look-ahead refuses a '.' or a label character
   * after it). */
  size_t j = i, last = i;
  int labels = 0;
  for (;;) {
    size_t b = j;
    while (is_label(at(s, n, j)))
      j++;
    if (j == b)
      break;
    labels++;
    last = b;
    if (at(s, n, j) == '.' && is_label(at(s, n, j + 1)))
      j++;
    else
      break;
  }
  if (labels < 2 || !tld(s + last, j - last))
    return 0;
  if (at(s, n, j) == ':') {
    size_t d = digits(s, n, j + 1);
    for (; d > 0; d--) {
      int c = at(s, n, j + 1 + d);
      if (!(c >= 0 && (is_word(c) || c == '.' || c == '-')))
        return j + 1 + d - i;
    }
  }
  int c = at(s, n, j);
  if (c >= 0 && (is_word(c) || c == '.' || c == '-'))
    return 0;
  return j - i;
}

static size_t m_at_hex(const char *s, size_t n, size_t i)
{
  if (s[i] != '@')
    return 0;
  size_t j = i + 1;
  while (is_lhex(at(s, n, j)))
    j++;
  if (j - i - 1 < 4 || is_word(at(s, n, j)))
    return 0;
  return j - i;
}

/* A whole token of lower-case hex from i: its length, 0 when none;
 * *digit and *letter say what it holds. */
static size_t hex_token(const char *s, size_t n, size_t i, int *digit,
                        int *letter)
{
  if (!boundary(s, n, i))
    return 0;
  size_t j = i;
  *digit = *letter = 0;
  for (int c; is_lhex(c = at(s, n, j)); j++) {
    if (is_digit(c))
      *digit = 1;
    else
      *letter = 1;
  }
  if (j == i || is_word(at(s, n, j)))
    return 0;
  return j - i;
}

static size_t m_hex_long(const char *s, size_t n, size_t i)
{
  int d, l;
  size_t k = hex_token(s, n, i, &d, &l);
  return k >= 12 && l ? k : 0;
}

static size_t m_hex_short(const char *s, size_t n, size_t i)
{
  int d, l;
  size_t k = hex_token(s, n, i, &d, &l);
  return k >= 4 && d && l ? k : 0;
}

static size_t m_number(const char *s, size_t n, size_t i)
{
  size_t k = digits(s, n, i);
  if (k && at(s, n, i + k) == '.') {
    size_t f = digits(s, n, i + k + 1);
    if (f)
      k += 1 + f;
  }
  return k;
}

static const matcher matchers[NRULES] = {
    m_uri,  m_uuid, m_hadoop_id, m_standalone_id, m_ipv4,   m_ipv6,
    m_path, m_host, m_at_hex,    m_hex_long,      m_hex_short, m_number};

/* First characters a match can start with, per rule (0: any). */
static int may_start(int rule, int c)
{
  switch (rule) {
  case 0:
    return is_alpha(c);
  case 1:
  case 9:
  case 10:
    return is_xdigit(c);
  case 2:
    return c == 'a' || c == 'c' || c == 'j' || c == 't';
  case 3:
    return c == 'a' || c == 'd';
  case 4:
  case 11:
    return is_digit(c);
  case 5:
    return is_xdigit(c) || c == ':';
  case 6:
    return c == '/' || is_alpha(c);
  case 7:
    return is_label(c);
  case 8:
    return c == '@';
  }
  return 1;
}

/* One pass: s[0, n) to out (capacity cap); returns the new length, or
 * SIZE_MAX when nothing matched (the input stands). */
static size_t run_pass(const slg_masker *mk, int rule, const char *s,
                       size_t n, char *out, size_t cap)
{
  matcher m = matchers[rule];
  const uint16_t bit = (uint16_t)(1u << rule);
  const char *rep = rule_rep[rule];
  size_t rl = rule_rep_len[rule];
  size_t o = 0, copied = 0;
  int any = 0;
  for (size_t i = 0; i < n;) {
    size_t k = (mk->starts[(unsigned char)s[i]] & bit) ? m(s, n, i) : 0;
    if (!k) {
      /* But for rule 11 (numbers), every rule's match starts where no word
       * character comes before it (\b, or a look-behind refusing one):
       * none starts inside a word. */
      if (rule != NRULES - 1 && is_word((unsigned char)s[i]))
        while (++i < n && is_word((unsigned char)s[i]))
          ;
      else
        i++;
      continue;
    }
    size_t lit = i - copied;
    if (o + lit + rl > cap)
      break;
    memcpy(out + o, s + copied, lit);
    o += lit;
    memcpy(out + o, rep, rl);
    o += rl;
    i += k;
    copied = i;
    any = 1;
  }
  if (!any)
    return SIZE_MAX;
  size_t lit = n - copied;
  if (o + lit > cap)
    lit = cap - o;
  memcpy(out + o, s + copied, lit);
  return o + lit;
}

/* What a message holds, to skip the passes it cannot feed. */
enum {
  H_DIGIT = 1,
  H_SLASH = 2,
  H_DOT = 4,
  H_UNDER = 8,    /* a Hadoop id's prefix before a '_' */
  H_AT = 16,
  H_HEXL = 32,
  H_DASH4 = 64,   /* eight hex digits before a '-' */
  H_COLON5 = 128,
  H_DASH = 256,   /* "app-" or "driver-" */
  H_SCHEME = 512,
  H_TLD = 1024,   /* a '.' followed by a top-level domain's first letter */
  H_IP4 = 2048,   /* three "digit.digit" */
  H_HEXTOK = 4096 /* a run of lower-case hex a hex rule could take */
};

/* Whether s[0, i) ends with the word w. */
static int ends_with(const char *s, size_t i, const char *w)
{
  size_t k = strlen(w);
  return i >= k && memcmp(s + i - k, w, k) == 0;
}

static unsigned holds(const char *s, size_t n)
{
  unsigned h = 0;
  size_t colons = 0, dotted = 0;
  size_t run = 0;
  int run_digit = 0, run_letter = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (is_lhex(c)) {
      run++;
      if (c <= '9') {
        run_digit = 1;
        h |= H_DIGIT;
      } else {
        run_letter = 1;
        h |= H_HEXL;
      }
      continue;
    }
    if (run) {
      if (run_letter && ((run >= 4 && run_digit) || run >= 12))
        h |= H_HEXTOK;
      run = 0;
      run_digit = run_letter = 0;
    }
    if (c >= 'g' || c <= ' ')
      continue; /* letters g-z, white space: no trigger */
    switch (c) {
    case '.': {
      h |= H_DOT;
      unsigned char d = i + 1 < n ? (unsigned char)s[i + 1] : 0;
      if (d == 'c' || d == 'i' || d == 'l' || d == 'n' || d == 'o')
        h |= H_TLD;
      if (i > 0 && is_digit((unsigned char)s[i - 1]) && is_digit(d))
        dotted++;
      break;
    }
    case '/':
      h |= H_SLASH;
      break;
    case '_':
      /* application_, container_, (app)attempt_, job_, task_ */
      if (ends_with(s, i, "application") || ends_with(s, i, "container") ||
          ends_with(s, i, "attempt") || ends_with(s, i, "job") ||
          ends_with(s, i, "task"))
        h |= H_UNDER;
      break;
    case '@':
      h |= H_AT;
      break;
    case '-': {
      if (ends_with(s, i, "app") || ends_with(s, i, "driver"))
        h |= H_DASH;
      /* A UUID's first group: eight hex digits before the dash. */
      size_t k = 0;
      while (k < 8 && k < i && is_xdigit((unsigned char)s[i - 1 - k]))
        k++;
      if (k == 8)
        h |= H_DASH4;
      break;
    }
    case ':':
      colons++;
      if (i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/')
        h |= H_SCHEME;
      break;
    default:
      if (c >= 'A' && c <= 'F')
        h |= H_HEXL; /* upper-case hex: only UUIDs and IPv6 take it */
      break;
    }
  }
  if (run_letter && ((run >= 4 && run_digit) || run >= 12))
    h |= H_HEXTOK;
  if (dotted >= 3)
    h |= H_IP4;
  if (colons >= 5)
    h |= H_COLON5;
  return h;
}

/* Whether pass `rule` can match a message holding `h`. Earlier passes
 * only add '<', '>', '@' and letters, none of which a later trigger
 * counts, and remove characters: a trigger missing before is missing
 * after. */
static int wanted(int rule, unsigned h)
{
  static const unsigned need[NRULES] = {
      H_SCHEME, H_DASH4, H_UNDER,  H_DASH | H_DIGIT, H_IP4,
      H_COLON5, H_SLASH, H_TLD,    H_AT,             H_HEXTOK,
      H_HEXTOK | H_DIGIT, H_DIGIT};
  return (h & need[rule]) == need[rule];
}

/* Trims, collapses white space runs and cuts at SLG_TEMPLATE_MAX code
 * points, in place. */
static size_t finish(char *s, size_t n)
{
  if (n <= SLG_TEMPLATE_MAX) {
    /* Fewer bytes than the cut's code points: only the white space. */
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
      char c = s[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
          c == '\f') {
        while (i + 1 < n && is_space((unsigned char)s[i + 1]))
          i++;
        if (o > 0 && i + 1 < n)
          s[o++] = ' ';
        continue;
      }
      s[o++] = c;
    }
    return o;
  }
  size_t o = 0, cps = 0;
  int space = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (is_space(c)) {
      space = 1;
      continue;
    }
    int lead = (c & 0xC0) != 0x80;
    if (space && o > 0) {
      if (cps == SLG_TEMPLATE_MAX)
        break;
      s[o++] = ' ';
      cps++;
    }
    space = 0;
    if (lead && cps == SLG_TEMPLATE_MAX)
      break;
    s[o++] = (char)c;
    cps += (size_t)lead;
  }
  return o;
}

/* The message trimmed of white space and cut to SLG_MASK_MAX_IN. */
static const char *trimmed(const char *msg, size_t *n)
{
  size_t len = *n;
  while (len && is_space((unsigned char)*msg)) {
    msg++;
    len--;
  }
  while (len && is_space((unsigned char)msg[len - 1]))
    len--;
  if (len > SLG_MASK_MAX_IN)
    len = SLG_MASK_MAX_IN;
  *n = len;
  return msg;
}

/* The passes over s[0, n), without the final clean-up: the text in one
 * of the scratch buffers (or s itself when no pass matched); *len its
 * bytes. */
static const char *run_passes(slg_masker *mk, const char *s, size_t n,
                              size_t *len)
{
  unsigned h = holds(s, n);
  const char *cur = s;
  int which = 0;
  for (int r = 0; r < NRULES; r++) {
    if (!wanted(r, h))
      continue;
    size_t k = run_pass(mk, r, cur, n, mk->buf[which], mk->cap);
    if (k == SIZE_MAX)
      continue;
    cur = mk->buf[which];
    n = k;
    which ^= 1;
  }
  *len = n;
  return cur;
}

const char *slg_mask_passes(slg_masker *mk, const char *msg, size_t n,
                            size_t *len)
{
  msg = trimmed(msg, &n);
  const char *cur = run_passes(mk, msg, n, &n);
  if (cur == msg) {
    memcpy(mk->buf[0], msg, n);
    cur = mk->buf[0];
  }
  *len = finish((char *)cur, n);
  return cur;
}

/* ------------------------------------------------- the one-pass masker */

/*
 * No rule's match holds white space, and every rule's look-around treats
 * white space as it treats the ends of the text (\b, the path's
 * look-behind, the URI's and path's stops, the host's and IPv6's
 * look-aheads). So the template is the tokens between white space runs,
 * each masked alone, joined by one space.
 *
 * Most tokens are words and punctuation that only four rules can touch,
 * all within one \w run: a Hadoop id (rule 2), a hex run (9, 10) and the
 * digit runs (11). The scan below does these inline, a byte at a time
 * through one class table; a token holding a byte that could feed
 * another rule (a '/', an '@', a '.' or ':' before a word character, a
 * '-' after "app", "driver" or eight hex digits) is masked by the passes
 * instead.
 */
enum {
  K_DIGIT = 1,
  K_LHEX = 2,  /* a-f */
  K_UHEX = 4,  /* A-F */
  K_ALPHA = 8, /* the other letters */
  K_UNDER = 16,
  K_WORD = K_DIGIT | K_LHEX | K_UHEX | K_ALPHA | K_UNDER,
  K_SPACE = 32,
  K_HEED = 64 /* '.', ':', '-', '/', '@': a look at its neighbours */
};

/* The class of each byte, a constant (the chunk workers read it at once:
 * no table built on first use). */
#define KD(c)                                                                  \
  ((c) >= '0' && (c) <= '9'   ? K_DIGIT                                        \
   : (c) >= 'a' && (c) <= 'f' ? K_LHEX                                         \
   : (c) >= 'A' && (c) <= 'F' ? K_UHEX                                         \
   : ((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') ? K_ALPHA        \
   : (c) == '_'                                                ? K_UNDER        \
   : (c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r' ||               \
           (c) == '\v' || (c) == '\f'                          ? K_SPACE        \
   : (c) == '.' || (c) == ':' || (c) == '-' || (c) == '/' || (c) == '@'        \
       ? K_HEED                                                                \
       : 0)
#define KD4(c) KD(c), KD((c) + 1), KD((c) + 2), KD((c) + 3)
#define KD16(c) KD4(c), KD4((c) + 4), KD4((c) + 8), KD4((c) + 12)
#define KD64(c) KD16(c), KD16((c) + 16), KD16((c) + 32), KD16((c) + 48)
static const uint8_t kind_table[256] = {KD64(0), KD64(64), KD64(128),
                                        KD64(192)};
#undef KD64
#undef KD16
#undef KD4
#undef KD

static const uint8_t *kinds(void) { return kind_table; }

/* Whether the '-' at i (in a token starting at t) may begin a UUID's
 * second group or follow "app" or "driver" (rules 1 and 3). */
static int dash_feeds(const uint8_t *kd, const char *s, size_t t, size_t i)
{
  size_t a = i;
  while (a > t && (kd[(unsigned char)s[a - 1]] & K_WORD) && i - a < 9)
    a--;
  if (i - a == 8) {
    for (size_t j = a; j < i; j++)
      if (!(kd[(unsigned char)s[j]] & (K_DIGIT | K_LHEX | K_UHEX)))
        return 0;
    return 1;
  }
  return (i - a == 3 && memcmp(s + a, "app", 3) == 0) ||
         (i - a == 6 && memcmp(s + a, "driver", 6) == 0);
}

static int opening(char c)
{
  return c == '(' || c == '[' || c == '"' || c == '\'' || c == '=';
}

static int closing(char c)
{
  return c == ',' || c == ';' || c == ')' || c == ']' || c == '\'' ||
         c == '"' || c == '.';
}

/* Copies the token's closing punctuation s[i, n) after o: the new
 * length, 0 when something else is left. */
static size_t close_token(const char *s, size_t i, size_t n, char *out,
                          size_t o)
{
  for (; i < n; i++) {
    if (!closing(s[i]))
      return 0;
    out[o++] = s[i];
  }
  return o;
}

/* An IPv4 address and its port at s[i, n): the end, 0 when none. */
static size_t ipv4_at(const char *s, size_t i, size_t n)
{
  for (int g = 0; g < 4; g++) {
    if (g > 0 && (i >= n || s[i++] != '.'))
      return 0;
    size_t d = 0;
    while (i < n && is_digit((unsigned char)s[i]))
      i++, d++;
    if (d < 1 || d > 3)
      return 0;
  }
  if (i < n && s[i] == ':') {
    size_t d = 0;
    for (i++; i < n && is_digit((unsigned char)s[i]); i++)
      d++;
    if (!d)
      return 0;
  }
  return i;
}

/*
 * A token that is a URI alone, as in "s3a://bucket/key," : opening
 * punctuation, the URI (rule 0, the first: it sees the token as it is),
 * closing punctuation that stops it and that no later rule takes.
 */
static size_t uri_token(const char *s, size_t n, char *out)
{
  size_t i = 0, o = 0;
  if (n && opening(s[0]))
    out[o++] = s[i++];
  size_t k = m_uri(s, n, i);
  if (!k)
    return 0;
  memcpy(out + o, "<uri>", 5);
  return close_token(s, i + k, n, out, o + 5);
}

/*
 * A token that is a host name and its port, maybe with "/" and an IPv4
 * address (as Java prints an InetSocketAddress), as in
 * "ip-10-0-222-232.ec2.internal" or
 * "(broker-2.kafka.svc.cluster.local/10.1.172.156:9092)". Rules 0 to 6
 * find nothing in the host's part when no '-' there feeds rule 1 or 3
 * and no '.' stands between digits (rule 4); the address after the '/'
 * is rule 4's, and "/" after a host is no path's start.
 */
static size_t host_token(const uint8_t *kd, const char *s, size_t n,
                         char *out)
{
  size_t i = 0, o = 0;
  if (n && opening(s[0]))
    out[o++] = s[i++];
  size_t k = m_host(s, n, i);
  if (!k)
    return 0;
  for (size_t j = i; j < i + k; j++) {
    if (s[j] == '-' && dash_feeds(kd, s, i, j))
      return 0;
    if (s[j] == '.' && j > i && is_digit((unsigned char)s[j - 1]) &&
        is_digit((unsigned char)s[j + 1]))
      return 0;
  }
  memcpy(out + o, "<host>", 6);
  o += 6;
  i += k;
  if (i < n && s[i] == '/') {
    size_t e = ipv4_at(s, i + 1, n);
    if (!e)
      return 0;
    memcpy(out + o, "/<ip>", 5);
    o += 5;
    i = e;
  }
  return close_token(s, i, n, out, o);
}

/*
 * A token that is an absolute path alone, as in "/mnt/tmp/blockmgr-<uuid>"
 * before rule 6: opening punctuation, the path, closing punctuation. With
 * no ':' in the token, rules 0 and 5 find nothing and what rules 1 to 4
 * replace stays inside the path (their matches hold none of its stops),
 * unless one starts right after the '/' and leaves a '<' there, which
 * the path refuses: that case is left to the passes.
 */
static size_t path_token(const char *s, size_t n, char *out)
{
  size_t i = 0, o = 0;
  if (n && opening(s[0]))
    out[o++] = s[i++];
  if (i + 1 >= n || s[i] != '/' || memchr(s, ':', n))
    return 0;
  size_t j = i + 1;
  if (s[j] == '<' || path_stop((unsigned char)s[j]) || m_uuid(s, n, j) ||
      m_hadoop_id(s, n, j) || m_standalone_id(s, n, j) || m_ipv4(s, n, j))
    return 0;
  while (j < n && !path_stop((unsigned char)s[j]))
    j++;
  memcpy(out + o, "<path>", 6);
  return close_token(s, j, n, out, o + 6);
}

/*
 * Whether the dots of the token at t in s[0, n) leave it as it is, as
 * in "spark.master" or "org.apache.spark.Foo": a token without digits,
 * '_', '-', ':', '/' or '@' gives the rules before the host's nothing to
 * take, and the host's rule takes nothing when no word start of the
 * token begins a host.
 */
static int dots_plain(const uint8_t *kd, const char *s, size_t n, size_t t)
{
  for (size_t p = t; p < n && !(kd[(unsigned char)s[p]] & K_SPACE); p++) {
    int c = (unsigned char)s[p];
    uint8_t k = kd[c];
    if ((k & (K_DIGIT | K_UNDER)) || (k == K_HEED && c != '.'))
      return 0;
    if ((k & K_WORD) && (p == t || !(kd[(unsigned char)s[p - 1]] & K_WORD)) &&
        m_host(s, n, p))
      return 0;
  }
  return 1;
}

/*
 * A token that is an IPv4 address alone, as in "10.0.0.1",
 * "/10.0.228.166:58433" or "127.0.1.1;": an opening '/', '(', '[', '"',
 * '\'' or '=', the address and its port, closing punctuation. No rule
 * before the address's takes any of it, and none after finds anything
 * ("/<ip>" is no path). Writes the template to out: its length, 0 when
 * the token is not of that shape.
 */
static size_t ip_token(const char *s, size_t n, char *out)
{
  size_t i = 0, o = 0;
  if (n && (s[0] == '/' || opening(s[0])))
    out[o++] = s[i++];
  size_t e = ipv4_at(s, i, n);
  if (!e)
    return 0;
  memcpy(out + o, "<ip>", 4);
  return close_token(s, e, n, out, o + 4);
}

/* Whether the byte at i (a '.', ':', '-', '/' or '@' of the token
 * starting at t, in s[0, e)) may feed a rule the inline scan does not
 * do. White space after it counts as the token's end. */
static int heeds(const uint8_t *kd, const char *s, size_t t, size_t e,
                 size_t i, int *dots)
{
  int c = (unsigned char)s[i];
  int next = i + 1 < e ? kd[(unsigned char)s[i + 1]] : 0;
  int nc = i + 1 < e ? (unsigned char)s[i + 1] : 0;
  switch (c) {
  case '.': /* a host's label, a dotted or decimal number */
    if (next & (K_LHEX | K_UHEX | K_ALPHA)) {
      if (*dots < 0)
        *dots = dots_plain(kd, s, e, t);
      return !*dots;
    }
    return (next & (K_WORD & ~K_UNDER)) || nc == '-';
  case ':': /* a URI, a port, IPv6 groups, a drive */
    return (next & K_WORD) || nc == ':' || nc == '/';
  case '-':
    return dash_feeds(kd, s, t, i);
  }
  return 1; /* '/', '@' */
}

static int hadoop_prefix(const char *s, size_t len)
{
  static const char *const pre[] = {"application_", "container_",
                                    "appattempt_", "attempt_", "job_",
                                    "task_"};
  for (size_t p = 0; p < sizeof pre / sizeof *pre; p++) {
    size_t k = strlen(pre[p]);
    if (len > k && memcmp(s, pre[p], k) == 0)
      return 1;
  }
  return 0;
}

/* Masks the token at i of msg[0, n) to out + *o: the token's end. */
static size_t mask_token(slg_masker *mk, const uint8_t *kd, const char *msg,
                         size_t n, size_t i, char *out, size_t *op)
{
  size_t o = *op;
  size_t t = i, ot = o;
  int dots = -1; /* dots_plain of the token, once asked */
  for (;;) {
    if (i == n)
      break;
    unsigned char c = (unsigned char)msg[i];
    uint8_t k = kd[c];
    if (k & K_WORD) {
      /* The run is copied as it is read; the rules that take it
       * rewrite it from ow. */
      size_t a = i, ow = o;
      uint8_t acc = 0;
      do {
        acc |= k;
        out[o++] = msg[i++];
      } while (i < n && ((k = kd[(unsigned char)msg[i]]) & K_WORD));
      size_t wl = i - a;
      if (!(acc & (K_DIGIT | K_UNDER)) && (acc != K_LHEX || wl < 12))
        continue; /* letters only: not hex, or too short for it */
      if (!(acc & ~(K_DIGIT | K_LHEX)) && (acc & K_LHEX) &&
          (wl >= 12 || (wl >= 4 && (acc & K_DIGIT)))) {
        memcpy(out + ow, "<hex>", 5);
        o = ow + 5;
      } else if ((acc & K_UNDER) && hadoop_prefix(msg + a, wl)) {
        memcpy(out + ow, "<id>", 4);
        o = ow + 4;
      } else if (acc & K_DIGIT) {
        o = ow;
        for (size_t j = a; j < i;) {
          if (is_digit((unsigned char)msg[j])) {
            while (j < i && is_digit((unsigned char)msg[j]))
              j++;
            memcpy(out + o, "<n>", 3);
            o += 3;
          } else {
            out[o++] = msg[j++];
          }
        }
      }
      continue;
    }
    if (k & K_SPACE)
      break;
    if ((k & K_HEED) && heeds(kd, msg, t, n, i, &dots)) {
      size_t e = i;
      while (e < n && !(kd[(unsigned char)msg[e]] & K_SPACE))
        e++;
      size_t tl = ip_token(msg + t, e - t, out + ot);
      if (!tl)
        tl = uri_token(msg + t, e - t, out + ot);
      if (!tl)
        tl = host_token(kd, msg + t, e - t, out + ot);
      if (!tl)
        tl = path_token(msg + t, e - t, out + ot);
      if (!tl) {
        const char *m = run_passes(mk, msg + t, e - t, &tl);
        memcpy(out + ot, m, tl);
      }
      o = ot + tl;
      i = e;
      break;
    }
    out[o++] = (char)c;
    i++;
  }
  *op = o;
  return i;
}

#if defined(__SSE2__)
/*
 * The bytes the token scan must see, a bit each in mask[i / 16]: digits,
 * '-', '.', '/', ':', '@', '_', white space other than one ' ' between
 * tokens. Between them lie whole tokens of letters and other punctuation,
 * which no rule changes (a hex run without digits needs twelve a-f
 * letters in a row: then 0, and the caller scans all).
 */
static int plain_masks(const char *s, size_t n, uint16_t *mask)
{
  size_t nb = (n + 15) / 16;
  uint16_t ws[SLG_MASK_MAX_IN / 16 + 1], sp[SLG_MASK_MAX_IN / 16 + 1];
  uint32_t hexprev = 0;
  for (size_t b = 0; b < nb; b++) {
    const char *p = s + 16 * b;
    unsigned m, w, sc, h;
    if (n >= 16) {
      /* The last block, when short, is read as the message's last
       * sixteen bytes and shifted into place. */
      unsigned back = 16 * b + 16 <= n ? 0 : (unsigned)(16 * b + 16 - n);
      __m128i v =
          _mm_loadu_si128((const __m128i *)(const void *)(p - back));
      __m128i trig = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x2C)),
                                   _mm_cmplt_epi8(v, _mm_set1_epi8(0x3B)));
      trig = _mm_or_si128(trig, _mm_cmpeq_epi8(v, _mm_set1_epi8('@')));
      trig = _mm_or_si128(trig, _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
      __m128i ctl = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x08)),
                                  _mm_cmplt_epi8(v, _mm_set1_epi8(0x0E)));
      __m128i spc = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
      __m128i hex = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x60)),
                                  _mm_cmplt_epi8(v, _mm_set1_epi8(0x67)));
      m = (unsigned)_mm_movemask_epi8(_mm_or_si128(trig, ctl));
      w = (unsigned)_mm_movemask_epi8(_mm_or_si128(ctl, spc));
      sc = (unsigned)_mm_movemask_epi8(spc);
      h = (unsigned)_mm_movemask_epi8(hex);
      m >>= back;
      w >>= back;
      sc >>= back;
      h >>= back;
    } else {
      m = w = sc = h = 0;
      for (size_t j = 0; 16 * b + j < n; j++) {
        unsigned char c = (unsigned char)p[j];
        unsigned bit = 1u << j;
        if ((c >= 0x2D && c <= 0x3A) || c == '@' || c == '_')
          m |= bit;
        if (c >= 0x09 && c <= 0x0D)
          m |= bit, w |= bit;
        if (c == ' ')
          w |= bit, sc |= bit;
        if (c >= 'a' && c <= 'f')
          h |= bit;
      }
    }
    uint32_t r = hexprev | ((uint32_t)h << 16);
    uint32_t r2 = r & (r >> 1), r4 = r2 & (r2 >> 2), r8 = r4 & (r4 >> 4);
    if (r8 & (r4 >> 8))
      return 0;
    hexprev = h;
    mask[b] = (uint16_t)m;
    ws[b] = (uint16_t)w;
    sp[b] = (uint16_t)sc;
  }
  /* A ' ' before more white space. */
  for (size_t b = 0; b < nb; b++) {
    unsigned next = ws[b] >> 1;
    if (b + 1 < nb)
      next |= (unsigned)(ws[b + 1] & 1u) << 15;
    mask[b] = (uint16_t)(mask[b] | (sp[b] & next));
  }
  return 1;
}

/* The first bit of mask at or after i, n when none. */
static size_t next_marked(const uint16_t *mask, size_t i, size_t n)
{
  size_t b = i / 16;
  unsigned m = mask[b] & (0xFFFFu << (i % 16));
  size_t nb = (n + 15) / 16;
  while (!m) {
    if (++b >= nb)
      return n;
    m = mask[b];
  }
  return 16 * b + (size_t)__builtin_ctz(m);
}
#endif

const char *slg_mask_fast(slg_masker *mk, const char *msg, size_t n,
                          size_t *len)
{
  const uint8_t *kd = kinds();
  msg = trimmed(msg, &n);
  char *out = mk->out;
  size_t o = 0;
  size_t i = 0;
#if defined(__SSE2__)
  uint16_t mask[SLG_MASK_MAX_IN / 16 + 1];
  if (plain_masks(msg, n, mask)) {
    /* Whole plain tokens and their single spaces are copied as they
     * are; the token holding a marked byte goes through the scan. */
    while (i < n) {
      size_t p = next_marked(mask, i, n);
      if (p == n) {
        memcpy(out + o, msg + i, n - i);
        o += n - i;
        break;
      }
      size_t t = p;
      while (t > i && msg[t - 1] != ' ')
        t--;
      memcpy(out + o, msg + i, t - i);
      o += t - i;
      i = mask_token(mk, kd, msg, n, t, out, &o);
      while (i < n && (kd[(unsigned char)msg[i]] & K_SPACE))
        i++;
      if (i < n)
        out[o++] = ' ';
    }
    *len = o > SLG_TEMPLATE_MAX ? finish(out, o) : o;
    return out;
  }
#endif
  while (i < n) {
    i = mask_token(mk, kd, msg, n, i, out, &o);
    while (i < n && (kd[(unsigned char)msg[i]] & K_SPACE))
      i++;
    if (i < n)
      out[o++] = ' ';
  }
  *len = o > SLG_TEMPLATE_MAX ? finish(out, o) : o;
  return out;
}

const char *slg_mask_reference(slg_masker *mk, const char *msg, size_t n,
                               size_t *len)
{
  if (!mk->re[0]) {
    for (int r = 0; r < NRULES; r++) {
      int err;
      PCRE2_SIZE off;
      mk->re[r] = pcre2_compile((PCRE2_SPTR)rule_re[r], PCRE2_ZERO_TERMINATED,
                                0, &err, &off, NULL);
      if (!mk->re[r])
        abort(); /* the rules are constants */
    }
    mk->md = pcre2_match_data_create(1, NULL);
  }
  msg = trimmed(msg, &n);
  memcpy(mk->buf[0], msg, n);
  int which = 0;
  for (int r = 0; r < NRULES; r++) {
    PCRE2_SIZE outlen = mk->cap;
    int rc = pcre2_substitute(
        mk->re[r], (PCRE2_SPTR)mk->buf[which], n, 0, PCRE2_SUBSTITUTE_GLOBAL,
        mk->md, NULL, (PCRE2_SPTR)rule_rep[r], PCRE2_ZERO_TERMINATED,
        (PCRE2_UCHAR *)mk->buf[which ^ 1], &outlen);
    if (rc > 0) {
      which ^= 1;
      n = outlen;
    }
  }
  *len = finish(mk->buf[which], n);
  return mk->buf[which];
}

const char *slg_mask(slg_masker *mk, const char *msg, size_t n, size_t *len)
{
  if (mk->reference)
    return slg_mask_reference(mk, msg, n, len);
  SLG_FASTPATH_HIT(MSG_MASK);
  return slg_mask_fast(mk, msg, n, len);
}

/* ------------------------------------------------------------ counting */

#define UNDO_CAP 256

typedef struct slg_msg_undo {
  uint32_t index; /* UINT32_MAX: a line counted as other */
  slg_pos prev_last;
} slg_msg_undo;

void slg_msgs_mark(slg_msgs *t)
{
  t->nundo = 0;
  t->undo_lost = 0;
}

void slg_msgs_undo(slg_msgs *t)
{
  if (t->undo_lost)
    return;
  for (size_t i = t->nundo; i-- > 0;) {
    const slg_msg_undo *u = &t->undo[i];
    t->lines--;
    if (u->index == UINT32_MAX) {
      t->other_lines--;
      continue;
    }
    slg_msg *m = &t->msgs[u->index];
    m->count--;
    m->last = u->prev_last;
  }
  t->nundo = 0;
}

size_t slg_msgs_live(const slg_msgs *t)
{
  size_t n = 0;
  for (size_t i = 0; t && i < t->n; i++)
    n += t->msgs[i].count > 0;
  return n;
}

static void note_undo(slg_msgs *t, uint32_t index, const slg_pos *prev_last)
{
  if (t->nundo == UNDO_CAP) {
    t->undo_lost = 1;
    return;
  }
  if (!t->undo)
    t->undo = slg_xmalloc(UNDO_CAP * sizeof *t->undo);
  t->undo[t->nundo].index = index;
  t->undo[t->nundo].prev_last = *prev_last;
  t->nundo++;
}

/* Eight bytes at a time, multiplied and folded (the words are read
 * with memcpy: any alignment). */
static uint64_t mix(uint64_t h, const char *p, size_t n)
{
  const uint64_t k = 0x9E3779B97F4A7C15ULL;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    h = (h ^ w) * k;
    h ^= h >> 29;
  }
  uint64_t w = 0;
  for (size_t j = 0; i + j < n; j++)
    w |= (uint64_t)(unsigned char)p[i + j] << (8 * j);
  h = (h ^ w ^ ((uint64_t)n << 56)) * k;
  return h ^ (h >> 32);
}

uint64_t slg_msg_hash(slg_level level, slg_span logger, slg_span tpl)
{
  uint64_t h = 1469598103934665603ULL ^ (uint64_t)(level + 1);
  h = mix(h, logger.ptr, logger.len);
  return mix(h, tpl.ptr, tpl.len);
}

static int same(const slg_msg *m, const slg_msg_key *k)
{
  return m->hash == k->hash && m->level == k->level &&
         strlen(m->logger) == k->logger.len &&
         (k->logger.len == 0 ||
          memcmp(m->logger, k->logger.ptr, k->logger.len) == 0) &&
         strlen(m->tpl) == k->tpl.len &&
         (k->tpl.len == 0 || memcmp(m->tpl, k->tpl.ptr, k->tpl.len) == 0);
}

/* The templates past the cap: a set of hashes of at most 8 * cap. */
static void count_other(slg_msgs *t, uint64_t hash)
{
  t->other_lines++;
  if (!t->other_known)
    return;
  if (t->nother_slots == 0) {
    t->nother_slots = 64;
    t->other = slg_xcalloc(t->nother_slots, sizeof *t->other);
  }
  uint64_t key = hash ? hash : 1; /* 0 marks an empty slot */
  size_t mask = t->nother_slots - 1;
  for (size_t i = (size_t)key & mask;; i = (i + 1) & mask) {
    if (t->other[i] == key)
      return;
    if (t->other[i] == 0) {
      if (t->nother >= 8 * (t->cap ? t->cap : 1)) {
        t->other_known = 0; /* too many to tell: the count stops */
        free(t->other);
        t->other = NULL;
        t->nother_slots = 0;
        return;
      }
      t->other[i] = key;
      t->nother++;
      t->other_templates++;
      break;
    }
  }
  if (2 * t->nother > t->nother_slots) {
    size_t ns = t->nother_slots * 2;
    uint64_t *o = slg_xcalloc(ns, sizeof *o);
    for (size_t i = 0; i < t->nother_slots; i++) {
      uint64_t v = t->other[i];
      if (!v)
        continue;
      size_t j = (size_t)v & (ns - 1);
      while (o[j])
        j = (j + 1) & (ns - 1);
      o[j] = v;
    }
    free(t->other);
    t->other = o;
    t->nother_slots = ns;
  }
}

static void add(slg_msgs **tp, size_t cap, const slg_msg_key *k,
                const slg_pos *first, const slg_pos *last, uint64_t count);

static int pos_less(const slg_pos *a, const slg_pos *b)
{
  return a->file != b->file ? a->file < b->file : a->line < b->line;
}

void slg_msgs_count(slg_msgs **tp, size_t cap, const slg_msg_key *k,
                    const slg_pos *pos)
{
  add(tp, cap, k, pos, pos, 1);
}

void slg_msgs_absorb(slg_msgs **tp, size_t cap, slg_msgs *src)
{
  if (!src)
    return;
  for (size_t i = 0; i < src->n; i++) {
    const slg_msg *m = &src->msgs[i];
    if (!m->count)
      continue;
    slg_msg_key k = {m->hash, m->level, slg_span_make(m->logger,
                                                       strlen(m->logger)),
                     slg_span_make(m->tpl, strlen(m->tpl))};
    add(tp, cap, &k, &m->first, &m->last, m->count);
  }
  if (src->other_lines) {
    slg_msgs *t = *tp;
    t->lines += src->other_lines;
    t->other_lines += src->other_lines;
    t->other_templates += src->other_templates;
    t->other_known = t->other_known && src->other_known;
  }
  slg_msgs_free(src);
}

static void add(slg_msgs **tp, size_t cap, const slg_msg_key *k,
                const slg_pos *first, const slg_pos *last, uint64_t count)
{
  slg_msgs *t = *tp;
  if (!t) {
    t = *tp = slg_xcalloc(1, sizeof *t);
    t->cap = cap ? cap : 1;
    t->other_known = 1;
    t->nslots = 16;
    while (t->nslots < 2 * t->cap && t->nslots < 4096)
      t->nslots *= 2;
    t->slots = slg_xcalloc(t->nslots, sizeof *t->slots);
  }
  t->lines += count;
  size_t mask = t->nslots - 1;
  size_t i = (size_t)k->hash & mask;
  for (; t->slots[i]; i = (i + 1) & mask) {
    slg_msg *m = &t->msgs[t->slots[i] - 1];
    if (same(m, k)) {
      if (count == 1)
        note_undo(t, t->slots[i] - 1, &m->last);
      m->count += count;
      if (pos_less(first, &m->first))
        m->first = *first;
      if (!pos_less(last, &m->last))
        m->last = *last;
      return;
    }
  }
  if (t->n >= t->cap) {
    count_other(t, k->hash);
    t->other_lines += count - 1;
    if (count == 1)
      note_undo(t, UINT32_MAX, last);
    return;
  }
  if (2 * (t->n + 1) > t->nslots) {
    /* Grow the slots (the cap bounds them) and find i again. */
    size_t ns = t->nslots * 2;
    uint32_t *sl = slg_xcalloc(ns, sizeof *sl);
    for (size_t x = 0; x < t->n; x++) {
      size_t j = (size_t)t->msgs[x].hash & (ns - 1);
      while (sl[j])
        j = (j + 1) & (ns - 1);
      sl[j] = (uint32_t)(x + 1);
    }
    free(t->slots);
    t->slots = sl;
    t->nslots = ns;
    mask = ns - 1;
    for (i = (size_t)k->hash & mask; t->slots[i]; i = (i + 1) & mask)
      ;
  }
  if ((t->n & (t->n - 1)) == 0 || t->n == 0) /* 0, 1, 2, 4, 8, ... */
    t->msgs = slg_xrealloc(t->msgs, (t->n ? 2 * t->n : 1) * sizeof *t->msgs);
  slg_msg *m = &t->msgs[t->n++];
  m->hash = k->hash;
  m->level = k->level;
  m->logger = slg_xstrndup(k->logger.ptr, k->logger.len);
  m->tpl = slg_xstrndup(k->tpl.ptr, k->tpl.len);
  m->count = count;
  m->first = *first;
  m->last = *last;
  t->slots[i] = (uint32_t)t->n;
  if (count == 1)
    note_undo(t, (uint32_t)(t->n - 1), last);
}

void slg_msgs_free(slg_msgs *t)
{
  if (!t)
    return;
  for (size_t i = 0; i < t->n; i++) {
    free(t->msgs[i].logger);
    free(t->msgs[i].tpl);
  }
  free(t->msgs);
  free(t->slots);
  free(t->other);
  free(t->undo);
  free(t);
}

static int by_count(const void *x, const void *y)
{
  const slg_msg *a = *(const slg_msg *const *)x;
  const slg_msg *b = *(const slg_msg *const *)y;
  if (a->count != b->count)
    return a->count > b->count ? -1 : 1;
  if (a->first.file != b->first.file)
    return a->first.file < b->first.file ? -1 : 1;
  if (a->first.line != b->first.line)
    return a->first.line < b->first.line ? -1 : 1;
  return 0;
}

const slg_msg **slg_msgs_sorted(const slg_msgs *t, size_t *n)
{
  *n = slg_msgs_live(t);
  if (!*n)
    return NULL;
  const slg_msg **v = slg_xmalloc(*n * sizeof *v);
  size_t k = 0;
  for (size_t i = 0; i < t->n; i++)
    if (t->msgs[i].count)
      v[k++] = &t->msgs[i];
  qsort(v, *n, sizeof *v, by_count);
  return v;
}
