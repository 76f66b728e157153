/*
 * card_fields.c: every field the cards label, in one catalogue.
 *
 * A card shows the fields it knows under Chinese labels, in the order
 * of its set here, then the rest (card.c).  Each set is one card's table:
 * F_ALARM for CloudMonitor, F_JOB, F_BUILD and F_SCM for the three levels
 * of a Jenkins notification, F_PAY for payment notices and F_ROUTE for
 * router scripts.  Several keys may share a label, because senders spell
 * the same field many ways ("orderNo", "order_no", "orderId"); keys match
 * case-insensitively.  A field shows through its fmt (a time, a
 * duration, multi-line text) or as a word of its set in card_words.c,
 * or else as card_value() shows any value.
 *
 * The labels are data, so the cards keep only what differs between them
 * (their headlines and the order they draw in) and a translation or a new
 * spelling is one line here.
 */
#include <stdlib.h>
#include <strings.h>

#include "render/render_int.h"
#include "util/xmalloc.h"

/* A payment channel by its name alone ("支付宝"), with no badge. */
static int
pay_channel(struct strbuf *out, const json_t *v)
{
	const struct card_word *w;

	if (json_is_string(v) && (w = card_word(W_PAY_CHANNEL,
	    json_string_value(v))) != NULL)
		return strbuf_addstr(out, w->text);
	return card_value(out, v);
}

