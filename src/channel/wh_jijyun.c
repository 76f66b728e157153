/*
 * wh_jijyun.c: webhook type 9, Jijianyun (集简云).  The webhook URL is
 * the one a Jijianyun flow's webhook trigger generates,
 * https://hook.jijyun.cn/v1/accept/data/webhook_accept_first?apikey=…;
 * the flow then maps fields of whatever JSON arrives onto its steps.
 *
 * The body pushplus sends to this type is not documented publicly
 * (pushplus-today.md §2.7), and the trigger takes any JSON, so feige
 * sends its generic JSON body (type 5, webhook.c): {"title","content",
 * "template","shortCode"} with the content as sent.  Jijianyun's reply
 * to a trigger is not documented either, so any 2xx is success.
 */
#include "channel/webhook_int.h"

const struct webhook_type webhook_jijyun = {
	.id = 9, .name = "Jijianyun", .build = webhook_json_build,
	.check = NULL,
};
