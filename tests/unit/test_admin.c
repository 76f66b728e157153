/*
 * test_admin.c: unit tests of the operator's pieces (issue 12,
 * "Operators"): the spool's failed deliveries (list by channel, paged
 * by id, counts with the newest error), a retry asked for and claimed
 * exactly once (ops_delivery_retry, spool_admin_requested/claim), the
 * storage of a data dir (ops_storage), the configuration with secrets
 * masked (conf_each) and the in-process read of counters
 * (metrics_each).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness_store.h"

#include "core/conf.h"
#include "core/message.h"
#include "ops/admin.h"
#include "store/spool.h"
#include "util/errors.h"
#include "util/metrics.h"

static char dir[] = "/tmp/feige-admin-XXXXXX";
static struct store *db;
static struct store_user u1;
static int64_t msg_a, msg_b, dl_a1, dl_a2, dl_b;
static char sc_a[40];

/* A message of u1 on channel to n recipients (u1 each time). */
static int64_t
message(const char *channel, int64_t *dids, size_t n, char *sc)
{
	struct strbuf err = STRBUF_INIT;
	int64_t users[4] = { u1.id, u1.id, u1.id, u1.id };
	struct message m;

	memset(&m, 0, sizeof(m));
	m.sender_id = u1.id;
	m.title = (char *)"a title";
	m.content = (char *)"c";
	m.content_len = 1;
	snprintf(m.channel, sizeof(m.channel), "%s", channel);
	m.webhook = m.callback_url = m.error = (char *)"";
	m.created_ms = clock_ms();
	if (spool_message_insert(db, &m, users, n, channel, dids, &err) != 0)
		return -1;
	if (sc)
		snprintf(sc, 40, "%s", m.short_code);
	strbuf_release(&err);
	return m.id;
}

struct rows {
	int64_t id[8];
	char error[8][600];
	char sc[8][40];
	int n;
};

static int
one_failed(void *arg, const struct store_failed *f)
{
	struct rows *r = arg;

	r->id[r->n] = f->id;
	snprintf(r->error[r->n], sizeof(r->error[0]), "%s", f->error);
	snprintf(r->sc[r->n], sizeof(r->sc[0]), "%s", f->short_code);
	r->n++;
	return 0;
}

static int
one_state(void *arg, const struct store_chan_state *s)
{
	struct rows *r = arg;

	r->id[r->n] = s->n * 10 + s->status;
	snprintf(r->error[r->n], sizeof(r->error[0]), "%s:%s", s->channel,
	    s->last_error);
	r->n++;
	return 0;
}

static int
one_requested(void *arg, const struct store_delivery *d)
{
	struct rows *r = arg;

	r->id[r->n++] = d->id;
	return 0;
}

TEST(failed_list_and_states)
{
	int64_t d[2];
	struct rows r = { 0 };

	CHECK((msg_a = message("webhook", d, 2, sc_a)) > 0);
	dl_a1 = d[0];
	dl_a2 = d[1];
	CHECK((msg_b = message("mail", &dl_b, 1, NULL)) > 0);
	CHECK(spool_delivery_update(db, dl_a1, MSG_FAILED, 3, 0, "boom 1") == 0);
	CHECK(spool_delivery_update(db, dl_a2, MSG_FAILED, 3, 0, "boom 2") == 0);
	CHECK(spool_delivery_update(db, dl_b, MSG_SENDING, 1, 0, "later") == 0);
	CHECK(spool_message_set_status(db, msg_a, MSG_FAILED, "boom 1") == 0);

	CHECK(spool_admin_failed(db, "", 0, 10, one_failed, &r) == 0);
	CHECK(r.n == 2);
	CHECK(r.id[0] == dl_a2 && r.id[1] == dl_a1);	/* newest first */
	CHECK_STR(r.error[0], "boom 2");
	CHECK_STR(r.sc[0], sc_a);
	memset(&r, 0, sizeof(r));
	CHECK(spool_admin_failed(db, "webhook", dl_a2, 10, one_failed, &r) == 0);
	CHECK(r.n == 1 && r.id[0] == dl_a1);		/* the next page */
	memset(&r, 0, sizeof(r));
	CHECK(spool_admin_failed(db, "mail", 0, 10, one_failed, &r) == 0);
	CHECK(r.n == 0);				/* retrying, not failed */

	memset(&r, 0, sizeof(r));
	CHECK(spool_admin_states(db, one_state, &r) == 0);
	CHECK(r.n == 2);
	CHECK(r.id[0] == 11);				/* mail: 1 retrying */
	CHECK_STR(r.error[0], "mail:later");
	CHECK(r.id[1] == 23);				/* webhook: 2 failed */
	CHECK_STR(r.error[1], "webhook:boom 2");
}

