/*
 * open_image.c: the image service (pushplus open API 1.14,
 * pushplus-today.md §2.12): userImage/uploadToken, the upload target it
 * names, userImage/list and userImage/delete, and the images at
 * /img/<key>.<ext>.
 *
 * Upstream hands out a Qiniu form-upload token and Qiniu's upload host;
 * clients then POST multipart/form-data `token` + `file` there, with no
 * access-key, and read a Qiniu-shaped answer.  feige is its own Qiniu:
 * uploadUrl is <public_url>/api/open/userImage/upload, and the token is
 * "<user id>:<expiry>:<MAC>", a BLAKE2b-keyed MAC of the first two
 * under a key made at start (so tokens are valid 600 s, and only until
 * a restart: clients fetch one per upload anyway).  A stateless token
 * needs no table and no cleanup.  Several nodes on one PostgreSQL share
 * the first node's key (meta image_token_key), so a token from one node
 * uploads to any; the files themselves are in each node's data_dir
 * (docs/scale.md: share data_dir/images between the nodes).
 *
 * The upload's answer is not the pushplus envelope but Qiniu's shape
 * {errno, ext, fname, fsize, hash, key, mimeType, msg, thumbnail, url};
 * a refusal is HTTP 200 with errno non-zero and msg (401 bad or expired
 * token, 413 over 10 MB, 415 not an image, 400 no file), so a client
 * that checks errno sees it.  url and thumbnail are both the image
 * itself (no resizing here; Qiniu's "@p"/"@s" styles do not apply).
 *
 * The HTTP layer lets this one path send up to LIM_IMAGE_BODY
 * (routes_body_max()); the bytes are written to disk on the request's
 * thread (ops_image_write()), and only the row goes through the writer.
 * The same commit purges up to OPS_IMAGE_PURGE_MAX images past their
 * 30 days, whose files go after the commit; /img/ and list do not show
 * an expired image even before that.
 */
#include <fcntl.h>
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/api.h"
#include "api/ctx.h"
#include "api/intake.h"
#include "api/openapi/open_int.h"
#include "core/limits.h"
#include "http/http.h"
#include "ops/image.h"
#include "store/cluster.h"
#include "store/readers.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/jsonstr.h"
#include "util/log.h"
#include "util/multipart.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#define TOKEN_TTL_S	600
#define IMAGE_MAX_AGE	(OPS_IMAGE_DAYS * 86400000LL)

static unsigned char mac_key[crypto_generichash_KEYBYTES];
static pthread_once_t mac_once = PTHREAD_ONCE_INIT;

/*
 * A key made here; on a store several nodes share, the first node's,
 * kept in meta (first writer wins), so that a token from one node is
 * good on every node.  If the store cannot say, this node's own.
 */
static void
mac_init(void)
{
	struct store *s = store_reader();
	char hex[2 * sizeof(mac_key) + 1], kept[sizeof(hex) + 8];
	int rc;

	randombytes_buf(mac_key, sizeof(mac_key));
	if (store_cluster(s) == NULL)
		return;
	sodium_bin2hex(hex, sizeof(hex), mac_key, sizeof(mac_key));
	rc = dir_meta_keep(s, "image_token_key", hex, kept, sizeof(kept));
	if (rc == 0)
		rc = sodium_hex2bin(mac_key, sizeof(mac_key), kept,
		    strlen(kept), NULL, NULL, NULL);
	if (rc != 0)
		log_warnx("msg=\"image upload tokens: no shared key, "
			  "this node's own\"");
}

/* The MAC of "<user>:<exp>" as hex into out[33]. */
static void
token_mac(int64_t user, long long exp, char out[33])
{
	unsigned char h[16];
	char msg[64];

	pthread_once(&mac_once, mac_init);
	snprintf(msg, sizeof(msg), "%lld:%lld", (long long)user, exp);
	crypto_generichash(h, sizeof(h), (const unsigned char *)msg,
	    strlen(msg), mac_key, sizeof(mac_key));
	sodium_bin2hex(out, 33, h, sizeof(h));
}

/* The user of an unexpired upload token: 0, or -1. */
static int
token_user(const char *tok, int64_t *user)
{
	long long uid, exp;
	char mac[33], want[33];
	int n = 0;

	if (tok == NULL || strlen(tok) > 96 ||
	    sscanf(tok, "%lld:%lld:%32[0-9a-f]%n", &uid, &exp, mac, &n) != 3 ||
	    tok[n] != '\0' || exp * 1000 < clock_ms())
		return -1;
	token_mac(uid, exp, want);
	if (sodium_memcmp(mac, want, 32) != 0)
		return -1;
	*user = uid;
	return 0;
}

/* The public URL of im into sb. */
static void
image_url(struct strbuf *sb, const char *base, const struct store_image *im)
{
	strbuf_addf(sb, "%s/img/%s.%s", base, im->key, im->ext);
}

