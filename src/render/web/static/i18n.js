/*
 * feige inbox: the message catalog and the language switch.
 *
 * Every text the inbox scripts show is here, once, as key -> {zh, en}
 * (a value may be a list: the steps of a how-to).  Chinese comes first
 * and is what the server writes into the page; the scripts and the
 * elements marked data-i18n="key" take the chosen language from here.
 * The choice is the toggle's, kept in localStorage ("feige.lang"); until
 * someone toggles, it follows navigator.language (zh* -> Chinese, any
 * other language -> English).
 */
export const MESSAGES = {
	'inbox.title': { zh: '收件箱', en: 'Inbox' },
	'inbox.empty': { zh: '暂无消息', en: 'No messages yet' },
	'inbox.untitled': { zh: '无标题', en: 'Untitled' },
	'live.on': { zh: '实时', en: 'Live' },
	'live.off': { zh: '离线', en: 'Offline' },
	'dev.sent': { zh: '已送达', en: 'delivered' },
	'dev.pending': { zh: '稍后重试', en: 'retrying' },
	'dev.failed': { zh: '失败', en: 'failed' },
	'dev.gone': { zh: '已失效，设备已移除', en: 'gone, device removed' },
	'dev.waiting': { zh: '等待中', en: 'waiting' },
	'dev.email': { zh: '邮件', en: 'E-mail' },
	'dev.wechat': { zh: '微信', en: 'WeChat' },
	'lang.switch': { zh: 'English', en: '中文' },
	'lang.label': { zh: 'Switch to English', en: '切换到中文' },
	'push.enable': { zh: '在此设备接收通知', en: 'Receive on this device' },
	'push.busy': { zh: '正在开启…', en: 'Turning on…' },
	'push.on': { zh: '此设备已开启通知', en: 'Notifications are on for this device' },
	'push.denied': {
		zh: '通知已被拒绝：请在浏览器或系统设置中允许本站发送通知。',
		en: 'Notifications are blocked: allow them for this site in the browser or system settings.',
	},
	'push.failed': { zh: '开启失败：', en: 'Could not turn on: ' },
	'push.unsupported': {
		zh: '此浏览器不能接收推送通知。',
		en: 'This browser cannot receive push notifications.',
	},
	'push.ios': {
		zh: '在 iPhone 和 iPad 上，请先把收件箱添加到主屏幕，再从主屏幕打开它开启通知（iOS 16.4 或更新版本）。',
		en: 'On iPhone and iPad, add the inbox to your Home Screen first, then open it from there to turn on notifications (iOS 16.4 or later).',
	},
	'install.title': { zh: '添加到主屏幕', en: 'Add to Home Screen' },
	'install.button': { zh: '安装应用', en: 'Install app' },
	'install.ios.title': { zh: 'iPhone 和 iPad（Safari）', en: 'iPhone and iPad (Safari)' },
	'install.ios.steps': {
		zh: ['用 Safari 打开本页。', '点按“分享”按钮（方框和向上的箭头）。', '选择“添加到主屏幕”，再点“添加”。',
			'从主屏幕打开“飞鸽”，点“在此设备接收通知”并允许。'],
		en: ['Open this page in Safari.', 'Tap the Share button (a square with an arrow pointing up).',
			'Choose “Add to Home Screen”, then “Add”.',
			'Open “飞鸽” from the Home Screen, tap “Receive on this device” and allow.'],
	},
	'install.android.title': { zh: '安卓手机（Chrome）', en: 'Android (Chrome)' },
	'install.android.steps': {
		zh: ['用 Chrome 打开本页，点右上角的菜单 ⋮。', '选择“安装应用”或“添加到主屏幕”。',
			'从主屏幕打开“飞鸽”，点“在此设备接收通知”并允许。'],
		en: ['Open this page in Chrome and tap the menu ⋮ at the top right.',
			'Choose “Install app” or “Add to Home screen”.',
			'Open “飞鸽” from the Home screen, tap “Receive on this device” and allow.'],
	},
	'install.nogms.title': { zh: '没有 Google 服务的安卓手机', en: 'Android without Google services' },
	'install.nogms.text': {
		zh: 'Chrome 的网页推送要经过 Google 的服务，多数国产安卓手机和中国大陆的网络收不到。请安装 ntfy 应用（F-Droid）并添加飞鸽，或用 Firefox 打开本页开启通知。',
		en: 'Chrome’s web push goes through Google’s servers, which most phones without Google services, and networks in mainland China, cannot reach. Install the ntfy app (F-Droid) and add feige to it, or open this page in Firefox and turn notifications on there.',
	},
	'install.desktop.title': { zh: '电脑', en: 'Desktop' },
	'install.desktop.text': {
		zh: 'Chrome 和 Edge：点地址栏右侧的“安装”图标。Firefox 和 Safari（macOS 13 及更新版本）：不用安装，直接点“在此设备接收通知”。',
		en: 'Chrome and Edge: click the install icon at the right of the address bar. Firefox and Safari (macOS 13 or later): no install needed, just click “Receive on this device”.',
	},
};

const KEY = 'feige.lang';
const listeners = [];

function stored() {
	try {
		return localStorage.getItem(KEY);
	} catch (e) {
		return null;	/* storage off (private mode): follow the browser */
	}
}

/* 'zh' or 'en': the toggle's choice, else the browser's language. */
export function lang() {
	const s = stored();

	if (s === 'zh' || s === 'en')
		return s;
	return /^zh\b/i.test(navigator.language || 'zh') ? 'zh' : 'en';
}

/* The text of key in the current language (a list stays a list). */
export function t(key) {
	const m = MESSAGES[key];

	if (!m)
		return key;
	return m[lang()];
}

/* Fill every [data-i18n] element under root, and the page's lang. */
export function apply(root) {
	const l = lang();

	document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
	for (const e of (root || document).querySelectorAll('[data-i18n]'))
		e.textContent = t(e.getAttribute('data-i18n'));
	for (const e of (root || document).querySelectorAll('[data-i18n-label]'))
		e.setAttribute('aria-label', t(e.getAttribute('data-i18n-label')));
}

/* fn() runs after every switch, to redraw what is not data-i18n. */
export function onChange(fn) {
	listeners.push(fn);
}

export function setLang(l) {
	try {
		localStorage.setItem(KEY, l);
	} catch (e) {
		/* not kept; this page still switches */
	}
	apply();
	for (const fn of listeners)
		fn();
}

/* The toggle: <button id="fg-lang">; the button names the other one. */
export function bindToggle(button) {
	if (!button)
		return;
	button.addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
	onChange(() => button.setAttribute('lang', lang() === 'zh' ? 'en' : 'zh-CN'));
	button.setAttribute('lang', lang() === 'zh' ? 'en' : 'zh-CN');
}
