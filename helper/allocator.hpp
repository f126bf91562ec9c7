#pragma once

namespace tickets {

// glibc's malloc keeps what a program frees for its next allocations: a
// pull moves pages of megabytes through tickets-remote-http and parses
// them into millions of small JSON nodes, and with the defaults every
// large buffer was mapped and unmapped and the heap trimmed back after each
// page (a clone of 100,000 tickets took 1.7 times as long; bench/RESULTS.md).
// Memory goes back to the system when the program ends. Called first thing
// in main by tickets and the helpers that move bulk data.
void keep_freed_memory();

} // namespace tickets
