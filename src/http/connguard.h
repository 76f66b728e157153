/*
 * connguard.h: no client can hold the server's connections (slowloris).
 * Internal to src/http/ (server.c drives it from MHD's callbacks).
 *
 * Three rules, each cheap:
 *  - per address: at most per_ip open connections from one IPv4 address
 *    or one IPv6 /64 (an attacker gets a /64 at least); the listed
 *    trusted proxies are exempt, since every client behind them shares
 *    their address.  A connection over the cap is refused at accept.
 *  - head deadline: a connection must complete each request's headers
 *    within head_s of its start or of its previous request's end,
 *    however slowly it trickles bytes (MHD's own timeout is an idle
 *    timeout, which one byte every few seconds defeats).  An idle
 *    keep-alive connection is in this phase too.
 *  - budget: when more than three quarters of conn_limit are open, the
 *    head deadline shrinks to PRESSURE_HEAD_S, so half-open connections
 *    make room for new clients quickly instead of filling the limit.
 *
 * A connection over its deadline is shut down (shutdown(2) on its
 * socket from the sweeper thread; MHD then sees the end and closes it,
 * so no descriptor is closed under MHD's feet).  Requests past their
 * headers (uploads, streams, parked sends) are not touched here.
 */
#ifndef FG_HTTP_CONNGUARD_H
#define FG_HTTP_CONNGUARD_H

#include <stdint.h>
#include <sys/socket.h>

struct connguard;

/* One connection, embedded in the server's per-connection state. */
struct connguard_conn {
	struct connguard_conn	*prev, *next;	/* the head-phase list */
	struct connguard_ip	*ip;		/* NULL: exempt */
	int			 fd;
	int64_t			 since_ms;	/* head phase began */
	int			 in_head;
};

struct connguard	*connguard_new(int per_ip, int head_s, int conn_limit,
			    const char *trusted_proxies);
void			 connguard_free(struct connguard *);
/* May a connection from sa be accepted?  1 yes, 0 no. */
int	connguard_admit(struct connguard *, const struct sockaddr *sa);
/* A connection began (counted, head phase starts). */
void	connguard_open(struct connguard *, struct connguard_conn *,
	    const struct sockaddr *sa, int fd);
/* Its current request's headers are complete. */
void	connguard_head_done(struct connguard *, struct connguard_conn *);
/* Its request ended; the next one's head phase starts. */
void	connguard_head_again(struct connguard *, struct connguard_conn *);
/* The connection closed. */
void	connguard_close(struct connguard *, struct connguard_conn *);
/*
 * Its count moves to another owner (a stream taken from MHD, take.c):
 * to is closed with connguard_close(), from no more.
 */
void	connguard_move(struct connguard *, struct connguard_conn *to,
	    struct connguard_conn *from);

#endif
