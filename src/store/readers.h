/*
 * readers.h: one read-only store connection per thread, opened on first
 * use (SQLite connections are not shared between threads).  The server
 * names the data dir once at start; every thread that reads (the HTTP
 * event threads, the delivery workers) then calls store_reader().  At
 * shutdown, after those threads are gone, store_readers_close() closes
 * them all: MHD's threads are its own and run no code of ours when they
 * exit, so no thread can close its own connection.
 */
#ifndef FG_STORE_READERS_H
#define FG_STORE_READERS_H

struct store;

/* Where readers open (before any thread calls store_reader()). */
void		 store_readers_init(const char *data_dir, int sync_full);
/* This thread's connection, or NULL (logged) when it cannot be opened. */
struct store	*store_reader(void);
/* Close every reader; only once no thread can use them any more. */
void		 store_readers_close(void);

#endif
