/*
 * connguard.c: per-address caps, the head deadline and the connection
 * budget (connguard.h).
 *
 * Addresses are counted in a small chained hash table of nodes made on
 * a address's first connection and freed with its last, so memory
 * follows the open connections, not the addresses ever seen.
 * Connections in their head phase sit on one doubly linked list in the
 * order their phase began; the sweeper thread walks it from the oldest
 * twice a second and stops at the first one still inside its deadline.
 * One mutex covers both; every operation under it is O(1) but the
 * sweep, which touches only expired entries plus one.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "http/connguard.h"
#include "util/iplist.h"
#include "util/xmalloc.h"

#define BUCKETS		4096
#define SWEEP_MS	500
#define PRESSURE_HEAD_S	2

struct connguard_ip {
	struct connguard_ip	*next;
	uint8_t			 key[16];
	int			 count;
};

struct connguard {
	pthread_mutex_t		 mu;
	pthread_t		 sweeper;
	int			 stop;
	int			 per_ip;
	int64_t			 head_ms;
	int			 conn_limit;
	int			 open;		/* connections now */
	char			*trusted;
	struct connguard_conn	 head;		/* list sentinel */
	struct connguard_ip	*bucket[BUCKETS];
};

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* the counting key of an address (IPv6: its /64), and its text */
static int
addr_key(const struct sockaddr *sa, uint8_t key[16], char *text,
    size_t size)
{
	memset(key, 0, 16);
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;

		memcpy(key, &in->sin_addr, 4);
		inet_ntop(AF_INET, &in->sin_addr, text, (socklen_t)size);
		return 0;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr)) {
			memcpy(key, in6->sin6_addr.s6_addr + 12, 4);
			inet_ntop(AF_INET, key, text, (socklen_t)size);
		} else {
			memcpy(key, in6->sin6_addr.s6_addr, 8);
			key[15] = 6;	/* never equal to an IPv4 key */
			inet_ntop(AF_INET6, &in6->sin6_addr, text,
			    (socklen_t)size);
		}
		return 0;
	}
	return -1;
}

static uint32_t
bucket_of(const uint8_t key[16])
{
	uint32_t h = 2166136261u;
	int i;

	for (i = 0; i < 16; i++)
		h = (h ^ key[i]) * 16777619u;
	return h & (BUCKETS - 1);
}

static struct connguard_ip *
lookup(struct connguard *g, const uint8_t key[16], int make)
{
	struct connguard_ip **pp = &g->bucket[bucket_of(key)], *p;

	for (p = *pp; p != NULL; p = p->next)
		if (memcmp(p->key, key, 16) == 0)
			return p;
	if (!make)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	memcpy(p->key, key, 16);
	p->next = *pp;
	*pp = p;
	return p;
}

static void
drop_ip(struct connguard *g, struct connguard_ip *ip)
{
	struct connguard_ip **pp = &g->bucket[bucket_of(ip->key)];

	while (*pp != ip)
		pp = &(*pp)->next;
	*pp = ip->next;
	free(ip);
}

static void
unlink_conn(struct connguard_conn *c)
{
	if (!c->in_head)
		return;
	c->prev->next = c->next;
	c->next->prev = c->prev;
	c->in_head = 0;
}

static void
append_conn(struct connguard *g, struct connguard_conn *c)
{
	unlink_conn(c);
	c->since_ms = now_ms();
	c->prev = g->head.prev;
	c->next = &g->head;
	g->head.prev->next = c;
	g->head.prev = c;
	c->in_head = 1;
}

static void *
sweep_main(void *arg)
{
	struct connguard *g = arg;
	struct timespec ts = { 0, SWEEP_MS * 1000000L };

	for (;;) {
		struct connguard_conn *c;
		int64_t limit, now;

		nanosleep(&ts, NULL);
		pthread_mutex_lock(&g->mu);
		if (g->stop) {
			pthread_mutex_unlock(&g->mu);
			return NULL;
		}
		now = now_ms();
		limit = g->open * 4 > g->conn_limit * 3 ?
		    PRESSURE_HEAD_S * 1000 : g->head_ms;
		/* oldest first, so the first one inside its time ends it;
		 * a shut-down one stays until MHD reports it closed */
		for (c = g->head.next; c != &g->head &&
		    now - c->since_ms > limit; c = c->next)
			(void)shutdown(c->fd, SHUT_RDWR);
		pthread_mutex_unlock(&g->mu);
	}
}

