/*
 * wh_qinglian.c: webhook type 7, Tencent Qinglian (腾讯轻联, formerly
 * HiFlow).  The webhook URL is the one a Qinglian flow's "Webhook"
 * trigger generates; the flow then maps fields of whatever JSON arrives
 * onto its next steps.
 *
 * The body pushplus sends to this type is not documented publicly
 * (pushplus-today.md §2.7), and Qinglian's trigger takes any JSON, so
 * feige sends its generic JSON body (type 5, webhook.c): {"title",
 * "content","template","shortCode"} with the content as sent, and the
 * flow picks the fields it wants.  Qinglian's reply to a trigger is not
 * documented either, so any 2xx is success.
 */
#include "channel/webhook_int.h"

const struct webhook_type webhook_qinglian = {
	.id = 7, .name = "Tencent Qinglian", .build = webhook_json_build,
	.check = NULL,
};
