/*
 * tty_line.c - the one status line on stderr, rewritten in place.
 *
 * --follow's status and the progress of a long read both draw here: a
 * carriage return, erase to the end of the line, the text cut to the
 * terminal's width (a line that wrapped could not be rewritten in place:
 * "\r" goes back to the start of its last row only). The line is cleared
 * before anything else is written to stderr (slg_cli_error does it) and
 * before the report, so no message starts in the middle of it. The
 * callers draw only when stderr is a terminal.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"

static int shown;         /* a line is on the terminal */
static slg_buf last;      /* the text as last drawn */

/* The terminal's width, or 0 when it does not say (a pty never sized):
 * then the line is not cut. */
static size_t columns(void)
{
  struct winsize ws;
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1)
    return ws.ws_col;
  return 0;
}

void slg_tty_line_draw(const char *text, size_t n)
{
  /* The last column stays free: a line that fills it leaves some
   * terminals' cursor waiting to wrap. Bytes count as columns, which
   * overcounts multibyte text: the cut errs short. A cut never splits a
   * UTF-8 sequence. */
  size_t width = columns();
  if (width && n > --width) {
    n = width;
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
      n--;
  }
  /* Rewritten only when it changed: the same line every poll would
   * cost a write for nothing. */
  if (shown && n == last.len && memcmp(text, last.ptr, n) == 0)
    return;
  fputs("\r\033[K", stderr);
  fwrite(text, 1, n, stderr);
  fflush(stderr);
  slg_buf_clear(&last);
  slg_buf_put(&last, text, n);
  shown = 1;
}

void slg_tty_line_clear(void)
{
  if (!shown)
    return;
  fputs("\r\033[K", stderr);
  fflush(stderr);
  shown = 0;
}

void slg_tty_line_dispose(void)
{
  slg_tty_line_clear();
  slg_buf_dispose(&last);
}
