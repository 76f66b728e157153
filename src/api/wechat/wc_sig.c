/*
 * wc_sig.c: the signature of the official account's server URL
 * (wc_int.h, phones.md §1.5): sort token, timestamp and nonce as byte
 * strings, concatenate them without separators, SHA-1, lowercase hex.
 * The comparison is constant-time (ids_equal), and each input is capped
 * so a huge query parameter costs nothing.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/wechat/wc_int.h"
#include "util/ids.h"

#define WC_SIG_PART_MAX 256

static int
wc_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
wc_sig(const char *token, const char *timestamp, const char *nonce,
    char out[41])
{
	const char *p[3] = { token, timestamp, nonce };
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	qsort(p, 3, sizeof(p[0]), wc_cmp);
	{
		EVP_MD_CTX *c = EVP_MD_CTX_new();

		if (c == NULL || EVP_DigestInit_ex(c, EVP_sha1(), NULL) != 1 ||
		    EVP_DigestUpdate(c, p[0], strlen(p[0])) != 1 ||
		    EVP_DigestUpdate(c, p[1], strlen(p[1])) != 1 ||
		    EVP_DigestUpdate(c, p[2], strlen(p[2])) != 1 ||
		    EVP_DigestFinal_ex(c, md, &n) != 1)
			n = 0;
		EVP_MD_CTX_free(c);
	}
	out[0] = '\0';
	for (i = 0; i < n && i < 20; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

int
wc_sig_ok(const char *token, const char *timestamp, const char *nonce,
    const char *sig)
{
	char want[41];

	if (token == NULL || *token == '\0' || timestamp == NULL ||
	    nonce == NULL || sig == NULL || strlen(timestamp) > WC_SIG_PART_MAX ||
	    strlen(nonce) > WC_SIG_PART_MAX || strlen(sig) != 40)
		return 0;
	wc_sig(token, timestamp, nonce, want);
	return strlen(want) == 40 && ids_equal(want, sig);
}
