/*
 * callback.h: the callback sender.  It POSTs the rows of the store's
 * outbox (message_complate, add_topic_user, add_friend, ...) as JSON,
 * each with a timeout, and retries with backoff up to `tries` attempts.
 * Rows are committed by the writer (or by the CLI), so a callback
 * survives a crash or restart; the sender polls the outbox every second
 * and at once when kicked.
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

/* 1 if the IPv4/IPv6 address (struct sockaddr) is not public. */
struct sockaddr;
int	callback_addr_private(const struct sockaddr *);

#endif
