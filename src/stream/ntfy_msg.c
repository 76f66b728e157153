/*
 * ntfy_msg.c: the pure parts of ntfy's wire format (ntfy.h): message
 * ids, the since= parser and the message JSON of one hub event.  The
 * receivers (ntfy.c) wrap the JSON in NDJSON, SSE or raw lines; the
 * subscribe handler (api/ntfy/) parses since= and resolves it against
 * the inbox.
 *
 * The JSON follows ntfy's struct message field order (id, time, event,
 * topic, title, message, priority, click) with sequence_id last, empty
 * fields left out as Go's omitempty does.  "message" is the content's
 * plain-text preview (render_preview(): tags dropped, whitespace folded,
 * at most NTFY_MESSAGE_CHARS code points, always valid UTF-8): a phone
 * notification shows text, and the tap opens the whole message page
 * ("click").  A message with neither text nor title says "triggered",
 * as ntfy does for an empty body.
 */
#include <ctype.h>
#include <string.h>

#include "core/message.h"
#include "render/render.h"
#include "stream/ntfy.h"
#include "util/errors.h"
#include "util/strbuf.h"

static const char b62[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

void
ntfy_id(char out[NTFY_ID_LEN + 1], char kind, int64_t v)
{
	uint64_t u = v < 0 ? 0 : (uint64_t)v;
	int i;

	out[0] = kind;
	for (i = NTFY_ID_LEN - 1; i >= 1; i--) {
		out[i] = b62[u % 62];
		u /= 62;
	}
	out[NTFY_ID_LEN] = '\0';
}

static int
b62_value(int c)
{
	const char *p = c ? strchr(b62, c) : NULL;

	return p ? (int)(p - b62) : -1;
}

int
ntfy_id_parse(const char *s, char *kind, int64_t *v)
{
	uint64_t u = 0;
	int i, d;

	if (strlen(s) != NTFY_ID_LEN || strchr("mdok", s[0]) == NULL ||
	    s[0] == '\0')
		return -1;
	for (i = 1; i < NTFY_ID_LEN; i++) {
		if ((d = b62_value((unsigned char)s[i])) < 0)
			return -1;
		if (u > (UINT64_C(0x7fffffffffffffff) - (uint64_t)d) / 62)
			return -1;
		u = u * 62 + (uint64_t)d;
	}
	*kind = s[0];
	*v = (int64_t)u;
	return 0;
}

/* Go's time.ParseDuration (plus "d"), in ms; -1 if not one. */
static int64_t
duration_ms(const char *s)
{
	static const struct {
		const char *u;
		double ms;
	} units[] = {
		{ "ms", 1 },
		{ "s", 1000 },
		{ "m", 60000 },
		{ "h", 3600000 },
		{ "d", 86400000 },
	};
	double total = 0, n, frac;
	size_t i, k;
	int digits;

	if (*s == '\0')
		return -1;
	while (*s) {
		n = 0, digits = 0;
		for (; isdigit((unsigned char)*s); s++, digits++)
			n = n * 10 + (*s - '0');
		if (*s == '.')
			for (s++, frac = 0.1; isdigit((unsigned char)*s);
			     s++, digits++, frac /= 10)
				n += (*s - '0') * frac;
		if (digits == 0)
			return -1;
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
			k = strlen(units[i].u);
			if (strncmp(s, units[i].u, k) == 0)
				break; /* "ms" is tried before "m" */
		}
		if (i == sizeof(units) / sizeof(units[0]))
			return -1;
		total += n * units[i].ms;
		if (total > 1e15) /* ~31 000 years: nonsense */
			return -1;
		s += strlen(units[i].u);
	}
	return (int64_t)total;
}

static int
all_alnum(const char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s))
			return 0;
	return 1;
}

int
ntfy_since_parse(const char *s, int poll, int64_t now_ms,
    struct ntfy_since *out)
{
	int64_t v;
	char kind;
	const char *p;

