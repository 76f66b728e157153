/*
 * cmd_chan.c: a user's channel configurations (pushplus "渠道配置") and
 * e-mail address and phone number:
 *
 *   feige webhook add OWNER_UID CODE NAME TYPE URL [--method M]
 *         [--headers H] [--body TEMPLATE]   (the last three: type 12)
 *   feige webhook list OWNER_UID
 *   feige webhook show OWNER_UID CODE     (also mail show, cp show)
 *   feige webhook edit OWNER_UID CODE NAME TYPE URL [--code NEW] ...
 *         (also mail edit, cp edit: add's arguments, every field replaced)
 *   feige webhook delete OWNER_UID CODE   (also mail delete, cp delete)
 *   feige mail add OWNER_UID CODE NAME --smtp HOST --port N --ssl 0|1
 *         --account A --password P
 *   feige mail list OWNER_UID
 *   feige cp add OWNER_UID CODE NAME --corpid X --agentid N --secret S
 *   feige cp list OWNER_UID
 *   feige user email UID ADDR
 *   feige user phone UID NUMBER   (E.164 or mainland mobile; "-" clears)
 *
 * A send names a config by its code in `webhook`.  Values are checked
 * here (type, URL scheme, port, ...) so a bad config fails when it is
 * made, not at its first delivery; the writes are the operations of
 * ops/chan.h, which the open API's webhook/add and edit call too.
 * Passwords and secrets are stored as given and listed only as "***".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel/channel.h"
#include "channel/webhook.h"
#include "cli/cmd.h"
#include "ops/chan.h"
#include "util/errors.h"

static int
copy_field(char *dst, size_t size, const char *v, const char *what)
{
	if (v == NULL || *v == '\0')
		return cli_fail("%s is required", what);
	if (strlen(v) >= size)
		return cli_fail("%s is too long (at most %zu bytes)", what,
		    size - 1);
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}

static long long
parse_num(const char *v, long long min, long long max)
{
	char *end;
	long long n;

	if (v == NULL || *v == '\0')
		return -1;
	n = strtoll(v, &end, 10);
	return (*end || n < min || n > max) ? -1 : n;
}

/* The kind a command is about, by its first word ("mail add"). */
static int
cmd_kind(const struct cli_args *a)
{
	switch (a->cmd->name[0]) {
	case 'w':
		return STORE_CHAN_WEBHOOK;
	case 'm':
		return STORE_CHAN_MAIL;
	default:
		return STORE_CHAN_CP;
	}
}

static json_t *
chan_json(const struct store_chan *c)
{
	json_t *o = json_pack("{s:I,s:s,s:s,s:I}", "id", (json_int_t)c->id,
	    "code", c->code, "name", c->name, "created",
	    (json_int_t)c->created_ms);

	switch (c->kind) {
	case STORE_CHAN_WEBHOOK:
		json_object_set_new(o, "type", json_integer(c->type));
		json_object_set_new(o, "typeName",
		    json_string(channel_webhook_type_name(c->type)));
		json_object_set_new(o, "url", json_string(c->url));
		if (c->type == WEBHOOK_TYPE_CUSTOM) {
			json_object_set_new(o, "method",
			    json_string(c->http_method));
			json_object_set_new(o, "headers",
			    json_string(c->headers));
			json_object_set_new(o, "body", json_string(c->body));
		}
		break;
	case STORE_CHAN_MAIL:
		json_object_set_new(o, "smtp", json_string(c->host));
		json_object_set_new(o, "port", json_integer(c->port));
		json_object_set_new(o, "ssl", json_integer(c->ssl));
		json_object_set_new(o, "account", json_string(c->account));
		break;
	case STORE_CHAN_CP:
		json_object_set_new(o, "corpid", json_string(c->corpid));
		json_object_set_new(o, "agentid", json_integer(c->agentid));
		break;
	}
	return o;
}

/* An optional option's value into dst; 0 or the exit code. */
static int
copy_opt(char *dst, size_t size, const char *v, const char *what)
{
	return v && *v ? copy_field(dst, size, v, what) : 0;
}

