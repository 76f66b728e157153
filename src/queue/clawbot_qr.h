/*
 * clawbot_qr.h: the ClawBot bind codes (clawbot_qr.c), asked of the
 * poller (clawbot.h) from any thread: a new code for a person, and where
 * a code stands.  A header of its own so that the bind codes' file needs
 * nothing of the poller's loop.
 */
#ifndef FG_QUEUE_CLAWBOT_QR_H
#define FG_QUEUE_CLAWBOT_QR_H

#include <stdint.h>

struct clawbot;

/* Where a bind QR code stands (clawbot_qr_state). */
enum clawbot_qr_state {
	CLAWBOT_QR_NONE = 0,  /* no such code for this person */
	CLAWBOT_QR_ASKING,    /* asking iLink for a code */
	CLAWBOT_QR_WAIT,      /* shown, not scanned yet */
	CLAWBOT_QR_SCANNED,   /* scanned, to confirm in WeChat */
	CLAWBOT_QR_BINDING,   /* confirmed, being stored */
	CLAWBOT_QR_CONFIRMED, /* bound */
	CLAWBOT_QR_EXPIRED,   /* too old: ask for a new one */
	CLAWBOT_QR_FAILED,    /* see the reason */
};

struct clawbot_qr {
	int state; /* enum clawbot_qr_state */
	char qrcode[128];
	char url[1024]; /* what the QR code says */
	char why[256];	/* the reason, Chinese then English */
};

/*
 * Ask iLink for a new bind code for user.  done() runs once, on the
 * poller's thread (or before this returns when it cannot start): rc 0
 * and the code, or an enum fg_err with q->why.
 */
void clawbot_qr_new(struct clawbot *, int64_t user,
    void (*done)(void *arg, int rc, const struct clawbot_qr *q), void *arg);
/*
 * The state of user's bind code qrcode ("" = their newest) into q.
 */
void clawbot_qr_state(struct clawbot *, int64_t user, const char *qrcode,
    struct clawbot_qr *q);

#endif
