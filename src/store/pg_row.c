/*
 * pg_row.c: the statement handles, binder, row reader and runners of
 * the PostgreSQL backend (pg_row.h), with the contracts of
 * sqlite_row.c: one-row reads are 0, FG_ENOENT or FG_ESTORE; writes map
 * a constraint (SQLSTATE class 23) to FG_EEXIST unless PG_PLAIN.
 *
 * Parameters go as text (numbers printed here), except b, bytea in
 * binary format with its length (the /send body is neither copied nor
 * scanned for its end, and may hold any byte, NUL included), and
 * NULL for a NULL t.  Each gets its type from the format (int8, text,
 * jsonb), declared to PQprepare, so a statement's plan is typed once.
 *
 * Results come back whole (libpq's default): a walk reads a PGresult
 * that no longer needs the connection, so a list's callback may run
 * other statements on the same connection, as with SQLite.
 *
 * A statement that fails inside a transaction aborts it in PostgreSQL
 * (SQLite would carry on); every caller that gets an error from the
 * store gives up its transaction (the writer rolls the batch back and
 * retries its ops one by one), so nothing here has to hide that.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_row.h"
#include "util/errors.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#define PG_MAXP 48 /* parameters of one statement */
#define OID_BYTEA 17
#define OID_INT8 20
#define OID_TEXT 25
#define OID_JSONB 3802

struct pg_q *
pg_stmt(struct store *s, enum pg_stmt q)
{
	struct pg_q *h = &PG(s)->q[q];

	h->s = s;
	h->idx = (int)q;
	h->sql = q >= Q_BULK_FIRST ? pg_bulk_sql[q - Q_BULK_FIRST] :
	    q >= Q_WX_FIRST	   ? pg_wx_sql[q - Q_WX_FIRST] :
				     pg_sql[q];
	return h;
}

struct pg_q *
pg_prep(struct store *s, const char *sql)
{
	struct pg_q *h = &PG(s)->once;

	h->s = s;
	h->idx = -1;
	h->sql = sql;
	return h;
}

/*
 * SQLite's placeholders as PostgreSQL's: ?N is $N, a bare ? the largest
 * number so far plus one; quoted text is copied as it is.
 */
static char *
numbered(const char *sql)
{
	struct strbuf b = STRBUF_INIT;
	const char *p;
	int max = 0, n;
	char q = 0;

	for (p = sql; *p; p++) {
		if (q) {
			if (*p == q)
				q = 0;
			strbuf_addch(&b, *p);
		} else if (*p == '\'' || *p == '"') {
			q = *p;
			strbuf_addch(&b, *p);
		} else if (*p == '?') {
			if (p[1] >= '0' && p[1] <= '9') {
				n = (int)strtol(p + 1, (char **)&p, 10);
				p--;
			} else
				n = max + 1;
			if (n > max)
				max = n;
			strbuf_addf(&b, "$%d", n);
		} else
			strbuf_addch(&b, *p);
	}
	return strbuf_detach(&b, NULL);
}

/* Parameters as libpq takes them, with the buffers they point into. */
struct params {
	int n;
	Oid types[PG_MAXP];
	const char *values[PG_MAXP];
	int lengths[PG_MAXP];
	int formats[PG_MAXP];
	char num[PG_MAXP][24];
	struct strbuf json[4]; /* p parameters */
	int njson;
};

/* Column c of row i of a row source as a JSON value. */
static void
rows_value(struct strbuf *b, const struct pg_col *c, size_t i)
{
	const char *p = (const char *)c->base + i * c->stride;

	switch (c->type) {
	case PG_COL_I64:
		strbuf_addf(b, "%lld",
		    (long long)*(const int64_t *)(const void *)p);
		break;
	case PG_COL_INT:
		strbuf_addf(b, "%d", *(const int *)(const void *)p);
		break;
	case PG_COL_STR:
		strbuf_add_json_str(b, p, strlen(p));
		break;
	default:
		p = *(const char *const *)(const void *)p;
		strbuf_add_json_str(b, p ? p : "", p ? strlen(p) : 0);
		break;
	}
}

