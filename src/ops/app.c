/*
 * app.c: WxPusher apps, topics, products and SPT tokens (app.h).
 *
 * The rules are checked here even when the caller checked them in its
 * own words first, so that no adapter can store an app the others would
 * refuse; the store then only has to keep rows.
 */
#include <stdio.h>
#include <string.h>

#include "ops/app.h"
#include "util/strbuf.h"

static const char *const app_fields[] = {
	"name", "description", "contact", "callback_url", "settings_url",
	"follow_tip", NULL
};

static int
invalid(struct strbuf *err, const char *what, const char *why)
{
	if (err)
		strbuf_setf(err, "%s %s", what, why);
	return FG_EINVAL;
}

static int
valid_url(const char *u)
{
	return strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0;
}

static int
check_name(const char *name, struct strbuf *err)
{
	if (*name == '\0' || strlen(name) > LIM_NAME_BYTES) {
		if (err)
			strbuf_setf(err, "a name is 1 to %d bytes",
			    LIM_NAME_BYTES);
		return FG_EINVAL;
	}
	return 0;
}

static int
no_app(int rc, int64_t id, struct strbuf *err)
{
	if (rc != 0 && err)
		strbuf_setf(err, rc == FG_ENOENT ? "no app %lld" :
		    "app %lld: store error", (long long)id);
	return rc;
}

int
ops_app_add(struct store *s, const struct ops_app_new *in,
    struct store_wx_app *out, struct strbuf *err)
{
	int rc;

	if ((rc = check_name(in->name, err)) != 0)
		return rc;
	if (in->callback_url && (!valid_url(in->callback_url) ||
	    strlen(in->callback_url) > LIM_PP_URL_BYTES))
		return invalid(err, "a callback", "must be an http(s) URL");
	return dir_wx_app_add(s, in->owner_id, in->name, in->callback_url, out,
	    err);
}

int
ops_app_reset_token(struct store *s, int64_t id, struct store_wx_app *out,
    struct strbuf *err)
{
	return no_app(dir_wx_app_reset_token(s, id, out), id, err);
}

int
ops_app_set(struct store *s, const struct ops_app_field *in,
    struct strbuf *err)
{
	size_t i;

	for (i = 0; app_fields[i] && strcmp(app_fields[i], in->field) != 0;
	    i++)
		;
	if (app_fields[i] == NULL)
		return invalid(err, in->field, "is not a field of an app");
	if (strlen(in->value) > WX_TEXT_BYTES)
		return invalid(err, in->field, "is too long");
	if (strstr(in->field, "_url") && *in->value && !valid_url(in->value))
		return invalid(err, in->field, "must be an http(s) URL");
	return no_app(dir_wx_app_set(s, in->app_id, in->field, in->value),
	    in->app_id, err);
}

int
ops_wx_topic_add(struct store *s, int64_t app_id, const char *name,
    struct store_wx_topic *out, struct strbuf *err)
{
	struct store_wx_app app;
	int rc;

	if ((rc = check_name(name, err)) != 0 ||
	    (rc = no_app(dir_wx_app_get(s, app_id, &app), app_id, err)) != 0)
		return rc;
	return dir_wx_topic_add(s, app_id, name, out, err);
}

int
ops_product_add(struct store *s, const struct ops_product_new *in,
    struct store_wx_product *out, struct strbuf *err)
{
	struct store_wx_app app;
	struct store_wx_topic t;
	int rc;

	if ((rc = check_name(in->name, err)) != 0)
		return rc;
	if (in->price_fen < 0 || in->price_fen > 100000000)
		return invalid(err, "a price", "is 0 to 100000000 fen");
	if ((rc = no_app(dir_wx_app_get(s, in->app_id, &app), in->app_id,
	    err)) != 0)
		return rc;
	if (in->topic_id && ((rc = dir_wx_topic_get(s, in->topic_id,
	    &t)) != 0 || t.app_id != in->app_id)) {
		if (err)
			strbuf_setf(err, "no topic %lld in app %lld",
			    (long long)in->topic_id, (long long)in->app_id);
		return FG_ENOENT;
	}
	memset(out, 0, sizeof(*out));
	out->app_id = in->app_id;
	out->topic_id = in->topic_id;
	out->price_fen = (int)in->price_fen;
	snprintf(out->name, sizeof(out->name), "%s", in->name);
	if ((rc = dir_wx_product_add(s, out)) != 0 && err)
		strbuf_setf(err, "cannot add the product");
	return rc;
}

int
ops_wx_spt(struct store *s, int64_t user_id, char out[48],
    struct strbuf *err)
{
	int rc = dir_wx_user_spt(s, user_id, out);

	if (rc != 0 && err)
		strbuf_setf(err, "cannot create the SPT");
	return rc;
}

int
ops_wx_topic_edit(struct store *s, const struct store_wx_topic *t,
    struct strbuf *err)
{
	int rc;

	if ((rc = check_name(t->name, err)) != 0)
		return rc;
	if (strlen(t->description) > WX_TEXT_BYTES)
		return invalid(err, "a description", "is too long");
	return fg_err(dir_wx_topic_put(s, t), err, "edit topic %lld",
	    (long long)t->id);
}

int
ops_wx_topic_delete(struct store *s, int64_t id, struct strbuf *err)
{
	return fg_err(dir_wx_topic_delete(s, id), err, "delete topic %lld",
	    (long long)id);
}

int
ops_product_edit(struct store *s, const struct store_wx_product *p,
    struct strbuf *err)
{
	int rc;

	if ((rc = check_name(p->name, err)) != 0)
		return rc;
	if (p->price_fen < 0 || p->price_fen > 100000000)
		return invalid(err, "a price", "is 0 to 100000000 fen");
	return fg_err(dir_wx_product_put(s, p), err, "edit product %lld",
	    (long long)p->id);
}

int
ops_product_delete(struct store *s, int64_t id, struct strbuf *err)
{
	return fg_err(dir_wx_product_delete(s, id), err, "delete product "
	    "%lld", (long long)id);
}
