/*
 * feige's service worker (/sw.js, scope /): notifications of Web Push
 * and the inbox offline.  A classic script, on its own: module service
 * workers are not everywhere yet.
 *
 * push: the payload is the JSON feige's push sender encrypts
 * (channel/webpush.c): {"title","body","url","id"}.  Every push shows a
 * notification: Apple revokes the subscription of a web app that takes
 * pushes silently (phones.md §3.7), and Chrome shows a "site updated in
 * the background" notice of its own.  The tag is the id, so the same
 * message shown twice replaces itself.  {"id","recall":true} (a deleted
 * message, issue 10 §4) closes the notification tagged id, drops the
 * item from the offline list and from the cached page, and shows
 * nothing: there is nothing left to
 * read.  That is the one push without a notification; Safari counts
 * such pushes and may end the subscription after a few, which the page
 * repairs at its next start by subscribing again (docs/devices.md).
 *
 * notificationclick: focus a window already showing the url, else open
 * it (only http and https urls).
 *
 * pushsubscriptionchange: where the browser fires it, subscribe again
 * with the old subscription's key (or the server's, GET
 * /api/webpush/vapid) and POST it to /api/devices with the cookie.
 *
 * Offline: the app shell (styles, scripts, manifest, icons) is cached at
 * install and served from the cache, refreshed behind; /inbox and
 * /inbox/messages go to the network first and fall back to their last
 * good answer (one copy each, whatever the query), so a phone without a
 * connection opens the inbox and the list of the last messages.
 * Nothing else is touched: the stream, the APIs and message pages go to
 * the network as if there were no worker.
 */
'use strict';

const SHELL = 'feige-shell-v1';
const DATA = 'feige-data-v1';
const SHELL_FILES = ['/static/feige.css', '/static/inbox.js',
	'/static/i18n.js', '/static/device.js', '/static/dom.js',
	'/manifest.webmanifest',
	'/static/icon-192.png'];
const PAGE = '/inbox';
const LIST = '/inbox/messages';

self.addEventListener('install', (e) => {
	e.waitUntil(caches.open(SHELL)
	    .then((c) => c.addAll(SHELL_FILES))
	    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
	e.waitUntil(caches.keys()
	    .then((ks) => Promise.all(ks.filter((k) => k !== SHELL && k !== DATA)
		.map((k) => caches.delete(k))))
	    .then(() => self.clients.claim()));
});

/* Network first; a good answer is kept under key, the last one served
 * when the network fails. */
function fresh(req, key) {
	return fetch(req).then((r) => {
		if (r.ok) {
			const copy = r.clone();

			caches.open(DATA).then((c) => c.put(key, copy));
		}
		return r;
	}).catch(() => caches.open(DATA).then((c) => c.match(key))
	    .then((r) => r || Response.error()));
}

/* The cached copy at once, refreshed behind. */
function shell(req) {
	return caches.open(SHELL).then((c) => c.match(req).then((hit) => {
		const net = fetch(req).then((r) => {
			if (r.ok)
				c.put(req, r.clone());
			return r;
		});

		if (!hit)
			return net;
		net.catch(() => {});
		return hit;
	}));
}

self.addEventListener('fetch', (e) => {
	const req = e.request;
	const url = new URL(req.url);

	if (req.method !== 'GET' || url.origin !== self.location.origin)
		return;
	if (url.pathname === PAGE || url.pathname === PAGE + '/')
		e.respondWith(fresh(req, PAGE));
	else if (url.pathname === LIST)
		e.respondWith(fresh(req, LIST));
	else if (SHELL_FILES.includes(url.pathname))
		e.respondWith(shell(req));
});

/* The cached answer at key, its text passed through edit(). */
function rewrite(c, key, edit) {
	return c.match(key).then((r) => r && r.text().then((text) =>
	    c.put(key, new Response(edit(text), { headers: r.headers }))));
}

/*
 * The offline copies without the item of a recalled message: the list
 * (/inbox/messages: id matched against shortCode and id) and the page's
 * server-written <li> linking to /message/<id> (render/inbox.c).
 */
function forget(id) {
	const href = '/message/' + encodeURIComponent(id);

	return caches.open(DATA).then((c) => Promise.all([
		rewrite(c, LIST, (text) => {
			const j = JSON.parse(text);
			const l = j && j.data && j.data.list;

			if (Array.isArray(l))
				j.data.list = l.filter((m) => m.shortCode !== id &&
				    String(m.id) !== id);
			return JSON.stringify(j);
		}).catch(() => c.delete(LIST)),
		/* escaped text holds no "<": the first </a></li> ends it */
		rewrite(c, PAGE, (text) => text.replace(new RegExp(
		    '<li data-id="\\d+"><a href="' +
		    href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') +
		    '">[\\s\\S]*?</a></li>\n?', 'g'), '')),
	]));
}

function recall(id) {
	return self.registration.getNotifications({ tag: id }).then((ns) => {
		for (const n of ns)
			n.close();
	}).then(() => forget(id));
}

self.addEventListener('push', (e) => {
	let d = {};

	try {
		d = e.data ? e.data.json() : {};
	} catch (err) {
		d = { body: e.data ? e.data.text() : '' };
	}
	const id = d.id === undefined || d.id === null ? '' : String(d.id);

	if (d.recall && id) {
		e.waitUntil(recall(id));
		return;
	}
	const opts = { body: String(d.body || ''), data: { url: d.url || PAGE },
	    icon: '/static/icon-192.png', lang: 'zh-CN' };

	if (id)
		opts.tag = id;
	e.waitUntil(self.registration.showNotification(
	    String(d.title || '飞鸽'), opts));
});

self.addEventListener('notificationclick', (e) => {
	const raw = (e.notification.data && e.notification.data.url) || PAGE;
	let url;

	e.notification.close();
	try {
		url = new URL(raw, self.location.origin);
	} catch (err) {
		url = new URL(PAGE, self.location.origin);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		url = new URL(PAGE, self.location.origin);
	e.waitUntil(self.clients.matchAll({ type: 'window',
	    includeUncontrolled: true }).then((cs) => {
		for (const c of cs)
			if (c.url === url.href && 'focus' in c)
				return c.focus();
		return self.clients.openWindow(url.href);
	}));
});

function keyBytes(b64u) {
	const s = b64u.replace(/-/g, '+').replace(/_/g, '/');
	const bin = atob(s + '='.repeat((4 - s.length % 4) % 4));

	return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function serverKey(old) {
	if (old && old.options && old.options.applicationServerKey)
		return Promise.resolve(old.options.applicationServerKey);
	return fetch('/api/webpush/vapid', { credentials: 'same-origin' })
	    .then((r) => r.json()).then((j) => keyBytes(j.publicKey));
}

self.addEventListener('pushsubscriptionchange', (e) => {
	e.waitUntil((e.newSubscription ? Promise.resolve(e.newSubscription) :
	    serverKey(e.oldSubscription).then((key) =>
		self.registration.pushManager.subscribe({ userVisibleOnly: true,
		    applicationServerKey: key })))
	    .then((sub) => fetch('/api/devices', { method: 'POST',
		credentials: 'same-origin',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ type: 'webpush',
		    subscription: sub.toJSON() }) })));
});
