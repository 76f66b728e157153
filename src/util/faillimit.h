/*
 * faillimit.h: "too many failures, wait" for guessable secrets.
 *
 * A fixed table (no allocation after init, so a flood of distinct keys
 * costs no memory) counts failures per key (a user token, a client
 * address) in a window.  Once a key has max failures inside window_ms,
 * faillimit_blocked() says so until the window that began with its first
 * failure ends; the caller refuses before doing the expensive check
 * (argon2id) at all.  When the table is full, the slot whose window is
 * oldest in the key's probe run is reused: an attacker can push out
 * other keys' counts only by spending failures of their own.
 *
 * Thread safe (one mutex; every operation is a few comparisons).
 */
#ifndef FG_FAILLIMIT_H
#define FG_FAILLIMIT_H

#include <pthread.h>
#include <stdint.h>

#define FAILLIMIT_SLOTS		4096
#define FAILLIMIT_KEY		64

struct faillimit_slot {
	char	 key[FAILLIMIT_KEY];
	int	 count;
	int64_t	 since_ms;	/* first failure of the window */
};

struct faillimit {
	pthread_mutex_t		 mu;
	int			 max;
	int64_t			 window_ms;
	struct faillimit_slot	 slot[FAILLIMIT_SLOTS];
};

#define FAILLIMIT_INIT(max_, window_) \
	{ PTHREAD_MUTEX_INITIALIZER, (max_), (window_), { { "", 0, 0 } } }

/* 1 when key has reached max failures in its current window. */
int	faillimit_blocked(struct faillimit *, const char *key, int64_t now_ms);
/* Count one failure of key. */
void	faillimit_fail(struct faillimit *, const char *key, int64_t now_ms);
/* Forget key's failures (a success). */
void	faillimit_clear(struct faillimit *, const char *key);

#endif
