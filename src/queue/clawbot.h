/*
 * clawbot.h: the WeChat ClawBot poller (issue 11 §2): one thread, one
 * libcurl multi handle, running every iLink call that is not a push:
 * the bind QR codes and their status polls, and one getupdates long
 * poll per bound person.  Started by app.c when clawbot.enable is set;
 * the API's ClawBot endpoints and the person's page talk to it through
 * the calls below (any thread).
 */
#ifndef FG_QUEUE_CLAWBOT_H
#define FG_QUEUE_CLAWBOT_H

#include <stddef.h>
#include <stdint.h>

struct clawbot;
struct strbuf;
struct writer;

struct clawbot_config {
	const char *data_dir;
	int sync_full;
	struct writer *writer;
	/*
	 * A message from a person was committed, and with it their
	 * waiting pushes were made due again (route_wake): kick the push
	 * sender.  Runs on the writer's thread; NULL for none.
	 */
	void (*kick)(void *arg);
	void *kick_arg;
};

int clawbot_start(struct clawbot **, const struct clawbot_config *,
    struct strbuf *err);
void clawbot_stop(struct clawbot *);
/* The bound bots changed (unbind): reload them now. */
void clawbot_kick(struct clawbot *);

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