void
open_image_token(struct open_req *o)
{
	long long exp = clock_ms() / 1000 + TOKEN_TTL_S;
	struct strbuf tok = STRBUF_INIT, url = STRBUF_INIT;
	char mac[33];

	token_mac(o->user.id, exp, mac);
	strbuf_addf(&tok, "%lld:%lld:%s", (long long)o->user.id, exp, mac);
	strbuf_addf(&url, "%s%s", o->app->base_url, API_IMAGE_UPLOAD_PATH);
	open_json_reply(o, OPEN_DONE_MSG, json_pack("{s:s,s:s,s:s,s:s,s:i}",
	    "uploadToken", tok.buf, "uploadHost", o->app->base_url,
	    "uploadUrl", url.buf, "bucket", "feige", "expiresIn",
	    TOKEN_TTL_S));
	strbuf_release(&tok);
	strbuf_release(&url);
}

/* ---- the upload ---- */

struct up_op {
	struct api_op		o;
	struct store_image	im;
	struct store_image	gone[OPS_IMAGE_PURGE_MAX];
	size_t			n_gone;
};

/* A Qiniu-style refusal: HTTP 200, errno and msg. */
static void
up_refuse(struct http_req *r, int code, const char *msg)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "{\"errno\":%d,\"msg\":", code);
	strbuf_add_json_str(&sb, msg, strlen(msg));
	strbuf_addch(&sb, '}');
	http_reply_json(r, 200, &sb);
	strbuf_release(&sb);
}

static int
up_apply(struct api_op *op, struct store *s)
{
	struct up_op *k = (struct up_op *)op;
	int rc;

	if ((rc = ops_image_expire(s, clock_ms(), k->gone,
	    OPS_IMAGE_PURGE_MAX, &k->n_gone, NULL)) != 0)
		return rc;
	return ops_image_add(s, &k->im, NULL);
}

static void
up_reply(struct api_op *op, int rc)
{
	struct up_op *k = (struct up_op *)op;
	struct api_ctx *app = api_ctx(op->http);
	const char *dot = strrchr(k->im.fname, '.');
	struct strbuf url = STRBUF_INIT;
	size_t i;
	json_t *j;
	char *text;

	if (rc != 0) {
		ops_image_unlink(app->conf->data_dir, &k->im);
		return up_refuse(op->http, 500, "系统异常，请稍后再试");
	}
	for (i = 0; i < k->n_gone; i++)
		ops_image_unlink(app->conf->data_dir, &k->gone[i]);
	image_url(&url, app->base_url, &k->im);
	j = json_pack("{s:i,s:s,s:o,s:I,s:s,s:s,s:s,s:s,s:s,s:s}", "errno", 0,
	    "ext", dot ? dot : "", "fname", jsonstr_new(k->im.fname), "fsize",
	    (json_int_t)k->im.size, "hash", k->im.hash, "key", k->im.key,
	    "mimeType", k->im.mime, "msg", "ok", "thumbnail", url.buf, "url",
	    url.buf);
	text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	http_reply(op->http, 200, "application/json;charset=UTF-8",
	    text ? text : "{}", text ? strlen(text) : 2);
	free(text);
	strbuf_release(&url);
}

/* The form's token and file; 0, or refuses and returns -1. */
static int
up_read(struct http_req *r, int64_t *user, struct multipart_file *f)
{
	struct params p;
	struct store_user u;
	int rc;

	if (r->body_too_big) {
		up_refuse(r, 413, "图片不能超过10MB (image over 10 MB)");
		return -1;
	}
	params_init(&p, LIM_PARAMS);
	rc = intake_query(r, &p) == 0 && intake_body(r, &p, NULL) == 0 &&
	    token_user(params_get(&p, "token", NULL), user) == 0 &&
	    store_reader() && dir_user_get_id(store_reader(), *user, &u) == 0;
	params_release(&p);
	if (!rc) {
		up_refuse(r, 401, "上传凭证无效或已过期 (invalid or expired "
		    "upload token)");
		return -1;
	}
	f->name = "file";
	if (intake_file(r, f) != 0) {
		up_refuse(r, 400, "缺少图片文件 (multipart field 'file' is "
		    "missing)");
		return -1;
	}
	if (f->len > LIM_IMAGE_BYTES) {
		up_refuse(r, 413, "图片不能超过10MB (image over 10 MB)");
		return -1;
	}
	return 0;
}

