#pragma once
// Write-behind for bulk loads: a database file's page writes handed to a
// background thread, so that the thread running SQLite does not spend its
// time in the kernel's write path (a seventh of an import's loading thread,
// which is the one the import waits for).
//
// It is a VFS, "tickets", that passes everything to the system's default
// one. Only while write-behind is on for a connection's main database file
// does a write return once its bytes are copied and queued; the queue is
// bounded, written in order (adjacent pages in one call), and every
// operation whose result could depend on it waits until it is written:
// sync, truncate, file size, unlock, close, memory-mapped reads, and reads
// that only partly overlap a queued write. A read of a page still queued
// gets the queued bytes. So SQLite sees the file as if each write had
// happened at once, and the commit's sync remains the guarantee. A write
// that fails in the background is reported by the next operation on the
// file, and the queue behind it is dropped: the transaction then fails and
// is rolled back from its journal, as it would have been at the write.
//
// The background thread also starts the kernel's writeback of the file
// every few dozen megabytes, so that the commit's sync finds most of the
// file on disk already.
#include <sqlite3.h>

namespace tickets {

// The VFS's name, for sqlite3_open_v2 (registered on first call).
const char* write_behind_vfs();

// Turns write-behind on for the main database file of `db`. False (and
// nothing changes) when that file was not opened through write_behind_vfs()
// or the system has no place for it.
bool start_write_behind(sqlite3* db);

// Waits until every queued write is done and turns write-behind off.
// Returns SQLite's error code of a background write that failed and was not
// reported yet, else SQLITE_OK.
int stop_write_behind(sqlite3* db);

} // namespace tickets
