/*
 * console_friends.c: the console's friends (issue 12), the operations
 * of the open API's friend/... and `feige friend`.
 *
 *   GET  /console/friends[?link=CODE]   the friends, a friend link just
 *                                       made with its QR code
 *   POST /console/friends/link          ops_group_join_link() of kind
 *                                       friend (default life, any scans)
 *   POST /console/friends/remark        id, remark -> ops_friend_remark()
 *   POST /console/friends/remove        id -> ops_friend_delete()
 *
 * A friendship id that is not the person's answers 404.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_pages.h"
#include "ops/friend.h"
#include "ops/group.h"
#include "store/dir.h"
#include "store/readers.h"
#include "util/xmalloc.h"

void
console_friends_get(struct console_req *c)
{
	struct console_people *l = xcalloc(1, sizeof(*l));
	struct console_friends_view v = { .lang = c->lang, .csrf = c->csrf };
	struct strbuf body = STRBUF_INIT, link = STRBUF_INIT;
	int64_t total = 0;

	if (*c->rest != '\0') {
		free(l);
		return console_fail(c, 404, "app.notfound");
	}
	if (dir_friend_list(store_reader(), c->u.id, 0, CONSOLE_PEOPLE, &total,
		console_people_one, l) < 0)
		l->n = 0;
	v.friends = l->view;
	v.n = l->n;
	if ((v.link_code = console_join_of(c, &link)) != NULL)
		v.link = link.buf;
	console_answer(c, 200, &body, NULL, console_friends_page(&body, &v));
	strbuf_release(&body);
	strbuf_release(&link);
	free(l);
}

enum fr_act { FA_LINK, FA_REMARK, FA_REMOVE };

struct fr_op {
	struct console_op k; /* first */
	enum fr_act act;
	int64_t id;
	char remark[OPEN_TEXT_MAX + 1];
	struct store_open_join j;
};

static int
fr_apply(struct api_op *o, struct store *s)
{
	struct fr_op *k = (struct fr_op *)o;

	switch (k->act) {
	case FA_LINK:
		return ops_group_join_link(s, &k->j, 0, &k->k.err);
	case FA_REMARK:
		return ops_friend_remark(s, k->id, k->remark, &k->k.err);
	case FA_REMOVE:
		return ops_friend_delete(s, k->id, &k->k.err);
	}
	return FG_EINVAL;
}

static void
fr_done(struct console_op *o)
{
	struct fr_op *k = (struct fr_op *)o;

	if (k->act == FA_LINK)
		snprintf(o->back, sizeof(o->back), "/console/friends?link=%s",
		    k->j.code);
}

void
console_friends_post(struct console_req *c)
{
	struct store_open_person p;
	struct fr_op *k;
	int64_t id = console_id(console_in(c, "id"));
	int remark;

	if (strcmp(c->rest, "/link") == 0) {
		k = console_op_new(c, sizeof(*k), fr_apply, NULL);
		k->act = FA_LINK;
		k->j.kind = OPEN_JOIN_FRIEND;
		k->j.owner_id = c->u.id;
		k->j.scan_max = -1;
		k->k.done = fr_done;
		return console_op_submit(c, &k->k);
	}
	if (strcmp(c->rest, "/remark") != 0 && strcmp(c->rest, "/remove") != 0)
		return console_fail(c, 404, "app.notfound");
	if (id < 0 || dir_friend_get(store_reader(), id, &p) != 0 ||
	    p.owner_id != c->u.id)
		return console_fail(c, 404, "fr.gone");
	remark = strcmp(c->rest, "/remark") == 0;
	k = console_op_new(c, sizeof(*k), fr_apply,
	    remark ? "app.saved" : "app.deleted");
	k->act = remark ? FA_REMARK : FA_REMOVE;
	k->id = id;
	snprintf(k->remark, sizeof(k->remark), "%s", console_in(c, "remark"));
	console_op_submit(c, &k->k);
}
