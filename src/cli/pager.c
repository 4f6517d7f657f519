/*
 * pager.c - long text output on a terminal goes through a pager, as git
 * does it: $SPARKLOG_PAGER, else $PAGER, else "less", run by /bin/sh with
 * LESS=FRX when LESS is unset (quit when it fits, keep colours, leave the
 * text on the screen). Only when stdout is a terminal and the text has
 * more lines than the terminal has rows; an empty pager or "cat" means
 * none. A pager that cannot start leaves the text to stdout.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

static const char *pager_command(void)
{
  const char *p = getenv("SPARKLOG_PAGER");
  if (p == NULL)
    p = getenv("PAGER");
  if (p == NULL)
    p = "less";
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '\0' || strcmp(p, "cat") == 0)
    return NULL;
  return p;
}

static size_t count_lines(const char *s, size_t n)
{
  size_t lines = 0;
  for (const char *e = s + n; (s = memchr(s, '\n', (size_t)(e - s))) != NULL;
       s++)
    lines++;
  return lines;
}

int slg_pager_write(const char *data, size_t n, int *closed)
{
  *closed = 0;
  if (!isatty(STDOUT_FILENO))
    return -1;
  struct winsize ws;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0)
    return -1;
  if (count_lines(data, n) < ws.ws_row)
    return -1;
  const char *cmd = pager_command();
  if (cmd == NULL)
    return -1;
  int fd[2];
  if (pipe(fd) != 0)
    return -1;
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) {
    close(fd[0]);
    close(fd[1]);
    return -1;
  }
  if (pid == 0) {
    dup2(fd[0], STDIN_FILENO);
    close(fd[0]);
    close(fd[1]);
    signal(SIGPIPE, SIG_DFL);
    if (getenv("LESS") == NULL)
      setenv("LESS", "FRX", 1);
    execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
    _exit(127);
  }
  close(fd[0]);
  /* SIGINT belongs to the pager while it runs (less quits on q, not on
   * ^C); the report is already complete. */
  struct sigaction ign, old_int;
  memset(&ign, 0, sizeof ign);
  ign.sa_handler = SIG_IGN;
  sigemptyset(&ign.sa_mask);
  sigaction(SIGINT, &ign, &old_int);
  const char *p = data;
  size_t left = n;
  while (left) {
    ssize_t w = write(fd[1], p, left);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0) {
      *closed = 1; /* the pager quit early (EPIPE): not an error */
      break;
    }
    p += w;
    left -= (size_t)w;
  }
  close(fd[1]);
  int st;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
    ;
  sigaction(SIGINT, &old_int, NULL);
  if (WIFEXITED(st) && WEXITSTATUS(st) == 127) {
    /* sh found no such pager: nothing was shown. */
    *closed = 0;
    return -1;
  }
  return 0;
}

size_t slg_cli_text_width(size_t forced)
{
  if (forced)
    return forced;
  /* A pipe or a file gets the classic width, whatever the environment
   * says: the same output wherever it is run. */
  if (!isatty(STDOUT_FILENO))
    return SLG_TEXT_WIDTH;
  struct winsize ws;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  const char *cols = getenv("COLUMNS");
  size_t n = 0;
  for (const char *p = cols; p && *p >= '0' && *p <= '9' && n < 100000; p++)
    n = n * 10 + (size_t)(*p - '0');
  return n >= 20 && n < 100000 ? n : SLG_TEXT_WIDTH;
}
