/*
 * card_pay.c: the "pay" template, payment notices.
 *
 * Payment bridges (personal collection apps, Alipay/WeChat Pay callback
 * relays) post an amount, a channel, an order number, a time and a
 * remark, each under several names: amount/money/price/totalAmount in
 * yuan, total_fee/totalFee in fen (WeChat Pay's unit).  The card puts
 * the amount large at the top, "¥12.34", then the labelled fields, then
 * the rest.  A status it knows (success/paid, fail, refund) colors it.
 */
#include <stdlib.h>
#include <string.h>

#include "render/render_int.h"

/* "¥12.34" from whichever amount field is present. */
static void
amount_text(struct strbuf *t, const json_t *obj)
{
	static const char *const yuan[] = { "amount", "money", "price",
	    "totalAmount", "total_amount", "payAmount", NULL };
	static const char *const fen[] = { "total_fee", "totalFee", NULL };
	const char *const *k;
	const json_t *v;
	unsigned long long u;
	json_int_t f;

	for (k = yuan; *k; k++) {
		if ((v = card_get(obj, *k)) == NULL)
			continue;
		if (json_is_number(v))
			(void)strbuf_addf(t, "¥%.2f", json_number_value(v));
		else if (json_is_string(v) && json_string_length(v) > 0)
			(void)strbuf_addf(t, "¥%s", json_string_value(v));
		if (t->len)
			return;
	}
	for (k = fen; *k; k++) {
		v = card_get(obj, *k);
		if (json_is_string(v) && json_string_length(v) > 0 &&
		    strspn(json_string_value(v), "0123456789") ==
		    json_string_length(v) && json_string_length(v) < 16)
			v = json_integer(strtoll(json_string_value(v), NULL,
			    10));
		else if (json_is_integer(v))
			json_incref((json_t *)v);
		else
			continue;
		f = json_integer_value(v);
		u = f < 0 ? 0 - (unsigned long long)f : (unsigned long long)f;
		(void)strbuf_addf(t, "%s¥%llu.%02llu", f < 0 ? "-" : "",
		    u / 100, u % 100);
		json_decref((json_t *)v);
		return;
	}
}

static void
headline(const json_t *obj, struct card_headline *h)
{
	static const char *const st_keys[] = { "status", "tradeStatus",
	    "trade_status", NULL };
	const char *title;

	h->tone = TONE_OK;
	card_badge(h, card_word_of(W_PAY_STATE, obj, st_keys));
	if ((title = card_str(obj, "title")) == NULL)
		title = "收款通知";
	(void)render_utf8(&h->title, title, strlen(title));
	amount_text(&h->extra, obj);
}

/* The amount, large, as the table's first row; then the fields. */
static int
body(struct strbuf *out, json_t *obj, const struct card_headline *h)
{
	int rc = 0;

	json_object_del(obj, "title");	/* it is the header */
	if (h->extra.len && (rc = strbuf_addstr(out, "<tr><td colspan=\"2\" "
	    "class=\"fg-amount\">")) == 0 &&
	    (rc = render_esc(out, h->extra.buf, h->extra.len)) == 0)
		rc = strbuf_addstr(out, "</td></tr>");
	return rc ? rc : card_rows(out, obj, F_PAY);
}

const struct card_def card_pay = { headline, body };

int
render_pay(struct strbuf *out, const char *s, size_t n)
{
	return card_render(out, &card_pay, s, n);
}
