#include "helper/allocator.hpp"

#include <malloc.h>

namespace tickets {

void keep_freed_memory() {
    mallopt(M_MMAP_THRESHOLD, 32 << 20); // the most glibc accepts
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 64 << 20);
}

} // namespace tickets
