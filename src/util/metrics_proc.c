/*
 * metrics_proc.c: the process gauges (metrics.h), read from /proc/self
 * when a scrape asks: resident memory from statm's second field (pages)
 * and open descriptors by counting /proc/self/fd.  Names and meaning are
 * those of the Prometheus client libraries' process collector, so
 * dashboards built for them work.  Elsewhere than Linux they stay 0.
 */
#include <dirent.h>
#include <stdio.h>
#include <unistd.h>

#include "util/metrics.h"

void
metrics_process(void)
{
	unsigned long long size = 0, rss = 0;
	struct dirent *e;
	FILE *f;
	DIR *d;
	long fds = 0;

	if ((f = fopen("/proc/self/statm", "r")) != NULL) {
		if (fscanf(f, "%llu %llu", &size, &rss) == 2)
			metrics_set(&metric_rss_bytes, NULL,
			    (int64_t)(rss * (unsigned long long)sysconf(
			    _SC_PAGESIZE)));
		fclose(f);
	}
	if ((d = opendir("/proc/self/fd")) != NULL) {
		while ((e = readdir(d)) != NULL)
			if (e->d_name[0] != '.')
				fds++;
		closedir(d);
		metrics_set(&metric_open_fds, NULL, fds - 1);	/* d's own */
	}
}
