/*
 * sqlite_int.h: what the SQLite backend's files share (curl's *_int.h
 * idea): the connection struct and its prepared-statement cache.
 */
#ifndef FG_SQLITE_INT_H
#define FG_SQLITE_INT_H

#include <sqlite3.h>

#include "store/store.h"
#include "util/shortcode.h"

/* Every statement the backend runs, prepared once per connection. */
enum sq_stmt {
	Q_BEGIN, Q_COMMIT, Q_ROLLBACK,
	Q_USER_ADD, Q_USER_BY_TOKEN, Q_USER_BY_UID, Q_USER_BY_ID,
	Q_USER_SET_CB, Q_USER_LIST,
	Q_TOPIC_ADD, Q_TOPIC_BY_CODE, Q_TOPIC_JOIN, Q_TOPIC_MEMBERS,
	Q_FRIEND_ADD, Q_FRIEND_BY_TOKEN,
	Q_MSG_INSERT, Q_DLV_INSERT, Q_MSG_BY_ID, Q_MSG_LIST,
	Q_MSG_LIST_ALL, Q_MSG_OPEN, Q_MSG_FIRST_ERR, Q_MSG_SET_STATUS,
	Q_DLV_LIST, Q_DLV_PENDING, Q_DLV_UPDATE,
	Q_INBOX_ADD, Q_INBOX_ASC, Q_INBOX_DESC,
	Q_OUTBOX_ADD, Q_OUTBOX_DUE, Q_OUTBOX_DONE,
	Q__COUNT
};

struct store {
	sqlite3		*db;
	sqlite3_stmt	*st[Q__COUNT];
	uint8_t		 code_key[SHORTCODE_KEY_LEN];	/* shortCode key */
};

/* The prepared statement for q, reset and with bindings cleared. */
sqlite3_stmt	*sq_stmt(struct store *, enum sq_stmt);
int		 sq_migrate(struct store *, struct strbuf *err);
int		 sq_load_key(struct store *, struct strbuf *err);
char		*sq_col_dup(sqlite3_stmt *, int col);
void		 sq_col_copy(sqlite3_stmt *, int col, char *dst, size_t size);
int		 sq_step_done(struct store *, sqlite3_stmt *);

/* Message and delivery functions, in sqlite_msg.c. */
int	sq_message_insert(struct store *, struct store_message *,
	    const int64_t *, size_t, const char *, int64_t *, struct strbuf *);
int	sq_message_get(struct store *, const char *, struct store_message *);
int	sq_message_get_id(struct store *, int64_t, struct store_message *);
int	sq_message_list(struct store *, int64_t, int, store_message_cb,
	    void *);
int	sq_message_settle(struct store *, int64_t, int *, struct strbuf *);
int	sq_message_set_status(struct store *, int64_t, int, const char *);
int	sq_delivery_list(struct store *, int64_t, store_delivery_cb, void *);
int	sq_delivery_pending(struct store *, store_delivery_cb, void *);
int	sq_delivery_update(struct store *, int64_t, int, int, int64_t,
	    const char *);
int	sq_inbox_add(struct store *, int64_t, int64_t, int64_t, int64_t *);
int	sq_inbox_list(struct store *, int64_t, int64_t, int, int,
	    store_inbox_cb, void *);
int	sq_outbox_add(struct store *, const char *, const char *, int64_t);
int	sq_outbox_due(struct store *, int64_t, int, store_outbox_cb, void *);
int	sq_outbox_done(struct store *, int64_t, int, int, int64_t,
	    const char *);

#endif
