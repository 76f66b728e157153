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
#include <strings.h>

#include "render/render_int.h"

static const struct card_word states[] = {
	{ "online", "上线", TONE_OK },
	{ "up", "上线", TONE_OK },
	{ "connect", "上线", TONE_OK },
	{ "connected", "上线", TONE_OK },
	{ "join", "上线", TONE_OK },
	{ "上线", "上线", TONE_OK },
	{ "在线", "在线", TONE_OK },
	{ "offline", "下线", TONE_MUTE },
	{ "down", "下线", TONE_MUTE },
	{ "disconnect", "下线", TONE_MUTE },
	{ "disconnected", "下线", TONE_MUTE },
	{ "leave", "下线", TONE_MUTE },
	{ "下线", "下线", TONE_MUTE },
	{ "离线", "离线", TONE_MUTE },
	{ "reboot", "重启", TONE_WARN },
	{ "重启", "重启", TONE_WARN },
	{ "ipchange", "IP 变更", TONE_INFO },
	{ "wan_change", "IP 变更", TONE_INFO },
	{ "alert", "告警", TONE_BAD },
	{ "warning", "告警", TONE_WARN },
};

static int
fmt_state(struct strbuf *out, const json_t *v)
{
	return card_fmt_word(out, v, states, NELEM(states));
}

static const struct card_label labels[] = {
	{ "title", "标题", NULL },
	{ "router", "路由器", NULL },
	{ "routerName", "路由器", NULL },
	{ "event", "事件", fmt_state },
	{ "action", "事件", fmt_state },
	{ "type", "类型", fmt_state },
	{ "status", "状态", fmt_state },
	{ "state", "状态", fmt_state },
	{ "name", "设备名称", NULL },
	{ "hostname", "设备名称", NULL },
	{ "host", "设备名称", NULL },
	{ "device", "设备", NULL },
	{ "deviceName", "设备名称", NULL },
	{ "alias", "备注名", NULL },
	{ "ip", "IP 地址", NULL },
	{ "ipv4", "IPv4 地址", NULL },
	{ "ipv6", "IPv6 地址", NULL },
	{ "wanIp", "WAN IP", NULL },
	{ "wan_ip", "WAN IP", NULL },
	{ "lanIp", "LAN IP", NULL },
	{ "mac", "MAC 地址", NULL },
	{ "vendor", "厂商", NULL },
	{ "interface", "接口", NULL },
	{ "iface", "接口", NULL },
	{ "ssid", "无线网络", NULL },
	{ "band", "频段", NULL },
	{ "signal", "信号", NULL },
	{ "rssi", "信号", NULL },
	{ "uptime", "运行时间", NULL },
	{ "onlineTime", "上线时间", NULL },
	{ "offlineTime", "下线时间", NULL },
	{ "duration", "时长", NULL },
	{ "rx", "下行流量", NULL },
	{ "tx", "上行流量", NULL },
	{ "devices", "设备列表", NULL },
	{ "count", "数量", NULL },
	{ "time", "时间", card_time },
	{ "timestamp", "时间", card_time },
	{ "date", "时间", NULL },
	{ "content", "内容", card_pre },
	{ "message", "消息", card_pre },
	{ "msg", "消息", card_pre },
};

static const struct card_label *
label_of(const char *key)
{
	size_t i;

	for (i = 0; i < NELEM(labels); i++)
		if (strcasecmp(labels[i].key, key) == 0)
			return &labels[i];
	return NULL;
}

static const struct card_word *
state_of(const json_t *obj)
{
	static const char *const keys[] = { "status", "state", "event",
	    "action", "type", NULL };
	const struct card_word *w;
	const char *const *k;

	for (k = keys; *k; k++)
		if ((w = card_word(states, NELEM(states),
		    card_str(obj, *k))) != NULL)
			return w;
	return NULL;
}

void
card_route_headline(const json_t *obj, struct card_headline *h)
{
	static const char *const who[] = { "name", "hostname", "deviceName",
	    "host", "device", "mac", NULL };
	const struct card_word *w = state_of(obj);
	const char *title, *v;
	size_t i;

	if ((title = card_str(obj, "title")) == NULL &&
	    (title = card_str(obj, "router")) == NULL)
		title = "路由器通知";
	(void)render_utf8(&h->title, title, strlen(title));
	if (w != NULL) {
		h->tone = w->tone;
		(void)strbuf_addstr(&h->badge, w->text);
	}
	for (i = 0; who[i]; i++)
		if ((v = card_str(obj, who[i])) != NULL) {
			(void)strbuf_addstr(&h->extra, v);
			break;
		}
	if ((v = card_str(obj, "ip")) != NULL)
		(void)strbuf_addf(&h->extra, "%s%s", h->extra.len ? " " : "",
		    v);
}

int
render_route(struct strbuf *out, const char *s, size_t n)
{
	const struct card_label *l;
	struct card_headline h;
	const char *key;
	json_t *obj, *v;
	int rc;

	if ((obj = card_parse(s, n)) == NULL)
		return render_json(out, s, n);
	card_headline_init(&h);
	card_route_headline(obj, &h);
	rc = card_open(out, &h);
	json_object_foreach(obj, key, v) {
		if (rc != 0)
			break;
		l = label_of(key);
		if (l && strcmp(l->key, "title") == 0 && json_is_string(v) &&
		    strcmp(json_string_value(v), h.title.buf) == 0)
			continue;	/* already the header */
		rc = card_row(out, l ? l->label : key, v, l ? l->fmt : NULL);
	}
	/* Every field was shown in place: the rest is empty. */
	if (rc == 0)
		json_object_clear(obj);
	if (rc == 0 && (rc = card_rest(out, obj)) == 0)
		rc = card_end(out);
	card_headline_release(&h);
	json_decref(obj);
	return rc;
}
