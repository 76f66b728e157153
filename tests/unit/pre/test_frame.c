/*
 * test_frame.c: the length-prefixed records between the server and its
 * script workers (src/pre/frame.c): the exact bytes, a frame split
 * across reads, the cap refused before the body, and the blocking
 * reader over a socket pair.
 */
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#include "pre/frame.h"
#include "util/errors.h"
#include "util/strbuf.h"

TEST(bytes)
{
	struct strbuf sb = STRBUF_INIT;
	const char *body;
	size_t len;

	CHECK(pre_frame_add(&sb, "abc", 3) == 0);
	CHECK(pre_frame_add(&sb, "", 0) == 0);
	CHECK(sb.len == 11);
	CHECK(memcmp(sb.buf, "\0\0\0\3abc\0\0\0\0", 11) == 0);
	CHECK(pre_frame_next(sb.buf, sb.len, 16, &body, &len) == 7);
	CHECK(len == 3 && memcmp(body, "abc", 3) == 0);
	CHECK(pre_frame_next(sb.buf + 7, 4, 16, &body, &len) == 4);
	CHECK(len == 0);
	strbuf_release(&sb);
}

TEST(partial_and_cap)
{
	struct strbuf sb = STRBUF_INIT;
	const char *body;
	size_t len, i;

	CHECK(pre_frame_add(&sb, "0123456789", 10) == 0);
	for (i = 0; i < sb.len; i++)
		CHECK(pre_frame_next(sb.buf, i, 16, &body, &len) == 0);
	CHECK(pre_frame_next(sb.buf, sb.len, 16, &body, &len) == 14);
	/* the length alone is enough to refuse */
	CHECK(pre_frame_next(sb.buf, 4, 9, &body, &len) == FG_ETOOBIG);
	CHECK(pre_frame_next("\xff\xff\xff\xff", 4, 1 << 20, &body, &len) ==
	    FG_ETOOBIG);
	strbuf_release(&sb);
}

TEST(socket)
{
	struct strbuf out = STRBUF_INIT, in = STRBUF_INIT;
	char big[100000];
	int sv[2], st = 0;
	pid_t pid;

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	memset(big, 'z', sizeof(big));
	CHECK(pre_frame_add(&out, "hello", 5) == 0);
	CHECK(pre_frame_write(sv[0], out.buf, out.len) == 0);
	CHECK(pre_frame_read(sv[1], &in, 64) == 0);
	CHECK(in.len == 5 && memcmp(in.buf, "hello", 5) == 0);
	/* larger than a socket buffer: written by a child */
	strbuf_reset(&out);
	CHECK(pre_frame_add(&out, big, sizeof(big)) == 0);
	if ((pid = fork()) == 0)
		_exit(pre_frame_write(sv[0], out.buf, out.len) == 0 ? 0 : 1);
	CHECK(pre_frame_read(sv[1], &in, sizeof(big)) == 0);
	CHECK(in.len == sizeof(big) && in.buf[sizeof(big) - 1] == 'z');
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	/* over the cap */
	strbuf_reset(&out);
	CHECK(pre_frame_add(&out, "toolong", 7) == 0);
	CHECK(pre_frame_write(sv[0], out.buf, out.len) == 0);
	CHECK(pre_frame_read(sv[1], &in, 3) == FG_ETOOBIG);
	close(sv[0]);
	close(sv[1]);
	/* end of file before a frame; a frame cut short */
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK(write(sv[0], "\0\0\0\5ab", 6) == 6);
	close(sv[0]);
	CHECK(pre_frame_read(sv[1], &in, 64) == FG_EIO);
	CHECK(pre_frame_read(sv[1], &in, 64) == FG_ECLOSED);
	close(sv[1]);
	strbuf_release(&out);
	strbuf_release(&in);
}

int
main(void)
{
	RUN(bytes);
	RUN(partial_and_cap);
	RUN(socket);
	DONE();
}
