/*
 * cli.c: the command table, argument parsing and helpers shared by the
 * commands (cli.h).
 *
 * Parsing: the longest command name that matches the leading words wins
 * ("user add"), then every remaining word is an option (--json, --data
 * DIR, --config FILE, --listen ADDR, --callback URL, also in --opt=value
 * form) or a positional.  The config file is read first, then --data and
 * --listen override it.  The store and output helpers the command
 * bodies share are in cli_run.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/errors.h"
#include "util/log.h"
#include "util/strbuf.h"

static const struct cli_cmd *commands[] = {
	&cmd_serve, &cmd_check_config,
	&cmd_user_add, &cmd_user_list, &cmd_user_callback,
	&cmd_group_add, &cmd_group_join,
	&cmd_friend_add,
	&cmd_message_list, &cmd_message_show,
	&cmd_app_add, &cmd_app_reset, &cmd_app_list, &cmd_app_set,
	&cmd_topic_add, &cmd_follow, &cmd_product_add, &cmd_pay_grant,
	&cmd_user_spt,
	&cmd_webhook_add, &cmd_webhook_list, &cmd_mail_add, &cmd_mail_list,
	&cmd_cp_add, &cmd_cp_list, &cmd_user_email,
	&cmd_webhook_delete, &cmd_mail_delete, &cmd_cp_delete,
	&cmd_user_openapi,
	NULL,
};

int
cli_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("feige: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

long long
cli_parse_id(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	return (*s && *end == '\0' && v > 0) ? v : -1;
}

static void
usage(void)
{
	size_t i;

	fprintf(stderr, "usage: feige COMMAND [ARGS] [--data DIR] "
	    "[--config FILE] [--json]\n\ncommands:\n");
	for (i = 0; commands[i]; i++)
		fprintf(stderr, "  feige %s\n", commands[i]->usage);
}

static int
option(struct cli_args *a, const char *arg, const char *next, int *used)
{
	static const struct { const char *name; size_t off; } opts[] = {
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
		{ "--ip", offsetof(struct cli_args, ip) },
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
	const char *words[CLI_MAX_POS + 2];
	int nwords = 0, k, skip;
	size_t i, w;

	memset(&a, 0, sizeof(a));
	/* options may stand anywhere: before, between or after the words */
	for (k = 1; k < argc; k++) {
		if (strncmp(argv[k], "--", 2) == 0 && argv[k][2] &&
		    strcmp(argv[k], "--help") != 0) {
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
	if (nwords == 0 || strcmp(words[0], "help") == 0 ||
	    strcmp(words[0], "--help") == 0 || strcmp(words[0], "-h") == 0) {
		usage();
		return nwords == 0;
	}
	/* the longest command name matching the leading words wins */
	for (i = 0, w = 0; commands[i]; i++) {
		const char *name = commands[i]->name, *sp = strchr(name, ' ');
		size_t n = sp ? 2 : 1;

		if ((int)n > nwords || n < w)
			continue;
		if (sp ? (strlen(words[0]) == (size_t)(sp - name) &&
		    strncmp(words[0], name, (size_t)(sp - name)) == 0 &&
		    strcmp(words[1], sp + 1) == 0) :
		    strcmp(words[0], name) == 0) {
			cmd = commands[i];
			w = n;
		}
	}
	if (cmd == NULL) {
		usage();
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
	if (a.config && conf_load(&a.conf, a.config, &err) != 0) {
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
	if (strcmp(a.conf.log_level, "debug") == 0)
		log_verbosity = LOG_LVL_DEBUG;
	else if (strcmp(a.conf.log_level, "warn") == 0)
		log_verbosity = LOG_LVL_WARN;
	else if (strcmp(a.conf.log_level, "error") == 0)
		log_verbosity = LOG_LVL_ERROR;
	a.cmd = cmd;
	return cmd->exec(&a);
}
