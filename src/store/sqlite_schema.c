/*
 * sqlite_schema.c: the SQLite schema as numbered migrations, applied in
 * order at open and recorded in PRAGMA user_version.  Never edit a
 * shipped migration; append a new one.
 *
 * Message ids are never shown: the shortCode is their encryption
 * (util/shortcode.h, key in meta).  Inbox ids are the SSE event ids and
 * must only grow; rows are never deleted below the newest one.
 *
 * Tables follow design.md's model: users (pushplus users, WxPusher
 * developers and recipients alike), topics and their members, friends,
 * messages with one delivery row per target, the inbox (a monotone id per
 * delivered item, which is the SSE event id), and the callback outbox.
 */
#include <sodium.h>
#include <stdio.h>

#include "util/errors.h"
#include "store/sqlite_int.h"
#include "util/strbuf.h"

static const char *migrations[] = {
	/* 1: the pushplus send foundation */
	"CREATE TABLE users ("
	" id INTEGER PRIMARY KEY,"
	" uid TEXT NOT NULL UNIQUE,"
	" token TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL,"
	" is_admin INTEGER NOT NULL DEFAULT 0,"
	" callback_url TEXT NOT NULL DEFAULT '',"
	" created_ms INTEGER NOT NULL);"
	"CREATE TABLE topics ("
	" id INTEGER PRIMARY KEY,"
	" owner_id INTEGER NOT NULL REFERENCES users(id),"
	" code TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL,"
	" created_ms INTEGER NOT NULL);"
	"CREATE TABLE topic_members ("
	" id INTEGER PRIMARY KEY,"
	" topic_id INTEGER NOT NULL REFERENCES topics(id),"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" created_ms INTEGER NOT NULL,"
	" UNIQUE (topic_id, user_id));"
	"CREATE TABLE friends ("
	" id INTEGER PRIMARY KEY,"
	" owner_id INTEGER NOT NULL REFERENCES users(id),"
	" friend_id INTEGER NOT NULL REFERENCES users(id),"
	" token TEXT NOT NULL UNIQUE,"
	" created_ms INTEGER NOT NULL,"
	" UNIQUE (owner_id, friend_id));"
	"CREATE TABLE meta ("
	" key TEXT PRIMARY KEY,"
	" value TEXT NOT NULL);"
	"CREATE TABLE messages ("
	" id INTEGER PRIMARY KEY,"
	" sender_id INTEGER NOT NULL,"
	" topic_id INTEGER NOT NULL DEFAULT 0,"
	" title TEXT NOT NULL,"
	" content TEXT NOT NULL,"
	" tpl INTEGER NOT NULL,"
	" channel TEXT NOT NULL,"
	" webhook TEXT NOT NULL,"
	" callback_url TEXT NOT NULL,"
	" not_after_ms INTEGER NOT NULL,"
	" status INTEGER NOT NULL,"
	" error TEXT NOT NULL,"
	" created_ms INTEGER NOT NULL,"
	" updated_ms INTEGER NOT NULL);"
	"CREATE INDEX messages_sender ON messages(sender_id, id);"
	"CREATE TABLE deliveries ("
	" id INTEGER PRIMARY KEY,"
	" message_id INTEGER NOT NULL,"
	" user_id INTEGER NOT NULL,"
	" channel TEXT NOT NULL,"
	" status INTEGER NOT NULL,"
	" attempts INTEGER NOT NULL DEFAULT 0,"
	" next_ms INTEGER NOT NULL DEFAULT 0,"
	" error TEXT NOT NULL DEFAULT '',"
	" updated_ms INTEGER NOT NULL);"
	"CREATE INDEX deliveries_message ON deliveries(message_id);"
	"CREATE INDEX deliveries_open ON deliveries(status) WHERE status < 2;"
	"CREATE TABLE inbox ("
	" id INTEGER PRIMARY KEY,"
	" user_id INTEGER NOT NULL,"
	" message_id INTEGER NOT NULL,"
	" delivery_id INTEGER NOT NULL,"
	" created_ms INTEGER NOT NULL);"
	"CREATE INDEX inbox_user ON inbox(user_id, id);"
	"CREATE TABLE outbox ("
	" id INTEGER PRIMARY KEY,"
	" url TEXT NOT NULL,"
	" body TEXT NOT NULL,"
	" status INTEGER NOT NULL DEFAULT 0,"
	" attempts INTEGER NOT NULL DEFAULT 0,"
	" due_ms INTEGER NOT NULL,"
	" error TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX outbox_due ON outbox(due_ms) WHERE status = 0;",
	/*
	 * 2: WxPusher: apps, topics, follows, send records (deliveries
	 * gain the record they belong to), QR codes, products, SPT tokens
	 * and the daily receive counter.
	 */
	"CREATE TABLE wx_apps ("
	" id INTEGER PRIMARY KEY,"
	" owner_id INTEGER NOT NULL REFERENCES users(id),"
	" token TEXT NOT NULL UNIQUE,"
	" app_key TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL,"
	" description TEXT NOT NULL DEFAULT '',"
	" contact TEXT NOT NULL DEFAULT '',"
	" callback_url TEXT NOT NULL DEFAULT '',"
	" settings_url TEXT NOT NULL DEFAULT '',"
	" follow_tip TEXT NOT NULL DEFAULT '',"
	" created_ms INTEGER NOT NULL);"
	"CREATE TABLE wx_topics ("
	" id INTEGER PRIMARY KEY,"
	" app_id INTEGER NOT NULL REFERENCES wx_apps(id),"
	" name TEXT NOT NULL,"
	" description TEXT NOT NULL DEFAULT '',"
	" created_ms INTEGER NOT NULL);"
	"CREATE TABLE wx_follows ("
	" id INTEGER PRIMARY KEY AUTOINCREMENT," /* ids never reused */
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" app_id INTEGER NOT NULL REFERENCES wx_apps(id),"
	" topic_id INTEGER NOT NULL DEFAULT 0,"
	" reject INTEGER NOT NULL DEFAULT 0,"
	" pay_end_ms INTEGER NOT NULL DEFAULT 0,"
	" source TEXT NOT NULL DEFAULT '',"
	" extra TEXT NOT NULL DEFAULT '',"
	" created_ms INTEGER NOT NULL,"
	" UNIQUE (user_id, app_id, topic_id));"
	"CREATE INDEX wx_follows_target ON wx_follows(app_id, topic_id, id);"
	"CREATE TABLE wx_records ("
	" id INTEGER PRIMARY KEY,"
	" message_id INTEGER NOT NULL,"
	" app_id INTEGER NOT NULL,"
	" user_id INTEGER NOT NULL DEFAULT 0,"
	" topic_id INTEGER NOT NULL DEFAULT 0,"
	" code INTEGER NOT NULL,"
	" text TEXT NOT NULL,"
	" created_ms INTEGER NOT NULL);"
	"ALTER TABLE deliveries ADD COLUMN record_id INTEGER NOT NULL "
	" DEFAULT 0;"
	"CREATE INDEX deliveries_record ON deliveries(record_id) "
	" WHERE record_id != 0;"
	"ALTER TABLE messages ADD COLUMN app_id INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE messages ADD COLUMN summary TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE messages ADD COLUMN url TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE users ADD COLUMN spt TEXT NOT NULL DEFAULT '';"
	"CREATE UNIQUE INDEX users_spt ON users(spt) WHERE spt != '';"
	"CREATE TABLE wx_qrcodes ("
	" id INTEGER PRIMARY KEY,"
	" code TEXT NOT NULL UNIQUE,"
	" app_id INTEGER NOT NULL,"
	" extra TEXT NOT NULL,"
	" expires_ms INTEGER NOT NULL,"
	" last_uid TEXT NOT NULL DEFAULT '',"
	" last_poll_ms INTEGER NOT NULL DEFAULT 0,"
	" created_ms INTEGER NOT NULL);"
	"CREATE TABLE wx_products ("
	" id INTEGER PRIMARY KEY,"
	" app_id INTEGER NOT NULL,"
	" topic_id INTEGER NOT NULL DEFAULT 0,"
	" name TEXT NOT NULL,"
	" price_fen INTEGER NOT NULL DEFAULT 0,"
	" created_ms INTEGER NOT NULL);"
	"CREATE TABLE wx_daily ("
	" user_id INTEGER NOT NULL,"
	" day INTEGER NOT NULL,"
	" n INTEGER NOT NULL,"
	" PRIMARY KEY (user_id, day)) WITHOUT ROWID;",
	/*
	 * 3: channel configurations: webhooks, mail senders and WeCom apps of
	 * a user (store_chan.h), the config each channel send was accepted
	 * with, and a user's e-mail address for the mail channel.
	 */
	"CREATE TABLE channel_configs ("
	" id INTEGER PRIMARY KEY,"
	" owner_id INTEGER NOT NULL REFERENCES users(id),"
	" kind INTEGER NOT NULL,"
	" code TEXT NOT NULL,"
	" name TEXT NOT NULL,"
	" type INTEGER NOT NULL DEFAULT 0,"
	" url TEXT NOT NULL DEFAULT '',"
	" host TEXT NOT NULL DEFAULT '',"
	" port INTEGER NOT NULL DEFAULT 0,"
	" ssl INTEGER NOT NULL DEFAULT 0,"
	" account TEXT NOT NULL DEFAULT '',"
	" password TEXT NOT NULL DEFAULT '',"
	" corpid TEXT NOT NULL DEFAULT '',"
	" agentid INTEGER NOT NULL DEFAULT 0,"
	" secret TEXT NOT NULL DEFAULT '',"
	" created_ms INTEGER NOT NULL,"
	" UNIQUE (owner_id, kind, code));"
	"CREATE TABLE message_channels ("
	" message_id INTEGER PRIMARY KEY,"
	" chan_id INTEGER NOT NULL,"
	" touser TEXT NOT NULL DEFAULT '');"
	"ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';",
	/*
	 * 4: pushplus open API (store_open.h): per-user open settings and
	 * account settings, AccessKey hashes, message tokens.
	 */
	"CREATE TABLE open_settings ("
	" user_id INTEGER PRIMARY KEY,"
	" enabled INTEGER NOT NULL DEFAULT 0,"
	" secret_hash TEXT NOT NULL DEFAULT '',"
	" ips TEXT NOT NULL DEFAULT '',"
	" default_channel TEXT NOT NULL DEFAULT 'wechat',"
	" default_webhook TEXT NOT NULL DEFAULT '',"
	" recevie_limit INTEGER NOT NULL DEFAULT 0,"
	" is_send INTEGER NOT NULL DEFAULT 1,"
	" open_message_type INTEGER NOT NULL DEFAULT 0,"
	" extension INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE open_keys ("
	" id INTEGER PRIMARY KEY,"
	" user_id INTEGER NOT NULL,"
	" key_hash TEXT NOT NULL UNIQUE,"
	" expires_ms INTEGER NOT NULL,"
	" created_ms INTEGER NOT NULL);"
	"CREATE INDEX open_keys_user ON open_keys(user_id);"
	"CREATE TABLE msg_tokens ("
	" id INTEGER PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" name TEXT NOT NULL,"
	" token TEXT NOT NULL UNIQUE,"
	" expire_ms INTEGER NOT NULL,"
	" created_ms INTEGER NOT NULL);"
	"CREATE INDEX msg_tokens_user ON msg_tokens(user_id, id);"
	"ALTER TABLE topics ADD COLUMN contact TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE topics ADD COLUMN introduction TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE topics ADD COLUMN receipt_message TEXT NOT NULL "
	" DEFAULT '';"
	"ALTER TABLE topic_members ADD COLUMN remark TEXT NOT NULL "
	" DEFAULT '';"
	"ALTER TABLE friends ADD COLUMN remark TEXT NOT NULL DEFAULT '';"
	"CREATE INDEX topics_owner ON topics(owner_id, id);"
	"CREATE INDEX topic_members_user ON topic_members(user_id, id);"
	"CREATE INDEX friends_owner ON friends(owner_id, id);"
	"CREATE TABLE open_joins (" /* join links: topic/qrCode, friend/getQrCode */
	" code TEXT PRIMARY KEY,"
	" kind INTEGER NOT NULL," /* 1 topic, 2 friend */
	" owner_id INTEGER NOT NULL,"
	" topic_id INTEGER NOT NULL DEFAULT 0,"
	" expires_ms INTEGER NOT NULL,"
	" created_ms INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE pre_scripts (" /* pre-processing scripts */
	" id INTEGER PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" name TEXT NOT NULL,"
	" code TEXT NOT NULL,"
	" content_type INTEGER NOT NULL,"
	" script TEXT NOT NULL,"
	" created_ms INTEGER NOT NULL,"
	" UNIQUE (user_id, code));",
	/*
	 * 5: the content given to friend/getQrCode, kept with its join
	 * link for the add_friend callback's qrCode.
	 */
	"ALTER TABLE open_joins ADD COLUMN content TEXT NOT NULL DEFAULT '';",
	/*
	 * 6: the custom webhook type (12): method, header text and body
	 * template of a config (wh_custom.c); the pushId of the form, doc
	 * and excel templates, kept with the message for its page.
	 */
	"ALTER TABLE channel_configs ADD COLUMN http_method TEXT NOT NULL "
	" DEFAULT '';"
	"ALTER TABLE channel_configs ADD COLUMN headers TEXT NOT NULL "
	" DEFAULT '';"
	"ALTER TABLE channel_configs ADD COLUMN body TEXT NOT NULL "
	" DEFAULT '';"
	"ALTER TABLE messages ADD COLUMN push_id TEXT NOT NULL DEFAULT '';",
	/*
	 * 7: open API V1.13-V1.16 groups (store_open.h): the new topic
	 * fields (icon, type, price in cents, description, market flag),
	 * join links that stop after scan_max successful scans (-1: no
	 * limit), and the blacklists of group subscribers (kind 1, scope a
	 * topic) and of friends (kind 2, scope the owner).
	 */
	"ALTER TABLE topics ADD COLUMN icon TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE topics ADD COLUMN topic_type INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE topics ADD COLUMN price_cents INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE topics ADD COLUMN topic_describe TEXT NOT NULL DEFAULT "
	"'';"
	"ALTER TABLE topics ADD COLUMN is_open INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE open_joins ADD COLUMN scan_max INTEGER NOT NULL "
	"DEFAULT -1;"
	"ALTER TABLE open_joins ADD COLUMN scans INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE open_blocks ("
	" id INTEGER PRIMARY KEY,"
	" kind INTEGER NOT NULL,"     /* 1 topic subscriber, 2 friend */
	" scope_id INTEGER NOT NULL," /* the topic / the owner */
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" created_ms INTEGER NOT NULL,"
	" UNIQUE (kind, scope_id, user_id));",
	/*
	 * 8: per-token default channel configs (open API setting/
	 * ...UserDefault; token_id 0 is the user token), seeded from the
	 * defaults changeDefaultChannel kept in open_settings (those columns
	 * are unused from here on), a config going with its message token;
	 * and the image service's uploads (userImage/...).
	 */
	"CREATE TABLE user_defaults (id INTEGER PRIMARY KEY, user_id INTEGER "
	"NOT NULL REFERENCES users(id), token_id INTEGER NOT NULL, channel "
	"TEXT NOT NULL, option TEXT NOT NULL DEFAULT '', pre TEXT NOT NULL "
	"DEFAULT '', updated_ms INTEGER NOT NULL, UNIQUE (user_id, token_id));"
	"INSERT INTO user_defaults(user_id, token_id, channel, option, "
	"updated_ms) SELECT user_id, 0, default_channel, default_webhook, "
	"CAST(strftime('%s','now') AS INTEGER) * 1000 FROM open_settings "
	"WHERE default_channel != 'wechat' OR default_webhook != '';"
	"CREATE TRIGGER msg_tokens_defaults AFTER DELETE ON msg_tokens BEGIN "
	"DELETE FROM user_defaults WHERE token_id = old.id; END;"
	"CREATE TABLE user_images (id INTEGER PRIMARY KEY, user_id INTEGER "
	"NOT NULL REFERENCES users(id), key TEXT NOT NULL UNIQUE, ext TEXT "
	"NOT NULL, mime TEXT NOT NULL, fname TEXT NOT NULL, size INTEGER NOT "
	"NULL, hash TEXT NOT NULL, created_ms INTEGER NOT NULL);"
	"CREATE INDEX user_images_user ON user_images(user_id, id);"
	"CREATE INDEX user_images_created ON user_images(created_ms);",
	/*
	 * 9: a user's phone number in +E.164 form ("" = none), for the
	 * sms and voice channels (feige user phone).
	 */
	"ALTER TABLE users ADD COLUMN phone TEXT NOT NULL DEFAULT '';",
	/*
	 * 10: group codes are unique per owner, as in pushplus (a code
	 * taken by another user is nobody else's business): topics is
	 * rebuilt without its table-wide UNIQUE(code), keeping ids and
	 * every row (sq_migrate runs with foreign keys off, then checks
	 * them); and a user can be disabled (feige user disable), which
	 * refuses their token and open API keys.
	 */
	"CREATE TABLE topics_v10 (id INTEGER PRIMARY KEY, owner_id INTEGER "
	"NOT NULL REFERENCES users(id), code TEXT NOT NULL, name TEXT NOT "
	"NULL, created_ms INTEGER NOT NULL, contact TEXT NOT NULL DEFAULT '', "
	"introduction TEXT NOT NULL DEFAULT '', receipt_message TEXT NOT NULL "
	"DEFAULT '', icon TEXT NOT NULL DEFAULT '', topic_type INTEGER NOT "
	"NULL DEFAULT 0, price_cents INTEGER NOT NULL DEFAULT 0, "
	"topic_describe TEXT NOT NULL DEFAULT '', is_open INTEGER NOT NULL "
	"DEFAULT 0, UNIQUE (owner_id, code));"
	"INSERT INTO topics_v10(id, owner_id, code, name, created_ms, "
	"contact, "
	"introduction, receipt_message, icon, topic_type, price_cents, "
	"topic_describe, is_open) SELECT id, owner_id, code, name, "
	"created_ms, contact, introduction, receipt_message, icon, "
	"topic_type, price_cents, topic_describe, is_open FROM topics;"
	"DROP TABLE topics;"
	"ALTER TABLE topics_v10 RENAME TO topics;"
	"CREATE INDEX topics_owner ON topics(owner_id, id);"
	"CREATE INDEX topics_code ON topics(code);"
	"ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;",
	/*
	 * 11: a WxPusher parametric QR code's poll secret, apart from the
	 * code in its link and image (anyone who sees the QR code knows
	 * those).  Codes made before it get a secret nobody was told: they
	 * can still be scanned, but no longer polled (they live 30 days at
	 * most), rather than stay readable by whoever saw them.
	 */
	"ALTER TABLE wx_qrcodes ADD COLUMN secret TEXT NOT NULL DEFAULT '';"
	"UPDATE wx_qrcodes SET secret = lower(hex(randomblob(16)));"
	"CREATE UNIQUE INDEX wx_qrcodes_secret ON wx_qrcodes(secret);",
	/*
	 * 12: a person's devices (store_device.h): Web Push subscriptions,
	 * UnifiedPush endpoints, Bark keys and e-mail addresses, one row
	 * per identity (user, type, endpoint, dkey) so that a re-subscribe
	 * updates the row instead of adding one.
	 */
	"CREATE TABLE devices (id INTEGER PRIMARY KEY, user_id INTEGER NOT "
	"NULL REFERENCES users(id), type TEXT NOT NULL, endpoint TEXT NOT "
	"NULL, dkey TEXT NOT NULL DEFAULT '', p256dh TEXT NOT NULL DEFAULT "
	"'', auth TEXT NOT NULL DEFAULT '', created_ms INTEGER NOT NULL, "
	"last_seen_ms INTEGER NOT NULL, UNIQUE (user_id, type, endpoint, "
	"dkey));",
	/*
	 * 13: the push outbox (store_push.h): one row per (device,
	 * message) push, written with the inbox item, due by next_ms while
	 * pending (kind 0 a message, 1 its recall, 2 an address check);
	 * devices.verify holds the secret of an e-mail address not yet
	 * confirmed ('' = active).
	 */
	"CREATE TABLE pushes (id INTEGER PRIMARY KEY, device_id INTEGER NOT "
	"NULL, user_id INTEGER NOT NULL, message_id INTEGER NOT NULL, "
	"inbox_id INTEGER NOT NULL DEFAULT 0, kind INTEGER NOT NULL DEFAULT "
	"0, status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL "
	"DEFAULT 0, next_ms INTEGER NOT NULL DEFAULT 0, error TEXT NOT NULL "
	"DEFAULT '', upstream_id TEXT NOT NULL DEFAULT '', created_ms INTEGER "
	"NOT NULL, updated_ms INTEGER NOT NULL);"
	"CREATE INDEX pushes_due ON pushes(next_ms) WHERE status = 'pending';"
	"CREATE INDEX pushes_message ON pushes(message_id);"
	"CREATE INDEX pushes_device ON pushes(device_id, id);"
	"ALTER TABLE devices ADD COLUMN verify TEXT NOT NULL DEFAULT '';",
	/*
	 * 14: a person signed in (store_session.h): browser sessions and
	 * one-time sign-in links, found by the hash of their random value
	 * (the value itself is never stored), argon2id passwords, and the
	 * index that finds a person by e-mail address for mailed links.
	 */
	"CREATE TABLE sessions (id INTEGER PRIMARY KEY, id_hash TEXT NOT "
	"NULL UNIQUE, user_id INTEGER NOT NULL REFERENCES users(id), "
	"created_ms INTEGER NOT NULL, last_seen_ms INTEGER NOT NULL, "
	"expires_ms INTEGER NOT NULL, agent TEXT NOT NULL DEFAULT '', ip "
	"TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX sessions_user ON sessions(user_id);"
	"CREATE TABLE login_links (code_hash TEXT PRIMARY KEY, user_id "
	"INTEGER NOT NULL REFERENCES users(id), created_ms INTEGER NOT "
	"NULL, expires_ms INTEGER NOT NULL, next TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE passwords (user_id INTEGER PRIMARY KEY REFERENCES "
	"users(id), hash TEXT NOT NULL, set_ms INTEGER NOT NULL);"
	"CREATE INDEX users_email ON users(lower(email)) WHERE email != '';",
	/*
	 * 15: the operator's WeChat official account (store_wechat.h): bind
	 * codes, handled events, followers, template receipts, the
	 * openid -> device lookup of a bound person, and a push by WeChat's
	 * msgid (a receipt sets its final status).
	 */
	"CREATE TABLE wechat_codes (code TEXT PRIMARY KEY, user_id INTEGER "
	"NOT NULL DEFAULT 0, kind INTEGER NOT NULL DEFAULT 0, target INTEGER "
	"NOT NULL DEFAULT 0, expires_ms INTEGER NOT NULL, created_ms INTEGER "
	"NOT NULL); CREATE INDEX wechat_codes_expires ON "
	"wechat_codes(expires_ms); CREATE TABLE wechat_seen (key TEXT PRIMARY "
	"KEY, reply TEXT NOT NULL DEFAULT '', seen_ms INTEGER NOT NULL); "
	"CREATE INDEX wechat_seen_ms ON wechat_seen(seen_ms); CREATE TABLE "
	"wechat_followers (openid TEXT PRIMARY KEY, user_id INTEGER NOT NULL "
	"DEFAULT 0, refused INTEGER NOT NULL DEFAULT 0, updated_ms INTEGER "
	"NOT NULL); CREATE TABLE wechat_receipts (msgid TEXT PRIMARY KEY, "
	"openid TEXT NOT NULL, status TEXT NOT NULL, at_ms INTEGER NOT "
	"NULL); CREATE INDEX wechat_receipts_at ON wechat_receipts(at_ms); "
	"CREATE INDEX devices_type_endpoint ON devices(type, "
	"endpoint); CREATE INDEX pushes_upstream ON pushes(upstream_id) "
	"WHERE upstream_id != '';",
	/*
	 * 16: a person's WeChat ClawBot (store_clawbot.h): the iLink bot
	 * token and ids, the activation window and its push count, the
	 * session pause and the getupdates cursor; and the messages the
	 * person sent the bot (clawBot/getMsg keeps the newest 20).
	 */
	"CREATE TABLE clawbots (user_id INTEGER PRIMARY KEY REFERENCES "
	"users(id), bot_token TEXT NOT NULL, bot_id TEXT NOT NULL, "
	"ilink_user_id TEXT NOT NULL, baseurl TEXT NOT NULL DEFAULT '', "
	"context_token TEXT NOT NULL DEFAULT '', window_start_ms INTEGER NOT "
	"NULL DEFAULT 0, window_end_ms INTEGER NOT NULL DEFAULT 0, used "
	"INTEGER NOT NULL DEFAULT 0, paused_until_ms INTEGER NOT NULL DEFAULT "
	"0, cursor TEXT NOT NULL DEFAULT '', created_ms INTEGER NOT NULL);"
	"CREATE TABLE clawbot_msgs (id INTEGER PRIMARY KEY, user_id INTEGER "
	"NOT NULL REFERENCES users(id), type INTEGER NOT NULL, text TEXT NOT "
	"NULL, created_ms INTEGER NOT NULL);"
	"CREATE INDEX clawbot_msgs_user ON clawbot_msgs(user_id, id);",
	"", /* 17: placeholder: migration 17 belongs to another branch */
	/*
	 * 18: failed deliveries by channel for the operator (store_admin.h):
	 * a partial index, so a row enters it only when it fails and the
	 * send path never writes to it; the console's list, counts and
	 * "retry all of a channel" read it instead of the whole table.
	 */
	("CREATE INDEX deliveries_failed ON deliveries(channel, id) "
	 "WHERE status = 3;"),
	/*
	 * 19: the callback outbox names the owner and event of a row that
	 * has one (a group's add_topic_user), so the console lists a
	 * person's join callbacks with their outcome; rows of before, and
	 * rows written by outbox_add(), are user 0 and stay out of it.
	 */
	("ALTER TABLE outbox ADD COLUMN user_id INTEGER NOT NULL DEFAULT 0;"
	 "ALTER TABLE outbox ADD COLUMN event TEXT NOT NULL DEFAULT '';"
	 "ALTER TABLE outbox ADD COLUMN created_ms INTEGER NOT NULL DEFAULT 0;"
	 "CREATE INDEX outbox_user ON outbox(user_id, event, id) WHERE "
	 "user_id != 0;"),
	"", /* 20: placeholder: migration 20 belongs to another branch */
	"", /* 21: placeholder: migration 21 belongs to another branch */
	"", /* 22: placeholder: migration 22 belongs to another branch */
	"", /* 23: placeholder: migration 23 belongs to another branch */
	/*
	 * 24: a user's own limits (feige user limits, the console's users
	 * page): the daily receive limit (wxpusher.daily_max) and the
	 * per-minute send limit of the token (pushplus.rate_limit); NULL
	 * is the server setting.  On the users row, so the token cache
	 * that already carries the user carries them at no extra query.
	 */
	("ALTER TABLE users ADD COLUMN daily_limit INTEGER;"
	 "ALTER TABLE users ADD COLUMN rate_limit INTEGER;"),
	/*
	 * 25: the per-minute send limit (pushplus.rate_limit) counted by
	 * the writer, in the transaction of the send, as on PostgreSQL
	 * (its migration 6's counters, the same columns): one row per key
	 * ("rate:<token>") and calendar minute.  The trigger drops a key's
	 * older windows when its new one is inserted (PostgreSQL does it
	 * in the counting statement), so the table holds one row per key
	 * that has sent.
	 */
	("CREATE TABLE counters (key TEXT NOT NULL, win INTEGER NOT NULL, "
	 "n INTEGER NOT NULL, PRIMARY KEY (key, win)) WITHOUT ROWID;"
	 "CREATE TRIGGER counters_expire AFTER INSERT ON counters BEGIN "
	 "DELETE FROM counters WHERE key = NEW.key AND win < NEW.win; END;"),
};

