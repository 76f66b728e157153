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
	{ 0 }
};

static const struct card_label labels[] = {
	{ "title", "标题", NULL, NULL },
	{ "router", "路由器", NULL, NULL },
	{ "routerName", "路由器", NULL, NULL },
	{ "event", "事件", NULL, states },
	{ "action", "事件", NULL, states },
	{ "type", "类型", NULL, states },
	{ "status", "状态", NULL, states },
	{ "state", "状态", NULL, states },
	{ "name", "设备名称", NULL, NULL },
	{ "hostname", "设备名称", NULL, NULL },
	{ "host", "设备名称", NULL, NULL },
	{ "device", "设备", NULL, NULL },
	{ "deviceName", "设备名称", NULL, NULL },
	{ "alias", "备注名", NULL, NULL },
	{ "ip", "IP 地址", NULL, NULL },
	{ "ipv4", "IPv4 地址", NULL, NULL },
	{ "ipv6", "IPv6 地址", NULL, NULL },
	{ "wanIp", "WAN IP", NULL, NULL },
	{ "wan_ip", "WAN IP", NULL, NULL },
	{ "lanIp", "LAN IP", NULL, NULL },
	{ "mac", "MAC 地址", NULL, NULL },
	{ "vendor", "厂商", NULL, NULL },
	{ "interface", "接口", NULL, NULL },
	{ "iface", "接口", NULL, NULL },
	{ "ssid", "无线网络", NULL, NULL },
	{ "band", "频段", NULL, NULL },
	{ "signal", "信号", NULL, NULL },
	{ "rssi", "信号", NULL, NULL },
	{ "uptime", "运行时间", NULL, NULL },
	{ "onlineTime", "上线时间", NULL, NULL },
	{ "offlineTime", "下线时间", NULL, NULL },
	{ "duration", "时长", NULL, NULL },
	{ "rx", "下行流量", NULL, NULL },
	{ "tx", "上行流量", NULL, NULL },
	{ "devices", "设备列表", NULL, NULL },
	{ "count", "数量", NULL, NULL },
	{ "time", "时间", card_time, NULL },
	{ "timestamp", "时间", card_time, NULL },
	{ "date", "时间", NULL, NULL },
	{ "content", "内容", card_pre, NULL },
	{ "message", "消息", card_pre, NULL },
	{ "msg", "消息", card_pre, NULL },
	{ 0 }
};

static const struct card_label *
label_of(const char *key)
{
	const struct card_label *l;

	for (l = labels; l->key != NULL; l++)
		if (strcasecmp(l->key, key) == 0)
			return l;
	return NULL;
}

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
	card_badge(h, card_word_of(states, obj, st_keys));
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
	int rc = 0;

	json_object_foreach(obj, key, v) {
		l = label_of(key);
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

const struct card_def card_route = { headline, NULL, body };

int
render_route(struct strbuf *out, const char *s, size_t n)
{
	return card_render(out, &card_route, s, n);
}
