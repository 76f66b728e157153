/*
 * cli.h: the admin command line.  One file per command family
 * (cmd_user.c, cmd_group.c, ...) with the commands' functions; cli.c
 * holds the one table of commands (words, argument counts, usage,
 * function: redis's command table) and the shared argument parser,
 * cli_run.c the store and output helpers every command body runs on.
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

/* The commands, one file per family; cli.c lists them in one table. */
/* cmd_app.c */
int	cmd_app_add(struct cli_args *);
int	cmd_app_reset(struct cli_args *);
int	cmd_app_list(struct cli_args *);
int	cmd_app_set(struct cli_args *);
int	cmd_topic_add(struct cli_args *);
/* cmd_clawbot.c */
int	cmd_clawbot_show(struct cli_args *);
int	cmd_clawbot_unbind(struct cli_args *);
/* cmd_chan.c */
int	cmd_chan_add(struct cli_args *);
int	cmd_chan_list(struct cli_args *);
int	cmd_chan_show(struct cli_args *);
int	cmd_chan_delete(struct cli_args *);
int	cmd_user_email(struct cli_args *);
int	cmd_user_phone(struct cli_args *);
/* cmd_follow.c */
int	cmd_follow(struct cli_args *);
int	cmd_product_add(struct cli_args *);
int	cmd_pay_grant(struct cli_args *);
int	cmd_user_spt(struct cli_args *);
/* cmd_blacklist.c */
int	cmd_group_blacklist(struct cli_args *);
int	cmd_group_unblacklist(struct cli_args *);
int	cmd_friend_blacklist(struct cli_args *);
int	cmd_friend_unblacklist(struct cli_args *);
/* cmd_friend.c */
int	cmd_friend_add(struct cli_args *);
/* cmd_group.c */
int	cmd_group_add(struct cli_args *);
int	cmd_group_join(struct cli_args *);
int	cmd_group_delete(struct cli_args *);
/* cmd_message.c */
int	cmd_message_list(struct cli_args *);
int	cmd_message_show(struct cli_args *);
/* cmd_delivery.c */
int cmd_delivery_failed(struct cli_args *);
int cmd_delivery_retry(struct cli_args *);
int cmd_status(struct cli_args *);
/* cmd_openapi.c */
int	cmd_user_openapi(struct cli_args *);
/* cmd_serve.c */
int	cmd_serve(struct cli_args *);
int	cmd_check_config(struct cli_args *);
/* cmd_admin.c */
int	cmd_backup(struct cli_args *);
int	cmd_user_show(struct cli_args *);
int cmd_device_test_push(struct cli_args *);
/* cmd_wechat.c */
int	cmd_wechat_bind(struct cli_args *);
int	cmd_wechat_status(struct cli_args *);
/* cmd_wxlist.c */
int	cmd_app_show(struct cli_args *);
int	cmd_wx_list(struct cli_args *);
int	cmd_wx_show(struct cli_args *);
int	cmd_follow_delete(struct cli_args *);
int	cmd_wx_edit(struct cli_args *);
/* cmd_token.c */
int	cmd_token_add(struct cli_args *);
int	cmd_token_list(struct cli_args *);
int	cmd_token_show(struct cli_args *);
int	cmd_token_edit(struct cli_args *);
/* cmd_people.c */
int	cmd_group_list(struct cli_args *);
int	cmd_group_show(struct cli_args *);
int	cmd_group_edit(struct cli_args *);
int	cmd_group_member(struct cli_args *);
int	cmd_friend_list(struct cli_args *);
int	cmd_friend_edit(struct cli_args *);
int	cmd_user_disable(struct cli_args *);
int	cmd_init(struct cli_args *);
int	cmd_version(struct cli_args *);
const char	*cli_version(void);
/* cmd_user.c */
int	cmd_user_add(struct cli_args *);
int	cmd_user_list(struct cli_args *);
int	cmd_user_callback(struct cli_args *);
int	cmd_user_reset_token(struct cli_args *);
/* cmd_login.c */
int	cmd_user_login_link(struct cli_args *);
int	cmd_user_password(struct cli_args *);

#endif
