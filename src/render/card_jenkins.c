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
static void
headline(const json_t *obj, struct card_headline *h)
{
	static const char *const jobs[] = { "name", "fullJobName",
	    "jobName", "job_name", "projectName", "display_name", "title",
	    NULL };
	const json_t *b = build_of(obj), *num;
	const struct card_word *w;
	const char *job = first_str(obj, b, jobs), *branch, *url;

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
	if ((w = card_word(W_BUILD_RESULT,
	    first_str(b, obj, status_keys))) == NULL)
		w = card_word(W_BUILD_PHASE, card_str(b, "phase"));
	card_badge(h, w);
	if ((branch = card_str(card_get(b, "scm"), "branch")) != NULL ||
	    (branch = card_str(obj, "branch")) != NULL)
		(void)strbuf_addstr(&h->extra, branch);
	/* Copied: card_rows() frees the fields it shows. */
	if (card_is_url(url = first_str(b, obj, url_keys)))
		(void)strbuf_addstr(&h->link, url);
	h->link_text = "查看构建";
}

/* The job's fields, the build's (nested or flat), then its scm's. */
static int
body(struct strbuf *out, json_t *obj, const struct card_headline *h)
{
	json_t *b = (json_t *)build_of(obj);
	json_t *scm = (json_t *)card_get(b, "scm");
	int rc;

	(void)h;
	rc = card_rows(out, obj, F_JOB);
	if (rc == 0)
		rc = card_rows(out, b, F_BUILD);
	if (rc == 0 && b != obj)
		rc = card_rows(out, obj, F_BUILD);
	if (rc == 0 && json_is_object(scm)) {
		rc = card_rows(out, scm, F_SCM);
		if (json_object_size(scm) == 0)
			json_object_del(b, "scm");
	}
	if (rc == 0 && b != obj && json_object_size(b) == 0)
		json_object_del(obj, "build");
	return rc;
}

const struct card_def card_jenkins = { headline, body };

int
render_jenkins(struct strbuf *out, const char *s, size_t n)
{
	return card_render(out, &card_jenkins, s, n);
}
