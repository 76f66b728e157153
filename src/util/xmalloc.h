/*
 * xmalloc: allocation that cannot fail (OpenBSD/tmux style).  Running out
 * of memory aborts with a message; every input to feige is capped, so that
 * is a broken invariant rather than an input error.
 */
#ifndef FG_XMALLOC_H
#define FG_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/*
 * Room for element n of array p: when n == *alloc, *alloc doubles (to
 * first the first time) and p is reallocated to *alloc elements of size
 * bytes.  Returns p, moved or not.
 */
void	*xgrow(void *p, size_t n, size_t *alloc, size_t size, size_t first);

#endif