static const struct card_label fields[] = {
	{ F_ALARM, "alertName", "报警名称", NULL, W_NONE },
	{ F_ALARM, "alertState", "报警状态", NULL, W_ALARM_STATE },
	{ F_ALARM, "triggerLevel", "报警级别", NULL, W_ALARM_LEVEL },
	{ F_ALARM, "preTriggerLevel", "上次级别", NULL, W_ALARM_LEVEL },
	{ F_ALARM, "instanceName", "实例", NULL, W_NONE },
	{ F_ALARM, "metricName", "监控项", NULL, W_NONE },
	{ F_ALARM, "curValue", "当前值", NULL, W_NONE },
	{ F_ALARM, "unit", "单位", NULL, W_NONE },
	{ F_ALARM, "expression", "报警条件", NULL, W_NONE },
	{ F_ALARM, "dimensions", "报警对象", NULL, W_NONE },
	{ F_ALARM, "lastTime", "持续时间", NULL, W_NONE },
	{ F_ALARM, "timestamp", "报警时间", card_time, W_NONE },
	{ F_ALARM, "regionName", "地域", NULL, W_NONE },
	{ F_ALARM, "regionId", "地域 ID", NULL, W_NONE },
	{ F_ALARM, "metricProject", "云产品", NULL, W_NONE },
	{ F_ALARM, "namespace", "命名空间", NULL, W_NONE },
	{ F_ALARM, "productGroupName", "应用分组", NULL, W_NONE },
	{ F_ALARM, "groupId", "分组 ID", NULL, W_NONE },
	{ F_ALARM, "rawMetricName", "原始监控项", NULL, W_NONE },
	{ F_ALARM, "product", "云产品", NULL, W_NONE },
	{ F_ALARM, "name", "事件名称", NULL, W_NONE },
	{ F_ALARM, "level", "事件级别", NULL, W_ALARM_LEVEL },
	{ F_ALARM, "status", "事件状态", NULL, W_NONE },
	{ F_ALARM, "resourceId", "资源", NULL, W_NONE },
	{ F_ALARM, "content", "事件内容", NULL, W_NONE },
	{ F_ALARM, "ruleId", "规则 ID", NULL, W_NONE },
	{ F_ALARM, "userId", "账号 ID", NULL, W_NONE },
	{ F_ALARM, "transId", "事务 ID", NULL, W_NONE },
	{ F_ALARM, "signature", "签名", NULL, W_NONE },
	{ F_JOB, "title", "标题", NULL, W_NONE },
	{ F_JOB, "name", "任务", NULL, W_NONE },
	{ F_JOB, "fullJobName", "任务", NULL, W_NONE },
	{ F_JOB, "jobName", "任务", NULL, W_NONE },
	{ F_JOB, "job_name", "任务", NULL, W_NONE },
	{ F_JOB, "projectName", "任务", NULL, W_NONE },
	{ F_JOB, "display_name", "显示名称", NULL, W_NONE },
	{ F_JOB, "url", "任务地址", NULL, W_NONE },
	{ F_BUILD, "number", "构建号", NULL, W_NONE },
	{ F_BUILD, "buildNumber", "构建号", NULL, W_NONE },
	{ F_BUILD, "full_url", "构建地址", NULL, W_NONE },
	{ F_BUILD, "buildUrl", "构建地址", NULL, W_NONE },
	{ F_BUILD, "build_url", "构建地址", NULL, W_NONE },
	{ F_BUILD, "url", "构建路径", NULL, W_NONE },
	{ F_BUILD, "phase", "阶段", NULL, W_BUILD_PHASE },
	{ F_BUILD, "status", "结果", NULL, W_BUILD_RESULT },
	{ F_BUILD, "result", "结果", NULL, W_BUILD_RESULT },
	{ F_BUILD, "buildStatus", "结果", NULL, W_BUILD_RESULT },
	{ F_BUILD, "duration", "耗时", card_duration, W_NONE },
	{ F_BUILD, "timestamp", "开始时间", card_time, W_NONE },
	{ F_BUILD, "startTime", "开始时间", card_time, W_NONE },
	{ F_BUILD, "endTime", "结束时间", card_time, W_NONE },
	{ F_BUILD, "branch", "分支", NULL, W_NONE },
	{ F_BUILD, "commit", "提交", NULL, W_NONE },
	{ F_BUILD, "startedUsername", "触发人", NULL, W_NONE },
	{ F_BUILD, "buildCause", "触发原因", NULL, W_NONE },
	{ F_BUILD, "queue_id", "队列号", NULL, W_NONE },
	{ F_BUILD, "notes", "备注", card_pre, W_NONE },
	{ F_BUILD, "parameters", "参数", NULL, W_NONE },
	{ F_BUILD, "artifacts", "构件", NULL, W_NONE },
	{ F_BUILD, "content", "内容", card_pre, W_NONE },
	{ F_BUILD, "message", "消息", card_pre, W_NONE },
	{ F_BUILD, "log", "日志", card_pre, W_NONE },
	{ F_SCM, "branch", "分支", NULL, W_NONE },
	{ F_SCM, "commit", "提交", NULL, W_NONE },
	{ F_SCM, "url", "代码库", NULL, W_NONE },
	{ F_SCM, "changes", "变更", NULL, W_NONE },
	{ F_SCM, "culprits", "相关人员", NULL, W_NONE },
	{ F_PAY, "subject", "商品", NULL, W_NONE },
	{ F_PAY, "goods", "商品", NULL, W_NONE },
	{ F_PAY, "goodsName", "商品", NULL, W_NONE },
	{ F_PAY, "body", "商品描述", NULL, W_NONE },
	{ F_PAY, "amount", "金额", NULL, W_NONE },
	{ F_PAY, "money", "金额", NULL, W_NONE },
	{ F_PAY, "price", "金额", NULL, W_NONE },
	{ F_PAY, "totalAmount", "金额", NULL, W_NONE },
	{ F_PAY, "total_amount", "金额", NULL, W_NONE },
	{ F_PAY, "total_fee", "金额(分)", NULL, W_NONE },
	{ F_PAY, "totalFee", "金额(分)", NULL, W_NONE },
	{ F_PAY, "currency", "币种", NULL, W_NONE },
	{ F_PAY, "payType", "支付方式", pay_channel, W_NONE },
	{ F_PAY, "pay_type", "支付方式", pay_channel, W_NONE },
	{ F_PAY, "payChannel", "支付方式", pay_channel, W_NONE },
	{ F_PAY, "channel", "支付方式", pay_channel, W_NONE },
	{ F_PAY, "type", "支付方式", pay_channel, W_NONE },
	{ F_PAY, "status", "状态", NULL, W_PAY_STATE },
	{ F_PAY, "tradeStatus", "状态", NULL, W_PAY_STATE },
	{ F_PAY, "trade_status", "状态", NULL, W_PAY_STATE },
	{ F_PAY, "payer", "付款人", NULL, W_NONE },
	{ F_PAY, "payerName", "付款人", NULL, W_NONE },
	{ F_PAY, "buyer", "付款人", NULL, W_NONE },
	{ F_PAY, "from", "付款人", NULL, W_NONE },
	{ F_PAY, "nickname", "付款人", NULL, W_NONE },
	{ F_PAY, "orderNo", "订单号", NULL, W_NONE },
	{ F_PAY, "order_no", "订单号", NULL, W_NONE },
	{ F_PAY, "orderId", "订单号", NULL, W_NONE },
	{ F_PAY, "outTradeNo", "商户订单号", NULL, W_NONE },
	{ F_PAY, "out_trade_no", "商户订单号", NULL, W_NONE },
	{ F_PAY, "tradeNo", "交易号", NULL, W_NONE },
	{ F_PAY, "trade_no", "交易号", NULL, W_NONE },
	{ F_PAY, "transaction_id", "交易号", NULL, W_NONE },
	{ F_PAY, "time", "时间", card_time, W_NONE },
	{ F_PAY, "payTime", "支付时间", card_time, W_NONE },
	{ F_PAY, "pay_time", "支付时间", card_time, W_NONE },
	{ F_PAY, "timestamp", "时间", card_time, W_NONE },
	{ F_PAY, "remark", "备注", card_pre, W_NONE },
	{ F_PAY, "memo", "备注", card_pre, W_NONE },
	{ F_PAY, "note", "备注", card_pre, W_NONE },
	{ F_ROUTE, "title", "标题", NULL, W_NONE },
	{ F_ROUTE, "router", "路由器", NULL, W_NONE },
	{ F_ROUTE, "routerName", "路由器", NULL, W_NONE },
	{ F_ROUTE, "event", "事件", NULL, W_ROUTE_STATE },
	{ F_ROUTE, "action", "事件", NULL, W_ROUTE_STATE },
	{ F_ROUTE, "type", "类型", NULL, W_ROUTE_STATE },
	{ F_ROUTE, "status", "状态", NULL, W_ROUTE_STATE },
	{ F_ROUTE, "state", "状态", NULL, W_ROUTE_STATE },
	{ F_ROUTE, "name", "设备名称", NULL, W_NONE },
	{ F_ROUTE, "hostname", "设备名称", NULL, W_NONE },
	{ F_ROUTE, "host", "设备名称", NULL, W_NONE },
	{ F_ROUTE, "device", "设备", NULL, W_NONE },
	{ F_ROUTE, "deviceName", "设备名称", NULL, W_NONE },
	{ F_ROUTE, "alias", "备注名", NULL, W_NONE },
	{ F_ROUTE, "ip", "IP 地址", NULL, W_NONE },
	{ F_ROUTE, "ipv4", "IPv4 地址", NULL, W_NONE },
	{ F_ROUTE, "ipv6", "IPv6 地址", NULL, W_NONE },
	{ F_ROUTE, "wanIp", "WAN IP", NULL, W_NONE },
	{ F_ROUTE, "wan_ip", "WAN IP", NULL, W_NONE },
	{ F_ROUTE, "lanIp", "LAN IP", NULL, W_NONE },
	{ F_ROUTE, "mac", "MAC 地址", NULL, W_NONE },
	{ F_ROUTE, "vendor", "厂商", NULL, W_NONE },
	{ F_ROUTE, "interface", "接口", NULL, W_NONE },
	{ F_ROUTE, "iface", "接口", NULL, W_NONE },
	{ F_ROUTE, "ssid", "无线网络", NULL, W_NONE },
	{ F_ROUTE, "band", "频段", NULL, W_NONE },
	{ F_ROUTE, "signal", "信号", NULL, W_NONE },
	{ F_ROUTE, "rssi", "信号", NULL, W_NONE },
	{ F_ROUTE, "uptime", "运行时间", NULL, W_NONE },
	{ F_ROUTE, "onlineTime", "上线时间", NULL, W_NONE },
	{ F_ROUTE, "offlineTime", "下线时间", NULL, W_NONE },
	{ F_ROUTE, "duration", "时长", NULL, W_NONE },
	{ F_ROUTE, "rx", "下行流量", NULL, W_NONE },
	{ F_ROUTE, "tx", "上行流量", NULL, W_NONE },
	{ F_ROUTE, "devices", "设备列表", NULL, W_NONE },
	{ F_ROUTE, "count", "数量", NULL, W_NONE },
	{ F_ROUTE, "time", "时间", card_time, W_NONE },
	{ F_ROUTE, "timestamp", "时间", card_time, W_NONE },
	{ F_ROUTE, "date", "时间", NULL, W_NONE },
	{ F_ROUTE, "content", "内容", card_pre, W_NONE },
	{ F_ROUTE, "message", "消息", card_pre, W_NONE },
	{ F_ROUTE, "msg", "消息", card_pre, W_NONE },
};

/* Removes key from obj and returns its value (a new reference). */
static json_t *
take(json_t *obj, const char *key)
{
	const char *k;
	json_t *v;
	char *copy;

	json_object_foreach(obj, k, v) {
		if (strcasecmp(k, key) != 0)
			continue;
		json_incref(v);
		copy = xstrdup(k);
		json_object_del(obj, copy);
		free(copy);
		return v;
	}
	return NULL;
}

/* The label of key in set, or NULL. */
const struct card_label *
card_label(enum card_fields set, const char *key)
{
	const struct card_label *l;

	for (l = fields; l < fields + NELEM(fields); l++)
		if (l->set == set && strcasecmp(l->key, key) == 0)
			return l;
	return NULL;
}

/* Each field of obj that set labels, in its order, taken out of obj. */
int
card_rows(struct strbuf *out, json_t *obj, enum card_fields set)
{
	const struct card_label *l;
	json_t *v;
	int rc = 0;

	for (l = fields; l < fields + NELEM(fields) && rc == 0; l++) {
		if (l->set != set)
			continue;
		while (rc == 0 && (v = take(obj, l->key)) != NULL) {
			rc = card_row(out, l->label, v, l);
			json_decref(v);
		}
	}
	return rc;
}
