/*
 * feige inbox: the live list.  Loaded by the inbox page as a module
 * (<script type="module">; its CSP is script-src 'self', no inline
 * script); device.js beside it does notifications and installing.
 *
 * The server writes the list (render/inbox.c shows the item shape);
 * this script keeps it current:
 *
 * - live: EventSource on /inbox/stream (?token= from <body data-token>
 *   while the page has one).  A "message" event ({"id","shortCode",
 *   "title","preview","template","createdAt"}) prepends an
 *   item; a "delete" event ({"shortCode"}, a recalled message) removes
 *   the items linking to /message/<shortCode> and the empty note shows
 *   again when none is left; an "update" event ({"id","device":{"id",
 *   "type","status","error"}}: one of the person's devices answered the
 *   item's push) sets the item's device line, e.g. "Bark 已送达 · Web
 *   Push 失败" (the latest state per device; updates are live only).  The badge reads 实时 while the stream is
 *   open and 离线 otherwise (EventSource reconnects by itself).
 * - sync: GET /inbox/messages (the newest LIMIT, with preview and from)
 *   at start and after each event.  Through the service worker, that is
 *   also what the offline list is made of: sw.js keeps the last answer,
 *   and a page opened offline rebuilds its list from it.  The answer is
 *   the truth: items it lacks (recalled meanwhile) go, items it has gain
 *   their sender line ("from": live events do not carry it, because
 *   their publishers hold the message row, not the sender's names).
 *
 * Nodes are built with textContent only: data is never parsed as HTML.
 */
import { t, apply, bindToggle, onChange } from './i18n.js';
import { el } from './dom.js';

const LIMIT = 50;
const list = document.getElementById('fg-list');
const live = document.getElementById('fg-live');
const empty = document.getElementById('fg-empty');
const token = document.body.getAttribute('data-token') || '';
let online = false;

function pad(n) {
	return (n < 10 ? '0' : '') + n;
}

/* yyyy-MM-dd HH:mm:ss in UTC+8, as the server prints it */
function fmt(ms) {
	const d = new Date(ms + 8 * 3600 * 1000);

	return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' +
	    pad(d.getUTCDate()) + ' ' + pad(d.getUTCHours()) + ':' +
	    pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds());
}

function setLive(on) {
	online = on;
	if (!live)
		return;
	live.textContent = t(on ? 'live.on' : 'live.off');
	live.className = 'fg-live' + (on ? ' on' : '');
}

function itemById(id) {
	for (const li of list.children)
		if (li.getAttribute('data-id') === String(id))
			return li;
	return null;
}

/* The sender line of li: added when missing, never changed. */
function setFrom(li, from) {
	const a = li.firstElementChild;

	if (!a || !from || a.querySelector('.fg-li-from'))
		return;
	const line = el('span', 'fg-li-from', from);
	const p = a.querySelector('.fg-li-p');

	a.insertBefore(line, p);
}

function build(m, isNew) {
	const title = String(m.title || '');
	const preview = String(m.preview || '');
	const li = el('li', isNew ? 'fg-new' : '');
	const a = el('a');
	const top = el('div', 'fg-li-top');

	li.setAttribute('data-id', String(m.id));
	a.href = '/message/' + encodeURIComponent(m.shortCode);
	top.appendChild(el('span', 'fg-li-t', title || preview ||
	    t('inbox.untitled')));
	if (typeof m.createdAt === 'number')
		top.appendChild(el('time', '', fmt(m.createdAt)));
	a.appendChild(top);
	if (m.from)
		a.appendChild(el('span', 'fg-li-from', String(m.from)));
	if (title && preview)
		a.appendChild(el('div', 'fg-li-p', preview));
	li.appendChild(a);
	return li;
}

function showEmpty() {
	if (empty)
		empty.hidden = list.children.length > 0;
}

/* li into the list, which is ordered by id, newest first */
function place(li, id) {
	let at = list.firstElementChild;

	while (at && Number(at.getAttribute('data-id')) > id)
		at = at.nextElementSibling;
	list.insertBefore(li, at);
}

let liveSeq = 0;

/* item id -> (device id -> {type, status}): what its pushes answered */
const pushed = new Map();
const DEVICE_NAMES = { webpush: 'Web Push', unifiedpush: 'UnifiedPush',
    bark: 'Bark', clawbot: 'ClawBot' };

