/*
 * bench/livec.c: the C load driver of bench/live.sh (issue 10: "Send ->
 * live client p99 <= 5 ms at 2 000 messages/s").
 *
 *   livec PORT TOKEN UID [RATE] [SECONDS]
 *
 * The node driver (live.mjs) sends 2 000 requests/s and parses 4 000
 * events/s on one JavaScript thread with a garbage collector; its own
 * pauses count against feige.  This one does the same work in C with
 * two threads, so what it measures is feige and the kernel:
 *
 * - the sender thread sends pushplus POST /send open-loop: message i is
 *   due at start + i/RATE and goes out when due, on a free keep-alive
 *   connection (a new one is opened when all are waiting for their
 *   reply, up to MAX_CONNS), whether or not earlier replies are back;
 *   the same thread reads the replies (poll) between sends;
 * - the reader thread holds the person's inbox SSE stream
 *   (/inbox/stream) and ntfy JSON stream (/<UID>/json) and stamps every
 *   read with CLOCK_MONOTONIC as it returns.
 *
 * Each title is "L<i>", so an event is matched to its send; latency is
 * arrival minus the moment the request's first byte was written (and,
 * as "from due", minus when it was due, so a sender that falls behind
 * shows).  TCP_NODELAY on every socket.  Loopback only.
 *
 * Prints one line per stream (p50/p99/p99.9/max), the achieved rate and
 * the reply latency; exit 1 if a reply was not code 200 or an event is
 * missing 10 s after the last send.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNS	200	/* under http.max_per_ip, 256 */
#define RBUF		8192

struct conn {
	int	fd;
	int	busy;		/* a request in flight */
	size_t	len;
	char	buf[RBUF];
};

static int		 port;
static const char	*token, *uid;
static long		 total;
static int64_t		*t_sent, *t_due, *t_reply;
static int64_t		*t_ev[2];	/* 0: SSE, 1: ntfy */
static atomic_long	 seen[2];
static atomic_int	 stop_reading;
static long		 replies, bad;

static int64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int
dial(void)
{
	struct sockaddr_in sa;
	int fd, one = 1;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		perror("livec: connect");
		exit(2);
	}
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

static void
write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			perror("livec: write");
			exit(2);
		}
		p += w;
		n -= (size_t)w;
	}
}

/* ---- streams ---- */

static int
open_stream(const char *path)
{
	char req[1024], buf[4096];
	int fd = dial(), n;

	n = snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: 127.0.0.1"
	    "\r\nAuthorization: Bearer %s\r\nAccept: */*\r\n\r\n", path,
	    token);
	write_all(fd, req, (size_t)n);
	/* the head comes before any event: wait for the status line */
	if ((n = (int)read(fd, buf, sizeof(buf) - 1)) <= 0 ||
	    strncmp(buf, "HTTP/1.1 200", 12) != 0) {
		fprintf(stderr, "livec: %s: no 200\n", path);
		exit(2);
	}
	return fd;
}

/* Every "title":"L<i>" in a chunk of stream bytes; lines may split. */
static void
scan(int k, char *acc, size_t *len, int64_t at)
{
	static const char pat[] = "\"title\":\"L";
	char *p = acc, *end = acc + *len, *nl;

	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		char *t = memmem(p, (size_t)(nl - p), pat, sizeof(pat) - 1);

		if (t != NULL) {
			long i = strtol(t + sizeof(pat) - 1, NULL, 10);

			if (i >= 0 && i < total && t_ev[k][i] == 0) {
				t_ev[k][i] = at;
				atomic_fetch_add(&seen[k], 1);
			}
		}
		p = nl + 1;
	}
	*len = (size_t)(end - p);
	memmove(acc, p, *len);
}

