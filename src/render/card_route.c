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

static const struct card_label labels[] = {
	{ "title", "标题", NULL, W_NONE },
	{ "router", "路由器", NULL, W_NONE },
	{ "routerName", "路由器", NULL, W_NONE },
	{ "event", "事件", NULL, W_ROUTE_STATE },
	{ "action", "事件", NULL, W_ROUTE_STATE },
	{ "type", "类型", NULL, W_ROUTE_STATE },
	{ "status", "状态", NULL, W_ROUTE_STATE },
	{ "state", "状态", NULL, W_ROUTE_STATE },
	{ "name", "设备名称", NULL, W_NONE },
	{ "hostname", "设备名称", NULL, W_NONE },
	{ "host", "设备名称", NULL, W_NONE },
	{ "device", "设备", NULL, W_NONE },
	{ "deviceName", "设备名称", NULL, W_NONE },
	{ "alias", "备注名", NULL, W_NONE },
	{ "ip", "IP 地址", NULL, W_NONE },
	{ "ipv4", "IPv4 地址", NULL, W_NONE },
	{ "ipv6", "IPv6 地址", NULL, W_NONE },
	{ "wanIp", "WAN IP", NULL, W_NONE },
	{ "wan_ip", "WAN IP", NULL, W_NONE },
	{ "lanIp", "LAN IP", NULL, W_NONE },
	{ "mac", "MAC 地址", NULL, W_NONE },
	{ "vendor", "厂商", NULL, W_NONE },
	{ "interface", "接口", NULL, W_NONE },
	{ "iface", "接口", NULL, W_NONE },
	{ "ssid", "无线网络", NULL, W_NONE },
	{ "band", "频段", NULL, W_NONE },
	{ "signal", "信号", NULL, W_NONE },
	{ "rssi", "信号", NULL, W_NONE },
	{ "uptime", "运行时间", NULL, W_NONE },
	{ "onlineTime", "上线时间", NULL, W_NONE },
	{ "offlineTime", "下线时间", NULL, W_NONE },
	{ "duration", "时长", NULL, W_NONE },
	{ "rx", "下行流量", NULL, W_NONE },
	{ "tx", "上行流量", NULL, W_NONE },
	{ "devices", "设备列表", NULL, W_NONE },
	{ "count", "数量", NULL, W_NONE },
	{ "time", "时间", card_time, W_NONE },
	{ "timestamp", "时间", card_time, W_NONE },
	{ "date", "时间", NULL, W_NONE },
	{ "content", "内容", card_pre, W_NONE },
	{ "message", "消息", card_pre, W_NONE },
	{ "msg", "消息", card_pre, W_NONE },
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
	card_badge(h, card_word_of(W_ROUTE_STATE, obj, st_keys));
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
