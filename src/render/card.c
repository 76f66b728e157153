/*
 * card.c: the frame shared by the four "card" templates (cloudMonitor,
 * jenkins, route, pay).
 *
 * A card is a header line (a colored badge and a title) over a key/value
 * table.  The cards differ only in their struct card_def (a headline
 * function and a body that draws the card's sets of labelled fields
 * from card_fields.c) and in their words (card_words.c); card_render()
 * draws every card the same way:
 *
 *	top				<div class="fg-card fg-TONE">, the
 *					header line, then opens the table
 *	def->body			the fields the card knows, labelled
 *	rest(out, obj)			closes the table; other fields, if any
 *	card_a(link)			the headline's link as a button
 *	</div>
 *
 * card_rows() removes each field it shows from the object (the card owns
 * the object card_parse() returned), so rest() shows exactly the fields
 * nobody labelled: a sender's unknown field is never dropped.  Keys
 * match case-insensitively because router scripts and payment bridges
 * disagree on "ip"/"IP", "orderNo"/"OrderNo".
 *
 * Empty strings and nulls are skipped, since a blank row says nothing.
 * How a value looks is card_value.c's business.
 *
 * The headline function (title, badge, tone, extra, link) both draws a
 * card's header and gives card_summary() the one line that previews and
 * untitled message pages show instead of raw JSON.
 */
#include <strings.h>

#include "render/render.h"
#include "render/render_int.h"

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

/* The first of keys in obj whose value is a word of set, or NULL. */
const struct card_word *
card_word_of(enum card_words set, const json_t *obj,
    const char *const *keys)
{
	const struct card_word *f;

	for (; *keys; keys++)
		if ((f = card_word(set, card_str(obj, *keys))) != NULL)
			return f;
	return NULL;
}

/* The first of keys whose value is a non-empty string. */
const char *
card_first(const json_t *obj, const char *const *keys)
{
	const char *s;

	for (; *keys; keys++)
		if ((s = card_str(obj, *keys)) != NULL)
			return s;
	return NULL;
}

static int
blank(const json_t *v)
{
	return json_is_null(v) ||
	    (json_is_string(v) && json_string_length(v) == 0);
}

/* The word as the badge, its tone as the card's; nothing for NULL. */
void
card_badge(struct card_headline *h, const struct card_word *w)
{
	if (w == NULL)
		return;
	h->tone = w->tone;
	(void)strbuf_addstr(&h->badge, w->text);
}

static void
headline(const struct card_def *def, const json_t *obj,
    struct card_headline *h)
{
	strbuf_init(&h->title, 0);
	strbuf_init(&h->badge, 0);
	strbuf_init(&h->extra, 0);
	strbuf_init(&h->link, 0);
	h->link_text = NULL;
	h->tone = TONE_INFO;
	def->headline(obj, h);
}

static void
headline_release(struct card_headline *h)
{
	strbuf_release(&h->title);
	strbuf_release(&h->badge);
	strbuf_release(&h->extra);
	strbuf_release(&h->link);
}

/* Opens the card: its frame, the header line, and the field table. */
static int
top(struct strbuf *out, const struct card_headline *h)
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

/* Closes the field table; then the fields nobody labelled, if any. */
static int
rest(struct strbuf *out, const json_t *obj)
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

/* A card's content as the card, or as a JSON view if it is no object. */
int
card_render(struct strbuf *out, const struct card_def *def, const char *s,
    size_t n)
{
	struct card_headline h;
	json_t *obj;
	int rc;

	if ((obj = card_parse(s, n)) == NULL)
		return render_json(out, s, n);
	headline(def, obj, &h);
	if ((rc = top(out, &h)) == 0)
		rc = def->body(out, obj, &h);
	if (rc == 0 && (rc = rest(out, obj)) == 0 &&
	    (rc = card_a(out, "<a class=\"fg-btn\" href=\"", h.link.buf,
	    h.link_text)) == 0)
		rc = strbuf_addstr(out, "</div>");
	headline_release(&h);
	json_decref(obj);
	return rc;
}

/*
 * The plain-text summary of a card's content: "【badge】title extra", or
 * nothing when the content is not an object.
 */
int
card_summary(struct strbuf *out, int tpl, const char *s, size_t n)
{
	const struct card_def *def;
	struct card_headline h;
	json_t *obj;
	int rc = 0;

	switch (tpl) {
	case TPL_CLOUDMONITOR: def = &card_cloud; break;
	case TPL_JENKINS: def = &card_jenkins; break;
	case TPL_ROUTE: def = &card_route; break;
	case TPL_PAY: def = &card_pay; break;
	default: return 0;
	}
	if ((obj = card_parse(s, n)) == NULL)
		return 0;
	headline(def, obj, &h);
	if (h.badge.len)
		rc = strbuf_addf(out, "【%s】", h.badge.buf);
	if (rc == 0)
		rc = strbuf_add(out, h.title.buf, h.title.len);
	if (rc == 0 && h.extra.len)
		rc = strbuf_addf(out, " %s", h.extra.buf);
	headline_release(&h);
	json_decref(obj);
	return rc;
}

/* One row: text in the left column, v shown as l says (l may be NULL). */
int
card_row(struct strbuf *out, const char *text, const json_t *v,
    const struct card_label *l)
{
	int rc;

	if (v == NULL || blank(v))
		return 0;
	if ((rc = strbuf_addstr(out, "<tr><th>")) != 0 ||
	    (rc = render_esc_str(out, text)) != 0 ||
	    (rc = strbuf_addstr(out, "</th><td>")) != 0)
		return rc;
	if (l != NULL && l->words != W_NONE)
		rc = card_fmt_word(out, v, l->words);
	else
		rc = (l != NULL && l->fmt ? l->fmt : card_value)(out, v);
	return rc ? rc : strbuf_addstr(out, "</td></tr>");
}
