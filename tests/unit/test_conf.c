/*
 * test_conf.c: unit tests for src/core/conf.c: the defaults, conf_set's
 * type and range checks and their messages, and the file parser
 * (comments, quotes, blank lines, CRLF, errors naming file:line).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#include "core/conf.h"
#include "util/errors.h"
#include "util/strbuf.h"

static char tmpdir[] = "/tmp/feige-conf-XXXXXX";
static char path[256];

/* Writes text to the test's config file and returns its path. */
static const char *
write_conf(const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return NULL;
	fputs(text, f);
	fclose(f);
	return path;
}

TEST(defaults)
{
	struct conf c;

	conf_defaults(&c);
	CHECK_STR(c.listen, "127.0.0.1:8080");
	CHECK_STR(c.data_dir, "./var");
	CHECK_STR(c.public_url, "");
	CHECK_STR(c.log_level, "info");
	CHECK(c.http_threads == 1);
	CHECK(c.http_conn_limit == 10000);
	CHECK(c.http_timeout_s == 60);
	CHECK(c.http_header_kb == 32);
	CHECK(c.workers == 4);
	CHECK(c.inline_inbox == 1);
	CHECK(c.store_sync_full == 1);
	CHECK(c.writer_batch == 1024);
	CHECK(c.pp_title_max == 100);
	CHECK(c.pp_content_max == 20000);
	CHECK(c.pp_to_max == 10);
	CHECK(c.pp_rate_limit == 0);
	CHECK(c.cb_timeout_ms == 5000);
	CHECK(c.cb_tries == 3);
	CHECK(c.cb_allow_private == 0);
	CHECK(c.retry_max == 5);
	CHECK(c.retry_base_ms == 1000);
}

TEST(set_ok)
{
	struct conf c;
	struct strbuf err = STRBUF_INIT;

	conf_defaults(&c);
	CHECK(conf_set(&c, "queue.workers", "8", &err) == 0);
	CHECK(c.workers == 8);
	CHECK(conf_set(&c, "queue.workers", "256", &err) == 0);	/* max */
	CHECK(c.workers == 256);
	CHECK(conf_set(&c, "queue.workers", "1", &err) == 0);	/* min */
	CHECK(c.workers == 1);
	CHECK(conf_set(&c, "pushplus.rate_limit", "0", &err) == 0);
	CHECK(conf_set(&c, "listen", "0.0.0.0:0", &err) == 0);
	CHECK_STR(c.listen, "0.0.0.0:0");
	CHECK(conf_set(&c, "public_url", "", &err) == 0);
	CHECK_STR(c.public_url, "");
	CHECK(conf_set(&c, "callback.allow_private", "YES", &err) == 0);
	CHECK(c.cb_allow_private == 1);
	CHECK(conf_set(&c, "callback.allow_private", "off", &err) == 0);
	CHECK(c.cb_allow_private == 0);
	CHECK(conf_set(&c, "callback.allow_private", "true", &err) == 0);
	CHECK(c.cb_allow_private == 1);
	CHECK(conf_set(&c, "callback.allow_private", "0", &err) == 0);
	CHECK(c.cb_allow_private == 0);
	CHECK(conf_set(&c, "store.sync_full", "On", &err) == 0);
	CHECK(c.store_sync_full == 1);
	CHECK(conf_set(&c, "store.sync_full", "False", &err) == 0);
	CHECK(c.store_sync_full == 0);
	strbuf_release(&err);
}

