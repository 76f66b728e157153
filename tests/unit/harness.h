/*
 * harness.h: the unit-test harness (h2o/libuv style).  Each tests/unit/
 * test_*.c file is one program: it includes this header, writes
 * TEST(name) functions, lists them in main() with RUN(name), and ends
 * with DONE(), which prints "N passed, N failed" and sets the exit code.
 *
 *   TEST(strbuf_cap) { ... CHECK(x == 1); CHECK_STR(a, "b"); }
 *   int main(void) { RUN(strbuf_cap); DONE(); }
 */
#ifndef FG_TEST_HARNESS_H
#define FG_TEST_HARNESS_H

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int harness_pass, harness_fail, harness_cur_failed;
static const char *harness_cur;

#define TEST(name) static void test_##name(void)

#define CHECK(cond) do { if (!(cond)) { \
	fprintf(stderr, "  FAIL %s: %s:%d: %s\n", harness_cur, __FILE__, \
	    __LINE__, #cond); harness_cur_failed = 1; } } while (0)

#define CHECK_STR(got, want) do { const char *g_ = (got), *w_ = (want); \
	if (g_ == NULL || strcmp(g_, w_) != 0) { \
	fprintf(stderr, "  FAIL %s: %s:%d: got \"%s\", want \"%s\"\n", \
	    harness_cur, __FILE__, __LINE__, g_ ? g_ : "(null)", w_); \
	harness_cur_failed = 1; } } while (0)

#define CHECK_CONTAINS(hay, needle) do { const char *h_ = (hay); \
	if (h_ == NULL || strstr(h_, (needle)) == NULL) { \
	fprintf(stderr, "  FAIL %s: %s:%d: \"%.200s\" lacks \"%s\"\n", \
	    harness_cur, __FILE__, __LINE__, h_ ? h_ : "(null)", needle); \
	harness_cur_failed = 1; } } while (0)

#define RUN(name) do { harness_cur = #name; harness_cur_failed = 0; \
	test_##name(); if (harness_cur_failed) harness_fail++; \
	else harness_pass++; } while (0)

#define DONE() do { printf("%s: %d passed, %d failed\n", __FILE__, \
	harness_pass, harness_fail); return harness_fail ? 1 : 0; } while (0)

/* Remove a flat temporary directory (a test's data dir) and its files. */
static inline void
harness_rm_dir(const char *d)
{
	char p[512];
	struct dirent *e;
	DIR *dp = opendir(d);

	if (dp == NULL)
		return;
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", d, e->d_name);
		unlink(p);
	}
	closedir(dp);
	rmdir(d);
}

#endif
