/*
 * fuzz_params.c: libFuzzer target for the request parameter decoders
 * that read network input: form and query decoding (params_parse_form),
 * percent-decoding (url_decode, with and without '+' as space) and
 * multipart/form-data bodies (multipart_parse, and multipart_file for
 * the image upload's file part).  The first input byte
 * picks the decoder; for multipart the next byte is the boundary length.
 * Besides the sanitizers, it checks that the decoders keep at most the
 * cap of parameters and that every value is NUL-terminated at its
 * recorded length.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "util/multipart.h"
#include "util/params.h"
#include "util/strbuf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every kept value is a NUL-terminated string of its recorded length. */
static void
check_kept(const struct params *p)
{
	size_t i;

	if (p->n > p->max)
		abort();
	for (i = 0; i < p->n; i++)
		if (p->v[i].key == NULL || p->v[i].val == NULL ||
		    p->v[i].val[p->v[i].val_len] != '\0' ||
		    strlen(p->v[i].val) > p->v[i].val_len)
			abort();
}

/*
 * The upload's file part (multipart_file): when found, it lies inside
 * the body and its name and type are NUL-terminated within their size.
 */
static void
check_file(const char *body, size_t len, const char *bnd, size_t blen)
{
	struct multipart_file f = { .name = "file" };

	if (multipart_file(body, len, bnd, blen, &f) != 0)
		return;
	if (f.data < body || f.len > len ||
	    (size_t)(f.data - body) > len - f.len ||
	    memchr(f.filename, '\0', sizeof(f.filename)) == NULL ||
	    memchr(f.type, '\0', sizeof(f.type)) == NULL)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct params p;
	struct strbuf sb = STRBUF_INIT;
	const char *in;
	size_t n, blen;

	if (size < 2)
		return 0;
	in = (const char *)data + 1;
	n = size - 1;
	params_init(&p, LIM_PARAMS);
	switch (data[0] % 4) {
	case 0:
		(void)params_parse_form(&p, in, n);
		break;
	case 1:
		(void)url_decode(&sb, in, n, 1);
		break;
	case 2:
		(void)url_decode(&sb, in, n, 0);
		break;
	default:
		blen = (unsigned char)in[0] % 72;
		if (blen + 1 > n)
			break;
		(void)multipart_parse(&p, in + 1 + blen, n - 1 - blen, in + 1,
		    blen);
		check_file(in + 1 + blen, n - 1 - blen, in + 1, blen);
		break;
	}
	if (sb.len && sb.buf[sb.len] != '\0')
		abort();
	check_kept(&p);
	strbuf_release(&sb);
	params_release(&p);
	return 0;
}