TEST(set_errors)
{
	struct conf c;
	struct strbuf err = STRBUF_INIT;
	char longv[200];

	conf_defaults(&c);
	CHECK(conf_set(&c, "http.threads", "0", &err) == FG_EINVAL);
	CHECK_STR(err.buf, "option 'http.threads': '0' is not a number in "
	    "1..64");
	CHECK(c.http_threads == 1);
	CHECK(conf_set(&c, "queue.workers", "257", &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "'257'");
	CHECK(conf_set(&c, "queue.workers", "abc", &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "'abc' is not a number");
	CHECK(conf_set(&c, "queue.workers", "8x", &err) == FG_EINVAL);
	CHECK(conf_set(&c, "queue.workers", "", &err) == FG_EINVAL);
	CHECK(conf_set(&c, "queue.workers", "-1", &err) == FG_EINVAL);
	CHECK(conf_set(&c, "queue.workers", "99999999999999999999", &err) ==
	    FG_EINVAL);
	CHECK(conf_set(&c, "queue.workers", "4.5", &err) == FG_EINVAL);
	CHECK(c.workers == 4);

	CHECK(conf_set(&c, "store.sync_full", "maybe", &err) == FG_EINVAL);
	CHECK_STR(err.buf, "option 'store.sync_full': 'maybe' is not yes or "
	    "no");
	CHECK(c.store_sync_full == 1);
	CHECK(conf_set(&c, "store.sync_full", "", &err) == FG_EINVAL);

	memset(longv, 'x', sizeof(longv) - 1);
	longv[sizeof(longv) - 1] = '\0';
	CHECK(conf_set(&c, "listen", longv, &err) == FG_EINVAL);
	CHECK_STR(err.buf, "option 'listen': value too long");
	CHECK_STR(c.listen, "127.0.0.1:8080");

	CHECK(conf_set(&c, "nope", "1", &err) == FG_EINVAL);
	CHECK_STR(err.buf, "unknown option 'nope'");
	/* names are exact */
	CHECK(conf_set(&c, "Queue.Workers", "2", &err) == FG_EINVAL);
	CHECK(conf_set(&c, "queue.workers ", "2", &err) == FG_EINVAL);
	strbuf_release(&err);
}

TEST(load_ok)
{
	struct conf c;
	struct strbuf err = STRBUF_INIT;
	const char *p = write_conf(
	    "# feige test config\n"
	    "\n"
	    "listen = 127.0.0.1:9999\n"
	    "   queue.workers=7   # trailing comment\n"
	    "data_dir = \"/tmp/with space\"\n"
	    "public_url = \"\"\n"
	    "\t\n"
	    "log_level=\"debug\"  # quoted then comment\n"
	    "store.sync_full = no\r\n"
	    "pushplus.title_max = 200\r\n"
	    "   # indented comment = not an option\n"
	    "callback.allow_private = yes");	/* no final newline */

	conf_defaults(&c);
	CHECK(p != NULL);
	CHECK(conf_load(&c, p, &err) == 0);
	CHECK_STR(err.buf, "");
	CHECK_STR(c.listen, "127.0.0.1:9999");
	CHECK(c.workers == 7);
	CHECK_STR(c.data_dir, "/tmp/with space");
	CHECK_STR(c.public_url, "");
	CHECK_STR(c.log_level, "debug");
	CHECK(c.store_sync_full == 0);
	CHECK(c.pp_title_max == 200);
	CHECK(c.cb_allow_private == 1);
	/* untouched options keep their defaults */
	CHECK(c.retry_max == 5);
	strbuf_release(&err);
}

TEST(load_errors)
{
	struct conf c;
	struct strbuf err = STRBUF_INIT;
	char want[512];
	const char *p;

	conf_defaults(&c);
	p = write_conf("# ok\nlisten = 1.2.3.4:5\n\nbogus.key = 1\n"
	    "queue.workers = 9\n");
	CHECK(conf_load(&c, p, &err) == FG_EINVAL);
	snprintf(want, sizeof(want), "%s:4: unknown option 'bogus.key'", p);
	CHECK_STR(err.buf, want);
	CHECK(c.workers == 4);		/* stops at the first error */

	strbuf_reset(&err);
	p = write_conf("queue.workers = 3\nqueue.workers = many\n");
	CHECK(conf_load(&c, p, &err) == FG_EINVAL);
	snprintf(want, sizeof(want), "%s:2: option 'queue.workers': 'many' "
	    "is not a number in 0..256", p);
	CHECK_STR(err.buf, want);

	strbuf_reset(&err);
	p = write_conf("\n\njust some words\n");
	CHECK(conf_load(&c, p, &err) == FG_EINVAL);
	snprintf(want, sizeof(want), "%s:3: expected 'key = value'", p);
	CHECK_STR(err.buf, want);

	strbuf_reset(&err);
	CHECK(conf_load(&c, "/nonexistent/feige.conf", &err) == FG_EIO);
	CHECK_CONTAINS(err.buf, "/nonexistent/feige.conf");
	strbuf_release(&err);
}

TEST(environment)
{
	struct conf c;
	struct strbuf err = STRBUF_INIT;

	conf_defaults(&c);
	setenv("FEIGE_HTTP_THREADS", "7", 1);
	setenv("FEIGE_DATA", "/srv/feige", 1);
	setenv("FEIGE_MAIL_HOST", "smtp.example.com", 1);
	CHECK(conf_env(&c, &err) == 0);
	CHECK(c.http_threads == 7);
	CHECK_STR(c.data_dir, "/srv/feige");
	CHECK_STR(c.mail_host, "smtp.example.com");
	setenv("FEIGE_DATA_DIR", "/var/lib/feige", 1);	/* long name wins */
	CHECK(conf_env(&c, &err) == 0);
	CHECK_STR(c.data_dir, "/var/lib/feige");
	setenv("FEIGE_HTTP_THREADS", "0", 1);
	CHECK(conf_env(&c, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "environment FEIGE_HTTP_THREADS");
	unsetenv("FEIGE_HTTP_THREADS");
	unsetenv("FEIGE_DATA");
	unsetenv("FEIGE_DATA_DIR");
	unsetenv("FEIGE_MAIL_HOST");
	strbuf_release(&err);
}

TEST(trusted_proxies_checked)
{
	struct conf c;
	struct strbuf err = STRBUF_INIT;

	conf_defaults(&c);
	CHECK_STR(c.http_trusted_proxies, "");
	CHECK(conf_set(&c, "http.trusted_proxies", "127.0.0.1, 10.0.0.0/8 ::1",
	    &err) == 0);
	CHECK(conf_set(&c, "http.trusted_proxies", "10.0.0.0/33", &err) != 0);
	CHECK_CONTAINS(err.buf, "http.trusted_proxies");
	CHECK_CONTAINS(err.buf, "10.0.0.0/33");
	strbuf_release(&err);
}

TEST(channel_proxy_checked)
{
	struct conf c;
	struct strbuf err = STRBUF_INIT;

	conf_defaults(&c);
	CHECK_STR(c.ch_proxy, "");
	CHECK(c.ch_per_host == 16 && c.ch_max_inflight == 512);
	CHECK(conf_set(&c, "channel.proxy", "http://127.0.0.1:3128", &err) ==
	    0);
	CHECK_STR(c.ch_proxy, "http://127.0.0.1:3128");
	CHECK(conf_set(&c, "channel.proxy", "socks5h://p:1080", &err) == 0);
	CHECK(conf_set(&c, "channel.proxy", "", &err) == 0);
	CHECK(conf_set(&c, "channel.proxy", "ftp://p:21", &err) != 0);
	CHECK_CONTAINS(err.buf, "channel.proxy");
	CHECK(conf_set(&c, "channel.proxy", "http://", &err) != 0);
	CHECK(conf_set(&c, "channel.proxy", "proxy:3128", &err) != 0);
	strbuf_release(&err);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/feige.conf", tmpdir);
	RUN(defaults);
	RUN(set_ok);
	RUN(set_errors);
	RUN(load_ok);
	RUN(load_errors);
	RUN(environment);
	RUN(trusted_proxies_checked);
	RUN(channel_proxy_checked);
	unlink(path);
	rmdir(tmpdir);
	DONE();
}
