/*
 * frame.h: the length-prefixed records between the server and its
 * pre-processing workers (pool.c, worker.c).
 *
 * A frame is a 4-byte big-endian length and that many bytes.  A request
 * is one frame holding three frames (script, content, title); a reply is
 * one frame holding a status byte and the text (new content or error).
 * Every reader states a cap and refuses a longer length before it reads
 * the body, so a confused or hostile worker cannot make the server
 * allocate more than the cap.
 */
#ifndef FG_PRE_FRAME_H
#define FG_PRE_FRAME_H

#include <stddef.h>
#include <stdint.h>

struct strbuf;

#define PRE_FRAME_HDR	4

/* Append one frame with len bytes of p to sb; FG_ETOOBIG past its cap. */
int	pre_frame_add(struct strbuf *sb, const void *p, size_t len);

/*
 * The frame at the start of buf (len bytes): its body in *body and
 * *body_len, and the bytes it takes (> 0); 0 when buf holds only part of
 * it; FG_ETOOBIG when its length says more than cap.
 */
long	pre_frame_next(const char *buf, size_t len, size_t cap,
	    const char **body, size_t *body_len);

/*
 * Read exactly one frame from the blocking descriptor fd into sb (its
 * body only).  0; FG_ECLOSED at end of file before a frame starts;
 * FG_ETOOBIG past cap; FG_EIO on a read error or a cut frame.
 */
int	pre_frame_read(int fd, struct strbuf *sb, size_t cap);

/* Write all of buf to fd; 0 or FG_EIO. */
int	pre_frame_write(int fd, const void *buf, size_t len);

#endif
