/*
 * message.c: releasing what a struct message owns (message.h).
 */
#include <stdlib.h>

#include "core/message.h"

void
message_release(struct message *m)
{
	free(m->title);
	free(m->content);
	free(m->webhook);
	free(m->callback_url);
	free(m->error);
	m->title = m->content = m->webhook = m->callback_url = m->error = NULL;
}
