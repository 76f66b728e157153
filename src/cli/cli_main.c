/*
 * cli_main.c: `feige`'s command line: the command table and argument
 * parsing.  It is the top of src/cli/: it knows every command (cmd.h),
 * and no command knows it; the helpers the commands share are in
 * cli_run.c (cli.h).
 *
 * Parsing: the longest command name that matches the leading words wins
 * ("user add"), then every remaining word is an option (--json, --data
 * DIR, --config FILE, --listen ADDR, --callback URL, also in --opt=value
 * form) or a positional.  The config file is read first, then --data and
 * --listen override it.  The store and output helpers the command
 * bodies share are in cli_run.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "store/store.h"
#include "util/errors.h"
#include "util/log.h"
#include "util/strbuf.h"

/*
 * Every command: its words, how many positional arguments it takes,
 * its usage line, and its function in its cmd_*.c file (the redis
 * command table: one place that says what the CLI offers).
 */
static const struct cli_cmd commands[] = {
	{ "serve", 0, 0,
	    "serve [--config FILE] [--listen ADDR:PORT] [--data DIR]",
	    cmd_serve },
	{ "init", 0, 0, "init [--data DIR] [--json]", cmd_init },
	{ "check-config", 0, 0, "check-config [--config FILE]",
	    cmd_check_config },
	{ "backup", 1, 1, "backup FILE [--json]", cmd_backup },
	{ "version", 0, 0, "version [--json]", cmd_version },
	{ "user add", 1, 1, "user add NAME [--json]", cmd_user_add },
	{ "user list", 0, 0, "user list [--json]", cmd_user_list },
	{ "user show", 1, 1, "user show UID [--json]", cmd_user_show },
	{ "device test-push", 2, 2, "device test-push UID DEVICE_ID [--json]",
	    cmd_device_test_push },
	{ "clawbot show", 1, 1, "clawbot show UID [--json]",
	    cmd_clawbot_show },
	{ "clawbot unbind", 1, 1, "clawbot unbind UID [--json]",
	    cmd_clawbot_unbind },
	{ "wechat bind", 1, 1, "wechat bind UID [--json]", cmd_wechat_bind },
	{ "wechat status", 0, 0, "wechat status [--json]",
	    cmd_wechat_status },
	{ "user disable", 1, 1, "user disable UID [--json]",
	    cmd_user_disable },
	{ "user enable", 1, 1, "user enable UID [--json]", cmd_user_disable },
	{ "user limits", 1, 1, "user limits UID [--daily N|default] "
	    "[--rate N|default] [--json]", cmd_user_limits },
	{ "user callback", 2, 2, "user callback UID URL [--json]",
	    cmd_user_callback },
	{ "group add", 3, 3, "group add OWNER_UID CODE NAME [--json]",
	    cmd_group_add },
	{ "group join", 2, 2, "group join [OWNER_UID:]CODE UID [--json]",
	    cmd_group_join },
	{ "group delete", 1, 1, "group delete [OWNER_UID:]CODE [--json]",
	    cmd_group_delete },
	{ "group blacklist", 2, 2,
	    "group blacklist [OWNER_UID:]CODE UID [--json]",
	    cmd_group_blacklist },
	{ "group unblacklist", 2, 2,
	    "group unblacklist [OWNER_UID:]CODE UID [--json]",
	    cmd_group_unblacklist },
	{ "group list", 1, 1, "group list OWNER_UID [--json]",
	    cmd_group_list },
	{ "group show", 1, 1, "group show [OWNER_UID:]CODE [--json]",
	    cmd_group_show },
	{ "group edit", 1, 1,
	    "group edit [OWNER_UID:]CODE [--name N] "
	    "[--code C] [--json]",
	    cmd_group_edit },
	{ "group leave", 2, 2, "group leave [OWNER_UID:]CODE UID [--json]",
	    cmd_group_member },
	{ "group remark", 3, 3,
	    "group remark [OWNER_UID:]CODE UID TEXT "
	    "[--json]",
	    cmd_group_member },
	{ "friend list", 1, 1, "friend list OWNER_UID [--json]",
	    cmd_friend_list },
	{ "friend delete", 2, 2, "friend delete OWNER_UID FRIEND_UID [--json]",
	    cmd_friend_edit },
	{ "friend remark", 3, 3,
	    "friend remark OWNER_UID FRIEND_UID TEXT "
	    "[--json]",
	    cmd_friend_edit },
	{ "friend add", 2, 2, "friend add OWNER_UID FRIEND_UID [--json]",
	    cmd_friend_add },
	{ "friend blacklist", 2, 2,
	    "friend blacklist OWNER_UID FRIEND_UID "
	    "[--json]",
	    cmd_friend_blacklist },
	{ "friend unblacklist", 2, 2,
	    "friend unblacklist OWNER_UID "
	    "FRIEND_UID [--json]",
	    cmd_friend_unblacklist },
	{ "message list", 0, 0, "message list [--json]", cmd_message_list },
	{ "delivery failed", 0, 0,
	    "delivery failed [--channel C] [--before ID] [--limit N] [--json]",
	    cmd_delivery_failed },
	{ "delivery retry", 0, 1, "delivery retry ID | --channel C [--json]",
	    cmd_delivery_retry },
	{ "status", 0, 0, "status [--json]", cmd_status },
	{ "message show", 1, 1, "message show SHORTCODE [--json]",
	    cmd_message_show },
	{ "app add", 2, 2, "app add OWNER_UID NAME [--callback URL] [--json]",
	    cmd_app_add },
	{ "app reset-token", 1, 1, "app reset-token APPID [--json]",
	    cmd_app_reset },
	{ "app list", 0, 0, "app list [--json]", cmd_app_list },
	{ "app set", 3, 3, "app set APPID FIELD VALUE [--json]", cmd_app_set },
	{ "topic add", 2, 2, "topic add APPID NAME [--json]", cmd_topic_add },
	{ "follow", 1, 1, "follow UID --app APPID | --topic TOPICID [--json]",
	    cmd_follow },
	{ "app show", 1, 1, "app show APPID [--json]", cmd_app_show },
	{ "topic list", 1, 1, "topic list APPID [--json]", cmd_wx_list },
	{ "topic show", 1, 1, "topic show TOPICID [--json]", cmd_wx_show },
	{ "product list", 1, 1, "product list APPID [--json]", cmd_wx_list },
	{ "product show", 1, 1, "product show PRODID [--json]", cmd_wx_show },
	{ "topic edit", 1, 1, "topic edit TOPICID --name N [--json]",
	    cmd_wx_edit },
	{ "topic delete", 1, 1, "topic delete TOPICID [--json]", cmd_wx_edit },
	{ "product edit", 1, 1,
	    "product edit PRODID [--name N] [--price FEN] "
	    "[--json]",
	    cmd_wx_edit },
	{ "product delete", 1, 1, "product delete PRODID [--json]",
	    cmd_wx_edit },
	{ "follow list", 1, 1, "follow list APPID [--json]", cmd_wx_list },
	{ "follow delete", 1, 1, "follow delete FOLLOWID [--json]",
	    cmd_follow_delete },
	{ "token add", 2, 2, "token add UID NAME [--days N] [--json]",
	    cmd_token_add },
	{ "token list", 1, 1, "token list UID [--json]", cmd_token_list },
	{ "token show", 1, 1, "token show TOKENID [--json]", cmd_token_show },
	{ "token edit", 1, 1,
	    "token edit TOKENID [--name N] [--days N] "
	    "[--json]",
	    cmd_token_edit },
	{ "token delete", 1, 1, "token delete TOKENID [--json]",
	    cmd_token_edit },
	{ "product add", 2, 2,
	    "product add APPID NAME [--topic TOPICID] "
	    "[--price FEN] [--json]",
	    cmd_product_add },
	{ "pay grant", 3, 3, "pay grant UID PRODID DAYS [--json]",
	    cmd_pay_grant },
	{ "user spt", 1, 1, "user spt UID [--json]", cmd_user_spt },
	{ "user reset-token", 1, 1, "user reset-token UID [--json]",
	    cmd_user_reset_token },
	{ "user login-link", 1, 1, "user login-link UID [--json]",
	    cmd_user_login_link },
	{ "user password", 1, 1, "user password UID [--json] (reads stdin)",
	    cmd_user_password },
	{ "webhook add", 5, 5,
	    "webhook add OWNER_UID CODE NAME TYPE URL "
	    "[--method M] [--headers H] [--body TEMPLATE] [--json]",
	    cmd_chan_add },
	{ "webhook list", 1, 1, "webhook list OWNER_UID [--json]",
	    cmd_chan_list },
	{ "mail add", 3, 3,
	    "mail add OWNER_UID CODE NAME --smtp HOST --port "
	    "N --ssl 0|1 --account A --password P [--json]",
	    cmd_chan_add },
	{ "mail list", 1, 1, "mail list OWNER_UID [--json]", cmd_chan_list },
	{ "cp add", 3, 3,
	    "cp add OWNER_UID CODE NAME --corpid X --agentid N "
	    "--secret S [--json]",
	    cmd_chan_add },
	{ "cp list", 1, 1, "cp list OWNER_UID [--json]", cmd_chan_list },
	{ "webhook show", 2, 2, "webhook show OWNER_UID CODE [--json]",
	    cmd_chan_show },
	{ "webhook edit", 5, 5,
	    "webhook edit OWNER_UID CODE NAME TYPE URL "
	    "[--code NEW] [--method M] [--headers H] [--body TEMPLATE] "
	    "[--json]",
	    cmd_chan_add },
	{ "mail show", 2, 2, "mail show OWNER_UID CODE [--json]",
	    cmd_chan_show },
	{ "mail edit", 3, 3,
	    "mail edit OWNER_UID CODE NAME [--code NEW] "
	    "--smtp HOST --port N --ssl 0|1 --account A --password P "
	    "[--json]",
	    cmd_chan_add },
	{ "cp show", 2, 2, "cp show OWNER_UID CODE [--json]", cmd_chan_show },
	{ "cp edit", 3, 3,
	    "cp edit OWNER_UID CODE NAME [--code NEW] "
	    "--corpid X --agentid N --secret S [--json]",
	    cmd_chan_add },
	{ "user email", 2, 2, "user email UID ADDR [--json]", cmd_user_email },
	{ "user phone", 2, 2, "user phone UID NUMBER|- [--json]",
	    cmd_user_phone },
	{ "webhook delete", 2, 2, "webhook delete OWNER_UID CODE [--json]",
	    cmd_chan_delete },
	{ "mail delete", 2, 2, "mail delete OWNER_UID CODE [--json]",
	    cmd_chan_delete },
	{ "cp delete", 2, 2, "cp delete OWNER_UID CODE [--json]",
	    cmd_chan_delete },
	{ "user openapi", 1, 1,
	    "user openapi UID [--enable|--disable] "
	    "[--secret S] [--ip LIST] [--json]",
	    cmd_user_openapi },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/*
 * The usage of the commands whose name starts with family (all when
 * NULL): `feige --help` and `feige group --help` on stdout, exit 0;
 * a mistake's usage on stderr.  Returns how many were printed.
 */
static int
usage(FILE *f, const char *family)
{
	size_t i, n = family ? strlen(family) : 0;
	int k = 0;

	fprintf(f, "usage: feige COMMAND [ARGS] [--data DIR] "
	    "[--config FILE] [--json] [--help]\n\ncommands:\n");
	for (i = 0; i < N_COMMANDS; i++)
		if (family == NULL ||
		    (strncmp(commands[i].name, family, n) == 0 &&
		    (commands[i].name[n] == ' ' || commands[i].name[n] == 0))) {
			fprintf(f, "  feige %s\n", commands[i].usage);
			k++;
		}
	return k;
}

static int
option(struct cli_args *a, const char *arg, const char *next, int *used)
{
	static const struct { const char *name; size_t off;
	} opts[] = {
		{ "--data", offsetof(struct cli_args, data) },
		{ "--config", offsetof(struct cli_args, config) },
		{ "--listen", offsetof(struct cli_args, listen) },
		{ "--callback", offsetof(struct cli_args, callback) },
		{ "--app", offsetof(struct cli_args, app) },
		{ "--topic", offsetof(struct cli_args, topic) },
		{ "--price", offsetof(struct cli_args, price) },
		{ "--smtp", offsetof(struct cli_args, smtp) },
		{ "--port", offsetof(struct cli_args, port) },
		{ "--ssl", offsetof(struct cli_args, ssl) },
		{ "--account", offsetof(struct cli_args, account) },
		{ "--password", offsetof(struct cli_args, password) },
		{ "--corpid", offsetof(struct cli_args, corpid) },
		{ "--agentid", offsetof(struct cli_args, agentid) },
		{ "--secret", offsetof(struct cli_args, secret) },
		{ "--name", offsetof(struct cli_args, name) },
		{ "--days", offsetof(struct cli_args, days) },
		{ "--code", offsetof(struct cli_args, code) },
		{ "--ip", offsetof(struct cli_args, ip) },
		{ "--method", offsetof(struct cli_args, method) },
		{ "--headers", offsetof(struct cli_args, headers) },
		{ "--body", offsetof(struct cli_args, body) },
		{ "--channel", offsetof(struct cli_args, channel) },
		{ "--before", offsetof(struct cli_args, before) },
		{ "--limit", offsetof(struct cli_args, limit) },
		{ "--daily", offsetof(struct cli_args, daily) },
		{ "--rate", offsetof(struct cli_args, rate) },
	};
	size_t i, n;

	*used = 0;
	if (strcmp(arg, "--json") == 0) {
		a->json = 1;
		return 0;
	}
	if (strcmp(arg, "--enable") == 0 || strcmp(arg, "--disable") == 0) {
		*(arg[2] == 'e' ? &a->enable : &a->disable) = 1;
		return 0;
	}
	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		const char **dst = (const char **)(void *)((char *)a +
		    opts[i].off);

		n = strlen(opts[i].name);
		if (strncmp(arg, opts[i].name, n) != 0)
			continue;
		if (arg[n] == '=') {
			*dst = arg + n + 1;
			return 0;
		}
		if (arg[n] == '\0') {
			if (next == NULL)
				return cli_fail("%s needs a value", arg), -1;
			*dst = next;
			*used = 1;
			return 0;
		}
	}
	return cli_fail("unknown option '%s'", arg), -1;
}