#define N_MIGRATIONS (int)(sizeof(migrations) / sizeof(migrations[0]))

/* For the upgrade tests: how many migrations, and the text of one. */
int
sq_schema_versions(void)
{
	return N_MIGRATIONS;
}

const char *
sq_schema_migration(int i)
{
	return i >= 0 && i < N_MIGRATIONS ? migrations[i] : NULL;
}

static int
read_version(struct store *s)
{
	sqlite3_stmt *st;
	int version = -1;

	if (sqlite3_prepare_v2(SQ(s)->db, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return version;
}

/* Whether the schema's foreign keys all hold (foreign_key_check). */
static int
fk_ok(struct store *s)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(SQ(s)->db, "PRAGMA foreign_key_check", -1,
	    &st, NULL) != SQLITE_OK)
		return 0;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE;
}

/*
 * Each step re-reads the version inside BEGIN IMMEDIATE, so a server and
 * a CLI starting together on an empty data dir never both apply one.
 */
static int
migrate_steps(struct store *s, struct strbuf *err)
{
	char *msg = NULL;

	for (;;) {
		char pragma[64];
		int v;

		if (sqlite3_exec(SQ(s)->db, "BEGIN IMMEDIATE", NULL, NULL,
		    &msg) != SQLITE_OK)
			goto fail;
		if ((v = read_version(s)) < 0)
			goto fail;
		if (v > N_MIGRATIONS) {
			sqlite3_exec(SQ(s)->db, "ROLLBACK", NULL, NULL, NULL);
			strbuf_setf(err, "database schema version %d is newer "
			    "than this feige (%d)", v, N_MIGRATIONS);
			return FG_ESTORE;
		}
		if (v == N_MIGRATIONS)
			return sqlite3_exec(SQ(s)->db, "COMMIT", NULL, NULL,
			    &msg) == SQLITE_OK ? 0 : (sqlite3_free(msg),
			    FG_ESTORE);
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d;",
		    v + 1);
		if (sqlite3_exec(SQ(s)->db, migrations[v], NULL, NULL,
		    &msg) != SQLITE_OK)
			goto fail;
		if (!fk_ok(s)) {
			sqlite3_exec(SQ(s)->db, "ROLLBACK", NULL, NULL, NULL);
			strbuf_setf(err, "schema migration %d breaks a foreign "
			    "key", v + 1);
			return FG_ESTORE;
		}
		if (sqlite3_exec(SQ(s)->db, pragma, NULL, NULL, &msg) !=
		    SQLITE_OK ||
		    sqlite3_exec(SQ(s)->db, "COMMIT", NULL, NULL, &msg) !=
		    SQLITE_OK)
			goto fail;
	}
