/*
 * format.c - the one style of each number, size, duration and time in
 * human output (format.h).
 */
#include "format.h"

#include <stdio.h>
#include <string.h>

const char *slg_fmt_count(uint64_t v, char *buf)
{
  char tmp[32];
  int n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v);
  int o = 0;
  for (int i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0)
      buf[o++] = ',';
    buf[o++] = tmp[i];
  }
  buf[o] = '\0';
  return buf;
}

const char *slg_fmt_duration(double ms, char *buf)
{
  if (ms < 0)
    ms = 0;
  if (ms < 1000)
    snprintf(buf, 32, "%.0f ms", ms);
  else if (ms < 60000)
    snprintf(buf, 32, "%.1f s", ms / 1000);
  else if (ms < 3600000) {
    uint64_t s = (uint64_t)(ms / 1000 + 0.5);
    snprintf(buf, 32, "%llum%02llus", (unsigned long long)(s / 60),
             (unsigned long long)(s % 60));
  } else {
    uint64_t m = (uint64_t)(ms / 60000 + 0.5);
    snprintf(buf, 32, "%lluh%02llum", (unsigned long long)(m / 60),
             (unsigned long long)(m % 60));
  }
  return buf;
}

const char *slg_fmt_bytes(uint64_t v, char *buf)
{
  static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB",
                                      "PiB", "EiB"};
  double d = (double)v;
  int u = 0;
  while (d >= 1024 && u < 6)
    d /= 1024, u++;
  if (u == 0)
    snprintf(buf, 32, "%llu B", (unsigned long long)v);
  else
    snprintf(buf, 32, "%.1f %s", d, units[u]);
  return buf;
}

const char *slg_fmt_time(const slg_time *t, char *buf)
{
  size_t n = slg_time_format(t, buf);
  if (!n) {
    strcpy(buf, "-");
    return buf;
  }
  char *T = strchr(buf, 'T');
  if (T)
    *T = ' ';
  return buf;
}
