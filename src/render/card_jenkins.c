/*
 * card_jenkins.c: the "jenkins" template, build notifications.
 *
 * Two shapes arrive.  The Jenkins Notification plugin posts
 *
 *	{"name":"asgard","url":"job/asgard/","build":{"full_url":"http://…",
 *	 "number":18,"phase":"COMPLETED","status":"SUCCESS","url":"…",
 *	 "scm":{"url":"…","branch":"origin/master","commit":"c6d8…"},
 *	 "log":"…","notes":"…","parameters":{…},"artifacts":{…}}}
 *
 * with phase QUEUED, STARTED, COMPLETED or FINALIZED and status SUCCESS,
 * FAILURE, UNSTABLE, ABORTED or NOT_BUILT.  Pipeline scripts and the
 * pushplus plugin post flat objects instead: title/content, or
 * jobName/number/result/buildUrl.  So the build fields are looked up
 * in "build" when it is an object and in the top level as well.
 *
 * The header reads "job #number" with the status (or, while running,
 * the phase) as the badge; a button links to the build when its URL is
 * absolute.
 */
#include <string.h>

#include "render/render_int.h"

static const struct card_word results[] = {
	{ "SUCCESS", "成功", TONE_OK },
	{ "FAILURE", "失败", TONE_BAD },
	{ "FAILED", "失败", TONE_BAD },
	{ "UNSTABLE", "不稳定", TONE_WARN },
	{ "ABORTED", "已中止", TONE_MUTE },
	{ "NOT_BUILT", "未构建", TONE_MUTE },
};

static const struct card_word phases[] = {
	{ "QUEUED", "排队中", TONE_MUTE },
	{ "STARTED", "构建中", TONE_INFO },
	{ "COMPLETED", "已完成", TONE_INFO },
	{ "FINALIZED", "已结束", TONE_INFO },
};

static int
fmt_result(struct strbuf *out, const json_t *v)
{
	return card_fmt_word(out, v, results, NELEM(results));
}

static int
fmt_phase(struct strbuf *out, const json_t *v)
{
	return card_fmt_word(out, v, phases, NELEM(phases));
}

/* Milliseconds as "1 小时 2 分 3 秒". */
static int
fmt_duration(struct strbuf *out, const json_t *v)
{
	json_int_t ms;

	if (!json_is_integer(v) || (ms = json_integer_value(v)) < 0)
		return card_value(out, v);
	if (ms < 1000)
		return strbuf_addf(out, "%" JSON_INTEGER_FORMAT " 毫秒", ms);
	ms /= 1000;
	if (ms >= 3600)
		return strbuf_addf(out, "%" JSON_INTEGER_FORMAT " 小时 %"
		    JSON_INTEGER_FORMAT " 分 %" JSON_INTEGER_FORMAT " 秒",
		    ms / 3600, ms / 60 % 60, ms % 60);
	if (ms >= 60)
		return strbuf_addf(out, "%" JSON_INTEGER_FORMAT " 分 %"
		    JSON_INTEGER_FORMAT " 秒", ms / 60, ms % 60);
	return strbuf_addf(out, "%" JSON_INTEGER_FORMAT " 秒", ms);
}

static const struct card_label job_labels[] = {
	{ "title", "标题", NULL },
	{ "name", "任务", NULL },
	{ "fullJobName", "任务", NULL },
	{ "jobName", "任务", NULL },
	{ "job_name", "任务", NULL },
	{ "projectName", "任务", NULL },
	{ "display_name", "显示名称", NULL },
	{ "url", "任务地址", NULL },
};

static const struct card_label build_labels[] = {
	{ "number", "构建号", NULL },
	{ "buildNumber", "构建号", NULL },
	{ "full_url", "构建地址", NULL },
	{ "buildUrl", "构建地址", NULL },
	{ "build_url", "构建地址", NULL },
	{ "url", "构建路径", NULL },
	{ "phase", "阶段", fmt_phase },
	{ "status", "结果", fmt_result },
	{ "result", "结果", fmt_result },
	{ "buildStatus", "结果", fmt_result },
	{ "duration", "耗时", fmt_duration },
	{ "timestamp", "开始时间", card_time },
	{ "startTime", "开始时间", card_time },
	{ "endTime", "结束时间", card_time },
	{ "branch", "分支", NULL },
	{ "commit", "提交", NULL },
	{ "startedUsername", "触发人", NULL },
	{ "buildCause", "触发原因", NULL },
	{ "queue_id", "队列号", NULL },
	{ "notes", "备注", card_pre },
	{ "parameters", "参数", NULL },
	{ "artifacts", "构件", NULL },
	{ "content", "内容", card_pre },
	{ "message", "消息", card_pre },
	{ "log", "日志", card_pre },
};

