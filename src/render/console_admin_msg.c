/*
 * console_admin_msg.c: the catalog rows of the console's operator
 * pages (issue 12, "Operators"), keys "adm.*", Chinese then English;
 * console_msg.c lists this table after the sender pages' one.
 */
#include "render/console_admin.h"
#include "render/render_int.h"

const struct console_msg console_msgs_admin[] = {
	/* page titles (navigation and <h1>) */
	{ "adm.users.title", "用户", "Users" },
	{ "adm.queue.title", "队列与投递", "Queue and deliveries" },
	{ "adm.health.title", "通道状态", "Channel health" },
	{ "adm.system.title", "存储、版本与配置",
	    "Storage, version and configuration" },
	{ "adm.forbidden", "这个页面只对管理员开放。",
	    "This page is for operators (admins) only." },
	/* shared words */
	{ "adm.actions", "操作", "Actions" },
	{ "adm.more", "只显示了前面的一部分。",
	    "Only the first ones are shown." },
	{ "adm.channel", "通道", "Channel" },
	{ "adm.state", "状态", "State" },
	{ "adm.count", "数量", "Count" },
	{ "adm.outcome", "结果", "Outcome" },
	{ "adm.last_at", "最近一次", "Latest" },
	{ "adm.last_error", "最近的错误", "Latest error" },
	{ "adm.failed", "失败", "failed" },
	{ "adm.retrying", "等待重试", "retry scheduled" },
	{ "adm.id", "编号", "Id" },
	{ "adm.message", "消息", "Message" },
	{ "adm.attempts", "尝试次数", "Attempts" },
	{ "adm.failed_at", "失败时间", "Failed at" },
	/* users */
	{ "adm.users.hint",
	    "用户不会被删除（消息、群组和应用都挂在用户上）；停用后令牌、"
	    "消息令牌和开放接口的 AccessKey 都被拒绝，启用即恢复。",
	    "Users are never deleted (messages, groups and apps hang on "
	    "them); a disabled user's token, message tokens and open API "
	    "AccessKeys are refused, and enabling gives them back." },
	{ "adm.user.uid", "UID", "UID" },
	{ "adm.user.name", "名称", "Name" },
	{ "adm.user.state", "状态", "State" },
	{ "adm.user.created", "创建时间", "Created" },
	{ "adm.user.token", "令牌", "Token" },
	{ "adm.user.show", "显示", "Show" },
	{ "adm.user.active", "正常", "active" },
	{ "adm.user.admin", "管理员", "admin" },
	{ "adm.user.disabled", "已停用", "disabled" },
	{ "adm.user.disable", "停用", "Disable" },
	{ "adm.user.disable.q", "停用后这个用户的令牌立即失效，确定吗？",
	    "The user's token stops working at once. Disable?" },
	{ "adm.user.enable", "启用", "Enable" },
	{ "adm.user.reset", "重置令牌", "Reset token" },
	{ "adm.user.reset.q", "旧令牌立即失效，AccessKey 一并作废，确定吗？",
	    "The old token stops at once and the AccessKeys are revoked. "
	    "Reset?" },
	{ "adm.user.add", "添加用户", "Add a user" },
	{ "adm.user.added", "已添加用户。", "User added." },
	{ "adm.user.changed", "已更改用户状态。", "User state changed." },
	{ "adm.user.reset_done", "令牌已重置，旧令牌已失效。",
	    "Token reset; the old one no longer works." },
	{ "adm.user.gone", "没有这个用户。", "No such user." },
	/* a user's own limits (feige user limits) */
	{ "adm.user.limits", "限额", "Limits" },
	{ "adm.lim.daily", "每日接收上限", "Daily receive limit" },
	{ "adm.lim.rate", "每分钟发送上限", "Sends per minute" },
	{ "adm.lim.default", "默认", "default" },
	{ "adm.lim.hint", "留空为服务器设置；0 为不限。",
	    "Empty: the server setting; 0: unlimited." },
	{ "adm.lim.err", "请留空或填写 0 到 1000000 之间的整数。",
	    "Leave it empty or enter a whole number from 0 to 1000000." },
	{ "adm.lim.save", "保存限额", "Save limits" },
	{ "adm.lim.saved", "已保存限额。", "Limits saved." },
	/* queue and deliveries */
	{ "adm.q.memory", "队列（服务器内存中）",
	    "The queue (in the server)" },
	{ "adm.q.depth", "等待中的投递", "Deliveries waiting" },
	{ "adm.q.oldest", "最早到期的已等待", "Oldest due has waited" },
	{ "adm.q.workers", "运行中的工作线程", "Workers running" },
	{ "adm.q.busy", "正在投递", "Delivering now" },
	{ "adm.q.stuck", "卡住（超过 15 分钟）", "Stuck (over 15 min)" },
	{ "adm.q.hint",
	    "等待中的投递包括到期的和等待重试的；等待时间一直增长说明"
	    "工作线程跟不上（或 queue.workers = 0）。",
	    "Waiting deliveries are the due ones and those waiting for a "
	    "retry; a wait that keeps growing means the workers do not keep "
	    "up (or queue.workers = 0)." },
	{ "adm.q.channels", "各通道的失败与重试",
	    "Failures and retries by channel" },
	{ "adm.q.clean", "没有失败或等待重试的投递。",
	    "No failed delivery and no retry waiting." },
	{ "adm.q.failed", "失败的投递", "Failed deliveries" },
	{ "adm.filter", "筛选", "Filter" },
	{ "adm.next", "更早的失败 →", "Older failures →" },
	{ "adm.retry", "重试", "Retry" },
	{ "adm.retry.all", "全部重试", "Retry all" },
	{ "adm.retry.all.q", "重试这个通道所有失败的投递，确定吗？",
	    "Retry every failed delivery of this channel?" },
	{ "adm.retried", "已请求重试，工作线程马上开始投递。",
	    "Retry asked for; the workers start delivering at once." },
	{ "adm.retry.none", "这个投递没有失败（或者已经在重试）。",
	    "This delivery has not failed (or is being retried already)." },
	{ "adm.channel.bad", "通道名只能包含小写字母、数字、- 和 _。",
	    "A channel name has only lower-case letters, digits, - and _." },
	/* SMS provider */
	{ "adm.sms.title", "短信服务商", "SMS provider" },
	{ "adm.sms.hint",
	    "短信和语音通道通过运维配置的服务商发送（feige.conf 或环境变量"
	    "里的 sms.*，改后重启生效；密钥不进数据库）。下面是生效的设置，"
	    "以及一条真的测试短信或电话。",
	    "The sms and voice channels send through the provider the "
	    "operator configured (sms.* in feige.conf or the environment, in "
	    "force after a restart; the secret key never enters the "
	    "database). Below: the settings in effect, and a real test text "
	    "or call." },
	{ "adm.sms.sms", "短信 (sms)：", "Text (sms):" },
	{ "adm.sms.voice", "语音 (voice)：", "Voice call (voice):" },
	{ "adm.sms.ready", "可以发送。", "ready to send." },
	{ "adm.sms.settings", "生效的设置", "Settings in effect" },
	{ "adm.sms.option", "配置项", "Option" },
	{ "adm.sms.value", "值", "Value" },
	{ "adm.sms.test", "发送测试", "Send a test" },
	{ "adm.sms.phone", "手机号", "Phone number" },
	{ "adm.sms.phone.hint",
	    "E.164（+4915112345678）或 11 位中国大陆手机号。",
	    "E.164 (+4915112345678) or an 11-digit mainland China mobile "
	    "number." },
	{ "adm.sms.kind", "方式", "Kind" },
	{ "adm.sms.send", "发送测试", "Send the test" },
	{ "adm.sms.text", "feige测试", "feige test" },
	{ "adm.sms.err.phone",
	    "请填写正确的手机号（E.164 或 11 位大陆手机号）。",
	    "Enter a phone number (E.164, or 11 digits for mainland China)." },
	{ "adm.sms.err.kind", "请选择短信或语音。", "Choose text or voice." },
	/* upstreams */
	{ "adm.up.title", "上游", "Upstreams" },
	{ "adm.up.hint",
	    "本次启动以来每个上游主机的回答（投递的请求和发往设备的推送，"
	    "最近失败的在前），微信公众号的 access token，以及 ClawBot 轮询的"
	    "机器人。只读：打开本页不会请求任何上游。",
	    "Every upstream host's answers since this start (the deliveries' "
	    "requests and the pushes to devices, the newest failure first), "
	    "the WeChat official account's access token, and the ClawBots the "
	    "pollers poll. Read only: this page calls no upstream." },
	{ "adm.up.hosts", "上游主机", "Upstream hosts" },
	{ "adm.up.host", "主机", "Host" },
	{ "adm.up.ok", "成功", "Good" },
	{ "adm.up.failed", "失败", "Failed" },
	{ "adm.up.last_ok", "最近成功", "Last good" },
	{ "adm.up.last_fail", "最近失败", "Last failure" },
	{ "adm.up.error", "最近的错误", "Last error" },
	{ "adm.up.wechat", "微信公众号", "WeChat official account" },
	{ "adm.up.wx.off", "没有配置（wechat.appid）。",
	    "Not configured (wechat.appid)." },
	{ "adm.up.token", "access token：", "Access token:" },
	{ "adm.up.followers", "关注者（测试号上限）：",
	    "Followers (against the test account's limit):" },
	{ "adm.up.bound", "已绑定：", "bound:" },
	{ "adm.up.refused", "因上限拒绝的关注：", "follows refused by the limit:" },
	{ "adm.up.clawbot", "ClawBot 轮询", "ClawBot pollers" },
	{ "adm.up.claw.on", "轮询线程在运行；下面是它轮询的机器人。",
	    "The poller runs; these are the bots it polls." },
	{ "adm.up.claw.off", "没有启用（clawbot.enable）。",
	    "Not enabled (clawbot.enable)." },
	{ "adm.up.user", "用户编号", "User id" },
	{ "adm.up.bot", "机器人", "Bot" },
	{ "adm.up.state", "状态", "State" },
	{ "adm.up.polling", "轮询中", "Polling" },
	{ "adm.up.paused", "会话过期，暂停到",
	    "Session expired, paused until" },
	{ "adm.up.window", "24 小时窗口到", "24 h window until" },
	{ "adm.up.used", "窗口内已推送", "Pushes in the window" },
	/* channel health */
	{ "adm.h.hint",
	    "计数从这次启动开始（与 /metrics 相同）；错误来自数据库中"
	    "失败和等待重试的投递。",
	    "Counts are since this start (the same as /metrics); the errors "
	    "come from the failed and retrying deliveries in the database." },
	{ "adm.h.errors", "各通道最近的错误", "Latest errors by channel" },
	{ "adm.h.deliveries", "投递（自启动）", "Deliveries (since start)" },
	{ "adm.h.pushes", "设备推送（自启动）",
	    "Device pushes (since start)" },
	{ "adm.h.type", "设备类型", "Device type" },
	{ "adm.h.callbacks", "回调（自启动）", "Callbacks (since start)" },
	{ "adm.h.nothing", "启动以来还没有。", "None since the start." },
	/* system */
	{ "adm.s.version", "版本", "Version" },
	{ "adm.s.storage", "存储", "Storage" },
	{ "adm.s.what", "文件", "File" },
	{ "adm.s.bytes", "字节", "Bytes" },
	{ "adm.s.size", "大小", "Size" },
	{ "adm.s.db", "数据库 feige.db", "Database feige.db" },
	{ "adm.s.wal", "预写日志 feige.db-wal",
	    "Write-ahead log feige.db-wal" },
	{ "adm.s.shm", "共享索引 feige.db-shm", "Shared index feige.db-shm" },
	{ "adm.s.images", "上传的图片 images/", "Uploaded images images/" },
	{ "adm.s.total", "合计", "Total" },
	{ "adm.s.image_files", "图片文件数", "Image files" },
	{ "adm.s.config", "生效的配置", "Configuration in effect" },
	{ "adm.s.config.hint",
	    "默认值、配置文件、环境变量和命令行合并后的结果；密码和密钥"
	    "只显示是否已设置。",
	    "Defaults, the file, the environment and the command line, "
	    "merged; passwords and keys only show whether they are set." },
	{ "adm.s.secret_set", "（已设置，不显示）", "(set, not shown)" },
	{ "adm.s.secret_unset", "（未设置）", "(not set)" },
};
const size_t console_n_msgs_admin = NELEM(console_msgs_admin);
