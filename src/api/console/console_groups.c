/*
 * console_groups.c: the console's groups (issue 12), each action one
 * operation of ops/group.c or ops/blacklist.c, the ones the open API's
 * topic/... and `feige group` call.
 *
 *   GET  /console/groups                 own groups, create form
 *   POST /console/groups/add             code, name -> ops_group_add()
 *   GET  /console/groups/ID[?link=CODE]  one group (a join link just
 *                                        made is shown with its QR code)
 *   POST /console/groups/ID/edit         name, contact, intro ->
 *                                        ops_group_edit()
 *   POST /console/groups/ID/link         ops_group_join_link() (default
 *                                        life, any number of scans)
 *   POST /console/groups/ID/member       remove=MEMBER ->
 *                                        ops_group_member_delete(),
 *                                        block=MEMBER -> ops_block_member()
 *   POST /console/groups/ID/delete       ops_group_delete()
 *
 * Each checks first that the group (and the member) is the person's;
 * otherwise 404, the same as an unknown id.  Required fields are
 * checked here so the form comes back with what was typed; the rules
 * (a taken code, lengths) are the operations', whose reason is shown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "api/ctx.h"
#include "core/limits.h"
#include "ops/blacklist.h"
#include "ops/group.h"
#include "render/console_sender.h"
#include "store/dir.h"
#include "store/readers.h"
#include "util/xmalloc.h"

#define GRP_SHOWN 100

struct grp_list {
	struct store_group rows[GRP_SHOWN];
	struct console_group view[GRP_SHOWN];
	size_t n;
};

static void
group_view(const struct store_group *g, struct console_group *v)
{
	v->id = g->id;
	v->code = g->code;
	v->name = g->name;
	v->contact = g->contact;
	v->intro = g->introduction;
	v->members = g->members;
}

static int
one_group(void *arg, const struct store_group *g)
{
	struct grp_list *l = arg;

	if (l->n == GRP_SHOWN)
		return 1;
	l->rows[l->n] = *g;
	group_view(&l->rows[l->n], &l->view[l->n]);
	l->n++;
	return 0;
}

static void
list(struct console_req *c, struct console_groups_view *v, unsigned int st)
{
	struct grp_list *l = xcalloc(1, sizeof(*l));
	struct strbuf body = STRBUF_INIT;
	int64_t total = 0;

	if (dir_topic_list(store_reader(), c->u.id, 0, 0, GRP_SHOWN, &total,
		one_group, l) < 0)
		l->n = 0;
	v->lang = c->lang;
	v->csrf = c->csrf;
	v->groups = l->view;
	v->n = l->n;
	console_answer(c, st, &body, st == 200 ? NULL : "app.error",
	    console_groups_page(&body, v));
	strbuf_release(&body);
	free(l);
}

/* The person's group of the id at the start of c->rest; -1: answered. */
static int
own_group(struct console_req *c, struct store_group *g)
{
	int64_t id = console_id(c->rest);

	if (id < 0 || dir_topic_get(store_reader(), id, g) != 0 ||
	    g->owner_id != c->u.id) {
		console_fail(c, 404, "grp.gone");
		return -1;
	}
	return 0;
}

int
console_people_one(void *arg, const struct store_open_person *p)
{
	struct console_people *l = arg;
	struct console_member *m = &l->view[l->n];

	if (l->n == CONSOLE_PEOPLE)
		return 1;
	l->rows[l->n] = *p;
	m->id = p->id;
	m->uid = l->rows[l->n].uid;
	m->name = l->rows[l->n].name;
	m->remark = l->rows[l->n].remark;
	m->token = l->rows[l->n].token;
	m->created_ms = p->created_ms;
	l->n++;
	return 0;
}

static void
one(struct console_req *c, const struct store_group *g, const char *err_name,
    unsigned int st)
{
	struct console_people *l = xcalloc(1, sizeof(*l));
	struct console_group_view v = { .lang = c->lang,
		.csrf = c->csrf,
		.err_name = err_name };
	struct console_group gv;
	struct strbuf body = STRBUF_INIT, link = STRBUF_INIT;
	int64_t total = 0;

	group_view(g, &gv);
	v.g = &gv;
	if (dir_member_list(store_reader(), g->id, 0, CONSOLE_PEOPLE, &total,
		console_people_one, l) < 0)
		l->n = 0;
	v.members = l->view;
	v.n = l->n;
	if ((v.link_code = console_join_of(c, &link)) != NULL)
		v.link = link.buf;
	console_answer(c, st, &body, st == 200 ? NULL : "app.error",
	    console_group_page(&body, &v));
	strbuf_release(&body);
	strbuf_release(&link);
	free(l);
}

void
console_groups_get(struct console_req *c)
{
	struct console_groups_view v = { 0 };
	struct store_group g;

	if (*c->rest == '\0')
		return list(c, &v, 200);
	if (strchr(c->rest + 1, '/') != NULL)
		return console_fail(c, 404, "app.notfound");
	if (own_group(c, &g) == 0)
		one(c, &g, NULL, 200);
}

/* ---- writes --------------------------------------------------------- */

enum grp_act { GA_ADD, GA_EDIT, GA_LINK, GA_REMOVE, GA_BLOCK, GA_DELETE };

