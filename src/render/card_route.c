/*
 * card_route.c: the "route" template, notices from router plugins.
 *
 * pushplus's router template serves scripts on OpenWrt, Padavan, Merlin
 * and the like that report devices coming online or going offline, WAN
 * address changes, reboots and traffic.  Each script picks its own field
 * names, so this card keeps the sender's order and shows every field,
 * labelling the ones it recognises (hostname/name, ip, mac, status...)
 * in Chinese.  A status word it knows ("online", "offline", "上线")
 * colors the card; arrays of devices show as nested tables.
 */
#include <string.h>

#include "render/render_int.h"

static void
headline(const json_t *obj, struct card_headline *h)
{
	static const char *const st_keys[] = { "status", "state", "event",
	    "action", "type", NULL };
	static const char *const titles[] = { "title", "router", NULL };
	static const char *const who[] = { "name", "hostname", "deviceName",
	    "host", "device", "mac", NULL };
	const char *title, *v;

	if ((title = card_first(obj, titles)) == NULL)
		title = "路由器通知";
	(void)render_utf8(&h->title, title, strlen(title));
	card_badge(h, card_word_of(W_ROUTE_STATE, obj, st_keys));
	if ((v = card_first(obj, who)) != NULL)
		(void)strbuf_addstr(&h->extra, v);
	if ((v = card_str(obj, "ip")) != NULL)
		(void)strbuf_addf(&h->extra, "%s%s", h->extra.len ? " " : "",
		    v);
}

/* Every field in the sender's order, labelled where it is known. */
static int
body(struct strbuf *out, json_t *obj, const struct card_headline *h)
{
	const struct card_label *l;
	const char *key;
	json_t *v;
	int rc;

	json_object_foreach(obj, key, v) {
		l = card_label(F_ROUTE, key);
		if (l && strcmp(l->key, "title") == 0 && json_is_string(v) &&
		    strcmp(json_string_value(v), h->title.buf) == 0)
			continue;	/* already the header */
		if ((rc = card_row(out, l ? l->label : key, v, l)) != 0)
			return rc;
	}
	/* Every field was shown in place: the rest is empty. */
	json_object_clear(obj);
	return 0;
}

const struct card_def card_route = { headline, body };

int
render_route(struct strbuf *out, const char *s, size_t n)
{
	return card_render(out, &card_route, s, n);
}
