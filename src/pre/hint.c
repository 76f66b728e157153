/*
 * hint.c: which ES2015+ forms a script uses that duktape's ES5.1 parser
 * refuses (pre.h, pre_es5_hint()), so its SyntaxError can say why.
 *
 * A cheap scan, not a parser: it skips comments and quoted strings and
 * looks for `=>`, a backquote, and the words let, const, class, async
 * and await.  It runs only after duktape has already reported a
 * SyntaxError, so a false match can only add a hint to an error that is
 * there anyway; the hint names the first form found, in the order of
 * the list below.
 */
#include <ctype.h>
#include <string.h>

#include "pre/pre.h"

struct form {
	const char	*word;	/* an identifier, or punctuation */
	const char	*name;	/* what the hint says */
};

static const struct form forms[] = {
	{ "=>", "arrow functions" },
	{ "`", "template literals" },
	{ "let", "let/const declarations" },
	{ "const", "let/const declarations" },
	{ "class", "classes" },
	{ "async", "async functions" },
	{ "await", "async functions" },
};

#define N_FORMS (sizeof(forms) / sizeof(forms[0]))

static int
ident_char(int c)
{
	return isalnum(c) || c == '_' || c == '$';
}

/* Past the comment or string at p (which starts one), or p itself. */
static const char *
skip(const char *p)
{
	char q;

	if (p[0] == '/' && p[1] == '/')
		return p + strcspn(p, "\n");
	if (p[0] == '/' && p[1] == '*') {
		const char *e = strstr(p + 2, "*/");

		return e ? e + 2 : p + strlen(p);
	}
	if (*p != '"' && *p != '\'')
		return p;
	for (q = *p++; *p && *p != q && *p != '\n'; p++)
		if (*p == '\\' && p[1])
			p++;
	return *p ? p + 1 : p;
}

/* Does form f start at p (a whole word for identifiers)? */
static int
at(const char *start, const char *p, const struct form *f)
{
	size_t n = strlen(f->word);

	if (strncmp(p, f->word, n) != 0)
		return 0;
	if (!ident_char((unsigned char)f->word[0]))
		return 1;
	return (p == start || !ident_char((unsigned char)p[-1])) &&
	    !ident_char((unsigned char)p[n]);
}

const char *
pre_es5_hint(const char *script)
{
	size_t seen[N_FORMS] = { 0 }, i;
	const char *p = script, *n;

	while (*p) {
		if ((n = skip(p)) != p) {
			p = n;
			continue;
		}
		for (i = 0; i < N_FORMS; i++)
			if (at(script, p, &forms[i]))
				seen[i] = 1;
		p++;
	}
	for (i = 0; i < N_FORMS; i++)
		if (seen[i])
			return forms[i].name;
	return NULL;
}
