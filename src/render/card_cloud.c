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

static const struct card_word states[] = {
	{ "ALARM", "报警", TONE_BAD },
	{ "ALERT", "报警", TONE_BAD },
	{ "OK", "恢复", TONE_OK },
	{ "INSUFFICIENT_DATA", "数据不足", TONE_MUTE },
};

static const struct card_word levels[] = {
	{ "CRITICAL", "严重", TONE_BAD },
	{ "WARN", "警告", TONE_WARN },
	{ "WARNING", "警告", TONE_WARN },
	{ "INFO", "通知", TONE_INFO },
};

static int
fmt_state(struct strbuf *out, const json_t *v)
{
	return card_fmt_word(out, v, states, NELEM(states));
}

static int
fmt_level(struct strbuf *out, const json_t *v)
{
	return card_fmt_word(out, v, levels, NELEM(levels));
}

static const struct card_label labels[] = {
	{ "alertName", "报警名称", NULL },
	{ "alertState", "报警状态", fmt_state },
	{ "triggerLevel", "报警级别", fmt_level },
	{ "preTriggerLevel", "上次级别", fmt_level },
	{ "instanceName", "实例", NULL },
	{ "metricName", "监控项", NULL },
	{ "curValue", "当前值", NULL },
	{ "unit", "单位", NULL },
	{ "expression", "报警条件", NULL },
	{ "dimensions", "报警对象", NULL },
	{ "lastTime", "持续时间", NULL },
	{ "timestamp", "报警时间", card_time },
	{ "regionName", "地域", NULL },
	{ "regionId", "地域 ID", NULL },
	{ "metricProject", "云产品", NULL },
	{ "namespace", "命名空间", NULL },
	{ "productGroupName", "应用分组", NULL },
	{ "groupId", "分组 ID", NULL },
	{ "rawMetricName", "原始监控项", NULL },
	{ "product", "云产品", NULL },
	{ "name", "事件名称", NULL },
	{ "level", "事件级别", fmt_level },
	{ "status", "事件状态", NULL },
	{ "resourceId", "资源", NULL },
	{ "content", "事件内容", NULL },
	{ "ruleId", "规则 ID", NULL },
	{ "userId", "账号 ID", NULL },
	{ "transId", "事务 ID", NULL },
	{ "signature", "签名", NULL },
};

void
card_cloud_headline(const json_t *obj, struct card_headline *h)
{
	const struct card_word *state, *level;
	const char *title, *v;

	state = card_word(states, NELEM(states), card_str(obj, "alertState"));
	if ((level = card_word(levels, NELEM(levels),
	    card_str(obj, "triggerLevel"))) == NULL)
		level = card_word(levels, NELEM(levels),
		    card_str(obj, "level"));
	if (state != NULL) {
		h->tone = state->tone;
		(void)strbuf_addstr(&h->badge, state->text);
	}
	if (level != NULL && (state == NULL || state->tone == TONE_BAD)) {
		h->tone = level->tone;
		(void)strbuf_addf(&h->badge, "%s%s", h->badge.len ? " · " : "",
		    level->text);
	}
	if ((title = card_str(obj, "alertName")) == NULL &&
	    (title = card_str(obj, "name")) == NULL)
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

int
render_cloudmonitor(struct strbuf *out, const char *s, size_t n)
{
	struct card_headline h;
	json_t *obj;
	int rc;

	if ((obj = card_parse(s, n)) == NULL)
		return render_json(out, s, n);
	card_headline_init(&h);
	card_cloud_headline(obj, &h);
	if ((rc = card_open(out, &h)) == 0 &&
	    (rc = card_rows(out, obj, labels, NELEM(labels))) == 0 &&
	    (rc = card_rest(out, obj)) == 0)
		rc = card_end(out);
	card_headline_release(&h);
	json_decref(obj);
	return rc;
}
