/*
 * test_webpush_build.c: the Web Push request (channel/webpush.c), read
 * back as the browser would: the body is decrypted here with RFC 8291
 * Appendix A's user agent private key (ECDH, the same HKDF steps,
 * AES-128-GCM open, written independently of webpush_ece.c), the
 * payload JSON checked, and the VAPID JWT verified with the server's
 * public key.
 */
#include <jansson.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "channel/webpush.h"
#include "channel/webpush_int.h"
#include "harness.h"

/* RFC 8291 Appendix A: the user agent's keys and auth secret */
#define UA_PRIV "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"
#define UA_PUB "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4" \
	"bjyPjs7Vd8pZGH6SRpkNtoIAiw4"
#define UA_AUTH "BTBZMqHH6r4Tts7J_aSIgg"

static struct vapid_key vk;

/* Decrypt an aes128gcm body for the Appendix A user agent; plain out. */
static int
open_body(const struct strbuf *b, struct strbuf *plain)
{
	uint8_t priv[32], pub[65], auth[16], ecdh[32], prk_key[32], ikm[32];
	uint8_t prk[32], cek[32], nonce[32], info[14 + 65 + 65];
	const uint8_t *p = (const uint8_t *)b->buf, *ct;
	EVP_PKEY *me, *peer;
	EVP_PKEY_CTX *dc;
	EVP_CIPHER_CTX *c;
	size_t elen = sizeof(ecdh), clen;
	int n = 0, fin = 0, ok;
	unsigned char *out;

	if (b->len < 86 + 17 || p[20] != 65)
		return -1;
	CHECK(webpush_b64_decode(UA_PRIV, priv, 32) == 0);
	CHECK(webpush_b64_decode(UA_AUTH, auth, 16) == 0);
	me = webpush_p256_keypair(priv, pub);
	peer = webpush_p256_public(p + 21);
	dc = EVP_PKEY_CTX_new(me, NULL);
	ok = me && peer && dc && EVP_PKEY_derive_init(dc) == 1 &&
	    EVP_PKEY_derive_set_peer(dc, peer) == 1 &&
	    EVP_PKEY_derive(dc, ecdh, &elen) == 1 && elen == 32;
	EVP_PKEY_CTX_free(dc);
	EVP_PKEY_free(me);
	EVP_PKEY_free(peer);
	if (!ok)
		return -1;
	webpush_hmac(auth, 16, ecdh, 32, NULL, 0, prk_key);
	memcpy(info, "WebPush: info\0", 14);
	memcpy(info + 14, pub, 65);
	memcpy(info + 79, p + 21, 65);
	webpush_hmac(prk_key, 32, info, sizeof(info), "\x01", 1, ikm);
	webpush_hmac(p, 16, ikm, 32, NULL, 0, prk);	/* salt */
	webpush_hmac(prk, 32, "Content-Encoding: aes128gcm\0", 28, "\x01", 1,
	    cek);
	webpush_hmac(prk, 32, "Content-Encoding: nonce\0", 24, "\x01", 1,
	    nonce);
	ct = p + 86;
	clen = b->len - 86 - 16;
	out = malloc(clen + 16);
	c = EVP_CIPHER_CTX_new();
	ok = c && EVP_DecryptInit_ex(c, EVP_aes_128_gcm(), NULL, cek, nonce) &&
	    EVP_DecryptUpdate(c, out, &n, ct, (int)clen) &&
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16,
	    (void *)(ct + clen)) && EVP_DecryptFinal_ex(c, out + n, &fin) == 1;
	EVP_CIPHER_CTX_free(c);
	/* the last record: plaintext, 0x02, no padding from feige */
	if (ok && n + fin > 0 && out[n + fin - 1] == 2)
		strbuf_add(plain, out, (size_t)(n + fin - 1));
	else
		ok = 0;
	free(out);
	return ok ? 0 : -1;
}

static const char *
header(const struct webpush_request *r, const char *name)
{
	size_t n = strlen(name);
	int i;

	for (i = 0; r->headers[i]; i++)
		if (strncmp(r->headers[i], name, n) == 0 &&
		    r->headers[i][n] == ':')
			return r->headers[i] + n + 2;
	return NULL;
}

