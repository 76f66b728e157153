/*
 * node.c: the node this process is (store_node_start()): its home (the
 * host and the data dir's path, the same in every life), its id (the
 * home, the pid and a random number: this life) and the lease length
 * its claims carry (docs/scale.md).
 *
 * Apart from store.c, which picks and opens the backends, so that the
 * PostgreSQL connection code (pg_conn.c), which names the node in every
 * session, sits below the backend registry: store.c -> pg_*.c -> node.c,
 * never back.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "store/store.h"

/* The node this process is (store_node_start), "" for none. */
static char node_home[96];
static char node_id[128];
static int lease_ms = 60000;

void
store_node_start(int lease_s, const char *data_dir)
{
	char host[64], path[4096];
	uint32_t h = 2166136261u; /* FNV-1a of the data dir's path */
	const char *p;

	if (gethostname(host, sizeof(host)) != 0)
		snprintf(host, sizeof(host), "%s", "localhost");
	host[sizeof(host) - 1] = '\0';
	(void)mkdir(data_dir, 0700); /* the same path in every life */
	if (realpath(data_dir, path) == NULL)
		snprintf(path, sizeof(path), "%s", data_dir);
	for (p = path; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	snprintf(node_home, sizeof(node_home), "%s/%08x", host, (unsigned)h);
	snprintf(node_id, sizeof(node_id), "%s#%ld-%08x", node_home,
	    (long)getpid(), (unsigned)randombytes_random());
	if (lease_s > 0)
		lease_ms = lease_s * 1000;
}

const char *
store_node_home(void)
{
	return node_home;
}

const char *
store_node_id(void)
{
	return node_id;
}

int
store_lease_ms(void)
{
	return lease_ms;
}
