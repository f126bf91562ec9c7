#include "store/memory_pages.hpp"

#include <sys/prctl.h>

namespace tickets {

void use_small_pages() {
    // Inherited by hooks the command starts; failure leaves the kernel's
    // default, which is only slower or bigger, never wrong.
    ::prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
}

} // namespace tickets