static void
rows_json(struct strbuf *b, const struct pg_rows *r)
{
	size_t i;
	int c;

	strbuf_addch(b, '[');
	for (i = 0; i < r->n; i++) {
		strbuf_addf(b, "%s{\"i\":%zu", i ? "," : "", i);
		for (c = 0; c < PG_ROWS_COLS; c++) {
			if (r->col[c].base == NULL)
				continue;
			strbuf_addf(b, ",\"c%d\":", c);
			rows_value(b, &r->col[c], i);
		}
		strbuf_addch(b, '}');
	}
	strbuf_addch(b, ']');
}

void
pg_rows_col(struct pg_rows *r, int col, int type, const void *base,
    size_t stride)
{
	r->col[col].base = base;
	r->col[col].stride = stride;
	r->col[col].type = type;
}

static int
vbind(struct params *p, const char *fmt, va_list ap)
{
	const char *str;
	int i;

	memset(p->formats, 0, sizeof(p->formats));
	memset(p->lengths, 0, sizeof(p->lengths));
	p->njson = 0;
	for (i = 0; *fmt; fmt++, i++) {
		if (i == PG_MAXP)
			return FG_EINVAL;
		switch (*fmt) {
		case 'I':
			p->types[i] = OID_INT8;
			snprintf(p->num[i], sizeof(p->num[i]), "%lld",
			    (long long)va_arg(ap, int64_t));
			p->values[i] = p->num[i];
			break;
		case 'i':
			p->types[i] = OID_INT8;
			snprintf(p->num[i], sizeof(p->num[i]), "%d",
			    va_arg(ap, int));
			p->values[i] = p->num[i];
			break;
		case 'b':
			p->types[i] = OID_BYTEA;
			p->values[i] = va_arg(ap, const char *);
			p->lengths[i] = (int)va_arg(ap, size_t);
			p->formats[i] = 1;
			if (p->values[i] == NULL)
				p->values[i] = "";
			break;
		case 'p':
			if (p->njson == 4)
				return FG_EINVAL;
			p->types[i] = OID_JSONB;
			strbuf_init(&p->json[p->njson], 0);
			rows_json(&p->json[p->njson],
			    va_arg(ap, struct pg_rows *));
			p->values[i] = p->json[p->njson++].buf;
			break;
		default: /* 't', 's' */
			p->types[i] = OID_TEXT;
			str = va_arg(ap, const char *);
			if (str == NULL && *fmt == 's')
				str = "";
			p->values[i] = str;
			break;
		}
	}
	p->n = i;
	return 0;
}

static void
params_free(struct params *p)
{
	int i;

	for (i = 0; i < p->njson; i++)
		strbuf_release(&p->json[i]);
}

/* A result's status as a store result; keeps the error message. */
static int
result_rc(struct pg_store *ps, const PGresult *res, int flags)
{
	const char *state;

	switch (res ? PQresultStatus(res) : PGRES_FATAL_ERROR) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
		ps->changes = strtoll(PQcmdTuples((PGresult *)res), NULL, 10);
		return 0;
	default:
		break;
	}
	snprintf(ps->error, sizeof(ps->error), "%s",
	    res ? PQresultErrorMessage(res) : PQerrorMessage(ps->conn));
	state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (state && strncmp(state, "23", 2) == 0 && !(flags & PG_PLAIN))
		return FG_EEXIST;
	return FG_ESTORE;
}

/* Prepare statement h on its connection if it is not yet. */
static int
prepare(struct pg_store *ps, struct pg_q *h, const struct params *p)
{
	char name[16], *sql;
	PGresult *res;
	int rc;

	if (ps->prepared[h->idx])
		return 0;
	snprintf(name, sizeof(name), "q%d", h->idx);
	sql = numbered(h->sql);
	res = PQprepare(ps->conn, name, sql, p->n, p->types);
	free(sql);
	rc = result_rc(ps, res, PG_PLAIN);
	PQclear(res);
	if (rc == 0)
		ps->prepared[h->idx] = 1;
	return rc;
}

