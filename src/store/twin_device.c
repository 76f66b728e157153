/*
 * twin_device.c: a person's devices (devices, store_device.h) and the
 * kept values of the meta table, written once for both backends
 * (twin.h): the SQL, the row and the binds are the same in SQLite and
 * PostgreSQL, so sqlite_backend.c and pg_backend.c both point here.
 *
 * device_put is an upsert on the device's identity (user, type,
 * endpoint, dkey): a second add of the same subscription replaces its
 * keys and its last_seen_ms, keeps its id and created_ms, and the id is
 * read back by that identity (so no RETURNING, which SQLite has only
 * since 3.35).
 *
 * meta_keep is the first-writer-wins rule of the shortCode key
 * (sq_load_key, pg_load_key): ON CONFLICT DO NOTHING with a freshly
 * made value, then read what is there, so two processes (or nodes)
 * starting together agree on one value.
 */
#include <stdio.h>
#include <stdlib.h>

#include "util/errors.h"
#include "store/twin.h"
#include "store/twin_tables.h"

#define DEV_COLS \
	"id, user_id, type, endpoint, dkey, p256dh, auth, " \
	"created_ms, last_seen_ms, verify"

static const struct sq_row device_row = SQ_ROW(struct store_device, id,
    user_id, type, endpoint, dkey, p256dh, auth, created_ms, last_seen_ms,
    verify);

int
twin_device_put(struct store *s, struct store_device *d)
{
	int rc;

	rc = twin_run(s,
	    "INSERT INTO devices(user_id, type, endpoint, dkey, p256dh, auth, "
	    "created_ms, last_seen_ms, verify) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT(user_id, type, endpoint, dkey) "
	    "DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth, "
	    "last_seen_ms = excluded.last_seen_ms",
	    TWIN_PLAIN, "IsssssIIs", d->user_id, d->type, d->endpoint, d->dkey,
	    d->p256dh, d->auth, d->created_ms, d->last_seen_ms, d->verify);
	if (rc != 0)
		return rc;
	return twin_device_find(s, d, d);
}

/* The row with d's identity into out (which may be d). */
int
twin_device_find(struct store *s, const struct store_device *d,
    struct store_device *out)
{
	struct store_device k = *d;

	return twin_one(s,
	    "SELECT " DEV_COLS " FROM devices WHERE user_id = ? "
	    "AND type = ? AND endpoint = ? AND dkey = ?",
	    0, &device_row, out, "Isss", k.user_id, k.type, k.endpoint,
	    k.dkey);
}

int
twin_device_get(struct store *s, int64_t id, struct store_device *out)
{
	return twin_one(s, "SELECT " DEV_COLS " FROM devices WHERE id = ?", 0,
	    &device_row, out, "I", id);
}

/* The device whose confirmation secret is secret, now confirmed. */
int
twin_device_verify(struct store *s, const char *secret,
    struct store_device *out)
{
	int rc;

	if (*secret == '\0')
		return FG_ENOENT;
	if ((rc = twin_one(s,
		 "SELECT " DEV_COLS " FROM devices WHERE verify = ?", 0,
		 &device_row, out, "s", secret)) != 0)
		return rc;
	*out->verify = '\0';
	return twin_run(s, "UPDATE devices SET verify = '' WHERE id = ?", 0,
	    "I", out->id);
}

/* Its pushes not sent yet never will be: they say so (store_push.h). */
int
twin_device_delete(struct store *s, int64_t id)
{
	int rc;

	rc = twin_run(s, "DELETE FROM devices WHERE id = ?",
	    TWIN_PLAIN | TWIN_CHANGES, "I", id);
	if (rc == 0)
		rc = twin_run(s,
		    "UPDATE pushes SET status = 'gone', "
		    "error = 'the device was deleted' WHERE device_id = ? AND "
		    "status IN ('pending', 'waiting')",
		    TWIN_PLAIN, "I", id);
	return rc;
}

int
twin_device_count(struct store *s, int64_t user, int64_t *n)
{
	return twin_i64(s, "SELECT count(*) FROM devices WHERE user_id = ?", 0,
	    n, "I", user);
}

int
twin_device_list(struct store *s, int64_t user, store_device_cb cb, void *arg)
{
	return twin_each(s,
	    "SELECT " DEV_COLS " FROM devices WHERE user_id = ? ORDER BY id",
	    0, &device_row, cb, arg, "I", user);
}

/* The device of type with that endpoint (a WeChat openid), anyone's. */
int
twin_device_by_endpoint(struct store *s, const char *type,
    const char *endpoint, struct store_device *out)
{
	return twin_one(s,
	    "SELECT " DEV_COLS " FROM devices WHERE type = ? "
	    "AND endpoint = ? ORDER BY id LIMIT 1",
	    0, &device_row, out, "ss", type, endpoint);
}

int
twin_meta_keep(struct store *s, const char *key, const char *value, char *out,
    size_t size)
{
	struct twin_text t;
	int rc;

	if ((rc = twin_run(s,
		 "INSERT INTO meta(key, value) VALUES (?, ?) "
		 "ON CONFLICT (key) DO NOTHING",
		 TWIN_PLAIN, "ss", key, value)) != 0)
		return rc;
	if ((rc = twin_one(s, "SELECT value FROM meta WHERE key = ?", 0,
		 &twin_text_row, &t, "s", key)) == 0) {
		snprintf(out, size, "%s", t.text);
		free(t.text);
	}
	return rc;
}
