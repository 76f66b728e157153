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
	{ "token.spt", "我的 SPT (simple push)", "My SPT (simple push)" },
	{ "token.spt.get", "获取我的 SPT", "Get my SPT" },
	{ "token.spt.hint",
	    "WxPusher 的极简推送：/api/send/message/SPT/内容。",
	    "WxPusher's simple push: /api/send/message/SPT/content." },
	{ "token.me",
	    "设备、微信和 ClawBot 绑定、登录的设备在“我的收件箱”页面 "
	    "/me。",
	    "Devices, the WeChat and ClawBot binding and your sessions "
	    "are on /me." },
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
	/* send a test message */
	{ "send.title", "发送测试消息", "Send a test message" },
	{ "send.hint",
	    "和 /send 接口完全一样：同样的检查、同样的渠道；消息会真的"
	    "发出去。右边是消息页面的实时预览。",
	    "Exactly what /send does: the same "
	    "checks and channels; the message is really sent. The frame shows "
	    "the message page as you type." },
	{ "send.channel", "渠道 (channel)", "Channel" },
	{ "send.webhook", "渠道配置编码 (webhook)",
	    "Channel config code "
	    "(webhook)" },
	{ "send.webhook.hint",
	    "webhook、企业微信、邮件渠道要填：见下方你的配置。",
	    "Needed for webhook, WeCom and mail: see your configs below." },
	{ "send.template", "模板 (template)", "Template" },
	{ "send.msgtitle", "标题 (title)", "Title" },
	{ "send.content", "内容 (content)", "Content" },
	{ "send.topic", "群组编码 (topic)", "Group code (topic)" },
	{ "send.topic.hint", "留空发给自己。", "Empty: to yourself." },
	{ "send.go", "发送", "Send" },
	{ "send.sent", "已发送，消息编码：", "Sent; message code: " },
	{ "send.refused", "没有发送：", "Not sent: " },
	{ "send.preview", "预览", "Preview" },
	{ "send.configs", "我的渠道配置", "My channel configs" },
	{ "send.history", "查看发送记录", "See the history" },
	{ "ch.wechat", "收件箱 (wechat)", "Inbox (wechat)" },
	{ "ch.webhook", "Webhook", "Webhook" },
	{ "ch.cp", "企业微信应用 (cp)", "WeCom app (cp)" },
	{ "ch.mail", "邮件 (mail)", "Mail" },
	{ "ch.sms", "短信 (sms)", "SMS" },
	{ "ch.extension", "浏览器扩展 (extension)", "Browser extension" },
	{ "app.preview", "预览", "Preview" },
	{ "app.kind", "类型", "Kind" },
	{ "app.code", "编码", "Code" },
	{ "app.target", "地址", "Address" },
	/* history */
	{ "hist.title", "发送记录", "Message history" },
	{ "hist.q", "搜索标题或编码", "Search title or code" },
	{ "hist.status", "状态", "Status" },
	{ "hist.all", "全部", "All" },
	{ "hist.filter", "筛选", "Filter" },
	{ "hist.when", "时间", "Time" },
	{ "hist.none", "没有符合的消息。", "No matching messages." },
	{ "hist.st0", "未发送", "not sent" },
	{ "hist.st1", "发送中", "sending" },
	{ "hist.st2", "已发送", "sent" },
	{ "hist.st3", "发送失败", "failed" },
	{ "hist.targets", "每个接收者", "Per recipient" },
	{ "hist.pushes", "设备推送", "Device pushes" },
	{ "hist.attempts", "尝试次数", "Attempts" },
	{ "hist.error", "错误详情", "Error detail" },
	{ "hist.to", "接收者", "Recipient" },
	{ "hist.via", "渠道", "Channel" },
	{ "hist.open", "打开消息页面", "Open the message page" },
	{ "hist.recall", "撤回（删除）", "Recall (delete)" },
	{ "hist.recall.q",
	    "撤回后消息页面和收件箱里都不再显示，已经推到其他渠道的"
	    "不受影响。确定吗？",
	    "After a recall the message page and inboxes no "
	    "longer show it; what other channels delivered stays. Recall?" },
	{ "hist.wait", "正在发送，这个页面会自动刷新。",
	    "Still sending; this "
	    "page reloads by itself." },
	{ "hist.recalled", "已撤回。", "Recalled." },
	{ "hist.gone", "没有这条消息，或者它不是你发的。",
	    "No such message, or it is not yours." },
	/* groups */
	{ "grp.title", "群组", "Groups" },
	{ "grp.hint",
	    "发到群组（/send 的 topic=编码）的消息，每个成员都会收到。",
	    "A message to a group (/send topic=CODE) reaches every member." },
	{ "grp.code", "群组编码", "Group code" },
	{ "grp.code.hint", "字母、数字，发送时用作 topic。",
	    "Letters and digits: "
	    "the topic of a send." },
	{ "grp.name", "群组名称", "Group name" },
	{ "grp.contact", "联系方式", "Contact" },
	{ "grp.intro", "群组简介", "Introduction" },
	{ "grp.members", "成员", "Members" },
	{ "grp.add", "新建群组", "Create a group" },
	{ "grp.added", "群组已创建。", "Group created." },
	{ "grp.edit", "修改群组", "Edit the group" },
	{ "grp.delete", "删除群组", "Delete the group" },
	{ "grp.delete.q", "删除群组和它的全部成员？",
	    "Delete the group and all "
	    "its members?" },
	{ "grp.link", "生成加入链接和二维码", "Make a join link and QR code" },
	{ "grp.link.made",
	    "加入链接（7 天内有效），把它或二维码发给要加入的人：",
	    "The join link (valid 7 days); send it or the QR code to whoever "
	    "should join:" },
	{ "grp.qr", "加入群组的二维码", "QR code to join the group" },
	{ "grp.remove", "移出", "Remove" },
	{ "grp.block", "移出并拉黑", "Remove and block" },
	{ "grp.block.q", "拉黑后他不能再加入这个群组。确定吗？",
	    "Blocked people "
	    "cannot join this group again. Block?" },
	{ "grp.removed", "已移出。", "Removed." },
	{ "grp.blocked", "已拉黑。", "Blocked." },
	{ "grp.gone", "没有这个群组，或者它不是你的。",
	    "No such group, or it is "
	    "not yours." },
	{ "grp.back", "全部群组", "All groups" },
	{ "grp.callback",
	    "有人加入时会回调你的默认回调地址（设置 → 回调地址）。",
	    "A join calls your default callback URL (settings)." },
	{ "app.joined", "加入时间", "Joined" },
	{ "app.remark", "备注", "Remark" },
	/* channel configs */
	{ "chan.title", "渠道配置", "Channel configs" },
	{ "chan.hint",
	    "webhook、企业微信应用、邮件渠道的配置；发送时用 webhook=编码"
	    "选择。“发送测试”现在就向上游发一个请求（不进队列，不留记录），"
	    "然后在本页上方显示上游的状态码和回答。",
	    "Configs of the webhook, WeCom app and mail channels; a send "
	    "picks one with webhook=CODE. \"Send a test\" sends one request "
	    "to the upstream now (not queued, nothing kept) and shows the "
	    "upstream's status and answer at the top of this page." },
	{ "chan.test", "发送测试", "Send a test" },
	{ "chan.test.title", "feige 测试消息", "feige test message" },
	{ "chan.test.content", "这是一条来自 feige 控制台的测试消息。",
	    "A test message from the feige console." },
	{ "chan.test.h", "测试结果", "Test result" },
	{ "chan.test.ok", "上游已接受。", "The upstream accepted it." },
	{ "chan.test.failed", "上游没有接受（或没有回答）。",
	    "The upstream did not accept it (or did not answer)." },
	{ "chan.test.status", "上游状态码", "Upstream status" },
	{ "chan.test.nostatus", "无（没有 HTTP 回答）",
	    "none (no HTTP answer)" },
	{ "chan.test.reply", "上游回答", "Upstream answer" },
	{ "chan.test.detail", "原因", "Reason" },
	{ "chan.test.busy", "你的上一个测试还在进行，请稍后再试。",
	    "Your previous test is still running; try again shortly." },
	{ "chan.test.full", "服务器上的测试太多，请稍后再试。",
	    "Too many tests are running on this server; try again shortly." },
	{ "chan.add", "添加 webhook", "Add a webhook" },
	{ "chan.code", "编码 (webhookCode)", "Code (webhookCode)" },
	{ "chan.name", "名称 (webhookName)", "Name (webhookName)" },
	{ "chan.type", "类型 (webhookType)", "Type (webhookType)" },
	{ "chan.url", "地址 (webhookUrl)", "URL (webhookUrl)" },
	{ "chan.method", "请求方法（仅自定义类型）",
	    "Method (custom type only)" },
	{ "chan.headers", "请求头（仅自定义类型）",
	    "Headers (custom type only)" },
	{ "chan.body", "请求体模板（仅自定义类型）",
	    "Body template (custom type "
	    "only)" },
	{ "chan.custom.hint", "自定义类型的变量见 docs/channels.md。",
	    "The custom type's variables: docs/channels.md." },
	{ "chan.added", "已添加。", "Added." },
	{ "chan.gone", "没有这个配置。", "No such config." },
	{ "chan.type.bad", "这台服务器不支持这种类型。",
	    "This server does not "
	    "support that type." },
	/* friends */
	{ "fr.title", "好友", "Friends" },
	{ "fr.hint",
	    "好友能收到你发给他的消息（/send 的 to=好友令牌）。把加好友链接或"
	    "二维码发给对方。",
	    "Friends get what you send them (/send to=FRIEND "
	    "TOKEN). Hand out the friend link or QR code." },
	{ "fr.link", "生成加好友链接和二维码",
	    "Make a friend link and QR code" },
	{ "fr.link.made", "加好友链接（7 天内有效）：",
	    "The friend link (valid "
	    "7 days):" },
	{ "fr.qr", "加好友的二维码", "QR code to become friends" },
	{ "fr.token", "好友令牌 (to)", "Friend token (to)" },
	{ "fr.remark.save", "保存备注", "Save remark" },
	{ "fr.remove.q", "删除这个好友？", "Remove this friend?" },
	{ "fr.gone", "没有这个好友。", "No such friend." },
	/* open API */
	{ "oa.title", "开放接口", "Open API" },
	{ "oa.hint",
	    "pushplus 开放接口 /api/open/…：用 secretKey 换取 AccessKey "
	    "（docs/openapi.md）。打开需要 secretKey 和 IP 白名单。设置新的 "
	    "secretKey 或关闭接口时，所有 AccessKey 立即作废。",
	    "pushplus's open "
	    "API /api/open/…: a secretKey buys AccessKeys (docs/openapi.md). "
	    "Turning it on needs a secretKey and an IP allowlist. A new "
	    "secretKey, or turning the API off, revokes every AccessKey at "
	    "once." },
	{ "oa.on", "开放接口已打开。", "The open API is on." },
	{ "oa.off", "开放接口已关闭。", "The open API is off." },
	{ "oa.secret.set", "已设置 secretKey。", "A secretKey is set." },
	{ "oa.enable", "打开开放接口", "Open API on" },
	{ "oa.secret", "新的 secretKey", "New secretKey" },
	{ "oa.secret.hint",
	    "16 到 128 个字节，建议 32 个随机字母和数字；留空则不变。"
	    "只保存它的哈希。",
	    "16 to 128 bytes, 32 random letters and digits "
	    "advised; empty: unchanged. Only its hash is stored." },
	{ "oa.secret.bad", "secretKey 须为 16 到 128 个字节。",
	    "A secretKey is "
	    "16 to 128 bytes." },
	{ "oa.ips", "IP 白名单", "IP allowlist" },
	{ "oa.ips.hint",
	    "用逗号分隔的地址或网段，例如 203.0.113.7,10.0.0.0/8。",
	    "Addresses or networks separated by commas, e.g. "
	    "203.0.113.7,10.0.0.0/8." },
	/* WxPusher apps */
	/* WeCom app and mail configs */
	{ "ca.title", "企业微信应用与邮件", "WeCom app and mail" },
	{ "ca.hint",
	    "添加企业微信应用（cp 渠道）或邮件（SMTP）配置；添加后在“渠道配置”"
	    "里列出、测试和删除。",
	    "Add a WeCom app (the cp channel) or a mail (SMTP) config; it is "
	    "then listed, tested and deleted on the channel configs page." },
	{ "ca.list", "查看渠道配置", "See the channel configs" },
	{ "ca.cp.h", "添加企业微信应用", "Add a WeCom app" },
	{ "ca.mail.h", "添加邮件配置", "Add a mail config" },
	{ "ca.corpid", "企业 ID（corpid）", "Corp ID (corpid)" },
	{ "ca.agentid", "应用 AgentId", "App AgentId" },
	{ "ca.secret", "应用 Secret", "App secret" },
	{ "ca.host", "SMTP 服务器", "SMTP server" },
	{ "ca.host.hint", "例如 smtp.qq.com", "e.g. smtp.qq.com" },
	{ "ca.port", "端口", "Port" },
	{ "ca.ssl", "SSL（隐式 TLS，一般是 465 端口）",
	    "SSL (implicit TLS, usually port 465)" },
	{ "ca.account", "账号（也是发件人）", "Account (also the sender)" },
	{ "ca.account.hint", "登录 SMTP 的邮箱地址。",
	    "The address that signs in to SMTP." },
	{ "ca.password", "密码或授权码", "Password or app code" },
	/* WxPusher topics */
	{ "wt.title", "WxPusher 主题", "WxPusher topics" },
	{ "wt.hint",
	    "主题让多人订阅同一类消息：发送时的 topicIds 填主题编号。"
	    "删除主题会一并删除它的订阅和付费产品。",
	    "A topic lets many people subscribe to one kind of message: a "
	    "send's topicIds names its id.  Deleting a topic deletes its "
	    "follows and products too." },
	{ "wt.noapps", "还没有 WxPusher 应用：先在“WxPusher 应用”里创建一个。",
	    "No WxPusher app yet: create one under WxPusher apps first." },
	{ "wt.id", "主题编号", "Topic id" },
	{ "wt.name", "主题名称", "Topic name" },
	{ "wt.add", "添加主题", "Add topic" },
	{ "wt.added", "主题已添加。", "Topic added." },
	{ "wt.delete.q", "删除这个主题？它的订阅一并删除。",
	    "Delete this topic? Its follows go with it." },
	{ "wt.gone", "没有这个应用或主题。", "No such app or topic." },
	/* WxPusher followers */
	/* join callbacks */
	{ "cb.title", "加入回调", "Join callbacks" },
	{ "cb.hint",
	    "有人加入你的群组（add_topic_user）或通过好友链接成为你的好友"
	    "（add_friend）时，服务器向回调地址 POST 一条 JSON；失败会重试。"
	    "这个地址也是设置页的默认回调地址。",
	    "When someone joins one of your groups (add_topic_user) or "
	    "becomes your friend by your link (add_friend), the server POSTs "
	    "JSON to the callback URL, retrying on failure. It is the same "
	    "URL as the default callback URL of the settings." },
	{ "cb.url", "回调地址", "Callback URL" },
	{ "cb.url.hint", "留空则不回调。", "Leave empty for no callbacks." },
	{ "cb.join", "群组加入 (add_topic_user)",
	    "Group joins (add_topic_user)" },
	{ "cb.friend", "好友添加 (add_friend)", "New friends (add_friend)" },
	{ "cb.time", "时间", "Time" },
	{ "cb.state", "结果", "Outcome" },
	{ "cb.attempts", "尝试次数", "Attempts" },
	{ "cb.error", "最后的错误", "Last error" },
	{ "cb.body", "内容", "Body" },
	{ "cb.st0", "等待发送或重试", "Due (or retrying)" },
	{ "cb.st1", "已送达", "Delivered" },
	{ "cb.st2", "已放弃", "Given up" },
	/* WxPusher products */
	{ "wp.title", "WxPusher 付费产品", "WxPusher products" },
	{ "wp.hint",
	    "付费产品按 30 天计价，覆盖一个应用的关注或它的一个主题的订阅。"
	    "关注者的付费到期时间在“WxPusher 关注者”里；开通用 "
	    "feige pay grant，查询用 "
	    "/api/product/query-pay-end-time?prodId=编号。",
	    "A product is priced per 30 days and covers an app's follows or "
	    "one of its topics' subscriptions. Followers' paid-until dates "
	    "are on \"WxPusher followers\"; grant with feige pay grant, query "
	    "with /api/product/query-pay-end-time?prodId=ID." },
	{ "wp.id", "产品编号 (prodId)", "Product id (prodId)" },
	{ "wp.name", "产品名称", "Product name" },
	{ "wp.covers", "覆盖", "Covers" },
	{ "wp.app", "整个应用", "The whole app" },
	{ "wp.price", "价格（元 / 30 天）", "Price (yuan per 30 days)" },
	{ "wp.price.hint", "0 到 1000000，最多两位小数，例如 9.9。",
	    "0 to 1000000, at most two decimals, e.g. 9.9." },
	{ "wp.err.price", "请填写 0 到 1000000 之间的金额，最多两位小数。",
	    "Enter an amount from 0 to 1000000 with at most two decimals." },
	{ "wp.add", "添加产品", "Add a product" },
	{ "wp.added", "产品已添加。", "Product added." },
	{ "wp.edit.h", "编辑产品", "Edit product" },
	{ "wp.grant.h", "开通付费时间", "Grant paid time" },
	{ "wp.grant.uid", "关注者 UID", "Follower's UID" },
	{ "wp.grant.days", "天数", "Days" },
	{ "wp.grant.days.hint", "负数为退款；-36500 到 36500，不能为 0。",
	    "Negative refunds; -36500 to 36500, not 0." },
	{ "wp.grant", "开通", "Grant" },
	{ "wp.granted", "已开通付费时间。", "Paid time granted." },
	{ "wp.err.uid", "没有这个 UID 的用户。", "No person has this UID." },
	{ "wp.err.days", "请填写 -36500 到 36500 之间、不为 0 的天数。",
	    "Enter days from -36500 to 36500, not 0." },
	{ "wp.delete.q", "删除这个产品？已开通的付费时间保留在关注上。",
	    "Delete this product? Paid time already granted stays on the "
	    "follows." },
	{ "wp.gone", "没有这个应用、主题或产品。",
	    "No such app, topic or product." },
	{ "wf.title", "WxPusher 关注者", "WxPusher followers" },
	{ "wf.hint",
	    "选择一个应用，看它和它的主题的关注者；可以按 UID 搜索、"
	    "拉黑或取消拉黑、删除。",
	    "Choose an app to see who follows it and its topics; search by "
	    "UID, block or unblock, remove." },
	{ "wf.uid", "UID", "UID" },
	{ "wf.search", "搜索", "Search" },
	{ "wf.follows", "关注的", "Follows" },
	{ "wf.topic", "主题：", "topic: " },
	{ "wf.source", "来源", "Source" },
	{ "wf.since", "关注时间", "Since" },
	{ "wf.state", "状态", "State" },
	{ "wf.ok", "正常", "Active" },
	{ "wf.blocked", "已拉黑", "Blocked" },
	{ "wf.paid", "付费到期", "Paid until" },
	{ "wf.unpaid", "未付费", "Not paid" },
	{ "wf.block", "拉黑", "Block" },
	{ "wf.unblock", "取消拉黑", "Unblock" },
	{ "wf.remove", "删除", "Remove" },
	{ "wf.remove.q", "删除这个关注？对方不再收到这个应用的消息。",
	    "Remove this follow? They stop getting this app's messages." },
	{ "wf.blocked.done", "已拉黑。", "Blocked." },
	{ "wf.unblocked.done", "已取消拉黑。", "Unblocked." },
	{ "wf.gone", "没有这个关注。", "No such follow." },
	/* WxPusher parametric QR codes */
	{ "wq.title", "WxPusher 参数二维码", "WxPusher QR codes" },
	{ "wq.hint",
	    "参数二维码是带参数（extra）的关注二维码：有人扫码关注后，"
	    "应用的回调收到这个参数；也可以用下面的密钥轮询"
	    " /api/fun/scan-qrcode-uid 得到扫码人的 UID。",
	    "A parametric QR code is a follow code carrying an extra: when "
	    "someone follows through it, the app's callback gets the extra; "
	    "or poll /api/fun/scan-qrcode-uid with the secret below for the "
	    "scanner's UID." },
	{ "wq.app", "应用", "App" },
	{ "wq.extra", "参数（extra）", "Extra" },
	{ "wq.extra.hint", "1 到 64 个字符。", "1 to 64 characters." },
	{ "wq.valid", "有效期（秒）", "Valid for (seconds)" },
	{ "wq.valid.hint", "1 到 2592000（30 天）。",
	    "1 to 2592000 (30 days)." },
	{ "wq.create", "生成二维码", "Make a QR code" },
	{ "wq.created", "二维码已生成。", "QR code made." },
	{ "wq.made", "刚生成的二维码", "The code just made" },
	{ "wq.alt", "参数二维码：扫码关注这个应用",
	    "Parametric QR code: scan to follow the app" },
	{ "wq.link", "二维码的链接", "The link it encodes" },
	{ "wq.secret", "轮询密钥（只给开发者）",
	    "Poll secret (for the developer only)" },
	{ "wq.expires", "过期时间：", "Expires: " },
	{ "wq.err.app", "请选择你的一个应用。", "Choose one of your apps." },
	{ "wq.err.valid", "请填写 1 到 2592000 之间的秒数。",
	    "Enter 1 to 2592000 seconds." },
	{ "wq.gone", "没有这个二维码。", "No such QR code." },
	/* open API AccessKeys */
	{ "key.title", "AccessKey", "AccessKeys" },
	{ "key.hint",
	    "开放接口当前有效的 AccessKey。只保存哈希：这里显示它的开头，"
	    "用来区分，不能用来调用接口。作废后用它的调用立即被拒绝；"
	    "持有 secretKey 的程序可以重新获取。",
	    "The open API's live AccessKeys.  Only their hashes are stored: "
	    "the start of one is shown to tell them apart, it cannot call the "
	    "API.  A revoked key is refused at once; programs holding the "
	    "secretKey can fetch a new one." },
	{ "key.none", "没有有效的 AccessKey。", "No live AccessKeys." },
	{ "key.id", "标识", "Id" },
	{ "key.created", "获取时间", "Issued" },
	{ "key.expires", "过期时间", "Expires" },
	{ "key.revoke", "作废", "Revoke" },
	{ "key.revoke.q", "作废这个 AccessKey？用它的调用会被拒绝。",
	    "Revoke this AccessKey? Calls with it will be refused." },
	{ "key.revoke.all", "全部作废", "Revoke all" },
	{ "key.revoke.all.q", "作废全部 AccessKey？",
	    "Revoke every AccessKey?" },
	{ "key.revoked", "已作废。", "Revoked." },
	{ "key.gone", "没有这个 AccessKey。", "No such AccessKey." },
	/* pre-processing scripts */
	{ "pre.title", "预处理脚本", "Pre-processing scripts" },
	{ "pre.hint",
	    "预处理脚本在消息发出前改写它：发送时带 pre=编码，脚本读 "
	    "content 和 title，结束时 content 的值就是新内容。",
	    "A pre-processing script rewrites a message before it is sent: "
	    "send with pre=CODE; the script reads content and title, and "
	    "content's value at the end is the new content." },
	{ "pre.name", "名称", "Name" },
	{ "pre.code", "编码", "Code" },
	{ "pre.code.hint", "发送时的 pre 参数，每个账号内唯一。",
	    "The send's pre parameter, unique per account." },
	{ "pre.script", "脚本（JavaScript）", "Script (JavaScript)" },
	{ "pre.script.hint", "最多 64 KB。", "At most 64 KB." },
	{ "pre.add", "添加脚本", "Add script" },
	{ "pre.add.h", "添加脚本", "Add a script" },
	{ "pre.edit", "编辑", "Edit" },
	{ "pre.edit.h", "编辑脚本", "Edit the script" },
	{ "pre.delete.q", "删除这个脚本？带它编码的发送将被拒绝。",
	    "Delete this script? Sends naming its code will be refused." },
	{ "pre.gone", "没有这个脚本。", "No such script." },
	{ "pre.err.big", "脚本过长，最多 64 KB。",
	    "The script is too long: at most 64 KB." },
	{ "pre.test.h", "试运行", "Test run" },
	{ "pre.message", "示例消息", "Sample message" },
	{ "pre.message.hint", "脚本看到的 content。",
	    "The content the script sees." },
	{ "pre.test", "运行", "Run" },
	{ "pre.test.ok", "结果", "Result" },
	{ "pre.test.err", "脚本出错", "The script failed" },
	{ "pre.added", "脚本已添加。", "Script added." },
	{ "wx.title", "WxPusher 应用", "WxPusher apps" },
	{ "wx.hint",
	    "WxPusher 接口（/api/send/message）用应用的 appToken 发给关注"
	    "它的人（docs/wxpusher.md）。把关注链接或二维码发给要接收的人。",
	    "The WxPusher API (/api/send/message) sends with an app's "
	    "appToken "
	    "to those who follow it (docs/wxpusher.md). Hand out the follow "
	    "link or QR code." },
	{ "wx.name", "应用名称", "App name" },
	{ "wx.desc", "应用简介", "Description" },
	{ "wx.callback", "回调地址", "Callback URL" },
	{ "wx.callback.hint", "有人关注或发送上行消息时回调；留空为不回调。",
	    "Called on a follow or an uplink message; empty: none." },
	{ "wx.settings", "设置页地址 (settings URL)", "Settings URL" },
	{ "wx.add", "创建应用", "Create an app" },
	{ "wx.added", "应用已创建。", "App created." },
	{ "wx.token", "appToken", "appToken" },
	{ "wx.reset", "重置 appToken", "Reset the appToken" },
	{ "wx.reset.q", "重置后旧的 appToken 立即失效，确定吗？",
	    "The old appToken "
	    "stops working at once. Reset?" },
	{ "wx.reset.done", "appToken 已重置。", "appToken reset." },
	{ "wx.follow", "关注链接", "Follow link" },
	{ "wx.qr", "关注应用的二维码", "QR code to follow the app" },
	{ "wx.edit", "修改应用", "Edit the app" },
	{ "wx.gone", "没有这个应用，或者它不是你的。",
	    "No such app, or it is not "
	    "yours." },
	{ "wx.back", "全部应用", "All apps" },
	{ "wx.more",
	    "主题、关注者、参数二维码和付费产品暂时用开放接口或命令行管理"
	    "（feige app …、feige topic …）。",
	    "Topics, followers, parametric QR "
	    "codes and products are managed with the API or the CLI for now "
	    "(feige app …, feige topic …)." },
	/* devices */
	{ "dev.title", "设备", "Devices" },
	{ "dev.hint",
	    "收到消息时会推送通知的设备（浏览器、Bark、邮件等）。在手机上"
	    "打开收件箱 /inbox 添加这部手机；微信和 ClawBot 的绑定在 /me。",
	    "Devices that get a notification for each message (browsers, "
	    "Bark, "
	    "e-mail, ...). Open the inbox /inbox on a phone to add it; the "
	    "WeChat and ClawBot binding is on /me." },
	{ "dev.type", "类型", "Type" },
	{ "dev.added", "添加时间", "Added" },
	{ "dev.seen", "最近使用", "Last seen" },
	{ "dev.pending", "（等待邮件确认）",
	    "(waiting for the e-mail "
	    "confirmation)" },
	{ "dev.delete.q", "删除这个设备？它不再收到推送。",
	    "Delete this device? It "
	    "gets no more pushes." },
	{ "dev.gone", "没有这个设备。", "No such device." },
	{ "dev.last", "最近一次推送", "Last push" },
	{ "dev.last.none", "还没有推送", "No push yet" },
	{ "dev.st.sent", "已送达推送服务", "Taken by the push service" },
	{ "dev.st.failed", "失败", "Failed" },
	{ "dev.st.waiting", "等待设备上线", "Waiting for the device" },
	{ "dev.st.pending", "等待发送", "Waiting to be sent" },
	{ "dev.test", "发送测试推送", "Send a test push" },
	{ "dev.test.queued", "测试推送已加入发送队列。",
	    "The test push is on its way." },
	{ "dev.test.wait", "正在等待推送服务的回答，页面会自动刷新…",
	    "Waiting for the push service's answer; this page reloads by "
	    "itself…" },
	{ "dev.me", "打开 /me：添加这部手机、微信和 ClawBot 绑定",
	    "Open /me: add "
	    "this phone, WeChat and ClawBot binding" },
	/* settings */
	{ "set.title", "设置", "Settings" },
	{ "set.hint", "和开放接口 setting/… 相同的设置，对 /send 立即生效。",
	    "The open API's setting/… values; /send applies them at once." },
	{ "set.channel", "默认渠道", "Default channel" },
	{ "set.webhook", "默认渠道配置编码", "Default channel config code" },
	{ "set.webhook.hint", "默认渠道是 webhook、企业微信或邮件时要填。",
	    "Needed when the default channel is webhook, WeCom or mail." },
	{ "set.is_send", "允许发送消息 (isSend)", "Sending allowed (isSend)" },
	{ "set.receive", "不接收别人的群组和好友消息 (recevieLimit)",
	    "Refuse others' group and friend messages (recevieLimit)" },
	{ "set.callback", "默认回调地址", "Default callback URL" },
	{ "set.callback.hint",
	    "消息完成、有人加入群组或加为好友时回调；留空为不回调。",
	    "Called when a message completes, someone joins a group or "
	    "becomes a friend; empty: none." },
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
