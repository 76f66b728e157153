/*
 * store.h: the storage interface, split by what it holds, as OpenSMTPD
 * splits its queue, scheduler and table backends.
 *
 *   store.h   the connection: open, close, transactions, checkpoints,
 *             and the rows both halves share (users, deliveries, the
 *             inbox and outbox rows).
 *   spool.h   what moves: messages, deliveries, retries, inbox items,
 *             the callback outbox, WxPusher send records and counters.
 *   dir.h     who and what: users, groups, friends, apps, topics,
 *             follows, QR codes, channel configs, open API settings,
 *             keys, message tokens and pre-processing scripts.
 *
 * A backend (SQLite in sqlite*.c is the embedded default; PostgreSQL
 * in pg*.c is chosen with store.url) fills one struct store_backend with its connection hooks
 * and points it at one struct spool_ops and one struct dir_ops.  Every
 * connection it opens starts with a struct store whose be names the
 * backend, so callers hold only the connection and call the
 * store_*(), spool_*() and dir_*() wrappers: no caller names a backend
 * or its table, and a second backend changes no caller.
 *
 * A struct store is one connection, used by one thread at a time: the
 * server opens one for the writer thread (all writes go through it,
 * batched into group commits, see store/writer.c), and one per reader
 * thread.  The CLI opens its own and writes directly; SQLite's locking
 * and busy timeout make that safe next to a running server.
 *
 * Every call returns 0 or a negative enum fg_err; lookups return
 * FG_ENOENT when nothing matches; list calls return what their callback
 * returned when it stopped them (a positive value).  Detail goes to
 * `err` where given.  Strings in result structs are either fixed arrays
 * or heap copies the caller frees with the matching *_release().
 */
#ifndef FG_STORE_H
#define FG_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/limits.h"
#include "core/message.h"
#include "store/store_chan.h"
#include "store/store_wx.h"
#include "store/store_open.h"
#include "util/errors.h"

struct strbuf;
struct store;
struct spool_ops;
struct dir_ops;
struct wechat_store_ops;
struct cluster_ops;

/* Results the caller must look at (util/errors.h). */
#define STORE_MUST	FG_MUST

#define STORE_NAME_MAX	LIM_NAME_BYTES

struct store_user {
	int64_t	id;
	char	uid[40];
	char	token[40];
	char	name[STORE_NAME_MAX + 1];
	char	callback_url[LIM_PP_URL_BYTES + 1];	/* "" = none */
	int	is_admin;
	int64_t	created_ms;
	int	disabled;	/* feige user disable: token and keys refused */
	/* feige user limits (ops/user_limits.h): -1 = the server setting */
	int	daily_limit;	/* wxpusher.daily_max for this receiver */
	int	rate_limit;	/* pushplus.rate_limit for this token */
};

struct store_friend {
	int64_t	id;
	int64_t	owner_id;
	int64_t	friend_id;		/* the friend's user id */
	char	token[40];
	int64_t	created_ms;
};


struct store_delivery {
	int64_t	id;
	int64_t	message_id;
	int64_t	user_id;
	char	uid[40];
	char	channel[32];
	int	status;
	int	attempts;
	int64_t	next_ms;
	char	error[512];
};

struct store_inbox_item {
	int64_t			 id;
	struct message	 msg;	/* borrowed during the callback */
	/* WxPusher sends: the app, and the topic it came through ("") */
	char			 app_name[LIM_NAME_BYTES + 1];
	char			 topic_name[LIM_NAME_BYTES + 1];
	/* pushplus sends: the group it came through, else the friend
	 * (another user) who sent it; "" for one's own sends */
	char			 group_name[LIM_NAME_BYTES + 1];
	char			 sender_name[LIM_NAME_BYTES + 1];
};

struct store_outbox {
	int64_t	 id;
	char	*url;			/* heap */
	char	*body;			/* heap */
	int	 attempts;
};

/*
 * A callback of a person's, as the console lists them (migration 19:
 * outbox rows know their owner and event; older rows have neither).
 * status: 0 due (again), 1 delivered, 2 gave up.
 */
#define STORE_CALLBACK_BODY 1024
struct store_callback {
	int64_t id;
	char event[32];
	char url[LIM_PP_URL_BYTES + 1];
	char body[STORE_CALLBACK_BODY]; /* cut */
	int status;
	int attempts;
	char error[256];
	int64_t created_ms;
};
typedef int (*store_callback_cb)(void *, const struct store_callback *);

