/*
 * assets.c: the static files feige serves itself, compiled in so a
 * deployment is one binary: /static/feige.css and /static/copy.js here,
 * and the files of src/render/web/ (the inbox's scripts, its service
 * worker /sw.js and /manifest.webmanifest), which scripts/embed-web.sh
 * turns into render_web_files[] at build time: they are JavaScript and
 * JSON best read and checked as such, not as C string literals; and
 * the console's two, /static/console.css and /static/console.js
 * (console_assets.c).
 *
 * feige.css styles both kinds of page.  The inbox links it; the message
 * page inlines it (render_css) because that page's CSP sandbox allows
 * inline style but no fetch from feige's origin.  It is mobile-first:
 * one column up to 760px, 16px text, tables that scroll sideways rather
 * than widen the page.  The inbox's own rules are in rem, so they grow
 * with the reader's text size, and its colours keep WCAG AA contrast
 * (4.5:1 for text).
 *
 * copy.js makes <button class="fg-copy" data-copy="ID"> copy the value
 * of the field #ID (the SPT page, render/wx_pages.c): the clipboard API,
 * else the selection and execCommand('copy').  The field is selected
 * either way, so a long press copies by hand where neither works.
 *
 * The inbox scripts (web/static/inbox.js, device.js, i18n.js) and
 * web/sw.js say what they do at their tops.
 */
#include <string.h>

#include "render/console.h"
#include "render/render.h"
#include "render/render_int.h"

