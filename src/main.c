/*
 * main.c: feige's entry point.  Process-wide setup (libsodium, libcurl,
 * line-buffered stdout) and then the command line (cli/cli.c).
 */
#include <curl/curl.h>
#include <stdio.h>

#include "cli/cli.h"
#include "util/ids.h"

int
main(int argc, char **argv)
{
	int rc;

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
