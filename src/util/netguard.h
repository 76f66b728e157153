/*
 * netguard.h: is an address one that a request to a user-supplied URL
 * must not reach (loopback, private, link-local, CGNAT, multicast,
 * unspecified, unique-local)?  Shared by the callback sender and the
 * webhook drivers; both check the address libcurl is about to connect
 * to (its open-socket callback), so DNS tricks do not get around it.
 * /send also checks a callbackUrl's host when the message is accepted,
 * so a URL that could only be refused later is refused at once.
 */
#ifndef FG_NETGUARD_H
#define FG_NETGUARD_H

struct sockaddr;

/* 1 if the IPv4/IPv6 address is not public (or not IP at all). */
int	netguard_addr_private(const struct sockaddr *);
/*
 * 1 if the host of a URL (an IPv4 literal in any form the resolver
 * takes, a bracketed or bare IPv6 literal, `localhost` or a name under
 * `.localhost`) is not public by the rule above; 0 for any other name,
 * which is left to the connect-time check (no DNS here).
 */
int	netguard_host_private(const char *host);

#endif
