/*
 * console_msg.c: the console's message catalog, one table of keys and
 * their Chinese and English text (issue 12: "message catalogs, not
 * strings scattered in code").
 *
 * Chinese is the first column and the default; English is what the
 * language switch picks.  Keys are dotted by page ("token.rotate"), so
 * a page's words sit together and a missing one is easy to spot in the
 * page itself: console_t() shows an unknown key as it is, which is also
 * how already written sentences (an operation's error text) pass
 * through the same calls.  A unit test walks every row: both texts
 * present and no key twice.
 *
 * The catalog is a list of tables, this file's (the frame and the
 * sender pages) and one per further part (the operator pages), so each
 * part adds its words in its own file; lookups walk them in order.  A
 * few hundred rows: a linear scan costs less than the page around it.
 */
#include <string.h>

#include "render/console.h"
#include "render/console_admin.h"
#include "render/render_int.h"

const struct console_msg console_msgs_sender[] = {
	/* the frame */
	{ "app.name", "飞鸽 feige", "feige" },
	{ "app.console", "控制台", "Console" },
	{ "app.skip", "跳到正文", "Skip to content" },
	{ "app.menu", "菜单", "Menu" },
	{ "app.lang", "English", "中文" },
	{ "app.lang.label", "切换语言", "Switch language" },
	{ "app.signed_in", "已登录：", "Signed in as " },
	{ "app.signout", "退出登录", "Sign out" },
	{ "app.signin", "登录", "Sign in" },
	{ "app.me", "我的收件箱", "My inbox" },
	{ "app.saved", "已保存。", "Saved." },
	{ "app.deleted", "已删除。", "Deleted." },
	{ "app.sent", "已发送。", "Sent." },
	{ "app.error", "没有保存：请看下面标出的地方。",
	    "Not saved: see the marked fields below." },
	{ "app.notfound", "没有这个页面。", "No such page." },
	{ "app.confirm", "确定吗？", "Are you sure?" },
	{ "app.copy", "复制", "Copy" },
	{ "app.copied", "已复制", "Copied" },
	{ "app.save", "保存", "Save" },
	{ "app.delete", "删除", "Delete" },
	{ "app.edit", "编辑", "Edit" },
	{ "app.add", "添加", "Add" },
	{ "app.none", "（无）", "(none)" },
	{ "app.required", "必填", "required" },
	{ "app.err.required", "请填写这一项。", "Please fill this in." },
	{ "app.err.number", "请填写一个数字。", "Please enter a number." },
	{ "app.err.url", "请填写以 http:// 或 https:// 开头的地址。",
	    "Please enter an address starting with http:// or https://." },
	{ "app.err.long", "太长了。", "Too long." },
	{ "app.foot", "feige：自托管的推送服务，兼容 pushplus 与 WxPusher。",
	    "feige: a self-hosted push service, compatible with pushplus "
	    "and WxPusher." },
	/* navigation groups */
	{ "nav.send", "发送", "Sending" },
	{ "nav.receive", "接收", "Receiving" },
	{ "nav.wx", "WxPusher", "WxPusher" },
	{ "nav.operator", "运维", "Operator" },
	/* my token */
	{ "token.title", "我的令牌", "My token" },
	{ "token.uid", "我的 UID", "My UID" },
	{ "token.token", "令牌 (token)", "Token" },
	{ "token.reveal", "显示完整令牌", "Show the whole token" },
	{ "token.hint",
	    "用它调用推送接口（/send 的 token）。令牌就像密码；泄露了就"
	    "更换：旧令牌立即失效，开放接口的 AccessKey 也一并作废。",
	    "Use it to call the send API (the token of /send).  A token is "
	    "like a password: if it leaked, rotate it; the old one stops "
	    "working at once, and the open API's AccessKeys are revoked." },
	{ "token.rotate", "更换令牌", "Rotate my token" },
	{ "token.rotate.q", "更换后旧令牌立即失效，确定吗？",
	    "The old token stops working at once. Rotate?" },
	{ "token.rotated", "令牌已更换，旧令牌已失效。",
	    "Token rotated; the old one no longer works." },
	{ "token.msgtoks", "消息令牌", "Message tokens" },
	{ "token.msgtoks.hint",
	    "消息令牌只能发送消息，可以设置有效期，适合交给"
	    "脚本或第三方。",
	    "A message token can only send messages and may "
	    "expire: for scripts and third parties." },
	{ "token.name", "名称", "Name" },
	{ "token.expire", "有效期至", "Valid until" },
	{ "token.expire.hint",
	    "yyyy-MM-dd 或 yyyy-MM-dd HH:mm:ss（北京时间）；"
	    "留空为永久。",
	    "yyyy-MM-dd or yyyy-MM-dd HH:mm:ss (UTC+8); empty: "
	    "never expires." },
	{ "token.expire.bad",
	    "日期格式不正确，应为 yyyy-MM-dd 或 yyyy-MM-dd "
	    "HH:mm:ss。",
	    "Not a date: write yyyy-MM-dd or yyyy-MM-dd "
	    "HH:mm:ss." },
	{ "token.never", "永久", "never" },
	{ "token.actions", "操作", "Actions" },
	{ "token.add", "添加消息令牌", "Add a message token" },
	{ "token.gone", "没有这个消息令牌。", "No such message token." },
	{ "token.added", "已添加消息令牌。", "Message token added." },
	/* the landing page */
	{ "land.title", "飞鸽 feige：自托管推送服务",
	    "feige: a self-hosted push server" },
	{ "land.lead",
	    "feige 是一台你自己运行的推送服务器：用 pushplus 或 "
	    "WxPusher 的接口发消息，收件人在收件箱、手机通知、Webhook、邮件、"
	    "短信或企业微信里收到。",
	    "feige is a push server you run yourself: "
	    "send with the pushplus or WxPusher API, and recipients get the "
	    "message in their inbox, as a phone notification, or by webhook, "
	    "mail, SMS or WeCom." },
	{ "land.signin", "登录", "Sign in" },
	{ "land.console", "打开控制台", "Open the console" },
	{ "land.inbox", "我的收件箱", "My inbox" },
	{ "land.apis", "接口", "APIs" },
	{ "land.api.pp",
	    "pushplus 兼容：POST /send、/batchSend，开放接口 "
	    "/api/open/…（文档 docs/pushplus.md、docs/openapi.md）",
	    "pushplus compatible: POST /send, /batchSend, the open API "
	    "/api/open/… (docs/pushplus.md, docs/openapi.md)" },
	{ "land.api.wx",
	    "WxPusher 兼容：/api/send/message 及应用、主题、"
	    "关注者接口（文档 docs/wxpusher.md）",
	    "WxPusher compatible: "
	    "/api/send/message and the app, topic and follower APIs "
	    "(docs/wxpusher.md)" },
	{ "land.api.inbox",
	    "收件箱：/inbox，实时流 /inbox/stream，ntfy "
	    "订阅协议（文档 docs/clients.md、docs/devices.md）",
	    "Inbox: /inbox, "
	    "live stream /inbox/stream, the ntfy subscriber protocol "
	    "(docs/clients.md, docs/devices.md)" },
	{ "land.docs", "文档", "Documentation" },
	{ "land.docs.text",
	    "文档随服务器一起安装在源码的 docs/ 目录（中文在 "
	    "docs/zh-CN/）：README.md 说明安装与配置，docs/console.md "
	    "介绍控制台，"
	    "docs/persons.md 介绍登录。",
	    "The documentation comes with the "
	    "server's source in docs/ (Chinese in docs/zh-CN/): README.md for "
	    "installing and configuring, docs/console.md for this console, "
	    "docs/persons.md for signing in." },
	{ "land.account", "没有账号？", "No account?" },
	{ "land.account.text",
	    "账号由这台服务器的管理员创建：请向他要一个登录"
	    "链接（feige user login-link）。",
	    "Accounts are created by this "
	    "server's operator: ask them for a sign-in link (feige user "
	    "login-link)." },
};
const size_t console_n_msgs_sender = NELEM(console_msgs_sender);

static const struct {
	const struct console_msg *rows;
	const size_t *n;
} tables[] = {
	{ console_msgs_sender, &console_n_msgs_sender },
	{ console_msgs_admin, &console_n_msgs_admin },
};

static const struct console_msg *
find(const char *key)
{
	size_t t, i;

	if (key == NULL)
		return NULL;
	for (t = 0; t < NELEM(tables); t++)
		for (i = 0; i < *tables[t].n; i++)
			if (strcmp(tables[t].rows[i].key, key) == 0)
				return &tables[t].rows[i];
	return NULL;
}

const char *
console_t(int lang, const char *key)
{
	const struct console_msg *m = find(key);

	if (m == NULL)
		return key ? key : "";
	return lang == CON_EN ? m->en : m->zh;
}

int
console_has(const char *key)
{
	return find(key) != NULL;
}

const struct console_msg *
console_msg_at(size_t i)
{
	size_t t;

	for (t = 0; t < NELEM(tables); t++) {
		if (i < *tables[t].n)
			return &tables[t].rows[i];
		i -= *tables[t].n;
	}
	return NULL;
}
