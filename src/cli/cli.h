/*
 * cli.h: the admin command line.  One file per command family
 * (cmd_user.c, cmd_group.c, ...) with the commands' functions, declared
 * in cmd.h; cli_main.c holds the one table of commands (words, argument
 * counts, usage, function: redis's command table) and the argument
 * parser, cli_run.c the store and output helpers every command body runs
 * on.  This header is what a command body needs; only cli_main.c knows
 * every command, and nothing calls back up into it.
 *
 * Every command takes --data DIR (default ./var), --config FILE and
 * --json, before or after its positional arguments, and works on the
 * same data dir as a running server.
 */
#ifndef FG_CLI_H
#define FG_CLI_H

#include <jansson.h>

#include "core/conf.h"
#include "store/store.h"
#include "util/strbuf.h"

#define CLI_MAX_POS 8

struct cli_args {
	const char	*pos[CLI_MAX_POS];
	int		 npos;
	int		 json;
	const char	*config;
	const char	*data;
	const char	*listen;
	const char	*callback;
	const char	*app;		/* --app APPID */
	const char	*topic;		/* --topic TOPICID */
	const char	*price;		/* --price FEN */
	/* channel configs (cmd_chan.c) */
	const char	*smtp, *port, *ssl, *account, *password;
	const char	*corpid, *agentid;
	const char	*method, *headers, *body;	/* custom webhook */
	const char	*secret;	/* --secret S (open API secretKey) */
	const char	*name, *code;	/* --name N, --code C (edits) */
	const char	*days;		/* --days N (message tokens) */
	const char	*ip;		/* --ip LIST (open API allowlist) */
	/* cmd_delivery.c */
	const char *channel;		/* --channel C */
	const char *before;		/* --before ID (paging) */
	const char *limit;		/* --limit N */
	const char *daily, *rate;	/* --daily N, --rate N (user limits) */
	int		 enable;	/* --enable */
	int		 disable;	/* --disable */
	struct conf	 conf;
	const struct cli_cmd *cmd;	/* the command being run */
};

struct cli_cmd {
	const char	*name;		/* "user add" */
	int		 min_pos, max_pos;
	const char	*usage;
	int		(*exec)(struct cli_args *);
};

/* Print "feige: " + message to stderr; returns 1 (the exit code). */
int	cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Open the store of args->conf.data_dir; prints the error on failure. */
int	cli_open(struct cli_args *, struct store **);
/* Look up a user by UID; prints an error when missing. */
int	cli_user_by_uid(struct store *, const char *uid, struct store_user *);

/*
 * The group of ref, OWNER_UID:CODE or a CODE one owner uses; prints an
 * error when there is none or several.
 */
struct store_group;
int	cli_group(struct store *, const char *ref, struct store_group *);

/*
 * A command that runs one operation (src/ops/) in its own transaction
 * (cli_run.c):
 *
 *	if (cli_tx_open(&t, a) != 0)
 *		return 1;
 *	if (lookups on t.s succeed && cli_tx_begin(&t) == 0)
 *		t.rc = ops_...(t.s, ..., &t.err);
 *	if (cli_tx_end(&t, "%s") != 0)
 *		return 1;
 *	return cli_out(a, json, "text", ...);
 *
 * A lookup prints its own error and skips cli_tx_begin(); cli_tx_end()
 * then only closes the store and returns 1.  Otherwise it commits when
 * t.rc is 0, else (or when the commit fails) rolls back and says why
 * with fmt, whose one %s is the error's text, closes the store and
 * returns 0 or 1.  With fmt NULL it says nothing about a failed
 * operation and returns its negative error, for the caller's words.
 */
struct cli_tx {
	struct store	*s;
	struct strbuf	 err;	/* why the operation or commit failed */
	int		 rc;	/* the operation's result */
	int		 began;
};
int	cli_tx_open(struct cli_tx *, struct cli_args *);
int	cli_tx_begin(struct cli_tx *);
int	cli_tx_end(struct cli_tx *, const char *fmt);

/* Print obj as one JSON line (and free it). */
void	cli_print_json(json_t *obj);
/* With --json print obj, else the text of fmt; frees obj, returns 0. */
int	cli_out(struct cli_args *, json_t *obj, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* The rows of a list command: appended to arr with --json, else printed. */
struct cli_list {
	json_t			*arr;
	int			 json;
	const struct cli_args	*args;	/* the command's, for rows() */
};
/*
 * A list command: rows() lists the store's rows to the callbacks that
 * take the struct cli_list; on a store error (< 0) say "cannot list
 * WHAT", else with --json print {"WHAT": [rows]}.  Returns the exit
 * code.
 */
int	cli_list(struct cli_args *, const char *what,
	    int (*rows)(struct store *, struct cli_list *));

/* A positive decimal id, or -1. */
long long	cli_parse_id(const char *);

int	cli_main(int argc, char **argv);

#endif