fail:
	strbuf_setf(err, "schema migration: %s",
	    msg ? msg : sqlite3_errmsg(SQ(s)->db));
	sqlite3_free(msg);
	sqlite3_exec(SQ(s)->db, "ROLLBACK", NULL, NULL, NULL);
	return FG_ESTORE;
}

int
sq_migrate(struct store *s, struct strbuf *err)
{
	int rc;

	/*
	 * A migration may rebuild a table others reference (10: topics),
	 * which SQLite only allows with foreign keys off, and that pragma
	 * is a no-op inside a transaction: off around the steps, each
	 * step checked with foreign_key_check before its commit.
	 */
	if (sqlite3_exec(SQ(s)->db, "PRAGMA foreign_keys=OFF", NULL, NULL,
	    NULL) != SQLITE_OK)
		return FG_ESTORE;
	rc = migrate_steps(s, err);
	if (sqlite3_exec(SQ(s)->db, "PRAGMA foreign_keys=ON", NULL, NULL,
	    NULL) != SQLITE_OK && rc == 0) {
		strbuf_setf(err, "schema migration: cannot turn foreign keys "
		    "back on");
		rc = FG_ESTORE;
	}
	return rc;
}

/*
 * Load the shortCode key, creating it on first use.  INSERT OR IGNORE and
 * a re-read make a server and a CLI starting together agree on one key.
 */
int
sq_load_key(struct store *s, struct strbuf *err)
{
	uint8_t key[SHORTCODE_KEY_LEN];
	char hex[SHORTCODE_KEY_LEN * 2 + 1];
	sqlite3_stmt *st;
	const unsigned char *v;
	size_t n = 0;
	int rc;

	randombytes_buf(key, sizeof(key));
	sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
	if (sqlite3_prepare_v2(SQ(s)->db, "INSERT OR IGNORE INTO "
	    "meta(key, value) VALUES ('shortcode_key', ?)", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE ||
	    sqlite3_prepare_v2(SQ(s)->db, "SELECT value FROM meta WHERE key = "
	    "'shortcode_key'", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (v = sqlite3_column_text(st, 0)) != NULL)
		rc = sodium_hex2bin(SQ(s)->code_key, sizeof(SQ(s)->code_key),
		    (const char *)v, (size_t)sqlite3_column_bytes(st, 0), NULL,
		    &n, NULL);
	else
		rc = -1;
	sqlite3_finalize(st);
	if (rc == 0 && n == sizeof(SQ(s)->code_key))
		return 0;
fail:
	strbuf_setf(err, "shortCode key: %s", sqlite3_errmsg(SQ(s)->db));
	return FG_ESTORE;
}