int
cli_main(int argc, char **argv)
{
	const struct cli_cmd *cmd = NULL;
	struct cli_args a;
	struct strbuf err = STRBUF_INIT;
	const char *cfg;
	const char *words[CLI_MAX_POS + 2];
	int nwords = 0, k, skip, help = 0;
	size_t i, w;

	memset(&a, 0, sizeof(a));
	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		printf("feige %s\n", cli_version());
		return 0;
	}
	/* options may stand anywhere: before, between or after the words */
	for (k = 1; k < argc; k++) {
		if (strcmp(argv[k], "--help") == 0 ||
		    strcmp(argv[k], "-h") == 0) {
			help = 1;
		} else if (strncmp(argv[k], "--", 2) == 0 && argv[k][2]) {
			if (option(&a, argv[k], k + 1 < argc ? argv[k + 1] :
			    NULL, &skip) != 0)
				return 1;
			k += skip;
		} else if (nwords < CLI_MAX_POS + 2) {
			words[nwords++] = argv[k];
		} else {
			return cli_fail("too many arguments");
		}
	}
	if (nwords == 0 || strcmp(words[0], "help") == 0) {
		if (nwords == 0 && !help)
			return usage(stderr, NULL), 1;
		usage(stdout, nwords > 1 ? words[1] : NULL);
		return 0;
	}
	/* the longest command name matching the leading words wins */
	for (i = 0, w = 0; i < N_COMMANDS; i++) {
		const char *name = commands[i].name, *sp = strchr(name, ' ');
		size_t n = sp ? 2 : 1;

		if ((int)n > nwords || n < w)
			continue;
		if (sp ? (strlen(words[0]) == (size_t)(sp - name) &&
		    strncmp(words[0], name, (size_t)(sp - name)) == 0 &&
		    strcmp(words[1], sp + 1) == 0) :
		    strcmp(words[0], name) == 0) {
			cmd = &commands[i];
			w = n;
		}
	}
	if (help) {	/* the command's usage, or its family's */
		if (cmd)
			printf("usage: feige %s\n", cmd->usage);
		else if (usage(stdout, words[0]) == 0)
			return cli_fail("unknown command '%s'", words[0]);
		return 0;
	}
	if (cmd == NULL) {
		usage(stderr, NULL);
		return cli_fail("unknown command '%s%s%s'", words[0],
		    nwords > 1 ? " " : "", nwords > 1 ? words[1] : "");
	}
	for (k = (int)w; k < nwords; k++) {
		if (a.npos >= CLI_MAX_POS)
			return cli_fail("too many arguments");
		a.pos[a.npos++] = words[k];
	}
	if (a.npos < cmd->min_pos || a.npos > cmd->max_pos)
		return cli_fail("usage: feige %s", cmd->usage);
	conf_defaults(&a.conf);
	if (a.config == NULL && (cfg = getenv("FEIGE_CONFIG")) != NULL && *cfg)
		a.config = cfg;
	if ((a.config && conf_load(&a.conf, a.config, &err) != 0) ||
	    conf_env(&a.conf, &err) != 0) {
		cli_fail("%s", err.buf);
		strbuf_release(&err);
		return 1;
	}
	if ((a.data && conf_set(&a.conf, "data_dir", a.data, &err) != 0) ||
	    (a.listen && conf_set(&a.conf, "listen", a.listen, &err) != 0)) {
		cli_fail("%s", err.buf);
		strbuf_release(&err);
		return 1;
	}
	strbuf_release(&err);
	if (store_set_url(a.conf.store_url) != 0)
		return cli_fail("store.url must start with postgresql:// "
				"or postgres:// (or be empty for SQLite)"),
		       1;
	if (strcmp(a.conf.log_level, "debug") == 0)
		log_verbosity = LOG_LVL_DEBUG;
	else if (strcmp(a.conf.log_level, "warn") == 0)
		log_verbosity = LOG_LVL_WARN;
	else if (strcmp(a.conf.log_level, "error") == 0)
		log_verbosity = LOG_LVL_ERROR;
	a.cmd = cmd;
	return cmd->exec(&a);
}