/* --method, --headers, --body of a custom webhook; 0 or the exit code. */
static int
custom(struct cli_args *a, struct store_chan *c)
{
	struct strbuf err = STRBUF_INIT;
	int rc;

	if (copy_opt(c->http_method, sizeof(c->http_method), a->method,
	    "--method") || copy_opt(c->headers, sizeof(c->headers),
	    a->headers, "--headers") || copy_opt(c->body, sizeof(c->body),
	    a->body, "--body"))
		return 1;
	if ((rc = channel_webhook_custom_check(c, &err)) != 0)
		cli_fail("%s", err.buf);
	strbuf_release(&err);
	return rc != 0;
}

/* Fill the kind's fields from the arguments; 0 or the exit code. */
static int
fill(struct cli_args *a, struct store_chan *c)
{
	long long n;

	if (copy_field(c->code, sizeof(c->code), a->pos[1], "CODE") ||
	    copy_field(c->name, sizeof(c->name), a->pos[2], "NAME"))
		return 1;
	switch (c->kind) {
	case STORE_CHAN_WEBHOOK:
		if ((n = parse_num(a->pos[3], 1, 1000000)) < 0)
			return cli_fail("TYPE must be a positive number (%s)",
			    channel_webhook_types());
		if (!channel_webhook_type_ok((int)n))
			return cli_fail("TYPE %lld is not supported by this "
			    "server (%s)", n, channel_webhook_type_note((int)n) ?
			    channel_webhook_type_note((int)n) :
			    channel_webhook_types());
		c->type = (int)n;
		if (copy_field(c->url, sizeof(c->url), a->pos[4], "URL"))
			return 1;
		if (strncmp(c->url, "http://", 7) != 0 &&
		    strncmp(c->url, "https://", 8) != 0)
			return cli_fail("URL must start with http:// or "
			    "https://");
		return custom(a, c);
	case STORE_CHAN_MAIL:
		if (copy_field(c->host, sizeof(c->host), a->smtp, "--smtp") ||
		    copy_field(c->account, sizeof(c->account), a->account,
		    "--account") || copy_field(c->password,
		    sizeof(c->password), a->password, "--password"))
			return 1;
		if ((n = parse_num(a->port, 1, 65535)) < 0)
			return cli_fail("--port must be a number in 1..65535");
		c->port = (int)n;
		if ((n = parse_num(a->ssl ? a->ssl : "0", 0, 1)) < 0)
			return cli_fail("--ssl must be 0 or 1");
		c->ssl = (int)n;
		return 0;
	case STORE_CHAN_CP:
		if (copy_field(c->corpid, sizeof(c->corpid), a->corpid,
		    "--corpid") || copy_field(c->secret, sizeof(c->secret),
		    a->secret, "--secret"))
			return 1;
		if ((n = parse_num(a->agentid, 0, (1LL << 53))) < 0)
			return cli_fail("--agentid must be a number");
		c->agentid = n;
		return 0;
	}
	return 1;
}

/* The owner's (pos 0) config of the command's kind with code; 0 or -1. */
static int
chan_lookup(struct store *s, struct cli_args *a, const char *code,
    struct store_user *owner, struct store_chan *c)
{
	if (cli_user_by_uid(s, a->pos[0], owner) != 0)
		return -1;
	if (dir_chan_by_code(s, owner->id, cmd_kind(a), code, c) != 0)
		return cli_fail("%s has no %s '%s'", owner->uid,
		    store_chan_kind_name(cmd_kind(a)), code), -1;
	return 0;
}

/*
 * `KIND add` and `KIND edit` (the same arguments: edit replaces every
 * field of the config CODE names, CODE and NAME included, with
 * ops_chan_update; `--code NEW` renames it).
 */
int
cmd_chan_add(struct cli_args *a)
{
	int kind = cmd_kind(a), edit = strstr(a->cmd->name, " edit") != NULL;
	struct cli_tx t;
	struct store_user owner;
	struct store_chan c, old;

	memset(&c, 0, sizeof(c));
	c.kind = kind;
	if (fill(a, &c) != 0 || (edit && a->code && copy_field(c.code,
	    sizeof(c.code), a->code, "--code")) || cli_tx_open(&t, a) != 0)
		return 1;
	if (edit ? chan_lookup(t.s, a, a->pos[1], &owner, &old) == 0 :
	    cli_user_by_uid(t.s, a->pos[0], &owner) == 0) {
		c.owner_id = owner.id;
		c.id = edit ? old.id : 0;
		if (cli_tx_begin(&t) == 0)
			t.rc = edit ? ops_chan_update(t.s, &c, NULL, &t.err) :
			    ops_chan_add(t.s, &c, &t.err);
	}
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, chan_json(&c), "%s '%s' (%s) %s for %s, id %lld\n",
	    store_chan_kind_name(kind), c.code, c.name, edit ? "saved" :
	    "added", owner.uid, (long long)c.id);
}

