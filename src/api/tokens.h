/*
 * tokens.h: the in-memory cache of send credentials (user tokens), and
 * the name of a token's rate-limit counter (kept by the store).
 *
 * The hot path of /send looks a token up here, not in the store.  A miss
 * reads the store (the caller's thread-local reader) and caches the user
 * for a short time (TOKENS_TTL_MS), so changes made with the CLI on the
 * same data dir (a new user, a new default callback URL) are seen
 * promptly without any cross-process signalling.
 *
 * Thread safe (one mutex; the critical sections are a hash probe).
 */
#ifndef FG_TOKENS_H
#define FG_TOKENS_H

#include <stdint.h>

#include "store/store.h"

#define TOKENS_TTL_MS	1000

struct tokens;

struct tokens	*tokens_new(void);
void		 tokens_free(struct tokens *);

/*
 * Find the user for a token; 0 and *out filled, FG_ENOENT if no user has
 * it, FG_ESTORE on a store failure.
 */
int	tokens_lookup(struct tokens *, struct store *, const char *token,
	    struct store_user *out);

/*
 * What /send needs of the sender's settings beyond the user (open API
 * setting/...): whether sending is on, and the default channel config
 * of the token sent with (a message token's own, else the user
 * token's; setting/...UserDefault): channel ("" none), option (webhook)
 * and pre script code.
 */
#define TOKENS_WEBHOOK_MAX	OPEN_WEBHOOK_MAX
struct tokens_prefs {
	int	is_send;
	char	channel[32];
	char	webhook[TOKENS_WEBHOOK_MAX + 1];
	char	pre[OPEN_PRE_CODE_MAX + 1];
};

/*
 * The lookup of /send: a user token or an unexpired message token (open
 * API token/add), with the user's send preferences.  Only /send may
 * use it: a message token must never open an inbox or a stream.
 */
int	tokens_lookup_send(struct tokens *, struct store *,
	    const char *token, struct store_user *out,
	    struct tokens_prefs *prefs);

/*
 * Drop token's cached entry (a deleted or edited message token, changed
 * settings), so the next lookup reads the store.
 */
void	tokens_forget(struct tokens *, const char *token);

/*
 * The key a send of token is counted under (queue.h
 * send_request.rate_key; the writer counts it, store/spool.h
 * rate_take), of size bytes.
 */
void	tokens_rate_key(const char *token, char *key, size_t size);

/*
 * Whether token's budget of `per_minute` is spent this calendar minute,
 * without counting a request: the wall-clock ms (epoch) its minute
 * ends, or 0 when it may send now (the open API's user/userLimitTime).
 */
int64_t	tokens_rate_until(const char *token, int per_minute);

#endif