TEST(round_trip)
{
	struct webpush_msg m = { "标题", "hello \"world\"\n", "https://f.example"
	    "/message/abc", "abc", 60, "high", "abc_-1", "mailto:ops@example."
	    "com", 0 };
	struct webpush_request r;
	struct strbuf err = STRBUF_INIT, plain = STRBUF_INIT, k = STRBUF_INIT;
	const char *a, *comma;
	char jwt[1024];
	json_t *j;

	CHECK(webpush_build(&vk, "https://push.example.net/p/1", UA_PUB,
	    UA_AUTH, &m, &r, &err) == 0);
	CHECK_STR(r.headers[0], "TTL: 60");
	CHECK_STR(header(&r, "Urgency"), "high");
	CHECK_STR(header(&r, "Topic"), "abc_-1");
	CHECK_STR(header(&r, "Content-Encoding"), "aes128gcm");
	CHECK_STR(header(&r, "Content-Type"), "application/octet-stream");
	CHECK(r.headers[6] == NULL);
	a = header(&r, "Authorization");
	CHECK(a != NULL && strncmp(a, "vapid t=", 8) == 0);
	comma = strstr(a, ", k=");
	CHECK(comma != NULL && (size_t)(comma - a - 8) < sizeof(jwt));
	memcpy(jwt, a + 8, (size_t)(comma - a - 8));
	jwt[comma - a - 8] = '\0';
	CHECK(vapid_verify(jwt, vk.pub) == 0);
	webpush_b64_add(&k, vk.pub, sizeof(vk.pub));
	CHECK_STR(comma + 4, k.buf);
	CHECK(open_body(&r.body, &plain) == 0);
	j = json_loadb(plain.buf, plain.len, 0, NULL);
	CHECK(j != NULL);
	CHECK_STR(json_string_value(json_object_get(j, "title")), "标题");
	CHECK_STR(json_string_value(json_object_get(j, "body")),
	    "hello \"world\"\n");
	CHECK_STR(json_string_value(json_object_get(j, "url")),
	    "https://f.example/message/abc");
	CHECK_STR(json_string_value(json_object_get(j, "id")), "abc");
	json_decref(j);
	webpush_request_free(&r);
	strbuf_release(&err);
	strbuf_release(&plain);
	strbuf_release(&k);
}

TEST(long_body_cut_on_utf8)
{
	struct webpush_msg m = { "t", NULL, NULL, NULL, 0, NULL, NULL,
	    "https://feige.example", 0 };
	struct webpush_request r;
	struct strbuf err = STRBUF_INIT, plain = STRBUF_INIT,
	    text = STRBUF_INIT;
	const char *got;
	json_t *j;
	int i;

	for (i = 0; i < 2000; i++)
		strbuf_addstr(&text, i % 7 ? "你" : "\"");	/* 3 or 2 bytes */
	m.body = text.buf;
	CHECK(webpush_build(&vk, "https://push.example.net/p/1", UA_PUB,
	    UA_AUTH, &m, &r, &err) == 0);
	CHECK_STR(r.headers[0], "TTL: 0");
	CHECK(header(&r, "Urgency") == NULL && header(&r, "Topic") == NULL);
	CHECK(r.body.len <= WEBPUSH_RS);
	CHECK(open_body(&r.body, &plain) == 0);
	CHECK(plain.len <= WEBPUSH_MAX_PLAIN && plain.len > 3800);
	j = json_loadb(plain.buf, plain.len, 0, NULL);	/* valid UTF-8 */
	CHECK(j != NULL);
	got = json_string_value(json_object_get(j, "body"));
	CHECK(got != NULL && strlen(got) > 3 && strlen(got) < text.len);
	CHECK(strcmp(got + strlen(got) - 3, "\xe2\x80\xa6") == 0);
	CHECK(strncmp(got, text.buf, strlen(got) - 3) == 0);
	json_decref(j);
	webpush_request_free(&r);
	strbuf_release(&err);
	strbuf_release(&plain);
	strbuf_release(&text);
}

TEST(refused)
{
	struct webpush_msg m = { "t", "b", NULL, NULL, 60, NULL, NULL,
	    "mailto:a@example.com", 0 };
	struct webpush_request r;
	struct strbuf err = STRBUF_INIT;
	const char *ep = "https://push.example.net/p/1";

	m.topic = "123456789012345678901234567890123";	/* 33 */
	CHECK(webpush_build(&vk, ep, UA_PUB, UA_AUTH, &m, &r, &err) ==
	    FG_EINVAL);
	CHECK_CONTAINS(err.buf, "Topic");
	webpush_request_free(&r);
	m.topic = "a=b";
	CHECK(webpush_build(&vk, ep, UA_PUB, UA_AUTH, &m, &r, &err) ==
	    FG_EINVAL);
	webpush_request_free(&r);
	m.topic = NULL;
	m.urgency = "urgent";
	CHECK(webpush_build(&vk, ep, UA_PUB, UA_AUTH, &m, &r, &err) ==
	    FG_EINVAL);
	webpush_request_free(&r);
	m.urgency = NULL;
	CHECK(webpush_build(&vk, ep, UA_PUB, "short", &m, &r, &err) ==
	    FG_EINVAL);
	webpush_request_free(&r);
	m.contact = "ops@example.com";	/* no mailto: */
	CHECK(webpush_build(&vk, ep, UA_PUB, UA_AUTH, &m, &r, &err) != 0);
	webpush_request_free(&r);
	strbuf_release(&err);
}

int
main(void)
{
	struct strbuf err = STRBUF_INIT;

	if (vapid_generate(&vk, &err) != 0) {
		fprintf(stderr, "vapid: %s\n", err.buf);
		return 1;
	}
	strbuf_release(&err);
	RUN(round_trip);
	RUN(long_body_cut_on_utf8);
	RUN(refused);
	DONE();
}
