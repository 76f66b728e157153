/*
 * faillimit.c: failure counting for guessable secrets (faillimit.h).
 *
 * Open addressing over a power-of-two table: a key's slots are the
 * PROBE slots from its hash (FNV-1a; the keys are not attacker-chosen
 * in a way that matters, since a collision only shares a count within
 * a probe run of 8).  An expired window is as good as an empty slot.
 */
#include <stdio.h>
#include <string.h>

#include "util/faillimit.h"

#define PROBE	8

static uint32_t
hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int
live(const struct faillimit *fl, const struct faillimit_slot *sl,
    int64_t now)
{
	return sl->key[0] != '\0' && now - sl->since_ms < fl->window_ms;
}

/* the slot holding key, or NULL */
static struct faillimit_slot *
find(struct faillimit *fl, const char *key)
{
	uint32_t h = hash(key);
	int i;

	for (i = 0; i < PROBE; i++) {
		struct faillimit_slot *sl =
		    &fl->slot[(h + (uint32_t)i) & (FAILLIMIT_SLOTS - 1)];

		if (strncmp(sl->key, key, FAILLIMIT_KEY - 1) == 0 &&
		    sl->key[0] != '\0')
			return sl;
	}
	return NULL;
}

int
faillimit_blocked(struct faillimit *fl, const char *key, int64_t now)
{
	struct faillimit_slot *sl;
	int blocked;

	pthread_mutex_lock(&fl->mu);
	sl = find(fl, key);
	blocked = sl != NULL && live(fl, sl, now) && sl->count >= fl->max;
	pthread_mutex_unlock(&fl->mu);
	return blocked;
}

void
faillimit_fail(struct faillimit *fl, const char *key, int64_t now)
{
	struct faillimit_slot *sl, *old = NULL;
	uint32_t h = hash(key);
	int i;

	pthread_mutex_lock(&fl->mu);
	if ((sl = find(fl, key)) == NULL || !live(fl, sl, now)) {
		if (sl == NULL)
			for (i = 0; i < PROBE; i++) {
				struct faillimit_slot *c = &fl->slot[(h +
				    (uint32_t)i) & (FAILLIMIT_SLOTS - 1)];

				if (!live(fl, c, now)) {
					sl = c;
					break;
				}
				if (old == NULL || c->since_ms < old->since_ms)
					old = c;
			}
		if (sl == NULL)
			sl = old;
		snprintf(sl->key, sizeof(sl->key), "%s", key);
		sl->count = 0;
		sl->since_ms = now;
	}
	sl->count++;
	pthread_mutex_unlock(&fl->mu);
}

void
faillimit_clear(struct faillimit *fl, const char *key)
{
	struct faillimit_slot *sl;

	pthread_mutex_lock(&fl->mu);
	if ((sl = find(fl, key)) != NULL)
		sl->key[0] = '\0';
	pthread_mutex_unlock(&fl->mu);
}
