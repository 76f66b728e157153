/*
 * test_tc3.c: Tencent Cloud's TC3-HMAC-SHA256 signer (src/channel/tc3.c)
 * against vectors computed independently, with Python's hmac and
 * hashlib following the "Signature v3" steps (the script is in the
 * comment below, so the vectors can be recomputed).  Tencent's own
 * documented example masks its SecretKey, so it cannot serve as a
 * vector.
 *
 *   def sign(sid, sk, service, host, action, payload, ts):
 *     canon = "POST\n/\n\ncontent-type:application/json; charset=utf-8"
 *             "\nhost:%s\nx-tc-action:%s\n\ncontent-type;host;"
 *             "x-tc-action\n%s" % (host, action.lower(),
 *             sha256(payload.encode()).hexdigest())
 *     date = utcfromtimestamp(ts).strftime('%Y-%m-%d')
 *     sts = "TC3-HMAC-SHA256\n%d\n%s/%s/tc3_request\n%s" % (ts, date,
 *             service, sha256(canon.encode()).hexdigest())
 *     h = lambda k, m: hmac.new(k, m.encode(), sha256).digest()
 *     k = h(h(h(('TC3' + sk).encode(), date), service), 'tc3_request')
 *     return hmac.new(k, sts.encode(), sha256).hexdigest()
 */
#include <string.h>

#include "harness.h"

#include "channel/sms_int.h"

TEST(sms_vector)
{
	struct strbuf out = STRBUF_INIT;
	struct tc3_request r = {
		.secret_id = "AKIDfeigeTESTsecretid0000000000000000",
		.secret_key = "feigeTESTsecretkey00000000000000",
		.service = "sms", .host = "sms.tencentcloudapi.com",
		.action = "SendSms",
		.payload = "{\"PhoneNumberSet\":[\"+8613800138000\"],"
		    "\"SignName\":\"飞鸽\",\"SmsSdkAppId\":\"1400000001\","
		    "\"TemplateId\":\"100001\",\"TemplateParamSet\":"
		    "[\"磁盘满了\"]}",
		.timestamp = 1764997217,
	};

	CHECK(tc3_authorization(&out, &r) == 0);
	CHECK_STR(out.buf, "TC3-HMAC-SHA256 Credential="
	    "AKIDfeigeTESTsecretid0000000000000000/2025-12-06/sms/"
	    "tc3_request, SignedHeaders=content-type;host;x-tc-action, "
	    "Signature=a7d6d1a4f6601acbd548439d61663d9e9199c8fbd7830c84a2a0"
	    "16daa0504249");
	strbuf_release(&out);
}

/* One second before midnight UTC: the scope's date is the old day. */
TEST(voice_vector_day_boundary)
{
	struct strbuf out = STRBUF_INIT;
	struct tc3_request r = {
		.secret_id = "AKIDvoice", .secret_key = "vk",
		.service = "vms", .host = "127.0.0.1:8443",
		.action = "SendTtsVoice",
		.payload = "{\"CalledNumber\":\"+8613800138000\",\"TemplateId\":"
		    "\"7\",\"TemplateParamSet\":[\"hi\"],\"VoiceSdkAppid\":"
		    "\"1400000002\"}",
		.timestamp = 1764979199,
	};

	CHECK(tc3_authorization(&out, &r) == 0);
	CHECK_STR(out.buf, "TC3-HMAC-SHA256 Credential=AKIDvoice/2025-12-05/"
	    "vms/tc3_request, SignedHeaders=content-type;host;x-tc-action, "
	    "Signature=4f929651ffdf037f9a00ef9842d127146f032e8157f746c9da71"
	    "ebaab9136d61");
	/* any change to the signed input changes the signature */
	r.timestamp++;
	CHECK(tc3_authorization(&out, &r) == 0);
	CHECK(strstr(out.buf, "4f929651ffdf") == NULL);
	strbuf_release(&out);
}

int
main(void)
{
	RUN(sms_vector);
	RUN(voice_vector_day_boundary);
	DONE();
}
