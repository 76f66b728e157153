/*
 * store_device.h: a person's devices (migration 12), the rows of issue
 * 10 §3: where a phone or browser wants its notifications pushed.
 *
 * One row shape for every type, so that one table, one list and one
 * upsert serve them all; the meaning of the text columns is the type's:
 *
 *   type          endpoint                 dkey          p256dh, auth
 *   webpush       the push service URL     ""            the keys
 *   unifiedpush   the distributor URL      ""            ""
 *   bark          the Bark server URL      device key    ""
 *   email         the address              ""            ""
 *   wechat        the openid (official     ""            ""
 *                 account of feige.conf)
 *   clawbot       the iLink user id        the bot id    ""
 *
 * (user_id, type, endpoint, dkey) is the device's identity: adding it
 * again (a browser re-subscribing at every start) updates its keys and
 * last_seen_ms instead of making a second row.
 */
#ifndef FG_STORE_DEVICE_H
#define FG_STORE_DEVICE_H

#include <stdint.h>

#define STORE_DEVICE_URL_MAX 1024
#define STORE_DEVICE_KEY_MAX 128

struct store_device {
	int64_t id;
	int64_t user_id;
	char type[16];
	char endpoint[STORE_DEVICE_URL_MAX + 1];
	char dkey[STORE_DEVICE_KEY_MAX + 1];
	char p256dh[96]; /* base64url of 65 bytes: 87 chars */
	char auth[32];	 /* base64url of 16 bytes: 22 chars */
	int64_t created_ms;
	int64_t last_seen_ms;
	/*
	 * e-mail: the secret of the confirmation link mailed to the
	 * address; "" once it was opened (and for every other type).
	 * Nothing is pushed to a device until it is "".
	 */
	char verify[40];
};

typedef int (*store_device_cb)(void *, const struct store_device *);

#endif
