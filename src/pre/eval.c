/*
 * eval.c: one script run by duktape in the calling process (pre.h,
 * pre_eval()); the workers (worker.c) call it once per job.
 *
 * Every job gets a fresh heap, so nothing one user's script leaves in
 * its globals is seen by the next job (which may be another user's).
 *
 * The memory limit is counted, not guessed from the process: the heap's
 * allocator keeps a running total of the bytes duktape holds and
 * refuses an allocation that would pass pre.memory_kb.  duktape turns a
 * refused allocation into a RangeError ("alloc failed"), which unwinds
 * the script; the runner then says which limit was hit.  An rlimit on
 * the worker stays as a backstop (worker.c), but only this count is
 * exact: an address-space limit also counts the program's libraries and
 * whatever the process held before, which is how a 128 KiB string once
 * failed under a 256 MiB limit.
 *
 * duktape implements ECMAScript 5.1.  When it reports a SyntaxError the
 * script is scanned for the usual ES2015+ forms (hint.c) and the error
 * names them, so a user sees "not supported by this engine (ES5.1):
 * arrow functions" rather than a bare "SyntaxError: parse error".
 */
#include <duktape.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pre/pre.h"
#include "util/errors.h"
#include "util/strbuf.h"

struct heap_count {
	size_t	used;
	size_t	limit;
	int	refused;
};

struct job {
	const char	*script;
	const char	*content;
	const char	*title;
};

/* Each block carries its size in a header aligned like malloc's. */
#define HDR	(sizeof(max_align_t))

static void *
count_alloc(void *udata, duk_size_t size)
{
	struct heap_count *hc = udata;
	char *p;

	if (size > hc->limit || hc->used > hc->limit - size) {
		hc->refused = 1;
		return NULL;
	}
	if ((p = malloc(HDR + size)) == NULL)
		return NULL;
	memcpy(p, &size, sizeof(size));
	hc->used += size;
	return p + HDR;
}

static void
count_free(void *udata, void *ptr)
{
	struct heap_count *hc = udata;
	char *p;
	size_t size;

	if (ptr == NULL)
		return;
	p = (char *)ptr - HDR;
	memcpy(&size, p, sizeof(size));
	hc->used -= size;
	free(p);
}

static void *
count_realloc(void *udata, void *ptr, duk_size_t size)
{
	struct heap_count *hc = udata;
	size_t old;
	char *p;

	if (ptr == NULL)
		return count_alloc(udata, size);
	if (size == 0) {
		count_free(udata, ptr);
		return NULL;
	}
	p = (char *)ptr - HDR;
	memcpy(&old, p, sizeof(old));
	if (size > old && (size - old > hc->limit ||
	    hc->used > hc->limit - (size - old))) {
		hc->refused = 1;
		return NULL;
	}
	if ((p = realloc(p, HDR + size)) == NULL)
		return NULL;
	memcpy(p, &size, sizeof(size));
	hc->used = hc->used - old + size;
	return p + HDR;
}

static duk_ret_t
run_script(duk_context *ctx, void *udata)
{
	const struct job *j = udata;

	duk_push_string(ctx, j->content);
	duk_put_global_string(ctx, "content");
	duk_push_string(ctx, j->title ? j->title : "");
	duk_put_global_string(ctx, "title");
	duk_eval_string_noresult(ctx, j->script);
	duk_get_global_string(ctx, "content");
	duk_safe_to_string(ctx, -1);
	return 1;
}

/* The error at the top of ctx's stack, with what explains it. */
static void
say_error(duk_context *ctx, const struct job *j, const struct heap_count *hc,
    size_t limit, struct strbuf *err)
{
	const char *s, *hint;
	size_t len = 0;

	if (hc->refused) {
		strbuf_setf(err, "memory limit of %zu KiB exceeded (pre.memory_kb)",
		    limit / 1024);
		return;
	}
	s = duk_safe_to_lstring(ctx, -1, &len);
	strbuf_setf(err, "%.*s", (int)(len > 300 ? 300 : len), s ? s : "");
	if (s && strncmp(s, "SyntaxError", 11) == 0 &&
	    (hint = pre_es5_hint(j->script)) != NULL)
		strbuf_addf(err, "; not supported by this engine (ES5.1): %s",
		    hint);
}

int
pre_eval(const char *script, const char *content, const char *title,
    size_t mem_bytes, struct strbuf *out, struct strbuf *err)
{
	struct job j = { script, content, title };
	struct heap_count hc = { 0, mem_bytes, 0 };
	duk_context *ctx;
	const char *s;
	size_t len = 0;
	int rc;

	ctx = duk_create_heap(count_alloc, count_realloc, count_free, &hc,
	    NULL);
	if (ctx == NULL)
		return strbuf_setf(err, "memory limit of %zu KiB is too small "
		    "to start the engine (pre.memory_kb)", mem_bytes / 1024),
		    FG_EINVAL;
	rc = duk_safe_call(ctx, run_script, (void *)(uintptr_t)&j, 0, 1);
	if (rc != DUK_EXEC_SUCCESS) {
		say_error(ctx, &j, &hc, mem_bytes, err);
		rc = FG_EINVAL;
	} else if ((s = duk_get_lstring(ctx, -1, &len)) == NULL) {
		strbuf_setf(err, "content is not a string");
		rc = FG_EINVAL;
	} else if (len > PRE_OUT_MAX) {
		strbuf_setf(err, "result longer than %d bytes", PRE_OUT_MAX);
		rc = FG_EINVAL;
	} else {
		strbuf_reset(out);
		rc = strbuf_add(out, s, len) == 0 ? 0 : FG_EINVAL;
	}
	duk_destroy_heap(ctx);
	return rc;
}
