/*
 * params.c: the parameter list and the form/query decoder (params.h).
 *
 * Lists are tiny (a request carries a dozen parameters), so lookups are
 * linear scans; that beats hashing at this size and keeps order stable.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>


#include "util/errors.h"
#include "util/params.h"
#include "util/ids.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

void
params_init(struct params *p, size_t max)
{
	p->v = NULL;
	p->n = p->alloc = 0;
	p->max = max;
}

void
params_release(struct params *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].key);
		free(p->v[i].val);
	}
	free(p->v);
	p->v = NULL;
	p->n = p->alloc = 0;
}

int
params_set(struct params *p, const char *key, size_t klen, const char *val,
    size_t vlen)
{
	struct strbuf fixed = STRBUF_INIT;
	size_t i;
	int rc;

	/*
	 * Every value is kept as well-formed UTF-8: what is stored is
	 * later written into JSON replies, pages and upstream payloads,
	 * which must not carry broken bytes (U+FFFD stands in for them).
	 */
	if (!utf8_valid(val, vlen)) {
		if (utf8_repair(&fixed, val, vlen) != 0) {
			strbuf_release(&fixed);
			return FG_ENOMEM;
		}
		rc = params_set(p, key, klen, fixed.buf, fixed.len);
		strbuf_release(&fixed);
		return rc;
	}

	for (i = 0; i < p->n; i++) {
		if (strlen(p->v[i].key) == klen &&
		    memcmp(p->v[i].key, key, klen) == 0) {
			free(p->v[i].val);
			p->v[i].val = xstrndup(val, vlen);
			p->v[i].val_len = vlen;
			return 0;
		}
	}
	if (p->max && p->n >= p->max)
		return FG_ETOOBIG;
	p->v = xgrow(p->v, p->n, &p->alloc, sizeof(*p->v), 16);
	p->v[p->n].key = xstrndup(key, klen);
	p->v[p->n].val = xstrndup(val, vlen);
	p->v[p->n].val_len = vlen;
	p->n++;
	return 0;
}

const char *
params_get(const struct params *p, const char *key, size_t *len)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		if (strcmp(p->v[i].key, key) == 0) {
			if (p->v[i].val_len == 0)
				return NULL;
			if (len)
				*len = p->v[i].val_len;
			return p->v[i].val;
		}
	}
	return NULL;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
url_decode(struct strbuf *out, const char *s, size_t len, int plus)
{
	size_t i, run = 0;
	int rc = 0;

	for (i = 0; i < len && rc == 0; i++) {
		char c;

		if (s[i] == '+' && plus) {
			c = ' ';
		} else if (s[i] == '%' && i + 2 < len && hexval((unsigned char)s[i + 1]) >= 0 &&
		    hexval((unsigned char)s[i + 2]) >= 0) {
			c = (char)(hexval((unsigned char)s[i + 1]) * 16 +
			    hexval((unsigned char)s[i + 2]));
		} else {
			continue;
		}
		if ((rc = strbuf_add(out, s + run, i - run)) != 0)
			break;
		rc = strbuf_addch(out, c);
		if (s[i] == '%')
			i += 2;
		run = i + 1;
	}
	if (rc == 0)
		rc = strbuf_add(out, s + run, len - run);
	return rc;
}

int
params_parse_form(struct params *p, const char *s, size_t len)
{
	struct strbuf k = STRBUF_INIT, v = STRBUF_INIT;
	size_t i = 0;
	int rc = 0;

	while (i < len && rc == 0) {
		const char *pair = s + i, *amp = memchr(pair, '&', len - i);
		size_t plen = amp ? (size_t)(amp - pair) : len - i;
		const char *eq = memchr(pair, '=', plen);

		i += plen + 1;
		if (eq == NULL || eq == pair)
			continue;
		strbuf_reset(&k);
		strbuf_reset(&v);
		if ((rc = url_decode(&k, pair, (size_t)(eq - pair), 1)) != 0 ||
		    (rc = url_decode(&v, eq + 1, plen - (size_t)(eq - pair) - 1,
		    1)) != 0)
			break;
		rc = params_set(p, k.buf, k.len, v.buf, v.len);
	}
	strbuf_release(&k);
	strbuf_release(&v);
	return rc;
}

int
params_int(const char *v, long long lo, long long hi, long long *out)
{
	const char *p;
	char *end;
	long long n;

	if (v == NULL || *v == '\0')
		return FG_ENOENT;
	for (p = v; *p == ' '; p++)
		;
	if (*p == '\0')
		return FG_ENOENT;
	if (!isdigit((unsigned char)p[*p == '-' || *p == '+']))
		return FG_EINVAL;
	errno = 0;
	n = strtoll(p, &end, 10);
	while (*end == ' ')
		end++;
	if (*end != '\0' || errno == ERANGE || n < lo || n > hi)
		return FG_EINVAL;
	*out = n;
	return 0;
}