PGresult *
pg_vexec(struct pg_q *h, int flags, int *rc, const char *fmt, va_list ap)
{
	struct pg_store *ps;
	struct params p;
	PGresult *res = NULL;
	char name[16], *sql;

	if (h == NULL || h->sql == NULL)
		return *rc = FG_ESTORE, NULL;
	ps = PG(h->s);
	/* the writes sent ahead first: this one waits for its answer */
	if (pg_pipe_drain(h->s) != 0 || pg_reconnect(h->s) != 0)
		return *rc = FG_ESTORE, NULL;
	if ((*rc = vbind(&p, fmt, ap)) != 0)
		goto out;
	if (h->idx >= 0) {
		if ((*rc = prepare(ps, h, &p)) != 0)
			goto out;
		snprintf(name, sizeof(name), "q%d", h->idx);
		res = PQexecPrepared(ps->conn, name, p.n, p.values, p.lengths,
		    p.formats, 0);
	} else {
		sql = numbered(h->sql);
		res = PQexecParams(ps->conn, sql, p.n, p.types, p.values,
		    p.lengths, p.formats, 0);
		free(sql);
	}
	if ((*rc = result_rc(ps, res, flags)) != 0) {
		PQclear(res);
		res = NULL;
	}
out:
	params_free(&p);
	return res;
}

PGresult *
pg_exec(struct pg_q *h, int flags, int *rc, const char *fmt, ...)
{
	PGresult *res;
	va_list ap;

	va_start(ap, fmt);
	res = pg_vexec(h, flags, rc, fmt, ap);
	va_end(ap);
	return res;
}

/* Bind and run for the variadic runner it stands in: sets res, rc. */
#define EXEC(h, flags, fmt) \
	do { \
		va_list ap; \
\
		va_start(ap, fmt); \
		res = pg_vexec(h, flags, &rc, fmt, ap); \
		va_end(ap); \
	} while (0)

int64_t
pg_col_i64(const PGresult *res, int row, int col)
{
	const char *v;

	if (col >= PQnfields(res) || PQgetisnull(res, row, col))
		return 0;
	v = PQgetvalue(res, row, col);
	if (*v == 't') /* a boolean expression */
		return 1;
	return strtoll(v, NULL, 10);
}

void
pg_col_copy(const PGresult *res, int row, int col, char *dst, size_t size)
{
	size_t n = 0;

	if (col < PQnfields(res) && !PQgetisnull(res, row, col))
		n = (size_t)PQgetlength(res, row, col);
	if (n >= size)
		n = size - 1;
	memcpy(dst, n ? PQgetvalue(res, row, col) : "", n);
	dst[n] = '\0';
}

void
pg_read(const PGresult *res, int row, int col, const struct sq_row *r,
    void *out)
{
	const struct sq_fld *f;
	char *p;

	memset(out, 0, r->size);
	for (f = r->f; f < r->f + SQ_ROW_MAX && f->size; f++, col++) {
		p = (char *)out + f->off;
		switch (f->type) {
		case SQ_I64:
			*(int64_t *)(void *)p = pg_col_i64(res, row, col);
			break;
		case SQ_INT:
			*(int *)(void *)p = (int)pg_col_i64(res, row, col);
			break;
		case SQ_DUP:
			*(char **)(void *)p = xstrndup(PQgetvalue(res, row,
							   col),
			    (size_t)PQgetlength(res, row, col));
			break;
		default:
			pg_col_copy(res, row, col, p, f->size);
			break;
		}
	}
}

static void
row_free(const struct sq_row *r, void *row)
{
	const struct sq_fld *f;

	for (f = r->f; f < r->f + SQ_ROW_MAX && f->size; f++)
		if (f->type == SQ_DUP)
			free(*(char **)(void *)((char *)row + f->off));
}

int
pg_vwrite(struct pg_q *h, int flags, int64_t *id, const char *fmt, va_list ap)
{
	PGresult *res;
	int rc;

	if ((res = pg_vexec(h, flags, &rc, fmt, ap)) == NULL)
		return rc;
	if ((flags & PG_CHANGES) && PG(h->s)->changes == 0)
		rc = FG_ENOENT;
	else if (id != NULL)
		*id = PQntuples(res) > 0 ? pg_col_i64(res, 0, 0) : 0;
	PQclear(res);
	return rc;
}

int
pg_write(struct pg_q *h, int flags, int64_t *id, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = pg_vwrite(h, flags, id, fmt, ap);
	va_end(ap);
	return rc;
}

