/*
 * card.c: the frame shared by the four "card" templates (cloudMonitor,
 * jenkins, route, pay).
 *
 * A card is a header line (a colored badge and a title) over a key/value
 * table.  Every card follows the same sequence:
 *
 *	card_open(out, &headline)	<div class="fg-card fg-TONE">, the
 *					header line, then opens the table
 *	card_rows() / card_row()	the fields the card knows, labelled
 *	card_rest(out, obj)		closes the table; other fields, if any
 *	card_link() ...			optional extras below the tables
 *	card_end(out)			</div>
 *
 * card_rows() removes each field it shows from the object (the card owns
 * the object card_parse() returned), so card_rest() shows exactly the
 * fields nobody labelled: a sender's unknown field is never dropped.
 * Keys match case-insensitively because router scripts and payment
 * bridges disagree on "ip"/"IP", "orderNo"/"OrderNo".
 *
 * Empty strings and nulls are skipped, since a blank row says nothing.
 * How a value looks is card_value.c's business.
 *
 * Each card also has a headline function (title, badge, tone, extra)
 * that both draws its header and gives card_summary() the one line that
 * previews and untitled message pages show instead of raw JSON.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render/render.h"
#include "render/render_int.h"
#include "util/xmalloc.h"

/* The content as an object: JSON, lenient JSON or a form body; or NULL. */
json_t *
card_parse(const char *s, size_t n)
{
	json_t *v = render_json_parse(s, n);

	if (v != NULL && json_is_object(v))
		return v;
	if (v != NULL) {
		json_decref(v);
		return NULL;
	}
	return render_json_form(s, n);
}

const json_t *
card_get(const json_t *obj, const char *key)
{
	const char *k;
	json_t *v;

	if (!json_is_object(obj))
		return NULL;
	if ((v = json_object_get(obj, key)) != NULL)
		return v;
	json_object_foreach((json_t *)obj, k, v)
		if (strcasecmp(k, key) == 0)
			return v;
	return NULL;
}

const char *
card_str(const json_t *obj, const char *key)
{
	const json_t *v = card_get(obj, key);

	if (v == NULL || !json_is_string(v) || json_string_length(v) == 0)
		return NULL;
	return json_string_value(v);
}

/* Removes key from obj and returns its value (a new reference). */
static json_t *
take(json_t *obj, const char *key)
{
	const char *k;
	json_t *v;
	char *copy;

	json_object_foreach(obj, k, v) {
		if (strcasecmp(k, key) != 0)
			continue;
		json_incref(v);
		copy = xstrdup(k);
		json_object_del(obj, copy);
		free(copy);
		return v;
	}
	return NULL;
}

static int
blank(const json_t *v)
{
	return json_is_null(v) ||
	    (json_is_string(v) && json_string_length(v) == 0);
}

void
card_headline_init(struct card_headline *h)
{
	strbuf_init(&h->title, 0);
	strbuf_init(&h->badge, 0);
	strbuf_init(&h->extra, 0);
	h->tone = TONE_INFO;
}

void
card_headline_release(struct card_headline *h)
{
	strbuf_release(&h->title);
	strbuf_release(&h->badge);
	strbuf_release(&h->extra);
}

/* Opens the card: its frame, the header line, and the field table. */
int
card_open(struct strbuf *out, const struct card_headline *h)
{
	const char *tone = card_tone_class(h->tone);
	int rc;

	if ((rc = strbuf_addf(out, "<div class=\"fg-card %s\">"
	    "<div class=\"fg-card-h\">", tone)) != 0)
		return rc;
	if (h->badge.len && ((rc = strbuf_addf(out, "<span class=\"fg-badge "
	    "%s\">", tone)) != 0 ||
	    (rc = render_esc(out, h->badge.buf, h->badge.len)) != 0 ||
	    (rc = strbuf_addstr(out, "</span>")) != 0))
		return rc;
	if ((rc = strbuf_addstr(out, "<span class=\"fg-card-t\">")) != 0 ||
	    (rc = render_esc(out, h->title.buf, h->title.len)) != 0)
		return rc;
	return strbuf_addstr(out, "</span></div><table class=\"fg-kv\">");
}

/*
 * The plain-text summary of a card's content: "【badge】title extra", or
 * nothing when the content is not an object.
 */
int
card_summary(struct strbuf *out, int tpl, const char *s, size_t n)
{
	void (*headline)(const json_t *, struct card_headline *);
	struct card_headline h;
	json_t *obj;
	int rc = 0;

	switch (tpl) {
	case TPL_CLOUDMONITOR: headline = card_cloud_headline; break;
	case TPL_JENKINS: headline = card_jenkins_headline; break;
	case TPL_ROUTE: headline = card_route_headline; break;
	case TPL_PAY: headline = card_pay_headline; break;
	default: return 0;
	}
	if ((obj = card_parse(s, n)) == NULL)
		return 0;
	card_headline_init(&h);
	headline(obj, &h);
	if (h.badge.len)
		rc = strbuf_addf(out, "【%s】", h.badge.buf);
	if (rc == 0)
		rc = strbuf_add(out, h.title.buf, h.title.len);
	if (rc == 0 && h.extra.len)
		rc = strbuf_addf(out, " %s", h.extra.buf);
	card_headline_release(&h);
	json_decref(obj);
	return rc;
}

int
card_row(struct strbuf *out, const char *label, const json_t *v,
    int (*fmt)(struct strbuf *, const json_t *))
{
	int rc;

	if (v == NULL || blank(v))
		return 0;
	if ((rc = strbuf_addstr(out, "<tr><th>")) != 0 ||
	    (rc = render_esc_str(out, label)) != 0 ||
	    (rc = strbuf_addstr(out, "</th><td>")) != 0 ||
	    (rc = (fmt ? fmt : card_value)(out, v)) != 0)
		return rc;
	return strbuf_addstr(out, "</td></tr>");
}

int
card_rows(struct strbuf *out, json_t *obj, const struct card_label *labels,
    size_t n)
{
	json_t *v;
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		while (rc == 0 && (v = take(obj, labels[i].key)) != NULL) {
			rc = card_row(out, labels[i].label, v, labels[i].fmt);
			json_decref(v);
		}
	}
	return rc;
}

int
card_rest(struct strbuf *out, const json_t *obj)
{
	const char *key;
	json_t *v;
	int rc, any = 0;

	if ((rc = strbuf_addstr(out, "</table>")) != 0)
		return rc;
	json_object_foreach((json_t *)obj, key, v) {
		if (blank(v))
			continue;
		if (!any++ && (rc = strbuf_addstr(out, "<div class=\"fg-card-"
		    "sub\">其他字段</div><table class=\"fg-kv\">")) != 0)
			return rc;
		if ((rc = card_row(out, key, v, NULL)) != 0)
			return rc;
	}
	return any ? strbuf_addstr(out, "</table>") : 0;
}

int
card_link(struct strbuf *out, const char *url, const char *text)
{
	int rc;

	if (!card_is_url(url))
		return 0;
	if ((rc = strbuf_addstr(out, "<a class=\"fg-btn\" href=\"")) == 0 &&
	    (rc = render_esc_str(out, url)) == 0 &&
	    (rc = strbuf_addstr(out, "\">")) == 0 &&
	    (rc = render_esc_str(out, text)) == 0)
		rc = strbuf_addstr(out, "</a>");
	return rc;
}

int
card_end(struct strbuf *out)
{
	return strbuf_addstr(out, "</div>");
}
