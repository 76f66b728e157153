/*
 * card_cloud.c: the "cloudMonitor" template, Aliyun CloudMonitor alarms.
 *
 * CloudMonitor's threshold-alarm callback posts, as JSON or (by default)
 * as application/x-www-form-urlencoded: alertName, alertState (ALARM or
 * ALERT, OK, INSUFFICIENT_DATA), triggerLevel and preTriggerLevel
 * (CRITICAL, WARN, INFO), curValue, unit, metricName, rawMetricName,
 * metricProject, namespace, instanceName, dimensions and expression (both
 * JSON inside a string), regionName, regionId, productGroupName,
 * groupId, userId, ruleId, transId, lastTime, timestamp (epoch, s or ms)
 * and signature.  Event alarms add product, level, name, resourceId,
 * status and content; those get labels too.
 *
 * The badge says what happened (报警 / 恢复 / 数据不足) and how bad
 * (严重 / 警告 / 通知); its color follows the level while alarming.
 */
#include <string.h>

#include "render/render_int.h"

static const struct card_label labels[] = {
	{ "alertName", "报警名称", NULL, W_NONE },
	{ "alertState", "报警状态", NULL, W_ALARM_STATE },
	{ "triggerLevel", "报警级别", NULL, W_ALARM_LEVEL },
	{ "preTriggerLevel", "上次级别", NULL, W_ALARM_LEVEL },
	{ "instanceName", "实例", NULL, W_NONE },
	{ "metricName", "监控项", NULL, W_NONE },
	{ "curValue", "当前值", NULL, W_NONE },
	{ "unit", "单位", NULL, W_NONE },
	{ "expression", "报警条件", NULL, W_NONE },
	{ "dimensions", "报警对象", NULL, W_NONE },
	{ "lastTime", "持续时间", NULL, W_NONE },
	{ "timestamp", "报警时间", card_time, W_NONE },
	{ "regionName", "地域", NULL, W_NONE },
	{ "regionId", "地域 ID", NULL, W_NONE },
	{ "metricProject", "云产品", NULL, W_NONE },
	{ "namespace", "命名空间", NULL, W_NONE },
	{ "productGroupName", "应用分组", NULL, W_NONE },
	{ "groupId", "分组 ID", NULL, W_NONE },
	{ "rawMetricName", "原始监控项", NULL, W_NONE },
	{ "product", "云产品", NULL, W_NONE },
	{ "name", "事件名称", NULL, W_NONE },
	{ "level", "事件级别", NULL, W_ALARM_LEVEL },
	{ "status", "事件状态", NULL, W_NONE },
	{ "resourceId", "资源", NULL, W_NONE },
	{ "content", "事件内容", NULL, W_NONE },
	{ "ruleId", "规则 ID", NULL, W_NONE },
	{ "userId", "账号 ID", NULL, W_NONE },
	{ "transId", "事务 ID", NULL, W_NONE },
	{ "signature", "签名", NULL, W_NONE },
	{ 0 }
};

static void
headline(const json_t *obj, struct card_headline *h)
{
	static const char *const titles[] = { "alertName", "name", NULL };
	const struct card_word *state, *level;
	const char *title, *v;

	state = card_word(W_ALARM_STATE, card_str(obj, "alertState"));
	if ((level = card_word(W_ALARM_LEVEL,
	    card_str(obj, "triggerLevel"))) == NULL)
		level = card_word(W_ALARM_LEVEL, card_str(obj, "level"));
	card_badge(h, state);
	if (level != NULL && (state == NULL || state->tone == TONE_BAD)) {
		h->tone = level->tone;
		(void)strbuf_addf(&h->badge, "%s%s", h->badge.len ? " · " : "",
		    level->text);
	}
	if ((title = card_first(obj, titles)) == NULL)
		title = "云监控报警";
	(void)render_utf8(&h->title, title, strlen(title));
	if ((v = card_str(obj, "instanceName")) != NULL)
		(void)strbuf_addstr(&h->extra, v);
	if ((v = card_str(obj, "metricName")) != NULL)
		(void)strbuf_addf(&h->extra, "%s%s", h->extra.len ? " " : "",
		    v);
	if ((v = card_str(obj, "curValue")) != NULL)
		(void)strbuf_addf(&h->extra, "%s%s%s", h->extra.len ? " " : "",
		    v, card_str(obj, "unit") ? card_str(obj, "unit") : "");
}

const struct card_def card_cloud = { headline, labels, NULL };

int
render_cloudmonitor(struct strbuf *out, const char *s, size_t n)
{
	return card_render(out, &card_cloud, s, n);
}