static const struct card_label scm_labels[] = {
	{ "branch", "分支", NULL },
	{ "commit", "提交", NULL },
	{ "url", "代码库", NULL },
	{ "changes", "变更", NULL },
	{ "culprits", "相关人员", NULL },
};

static const char *
first_str(const json_t *a, const json_t *b, const char *const *keys)
{
	const char *s;

	for (; *keys; keys++)
		if ((s = card_str(a, *keys)) != NULL ||
		    (s = card_str(b, *keys)) != NULL)
			return s;
	return NULL;
}

static const char *const status_keys[] = { "status", "result", "buildStatus",
    NULL };
static const char *const url_keys[] = { "full_url", "buildUrl", "build_url",
    "url", NULL };

static const json_t *
build_of(const json_t *obj)
{
	const json_t *b = card_get(obj, "build");

	return json_is_object(b) ? b : obj;
}

/* "job #number" (or whichever half is known) and the result or phase. */
void
card_jenkins_headline(const json_t *obj, struct card_headline *h)
{
	static const char *const jobs[] = { "name", "fullJobName",
	    "jobName", "job_name", "projectName", "display_name", "title",
	    NULL };
	const json_t *b = build_of(obj), *num;
	const struct card_word *w;
	const char *job = first_str(obj, b, jobs), *branch;

	if (job == NULL)
		job = "Jenkins";
	if ((num = card_get(b, "number")) == NULL)
		num = card_get(obj, "buildNumber");
	(void)render_utf8(&h->title, job, strlen(job));
	if (json_is_integer(num))
		(void)strbuf_addf(&h->title, " #%" JSON_INTEGER_FORMAT,
		    json_integer_value(num));
	else if (json_is_string(num) && json_string_length(num) > 0)
		(void)strbuf_addf(&h->title, " #%s", json_string_value(num));
	if ((w = card_word(results, NELEM(results),
	    first_str(b, obj, status_keys))) == NULL)
		w = card_word(phases, NELEM(phases), card_str(b, "phase"));
	if (w != NULL) {
		h->tone = w->tone;
		(void)strbuf_addstr(&h->badge, w->text);
	}
	if ((branch = card_str(card_get(b, "scm"), "branch")) != NULL ||
	    (branch = card_str(obj, "branch")) != NULL)
		(void)strbuf_addstr(&h->extra, branch);
}

int
render_jenkins(struct strbuf *out, const char *s, size_t n)
{
	struct strbuf link = STRBUF_INIT;
	struct card_headline h;
	json_t *obj, *b, *scm;
	const char *url;
	int rc;

	if ((obj = card_parse(s, n)) == NULL)
		return render_json(out, s, n);
	b = (json_t *)build_of(obj);
	scm = (json_t *)card_get(b, "scm");
	card_headline_init(&h);
	card_jenkins_headline(obj, &h);
	/* Copied: card_rows() frees the fields it shows. */
	if (card_is_url(url = first_str(b, obj, url_keys)))
		(void)strbuf_addstr(&link, url);
	rc = card_open(out, &h);
	if (rc == 0)
		rc = card_rows(out, obj, job_labels, NELEM(job_labels));
	if (rc == 0)
		rc = card_rows(out, b, build_labels, NELEM(build_labels));
	if (rc == 0 && b != obj)
		rc = card_rows(out, obj, build_labels, NELEM(build_labels));
	if (rc == 0 && json_is_object(scm)) {
		rc = card_rows(out, scm, scm_labels, NELEM(scm_labels));
		if (json_object_size(scm) == 0)
			json_object_del(b, "scm");
	}
	if (rc == 0 && b != obj && json_object_size(b) == 0)
		json_object_del(obj, "build");
	if (rc == 0 && (rc = card_rest(out, obj)) == 0 &&
	    (rc = card_link(out, link.buf, "查看构建")) == 0)
		rc = card_end(out);
	card_headline_release(&h);
	strbuf_release(&link);
	json_decref(obj);
	return rc;
}
