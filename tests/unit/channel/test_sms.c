/*
 * test_sms.c: the channel layer's "can this channel deliver now?"
 * answer (channel_ready) for the refused channels and for sms/voice
 * with and without a provider, the provider table, and the Tencent
 * provider's settings check.  No network.
 */
#include <string.h>

#include "harness.h"

#include "channel/sms_int.h"

TEST(refused_channels)
{
	static const char *names[] = { "app", "extension", "clawbot", "qq",
	    "cmcc" };
	struct strbuf why = STRBUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct channel_driver *d = channel_lookup(names[i]);

		CHECK(d != NULL);
		CHECK_STR(d->name, names[i]);
		CHECK(channel_ready(d, &why) == -1);
		CHECK(why.len > 0);
	}
	CHECK(channel_ready(channel_lookup("QQ"), &why) == -1);
	CHECK_CONTAINS(why.buf, "proactive-message permission");
	CHECK(channel_ready(channel_lookup("wechat"), &why) == 0);
	CHECK(channel_lookup("pigeon") == NULL);
	strbuf_release(&why);
}

static struct channel_settings
with_sms(const char *provider)
{
	struct channel_settings cs;

	memset(&cs, 0, sizeof(cs));
	cs.timeout_ms = 1000;
	cs.sms.provider = provider;
	cs.sms.secret_id = "id";
	cs.sms.secret_key = "key";
	cs.sms.region = "ap-guangzhou";
	cs.sms.sdk_app_id = "1400000001";
	cs.sms.template_id = "1";
	cs.sms.endpoint = "http://127.0.0.1:9/";
	return cs;
}

TEST(sms_needs_a_provider)
{
	struct channel_settings cs = with_sms("none");
	struct strbuf why = STRBUF_INIT;

	CHECK(channel_configure(&cs, &why) == 0);
	CHECK(channel_ready(&channel_sms, &why) == -1);
	CHECK_CONTAINS(why.buf, "未配置短信服务商");
	CHECK(channel_ready(&channel_voice, &why) == -1);
	CHECK_CONTAINS(why.buf, "语音通知");

	cs = with_sms("tencent");
	CHECK(channel_configure(&cs, &why) == 0);
	CHECK(channel_ready(&channel_sms, &why) == 0);
	/* voice needs its own application and template */
	CHECK(channel_ready(&channel_voice, &why) == -1);
	CHECK_CONTAINS(why.buf, "sms.voice_app_id is not set");
	CHECK_STR(channel_settings()->sms.endpoint, "http://127.0.0.1:9");

	cs.sms.secret_key = "";
	CHECK(channel_configure(&cs, &why) == 0);
	CHECK(channel_ready(&channel_sms, &why) == -1);
	CHECK_CONTAINS(why.buf, "缺少 sms.secret_key");

	cs = with_sms("aliyun");
	CHECK(channel_configure(&cs, &why) == -1);
	CHECK_STR(why.buf, "sms.provider: unknown provider 'aliyun' (one "
	    "of: none tencent)");
	strbuf_release(&why);
}

TEST(provider_table)
{
	CHECK(sms_provider_lookup("none", NULL) == &sms_none);
	CHECK(sms_provider_lookup("tencent", NULL) == &sms_tencent);
	CHECK(sms_provider_lookup("Tencent", NULL) == NULL);
}

int
main(void)
{
	RUN(refused_channels);
	RUN(sms_needs_a_provider);
	RUN(provider_table);
	DONE();
}
