/*
 * netguard.c: the address check for outbound requests to user-supplied
 * URLs (netguard.h).  Pure function of the address; any thread.
 *
 * IPv4: 0/8, 10/8, 127/8, 169.254/16, 172.16/12, 192.168/16, 100.64/10
 * and 224/4 and above.  IPv6: loopback, unspecified, link-local, fc00::/7,
 * multicast, and IPv4-mapped addresses by their IPv4 rule.
 *
 * netguard_host_private() applies the same rule to a literal host
 * name without resolving it: blocking the request thread on DNS (which
 * has no timeout of its own) is worse than leaving names to the
 * connect-time check.  IPv4 goes through inet_aton(), which takes the
 * short and numeric forms (127.1, 2130706433, 0x7f.1) the resolver
 * also takes.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "util/netguard.h"

int
netguard_addr_private(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;
		uint32_t a = ntohl(in->sin_addr.s_addr);

		return (a >> 24) == 0 || (a >> 24) == 10 || (a >> 24) == 127 ||
		    (a >> 16) == 0xa9fe || (a >> 20) == 0xac1 ||
		    (a >> 16) == 0xc0a8 || (a >> 22) == (100u << 2 | 1) ||
		    (a >> 28) >= 0xe;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;
		const uint8_t *b = in6->sin6_addr.s6_addr;

		if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr)) {
			struct sockaddr_in v4;

			memset(&v4, 0, sizeof(v4));
			v4.sin_family = AF_INET;
			memcpy(&v4.sin_addr, b + 12, 4);
			return netguard_addr_private((struct sockaddr *)&v4);
		}
		return IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr) ||
		    IN6_IS_ADDR_UNSPECIFIED(&in6->sin6_addr) ||
		    IN6_IS_ADDR_LINKLOCAL(&in6->sin6_addr) ||
		    (b[0] & 0xfe) == 0xfc || b[0] == 0xff;
	}
	return 1;
}

int
netguard_host_private(const char *host)
{
	struct sockaddr_in v4;
	struct sockaddr_in6 v6;
	char buf[64];
	size_t len = strlen(host), dot = sizeof(".localhost") - 1;

	if (len && host[len - 1] == '.')	/* "localhost." */
		len--;
	if ((len == dot - 1 && strncasecmp(host, "localhost", len) == 0) ||
	    (len > dot && strncasecmp(host + len - dot, ".localhost",
	    dot) == 0))
		return 1;
	if (*host == '[' && len >= 2 && host[len - 1] == ']')
		host++, len -= 2;
	if (len >= sizeof(buf))
		return 0;
	snprintf(buf, sizeof(buf), "%.*s", (int)len, host);
	memset(&v4, 0, sizeof(v4));
	v4.sin_family = AF_INET;
	if (inet_aton(buf, &v4.sin_addr))
		return netguard_addr_private((struct sockaddr *)&v4);
	memset(&v6, 0, sizeof(v6));
	v6.sin6_family = AF_INET6;
	if (inet_pton(AF_INET6, buf, &v6.sin6_addr) == 1)
		return netguard_addr_private((struct sockaddr *)&v6);
	return 0;
}