struct connguard *
connguard_new(int per_ip, int head_s, int conn_limit, const char *trusted)
{
	struct connguard *g = xcalloc(1, sizeof(*g));

	pthread_mutex_init(&g->mu, NULL);
	g->per_ip = per_ip;
	g->head_ms = (int64_t)head_s * 1000;
	g->conn_limit = conn_limit;
	g->trusted = xstrdup(trusted ? trusted : "");
	g->head.next = g->head.prev = &g->head;
	if (pthread_create(&g->sweeper, NULL, sweep_main, g) != 0) {
		free(g->trusted);
		free(g);
		return NULL;
	}
	return g;
}

void
connguard_free(struct connguard *g)
{
	size_t i;

	if (g == NULL)
		return;
	pthread_mutex_lock(&g->mu);
	g->stop = 1;
	pthread_mutex_unlock(&g->mu);
	pthread_join(g->sweeper, NULL);
	for (i = 0; i < BUCKETS; i++)
		while (g->bucket[i] != NULL)
			drop_ip(g, g->bucket[i]);
	pthread_mutex_destroy(&g->mu);
	free(g->trusted);
	free(g);
}

int
connguard_admit(struct connguard *g, const struct sockaddr *sa)
{
	struct connguard_ip *ip;
	uint8_t key[16];
	char text[INET6_ADDRSTRLEN];
	int ok;

	if (addr_key(sa, key, text, sizeof(text)) != 0)
		return 1;
	if (*g->trusted && iplist_allowed(g->trusted, text))
		return 1;
	pthread_mutex_lock(&g->mu);
	ip = lookup(g, key, 0);
	ok = ip == NULL || ip->count < g->per_ip;
	pthread_mutex_unlock(&g->mu);
	return ok;
}

void
connguard_open(struct connguard *g, struct connguard_conn *c,
    const struct sockaddr *sa, int fd)
{
	uint8_t key[16];
	char text[INET6_ADDRSTRLEN];
	int exempt;

	memset(c, 0, sizeof(*c));
	c->fd = fd;
	exempt = sa == NULL || addr_key(sa, key, text, sizeof(text)) != 0 ||
	    (*g->trusted && iplist_allowed(g->trusted, text));
	pthread_mutex_lock(&g->mu);
	if (!exempt) {
		c->ip = lookup(g, key, 1);
		c->ip->count++;
	}
	g->open++;
	append_conn(g, c);
	pthread_mutex_unlock(&g->mu);
}

void
connguard_head_done(struct connguard *g, struct connguard_conn *c)
{
	pthread_mutex_lock(&g->mu);
	unlink_conn(c);
	pthread_mutex_unlock(&g->mu);
}

void
connguard_head_again(struct connguard *g, struct connguard_conn *c)
{
	pthread_mutex_lock(&g->mu);
	append_conn(g, c);
	pthread_mutex_unlock(&g->mu);
}

void
connguard_close(struct connguard *g, struct connguard_conn *c)
{
	pthread_mutex_lock(&g->mu);
	unlink_conn(c);
	if (c->ip != NULL && --c->ip->count == 0)
		drop_ip(g, c->ip);
	c->ip = NULL;
	g->open--;
	pthread_mutex_unlock(&g->mu);
}

void
connguard_move(struct connguard *g, struct connguard_conn *to,
    struct connguard_conn *from)
{
	pthread_mutex_lock(&g->mu);
	unlink_conn(from);
	*to = *from;
	memset(from, 0, sizeof(*from));
	pthread_mutex_unlock(&g->mu);
}
