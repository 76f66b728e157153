/*
 * tokens.c: an open-addressing hash table of cached users, keyed by
 * token (tokens.h).  Tokens are random, so their first bytes are a good
 * hash already.
 *
 * The table grows by doubling at 50% load and is never shrunk; entries
 * older than the TTL are refreshed from the store on lookup.
 *
 * The send rate limit is not kept here: the writer counts a send in the
 * transaction that stores it, by calendar minute, on either store
 * (store/spool.h rate_take), so only accepted sends count and a limit
 * of N holds for a cluster too.  This file only names the counter
 * (tokens_rate_key()) and reads it for the open API.
 *
 * /send also accepts message tokens (open API) and needs the sender's
 * send preferences; both are cached in the same entry, and an entry of
 * a message token answers only tokens_lookup_send().
 */
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "util/errors.h"
#include "api/tokens.h"
#include "store/spool.h"
#include "store/readers.h"
#include "util/ids.h"
#include "util/xmalloc.h"

struct entry {
	char			 token[40];	/* "" = empty slot */
	int			 have_user;
	int			 msg_token;	/* message token: /send only */
	int			 have_prefs;
	struct tokens_prefs	 prefs;
	int64_t			 fetched_ms;
	struct store_user	 user;
};

struct tokens {
	pthread_mutex_t	 mu;
	struct entry	*e;
	size_t		 cap;	/* power of two */
	size_t		 n;
};

struct tokens *
tokens_new(void)
{
	struct tokens *t = xcalloc(1, sizeof(*t));

	pthread_mutex_init(&t->mu, NULL);
	t->cap = 64;
	t->e = xcalloc(t->cap, sizeof(*t->e));
	return t;
}

void
tokens_free(struct tokens *t)
{
	if (t == NULL)
		return;
	pthread_mutex_destroy(&t->mu);
	free(t->e);
	free(t);
}

static size_t
hash(const char *s)
{
	size_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

/* Under mu: the slot for token, inserting it when create is set. */
static struct entry *
slot(struct tokens *t, const char *token, int create)
{
	size_t i, mask;

	if (create && (t->n + 1) * 2 > t->cap) {
		struct entry *old = t->e;
		size_t oldcap = t->cap, k;

		t->cap *= 2;
		t->e = xcalloc(t->cap, sizeof(*t->e));
		t->n = 0;
		for (k = 0; k < oldcap; k++) {
			if (old[k].token[0]) {
				struct entry *ne = slot(t, old[k].token, 1);

				*ne = old[k];
			}
		}
		free(old);
	}
	mask = t->cap - 1;
	for (i = hash(token) & mask;; i = (i + 1) & mask) {
		if (t->e[i].token[0] == '\0') {
			if (!create)
				return NULL;
			memset(&t->e[i], 0, sizeof(t->e[i]));
			snprintf(t->e[i].token, sizeof(t->e[i].token), "%s",
			    token);
			t->n++;
			return &t->e[i];
		}
		if (strcmp(t->e[i].token, token) == 0)
			return &t->e[i];
	}
}

/*
 * send: the /send lookup (message tokens too, with prefs).  A cached
 * message token is invisible to the other lookups.
 */
static int
lookup(struct tokens *t, struct store *s, const char *token, int send,
    struct store_user *out, struct tokens_prefs *prefs)
{
	struct store_open_settings os;
	struct store_udef d;
	struct entry *e;
	int64_t now = clock_mono_ms();
	int rc, msg = 0;

	if (strlen(token) >= sizeof(e->token))
		return FG_ENOENT;
	pthread_mutex_lock(&t->mu);
	e = slot(t, token, 0);
	if (e && e->have_user && now - e->fetched_ms < TOKENS_TTL_MS &&
	    (!send || e->have_prefs)) {
		rc = e->msg_token && !send ? FG_ENOENT : 0;
		if (rc == 0) {
			*out = e->user;
			if (prefs)
				*prefs = e->prefs;
		}
		pthread_mutex_unlock(&t->mu);
		return rc;
	}
	pthread_mutex_unlock(&t->mu);

	if (s == NULL)
		return FG_ESTORE;
	rc = dir_user_get(s, "token", token, out);
	if (rc == FG_ENOENT && send) {
		rc = dir_token_user(s, token, clock_ms(), out);
		msg = 1;
	}
	if (rc != 0)
		return rc;
	if (out->disabled)	/* feige user disable; not cached */
		return FG_ENOENT;
	if (send) {
		if (dir_settings_get(s, out->id, &os) != 0)
			return FG_ESTORE;
		memset(prefs, 0, sizeof(*prefs));
		prefs->is_send = os.is_send;
		if ((rc = dir_udef_for_token(s, out->id, msg ? token : NULL,
		    &d)) != 0 && rc != FG_ENOENT)
			return FG_ESTORE;
		if (rc == 0) {
		snprintf(prefs->channel, sizeof(prefs->channel), "%s",
			    d.channel);
		snprintf(prefs->webhook, sizeof(prefs->webhook), "%s",
			    d.option);
			snprintf(prefs->pre, sizeof(prefs->pre), "%s", d.pre);
		}
	}
	pthread_mutex_lock(&t->mu);
	e = slot(t, token, 1);
	e->have_user = 1;
	e->msg_token = msg;
	e->fetched_ms = now;
	e->user = *out;
	e->have_prefs = send;
	if (send)
		e->prefs = *prefs;
	pthread_mutex_unlock(&t->mu);
	return 0;
}

int
tokens_lookup(struct tokens *t, struct store *s, const char *token,
    struct store_user *out)
{
	return lookup(t, s, token, 0, out, NULL);
}

int
tokens_lookup_send(struct tokens *t, struct store *s, const char *token,
    struct store_user *out, struct tokens_prefs *prefs)
{
	return lookup(t, s, token, 1, out, prefs);
}

void
tokens_forget(struct tokens *t, const char *token)
{
	struct entry *e;

	if (strlen(token) >= sizeof(e->token))
		return;
	pthread_mutex_lock(&t->mu);
	if ((e = slot(t, token, 0)) != NULL)
		e->have_user = 0;
	pthread_mutex_unlock(&t->mu);
}

void
tokens_rate_key(const char *token, char *key, size_t size)
{
	snprintf(key, size, "rate:%s", token);
}

int64_t
tokens_rate_until(const char *token, int per_minute)
{
	struct store *s = store_reader();
	int64_t win = clock_ms() / 60000, n = 0;
	char key[96];

	if (per_minute <= 0 || s == NULL)
		return 0;
	tokens_rate_key(token, key, sizeof(key));
	if (spool_rate_count(s, key, win, &n) != 0)
		return 0;
	return n >= per_minute ? (win + 1) * 60000 : 0;
}