static int
list_row(void *arg, const struct store_chan *c)
{
	struct cli_list *ls = arg;

	if (ls->json)
		json_array_append_new(ls->arr, chan_json(c));
	else if (c->kind == STORE_CHAN_WEBHOOK)
		printf("%lld\t%s\t%s\ttype %d\t%s\n", (long long)c->id,
		    c->code, c->name, c->type, c->url);
	else if (c->kind == STORE_CHAN_MAIL)
		printf("%lld\t%s\t%s\t%s@%s:%d ssl=%d\n", (long long)c->id,
		    c->code, c->name, c->account, c->host, c->port, c->ssl);
	else
		printf("%lld\t%s\t%s\tcorp %s agent %lld\n", (long long)c->id,
		    c->code, c->name, c->corpid, (long long)c->agentid);
	return 0;
}

int
cmd_chan_list(struct cli_args *a)
{
	int kind = cmd_kind(a);
	struct store *s;
	struct store_user owner;
	struct cli_list ls = { NULL, a->json, a };
	int rc;

	if (cli_open(a, &s) != 0)
		return 1;
	ls.arr = json_array();
	if ((rc = cli_user_by_uid(s, a->pos[0], &owner)) == 0 &&
	    (rc = dir_chan_list(s, owner.id, kind, list_row, &ls)) != 0)
		cli_fail("list: %s", fg_strerror(rc));
	store_close(s);
	if (rc == 0 && a->json)
		cli_print_json(ls.arr);
	else
		json_decref(ls.arr);
	return rc != 0;
}

/* `KIND show OWNER_UID CODE` (secrets and passwords are not shown). */
int
cmd_chan_show(struct cli_args *a)
{
	struct cli_list ls = { NULL, 0, a };
	struct store *s;
	struct store_user owner;
	struct store_chan c;
	int rc;

	if (cli_open(a, &s) != 0)
		return 1;
	rc = chan_lookup(s, a, a->pos[1], &owner, &c);
	store_close(s);
	if (rc != 0)
		return 1;
	if (a->json)
		return cli_out(a, chan_json(&c), "%s", "");
	return list_row(&ls, &c);
}

int
cmd_chan_delete(struct cli_args *a)
{
	int kind = cmd_kind(a);
	struct cli_tx t;
	struct store_user owner;
	struct store_chan c;

	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &owner) == 0 &&
	    cli_tx_begin(&t) == 0)
		t.rc = ops_chan_delete(t.s, owner.id, kind, a->pos[1], &c,
		    &t.err);
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:I,s:s,s:b}", "id", (json_int_t)c.id,
	    "code", c.code, "deleted", 1), "%s '%s' deleted\n",
	    store_chan_kind_name(kind), c.code);
}

int
cmd_user_email(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user u;
	const char *addr = a->pos[1];

	if (strlen(addr) > STORE_EMAIL_MAX || strchr(addr, '@') == NULL ||
	    strpbrk(addr, " \t\r\n<>,;\"") != NULL)
		return cli_fail("'%s' is not an e-mail address", addr);
	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &u) == 0 && cli_tx_begin(&t) == 0)
		t.rc = ops_chan_email(t.s, u.id, addr, &t.err);
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:s,s:s}", "uid", u.uid, "email", addr),
	    "%s: e-mail %s\n", u.uid, addr);
}

int
cmd_user_phone(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user u;
	char phone[STORE_PHONE_MAX + 1] = "";

	if (strcmp(a->pos[1], "-") != 0 &&
	    ops_phone_normalize(a->pos[1], phone) != 0)
		return cli_fail("'%s' is not a phone number (E.164 as "
		    "+4915112345678, or an 11-digit mainland mobile number)",
		    a->pos[1]);
	if (cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &u) == 0 && cli_tx_begin(&t) == 0)
		t.rc = ops_chan_phone(t.s, u.id, phone, &t.err);
	if (cli_tx_end(&t, "%s") != 0)
		return 1;
	return cli_out(a, json_pack("{s:s,s:s}", "uid", u.uid, "phone",
	    phone), "%s: phone %s\n", u.uid, *phone ? phone : "(none)");
}