	out->v = 0;
	if (s == NULL || *s == '\0')
		out->kind = poll ? NTFY_SINCE_ALL : NTFY_SINCE_NONE;
	else if (strcmp(s, "all") == 0)
		out->kind = NTFY_SINCE_ALL;
	else if (strcmp(s, "none") == 0)
		out->kind = NTFY_SINCE_NONE;
	else if (strcmp(s, "latest") == 0)
		out->kind = NTFY_SINCE_LATEST;
	else if (strlen(s) == NTFY_ID_LEN && all_alnum(s)) {
		/* an id: ours is a position, any other means all */
		if (ntfy_id_parse(s, &kind, &v) != 0)
			out->kind = NTFY_SINCE_ALL;
		else if (kind == 'm')
			out->kind = NTFY_SINCE_ID, out->v = v;
		else
			out->kind = NTFY_SINCE_TIME, out->v = v / 1000 * 1000;
	} else {
		for (p = s; isdigit((unsigned char)*p); p++)
			;
		if (*p == '\0' && p - s <= 15) {
			out->kind = NTFY_SINCE_TIME;
			for (v = 0, p = s; *p; p++)
				v = v * 10 + (*p - '0');
			out->v = v * 1000;
		} else if ((v = duration_ms(s)) >= 0) {
			out->kind = NTFY_SINCE_TIME;
			out->v = (now_ms - v) / 1000 * 1000;
		} else
			return -1;
	}
	return 0;
}

/* {"id":"…","time":…,"event":"…","topic":"…" */
static int
head(struct strbuf *out, char kind, int64_t idv, int64_t time_s,
    const char *event, const struct ntfy_sub *sub)
{
	char id[NTFY_ID_LEN + 1];
	int rc;

	ntfy_id(id, kind, idv);
	rc = strbuf_addf(out,
	    "{\"id\":\"%s\",\"time\":%lld,\"event\":\"%s\","
	    "\"topic\":",
	    id, (long long)time_s, event);
	return rc ? rc :
		    strbuf_add_json_str(out, sub->topic, strlen(sub->topic));
}

static int
sequence(struct strbuf *out, const struct message *m)
{
	int rc;

	rc = strbuf_addstr(out, ",\"sequence_id\":");
	rc = rc ?
	    rc :
	    strbuf_add_json_str(out, m->short_code, strlen(m->short_code));
	return rc ? rc : strbuf_addch(out, '}');
}

int
ntfy_message_text(struct strbuf *out, const struct message *m)
{
	size_t len = out->len;
	int rc;

	rc = render_preview(out, m->tpl, m->content, m->content_len,
	    NTFY_MESSAGE_CHARS);
	if (rc == 0 && out->len == len)
		rc = strbuf_addstr(out, *m->title ? m->title : "triggered");
	return rc;
}

static int
message_json(struct strbuf *out, const struct hub_event *ev,
    const struct ntfy_sub *sub)
{
	const struct message *m = ev->msg;
	struct strbuf tmp = STRBUF_INIT;
	int rc;

	rc = head(out, 'm', ev->id, m->created_ms / 1000, "message", sub);
	if (rc == 0 && *m->title) {
		rc = strbuf_addstr(out, ",\"title\":");
		rc = rc ? rc :
			  strbuf_add_json_str(out, m->title, strlen(m->title));
	}
	rc = rc ? rc : ntfy_message_text(&tmp, m);
	rc = rc ? rc : strbuf_addstr(out, ",\"message\":");
	rc = rc ? rc : strbuf_add_json_str(out, tmp.buf, tmp.len);
	rc = rc ? rc : strbuf_addstr(out, ",\"priority\":3,\"click\":");
	strbuf_reset(&tmp);
	rc = rc ? rc : strbuf_addf(&tmp, "%s/message/", sub->base_url);
	rc = rc ? rc :
		  strbuf_add_url(&tmp, m->short_code, strlen(m->short_code));
	rc = rc ? rc : strbuf_add_json_str(out, tmp.buf, tmp.len);
	strbuf_release(&tmp);
	return rc ? rc : sequence(out, m);
}

int
ntfy_event_json(struct strbuf *out, const struct hub_event *ev,
    const struct ntfy_sub *sub, int64_t now_ms)
{
	int rc;

	switch (ev->kind) {
	case HUB_EVENT_HELLO:
		rc = head(out, 'o', now_ms, now_ms / 1000, "open", sub);
		return rc ? rc : strbuf_addch(out, '}');
	case HUB_EVENT_PING:
		rc = head(out, 'k', now_ms, now_ms / 1000, "keepalive", sub);
		return rc ? rc : strbuf_addch(out, '}');
	case HUB_EVENT_MESSAGE:
		return message_json(out, ev, sub);
	case HUB_EVENT_DELETE:
		rc = head(out, 'd', now_ms, now_ms / 1000, "message_delete",
		    sub);
		return rc ? rc : sequence(out, ev->msg);
	case HUB_EVENT_UPDATE:	/* not for ntfy (hub_receiver.updates) */
		break;
	}
	return FG_EINVAL;
}
