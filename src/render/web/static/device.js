/*
 * feige inbox: this device.  Registers the service worker (/sw.js:
 * notifications and the offline list), offers "receive on this device"
 * and explains adding the inbox to the home screen, per platform.
 *
 * Receiving (issue 10 §2, phones.md §3.7 and §3.9):
 * - The permission prompt follows a click on the button, never the page
 *   load: Safari refuses a prompt without a user gesture, and a prompt
 *   at load is what people learn to deny.
 * - Then GET /api/webpush/vapid (the server's public key), subscribe with
 *   userVisibleOnly (every push shows a notification, as Apple demands)
 *   and POST /api/devices {"type":"webpush","subscription":…} with the
 *   person's cookie (and the page's token while it has one).
 * - On every start with permission already granted, the same without a
 *   click: subscriptions die without notice and pushsubscriptionchange
 *   is not dependable, so the current one is sent again each time and
 *   the server upserts it by endpoint.  A subscription made with another
 *   key (the server's keys were replaced) is dropped and made anew.
 *
 * iOS and iPadOS offer push only to a web app opened from the home
 * screen (16.4+): in a Safari tab PushManager is missing, so the button
 * gives way to the guidance, opened.  <section id="fg-device"> carries
 * data-state (idle, busy, on, denied, failed, unsupported, ios) for
 * styling and tests.  Texts come from the catalog (i18n.js).
 */
import { t, onChange } from './i18n.js';
import { el } from './dom.js';

const box = document.getElementById('fg-device');
const token = document.body.getAttribute('data-token') || '';
const ua = navigator.userAgent || '';
const ios = /iPad|iPhone|iPod/.test(ua) ||
    (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1);
const android = /Android/.test(ua);
const canPush = 'serviceWorker' in navigator && 'PushManager' in window &&
    'Notification' in window;
const standalone = navigator.standalone === true ||
    (window.matchMedia && matchMedia('(display-mode: standalone)').matches);
let state = canPush ? 'idle' : ios && !standalone ? 'ios' : 'unsupported';
let detail = '';
let installPrompt = null;

