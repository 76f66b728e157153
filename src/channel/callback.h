/*
 * callback.h: the callback sender, the outbound side's durable outbox.
 * It POSTs the rows of the store's outbox (message_complate,
 * add_topic_user, add_friend, ...) as JSON, each with a timeout, and
 * retries on the channels' schedule (core/retry.h: 2 s, 4 s, ... up to
 * `tries` attempts).  Rows are committed by the writer (or by the CLI),
 * so a callback survives a crash or restart; the sender polls the outbox
 * every second and at once when kicked.
 *
 * It sits beside the channel drivers but is not one: it owns a thread
 * and reads the outbox itself, where a driver gets a resolved job.
 *
 * Outbound requests to user-supplied URLs refuse loopback, private,
 * link-local and metadata addresses unless allow_private is set; the
 * check runs on the address actually connected to (libcurl's
 * open-socket callback), so DNS tricks do not get around it.
 */
#ifndef FG_CALLBACK_H
#define FG_CALLBACK_H

struct callback_sender;
struct writer;
struct strbuf;

struct callback_config {
	const char	*data_dir;
	int		 sync_full;
	struct writer	*writer;
	int		 timeout_ms;
	int		 tries;
	int		 allow_private;
};

int	callback_start(struct callback_sender **,
	    const struct callback_config *, struct strbuf *err);
void	callback_kick(void *sender);
void	callback_stop(struct callback_sender *);

/*
 * The body of a message_complate callback, queued in the outbox by the
 * transaction that settles the message:
 *
 *   {"event":"message_complate","messageInfo":{"message":"<error>",
 *    "shortCode":"<code>","sendStatus":<status>}}
 *
 * error may be NULL ("").  0 or an enum fg_err (the cap of sb).
 */
int	callback_message_body(struct strbuf *sb, const char *short_code,
	    int status, const char *error);

#endif
