/*
 * test_webpush.c: Web Push encryption against RFC 8291 Appendix A byte
 * for byte, and VAPID against RFC 8292 section 2.4 (verification of the
 * published token; signing checked by sign-then-verify, as ECDSA is
 * randomised).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "channel/webpush_crypto.h"
#include "harness.h"

/* RFC 8291 Appendix A, base64url */
#define A_PLAIN "When I grow up, I want to be a watermelon"
#define A_AS_PRIV "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw"
#define A_UA_PUB "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4" \
	"bjyPjs7Vd8pZGH6SRpkNtoIAiw4"
#define A_AUTH "BTBZMqHH6r4Tts7J_aSIgg"
#define A_SALT "DGv6ra1nlYgDCS1FRnbzlw"
#define A_BODY "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27" \
	"mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4" \
	"Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN"

/* RFC 8292 section 2.4 */
#define V_T "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9.eyJhdWQiOiJodHRwczovL3B1c2gu" \
	"ZXhhbXBsZS5uZXQiLCJleHAiOjE0NTM1MjM3NjgsInN1YiI6Im1haWx0bzpwdXNoQGV4" \
	"YW1wbGUuY29tIn0.i3CYb7t4xfxCDquptFOepC9GAu_HLGkMlMuCGSK2rpiUfnK9ojFw" \
	"DXb1JrErtmysazNjjvW2L9OkSSHzvoD1oA"
#define V_K "BA1Hxzyi1RUM1b5wjxsn7nGxAszw2u61m164i3MrAIxHF6YK5h4SDYic-dRuU_R" \
	"CPCfA5aq9ojSwk5Y2EmClBPs"

TEST(rfc8291_appendix_a)
{
	uint8_t ua[65], auth[16], as[32], salt[16];
	struct webpush_fixed fx = { as, salt };
	struct strbuf body = STRBUF_INIT, b64 = STRBUF_INIT, err = STRBUF_INIT;

	CHECK(webpush_b64_decode(A_UA_PUB, ua, 65) == 0);
	CHECK(webpush_b64_decode(A_AUTH, auth, 16) == 0);
	CHECK(webpush_b64_decode(A_AS_PRIV, as, 32) == 0);
	CHECK(webpush_b64_decode(A_SALT, salt, 16) == 0);
	CHECK(webpush_encrypt(ua, auth, A_PLAIN, strlen(A_PLAIN), &fx, &body,
	    &err) == 0);
	CHECK(body.len == 144);
	CHECK(webpush_b64_add(&b64, body.buf, body.len) == 0);
	CHECK_STR(b64.buf, A_BODY);
	strbuf_release(&body);
	strbuf_release(&b64);
	strbuf_release(&err);
}

TEST(encrypt_random_and_limits)
{
	uint8_t ua[65], auth[16], big[WEBPUSH_MAX_PLAIN + 1];
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, err = STRBUF_INIT;

	CHECK(webpush_b64_decode(A_UA_PUB, ua, 65) == 0);
	CHECK(webpush_b64_decode(A_AUTH, auth, 16) == 0);
	CHECK(webpush_encrypt(ua, auth, "x", 1, NULL, &a, &err) == 0);
	CHECK(webpush_encrypt(ua, auth, "x", 1, NULL, &b, &err) == 0);
	CHECK(a.len == 86 + 1 + 1 + 16 && b.len == a.len);
	CHECK(memcmp(a.buf, b.buf, 16) != 0);	/* fresh salt */
	memset(big, 'a', sizeof(big));
	CHECK(webpush_encrypt(ua, auth, big, sizeof(big) - 1, NULL, &a,
	    &err) == 0);
	CHECK(webpush_encrypt(ua, auth, big, sizeof(big), NULL, &a,
	    &err) != 0);
	ua[64] ^= 1;	/* off the curve */
	CHECK(webpush_encrypt(ua, auth, "x", 1, NULL, &a, &err) != 0);
	CHECK_CONTAINS(err.buf, "P-256");
	CHECK(webpush_b64_decode("not base64!", ua, 65) != 0);
	CHECK(webpush_b64_decode(A_AUTH "==", auth, 16) == 0);	/* padded */
	CHECK(webpush_b64_decode(A_AUTH, ua, 17) != 0);	/* wrong length */
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&err);
}

TEST(rfc8292_verify)
{
	uint8_t k[65];
	char bad[sizeof(V_T)];

	CHECK(webpush_b64_decode(V_K, k, 65) == 0);
	CHECK(vapid_verify(V_T, k) == 0);
	memcpy(bad, V_T, sizeof(V_T));
	bad[40] = bad[40] == 'A' ? 'B' : 'A';	/* claims changed */
	CHECK(vapid_verify(bad, k) != 0);
	CHECK(vapid_verify("no-dots", k) != 0);
}

static const char *
field(const char *hv, const char *key, char *out, size_t size)
{
	const char *p = strstr(hv, key);
	size_t n;

	if (p == NULL)
		return NULL;
	p += strlen(key);
	n = strcspn(p, ", ");
	if (n >= size)
		return NULL;
	memcpy(out, p, n);
	out[n] = '\0';
	return out;
}

TEST(vapid_sign_then_verify)
{
	struct vapid_key key, other;
	struct strbuf hv = STRBUF_INIT, err = STRBUF_INIT, o = STRBUF_INIT;
	char t[1024], kk[128];
	uint8_t pub[65];
	long long exp = (long long)time(NULL) + 12 * 3600;

	CHECK(vapid_generate(&key, &err) == 0);
	CHECK(vapid_check(&key, &err) == 0);
	CHECK(vapid_header(&key, "https://push.example.net:8443/p/x?y", exp,
	    "mailto:ops@example.com", &hv, &err) == 0);
	CHECK(strncmp(hv.buf, "vapid t=", 8) == 0);
	CHECK(field(hv.buf, "t=", t, sizeof(t)) != NULL);
	CHECK(field(hv.buf, "k=", kk, sizeof(kk)) != NULL);
	CHECK(webpush_b64_decode(kk, pub, 65) == 0);
	CHECK(memcmp(pub, key.pub, 65) == 0);
	CHECK(vapid_verify(t, key.pub) == 0);
	CHECK(vapid_generate(&other, &err) == 0);
	CHECK(vapid_verify(t, other.pub) != 0);
	/* what push services refuse is refused here */
	strbuf_reset(&hv);
	CHECK(vapid_header(&key, "https://a.example/", exp,
	    "mailto: <a@b.example>", &hv, &err) != 0);
	CHECK(vapid_header(&key, "https://a.example/", exp + 13 * 3600,
	    "mailto:a@b.example", &hv, &err) != 0);
	CHECK(vapid_header(&key, "ftp://a.example/", exp,
	    "mailto:a@b.example", &hv, &err) != 0);
	memcpy(other.pub, key.pub, 65);
	CHECK(vapid_check(&other, &err) != 0);
	CHECK(vapid_origin("https://h.example:1/a/b", &o) == 0);
	CHECK_STR(o.buf, "https://h.example:1");
	strbuf_release(&hv);
	strbuf_release(&err);
	strbuf_release(&o);
}

int
main(void)
{
	RUN(rfc8291_appendix_a);
	RUN(encrypt_random_and_limits);
	RUN(rfc8292_verify);
	RUN(vapid_sign_then_verify);
	DONE();
}
