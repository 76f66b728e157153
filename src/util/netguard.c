/*
 * netguard.c: the address check for outbound requests to user-supplied
 * URLs (netguard.h).  Pure function of the address; any thread.
 *
 * IPv4: 0/8, 10/8, 127/8, 169.254/16, 172.16/12, 192.168/16, 100.64/10,
 * the special-purpose 192.0.0/24 and benchmarking 198.18/15, and 224/4
 * and above.  IPv6: fc00::/7 (unique local), fe80::/10 and the old
 * site-local fec0::/10, multicast, the discard prefix 100::/64 and
 * Teredo 2001::/32 (its IPv4 is obfuscated, so all of it).  The
 * documentation nets (192.0.2/24, 198.51.100/24, 203.0.113/24,
 * 2001:db8::/32) are not routed anywhere, so they need no rule.  IPv6 that carries an
 * IPv4 address is judged by that address: mapped ::ffff:a.b.c.d, the
 * deprecated compatible ::a.b.c.d (which also covers :: and ::1),
 * NAT64 64:ff9b::/96 (the local-use 64:ff9b:1::/48 always) and 6to4
 * 2002::/16, whose gateways forward to the embedded address.
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

static int
v4_private(uint32_t a)
{
	return (a >> 24) == 0 || (a >> 24) == 10 || (a >> 24) == 127 ||
	    (a >> 16) == 0xa9fe || (a >> 20) == 0xac1 ||
	    (a >> 16) == 0xc0a8 || (a >> 22) == (100u << 2 | 1) ||
	    (a >> 8) == 0xc00000 ||		/* 192.0.0/24 */
	    (a >> 17) == (0xc612u >> 1) ||	/* 198.18/15 */
	    (a >> 28) >= 0xe;
}

static uint32_t
be32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

static int
v6_private(const uint8_t *b)
{
	static const uint8_t zero[12], nat64[12] = { 0, 0x64, 0xff, 0x9b };

	/* IPv4 inside: mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 */
	if ((memcmp(b, zero, 10) == 0 && b[10] == 0xff && b[11] == 0xff) ||
	    memcmp(b, zero, 12) == 0 || memcmp(b, nat64, 12) == 0)
		return v4_private(be32(b + 12));
	if (b[0] == 0x20 && b[1] == 0x02)	/* 6to4 2002:a.b.c.d::/48 */
		return v4_private(be32(b + 2));
	return (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) ||
	    (b[0] == 0x01 && b[1] == 0 && b[2] == 0 && b[3] == 0) ||
	    (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) ||
	    (b[0] & 0xfe) == 0xfc || b[0] == 0xff ||
	    (b[0] == 0xfe && (b[1] & 0x80) == 0x80);	/* fe80::/10, fec0::/10 */
}

int
netguard_addr_private(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;

		return v4_private(ntohl(in->sin_addr.s_addr));
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		return v6_private(in6->sin6_addr.s6_addr);
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
