/*
 * message.h: the message, the one object every layer handles.
 *
 * A message is what a sender asked to deliver: its text, how to render
 * it (template), where to send it (channel, webhook/option code) and
 * whom to tell about the outcome (callback URL).  The API adapters fill
 * one in, the store keeps it, the queue and the channel drivers read it,
 * the pages render it.  It lives here, below all of them, so none of
 * them has to include another's header to name it.
 *
 * Strings marked heap are owned by whoever filled the struct and freed
 * with message_release(); fixed arrays need no release.
 *
 * The status enum is pushplus's sendStatus, shared by messages and their
 * deliveries: 0 waiting, 1 sending (or waiting for a retry), 2 sent, 3
 * failed.
 */
#ifndef FG_CORE_MESSAGE_H
#define FG_CORE_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

#include "core/limits.h"

enum msg_status {
	MSG_PENDING = 0, MSG_SENDING = 1, MSG_SENT = 2, MSG_FAILED = 3
};

struct message {
	int64_t	 id;
	char	 short_code[40];
	int64_t	 sender_id;
	int64_t	 topic_id;		/* 0 = none */
	char	*title;			/* heap, "" = none */
	char	*content;		/* heap */
	size_t	 content_len;
	int	 tpl;			/* enum render_template */
	char	 channel[32];
	char	*webhook;		/* heap, "" = none */
	/* form/doc/excel: the pushplus code they link to, "" = none */
	char	 push_id[LIM_PUSH_ID_BYTES + 1];
	char	*callback_url;		/* heap, "" = none */
	int64_t	 not_after_ms;		/* pushplus timestamp, 0 = none */
	int	 status;
	char	*error;			/* heap, "" = none */
	int64_t	 created_ms;
	int64_t	 updated_ms;
};

void	message_release(struct message *);

#endif
