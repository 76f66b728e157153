/*
 * push.h: the push sender, which delivers the push outbox
 * (store/store_push.h) to people's devices through the route drivers
 * (route.h): one thread, one libcurl multi handle.
 *
 * Rows are committed by the writer with the inbox items they belong
 * to, so a push survives a crash or restart: the sender reads its due
 * rows on its own read connection every second and at once when
 * kicked, and records every verdict through the writer.  It starts
 * after the writer and stops before it (app.c), like the callback
 * sender.
 */
#ifndef FG_PUSH_H
#define FG_PUSH_H

struct hub;
struct push_sender;
struct writer;
struct strbuf;
struct conf;
struct vapid_key;

struct push_config {
	const char *data_dir;
	int sync_full;
	struct writer *writer;
	int tries;	   /* attempts in all */
	int retry_base_ms; /* first retry wait */
	const struct conf *conf;
	const struct vapid_key *vapid;
	/*
	 * The public base of message links, filled after the start (the
	 * port is known late): nothing is sent before push_ready().
	 */
	const char *base_url;
	/* live streams: each recorded verdict is an update event (NULL:
	 * none) */
	struct hub *hub;
};

int push_start(struct push_sender **, const struct push_config *,
    struct strbuf *err);
/* A commit added pushes: poll now.  Any thread; NULL is ignored. */
void push_kick(void *sender);
/* base_url is filled: start sending. */
void push_ready(struct push_sender *);
void push_stop(struct push_sender *);

#endif