const char render_css[] =
":root{color-scheme:light}\n"
"*{box-sizing:border-box}\n"
"html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
"body{margin:0;background:#f2f3f5;color:#1f2329;font:16px/1.65 "
"-apple-system,BlinkMacSystemFont,\"Segoe UI\",Roboto,\"PingFang SC\","
"\"Hiragino Sans GB\",\"Microsoft YaHei\",\"Noto Sans CJK SC\","
"\"WenQuanYi Micro Hei\",sans-serif;overflow-wrap:anywhere}\n"
"a{color:#1664ff}\n"
"code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"
"monospace;font-size:13px}\n"
/* message page */
".fg-msg{max-width:760px;margin:0 auto;background:#fff;min-height:100vh;"
"padding:20px 16px 28px}\n"
".fg-head{padding-bottom:12px;margin-bottom:16px;"
"border-bottom:1px solid #eef0f2}\n"
".fg-head h1{font-size:21px;line-height:1.4;margin:0 0 6px;"
"font-weight:600}\n"
".fg-meta{display:flex;flex-wrap:wrap;align-items:center;gap:2px 12px;"
"color:#8f959e;font-size:13px}\n"
".fg-tag{border:1px solid #dee0e3;border-radius:4px;padding:0 5px;"
"font-size:12px;line-height:18px}\n"
".fg-status{margin-top:10px;padding:8px 12px;border-radius:6px;"
"font-size:14px;background:#ffece8;color:#cb2634}\n"
".fg-push{margin-top:10px;padding:8px 12px;border-radius:6px;"
"font-size:14px;background:#f0f5ff;color:#1d2129}\n"
".fg-push p{margin:0 0 4px}\n"
".fg-foot{margin-top:28px;color:#c9cdd4;font-size:12px;"
"text-align:center}\n"
".fg-body img,.fg-body video{max-width:100%;height:auto}\n"
".fg-body pre,.fg-raw{white-space:pre-wrap;background:#f6f8fa;"
"padding:10px 12px;border-radius:6px;overflow-x:auto;margin:0}\n"
".fg-txt{white-space:pre-wrap}\n"
".fg-md p{white-space:pre-line;margin:0 0 .8em}\n"
".fg-md h1,.fg-md h2,.fg-md h3,.fg-md h4,.fg-md h5,.fg-md h6{"
"line-height:1.35;margin:1em 0 .5em}\n"
".fg-md h1{font-size:1.5em}.fg-md h2{font-size:1.3em}"
".fg-md h3{font-size:1.15em}.fg-md h4,.fg-md h5,.fg-md h6{font-size:1em}\n"
".fg-md>:first-child{margin-top:0}\n"
".fg-md ul,.fg-md ol{padding-left:1.6em}\n"
".fg-md blockquote{margin:0 0 .8em;padding:0 12px;"
"border-left:4px solid #dee0e3;color:#646a73}\n"
".fg-md :not(pre)>code{background:#f2f3f5;padding:1px 4px;"
"border-radius:4px}\n"
".fg-md table{border-collapse:collapse;display:block;overflow-x:auto;"
"margin:0 0 .8em}\n"
".fg-md th,.fg-md td{border:1px solid #dee0e3;padding:6px 10px;"
"overflow-wrap:normal}\n"
".fg-md th{background:#f7f8fa}\n"
/* json view */
".fg-json{overflow-x:auto}\n"
".fg-j{border-collapse:collapse;width:100%;font-size:14px}\n"
".fg-j th,.fg-j td{border:1px solid #e5e6eb;padding:5px 8px;"
"text-align:left;vertical-align:top}\n"
".fg-j th{background:#f7f8fa;font-weight:500;color:#4e5969;"
"min-width:5em;max-width:40%}\n"
".fg-j .fg-ji{color:#a0a4ab;font-weight:400}\n"
".fg-js{white-space:pre-wrap}\n"
".fg-jn{color:#0b7a75;font-family:ui-monospace,Menlo,monospace}\n"
".fg-jb{color:#8e44ad;font-family:ui-monospace,Menlo,monospace}\n"
".fg-jz{color:#a0a4ab}\n"
/* nested values stack (key over value) so narrow screens never squeeze */
"td .fg-j,td .fg-j>tbody,td .fg-j>tbody>tr{display:block}\n"
"td .fg-j{border-left:2px solid #e5e6eb;padding-left:8px;font-size:inherit}\n"
"td .fg-j>tbody>tr{padding:1px 0}\n"
"td .fg-j>tbody>tr>th,td .fg-j>tbody>tr>td{display:inline;border:0;"
"padding:0;background:none}\n"
"td .fg-j>tbody>tr>th{color:#86909c;font-weight:400;white-space:normal;"
"margin-right:6px}\n"
"td .fg-j>tbody>tr>th::after{content:\":\"}\n"
"td .fg-ja>tbody>tr>th{display:none}\n"
"td .fg-ja>tbody>tr+tr{border-top:1px dashed #e5e6eb}\n"
".fg-src{margin-top:14px;font-size:13px;color:#8f959e}\n"
".fg-src summary{cursor:pointer;margin-bottom:6px}\n"
/* cards */
".fg-card{--t:#1664ff;border:1px solid #e5e6eb;border-top:4px solid "
"var(--t);border-radius:10px;overflow:hidden;background:#fff}\n"
".fg-info{--t:#1664ff}.fg-ok{--t:#00a870}.fg-warn{--t:#ff7d00}"
".fg-bad{--t:#f53f3f}.fg-mute{--t:#86909c}\n"
".fg-card-h{display:flex;align-items:center;gap:8px;padding:12px 14px;"
"font-weight:600;font-size:17px;line-height:1.4}\n"
".fg-badge{display:inline-block;background:var(--t);color:#fff;"
"border-radius:4px;padding:0 6px;font-size:12px;font-weight:500;"
"line-height:20px;white-space:nowrap;flex:none}\n"
".fg-kv{width:100%;border-collapse:collapse;font-size:14px}\n"
".fg-kv>tbody>tr>th,.fg-kv>tbody>tr>td{padding:7px 14px;"
"border-top:1px solid #f0f1f2;text-align:left;vertical-align:top}\n"
".fg-kv>tbody>tr>th{color:#86909c;font-weight:400;white-space:nowrap;"
"width:1%}\n"
".fg-kv td{white-space:pre-wrap}\n"
".fg-kv .fg-txt{max-height:18em;overflow:auto}\n"
".fg-card-sub{padding:8px 14px 4px;color:#86909c;font-size:12px;"
"border-top:1px solid #e5e6eb;background:#fafbfc}\n"
".fg-kv td.fg-amount{font-size:30px;font-weight:600;text-align:center;"
"padding:10px 14px 14px;border-top:0}\n"
".fg-btn{display:block;padding:11px;text-align:center;font-weight:500;"
"border-top:1px solid #e5e6eb;text-decoration:none}\n"
/* inbox: rem, so it grows with the reader's text size; AA contrast */
".fg-inbox{max-width:760px;margin:0 auto;min-height:100vh;"
"font-size:1rem}\n"
".fg-bar{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;"
"align-items:center;gap:.4rem .6rem;padding:.75rem 1rem;background:#fff;"
"border-bottom:1px solid #e5e6eb}\n"
".fg-bar h1{font-size:1.125rem;margin:0;flex:1}\n"
".fg-user{color:#646a73;font-size:.8125rem;overflow:hidden;"
"text-overflow:ellipsis;white-space:nowrap;max-width:40%}\n"
".fg-live{font-size:.75rem;border-radius:10px;padding:1px 8px;"
"background:#e5e6eb;color:#4e5969;white-space:nowrap}\n"
".fg-live::before{content:\"\";display:inline-block;width:6px;height:6px;"
"border-radius:50%;background:currentColor;margin-right:5px;"
"vertical-align:middle}\n"
".fg-live.on{background:#e8ffea;color:#00754a}\n"
".fg-lang,.fg-push-btn{font:inherit;font-size:.875rem;border-radius:8px;"
"cursor:pointer;min-height:2.25rem;padding:.25rem .75rem}\n"
".fg-lang{background:#fff;color:#1456d9;border:1px solid #1456d9}\n"
".fg-push-btn{background:#1456d9;color:#fff;border:1px solid #1456d9;"
"margin:0 .5rem .5rem 0;max-width:100%}\n"
".fg-push-btn[aria-pressed=true]{background:#fff;color:#00754a;"
"border-color:#00754a}\n"
".fg-push-btn:disabled{cursor:default;opacity:.8}\n"
".fg-lang:focus-visible,.fg-push-btn:focus-visible,.fg-list a:focus-visible,"
".fg-install summary:focus-visible{outline:3px solid #1456d9;"
"outline-offset:2px}\n"
".fg-device{margin:.75rem .75rem 0;padding:.75rem 1rem;background:#fff;"
"border-radius:10px}\n"
".fg-device[hidden]{display:none}\n"
".fg-push-msg{margin:0;color:#4e5969;font-size:.875rem}\n"
".fg-push-msg:empty{display:none}\n"
".fg-install{margin-top:.5rem;font-size:.9375rem}\n"
".fg-install summary{cursor:pointer;color:#1456d9;font-weight:500;"
"padding:.25rem 0}\n"
".fg-guide h3{font-size:1rem;margin:.75rem 0 .25rem}\n"
".fg-guide ol{margin:0;padding-left:1.5rem}\n"
".fg-guide p{margin:0}\n"
".fg-list{list-style:none;margin:0;padding:4px 12px 24px}\n"
".fg-list li{margin:8px 0}\n"
".fg-list a{display:block;background:#fff;border-radius:10px;"
"padding:.75rem .875rem;text-decoration:none;color:inherit}\n"
".fg-li-top{display:flex;flex-wrap:wrap;gap:0 .6rem;align-items:baseline}\n"
".fg-li-t{flex:1 1 10rem;min-width:0;font-weight:600;overflow:hidden;"
"text-overflow:ellipsis;white-space:nowrap}\n"
".fg-list time{color:#646a73;font-size:.75rem;flex:none}\n"
".fg-li-p{color:#646a73;font-size:.875rem;margin-top:2px;overflow:hidden;"
"text-overflow:ellipsis;white-space:nowrap}\n"
".fg-li-from{display:block;color:#1456d9;font-size:.75rem;margin-top:2px;"
"overflow:hidden;text-overflow:ellipsis;white-space:nowrap}\n"
".fg-li-dev{display:block;color:#646a73;font-size:.75rem;margin-top:2px}\n"
".fg-new a{animation:fg-flash 2s ease-out}\n"
"@keyframes fg-flash{from{background:#e8f3ff}to{background:#fff}}\n"
"@media (prefers-reduced-motion:reduce){.fg-new a{animation:none}}\n"
".fg-empty{text-align:center;color:#646a73;padding:48px 0}\n"
/* error and notice pages (api/pages.c html_error) */
"main.error{max-width:560px;margin:12vh auto 0;padding:28px 24px;"
"background:#fff;border-radius:12px;text-align:center}\n"
"main.error h1{font-size:22px;margin:0 0 10px}\n"
"main.error p{color:#646a73;margin:0}\n"
/* WxPusher pages (render/wx_pages.c): follow link, me page, notices */
".fg-wx{max-width:760px;margin:0 auto;background:#fff;min-height:100vh;"
"padding:20px 16px 28px}\n"
".fg-wx h1{font-size:21px;line-height:1.4;margin:0 0 12px}\n"
".fg-wx h2{font-size:17px;margin:24px 0 8px}\n"
".fg-wx p.fg-ok{padding:8px 12px;border-radius:6px;font-size:14px;"
"background:#e8ffea;color:#00a870}\n"
".fg-follows,.fg-sessions{list-style:none;margin:0;padding:0}\n"
".fg-follows li,.fg-sessions li{padding:8px 0;"
"border-bottom:1px solid #eef0f2;overflow-wrap:anywhere}\n"
".fg-danger{color:#b42318}\n"
".fg-qr-login svg{display:block;width:240px;max-width:100%;height:auto}\n"
".fg-inline{display:inline}\n"
".fg-follow{display:block;width:100%;max-width:320px;margin:16px 0 8px;"
"padding:12px;border:0;border-radius:8px;background:#07c160;color:#fff;"
"font-size:17px}\n"
".fg-empty[hidden]{display:none}\n"
".fg-settings{margin-left:8px;font-size:14px}\n"
".fg-qr{margin:12px 0;color:#8f959e;font-size:13px}\n"
".fg-qr img{display:block;width:160px;height:160px;"
"image-rendering:pixelated}\n"
".fg-spt{display:flex;gap:8px;max-width:480px}\n"
".fg-spt input{flex:1;min-width:0;padding:8px;font:14px monospace}\n";

