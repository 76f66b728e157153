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

static int
body(struct strbuf *out, json_t *obj, const struct card_headline *h)
{
	(void)h;
	return card_rows(out, obj, F_ALARM);
}

const struct card_def card_cloud = { headline, body };

int
render_cloudmonitor(struct strbuf *out, const char *s, size_t n)
{
	return card_render(out, &card_cloud, s, n);
}