function keyBytes(b64u) {
	const s = b64u.replace(/-/g, '+').replace(/_/g, '/');
	const bin = atob(s + '='.repeat((4 - s.length % 4) % 4));

	return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function sameKey(a, b) {
	if (!a)
		return true;	/* the browser does not say: keep it */
	const x = new Uint8Array(a);

	return x.length === b.length && x.every((v, i) => v === b[i]);
}

/* The server's public key (applicationServerKey), as bytes. */
async function serverKey() {
	const r = await fetch('/api/webpush/vapid', { credentials: 'same-origin' });

	if (!r.ok)
		throw new Error('HTTP ' + r.status);
	return keyBytes((await r.json()).publicKey);
}

/* POST /api/devices: the cookie, and the page's token while it has one. */
async function register(sub) {
	const headers = { 'Content-Type': 'application/json' };

	if (token)
		headers.Authorization = 'Bearer ' + token;
	const r = await fetch('/api/devices', { method: 'POST', headers,
	    credentials: 'same-origin',
	    body: JSON.stringify({ type: 'webpush', subscription: sub.toJSON() }) });
	const j = await r.json().catch(() => null);

	if (!r.ok || !j || j.code !== 200)
		throw new Error((j && j.msg) || 'HTTP ' + r.status);
}

/* Subscribe (or take the current subscription) and tell the server. */
async function subscribe() {
	const reg = await navigator.serviceWorker.ready;
	const key = await serverKey();
	let sub = await reg.pushManager.getSubscription();

	if (sub && !sameKey(sub.options && sub.options.applicationServerKey, key)) {
		await sub.unsubscribe();
		sub = null;
	}
	if (!sub)
		sub = await reg.pushManager.subscribe({ userVisibleOnly: true,
		    applicationServerKey: key });
	await register(sub);
}

function ask() {
	return new Promise((resolve) => {
		/* old Safari: callback; the rest: a promise */
		const p = Notification.requestPermission(resolve);

		if (p && p.then)
			p.then(resolve);
	});
}

async function turnOn(prompted) {
	set('busy');
	try {
		const perm = prompted ? await ask() : Notification.permission;

		if (perm !== 'granted')
			return set(perm === 'denied' ? 'denied' : 'idle');
		await subscribe();
		set('on');
	} catch (e) {
		set('failed', String((e && e.message) || e));
	}
}

function set(s, d) {
	state = s;
	detail = d || '';
	draw();
}

function steps(key) {
	const ol = el('ol');

	for (const s of t(key))
		ol.appendChild(el('li', '', s));
	return ol;
}

function guide(titleKey, body) {
	const sec = el('section', 'fg-guide');

	sec.appendChild(el('h3', '', t(titleKey)));
	sec.appendChild(body);
	return sec;
}

/* The how-to, the visitor's own platform first. */
function guidance() {
	const d = el('details', 'fg-install');
	const all = [
		['ios', guide('install.ios.title', steps('install.ios.steps'))],
		['android', guide('install.android.title',
		    steps('install.android.steps'))],
		['android', guide('install.nogms.title',
		    el('p', '', t('install.nogms.text')))],
		['desktop', guide('install.desktop.title',
		    el('p', '', t('install.desktop.text')))],
	];
	const mine = ios ? 'ios' : android ? 'android' : 'desktop';

	d.id = 'fg-install';
	d.appendChild(el('summary', '', t('install.title')));
	for (const [k, s] of all)
		if (k === mine)
			d.appendChild(s);
	for (const [k, s] of all)
		if (k !== mine)
			d.appendChild(s);
	return d;
}

const MSG = { on: 'push.on', busy: 'push.busy', denied: 'push.denied',
	failed: 'push.failed', unsupported: 'push.unsupported', ios: 'push.ios' };

function draw() {
	if (!box)
		return;
	const old = document.getElementById('fg-install');
	const open = old ? old.open : (state === 'ios' && !standalone);
	const focused = document.activeElement && document.activeElement.id;

	box.textContent = '';
	box.setAttribute('data-state', state);
	if (canPush) {
		const b = el('button', 'fg-push-btn', t(state === 'on' ?
		    'push.on' : state === 'busy' ? 'push.busy' : 'push.enable'));

		b.id = 'fg-push';
		b.type = 'button';
		b.disabled = state === 'busy';
		b.setAttribute('aria-pressed', state === 'on' ? 'true' : 'false');
		b.addEventListener('click', () => turnOn(true));
		box.appendChild(b);
	}
	if (installPrompt) {
		const b = el('button', 'fg-push-btn fg-install-btn',
		    t('install.button'));

		b.id = 'fg-install-btn';
		b.type = 'button';
		b.addEventListener('click', () => {
			installPrompt.prompt();
			installPrompt = null;
			draw();
		});
		box.appendChild(b);
	}
	const msg = el('p', 'fg-push-msg');

	msg.id = 'fg-push-msg';
	msg.setAttribute('role', 'status');
	if (MSG[state] && state !== 'on' && state !== 'busy')
		msg.textContent = t(MSG[state]) + detail;
	box.appendChild(msg);
	if (!standalone) {
		const g = guidance();

		g.open = open;
		box.appendChild(g);
	}
	box.hidden = false;
	if (focused && document.getElementById(focused))
		document.getElementById(focused).focus();
}

window.addEventListener('beforeinstallprompt', (e) => {
	e.preventDefault();
	installPrompt = e;
	draw();
});
onChange(draw);
draw();
if ('serviceWorker' in navigator)
	navigator.serviceWorker.register('/sw.js').catch(() => {});
if (canPush && Notification.permission === 'granted')
	turnOn(false);
else if (canPush && Notification.permission === 'denied')
	set('denied');
