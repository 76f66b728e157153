/*
 * test_hostlimit.c: at most per_host requests to one host at a time,
 * hosts told apart as libcurl parses URLs (case-insensitively), slots
 * given back on leave, no limit when per_host is 0.
 */
#include <string.h>
#include <strings.h>

#include "channel/channel_int.h"
#include "harness.h"

static void
configure(int per_host)
{
	struct channel_settings cs;
	struct strbuf err = STRBUF_INIT;

	memset(&cs, 0, sizeof(cs));
	cs.timeout_ms = 1000;
	cs.wecom_base = cs.ca_file = cs.mail_host = cs.mail_account = "";
	cs.mail_password = cs.mail_from = "";
	cs.per_host = per_host;
	(void)channel_configure(&cs, &err);
	strbuf_release(&err);
}

TEST(per_host_limit)
{
	char a[CHAN_HOST_MAX], b[CHAN_HOST_MAX], c[CHAN_HOST_MAX];
	char d[CHAN_HOST_MAX];

	configure(2);
	CHECK(chan_host_enter("https://Hook.example/a?k=1", a) == 0);
	CHECK(strcasecmp(a, "hook.example") == 0);
	CHECK(chan_host_enter("http://hook.example:8080/b", b) == 0);
	CHECK(chan_host_enter("https://HOOK.example/c", c) == -1);
	CHECK(chan_host_enter("https://other.example/", d) == 0);
	chan_host_leave(d);
	chan_host_leave(a);
	CHECK(chan_host_enter("https://hook.example/c", c) == 0);
	chan_host_leave(b);
	chan_host_leave(c);
	/* nothing left in flight: two again */
	CHECK(chan_host_enter("https://hook.example/", a) == 0);
	CHECK(chan_host_enter("https://hook.example/", b) == 0);
	chan_host_leave(a);
	chan_host_leave(b);
}

TEST(unlimited)
{
	char h[CHAN_HOST_MAX];
	int i;

	configure(0);
	for (i = 0; i < 10; i++)
		CHECK(chan_host_enter("https://hook.example/", h) == 0);
	CHECK(chan_host_enter("not a url", h) == 0);
}

int
main(void)
{
	RUN(per_host_limit);
	RUN(unlimited);
	DONE();
}
