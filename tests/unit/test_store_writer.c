/*
 * test_store_writer.c: unit tests for the group-commit writer
 * (src/store/writer.h) on a temporary data dir: many ops from several
 * threads all complete and persist, a failing op fails alone, and a
 * store error in a batch is retried op by op without duplicating the
 * other ops' writes.
 */
#include <dirent.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness_store.h"

#include "store/store.h"
#include "store/writer.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/strbuf.h"

static char dir[] = "/tmp/feige-writer-XXXXXX";


/* An op that inserts one outbox row whose body names it. */
struct top {
	struct writer_op	 op;
	char			 body[32];
	int			 result;	/* FG_OK or an error to return */
	int			 applied;	/* apply() calls */
	int			 done_rc;
	int			 done_calls;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int n_done, n_bad_rc;

static int
top_apply(struct writer_op *op, struct store *s)
{
	struct top *t = (struct top *)op;
	int rc;

	t->applied++;
	if (t->result != 0)
		return t->result;
	rc = spool_outbox_add(s, "http://cb.test/", t->body, 0);
	return rc;
}

static void
top_done(struct writer_op *op, int rc)
{
	struct top *t = (struct top *)op;

	t->done_rc = rc;
	t->done_calls++;
	pthread_mutex_lock(&mu);
	n_done++;
	if (rc != 0 && t->result == 0)
		n_bad_rc++;
	pthread_mutex_unlock(&mu);
}

static void
top_init(struct top *t, const char *tag, int i, int result)
{
	memset(t, 0, sizeof(*t));
	t->op.apply = top_apply;
	t->op.done = top_done;
	snprintf(t->body, sizeof(t->body), "%s-%d", tag, i);
	t->result = result;
}

/* Counts the due outbox rows whose body starts with a tag. */
struct rows {
	const char	*tag;
	int		 n;
	unsigned char	*seen;		/* by index, when not NULL */
	int		 max;
	int		 dup;
};

static int
count_row(void *arg, const struct store_outbox *o)
{
	struct rows *r = arg;
	size_t tl = strlen(r->tag);
	int i;

	if (strncmp(o->body, r->tag, tl) != 0 || o->body[tl] != '-')
		return 0;
	r->n++;
	i = atoi(o->body + tl + 1);
	if (r->seen && i >= 0 && i < r->max) {
		if (r->seen[i])
			r->dup++;
		r->seen[i] = 1;
	}
	return 0;
}

static int
count_rows(const char *tag, unsigned char *seen, int max, int *dup)
{
	struct strbuf err = STRBUF_INIT;
	struct store *s;
	struct rows r = { tag, 0, seen, max, 0 };

	if (store_open_dir(dir, 0, &s, &err) != 0) {
		fprintf(stderr, "  open: %s\n", err.buf);
		strbuf_release(&err);
		return -1;
	}
	if (spool_outbox_due(s, INT64_MAX, 1000000, count_row, &r) != 0)
		r.n = -1;
	store_close(s);
	strbuf_release(&err);
	if (dup)
		*dup = r.dup;
	return r.n;
}

static struct writer *
start(int max_batch)
{
	struct strbuf err = STRBUF_INIT;
	struct writer *w = NULL;

	if (writer_start(&w, dir, 0, max_batch, &err) != 0) {
		fprintf(stderr, "  writer_start: %s\n", err.buf);
		w = NULL;
	}
	strbuf_release(&err);
	return w;
}

#define N_THREADS	4
#define N_PER		250

struct submitter {
	struct writer	*w;
	struct top	*ops;
	int		 n;
};

static void *
submit_main(void *arg)
{
	struct submitter *s = arg;
	int i;

	for (i = 0; i < s->n; i++)
		writer_submit(s->w, &s->ops[i].op);
	return NULL;
}

TEST(many_threads)
{
	struct top *ops = calloc(N_THREADS * N_PER, sizeof(*ops));
	struct submitter sub[N_THREADS];
	pthread_t th[N_THREADS];
	unsigned char *seen = calloc(N_THREADS * N_PER, 1);
	struct writer *w = start(64);
	int i, dup = -1, once = 1;

	CHECK(w != NULL && ops != NULL && seen != NULL);
	if (w == NULL || ops == NULL || seen == NULL) {
		free(ops);
		free(seen);
		return;
	}
	n_done = n_bad_rc = 0;
	for (i = 0; i < N_THREADS * N_PER; i++)
		top_init(&ops[i], "mt", i, 0);
	for (i = 0; i < N_THREADS; i++) {
		sub[i].w = w;
		sub[i].ops = ops + i * N_PER;
		sub[i].n = N_PER;
		pthread_create(&th[i], NULL, submit_main, &sub[i]);
	}
	for (i = 0; i < N_THREADS; i++)
		pthread_join(th[i], NULL);
	writer_stop(w);		/* drains the queue */

	CHECK(n_done == N_THREADS * N_PER);
	CHECK(n_bad_rc == 0);
	for (i = 0; i < N_THREADS * N_PER; i++)
		if (ops[i].done_calls != 1 || ops[i].done_rc != 0)
			once = 0;
	CHECK(once);
	CHECK(count_rows("mt", seen, N_THREADS * N_PER, &dup) ==
	    N_THREADS * N_PER);
	CHECK(dup == 0);
	free(ops);
	free(seen);
}

TEST(submit_wait_and_stats)
{
	struct writer *w = start(8);
	struct writer_stats st;
	struct top a, b;

	CHECK(w != NULL);
	if (w == NULL)
		return;
	top_init(&a, "wait", 0, 0);
	top_init(&b, "wait", 1, FG_EEXIST);
	CHECK(writer_submit_wait(w, &a.op) == 0);
	CHECK(a.done_calls == 1 && a.done_rc == 0);
	CHECK(writer_submit_wait(w, &b.op) == FG_EEXIST);
	CHECK(b.done_calls == 1 && b.done_rc == FG_EEXIST);
	writer_get_stats(w, &st);
	CHECK(st.ops == 2 && st.batches == 2 && st.max_batch == 1);
	writer_stop(w);
	CHECK(count_rows("wait", NULL, 0, NULL) == 1);
}

/*
 * A gate op blocks the writer thread inside its apply() until the test
 * has queued everything else, so the rest run as one batch.
 */
struct gate {
	struct writer_op	op;
	pthread_mutex_t		mu;
	pthread_cond_t		cv;
	int			open, entered;
};

static int
gate_apply(struct writer_op *op, struct store *s)
{
	struct gate *g = (struct gate *)op;

	(void)s;
	pthread_mutex_lock(&g->mu);
	g->entered = 1;
	pthread_cond_broadcast(&g->cv);
	while (!g->open)
		pthread_cond_wait(&g->cv, &g->mu);
	pthread_mutex_unlock(&g->mu);
	return 0;
}

static void
gate_done(struct writer_op *op, int rc)
{
	(void)op;
	(void)rc;
}

static void
gate_init(struct gate *g)
{
	memset(g, 0, sizeof(*g));
	g->op.apply = gate_apply;
	g->op.done = gate_done;
	pthread_mutex_init(&g->mu, NULL);
	pthread_cond_init(&g->cv, NULL);
}

static void
gate_wait_entered(struct gate *g)
{
	pthread_mutex_lock(&g->mu);
	while (!g->entered)
		pthread_cond_wait(&g->cv, &g->mu);
	pthread_mutex_unlock(&g->mu);
}

static void
gate_open(struct gate *g)
{
	pthread_mutex_lock(&g->mu);
	g->open = 1;
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
}

static void
gate_release(struct gate *g)
{
	pthread_mutex_destroy(&g->mu);
	pthread_cond_destroy(&g->cv);
}

/* Runs ops[0..n) as one batch behind a gate; returns after the drain. */
static int
run_gated(struct top *ops, int n)
{
	struct writer *w = start(1000);
	struct gate g;
	int i;

	if (w == NULL)
		return -1;
	gate_init(&g);
	writer_submit(w, &g.op);
	gate_wait_entered(&g);
	for (i = 0; i < n; i++)
		writer_submit(w, &ops[i].op);
	gate_open(&g);
	writer_stop(w);
	gate_release(&g);
	return 0;
}

TEST(eexist_fails_alone)
{
	struct top ops[10];
	int i, ok = 1;

	n_done = n_bad_rc = 0;
	for (i = 0; i < 10; i++)
		top_init(&ops[i], "ee", i, i == 4 ? FG_EEXIST : 0);
	CHECK(run_gated(ops, 10) == 0);
	for (i = 0; i < 10; i++) {
		if (ops[i].done_calls != 1)
			ok = 0;
		if (ops[i].done_rc != (i == 4 ? FG_EEXIST : 0))
			ok = 0;
	}
	CHECK(ok);
	CHECK(n_bad_rc == 0);
	CHECK(count_rows("ee", NULL, 0, NULL) == 9);
}

TEST(estore_retried_alone)
{
	unsigned char seen[10] = { 0 };
	struct top ops[10];
	int i, ok = 1, dup = -1;

	n_done = n_bad_rc = 0;
	for (i = 0; i < 10; i++)
		top_init(&ops[i], "es", i, i == 6 ? FG_ESTORE : 0);
	CHECK(run_gated(ops, 10) == 0);
	for (i = 0; i < 10; i++) {
		if (ops[i].done_calls != 1)
			ok = 0;
		if (ops[i].done_rc != (i == 6 ? FG_ESTORE : 0))
			ok = 0;
	}
	CHECK(ok);
	CHECK(n_bad_rc == 0);
	/* the batch was rolled back, then each op ran alone: no duplicates */
	CHECK(count_rows("es", seen, 10, &dup) == 9);
	CHECK(dup == 0);
	CHECK(seen[6] == 0 && seen[0] && seen[9]);
	/* ops before the failing one were applied twice, the rest once */
	CHECK(ops[0].applied == 2 && ops[9].applied == 1);
}

/*
 * A send's writes (message, delivery, inbox item, push rows): on
 * PostgreSQL they go into the writer's pipeline (pg_pipe.c), whose
 * results are read at COMMIT.  One op's insert fails on the server (a
 * title PostgreSQL's text refuses: not UTF-8): that op fails alone, the
 * others commit with the ids they were given, each exactly once.
 */
struct mop {
	struct writer_op	 op;
	struct message		 m;
	int64_t			 user, did, inbox;
	int			 pushed, done_rc, done_calls;
};

static int
mop_apply(struct writer_op *op, struct store *s)
{
	struct mop *o = (struct mop *)op;
	int rc;

	if ((rc = spool_message_insert(s, &o->m, &o->user, 1, "t", &o->did,
	    NULL)) != 0 ||
	    (rc = spool_inbox_add(s, o->user, o->m.id, o->did, &o->inbox)) != 0)
		return rc;
	return spool_push_add(s, o->m.id, &o->user, &o->inbox, 1, 1,
	    &o->pushed);
}

static void
mop_done(struct writer_op *op, int rc)
{
	struct mop *o = (struct mop *)op;

	o->done_rc = rc;
	o->done_calls++;
}

TEST(pipeline_failure_fails_alone)
{
	struct mop ops[8];
	struct writer *w;
	struct gate g;
	struct message m;
	struct store *s;
	struct strbuf err = STRBUF_INIT;
	char title[8][16];
	int i, ok = 1;

	if (!harness_on_pg()) {
		printf("  skip %s on SQLite: any bytes are its text\n",
		    harness_cur);
		return;
	}
	memset(ops, 0, sizeof(ops));
	for (i = 0; i < 8; i++) {
		snprintf(title[i], sizeof(title[i]), i == 5 ? "bad\xff%d" :
		    "pipe-%d", i);
		ops[i].op.apply = mop_apply;
		ops[i].op.done = mop_done;
		ops[i].user = 1;
		ops[i].m.sender_id = 1;
		ops[i].m.title = title[i];
		ops[i].m.content = "c";
		ops[i].m.content_len = 1;
		ops[i].m.webhook = ops[i].m.callback_url = ops[i].m.error = "";
		ops[i].m.status = MSG_SENT;
	}
	CHECK((w = start(1000)) != NULL);
	gate_init(&g);
	writer_submit(w, &g.op);
	gate_wait_entered(&g);
	for (i = 0; i < 8; i++)
		writer_submit(w, &ops[i].op);
	gate_open(&g);
	writer_stop(w);
	gate_release(&g);
	CHECK(store_open_dir(dir, 0, &s, &err) == 0);
	for (i = 0; i < 8; i++) {
		if (ops[i].done_calls != 1 || (ops[i].done_rc != 0) != (i == 5))
			ok = 0;
		if (i == 5)
			continue;
		if (spool_message_get_id(s, ops[i].m.id, &m) != 0 ||
		    strcmp(m.title, title[i]) != 0)
			ok = 0;
		message_release(&m);
		if (i && ops[i].inbox <= ops[i - 1 - (i == 6)].inbox)
			ok = 0;	/* inbox ids in commit order */
	}
	CHECK(ok);
	store_close(s);
	strbuf_release(&err);
}

int
main(void)
{
	log_verbosity = LOG_LVL_ERROR;
	if (ids_init() != 0 || mkdtemp(dir) == NULL || harness_pg() != 0) {
		perror("setup");
		return 1;
	}
	RUN(many_threads);
	RUN(submit_wait_and_stats);
	RUN(eexist_fails_alone);
	RUN(estore_retried_alone);
	RUN(pipeline_failure_fails_alone);
	harness_rm_dir(dir);
	DONE();
}
