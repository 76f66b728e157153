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

static const struct card_word channels[] = {
	{ "alipay", "支付宝", TONE_INFO },
	{ "支付宝", "支付宝", TONE_INFO },
	{ "wechat", "微信支付", TONE_INFO },
	{ "wxpay", "微信支付", TONE_INFO },
	{ "weixin", "微信支付", TONE_INFO },
	{ "wx", "微信支付", TONE_INFO },
	{ "微信", "微信支付", TONE_INFO },
	{ "unionpay", "云闪付", TONE_INFO },
	{ "qqpay", "QQ 钱包", TONE_INFO },
	{ "bank", "银行卡", TONE_INFO },
	{ 0 }
};

static const struct card_word states[] = {
	{ "success", "支付成功", TONE_OK },
	{ "paid", "支付成功", TONE_OK },
	{ "TRADE_SUCCESS", "支付成功", TONE_OK },
	{ "TRADE_FINISHED", "交易完成", TONE_OK },
	{ "ok", "支付成功", TONE_OK },
	{ "成功", "支付成功", TONE_OK },
	{ "fail", "支付失败", TONE_BAD },
	{ "failed", "支付失败", TONE_BAD },
	{ "失败", "支付失败", TONE_BAD },
	{ "refund", "已退款", TONE_WARN },
	{ "closed", "已关闭", TONE_MUTE },
	{ "TRADE_CLOSED", "已关闭", TONE_MUTE },
	{ "pending", "待支付", TONE_MUTE },
	{ "WAIT_BUYER_PAY", "待支付", TONE_MUTE },
	{ 0 }
};

static int
fmt_channel(struct strbuf *out, const json_t *v)
{
	const struct card_word *w;

	if (json_is_string(v) && (w = card_word(channels,
	    json_string_value(v))) != NULL)
		return strbuf_addstr(out, w->text);
	return card_value(out, v);
}

static const struct card_label labels[] = {
	{ "subject", "商品", NULL, NULL },
	{ "goods", "商品", NULL, NULL },
	{ "goodsName", "商品", NULL, NULL },
	{ "body", "商品描述", NULL, NULL },
	{ "amount", "金额", NULL, NULL },
	{ "money", "金额", NULL, NULL },
	{ "price", "金额", NULL, NULL },
	{ "totalAmount", "金额", NULL, NULL },
	{ "total_amount", "金额", NULL, NULL },
	{ "total_fee", "金额(分)", NULL, NULL },
	{ "totalFee", "金额(分)", NULL, NULL },
	{ "currency", "币种", NULL, NULL },
	{ "payType", "支付方式", fmt_channel, NULL },
	{ "pay_type", "支付方式", fmt_channel, NULL },
	{ "payChannel", "支付方式", fmt_channel, NULL },
	{ "channel", "支付方式", fmt_channel, NULL },
	{ "type", "支付方式", fmt_channel, NULL },
	{ "status", "状态", NULL, states },
	{ "tradeStatus", "状态", NULL, states },
	{ "trade_status", "状态", NULL, states },
	{ "payer", "付款人", NULL, NULL },
	{ "payerName", "付款人", NULL, NULL },
	{ "buyer", "付款人", NULL, NULL },
	{ "from", "付款人", NULL, NULL },
	{ "nickname", "付款人", NULL, NULL },
	{ "orderNo", "订单号", NULL, NULL },
	{ "order_no", "订单号", NULL, NULL },
	{ "orderId", "订单号", NULL, NULL },
	{ "outTradeNo", "商户订单号", NULL, NULL },
	{ "out_trade_no", "商户订单号", NULL, NULL },
	{ "tradeNo", "交易号", NULL, NULL },
	{ "trade_no", "交易号", NULL, NULL },
	{ "transaction_id", "交易号", NULL, NULL },
	{ "time", "时间", card_time, NULL },
	{ "payTime", "支付时间", card_time, NULL },
	{ "pay_time", "支付时间", card_time, NULL },
	{ "timestamp", "时间", card_time, NULL },
	{ "remark", "备注", card_pre, NULL },
	{ "memo", "备注", card_pre, NULL },
	{ "note", "备注", card_pre, NULL },
	{ 0 }
};

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
	const struct card_word *w = card_word_of(states, obj, st_keys);
	const char *title;

	h->tone = TONE_OK;
	card_badge(h, w);
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
	return rc ? rc : card_rows(out, obj, labels);
}

const struct card_def card_pay = { headline, NULL, body };

int
render_pay(struct strbuf *out, const char *s, size_t n)
{
	return card_render(out, &card_pay, s, n);
}
