/*
 * cmd_serve.c: `feige serve [--config FILE] [--listen ADDR:PORT]
 * [--data DIR]` and `feige check-config`.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "cli/cmd.h"

int
cmd_serve(struct cli_args *a)
{
	static struct app app;

	app.conf = a->conf;
	return app_serve(&app);
}

int
cmd_check_config(struct cli_args *a)
{
	conf_print(&a->conf);
	fprintf(stderr, "configuration OK\n");
	return 0;
}
