/*
 * mail_mime.c: the message the mail channel sends, as RFC 5322 + MIME
 * bytes (channel_int.h).  Pure function of its inputs; any thread.
 *
 *   From: <from>            To: <to>
 *   Subject: =?UTF-8?B?…?=  (RFC 2047 when not plain ASCII; words of at
 *                            most 45 bytes of UTF-8 (39 in the first, after
 *                            "Subject: "), never splitting a character,
 *                            folded onto continuation lines, so no line
 *                            passes 78 columns)
 *   Date, Message-ID (<shortCode.deliveryId@feige>), MIME-Version
 *   Content-Type: text/html or text/plain; charset=UTF-8
 *   Content-Transfer-Encoding: base64 (76-column lines)
 *
 * The body: txt as plain text; every other template rendered to HTML the
 * way the message page shows it (render_content), in a small document.
 * The subject is the title, or the start of the content.  Control
 * characters in header values become spaces, so a title cannot add
 * headers.  Lines end in CRLF throughout.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "channel/channel_int.h"
#include "util/errors.h"
#include "render/render.h"
#include "store/store.h"

#define MAIL_WORD_BYTES	45	/* 60 base64 chars per encoded word */

static int
is_plain(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/* Base64 of at most 57 bytes (one body line or one encoded word). */
static int
add_b64(struct strbuf *out, const void *p, size_t n)
{
	char b[128];	/* >= sodium_base64_ENCODED_LEN(57, ORIGINAL) */

	if (sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL) >
	    sizeof(b))
		return FG_EINVAL;
	sodium_bin2base64(b, sizeof(b), p, n,
	    sodium_base64_VARIANT_ORIGINAL);
	return strbuf_addstr(out, b);
}

int
mail_encode_header(struct strbuf *out, const char *s)
{
	struct strbuf clean = STRBUF_INIT;
	size_t i, n;
	int rc = 0;

	for (i = 0; s[i]; i++)	/* no CR, LF or other controls in headers */
		(void)strbuf_addch(&clean, (unsigned char)s[i] < 0x20 ||
		    s[i] == 0x7f ? ' ' : s[i]);
	if (is_plain(clean.buf) && clean.len <= 900) {
		rc = strbuf_addstr(out, clean.buf);
		strbuf_release(&clean);
		return rc;
	}
	for (i = 0; i < clean.len && rc == 0; i += n) {
		/* "Subject: " takes 9 columns of the first line */
		n = i ? MAIL_WORD_BYTES : MAIL_WORD_BYTES - 6;
		if (clean.len - i < n)
			n = clean.len - i;
		while (n > 0 && i + n < clean.len &&
		    ((unsigned char)clean.buf[i + n] & 0xc0) == 0x80)
			n--;	/* end the word on a character boundary */
		if (n == 0)
			n = 1;
		if (i)
			rc = strbuf_addstr(out, "\r\n ");
		rc = rc ? rc : strbuf_addstr(out, "=?UTF-8?B?");
		rc = rc ? rc : add_b64(out, clean.buf + i, n);
		rc = rc ? rc : strbuf_addstr(out, "?=");
	}
	strbuf_release(&clean);
	return rc;
}

static int
add_body_b64(struct strbuf *out, const char *p, size_t n)
{
	size_t i, k;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i += k) {
		k = n - i < 57 ? n - i : 57;	/* 57 bytes = 76 chars */
		rc = add_b64(out, p + i, k);
		rc = rc ? rc : strbuf_addstr(out, "\r\n");
	}
	return rc;
}

int
mail_build(struct strbuf *out, const char *from, const char *to,
    const struct message *m, int64_t delivery_id, int64_t now_ms)
{
	struct strbuf subject = STRBUF_INIT, body = STRBUF_INIT;
	struct strbuf err = STRBUF_INIT;
	time_t t = (time_t)(now_ms / 1000);
	struct tm tm;
	char date[64];
	int html = m->tpl != TPL_TXT, rc;

	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	rc = chan_title(&subject, m, 60);
	if (rc == 0 && html) {
		rc = strbuf_addstr(&body, "<!DOCTYPE html>\r\n<html><head>"
		    "<meta charset=\"utf-8\"></head><body>\r\n");
		rc = rc ? rc : render_content(&body, m->tpl, m->content,
		    m->content_len, &err);
		rc = rc ? rc : strbuf_addstr(&body, "\r\n</body></html>\r\n");
	} else if (rc == 0) {
		rc = strbuf_add(&body, m->content, m->content_len);
	}
	rc = rc ? rc : strbuf_addf(out, "From: <%s>\r\nTo: <%s>\r\n"
	    "Subject: ", from, to);
	rc = rc ? rc : mail_encode_header(out, subject.buf);
	rc = rc ? rc : strbuf_addf(out, "\r\nDate: %s\r\nMessage-ID: "
	    "<%s.%lld@feige>\r\nMIME-Version: 1.0\r\nContent-Type: text/%s; "
	    "charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n",
	    date, m->short_code, (long long)delivery_id,
	    html ? "html" : "plain");
	rc = rc ? rc : add_body_b64(out, body.buf, body.len);
	strbuf_release(&subject);
	strbuf_release(&body);
	strbuf_release(&err);
	return rc;
}
