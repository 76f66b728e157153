/*
 * group.h: the pushplus groups (topics) as business operations: create
 * one, join one (with the add_topic_user callback), remove a member,
 * and issue a join link for its QR code.
 *
 * Every operation runs inside the caller's transaction on a writable
 * connection: a writer op's apply() in the server, or the CLI between
 * its own store_begin() and store_commit().  They return 0 or a
 * negative enum fg_err with the detail in err (may be NULL); on an
 * error the caller rolls back.  Inputs are borrowed for the call.
 * Who may do it (the caller owns the group) is the adapter's check.
 */
#ifndef FG_OPS_GROUP_H
#define FG_OPS_GROUP_H

#include <stdint.h>

#include "util/errors.h"

struct store;
struct store_group;
struct store_open_join;
struct store_user;
struct strbuf;

/*
 * Create t (owner_id, code, name, contact, introduction,
 * receipt_message and the V1.13 fields set; id and created_ms filled).
 * FG_EEXIST, err naming the code, when the code is taken; FG_EINVAL for
 * a points topic (topic_type 1) or a bad field.
 */
FG_MUST int	ops_group_add(struct store *, struct store_group *t,
		    struct strbuf *err);

/*
 * The group code names for user (/send topic=CODE): their own, else one
 * they joined (group_find.c).  FG_ENOENT; FG_EEXIST when they joined
 * several owners' groups with that code.  err says which.
 */
FG_MUST int	ops_group_resolve(struct store *, int64_t user,
		    const char *code, struct store_group *out,
		    struct strbuf *err);
/*
 * The group of ref, "OWNER_UID:CODE" or a CODE only one owner uses (the
 * CLI).  FG_ENOENT; FG_EEXIST when a bare code is several owners'.
 */
FG_MUST int	ops_group_by_ref(struct store *, const char *ref,
		    struct store_group *out, struct strbuf *err);

struct ops_group_join {
	int64_t			 topic_id;	/* in */
	const struct store_user	*user;		/* in: the new member */
	int64_t			 member_id;	/* out */
	int			 queued;	/* out: a callback row */
};

/*
 * Make j->user a member of the group and, when its owner has a default
 * callback URL, queue add_topic_user to it.  FG_EEXIST ("already a
 * member"), with nothing written, when the user is one already;
 * FG_EPERM when the group blacklisted them; FG_ENOENT for an unknown
 * group.
 */
FG_MUST int	ops_group_join(struct store *, struct ops_group_join *j,
		    struct strbuf *err);

/* Remove the membership (topicUser id, or the caller's own: exit). */
FG_MUST int	ops_group_member_delete(struct store *, int64_t member_id,
		    struct strbuf *err);

/*
 * The longest life of a join link (30 days), its default (7 days, open
 * API V1.11 on), and the most successful scans one may be given.
 */
#define OPS_JOIN_LINK_MAX_S	2592000
#define OPS_JOIN_LINK_DEFAULT_S	604800
#define OPS_JOIN_SCANS_MAX	999

/* topicType: 1 points topics (refused here), 2 public. */
#define OPS_TOPIC_POINTS	1
#define OPS_TOPIC_PUBLIC	2

/*
 * Replace the editable fields of group t->id (code, name, contact,
 * introduction, receipt_message, icon, topic_type, price_cents,
 * describe, is_open).  FG_EINVAL for a points topic or a bad field (as
 * ops_group_add), FG_EEXIST for a taken code.
 */
FG_MUST int	ops_group_edit(struct store *, const struct store_group *t,
		    struct strbuf *err);

/* Set group topic_id's isOpen (0 or 1, else FG_EINVAL), nothing else. */
FG_MUST int	ops_group_set_open(struct store *, int64_t topic_id,
		    int is_open, struct strbuf *err);

/* Delete group topic_id with its members, blacklist and join links. */
FG_MUST int	ops_group_delete(struct store *, int64_t topic_id,
		    struct strbuf *err);

/* Set the owner's remark on member member_id ("" clears it). */
FG_MUST int	ops_group_member_remark(struct store *, int64_t member_id,
		    const char *remark, struct strbuf *err);

/*
 * Count one successful scan (a join or a new friend) of join link code;
 * FG_EPERM when its scanCount is used up.
 */
FG_MUST int	ops_group_join_link_used(struct store *, const char *code,
		    struct strbuf *err);

/*
 * Store a join link of j->kind (OPEN_JOIN_TOPIC with j->topic_id, or
 * OPEN_JOIN_FRIEND) for j->owner_id, valid ttl_s seconds (<= 0: the
 * default; more than the maximum: the maximum), good for j->scan_max
 * successful scans (1 to OPS_JOIN_SCANS_MAX, or -1 for any number;
 * else FG_EINVAL).  Fills the random code and times.
 */
FG_MUST int	ops_group_join_link(struct store *, struct store_open_join *j,
		    long long ttl_s, struct strbuf *err);

#endif
