/*
 * row.h: a result row as data, shared by the store's backends.
 *
 * A backend's table file says once which field of a result struct each
 * column of its SELECT lands in (struct sq_row, built with SQ_ROW from
 * the field names, the column type taken from the field by _Generic),
 * and its runners read rows into the struct through the table.  The
 * SQLite runners (sqlite_row.c) and the PostgreSQL ones (pg_row.c) read
 * the same tables, so a row is described the same way in both; the sq_
 * prefix predates the second backend and is kept so no SQLite file
 * changes.
 *
 * The lists' callbacks are typed (store_user_cb takes a const struct
 * store_user *); runners call them through sq_row_cb, which differs
 * only in the pointer type of the row: the same calling convention on
 * every ABI the project builds for.
 */
#ifndef FG_STORE_ROW_H
#define FG_STORE_ROW_H

#include <stddef.h>
#include <stdint.h>

/* How a result column lands in its field. */
enum sq_ftype {
	SQ_TXT, /* char array: a copy, cut to fit */
	SQ_I64, /* int64_t */
	SQ_INT, /* int */
	SQ_DUP	/* char *: a heap copy, "" for NULL */
};

struct sq_fld {
	size_t off;
	size_t size; /* 0 ends the row */
	int type;    /* enum sq_ftype */
};

/* Result column i of a row goes to f[i]; the struct is zeroed first. */
#define SQ_ROW_MAX 20
struct sq_row {
	size_t size; /* of the struct */
	struct sq_fld f[SQ_ROW_MAX];
};

/*
 * One field of struct type T; its type picks the column read: int64_t,
 * int, char * (a heap copy), anything else a char array.
 */
#define SQ_FLD(T, m) \
	{ \
		offsetof(T, m), sizeof(((T *)0)->m),		\
	_Generic(&((T *)0)->m, int64_t *: SQ_I64, int *: SQ_INT,	\
	char **: SQ_DUP, default: SQ_TXT) \
	}

/*
 * SQ_ROW(struct x, a, b, c): the row of columns read into x.a, x.b and
 * x.c, in that order (at most SQ_ROW_MAX fields).
 */
#define SQ_ROW(T, ...) \
	{ \
		sizeof(T), \
		{ \
			SQ_CAT(SQ_F, SQ_NARG(__VA_ARGS__))(T, __VA_ARGS__) \
		} \
	}
#define SQ_CAT(a, b) SQ_CAT_(a, b)
#define SQ_CAT_(a, b) a##b
#define SQ_NARG(...) \
	SQ_NARG_(__VA_ARGS__, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, \
	    8, 7, 6, 5, 4, 3, 2, 1, 0)
#define SQ_NARG_(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, \
    a15, a16, a17, a18, a19, a20, n, ...) \
	n
#define SQ_F1(T, a) SQ_FLD(T, a)
#define SQ_F2(T, a, ...) SQ_FLD(T, a), SQ_F1(T, __VA_ARGS__)
#define SQ_F3(T, a, ...) SQ_FLD(T, a), SQ_F2(T, __VA_ARGS__)
#define SQ_F4(T, a, ...) SQ_FLD(T, a), SQ_F3(T, __VA_ARGS__)
#define SQ_F5(T, a, ...) SQ_FLD(T, a), SQ_F4(T, __VA_ARGS__)
#define SQ_F6(T, a, ...) SQ_FLD(T, a), SQ_F5(T, __VA_ARGS__)
#define SQ_F7(T, a, ...) SQ_FLD(T, a), SQ_F6(T, __VA_ARGS__)
#define SQ_F8(T, a, ...) SQ_FLD(T, a), SQ_F7(T, __VA_ARGS__)
#define SQ_F9(T, a, ...) SQ_FLD(T, a), SQ_F8(T, __VA_ARGS__)
#define SQ_F10(T, a, ...) SQ_FLD(T, a), SQ_F9(T, __VA_ARGS__)
#define SQ_F11(T, a, ...) SQ_FLD(T, a), SQ_F10(T, __VA_ARGS__)
#define SQ_F12(T, a, ...) SQ_FLD(T, a), SQ_F11(T, __VA_ARGS__)
#define SQ_F13(T, a, ...) SQ_FLD(T, a), SQ_F12(T, __VA_ARGS__)
#define SQ_F14(T, a, ...) SQ_FLD(T, a), SQ_F13(T, __VA_ARGS__)
#define SQ_F15(T, a, ...) SQ_FLD(T, a), SQ_F14(T, __VA_ARGS__)
#define SQ_F16(T, a, ...) SQ_FLD(T, a), SQ_F15(T, __VA_ARGS__)
#define SQ_F17(T, a, ...) SQ_FLD(T, a), SQ_F16(T, __VA_ARGS__)
#define SQ_F18(T, a, ...) SQ_FLD(T, a), SQ_F17(T, __VA_ARGS__)
#define SQ_F19(T, a, ...) SQ_FLD(T, a), SQ_F18(T, __VA_ARGS__)
#define SQ_F20(T, a, ...) SQ_FLD(T, a), SQ_F19(T, __VA_ARGS__)

/* A callback of the store's lists: int (*)(void *, const struct x *). */
typedef int (*sq_row_cb)(void *arg, const void *row);

#endif
