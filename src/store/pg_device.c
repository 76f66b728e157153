/*
 * pg_device.c: a person's devices (devices, store_device.h) and the
 * kept values of the meta table.
 *
 * device_put is an upsert on the device's identity (user, type,
 * endpoint, dkey): a second add of the same subscription replaces its
 * keys and its last_seen_ms, keeps its id and created_ms, and the id is
 * read back by that identity, as in sqlite_device.c.
 *
 * meta_keep is the first-writer-wins rule of the shortCode key
 * (pg_load_key): ON CONFLICT DO NOTHING with a freshly made value,
 * then read what is there, so nodes starting together agree on one.
 */
#include <stdio.h>

#include "util/errors.h"
#include "store/pg_row.h"

#define DEV_COLS \
	"id, user_id, type, endpoint, dkey, p256dh, auth, " \
	"created_ms, last_seen_ms, verify"

static const struct sq_row device_row = SQ_ROW(struct store_device, id,
    user_id, type, endpoint, dkey, p256dh, auth, created_ms, last_seen_ms,
    verify);

int
pg_device_put(struct store *s, struct store_device *d)
{
	int rc;

	rc = pg_run(pg_prep(s,
			"INSERT INTO devices(user_id, type, endpoint, dkey, "
			"p256dh, auth, created_ms, last_seen_ms, verify) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
			"ON CONFLICT(user_id, type, endpoint, dkey) "
			"DO UPDATE SET p256dh = "
			"excluded.p256dh, auth = excluded.auth, last_seen_ms "
			"= excluded.last_seen_ms"),
	    PGO_RUN, "IsssssIIs", d->user_id, d->type, d->endpoint, d->dkey,
	    d->p256dh, d->auth, d->created_ms, d->last_seen_ms, d->verify);
	if (rc != 0)
		return rc;
	return pg_device_find(s, d, d);
}

/* The row with d's identity into out (which may be d). */
int
pg_device_find(struct store *s, const struct store_device *d,
    struct store_device *out)
{
	struct store_device k = *d;

	return pg_one(pg_prep(s,
			  "SELECT " DEV_COLS " FROM devices WHERE user_id = ? "
			  "AND type = ? AND endpoint = ? AND dkey = ?"),
	    PG_FINAL, &device_row, out, "Isss", k.user_id, k.type, k.endpoint,
	    k.dkey);
}

int
pg_device_get(struct store *s, int64_t id, struct store_device *out)
{
	return pg_one(pg_prep(s,
			  "SELECT " DEV_COLS " FROM devices WHERE id = ?"),
	    PG_FINAL, &device_row, out, "I", id);
}

/* The device whose confirmation secret is secret, now confirmed. */
int
pg_device_verify(struct store *s, const char *secret, struct store_device *out)
{
	int rc;

	if (*secret == '\0')
		return FG_ENOENT;
	if ((rc = pg_one(pg_prep(s,
			     "SELECT " DEV_COLS " FROM devices WHERE "
			     "verify = ?"),
		 PG_FINAL, &device_row, out, "s", secret)) != 0)
		return rc;
	*out->verify = '\0';
	return pg_run(pg_prep(s,
			  "UPDATE devices SET verify = '' WHERE "
			  "id = ?"),
	    PG_FINAL, "I", out->id);
}

/* Its pushes not sent yet never will be: they say so (store_push.h). */
int
pg_device_delete(struct store *s, int64_t id)
{
	int rc;

	rc = pg_run(pg_prep(s, "DELETE FROM devices WHERE id = ?"),
	    PGO_RUN | PG_CHANGES, "I", id);
	if (rc == 0)
		rc = pg_run(pg_prep(s,
				"UPDATE pushes SET status = 'gone', "
				"error = 'the device was deleted' WHERE "
				"device_id = ? AND "
				"status IN ('pending', 'waiting')"),
		    PGO_RUN, "I", id);
	return rc;
}

int
pg_device_count(struct store *s, int64_t user, int64_t *n)
{
	return pg_i64(pg_prep(s,
			  "SELECT count(*) FROM devices WHERE user_id = ?"),
	    PG_FINAL, n, "I", user);
}

int
pg_device_list(struct store *s, int64_t user, store_device_cb cb, void *arg)
{
	return pg_each(pg_prep(s,
			   "SELECT " DEV_COLS
			   " FROM devices WHERE user_id = ? "
			   "ORDER BY id"),
	    PG_FINAL, &device_row, (sq_row_cb)cb, arg, "I", user);
}

/* The device of type with that endpoint (a WeChat openid), anyone's. */
int
pg_device_by_endpoint(struct store *s, const char *type, const char *endpoint,
    struct store_device *out)
{
	return pg_one(pg_prep(s,
			  "SELECT " DEV_COLS " FROM devices WHERE "
			  "type = ? AND endpoint = ? ORDER BY id LIMIT 1"),
	    PG_FINAL, &device_row, out, "ss", type, endpoint);
}

int
pg_meta_keep(struct store *s, const char *key, const char *value, char *out,
    size_t size)
{
	PGresult *res;
	int rc;

	if ((rc = pg_run(pg_prep(s,
			     "INSERT INTO meta(key, value) VALUES "
			     "(?, ?) ON CONFLICT (key) DO NOTHING"),
		 PGO_RUN, "ss", key, value)) != 0)
		return rc;
	if ((rc = pg_first(pg_prep(s, "SELECT value FROM meta WHERE key = ?"),
		 &res, "s", key)) == 0) {
		pg_col_copy(res, 0, 0, out, size);
		PQclear(res);
	}
	return rc;
}
