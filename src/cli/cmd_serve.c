/*
 * cmd_serve.c: `feige serve [--config FILE] [--listen ADDR:PORT]
 * [--data DIR]` and `feige check-config`.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "cli/cli.h"

static int
serve_exec(struct cli_args *a)
{
	static struct app app;

	app.conf = a->conf;
	return app_serve(&app);
}

static int
check_exec(struct cli_args *a)
{
	conf_print(&a->conf);
	fprintf(stderr, "configuration OK\n");
	return 0;
}

const struct cli_cmd cmd_serve = {
	.name = "serve", .min_pos = 0, .max_pos = 0,
	.usage = "serve [--config FILE] [--listen ADDR:PORT] [--data DIR]",
	.exec = serve_exec,
};

const struct cli_cmd cmd_check_config = {
	.name = "check-config", .min_pos = 0, .max_pos = 0,
	.usage = "check-config [--config FILE]",
	.exec = check_exec,
};
