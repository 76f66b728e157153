/*
 * banned.h: C library functions that feige does not call, made compile
 * errors (git's banned.h).  The Makefile force-includes this header
 * (`-include src/util/banned.h`) into every translation unit of src/,
 * so no file has to remember to include it; `make banned-check` proves
 * that each name below still fails to compile.  Tests and fuzz drivers
 * are not covered: they may use whatever makes a fixture short.
 *
 * Every name is banned for the same reason: it cannot be used safely
 * without knowing something the call does not say (the size of the
 * destination, whether the number was a number, which thread owns a
 * static buffer), so a reviewer has to check each call by hand.  The
 * replacements say it in the call:
 *
 *   strcpy, strcat     no size at all: any long source overruns the
 *                      destination.  Use snprintf(dst, sizeof(dst),
 *                      "%s", src) for a fixed buffer, or a strbuf
 *                      (strbuf_addstr, strbuf_addf; util/strbuf.h),
 *                      whose cap makes "too long" an FG_ETOOBIG.
 *   strncpy            does not NUL-terminate a source that fills the
 *                      buffer and zero-pads a short one; code writes
 *                      sizeof - 1 and hopes the buffer was zeroed.
 *                      Use snprintf "%s", or memcpy with a length that
 *                      was checked.
 *   strncat            its size is what is left, not the buffer size;
 *                      every caller gets the arithmetic wrong once.
 *                      Use a strbuf.
 *   sprintf, vsprintf  no size: the same overrun as strcpy.  Use
 *                      snprintf/vsnprintf and check the return value
 *                      against the size, or strbuf_addf.
 *   atoi, atol, atoll  no way to tell "0" from "abc" or from an
 *                      overflow (which is undefined behaviour).  Use
 *                      strtol/strtoll with an end pointer and errno
 *                      checks.  Where "leading digits, else 0" is
 *                      the wire behaviour to keep (query parameters
 *                      such as page, pageSize or since), write
 *                      strtoll(s, NULL, 10) for atoll and
 *                      (int)strtol(s, NULL, 10) for atoi: that is
 *                      how glibc defines them, so the result is the
 *                      same, and on overflow it is a defined one.
 *   gets               no size, removed from C11.  Use fgets or
 *                      getline.
 *   strtok             keeps its position in a static variable, so
 *                      two threads (workers, readers) or two nested
 *                      loops corrupt each other.  Use strtok_r or
 *                      walk the string with strchr/strcspn.
 *   localtime, gmtime, ctime, asctime
 *                      return a pointer to one static struct or
 *                      buffer shared by every thread.  Use
 *                      localtime_r/gmtime_r and strftime into a
 *                      caller's buffer.
 *
 * The system headers that declare these functions come first, so their
 * prototypes are parsed before the macros exist; a later #include of
 * them is a no-op thanks to their include guards.  (So feature-test
 * macros such as _GNU_SOURCE come from the command line, never from a
 * #define in a .c file: that would be too late.)  A banned call then
 * expands to an undeclared identifier named after the function, e.g.
 * "sorry_strcpy_is_a_banned_function", which -std=c11 rejects.  Only
 * calls are caught (the macros are function-like): a header that takes
 * a function's address, or a comment that names it, still compiles.
 */
#ifndef FG_BANNED_H
#define FG_BANNED_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)

#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)

#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)
#undef atoll
#define atoll(x) BANNED(atoll)

#undef gets
#define gets(x) BANNED(gets)
#undef strtok
#define strtok(x, y) BANNED(strtok)

#undef localtime
#define localtime(t) BANNED(localtime)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef ctime
#define ctime(t) BANNED(ctime)
#undef asctime
#define asctime(t) BANNED(asctime)

#endif
