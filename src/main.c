/*
 * main.c: feige's entry point.  Process-wide setup (libsodium, libcurl,
 * line-buffered stdout, a private umask) and then the command line
 * (cli/cli_main.c).
 *
 * umask 077: the data dir holds tokens, appTokens, SPTs and channel
 * secrets, so every file feige makes (the database and its WAL, files
 * a CLI command or a migration creates, stored images) is the owner's
 * alone, whatever umask it was started under.
 */
#include <sys/stat.h>

#include <curl/curl.h>
#include <stdio.h>

#include "cli/cli.h"
#include "util/ids.h"

int
main(int argc, char **argv)
{
	int rc;

	umask(077);
	if (ids_init() != 0) {
		fputs("feige: cannot initialise libsodium\n", stderr);
		return 1;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	setvbuf(stdout, NULL, _IOLBF, 0);
	rc = cli_main(argc, argv);
	curl_global_cleanup();
	return rc;
}