function deviceName(type) {
	return DEVICE_NAMES[type] || t('dev.' + type);
}

/* The device line of li from pushed, added when missing. */
function showPushes(li) {
	const a = li.firstElementChild;
	const devs = pushed.get(li.getAttribute('data-id'));

	if (!a || !devs)
		return;
	const text = Array.from(devs.values()).map((d) => deviceName(d.type) +
	    ' ' + t('dev.' + d.status)).join(' · ');
	let line = a.querySelector('.fg-li-dev');

	if (!line) {
		line = el('span', 'fg-li-dev', text);
		a.appendChild(line);
	} else
		line.textContent = text;
}

function update(u) {
	if (!u || typeof u.id !== 'number' || !u.device ||
	    typeof u.device.status !== 'string')
		return;
	const key = String(u.id);

	if (!pushed.has(key))
		pushed.set(key, new Map());
	pushed.get(key).set(String(u.device.id),
	    { type: String(u.device.type), status: u.device.status });
	const li = itemById(u.id);

	if (li)
		showPushes(li);
}

function add(m) {
	if (!m || typeof m.shortCode !== 'string')
		return;
	const old = itemById(m.id);

	if (old) {
		setFrom(old, m.from);
		return;
	}
	const li = build(m, true);

	li.setAttribute('data-seq', String(++liveSeq));
	place(li, Number(m.id));
	showEmpty();
}

function drop(d) {
	if (!d || typeof d.shortCode !== 'string')
		return;
	const href = '/message/' + encodeURIComponent(d.shortCode);

	for (const a of Array.from(list.getElementsByTagName('a')))
		if (a.getAttribute('href') === href)
			list.removeChild(a.parentNode);
	showEmpty();
}

/*
 * The list as /inbox/messages has it: items it lacks go (but for those
 * that arrived live after the request left: seq > since), missing ones
 * are put in their place, present ones gain their sender line.
 */
function merge(items, since) {
	const keep = new Set(items.map((m) => String(m.id)));

	for (const li of Array.from(list.children))
		if (!keep.has(li.getAttribute('data-id')) &&
		    !(Number(li.getAttribute('data-seq')) > since))
			list.removeChild(li);
	for (const m of items) {
		const li = itemById(m.id);

		if (li)
			setFrom(li, m.from);
		else {
			const nli = build(m, false);

			place(nli, Number(m.id));
			showPushes(nli);
		}
	}
	showEmpty();
}

let syncing = null, again = false;

function sync() {
	if (syncing) {
		again = true;
		return syncing;
	}
	const headers = token ? { Authorization: 'Bearer ' + token } : {};
	const since = liveSeq;

	syncing = fetch('/inbox/messages?limit=' + LIMIT,
	    { credentials: 'same-origin', headers })
	    .then((r) => r.ok ? r.json() : null)
	    .then((j) => {
		if (j && j.code === 200 && j.data && Array.isArray(j.data.list))
			merge(j.data.list, since);
	    })
	    .catch(() => {})
	    .then(() => {
		syncing = null;
		if (again) {
			again = false;
			sync();
		}
	    });
	return syncing;
}

function parse(ev) {
	try {
		return JSON.parse(ev.data);
	} catch (e) {
		return null;
	}
}

function listen() {
	if (!window.EventSource)
		return;
	const es = new EventSource('/inbox/stream' +
	    (token ? '?token=' + encodeURIComponent(token) : ''));

	es.onopen = () => setLive(true);
	es.onerror = () => setLive(false);
	es.addEventListener('message', (ev) => {
		const m = parse(ev);

		setLive(true);
		add(m);
		sync();		/* its sender line, and the offline copy */
	});
	es.addEventListener('delete', (ev) => {
		drop(parse(ev));
		sync();		/* the offline copy forgets it too */
	});
	es.addEventListener('update', (ev) => update(parse(ev)));
}

apply();
bindToggle(document.getElementById('fg-lang'));
onChange(() => {
	setLive(online);
	for (const li of list ? Array.from(list.children) : [])
		showPushes(li);
});
setLive(false);
if (list) {
	sync();
	listen();
}
