/*
 * fuzz_device.c: libFuzzer target for what a client hands feige when it
 * registers a device (POST /api/devices): the JSON body, read the way
 * the device API reads it (api/pages/devices.c), then the checks of
 * ops_device_check() with the real Web Push key check, and, for a Web
 * Push or UnifiedPush subscription that passes them, the RFC 8291
 * encryption of a message to the client's keys (webpush_encrypt): the
 * keys are attacker-chosen bytes that feige will later do elliptic-curve
 * arithmetic with, so they get fuzzed on that path too.
 *
 * Besides the sanitizers it checks the promises made to the sender: an
 * accepted push endpoint is https (channel.allow_private is off here),
 * every stored field is NUL-terminated within its buffer, and an
 * encryption of n bytes makes exactly header + n + padding delimiter +
 * tag bytes.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "channel/webpush_crypto.h"
#include "ops/device.h"
#include "util/jsonin.h"
#include "util/strbuf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TERMINATED(f) (memchr((f), '\0', sizeof(f)) != NULL)

static const char *
str(json_t *o, const char *name)
{
	return json_string_value(json_object_get(o, name));
}

/* Encrypt a short message to the accepted subscription's keys. */
static void
encrypt_to(const struct ops_device_in *in)
{
	static const char msg[] = "{\"title\":\"t\",\"url\":\"https://x/m\"}";
	uint8_t pub[WEBPUSH_PUBLIC_LEN], auth[WEBPUSH_AUTH_LEN];
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;

	if (webpush_b64_decode(in->p256dh, pub, sizeof(pub)) != 0 ||
	    webpush_b64_decode(in->auth, auth, sizeof(auth)) != 0)
		abort(); /* webpush_keys_ok() said yes */
	if (webpush_encrypt(pub, auth, msg, sizeof(msg) - 1, NULL, &out,
		&err) == 0 &&
	    out.len != WEBPUSH_HEADER_LEN + sizeof(msg) - 1 + 1 +
		    WEBPUSH_TAG_LEN)
		abort();
	strbuf_release(&out);
	strbuf_release(&err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ops_device_in in;
	struct store_device d;
	struct strbuf err = STRBUF_INIT;
	json_t *j, *sub;

	if ((j = jsonin_parse((const char *)data, size)) == NULL)
		return 0;
	if ((sub = json_object_get(j, "subscription")) == NULL)
		sub = j;
	memset(&in, 0, sizeof(in));
	in.type = str(j, "type");
	in.endpoint = str(sub, "endpoint");
	in.p256dh = str(json_object_get(sub, "keys"), "p256dh");
	in.auth = str(json_object_get(sub, "keys"), "auth");
	in.server = str(j, "server");
	in.key = str(j, "key");
	in.address = str(j, "address");
	in.mail_ok = 1;
	in.keys_ok = webpush_keys_ok;
	memset(&d, 0, sizeof(d));
	if (ops_device_check(&in, &d, &err) == 0) {
		if (!TERMINATED(d.type) || !TERMINATED(d.endpoint) ||
		    !TERMINATED(d.dkey) || !TERMINATED(d.p256dh) ||
		    !TERMINATED(d.auth))
			abort();
		if (strcmp(d.type, "webpush") == 0 ||
		    strcmp(d.type, "unifiedpush") == 0) {
			if (strncmp(d.endpoint, "https://", 8) != 0)
				abort();
			encrypt_to(&in);
		}
	}
	strbuf_release(&err);
	json_decref(j);
	return 0;
}
