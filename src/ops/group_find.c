/*
 * group_find.c: which group a code names (group.h).  Codes are unique
 * per owner, as in pushplus (migration 10), so "topic=ops" means
 * different groups to different people and never reveals another
 * owner's group.
 *
 * For a sender (/send topic=CODE, ops_group_resolve): their own group
 * with that code first; else a group with that code they are a member
 * of.  Only one of those can be theirs, but they may have joined
 * several owners' groups that share a code: then the code alone does
 * not say which, and the answer is FG_EEXIST (the caller says "several
 * groups you joined have this code") rather than a guess that would
 * send to the wrong people.  Whether a member may send to a group they
 * joined is the adapter's rule (pushplus: the owner sends).
 *
 * For an operator (the CLI, ops_group_by_ref): "OWNER_UID:CODE" names
 * the owner; a bare CODE still works while only one group has it.
 */
#include <stdio.h>
#include <string.h>

#include "ops/group.h"
#include "store/store.h"
#include "util/strbuf.h"

int
ops_group_resolve(struct store *s, int64_t user, const char *code,
    struct store_group *out, struct strbuf *err)
{
	int rc;

	if ((rc = dir_topic_find(s, user, 0, code, out)) != FG_ENOENT)
		return rc;
	rc = dir_topic_find(s, 0, user, code, out);
	if (rc == FG_EEXIST && err)
		strbuf_setf(err, "several groups you joined have the code "
		    "'%.64s'", code);
	else if (rc == FG_ENOENT && err)
		strbuf_setf(err, "no group '%.64s' of yours or that you "
		    "joined", code);
	return rc;
}

int
ops_group_by_ref(struct store *s, const char *ref, struct store_group *out,
    struct strbuf *err)
{
	const char *colon = strchr(ref, ':');
	struct store_user owner;
	char uid[sizeof(owner.uid)];
	int rc;

	if (colon && (size_t)(colon - ref) < sizeof(uid)) {
		snprintf(uid, sizeof(uid), "%.*s", (int)(colon - ref), ref);
		if (dir_user_get(s, "uid", uid, &owner) == 0) {
			if ((rc = dir_topic_find(s, owner.id, 0, colon + 1,
			    out)) != 0 && err)
				strbuf_setf(err, "%s has no group with code "
				    "'%.64s'", uid, colon + 1);
			return rc;
		}
	}
	rc = dir_topic_find(s, 0, 0, ref, out);
	if (rc == FG_EEXIST && err)
		strbuf_setf(err, "several owners have a group with code "
		    "'%.64s': say whose, as OWNER_UID:CODE", ref);
	else if (rc == FG_ENOENT && err)
		strbuf_setf(err, "no group with code '%.64s'", ref);
	return rc;
}