/* Copy buttons: <button class="fg-copy" data-copy="ID"> copies #ID. */
static const char copy_js[] =
"/* feige: copy buttons; see src/render/assets.c */\n"
"document.addEventListener('click', function (ev) {\n"
"\t'use strict';\n"
"\tvar b = ev.target.closest && ev.target.closest('button.fg-copy');\n"
"\tvar el = b && document.getElementById(b.getAttribute('data-copy'));\n"
"\tif (!el)\n"
"\t\treturn;\n"
"\tel.select();\n"
"\tfunction done() {\n"
"\t\tb.textContent = '已复制';\n"
"\t}\n"
"\tif (navigator.clipboard && navigator.clipboard.writeText)\n"
"\t\tnavigator.clipboard.writeText(el.value).then(done, function () {\n"
"\t\t\tdocument.execCommand('copy');\n"
"\t\t\tdone();\n"
"\t\t});\n"
"\telse {\n"
"\t\tdocument.execCommand('copy');\n"
"\t\tdone();\n"
"\t}\n"
"});\n";

#define JS_TYPE "text/javascript; charset=utf-8"

/* The Content-Type of a file of src/render/web/, by its extension. */
static const char *
web_type(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot && strcmp(dot, ".js") == 0)
		return JS_TYPE;
	if (dot && strcmp(dot, ".webmanifest") == 0)
		return "application/manifest+json; charset=utf-8";
	if (dot && strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	return "application/octet-stream";
}