static void *
reader(void *arg)
{
	int *fds = arg, k;
	struct pollfd pf[2];
	static char acc[2][1 << 16];
	size_t len[2] = { 0, 0 };

	for (k = 0; k < 2; k++) {
		pf[k].fd = fds[k];
		pf[k].events = POLLIN;
	}
	while (!atomic_load(&stop_reading)) {
		if (poll(pf, 2, 100) <= 0)
			continue;
		for (k = 0; k < 2; k++) {
			ssize_t n;

			if (!(pf[k].revents & (POLLIN | POLLHUP)))
				continue;
			n = read(pf[k].fd, acc[k] + len[k],
			    sizeof(acc[k]) - len[k]);
			if (n <= 0) {
				fprintf(stderr, "livec: stream %d ended\n", k);
				return NULL;
			}
			len[k] += (size_t)n;
			scan(k, acc[k], &len[k], now_ns());
			if (len[k] == sizeof(acc[k]))
				len[k] = 0;	/* a line that long: drop */
		}
	}
	return NULL;
}

/* ---- sender ---- */

static struct conn	 conns[MAX_CONNS];
static long		 inflight[MAX_CONNS];
static int		 nconns;

/* A whole reply in c->buf?  Its length, or 0. */
static size_t
reply_len(struct conn *c)
{
	char *h, *cl;

	c->buf[c->len < RBUF ? c->len : RBUF - 1] = '\0';
	if ((h = strstr(c->buf, "\r\n\r\n")) == NULL)
		return 0;
	if ((cl = strcasestr(c->buf, "\r\nContent-Length:")) == NULL || cl > h)
		return 0;
	size_t body = (size_t)strtoul(cl + 17, NULL, 10);
	size_t n = (size_t)(h + 4 - c->buf) + body;

	return n <= c->len ? n : 0;
}

static void
read_replies(int timeout_ms)
{
	struct pollfd pf[MAX_CONNS];
	int i, n = 0, map[MAX_CONNS];

	for (i = 0; i < nconns; i++)
		if (conns[i].busy) {
			pf[n].fd = conns[i].fd;
			pf[n].events = POLLIN;
			map[n++] = i;
		}
	if (n == 0) {
		if (timeout_ms > 0)
			poll(NULL, 0, timeout_ms);
		return;
	}
	if (poll(pf, (nfds_t)n, timeout_ms) <= 0)
		return;
	for (i = 0; i < n; i++) {
		struct conn *c = &conns[map[i]];
		ssize_t r;
		size_t m;

		if (!(pf[i].revents & (POLLIN | POLLHUP)))
			continue;
		r = read(c->fd, c->buf + c->len, RBUF - 1 - c->len);
		if (r <= 0) {
			fprintf(stderr, "livec: reply connection closed\n");
			exit(2);
		}
		c->len += (size_t)r;
		if ((m = reply_len(c)) == 0)
			continue;
		t_reply[inflight[map[i]]] = now_ns();
		replies++;
		if (strncmp(c->buf, "HTTP/1.1 200", 12) != 0 ||
		    strstr(c->buf, "\"code\":200") == NULL) {
			if (!bad++)
				fprintf(stderr, "livec: bad reply: %.200s\n",
				    c->buf);
		}
		memmove(c->buf, c->buf + m, c->len - m);
		c->len -= m;
		c->busy = 0;
	}
}

static struct conn *
free_conn(long i)
{
	int k;

	for (k = 0; k < nconns; k++)
		if (!conns[k].busy)
			break;
	if (k == nconns) {
		if (nconns == MAX_CONNS)
			return NULL;
		conns[nconns].fd = dial();
		nconns++;
	}
	inflight[k] = i;
	return &conns[k];
}

static void
send_one(long i)
{
	char body[512], req[1024];
	struct conn *c;
	int bn, n;

	while ((c = free_conn(i)) == NULL)
		read_replies(1);
	bn = snprintf(body, sizeof(body), "{\"token\":\"%s\",\"title\":\"L%ld"
	    "\",\"content\":\"live bench\"}", token, i);
	n = snprintf(req, sizeof(req), "POST /send HTTP/1.1\r\nHost: "
	    "127.0.0.1\r\nContent-Type: application/json\r\n"
	    "Content-Length: %d\r\n\r\n%s", bn, body);
	c->busy = 1;
	t_sent[i] = now_ns();
	write_all(c->fd, req, (size_t)n);
}

/* ---- report ---- */