typedef int (*store_user_cb)(void *, const struct store_user *);
typedef int (*store_message_cb)(void *, const struct message *);
typedef int (*store_delivery_cb)(void *, const struct store_delivery *);
typedef int (*store_inbox_cb)(void *, const struct store_inbox_item *);
typedef int (*store_outbox_cb)(void *, const struct store_outbox *);

/*
 * Every backend's connection starts with this head, so a wrapper can
 * reach the backend from the connection alone.
 */
struct store {
	const struct store_backend	*be;
};

struct store_backend {
	const char	*name;
	int	(*open)(struct store **, const char *dsn, int sync_full,
		    struct strbuf *err);
	void	(*close)(struct store *);
	int	(*begin)(struct store *);
	int	(*commit)(struct store *, struct strbuf *err);
	void	(*rollback)(struct store *);
	/*
	 * Copy committed WAL content into the database and let the WAL
	 * start over (briefly waits for a commit in progress); full also
	 * truncates the WAL file (at shutdown).
	 */
	int	(*checkpoint)(struct store *, int full);
	/*
	 * /healthz: one small real write (inside the caller's transaction,
	 * so through the writer), proving the store takes writes.
	 */
	int	(*probe)(struct store *);
	/*
	 * A consistent copy of the whole store (one snapshot) into a new
	 * file at path, never overwriting one; complete when it exists.
	 */
	int	(*backup)(struct store *, const char *path, struct strbuf *err);
	const struct spool_ops	*spool;
	const struct dir_ops	*dir;
	const struct wechat_store_ops *wechat;	/* store_wechat.h */
	/* several nodes on one store (cluster.h); NULL: one node */
	const struct cluster_ops *cluster;
};

extern const struct store_backend store_sqlite;
extern const struct store_backend store_pg;

/* The backend for a name ("sqlite"), or NULL. */
const struct store_backend	*store_backend_lookup(const char *name);

/* The backend store_open_dir() opens. */
const struct store_backend	*store_default(void);

/*
 * The bytes of a data dir's database files (0 for one that is absent);
 * with store.url, db is the PostgreSQL database's pg_database_size().
 */
struct store_sizes {
	int64_t db, wal, shm;
};
void store_dir_sizes(const char *data_dir, struct store_sizes *);

/*
 * Where the process keeps its store, set once at startup before any
 * store_open_dir() (conf store.url): "" or NULL is SQLite's feige.db in
 * the data dir; a postgresql:// (or postgres://) URL is that PostgreSQL
 * database, given to libpq as it is.  FG_EINVAL for another scheme.
 */
int store_set_url(const char *url);

/*
 * This process as a node of a cluster on one PostgreSQL (docs/scale.md,
 * pg_lease.c), set once by `feige serve` before any store_open_dir():
 * its home (the host name and a digest of the data dir: the same node
 * across restarts), a node id of the home, the pid and a random part
 * ("host/1a2b3c4d#pid-random", this life of the node), and the lease
 * length of its claims.  Every PostgreSQL connection opened after it
 * claims rows as that node.  Without it (the CLI, unit tests) rows are
 * claimed by nobody, as on SQLite, where none of it does anything.
 */
void store_node_start(int lease_s, const char *data_dir);
const char *store_node_id(void);   /* "" before store_node_start() */
const char *store_node_home(void); /* "" before store_node_start() */
int store_lease_ms(void);

/*
 * Whether data_dir holds a database (feige.db): the CLI's commands
 * refuse a dir without one instead of making an empty database there.
 */
int	store_dir_has_data(const char *data_dir);

/* Open the default store in data_dir (creates the dir). */
int	store_open_dir(const char *data_dir, int sync_full,
	    struct store **out, struct strbuf *err);


/* ---- connection wrappers: callers never touch be ---- */

static inline void
store_close(struct store *s) { s->be->close(s);
}

static inline STORE_MUST int
store_begin(struct store *s) { return s->be->begin(s);
}

static inline STORE_MUST int
store_commit(struct store *s, struct strbuf *err) { return s->be->commit(s,
	    err);
}

static inline void
store_rollback(struct store *s) { s->be->rollback(s);
}

static inline STORE_MUST int
store_checkpoint(struct store *s, int full) { return s->be->checkpoint(s,
	    full);
}

static inline STORE_MUST int
store_probe(struct store *s) { return s->be->probe(s);
}

static inline int
store_backup(struct store *s, const char *path, struct strbuf *err)
{
	return s->be->backup(s, path, err);
}

#include "store/spool.h"
#include "store/dir.h"

#endif
