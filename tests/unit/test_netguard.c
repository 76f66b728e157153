/*
 * test_netguard.c: the outbound address rule, one literal per range it
 * must refuse and a few public neighbours it must let through (the
 * boundaries are where such rules go wrong).
 */
#include <string.h>

#include "harness.h"
#include "util/netguard.h"

static const char *const refused[] = {
	"127.0.0.1", "127.1", "2130706433", "0x7f.1", "0.0.0.0", "10.1.2.3",
	"172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
	"100.64.0.1", "100.127.255.255", "192.0.0.8",
	"198.18.0.1", "198.19.255.255",
	"224.0.0.1", "255.255.255.255", "localhost", "a.localhost.",
	"[::1]", "::", "::127.0.0.1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
	"64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b:1::1", "2002:7f00:1::",
	"2002:c0a8:101::1", "fec0::1", "feff::1", "fe80::1", "fc00::1",
	"fd12:3456::1", "ff02::1", "100::1", "2001::1",
};

static const char *const allowed[] = {
	"8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1",
	"192.0.1.1", "198.17.255.255", "198.20.0.1", "223.255.255.255",
	"2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808",
	"2002:808:808::1", "2400:3200::1", "example.com", "localhost.example",
	"203.0.113.7", "2001:db8::1",	/* documentation: not routed, not ours */
};

TEST(refused_ranges)
{
	size_t i;

	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		if (!netguard_host_private(refused[i])) {
			fprintf(stderr, "  not refused: %s\n", refused[i]);
			CHECK(0);
		}
}

TEST(public_neighbours)
{
	size_t i;

	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (netguard_host_private(allowed[i])) {
			fprintf(stderr, "  refused: %s\n", allowed[i]);
			CHECK(0);
		}
}

int
main(void)
{
	RUN(refused_ranges);
	RUN(public_neighbours);
	DONE();
}