static int
cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static double
pct(const int64_t *v, long n, double p)
{
	long k = (long)(p / 100 * (double)n + 0.999999) - 1;

	if (n == 0)
		return -1;
	return (double)v[k < 0 ? 0 : k >= n ? n - 1 : k] / 1e6;
}

static void
report(const char *name, const int64_t *at, const int64_t *from)
{
	int64_t *v = calloc((size_t)total, sizeof(*v));
	int64_t *d = calloc((size_t)total, sizeof(*d));
	long i, n = 0;

	for (i = 0; i < total; i++)
		if (at[i]) {
			v[n] = at[i] - from[i];
			d[n++] = at[i] - t_due[i];
		}
	qsort(v, (size_t)n, sizeof(*v), cmp64);
	qsort(d, (size_t)n, sizeof(*d), cmp64);
	printf("%-5s %ld/%ld: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, "
	    "max %.2f ms (from due: p99 %.2f ms, max %.2f ms)\n", name, n,
	    total, pct(v, n, 50), pct(v, n, 99), pct(v, n, 99.9),
	    pct(v, n, 100), pct(d, n, 99), pct(d, n, 100));
	free(v);
	free(d);
}

int
main(int argc, char **argv)
{
	char path[512];
	int fds[2];
	double rate;
	long secs, i;
	int64_t start, t, deadline;
	pthread_t th;

	if (argc < 4) {
		fprintf(stderr, "usage: livec PORT TOKEN UID [RATE] [SECS]\n");
		return 2;
	}
	port = atoi(argv[1]);
	token = argv[2];
	uid = argv[3];
	rate = argc > 4 ? atof(argv[4]) : 2000;
	secs = argc > 5 ? atol(argv[5]) : 10;
	total = (long)(rate * (double)secs);
	t_sent = calloc((size_t)total, sizeof(int64_t));
	t_due = calloc((size_t)total, sizeof(int64_t));
	t_reply = calloc((size_t)total, sizeof(int64_t));
	t_ev[0] = calloc((size_t)total, sizeof(int64_t));
	t_ev[1] = calloc((size_t)total, sizeof(int64_t));
	fds[0] = open_stream("/inbox/stream");
	snprintf(path, sizeof(path), "/%s/json", uid);
	fds[1] = open_stream(path);
	pthread_create(&th, NULL, reader, fds);
	start = now_ns() + 50000000;
	for (i = 0; i < total; i++)
		t_due[i] = start + (int64_t)((double)i * 1e9 / rate);
	for (i = 0; i < total;) {
		t = now_ns();
		while (i < total && t_due[i] <= t)
			send_one(i++);
		if (i < total) {
			int64_t wait = (t_due[i] - now_ns()) / 1000000;

			read_replies(wait > 0 ? (int)wait : 0);
		}
	}
	t = now_ns();
	deadline = t + 10000000000LL;
	while ((replies < total || atomic_load(&seen[0]) < total ||
	    atomic_load(&seen[1]) < total) && now_ns() < deadline)
		read_replies(10);
	atomic_store(&stop_reading, 1);
	pthread_join(th, NULL);
	printf("sent %ld in %.2f s: %.0f messages/s (target %.0f) on %d "
	    "connections; %ld replies, %ld not code 200\n", total,
	    (double)(t - start) / 1e9, (double)total * 1e9 /
	    (double)(t - start), rate, nconns, replies, bad);
	if (getenv("LIVEC_DUMP") != NULL) {
		FILE *f = fopen(getenv("LIVEC_DUMP"), "w");

		for (i = 0; f != NULL && i < total; i++)
			fprintf(f, "%ld %lld %lld %lld %lld %lld\n", i,
			    (long long)t_due[i], (long long)t_sent[i],
			    (long long)t_reply[i], (long long)t_ev[0][i],
			    (long long)t_ev[1][i]);
		if (f != NULL)
			fclose(f);
	}
	report("sse", t_ev[0], t_sent);
	report("ntfy", t_ev[1], t_sent);
	report("reply", t_reply, t_sent);
	return bad || replies < total || seen[0] < total || seen[1] < total;
}