struct grp_op {
	struct console_op k; /* first */
	enum grp_act act;
	struct store_group g;
	struct store_open_join j;
	int64_t member;
};

static int
grp_apply(struct api_op *o, struct store *s)
{
	struct grp_op *k = (struct grp_op *)o;
	int64_t id;

	switch (k->act) {
	case GA_ADD:
		return ops_group_add(s, &k->g, &k->k.err);
	case GA_EDIT:
		return ops_group_edit(s, &k->g, &k->k.err);
	case GA_LINK:
		return ops_group_join_link(s, &k->j, 0, &k->k.err);
	case GA_REMOVE:
		return ops_group_member_delete(s, k->member, &k->k.err);
	case GA_BLOCK:
		return ops_block_member(s, k->member, &id, &k->k.err);
	case GA_DELETE:
		return ops_group_delete(s, k->g.id, &k->k.err);
	}
	return FG_EINVAL;
}

/* After the commit: where to go (the new group, the link's page). */
static void
grp_done(struct console_op *o)
{
	struct grp_op *k = (struct grp_op *)o;

	if (k->act == GA_DELETE)
		return;
	if (k->act != GA_LINK)
		snprintf(o->back, sizeof(o->back), "/console/groups/%lld",
		    (long long)k->g.id);
	else
		snprintf(o->back, sizeof(o->back),
		    "/console/groups/%lld?link=%s", (long long)k->j.topic_id,
		    k->j.code);
}

static struct grp_op *
grp_op(struct console_req *c, enum grp_act act, const char *flash)
{
	struct grp_op *k = console_op_new(c, sizeof(*k), grp_apply, flash);

	k->act = act;
	k->k.done = grp_done;
	return k;
}

static void
add(struct console_req *c)
{
	struct console_groups_view v = { 0 };
	struct grp_op *k;

	v.code = console_in(c, "code");
	v.name = console_in(c, "name");
	if (*v.code == '\0')
		v.err_code = "app.err.required";
	else if (strlen(v.code) > LIM_NAME_BYTES)
		v.err_code = "app.err.long";
	if (*v.name == '\0')
		v.err_name = "app.err.required";
	else if (strlen(v.name) > LIM_NAME_BYTES)
		v.err_name = "app.err.long";
	if (v.err_code || v.err_name)
		return list(c, &v, 422);
	k = grp_op(c, GA_ADD, "grp.added");
	k->g.owner_id = c->u.id;
	snprintf(k->g.code, sizeof(k->g.code), "%s", v.code);
	snprintf(k->g.name, sizeof(k->g.name), "%s", v.name);
	console_op_submit(c, &k->k);
}

static void
edit(struct console_req *c, struct store_group *g)
{
	const char *name = console_in(c, "name");
	struct grp_op *k;

	snprintf(g->contact, sizeof(g->contact), "%s",
	    console_in(c, "contact"));
	snprintf(g->introduction, sizeof(g->introduction), "%s",
	    console_in(c, "intro"));
	if (*name == '\0' || strlen(name) > LIM_NAME_BYTES) {
		snprintf(g->name, sizeof(g->name), "%s", name);
		return one(c, g, *name ? "app.err.long" : "app.err.required",
		    422);
	}
	k = grp_op(c, GA_EDIT, "app.saved");
	k->g = *g;
	snprintf(k->g.name, sizeof(k->g.name), "%s", name);
	console_op_submit(c, &k->k);
}

static void
member(struct console_req *c, const struct store_group *g)
{
	const char *rm = console_in(c, "remove"), *bl = console_in(c, "block");
	struct store_open_person p;
	int64_t id = console_id(*rm ? rm : bl);
	struct grp_op *k;

	if (id < 0 || dir_member_get(store_reader(), id, &p) != 0 ||
	    p.owner_id != g->id)
		return console_fail(c, 404, "grp.gone");
	k = grp_op(c, *rm ? GA_REMOVE : GA_BLOCK,
	    *rm ? "grp.removed" : "grp.blocked");
	k->member = id;
	k->g = *g;
	console_op_submit(c, &k->k);
}

void
console_groups_post(struct console_req *c)
{
	const char *act = c->rest[0] ? strchr(c->rest + 1, '/') : NULL;
	struct store_group g;
	struct grp_op *k;

	if (strcmp(c->rest, "/add") == 0)
		return add(c);
	if (act == NULL || own_group(c, &g) != 0) {
		if (act == NULL)
			console_fail(c, 404, "app.notfound");
		return;
	}
	if (strcmp(act, "/edit") == 0)
		return edit(c, &g);
	if (strcmp(act, "/member") == 0)
		return member(c, &g);
	if (strcmp(act, "/link") == 0) {
		k = grp_op(c, GA_LINK, NULL);
		k->j.kind = OPEN_JOIN_TOPIC;
		k->j.owner_id = c->u.id;
		k->j.topic_id = g.id;
		k->j.scan_max = -1;
	} else if (strcmp(act, "/delete") == 0) {
		k = grp_op(c, GA_DELETE, "app.deleted");
		k->g = g;
	} else
		return console_fail(c, 404, "app.notfound");
	console_op_submit(c, &k->k);
}
