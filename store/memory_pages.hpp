#pragma once

namespace tickets {

// The release binary's allocator backs the heap with transparent huge
// pages (jemalloc's thp:always, see cmd/main.cpp): a short command such as
// `new`, `show` or `list` then takes a few 2 MiB page faults instead of
// some 350 of 4 KiB, and on the virtual machines we measure on each small
// fault cost about 10 µs, a third of a `show`.
//
// Commands that go through the whole store (import, export, clone, fsck,
// reindex, serve) call this first: with huge pages an import's peak memory
// rose from 68 to 87 MB and it ran no faster. It affects memory mapped from
// then on; a kernel without the setting keeps its default.
void use_small_pages();

} // namespace tickets
