/*
 * twin_open_block.c: the blacklists of the open API V1.16 (topicUser
 * and friend: addBlacklist, blacklistList, removeBlacklist) in one
 * table, open_blocks (SQLite migration 7), written once for both
 * backends (twin.h).
 *
 * Both lists are the same thing: a person who may not come back to a
 * scope.  For a group the scope is the topic (kind OPEN_BLOCK_TOPIC);
 * for friends it is the owner who blacklisted (OPEN_BLOCK_FRIEND).  One
 * table with a kind column keeps one set of statements; the pair
 * (kind, scope_id, user_id) is unique, so blacklisting twice is
 * FG_EEXIST.  The id is the "blacklist record id" removeBlacklist
 * takes.  Rows name the person through a join on users, as the member
 * and friend lists do.
 */
#include "store/twin.h"
#include "store/twin_tables.h"
#include "util/ids.h"

#define BLOCK_SEL \
	"SELECT b.id, b.kind, b.scope_id, b.user_id, " \
	"coalesce(u.uid, ''), coalesce(u.name, ''), b.created_ms " \
	"FROM open_blocks b LEFT JOIN users u ON u.id = b.user_id "

static const struct sq_row block_row = SQ_ROW(struct store_open_block, id,
    kind, scope_id, user_id, uid, name, created_ms);

/* The blacklist of a topic [0] and of an owner's friends [1]. */
static const struct twin_page block_pages[2] = {
	{ "SELECT count(*) FROM open_blocks WHERE kind = 1 AND scope_id = ?",
	    BLOCK_SEL
	    "WHERE b.kind = 1 AND b.scope_id = ? ORDER BY b.id LIMIT ? "
	    "OFFSET ?",
	    &block_row },
	{ "SELECT count(*) FROM open_blocks WHERE kind = 2 AND scope_id = ?",
	    BLOCK_SEL
	    "WHERE b.kind = 2 AND b.scope_id = ? ORDER BY b.id LIMIT ? "
	    "OFFSET ?",
	    &block_row },
};

int
twin_open_block_add(struct store *s, struct store_open_block *b)
{
	b->created_ms = clock_ms();
	return twin_insert(s,
	    "INSERT INTO open_blocks(kind, scope_id, user_id, created_ms) "
	    "VALUES (?, ?, ?, ?)",
	    0, &b->id, "iIII", b->kind, b->scope_id, b->user_id,
	    b->created_ms);
}

int
twin_open_block_get(struct store *s, int64_t id, struct store_open_block *out)
{
	return twin_one(s, BLOCK_SEL "WHERE b.id = ?", 0, &block_row, out, "I",
	    id);
}

int
twin_open_block_find(struct store *s, int kind, int64_t scope, int64_t user,
    struct store_open_block *out)
{
	return twin_one(s,
	    BLOCK_SEL "WHERE b.kind = ? AND b.scope_id = ? AND b.user_id = ?",
	    0, &block_row, out, "iII", kind, scope, user);
}

int
twin_open_block_list(struct store *s, int kind, int64_t scope, int offset,
    int limit, int64_t *total, store_open_block_cb cb, void *arg)
{
	return twin_page(s, &block_pages[kind == OPEN_BLOCK_FRIEND], scope,
	    offset, limit, total, (sq_row_cb)cb, arg);
}

int
twin_open_block_delete(struct store *s, int64_t id)
{
	return twin_run(s, "DELETE FROM open_blocks WHERE id = ?",
	    TWIN_PLAIN | TWIN_CHANGES, "I", id);
}
