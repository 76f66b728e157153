/*
 * strbuf: a growable, capped byte buffer (git's strbuf with curl's dynbuf
 * cap).
 *
 * Invariants:
 *  - sb->buf is never NULL and is always NUL-terminated, so it can be
 *    handed to printf-style functions directly; sb->len excludes the NUL.
 *  - sb->cap is the largest len the buffer may reach (0 means unlimited);
 *    an append that would pass it fails with FG_ETOOBIG and leaves the
 *    buffer as it was.
 *  - Allocation failure is fatal (every input is capped, so running out
 *    of memory is a broken invariant, not an input error).
 *  - strbuf_detach() is the only way to take ownership of the memory.
 *
 * Thread safety: none; a strbuf belongs to one thread at a time.
 */
#ifndef FG_STRBUF_H
#define FG_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char	*buf;
	size_t	 len;
	size_t	 alloc;
	size_t	 cap;	/* max len, 0 = unlimited */
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { strbuf_slopbuf, 0, 0, 0 }

void	strbuf_init(struct strbuf *, size_t cap);
void	strbuf_release(struct strbuf *);
void	strbuf_reset(struct strbuf *);
char	*strbuf_detach(struct strbuf *, size_t *len);

/* All appends return 0, or FG_ETOOBIG when the cap would be passed. */
int	strbuf_add(struct strbuf *, const void *, size_t);
int	strbuf_addstr(struct strbuf *, const char *);
int	strbuf_addch(struct strbuf *, int);
/* Decimal, without printf (hot reply paths). */
int	strbuf_add_int(struct strbuf *, long long);
int	strbuf_addf(struct strbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	strbuf_vaddf(struct strbuf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* Replace the contents with a formatted string (for error messages). */
int	strbuf_setf(struct strbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	strbuf_setlen(struct strbuf *, size_t);

/* Escaping helpers, appending to sb. */
int	strbuf_add_html(struct strbuf *, const char *, size_t);
int	strbuf_add_json_str(struct strbuf *, const char *, size_t);
/* Percent-encoded: every byte but A-Z a-z 0-9 - . _ ~ (RFC 3986). */
int	strbuf_add_url(struct strbuf *, const char *, size_t);

#endif
