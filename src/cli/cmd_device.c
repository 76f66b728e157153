/*
 * cmd_device.c: `feige device test-push UID DEVICE_ID`: one Web Push
 * to one of a person's registered subscriptions, now, from the CLI.
 *
 * It is the operator's check that the pieces fit, one push at a time
 * and outside the push sender: the VAPID key the server keeps, the
 * subscription's keys, the request (webpush_build) and the push
 * service's answer, printed as it came.  It writes nothing: a 404/410
 * here does not remove the device (the push sender does).  The VAPID
 * contact is the push sender's: webpush.contact, else mailto:feige@
 * the public_url host.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "channel/webpush.h"
#include "cli/cmd.h"
#include "util/strbuf.h"

#define DEVICE_TEST_TITLE "feige"
#define DEVICE_TEST_BODY "测试推送 (test push): Web Push works."

static int
device_load(struct cli_args *a, struct store_device *d, struct vapid_key *k)
{
	struct store *s;
	struct store_user u;
	struct strbuf err = STRBUF_INIT;
	char *end;
	int rc;

	if (cli_open(a, &s) != 0)
		return -1;
	rc = cli_user_by_uid(s, a->pos[0], &u);
	if (rc == 0 &&
	    (dir_device_get(s, strtoll(a->pos[1], &end, 10), d) != 0 ||
		*end != '\0' || d->user_id != u.id))
		rc = cli_fail("user %s has no device %s", a->pos[0],
		    a->pos[1]);
	else if (rc == 0 && strcmp(d->type, "webpush") != 0)
		rc = cli_fail("device %s is %s, not webpush", a->pos[1],
		    d->type);
	if (rc == 0 && vapid_load(s, k, &err) != 0)
		rc = cli_fail("%s", err.buf);
	store_close(s);
	strbuf_release(&err);
	return rc == 0 ? 0 : -1;
}

int
cmd_device_test_push(struct cli_args *a)
{
	struct store_device d;
	struct vapid_key k;
	struct webpush_msg m;
	struct webpush_request r;
	struct strbuf err = STRBUF_INIT;
	char contact[300];
	long status = 0;
	int rc;

	if (device_load(a, &d, &k) != 0)
		return 1;
	memset(&m, 0, sizeof(m));
	m.title = DEVICE_TEST_TITLE;
	m.body = DEVICE_TEST_BODY;
	m.ttl = 60;
	webpush_contact(a->conf.webpush_contact, a->conf.public_url, contact,
	    sizeof(contact));
	m.contact = contact;
	if (app_channels(&a->conf, &err) != 0) {
		rc = cli_fail("%s", err.buf);
		strbuf_release(&err);
		return rc;
	}
	if (webpush_build(&k, d.endpoint, d.p256dh, d.auth, &m, &r, &err) !=
	    0) {
		webpush_request_free(&r);
		rc = cli_fail("%s", err.buf);
		strbuf_release(&err);
		return rc;
	}
	rc = webpush_post(&r, d.endpoint, &status, &err);
	webpush_request_free(&r);
	if (rc != 0) {
		cli_fail("device %s: %s", a->pos[1], err.buf);
		strbuf_release(&err);
		return 1;
	}
	strbuf_release(&err);
	return cli_out(a,
	    json_pack("{s:I,s:i}", "device", (json_int_t)d.id, "status",
		(int)status),
	    "device %lld: push service answered %ld\n", (long long)d.id,
	    status);
}
