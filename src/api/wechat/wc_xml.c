/*
 * wc_xml.c: the XML WeChat pushes to the server URL (phones.md §1.6),
 * read with expat, and the passive text reply (§1.7).
 *
 * What is taken: the text of the children of the root <xml> element
 * whose names are known (ToUserName, FromUserName, CreateTime, MsgType,
 * Event, EventKey, MsgId/MsgID, Status, Content), CDATA or not.  What
 * is refused, so a hostile body costs little: more than WC_XML_MAX
 * bytes (checked before parsing), nesting deeper than WC_XML_DEPTH, a
 * DOCTYPE (no entity of any kind is ever expanded: WeChat sends none),
 * a root that is not <xml>, and a field longer than its buffer (Content
 * alone is cut at a character boundary: a long text is still a text).
 * Other elements are skipped whatever they hold.
 */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/wechat/wc_int.h"

struct wc_field {
	const char *name;
	size_t off, size;
	int cut; /* 1: cut to fit; 0: too long is an error */
};

#define F(n, m, c) \
	{ n, offsetof(struct ops_wechat_event, m), \
		sizeof(((struct ops_wechat_event *)0)->m), c }

static const struct wc_field wc_fields[] = {
	F("ToUserName", to, 0),
	F("FromUserName", from, 0),
	F("MsgType", msg_type, 0),
	F("Event", event, 0),
	F("EventKey", event_key, 0),
	F("MsgId", msg_id, 0),
	F("MsgID", msg_id, 0),
	F("Status", status, 0),
	F("Content", content, 1),
};

#define WC_TIME_MAX 20

struct wc_parse {
	XML_Parser p;
	struct ops_wechat_event *ev;
	int depth;
	int bad;
	const struct wc_field *cur; /* the field being read, or NULL */
	int in_time;		    /* reading CreateTime */
	char time[WC_TIME_MAX + 1];
	size_t len;		    /* bytes of the current field */
};

static void
wc_fail(struct wc_parse *w)
{
	w->bad = 1;
	XML_StopParser(w->p, XML_FALSE);
}

static void XMLCALL
wc_start(void *arg, const XML_Char *name, const XML_Char **attrs)
{
	struct wc_parse *w = arg;
	size_t i;

	(void)attrs;
	if (++w->depth > WC_XML_DEPTH ||
	    (w->depth == 1 && strcmp(name, "xml") != 0))
		return wc_fail(w);
	w->cur = NULL;
	w->in_time = 0;
	w->len = 0;
	if (w->depth != 2)
		return;
	if (strcmp(name, "CreateTime") == 0) {
		w->in_time = 1;
		return;
	}
	for (i = 0; i < sizeof(wc_fields) / sizeof(wc_fields[0]); i++)
		if (strcmp(name, wc_fields[i].name) == 0) {
			w->cur = &wc_fields[i];
			*((char *)w->ev + w->cur->off) = '\0';
		}
}

static void XMLCALL
wc_end(void *arg, const XML_Char *name)
{
	struct wc_parse *w = arg;

	(void)name;
	w->depth--;
	w->cur = NULL;
	w->in_time = 0;
}

static void XMLCALL
wc_text(void *arg, const XML_Char *s, int n)
{
	struct wc_parse *w = arg;
	char *dst;
	size_t room;

	if (w->in_time) {
		if (w->len + (size_t)n > WC_TIME_MAX)
			return wc_fail(w);
		memcpy(w->time + w->len, s, (size_t)n);
		w->time[w->len += (size_t)n] = '\0';
		return;
	}
	if (w->cur == NULL)
		return;
	dst = (char *)w->ev + w->cur->off;
	room = w->cur->size - 1 - w->len;
	if ((size_t)n > room) {
		if (!w->cur->cut)
			return wc_fail(w);
		/* back to the start of the character that does not fit */
		n = (int)room;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst + w->len, s, (size_t)n);
	dst[w->len += (size_t)n] = '\0';
	if (w->cur->cut && w->len == w->cur->size - 1)
		w->cur = NULL;	/* full: the rest is dropped */
}

static void XMLCALL
wc_doctype(void *arg, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)internal;
	wc_fail(arg);
}

int
wc_xml_parse(const char *buf, size_t len, struct ops_wechat_event *ev)
{
	struct wc_parse w;
	char *end;
	int ok;

	memset(ev, 0, sizeof(*ev));
	if (len == 0 || len > WC_XML_MAX)
		return -1;
	memset(&w, 0, sizeof(w));
	if ((w.p = XML_ParserCreate("UTF-8")) == NULL)
		return -1;
	w.ev = ev;
	XML_SetUserData(w.p, &w);
	XML_SetElementHandler(w.p, wc_start, wc_end);
	XML_SetCharacterDataHandler(w.p, wc_text);
	XML_SetStartDoctypeDeclHandler(w.p, wc_doctype);
	ok = XML_Parse(w.p, buf, (int)len, XML_TRUE) == XML_STATUS_OK &&
	    !w.bad;
	XML_ParserFree(w.p);
	if (ok && w.time[0]) {
		ev->create_time = strtoll(w.time, &end, 10);
		ok = *end == '\0';
	}
	if (!ok)
		memset(ev, 0, sizeof(*ev));
	return ok ? 0 : -1;
}

/* s as CDATA content: "]]>" split over two sections. */
static void
wc_cdata(struct strbuf *sb, const char *s)
{
	const char *p;

	strbuf_addstr(sb, "<![CDATA[");
	while ((p = strstr(s, "]]>")) != NULL) {
		strbuf_add(sb, s, (size_t)(p - s) + 2);
		strbuf_addstr(sb, "]]><![CDATA[");
		s = p + 2;
	}
	strbuf_addstr(sb, s);
	strbuf_addstr(sb, "]]>");
}

void
wc_xml_reply(struct strbuf *sb, const char *to, const char *from,
    int64_t now_s, const char *content)
{
	strbuf_addstr(sb, "<xml><ToUserName>");
	wc_cdata(sb, to);
	strbuf_addstr(sb, "</ToUserName><FromUserName>");
	wc_cdata(sb, from);
	strbuf_addf(sb,
	    "</FromUserName><CreateTime>%lld</CreateTime>"
	    "<MsgType><![CDATA[text]]></MsgType><Content>",
	    (long long)now_s);
	wc_cdata(sb, content);
	strbuf_addstr(sb, "</Content></xml>");
}
