/*
 * test_log.c: a log line cannot be forged.  Control bytes in anything
 * the caller formats come out escaped on one line; log_quote() escapes
 * quotes; log_url() masks credentials.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "util/log.h"

/* run log_emit with stderr on a pipe; the bytes written */
static void
capture(char *out, size_t size, const char *value)
{
	int fds[2], saved = dup(STDERR_FILENO);
	ssize_t n;

	if (pipe(fds) != 0)
		return;
	dup2(fds[1], STDERR_FILENO);
	log_emit(LOG_LVL_WARN, 0, "msg=\"x\" v=\"%s\"", value);
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(fds[1]);
	n = read(fds[0], out, size - 1);
	out[n > 0 ? n : 0] = '\0';
	close(fds[0]);
}

TEST(newline_cannot_forge_a_line)
{
	char out[4096];
	const char *nl;

	capture(out, sizeof(out), "a\nts=2026 level=error msg=\"forged\"\r\x1b[2J\x7f");
	nl = strchr(out, '\n');
	CHECK(nl != NULL && nl[1] == '\0');	/* exactly one line */
	CHECK_CONTAINS(out, "v=\"a\\nts=2026 level=error");
	CHECK_CONTAINS(out, "\\r\\x1b[2J\\x7f\"");
}

TEST(quote_and_url)
{
	char b[LOG_VALUE_MAX];

	CHECK_STR(log_quote(b, sizeof(b), "say \"hi\" \\ bye"),
	    "say \\\"hi\\\" \\\\ bye");
	CHECK_STR(log_quote(b, sizeof(b), NULL), "");
	CHECK_STR(log_url(b, sizeof(b), "https://bob:pw@h.example:8/p?q=a@b"),
	    "https://***@h.example:8/p?q=a@b");
	CHECK_STR(log_url(b, sizeof(b), "https://h.example/p?u=a@b"),
	    "https://h.example/p?u=a@b");
	CHECK(strlen(log_url(b, 8, "https://h.example/")) < 8);	/* cut */
	CHECK(strncmp(b, "https", 5) == 0);
}

int
main(void)
{
	RUN(newline_cannot_forge_a_line);
	RUN(quote_and_url);
	DONE();
}