int
pg_defer(struct pg_q *h, int *changed, const char *fmt, ...)
{
	struct pg_store *ps = PG(h->s);
	struct params p;
	char name[16];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	if (!ps->in_tx || h->idx < 0 || !ps->prepared[h->idx] ||
	    ps->piped == PG_PIPE_MAX) {
		/* outside the writer's batch, or first use: as pg_run */
		rc = pg_vwrite(h, 0, NULL, fmt, ap);
		if (rc == 0 && changed)
			*changed = ps->changes > 0;
		va_end(ap);
		return rc;
	}
	rc = vbind(&p, fmt, ap);
	va_end(ap);
	if (rc == 0 && PQpipelineStatus(ps->conn) == PQ_PIPELINE_OFF &&
	    PQenterPipelineMode(ps->conn) != 1)
		rc = FG_ESTORE;
	snprintf(name, sizeof(name), "q%d", h->idx);
	if (rc == 0 && PQsendQueryPrepared(ps->conn, name, p.n, p.values,
	    p.lengths, p.formats, 0) != 1) {
		snprintf(ps->error, sizeof(ps->error), "%s",
		    PQerrorMessage(ps->conn));
		rc = FG_ESTORE;
	}
	if (rc == 0)
		pg_pipe_add(h->s, changed);
	params_free(&p);
	return rc;
}

int
pg_first(struct pg_q *h, PGresult **out, const char *fmt, ...)
{
	PGresult *res;
	int rc;

	EXEC(h, 0, fmt);
	if (res != NULL && PQntuples(res) == 0) {
		PQclear(res);
		res = NULL;
		rc = FG_ENOENT;
	}
	*out = res;
	return rc;
}

int
pg_one(struct pg_q *h, int flags, const struct sq_row *r, void *out,
    const char *fmt, ...)
{
	PGresult *res;
	int rc;

	EXEC(h, flags, fmt);
	if (res == NULL)
		return rc;
	if (PQntuples(res) > 0)
		pg_read(res, 0, 0, r, out);
	else
		rc = FG_ENOENT;
	PQclear(res);
	return rc;
}

int
pg_each(struct pg_q *h, int flags, const struct sq_row *r, sq_row_cb cb,
    void *arg, const char *fmt, ...)
{
	PGresult *res;
	void *row;
	int i, n, rc;

	EXEC(h, flags, fmt);
	if (res == NULL)
		return rc;
	row = xmalloc(r->size);
	n = PQntuples(res);
	for (i = 0; rc == 0 && i < n; i++) {
		pg_read(res, i, 0, r, row);
		rc = cb(arg, row);
		row_free(r, row);
	}
	free(row);
	PQclear(res);
	return rc;
}

int
pg_ids(struct pg_q *h, int64_t **ids, size_t *n, const char *fmt, ...)
{
	PGresult *res;
	int i, rows, rc;

	*ids = NULL;
	*n = 0;
	EXEC(h, 0, fmt);
	if (res == NULL)
		return rc;
	rows = PQntuples(res);
	if (rows > 0)
		*ids = xcalloc((size_t)rows, sizeof(**ids));
	for (i = 0; i < rows; i++)
		(*ids)[(*n)++] = pg_col_i64(res, i, 0);
	PQclear(res);
	return 0;
}

int
pg_i64(struct pg_q *h, int flags, int64_t *out, const char *fmt, ...)
{
	PGresult *res;
	int rc;

	EXEC(h, flags, fmt);
	if (res == NULL)
		return rc;
	if (PQntuples(res) > 0)
		*out = pg_col_i64(res, 0, 0);
	else
		rc = FG_ENOENT;
	PQclear(res);
	return rc;
}

int
pg_page(struct store *s, const struct pg_page *pg, int64_t key, int offset,
    int limit, int64_t *total, sq_row_cb cb, void *arg)
{
	if (pg_i64(pg_prep(s, pg->count), PG_FINAL, total, "I", key) != 0)
		return FG_ESTORE;
	return pg_each(pg_prep(s, pg->list), PG_FINAL, pg->row, cb, arg, "Iii",
	    key, limit, offset);
}
