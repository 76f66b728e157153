/*
 * render_int.h: declarations shared by the files of src/render/ and by no
 * one else (curl's vtls_int.h idea).  The public API is render.h.
 *
 * Every function here appends to a strbuf and returns 0 or the strbuf's
 * error (FG_ETOOBIG); none of them fails for any other reason, because a
 * renderer shows bad input rather than rejecting it.  All are pure and may
 * run on any thread.
 *
 * JSON values come from jansson.  Nesting is capped at RENDER_JSON_DEPTH
 * before jansson ever sees the text, so the recursive view cannot run
 * away on a hostile payload.
 */
#ifndef FG_RENDER_INT_H
#define FG_RENDER_INT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "util/strbuf.h"

#define RENDER_JSON_DEPTH	32	/* deeper JSON is shown as raw text */
#ifndef NELEM
#define NELEM(a)		(sizeof(a) / sizeof((a)[0]))
#endif

/* text.c: escaping and UTF-8 */
int	render_esc(struct strbuf *, const char *, size_t);
int	render_esc_str(struct strbuf *, const char *);
int	render_utf8(struct strbuf *, const char *, size_t);
int	render_time(struct strbuf *, int64_t ms);
int	render_txt(struct strbuf *, const char *, size_t);
int	render_raw(struct strbuf *, const char *, size_t);
int	render_span(struct strbuf *, const char *cls, const char *text);

/*
 * png.c: a PNG of w x h pixels around raw scanlines (each a filter byte
 * then the row packed for depth and colour type: 0 gray, 6 RGBA).
 */
int	render_png(struct strbuf *, uint32_t w, uint32_t h, int depth,
	    int color, const unsigned char *raw, size_t rawlen);

/*
 * The files of src/render/web/, compiled in (scripts/embed-web.sh makes
 * $(BUILD)/gen/render_web.c): path relative to that folder ("sw.js",
 * "static/inbox.js"), bytes (NUL-terminated), length; a NULL path ends
 * the table.
 */
struct render_web_file {
	const char	*path;
	const char	*body;
	size_t		 len;
};
extern const struct render_web_file render_web_files[];

/* markdown.c */
int	render_markdown(struct strbuf *, const char *, size_t);

/* json.c: parsing that never rejects more than it must */
json_t	*render_json_parse(const char *, size_t);
json_t	*render_json_form(const char *, size_t);

/* jsonview.c: a JSON value as nested tables */
int	render_json_value(struct strbuf *, const json_t *, int depth);
int	render_json(struct strbuf *, const char *, size_t);
int	render_json_summary(struct strbuf *, const char *, size_t);

/*
 * card.c: the frame shared by the cloudMonitor, jenkins, route and pay
 * cards, which are data: a struct card_def per card (its headline and its
 * field table) that card_render() draws.  A card parses its content into
 * an object it owns, shows the fields it knows (card_rows() takes each
 * one out of the object as it is shown) and then shows whatever is left
 * (card_rest()), so no field the sender posted is ever hidden.
 */
enum card_tone { TONE_INFO, TONE_OK, TONE_WARN, TONE_BAD, TONE_MUTE };

/* The sets of card_words.c, one a state or kind a sender reports. */
enum card_words {
	W_NONE, W_ALARM_STATE, W_ALARM_LEVEL, W_BUILD_RESULT, W_BUILD_PHASE,
	W_PAY_CHANNEL, W_PAY_STATE, W_ROUTE_STATE
};

/* A sender's word ("FAILURE", "alipay") and how feige shows it. */
struct card_word {
	enum card_words	 set;
	const char	*in;		/* matched case-insensitively */
	const char	*text;
	enum card_tone	 tone;
};

/* The sets of card_fields.c, one a card's table of labelled fields. */
enum card_fields { F_ALARM, F_JOB, F_BUILD, F_SCM, F_PAY, F_ROUTE };

struct card_label {
	enum card_fields set;
	const char	*key;		/* matched case-insensitively */
	const char	*label;		/* shown in the left column */
	int		(*fmt)(struct strbuf *, const json_t *); /* or NULL */
	enum card_words	 words;		/* or W_NONE: a known one as a badge */
};

/*
 * A card's one-line identity: the header it draws, and (with extra) the
 * summary that previews and untitled pages use instead of raw JSON;
 * link, when it is an absolute URL, becomes a button below the tables.
 */
struct card_headline {
	struct strbuf	title;
	struct strbuf	badge;		/* "" for none */
	struct strbuf	extra;		/* previews only: "web-01 95%" */
	struct strbuf	link;		/* "" for none */
	const char	*link_text;
	enum card_tone	tone;
};

struct card_def {
	void	(*headline)(const json_t *, struct card_headline *);
	/* The rows between header and rest, card_rows() of its fields. */
	int	(*body)(struct strbuf *, json_t *obj,
		    const struct card_headline *);
};

extern const struct card_def card_cloud, card_jenkins, card_route,
	    card_pay;

int		 card_render(struct strbuf *, const struct card_def *,
		    const char *, size_t);
int		 card_summary(struct strbuf *, int tpl, const char *, size_t);
json_t		*card_parse(const char *, size_t);
const json_t	*card_get(const json_t *obj, const char *key);
const char	*card_str(const json_t *obj, const char *key);
const char	*card_first(const json_t *obj, const char *const *keys);
int		 card_row(struct strbuf *, const char *text, const json_t *,
		    const struct card_label *);
void		 card_badge(struct card_headline *, const struct card_word *);

/* card_fields.c: the fields the cards label */
const struct card_label *card_label(enum card_fields, const char *key);
int		 card_rows(struct strbuf *, json_t *obj, enum card_fields);

/* card_value.c: how one value looks */
int		 card_value(struct strbuf *, const json_t *);
int		 card_time(struct strbuf *, const json_t *);
int		 card_duration(struct strbuf *, const json_t *);
int		 card_pre(struct strbuf *, const json_t *);
int		 card_a(struct strbuf *, const char *open, const char *url,
		    const char *text);
int		 card_is_url(const char *);
const char	*card_tone_class(enum card_tone);

/* card_words.c: the words the cards know */
const struct card_word *card_word(enum card_words, const char *in);
const struct card_word *card_word_of(enum card_words, const json_t *obj,
		    const char *const *keys);
int		 card_fmt_word(struct strbuf *, const json_t *,
		    enum card_words);

int	render_cloudmonitor(struct strbuf *, const char *, size_t);
int	render_jenkins(struct strbuf *, const char *, size_t);
int	render_route(struct strbuf *, const char *, size_t);
int	render_pay(struct strbuf *, const char *, size_t);
/* card_push.c: the note of a form/doc/excel message (page header). */
struct render_message;
int	render_push_note(struct strbuf *, const struct render_message *);

/* page.c: the head every page starts with, up to </title> */
int	render_page_top(struct strbuf *, const char *title);
/* frame.c: <input type="hidden" name="csrf" value="TOKEN"> */
int	render_csrf(struct strbuf *, const char *token);
/* frame.c: the head and foot of feige's own small pages. */
int	render_small_head(struct strbuf *, const char *title);
int	render_small_tail(struct strbuf *);

/* assets.c: the stylesheet, inlined into message pages */
extern const char render_css[];

#endif
