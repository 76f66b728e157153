/*
 * test_phone.c: ops_phone_normalize (src/ops/chan.c), the phone numbers
 * `feige user phone` stores for the sms and voice channels.
 */
#include "harness.h"

#include "ops/chan.h"

TEST(accepted)
{
	static const struct {
		const char	*in, *want;
	} ok[] = {
		{ "13800138000", "+8613800138000" },
		{ "138 0013-8000", "+8613800138000" },
		{ "+8613800138000", "+8613800138000" },
		{ "8613800138000", "+8613800138000" },
		{ "008613800138000", "+8613800138000" },
		{ "+4915112345678", "+4915112345678" },
		{ "+1 415 555 2671", "+14155552671" },
	};
	char out[STORE_PHONE_MAX + 1];
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		CHECK(ops_phone_normalize(ok[i].in, out) == 0);
		CHECK_STR(out, ok[i].want);
	}
}

TEST(refused)
{
	static const char *bad[] = { "", "12345", "23800138000",
	    "+86 010 1234 5678", "abc", "+0123456789", "+1234567",
	    "+1234567890123456", "1380013800x", "++8613800138000" };
	char out[STORE_PHONE_MAX + 1];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(ops_phone_normalize(bad[i], out) == -1);
}

int
main(void)
{
	RUN(accepted);
	RUN(refused);
	DONE();
}