/* The file at path ("static/inbox.js", "sw.js"), or NULL. */
static const char *
static_find(const char *path, size_t *len, const char **type)
{
	const struct render_web_file *f;

	*type = web_type(path);
	if (strcmp(path, "static/feige.css") == 0) {
		*len = strlen(render_css);
		return render_css;
	}
	if (strcmp(path, "static/copy.js") == 0) {
		*len = strlen(copy_js);
		return copy_js;
	}
	if (strcmp(path, "static/console.css") == 0) {
		*len = strlen(render_console_css);
		return render_console_css;
	}
	if (strcmp(path, "static/console.js") == 0) {
		*len = strlen(render_console_js);
		return render_console_js;
	}
	for (f = render_web_files; f->path; f++)
		if (strcmp(f->path, path) == 0) {
			*len = f->len;
			return f->body;
		}
	return NULL;
}

const char *
render_static(const char *name, size_t *len, const char **content_type)
{
	char path[128];
	const char *body, *type;
	size_t n;
	int w;

	if (name == NULL)
		return NULL;
	/* a path ("/static/x", "/sw.js"), or a bare name under /static/ */
	w = *name == '/' ? snprintf(path, sizeof(path), "%s", name + 1) :
	    snprintf(path, sizeof(path), "static/%s", name);
	if (w < 0 || (size_t)w >= sizeof(path) ||
	    (body = static_find(path, &n, &type)) == NULL)
		return NULL;
	if (len)
		*len = n;
	if (content_type)
		*content_type = type;
	return body;
}
