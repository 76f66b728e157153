/*
 * test_device.c: a person's devices (ops/device.c, twin_device.c) and
 * the kept VAPID key (channel/vapid_keep.c): the checks, the upsert on
 * re-subscribe, the per-person cap, own-devices-only delete, and one
 * VAPID key across reopenings of the store.
 */
#include "harness.h"
#include "harness_store.h"

#include "channel/webpush.h"
#include "ops/device.h"
#include "store/store.h"
#include "util/errors.h"
#include "util/strbuf.h"

#include <string.h>

static char dir[] = "/tmp/feige-device-XXXXXX";
static struct store *db;
static struct store_user alice, bob;

/* RFC 8291 Appendix A: the user agent's public key and auth secret */
#define UA_PUBLIC "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWX" \
	"vTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"
#define UA_AUTH "BTBZMqHH6r4Tts7J_aSIgg"

#define end(rc)	harness_end(db, (rc))

static int
check(const char *type, const char *endpoint, const char *p256dh,
    const char *auth, int allow_private, struct store_device *d,
    struct strbuf *err)
{
	struct ops_device_in in = { 0 };

	in.type = type;
	in.endpoint = endpoint;
	in.p256dh = p256dh;
	in.auth = auth;
	in.allow_private = allow_private;
	in.keys_ok = webpush_keys_ok;
	strbuf_reset(err);
	return ops_device_check(&in, d, err);
}

TEST(checks)
{
	struct strbuf err = STRBUF_INIT;
	struct store_device d;
	const char *ep = "https://push.example.com/x";

	CHECK(check("webpush", ep, UA_PUBLIC, UA_AUTH, 0, &d, &err) == 0);
	CHECK_STR(d.p256dh, UA_PUBLIC);
	/* one bit off the point: not on the curve */
	CHECK(check("webpush", ep, "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORc"
	    "xaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw5", UA_AUTH, 0, &d,
	    &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "p256dh");
	CHECK(check("webpush", ep, UA_PUBLIC, "BTBZMqHH6r4Tts7J_aSI", 0, &d,
	    &err) == FG_EINVAL);
	CHECK(check("webpush", ep, UA_PUBLIC, NULL, 0, &d, &err) == FG_EINVAL);
	CHECK(check("webpush", "http://push.example.com/x", UA_PUBLIC, UA_AUTH,
	    0, &d, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "allow_private");
	CHECK(check("webpush", "https://10.0.0.1/x", UA_PUBLIC, UA_AUTH, 0, &d,
	    &err) == FG_EINVAL);
	CHECK(check("webpush", "https://10.0.0.1/x", UA_PUBLIC, UA_AUTH, 1, &d,
	    &err) == 0);
	CHECK(check("webpush", "http://127.0.0.1:9/x", UA_PUBLIC, UA_AUTH, 1,
	    &d, &err) == 0);
	CHECK(check("gcm", ep, NULL, NULL, 0, &d, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "type must be");
	CHECK(check(NULL, ep, NULL, NULL, 0, &d, &err) == FG_EINVAL);
	CHECK(check("unifiedpush", ep, NULL, NULL, 0, &d, &err) == FG_EINVAL);
	CHECK(check("unifiedpush", ep, UA_PUBLIC, UA_AUTH, 0, &d, &err) == 0);
	CHECK_STR(d.type, "unifiedpush");
	strbuf_release(&err);
}

static int
put(int64_t user, const char *endpoint, struct store_device *d)
{
	struct strbuf err = STRBUF_INIT;
	int rc;

	rc = check("unifiedpush", endpoint, UA_PUBLIC, UA_AUTH, 0, d, &err);
	d->user_id = user;
	CHECK(store_begin(db) == 0);
	if (rc == 0)
		rc = ops_device_add(db, d, 1000, &err);
	rc = end(rc);
	strbuf_release(&err);
	return rc;
}

TEST(upsert_cap_delete)
{
	struct strbuf err = STRBUF_INIT;
	struct store_device a, b, got;
	char ep[64];
	int i;

	CHECK(put(alice.id, "https://up.example.com/0", &a) == 0);
	CHECK(put(alice.id, "https://up.example.com/0", &b) == 0);
	CHECK(a.id == b.id);
	CHECK(put(bob.id, "https://up.example.com/0", &b) == 0);
	CHECK(a.id != b.id);
	for (i = 1; i < OPS_DEVICE_MAX; i++) {
		snprintf(ep, sizeof(ep), "https://up.example.com/%d", i);
		CHECK(put(alice.id, ep, &got) == 0);
	}
	CHECK(put(alice.id, "https://up.example.com/x", &got) == FG_ETOOBIG);
	CHECK(put(alice.id, "https://up.example.com/3", &got) == 0);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_device_delete(db, bob.id, a.id, &err)) == FG_ENOENT);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_device_delete(db, alice.id, a.id, &err)) == 0);
	CHECK(dir_device_get(db, a.id, &got) == FG_ENOENT);
	CHECK(put(alice.id, "https://up.example.com/x", &got) == 0);
	strbuf_release(&err);
}