TEST(retry_one_claimed_once)
{
	struct strbuf err = STRBUF_INIT;
	struct message m;
	struct rows r = { 0 };
	int64_t n = -1;

	CHECK(ops_delivery_retry(db, 0, "", &n, &err) == FG_EINVAL);
	CHECK(ops_delivery_retry(db, dl_b, "", &n, &err) == FG_ENOENT);
	CHECK_CONTAINS(err.buf, "has not failed");
	CHECK(ops_delivery_retry(db, dl_a1, "", &n, &err) == 0 && n == 1);
	CHECK(spool_message_get_id(db, msg_a, &m) == 0);
	CHECK(m.status == MSG_SENDING);
	CHECK_STR(m.error, "");
	message_release(&m);
	/* asked twice: the second finds nothing failed */
	CHECK(ops_delivery_retry(db, dl_a1, "", &n, &err) == FG_ENOENT);
	CHECK(spool_admin_requested(db, 10, one_requested, &r) == 0);
	CHECK(r.n == 1 && r.id[0] == dl_a1);
	CHECK(spool_admin_claim(db, dl_a1) == 0);
	CHECK(spool_admin_claim(db, dl_a1) == FG_ENOENT);	/* once */
	memset(&r, 0, sizeof(r));
	CHECK(spool_admin_requested(db, 10, one_requested, &r) == 0);
	CHECK(r.n == 0);
	strbuf_release(&err);
}

TEST(retry_channel)
{
	struct strbuf err = STRBUF_INIT;
	struct rows r = { 0 };
	int64_t n = -1;

	CHECK(ops_delivery_retry(db, 0, "mail", &n, &err) == 0 && n == 0);
	CHECK(ops_delivery_retry(db, 0, "webhook", &n, &err) == 0 && n == 1);
	CHECK(spool_admin_requested(db, 10, one_requested, &r) == 0);
	CHECK(r.n == 1 && r.id[0] == dl_a2);
	CHECK(spool_admin_claim(db, 0) == 0);		/* all, as at start */
	memset(&r, 0, sizeof(r));
	CHECK(spool_admin_failed(db, "", 0, 10, one_failed, &r) == 0);
	CHECK(r.n == 0);
	strbuf_release(&err);
}

TEST(storage)
{
	struct ops_storage st;
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/images", dir);
	CHECK(mkdir(path, 0700) == 0);
	snprintf(path, sizeof(path), "%s/images/x.png", dir);
	CHECK((f = fopen(path, "w")) != NULL);
	if (f) {
		fputs("12345", f);
		fclose(f);
	}
	ops_storage(dir, &st);
	CHECK(st.db > 0);
	CHECK(st.images == 5 && st.n_images == 1);
	CHECK(st.total == st.db + st.wal + st.shm + st.images);
	unlink(path);
	snprintf(path, sizeof(path), "%s/images", dir);
	rmdir(path);
}

struct seen {
	char mail[64], secret_key[64], listen[64];
	int secret_flag;
};

static int
one_opt(void *arg, const char *name, const char *value, const char *help,
    int secret)
{
	struct seen *s = arg;

	(void)help;
	if (strcmp(name, "mail.password") == 0) {
		snprintf(s->mail, sizeof(s->mail), "%s", value);
		s->secret_flag = secret;
	} else if (strcmp(name, "sms.secret_key") == 0)
		snprintf(s->secret_key, sizeof(s->secret_key), "%s", value);
	else if (strcmp(name, "listen") == 0)
		snprintf(s->listen, sizeof(s->listen), "%s", value);
	return 0;
}

TEST(conf_masked)
{
	struct strbuf err = STRBUF_INIT;
	struct seen s = { 0 };
	struct conf c;

	conf_defaults(&c);
	CHECK(conf_set(&c, "mail.password", "hunter2", &err) == 0);
	CHECK(conf_each(&c, one_opt, &s) == 0);
	CHECK_STR(s.mail, CONF_MASK);
	CHECK(s.secret_flag == 1);
	CHECK_STR(s.secret_key, "");		/* unset: shown as unset */
	CHECK_STR(s.listen, "127.0.0.1:8080");
	strbuf_release(&err);
}

static int
one_series(void *arg, const char *const *vals, int64_t v)
{
	int64_t *sum = arg;

	if (strcmp(vals[0], "webhook") == 0 && strcmp(vals[1], "ok") == 0)
		*sum += v;
	return 0;
}

TEST(metrics_read)
{
	int64_t sum = 0;

	metrics_reset();
	metrics_add(&metric_deliveries, (const char *[]){ "webhook", "ok" }, 2);
	metrics_add(&metric_deliveries, (const char *[]){ "webhook", "ok" }, 3);
	metrics_add(&metric_deliveries, (const char *[]){ "mail", "ok" }, 7);
	CHECK(metrics_each(&metric_deliveries, one_series, &sum) == 0);
	CHECK(sum == 5);
}

int
main(void)
{
	struct strbuf err = STRBUF_INIT;

	if (harness_store(dir, &db) != 0 ||
	    dir_user_add(db, "u1", 0, &u1, &err) != 0) {
		fprintf(stderr, "setup: %s\n", err.buf);
		return 1;
	}
	strbuf_release(&err);
	RUN(failed_list_and_states);
	RUN(retry_one_claimed_once);
	RUN(retry_channel);
	RUN(storage);
	RUN(conf_masked);
	RUN(metrics_read);
	store_close(db);
	harness_rm_dir(dir);
	DONE();
}
