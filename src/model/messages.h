/*
 * messages.h - WARN, ERROR and FATAL messages as templates, counted per
 * application (issue 24, "the messages that matter").
 *
 * A message's first line (the record's message; continuation lines are
 * not messages) is masked by the fixed rules of tests/keys/time/README.md
 * ("Masking rules for message templates"): URIs, UUIDs, Hadoop and
 * standalone ids, IP addresses, absolute paths, host names, identity
 * hashes, hex runs and numbers become <uri>, <uuid>, <id>, <ip>, <path>,
 * <host>, @<hex>, <hex> and <n>; white space runs become one space and
 * the template is cut at SLG_TEMPLATE_MAX code points.
 *
 * The masking runs where the record is parsed (a chunk worker, or the
 * serial scan); the template, its logger and a 64-bit hash of the three
 * go to the model, which only counts: slg_msgs_count.
 */
#ifndef SLG_MESSAGES_H
#define SLG_MESSAGES_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "model.h"

#define SLG_TEMPLATE_MAX 240       /* code points of a template */
#define SLG_MASK_MAX_IN 4096       /* bytes of a message masked */
#define SLG_DEFAULT_MAX_TEMPLATES 1000

/*
 * A masker: scratch buffers and, in reference mode, the compiled regular
 * expressions of the rules (the general path the hand-written masker must
 * equal: fastpath.h, MSG_MASK). Owned by one thread at a time.
 */
typedef struct slg_masker slg_masker;
slg_masker *slg_masker_new(int reference);
void slg_masker_free(slg_masker *mk);

/*
 * Masks `n` bytes of `msg` (the first SLG_MASK_MAX_IN of them). Returns
 * the template, valid until the next call on `mk`; *len its bytes.
 */
const char *slg_mask(slg_masker *mk, const char *msg, size_t n, size_t *len);

/* The rules one by one, as regular expressions (PCRE2): the reference. */
const char *slg_mask_reference(slg_masker *mk, const char *msg, size_t n,
                               size_t *len);
/* The hand-written masker, whatever the mode: one scan over the bytes,
 * handing the tokens that need more to the passes below. */
const char *slg_mask_fast(slg_masker *mk, const char *msg, size_t n,
                          size_t *len);
/* The rules hand-written as passes, one after the other over the whole
 * message (what slg_mask_fast must equal). */
const char *slg_mask_passes(slg_masker *mk, const char *msg, size_t n,
                            size_t *len);

/* What the model counts: borrowed spans, valid for the call. */
typedef struct slg_msg_key {
  uint64_t hash; /* slg_msg_hash of the three below */
  slg_level level;
  slg_span logger;
  slg_span tpl;
} slg_msg_key;

uint64_t slg_msg_hash(slg_level level, slg_span logger, slg_span tpl);

/* One template of an application. */
typedef struct slg_msg {
  uint64_t hash;
  slg_level level;
  char *logger;
  char *tpl;
  uint64_t count;
  slg_pos first, last;
} slg_msg;

/*
 * An application's templates: at most `cap` of them, in first-seen
 * order; the lines of the others are counted in other_lines and their
 * distinct templates in other_templates while a bounded set of their
 * hashes holds them (other_known is 0 past that).
 */
typedef struct slg_msgs {
  slg_msg *msgs;
  size_t n, cap;
  uint32_t *slots; /* open addressing: index + 1, 0 empty */
  size_t nslots;
  uint64_t lines; /* all WARN/ERROR/FATAL records counted */
  uint64_t other_lines, other_templates;
  int other_known;
  uint64_t *other; /* hashes of the templates past the cap */
  size_t nother_slots, nother;
  /* What slg_msgs_undo takes back: the counts since slg_msgs_mark. */
  struct slg_msg_undo *undo;
  size_t nundo;
  int undo_lost; /* more than the undo list holds: kept */
} slg_msgs;

/* Counts `k` at `pos` into *t (allocated on first use, with cap `cap`). */
void slg_msgs_count(slg_msgs **t, size_t cap, const slg_msg_key *k,
                    const slg_pos *pos);
/* Starts a new undo list: the counts from here on can be taken back
 * (the lines after an application's last one that turn out to be the
 * next run's start-up). slg_msgs_undo takes them back; a template whose
 * count falls to 0 is dead (slg_msgs_sorted leaves it out). */
void slg_msgs_mark(slg_msgs *t);
void slg_msgs_undo(slg_msgs *t);
/* Live templates (count > 0). */
size_t slg_msgs_live(const slg_msgs *t);

/* Adds the templates of `src` (which come after *t's in the input) to
 * *t and frees src. */
void slg_msgs_absorb(slg_msgs **t, size_t cap, slg_msgs *src);
void slg_msgs_free(slg_msgs *t);

/*
 * The kept templates sorted by count (descending), then first line
 * (file, line): a new array of pointers into `t` (free it), *n of them.
 */
const slg_msg **slg_msgs_sorted(const slg_msgs *t, size_t *n);

#endif /* SLG_MESSAGES_H */