static int
count_verify(void *arg, const struct store_push_job *j)
{
	if (j->p.kind == STORE_PUSH_VERIFY)
		(*(int *)arg)++;
	return 0;
}

/* An e-mail address: refused without mail.host; confirmed by its link. */
TEST(email_confirmed)
{
	struct strbuf err = STRBUF_INIT;
	struct ops_device_in in = { 0 };
	struct store_device d, again, got;
	int n = 0;

	in.type = "email";
	in.address = "carol@example.com";
	CHECK(ops_device_check(&in, &d, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "mail.host");
	in.mail_ok = 1;
	CHECK(ops_device_check(&in, &d, &err) == 0);
	d.user_id = bob.id;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_device_add(db, &d, 1000, &err)) == 0);
	CHECK(strlen(d.verify) == 32);
	CHECK(spool_push_due(db, 2000, 100, count_verify, &n) == 0);
	CHECK(n == 1);
	/* added again: the same secret, no second confirmation mail */
	CHECK(ops_device_check(&in, &again, &err) == 0);
	again.user_id = bob.id;
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_device_add(db, &again, 1500, &err)) == 0);
	CHECK_STR(again.verify, d.verify);
	n = 0;
	CHECK(spool_push_due(db, 2000, 100, count_verify, &n) == 0);
	CHECK(n == 1);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_device_verify(db, "0123", &got, &err)) == FG_ENOENT);
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_device_verify(db, d.verify, &got, &err)) == 0);
	CHECK(got.id == d.id && *got.verify == '\0');
	CHECK(dir_device_get(db, d.id, &got) == 0 && *got.verify == '\0');
	CHECK(store_begin(db) == 0);
	CHECK(end(ops_device_verify(db, d.verify, &got, &err)) == FG_ENOENT);
	strbuf_release(&err);
}

TEST(vapid_kept)
{
	struct strbuf err = STRBUF_INIT;
	struct vapid_key k1, k2;
	struct store *again;

	CHECK(vapid_load(db, &k1, &err) == 0);
	CHECK(store_open_dir(dir, 0, &again, &err) == 0);
	CHECK(vapid_load(again, &k2, &err) == 0);
	CHECK(memcmp(&k1, &k2, sizeof(k1)) == 0);
	/* a damaged row stops the start */
	CHECK(harness_sql(dir, "UPDATE meta SET value = 'AAAA' "
	    "WHERE key = 'vapid_key'") == 0);
	CHECK(vapid_load(again, &k2, &err) == FG_EINVAL);
	store_close(again);
	strbuf_release(&err);
}

int
main(void)
{
	struct strbuf err = STRBUF_INIT;
	int rc;

	if (harness_store(dir, &db) != 0 ||
	    dir_user_add(db, "alice", 0, &alice, &err) != 0 ||
	    dir_user_add(db, "bob", 0, &bob, &err) != 0) {
		fprintf(stderr, "setup: %s\n", err.buf);
		return 1;
	}
	strbuf_release(&err);
	RUN(checks);
	RUN(upsert_cap_delete);
	RUN(email_confirmed);
	RUN(vapid_kept);
	store_close(db);
	harness_rm_dir(dir);
	rc = harness_fail ? 1 : 0;
	printf("%s: %d passed, %d failed\n", __FILE__, harness_pass,
	    harness_fail);
	return rc;
}
