/*
 * card_words.c: every word the cards translate, in one catalogue.
 *
 * Senders report states in their own words: CloudMonitor "ALARM" and
 * "CRITICAL", Jenkins "FAILURE" and "STARTED", payment bridges "paid"
 * and "alipay", router scripts "online" and "上线".  A card shows a word
 * it knows as a colored badge in Chinese followed by the word as sent
 * (card_fmt_word()), and its headline takes its badge and tone from the
 * first state field it knows (card_word_of()).  Words match
 * case-insensitively and only within their set, since "OK" means
 * recovered for an alarm but nothing for a build.
 *
 * One table rather than one per card: the vocabulary is data, read and
 * translated in one place, and every card looks words up the same way.
 * A set's order matters only where a word could match twice.
 */
#include <strings.h>

#include "render/render_int.h"

static const struct card_word words[] = {
	{ W_ALARM_STATE, "ALARM", "报警", TONE_BAD },
	{ W_ALARM_STATE, "ALERT", "报警", TONE_BAD },
	{ W_ALARM_STATE, "OK", "恢复", TONE_OK },
	{ W_ALARM_STATE, "INSUFFICIENT_DATA", "数据不足", TONE_MUTE },
	{ W_ALARM_LEVEL, "CRITICAL", "严重", TONE_BAD },
	{ W_ALARM_LEVEL, "WARN", "警告", TONE_WARN },
	{ W_ALARM_LEVEL, "WARNING", "警告", TONE_WARN },
	{ W_ALARM_LEVEL, "INFO", "通知", TONE_INFO },
	{ W_BUILD_RESULT, "SUCCESS", "成功", TONE_OK },
	{ W_BUILD_RESULT, "FAILURE", "失败", TONE_BAD },
	{ W_BUILD_RESULT, "FAILED", "失败", TONE_BAD },
	{ W_BUILD_RESULT, "UNSTABLE", "不稳定", TONE_WARN },
	{ W_BUILD_RESULT, "ABORTED", "已中止", TONE_MUTE },
	{ W_BUILD_RESULT, "NOT_BUILT", "未构建", TONE_MUTE },
	{ W_BUILD_PHASE, "QUEUED", "排队中", TONE_MUTE },
	{ W_BUILD_PHASE, "STARTED", "构建中", TONE_INFO },
	{ W_BUILD_PHASE, "COMPLETED", "已完成", TONE_INFO },
	{ W_BUILD_PHASE, "FINALIZED", "已结束", TONE_INFO },
	{ W_PAY_CHANNEL, "alipay", "支付宝", TONE_INFO },
	{ W_PAY_CHANNEL, "支付宝", "支付宝", TONE_INFO },
	{ W_PAY_CHANNEL, "wechat", "微信支付", TONE_INFO },
	{ W_PAY_CHANNEL, "wxpay", "微信支付", TONE_INFO },
	{ W_PAY_CHANNEL, "weixin", "微信支付", TONE_INFO },
	{ W_PAY_CHANNEL, "wx", "微信支付", TONE_INFO },
	{ W_PAY_CHANNEL, "微信", "微信支付", TONE_INFO },
	{ W_PAY_CHANNEL, "unionpay", "云闪付", TONE_INFO },
	{ W_PAY_CHANNEL, "qqpay", "QQ 钱包", TONE_INFO },
	{ W_PAY_CHANNEL, "bank", "银行卡", TONE_INFO },
	{ W_PAY_STATE, "success", "支付成功", TONE_OK },
	{ W_PAY_STATE, "paid", "支付成功", TONE_OK },
	{ W_PAY_STATE, "TRADE_SUCCESS", "支付成功", TONE_OK },
	{ W_PAY_STATE, "TRADE_FINISHED", "交易完成", TONE_OK },
	{ W_PAY_STATE, "ok", "支付成功", TONE_OK },
	{ W_PAY_STATE, "成功", "支付成功", TONE_OK },
	{ W_PAY_STATE, "fail", "支付失败", TONE_BAD },
	{ W_PAY_STATE, "failed", "支付失败", TONE_BAD },
	{ W_PAY_STATE, "失败", "支付失败", TONE_BAD },
	{ W_PAY_STATE, "refund", "已退款", TONE_WARN },
	{ W_PAY_STATE, "closed", "已关闭", TONE_MUTE },
	{ W_PAY_STATE, "TRADE_CLOSED", "已关闭", TONE_MUTE },
	{ W_PAY_STATE, "pending", "待支付", TONE_MUTE },
	{ W_PAY_STATE, "WAIT_BUYER_PAY", "待支付", TONE_MUTE },
	{ W_ROUTE_STATE, "online", "上线", TONE_OK },
	{ W_ROUTE_STATE, "up", "上线", TONE_OK },
	{ W_ROUTE_STATE, "connect", "上线", TONE_OK },
	{ W_ROUTE_STATE, "connected", "上线", TONE_OK },
	{ W_ROUTE_STATE, "join", "上线", TONE_OK },
	{ W_ROUTE_STATE, "上线", "上线", TONE_OK },
	{ W_ROUTE_STATE, "在线", "在线", TONE_OK },
	{ W_ROUTE_STATE, "offline", "下线", TONE_MUTE },
	{ W_ROUTE_STATE, "down", "下线", TONE_MUTE },
	{ W_ROUTE_STATE, "disconnect", "下线", TONE_MUTE },
	{ W_ROUTE_STATE, "disconnected", "下线", TONE_MUTE },
	{ W_ROUTE_STATE, "leave", "下线", TONE_MUTE },
	{ W_ROUTE_STATE, "下线", "下线", TONE_MUTE },
	{ W_ROUTE_STATE, "离线", "离线", TONE_MUTE },
	{ W_ROUTE_STATE, "reboot", "重启", TONE_WARN },
	{ W_ROUTE_STATE, "重启", "重启", TONE_WARN },
	{ W_ROUTE_STATE, "ipchange", "IP 变更", TONE_INFO },
	{ W_ROUTE_STATE, "wan_change", "IP 变更", TONE_INFO },
	{ W_ROUTE_STATE, "alert", "告警", TONE_BAD },
	{ W_ROUTE_STATE, "warning", "告警", TONE_WARN },
};

/* The entry of set for in, or NULL. */
const struct card_word *
card_word(enum card_words set, const char *in)
{
	const struct card_word *w;

	for (w = words; in != NULL && w < words + NELEM(words); w++)
		if (w->set == set && strcasecmp(w->in, in) == 0)
			return w;
	return NULL;
}

/* A known word as a colored badge in Chinese, then the word as sent. */
int
card_fmt_word(struct strbuf *out, const json_t *v, enum card_words set)
{
	const struct card_word *f;
	int rc;

	if (!json_is_string(v) ||
	    (f = card_word(set, json_string_value(v))) == NULL)
		return card_value(out, v);
	if ((rc = strbuf_addf(out, "<span class=\"fg-badge %s\">%s</span> ",
	    card_tone_class(f->tone), f->text)) == 0)
		rc = render_esc_str(out, json_string_value(v));
	return rc;
}
