/*
 * console_sender.c: the table of the console's sender pages (issue
 * 12), in the order of the navigation.  A page is a row here and a
 * file of its own (console_<page>.c, whose get/post are declared in
 * console_pages.h); api/console/console.c dispatches by the path and
 * builds the navigation from this table and the operator table.
 */
#include "api/console/console.h"
#include "api/console/console_pages.h"

/* one row a page; clang-format would fold the rows */
/* clang-format off */
const struct console_page console_sender_pages[] = {
	{ "/console/token", "token.title", CON_NAV_SEND, 0,
	  console_token_get, console_token_post },
	{ "/console/send", "send.title", CON_NAV_SEND, 0,
	  console_send_get, console_send_post },
	{ "/console/history", "hist.title", CON_NAV_SEND, 0,
	  console_history_get, console_history_post },
	{ "/console/groups", "grp.title", CON_NAV_RECEIVE, 0,
	  console_groups_get, console_groups_post },
	{ "/console/friends", "fr.title", CON_NAV_RECEIVE, 0,
	  console_friends_get, console_friends_post },
	{ "/console/callbacks", "cb.title", CON_NAV_RECEIVE, 0,
	  console_callbacks_get, console_callbacks_post },
	{ "/console/devices", "dev.title", CON_NAV_RECEIVE, 0,
	  console_devices_get, console_devices_post },
	{ "/console/channels", "chan.title", CON_NAV_SEND, 0,
	  console_channels_get, console_channels_post },
	{ "/console/chanadd", "ca.title", CON_NAV_SEND, 0,
	  console_chanadd_get, console_chanadd_post },
	{ "/console/settings", "set.title", CON_NAV_SEND, 0,
	  console_settings_get, console_settings_post },
	{ "/console/openapi", "oa.title", CON_NAV_SEND, 0,
	  console_openapi_get, console_openapi_post },
	{ "/console/keys", "key.title", CON_NAV_SEND, 0,
	  console_keys_get, console_keys_post },
	{ "/console/pre", "pre.title", CON_NAV_SEND, 0,
	  console_pre_get, console_pre_post },
	{ "/console/wx", "wx.title", CON_NAV_WX, 0,
	  console_wx_get, console_wx_post },
	{ "/console/wxtopics", "wt.title", CON_NAV_WX, 0,
	  console_wxtopics_get, console_wxtopics_post },
	{ "/console/wxproducts", "wp.title", CON_NAV_WX, 0,
	  console_wxproducts_get, console_wxproducts_post },
	{ "/console/wxfollowers", "wf.title", CON_NAV_WX, 0,
	  console_wxfollowers_get, console_wxfollowers_post },
	{ "/console/wxqr", "wq.title", CON_NAV_WX, 0,
	  console_wxqr_get, console_wxqr_post },
};
/* clang-format on */
const size_t console_n_sender_pages = sizeof(console_sender_pages) /
    sizeof(console_sender_pages[0]);