void
api_open_image_upload(struct http_req *r)
{
	struct multipart_file f;
	struct strbuf err = STRBUF_INIT;
	struct up_op *k;
	int64_t user;
	int rc;

	if (up_read(r, &user, &f) != 0)
		return;
	k = xcalloc(1, sizeof(*k));
	k->im.user_id = user;
	snprintf(k->im.fname, sizeof(k->im.fname), "%s", f.filename);
	rc = ops_image_write(api_ctx(r)->conf->data_dir, f.data, f.len, &k->im,
	    &err);
	if (rc != 0) {
		up_refuse(r, rc == FG_EINVAL ? 415 : 500, rc == FG_EINVAL ?
		    err.buf : "系统异常，请稍后再试");
		strbuf_release(&err);
		free(k);
		return;
	}
	strbuf_release(&err);
	k->o.apply = up_apply;
	k->o.reply = up_reply;
	api_op_submit(r, &k->o);
}

/* ---- list, delete, /img/ ---- */

#define IMAGE_PAGE_DEFAULT	10	/* upstream's, not the usual 20 */

struct image_walk {
	struct open_list	 l;
	const char		*base;
};

static int
image_item(void *arg, const struct store_image *im)
{
	struct image_walk *w = arg;
	struct strbuf url = STRBUF_INIT;
	int rc;

	image_url(&url, w->base, im);
	rc = open_list_add(&w->l, json_pack("{s:I,s:s,s:s,s:o}", "id",
	    (json_int_t)im->id, "imgUrl", url.buf, "thumbnail", url.buf,
	    "createTime", open_jdate(im->created_ms)));
	strbuf_release(&url);
	return rc;
}

void
open_image_list(struct open_req *o)
{
	struct image_walk w = { .base = o->app->base_url };
	long long size;

	open_list_init(o, &w.l);
	if (open_arg_int(o, "pageSize", &size) != 0 || size <= 0) {
		open_page_norm(w.l.pg.current, IMAGE_PAGE_DEFAULT, &w.l.pg);
		w.l.offset = open_page_offset(&w.l.pg);
	}
	open_list_reply(o, OPEN_DONE_MSG, &w.l, dir_image_list(o->db,
	    o->user.id, w.l.offset, w.l.pg.size, &w.l.total, image_item, &w));
}

struct del_op {
	struct api_op		o;
	int64_t			user_id, id;
	struct store_image	gone;
};

static int
del_apply(struct api_op *op, struct store *s)
{
	struct del_op *k = (struct del_op *)op;

	return ops_image_delete(s, k->user_id, k->id, &k->gone, NULL);
}

static void
del_reply(struct api_op *op, int rc)
{
	struct del_op *k = (struct del_op *)op;

	if (rc == FG_ENOENT)
		return open_op_err(op, 999, "图片不存在 (no such image)");
	if (rc != 0)
		return open_op_err(op, 500, "系统异常，请稍后再试");
	ops_image_unlink(api_ctx(op->http)->conf->data_dir, &k->gone);
	open_op_ok(op, OPEN_DONE_MSG, NULL);
}

void
open_image_delete(struct open_req *o)
{
	struct del_op *k;
	long long id;

	if (open_arg_id(o, "id", &id) != 0)
		return;
	k = xcalloc(1, sizeof(*k));
	k->user_id = o->user.id;
	k->id = id;
	k->o.apply = del_apply;
	k->o.reply = del_reply;
	api_op_submit(o->http, &k->o);
}

/* Read im's file into a heap buffer: its length, or -1. */
static ssize_t
read_image(const char *data_dir, const struct store_image *im, char **out)
{
	char path[1024];
	struct stat st;
	ssize_t n, got = 0;
	int fd;

	if (ops_image_path(data_dir, im, path, sizeof(path)) != 0 ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) != 0 || st.st_size > LIM_IMAGE_BYTES) {
		close(fd);
		return -1;
	}
	*out = xmalloc((size_t)st.st_size + 1);
	while (got < st.st_size && (n = read(fd, *out + got,
	    (size_t)(st.st_size - got))) > 0)
		got += n;
	close(fd);
	if (got != st.st_size) {
		free(*out);
		return -1;
	}
	return got;
}

void
api_open_image_get(struct http_req *r, const char *name)
{
	struct store_image im;
	struct store *db = store_reader();
	char key[40], *body = NULL;
	size_t n = strcspn(name, ".");
	ssize_t len = -1;

	if (n < sizeof(key) && db) {
		memcpy(key, name, n);
		key[n] = '\0';
		if (dir_image_by_key(db, key, &im) == 0 &&
		    im.created_ms + IMAGE_MAX_AGE > clock_ms())
			len = read_image(api_ctx(r)->conf->data_dir, &im,
			    &body);
	}
	if (len < 0)
		return api_pp_reply(r, 404, 404, "图片不存在 (not found)",
		    NULL);
	http_reply(r, 200, im.mime, body, (size_t)len);
	http_reply_header(r, "X-Content-Type-Options", "nosniff");
	http_reply_header(r, "Cache-Control", "public, max-age=86400");
	free(body);
}
