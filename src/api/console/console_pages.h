/*
 * console_pages.h: the entries of the console's sender pages, one
 * pair per page file, for the table in console_sender.c.
 */
#ifndef FG_API_CONSOLE_PAGES_H
#define FG_API_CONSOLE_PAGES_H

#include <stddef.h>
#include <stdint.h>

#include "render/console_sender.h"
#include "store/store_chan.h"
#include "store/store_open.h"
#include "store/store_wx.h"

struct console_req;

/* The person's channel configs, every kind (console_send.c). */
#define CONSOLE_CFGS 64
struct console_cfgs {
	struct store_chan rows[CONSOLE_CFGS];
	struct console_chancfg view[CONSOLE_CFGS];
	size_t n;
	const char *kind;
};
void console_cfgs_load(int64_t user, struct console_cfgs *);

/*
 * Group members or friends as the pages show them (console_groups.c):
 * console_people_one() is the dir_member_list()/dir_friend_list()
 * callback filling it.
 */
#define CONSOLE_PEOPLE 200
struct console_people {
	struct store_open_person rows[CONSOLE_PEOPLE];
	struct console_member view[CONSOLE_PEOPLE];
	size_t n;
};
int console_people_one(void *arg, const struct store_open_person *);

void console_token_get(struct console_req *);
void console_token_post(struct console_req *);

void console_send_get(struct console_req *);
void console_send_post(struct console_req *);

void console_history_get(struct console_req *);
void console_history_post(struct console_req *);

void console_groups_get(struct console_req *);
void console_groups_post(struct console_req *);

void console_channels_get(struct console_req *);
void console_channels_post(struct console_req *);
/* The channel configs page with v's form and test result. */
void console_channels_show(struct console_req *,
    struct console_channels_view *, unsigned int status, const char *error);
/* POST /console/channels/test (console_chantest.c). */
void console_chantest(struct console_req *);
/*
 * Run test t (copied) with c's request parked, then answer it from the
 * test's thread with fn on page (a path of the page tables); a test
 * refused at once (one per person, CHANTEST_MAX) is fn's 429 with the
 * reason's key.  console_test_result(): t's result into v's t_ fields.
 */
struct queue_chan_test;
typedef void (*console_test_show)(struct console_req *,
    const struct queue_chan_test *, unsigned int status, const char *error);
void console_test_run(struct console_req *, struct queue_chan_test *t,
    const char *page, console_test_show fn);
void console_test_result(const struct queue_chan_test *, const char *code,
    struct console_channels_view *v);

void console_settings_get(struct console_req *);
void console_settings_post(struct console_req *);

void console_friends_get(struct console_req *);
void console_friends_post(struct console_req *);

void console_openapi_get(struct console_req *);
void console_openapi_post(struct console_req *);

void console_wx_get(struct console_req *);
void console_wx_post(struct console_req *);

void console_devices_get(struct console_req *);
void console_devices_post(struct console_req *);

void console_pre_get(struct console_req *);
void console_pre_post(struct console_req *);

void console_chanadd_get(struct console_req *);
void console_chanadd_post(struct console_req *);

void console_keys_get(struct console_req *);
void console_keys_post(struct console_req *);

/*
 * The person's WxPusher apps, each with its topics (console_wxtopics.c),
 * for the topics and products pages; console_wxapp_own(): 0 when app
 * id is the person's, else -1.
 */
#define CONSOLE_WXAPPS 20
#define CONSOLE_WXTOPICS 50
struct console_wxapps_app {
	struct store_wx_app row;
	struct store_wx_topic topics[CONSOLE_WXTOPICS];
	struct console_wxtopic view[CONSOLE_WXTOPICS];
	struct console_wxtopic_app *v;
};
struct console_wxapps {
	int64_t owner;
	struct console_wxapps_app apps[CONSOLE_WXAPPS];
	struct console_wxtopic_app view[CONSOLE_WXAPPS];
	size_t n;
};
void console_wxapps_load(int64_t owner, struct console_wxapps *);
int console_wxapp_own(const struct console_req *, int64_t id);

void console_callbacks_get(struct console_req *);
void console_callbacks_post(struct console_req *);

void console_wxproducts_get(struct console_req *);
void console_wxproducts_post(struct console_req *);

void console_wxtopics_get(struct console_req *);
void console_wxtopics_post(struct console_req *);

void console_wxfollowers_get(struct console_req *);
void console_wxfollowers_post(struct console_req *);

void console_wxqr_get(struct console_req *);
void console_wxqr_post(struct console_req *);

#endif
