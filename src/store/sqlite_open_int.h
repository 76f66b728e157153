/*
 * sqlite_open_int.h: what sqlite_open.c (settings, keys, message tokens,
 * messages) and sqlite_open_topic.c (groups, members, friends, join
 * links) share: statement helpers and the members of
 * store_sqlite_open the second file defines.
 */
#ifndef FG_SQLITE_OPEN_INT_H
#define FG_SQLITE_OPEN_INT_H

#include "store/sqlite_row.h"
#include "store/store_open.h"

/*
 * The runner flags of a write prepared for one call: finalized, and any
 * failure (a constraint too) is FG_ESTORE.
 */
#define SQO_RUN		(SQ_FINAL | SQ_PLAIN)

int	so_settings_get(struct store *, int64_t user,
	    struct store_open_settings *out);
int	so_settings_put(struct store *, const struct store_open_settings *);
int	so_key_add(struct store *, int64_t user, const char *key_hash,
	    int64_t now_ms, int64_t expires_ms, int64_t overlap_ms);
int	so_key_revoke(struct store *, int64_t user);
int so_key_list(struct store *, int64_t user, int64_t now_ms,
    store_open_key_cb, void *);
int so_key_delete(struct store *, int64_t user, int64_t id);
int	so_key_user(struct store *, const char *key_hash, int64_t now_ms,
	    int64_t *user);
int	so_token_add(struct store *, struct store_msg_token *t);
int	so_token_get(struct store *, int64_t id, struct store_msg_token *out);
int	so_token_edit(struct store *, int64_t id, const char *name,
	    int64_t expire_ms);
int	so_token_delete(struct store *, int64_t id);
int	so_token_list(struct store *, int64_t user, int offset, int limit,
	    int64_t *total, store_msg_token_cb, void *);
int	so_token_user(struct store *, const char *token, int64_t now_ms,
	    struct store_user *out);
int	so_msg_list(struct store *, int64_t user, int offset, int limit,
	    int64_t *total, store_open_msg_cb, void *);
int	so_send_count(struct store *, int64_t user, int64_t since_ms,
	    int *wechat, int *cp, int *webhook, int *mail);

int	sqo_topic_add(struct store *, struct store_group *,
	    struct strbuf *);
int	sqo_topic_get(struct store *, int64_t, struct store_group *);
int	sqo_topic_put(struct store *, const struct store_group *,
	    struct strbuf *);
int	sqo_topic_delete(struct store *, int64_t);
int	sqo_topic_list(struct store *, int64_t, int, int, int, int64_t *,
	    store_group_cb, void *);
int	sqo_member_find(struct store *, int64_t, int64_t,
	    struct store_open_person *);
int	sqo_member_get(struct store *, int64_t, struct store_open_person *);
int	sqo_member_list(struct store *, int64_t, int, int, int64_t *,
	    store_open_person_cb, void *);
int	sqo_member_delete(struct store *, int64_t);
int	sqo_friend_get(struct store *, int64_t, struct store_open_person *);
int	sqo_friend_find(struct store *, int64_t, int64_t,
	    struct store_open_person *);
int	sqo_friend_list(struct store *, int64_t, int, int, int64_t *,
	    store_open_person_cb, void *);
int	sqo_friend_delete(struct store *, int64_t);
int	sqo_remark(struct store *, int member, int64_t, const char *);
int	sqo_join_add(struct store *, const struct store_open_join *);
int	sqo_join_get(struct store *, const char *, struct store_open_join *);
int sqo_join_scan(struct store *, const char *);

#endif
