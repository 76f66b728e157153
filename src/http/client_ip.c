/*
 * client_ip.c: who is asking (http.h http_client_ip()).
 *
 * The address decides the open API's IP allowlist, and goes into logs
 * and per-address limits, so it must not be something a client can
 * write.  By default it is the TCP peer.  Behind nginx or HAProxy the
 * peer is the proxy; the operator lists such proxies in
 * http.trusted_proxies, and only for a request whose peer is on that
 * list are the forwarding headers read:
 *
 *  - X-Forwarded-For is read from the right.  Each proxy appends the
 *    address it got the request from, so the rightmost entries are our
 *    own proxies; the first entry (from the right) that is not a trusted
 *    proxy is the client.  Whatever lies left of it was written by the
 *    client itself and is ignored.  An entry that is not an IP address
 *    ends the walk at the last trusted hop: a garbled header must not
 *    make feige believe a made-up address.
 *  - Without X-Forwarded-For, X-Real-IP (nginx's `proxy_set_header
 *    X-Real-IP $remote_addr`) if it is an IP address.
 *
 * Addresses are normalised (inet_pton + inet_ntop, IPv4-mapped IPv6 as
 * IPv4), so "::ffff:10.0.0.1" and "10.0.0.1" match the same list entry.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "http/http.h"
#include "util/iplist.h"

/* text of a raw address into buf; IPv4-mapped as IPv4 */
static const char *
addr_text(int family, const void *raw, char *buf, size_t size)
{
	const uint8_t *b = raw;

	*buf = '\0';
	if (family == AF_INET6 && IN6_IS_ADDR_V4MAPPED((const struct in6_addr *)
	    raw))
		inet_ntop(AF_INET, b + 12, buf, (socklen_t)size);
	else
		inet_ntop(family, raw, buf, (socklen_t)size);
	return buf;
}

/* s[0..n) normalised into buf when it is an IP address; 0 or -1 */
static int
parse_ip(const char *s, size_t n, char *buf, size_t size)
{
	char tmp[INET6_ADDRSTRLEN + 2];
	unsigned char raw[16];

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']')
		s++, n -= 2;
	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (inet_pton(AF_INET, tmp, raw) == 1)
		addr_text(AF_INET, raw, buf, size);
	else if (inet_pton(AF_INET6, tmp, raw) == 1)
		addr_text(AF_INET6, raw, buf, size);
	else
		return -1;
	return 0;
}

/* the client named by X-Forwarded-For, walking from the right */
static void
from_forwarded(const char *xff, const char *trusted, char *buf, size_t size)
{
	const char *end = xff + strlen(xff), *p;
	char ip[INET6_ADDRSTRLEN];

	while (end > xff) {
		for (p = end; p > xff && p[-1] != ','; p--)
			;
		if (parse_ip(p, (size_t)(end - p), ip, sizeof(ip)) != 0)
			return;			/* keep the last trusted hop */
		snprintf(buf, size, "%s", ip);
		if (!iplist_allowed(trusted, ip))
			return;			/* the client */
		end = p > xff ? p - 1 : p;
	}
}

const char *
http_client_ip(struct http_req *r, char *buf, size_t size)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn,
	    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	const char *h;
	char ip[INET6_ADDRSTRLEN];

	*buf = '\0';
	if (sa == NULL || size < INET6_ADDRSTRLEN)
		return buf;
	if (sa->sa_family == AF_INET)
		addr_text(AF_INET, &((const struct sockaddr_in *)(const void *)
		    sa)->sin_addr, buf, size);
	else if (sa->sa_family == AF_INET6)
		addr_text(AF_INET6, &((const struct sockaddr_in6 *)
		    (const void *)sa)->sin6_addr, buf, size);
	if (r->trusted_proxies == NULL || *r->trusted_proxies == '\0' ||
	    !iplist_allowed(r->trusted_proxies, buf))
		return buf;
	if ((h = MHD_lookup_connection_value(r->conn,
	    MHD_HEADER_KIND, "X-Forwarded-For")) != NULL && *h)
		from_forwarded(h, r->trusted_proxies, buf, size);
	else if ((h = MHD_lookup_connection_value(r->conn,
	    MHD_HEADER_KIND, "X-Real-IP")) != NULL &&
	    parse_ip(h, strlen(h), ip, sizeof(ip)) == 0)
		snprintf(buf, size, "%s", ip);
	return buf;
}
