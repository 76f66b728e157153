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

#include "queue/clawbot_qr.h" /* the bind codes */

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

#endif
