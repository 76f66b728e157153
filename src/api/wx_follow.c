/* wx_follow.c: placeholder */
#include "api/api.h"
#include "http/http.h"

void api_wx_qr_create(struct http_req *r) { api_wx_reply(r, 1004, "todo", NULL); }
void api_wx_qr_scan_uid(struct http_req *r) { api_wx_reply(r, 1004, "todo", NULL); }
void api_wx_follow_page(struct http_req *r, int t, const char *id) { (void)t; (void)id; api_wx_reply(r, 1004, "todo", NULL); }
void api_wx_me_page(struct http_req *r) { api_wx_reply(r, 1004, "todo", NULL); }
void api_wx_unfollow(struct http_req *r) { api_wx_reply(r, 1004, "todo", NULL); }
void api_wx_uplink(struct http_req *r, int f) { (void)f; api_wx_reply(r, 1004, "todo", NULL); }
void api_wx_qrcode_svg(struct http_req *r, const char *n) { (void)n; api_wx_reply(r, 1004, "todo", NULL); }
