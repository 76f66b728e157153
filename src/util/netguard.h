/*
 * netguard.h: is an address one that a request to a user-supplied URL
 * must not reach (loopback, private, link-local, CGNAT, multicast,
 * unspecified, unique-local)?  Shared by the callback sender and the
 * webhook drivers; both check the address libcurl is about to connect
 * to (its open-socket callback), so DNS tricks do not get around it.
 */
#ifndef FG_NETGUARD_H
#define FG_NETGUARD_H

struct sockaddr;

/* 1 if the IPv4/IPv6 address is not public (or not IP at all). */
int	netguard_addr_private(const struct sockaddr *);

#endif
