// Loads the transport module embedded in the binary (see store/transport.hpp
// for why it is a module): its bytes go into an anonymous memory file, which
// the dynamic loader opens like any shared library. Nothing is written to
// disk, and the binary stays self-contained.
#include "store/transport.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <cstring>
#include <dlfcn.h>
#include <fmt/format.h>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

// The module's bytes, placed in .rodata by the assembler at build time
// (TICKETS_TRANSPORT_MODULE is the module's path, set by CMakeLists.txt).
extern "C" const unsigned char tickets_transport_module_begin[];
extern "C" const unsigned char tickets_transport_module_end[];
__asm__(".pushsection .rodata\n"
        ".balign 64\n"
        ".hidden tickets_transport_module_begin\n"
        ".globl tickets_transport_module_begin\n"
        "tickets_transport_module_begin:\n"
        ".incbin \"" TICKETS_TRANSPORT_MODULE "\"\n"
        ".hidden tickets_transport_module_end\n"
        ".globl tickets_transport_module_end\n"
        "tickets_transport_module_end:\n"
        ".popsection\n");

namespace tickets::transport {

namespace {

[[noreturn]] void fail(const std::string& why) {
    throw Failure(kUnavailable, fmt::format("cannot load the network and mail module: {}", why));
}

const Table* load_table() {
    int fd = ::memfd_create("tickets-transport", MFD_CLOEXEC);
    if (fd < 0) fail(fmt::format("memfd_create: {}", std::strerror(errno)));
    const unsigned char* p = tickets_transport_module_begin;
    while (p < tickets_transport_module_end) {
        ssize_t n = ::write(fd, p, static_cast<size_t>(tickets_transport_module_end - p));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ::close(fd);
            fail(fmt::format("writing the module: {}", std::strerror(errno)));
        }
        p += n;
    }
    std::string path = fmt::format("/proc/self/fd/{}", fd);
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    ::close(fd); // the loader keeps its own mapping
    // dlerror names the library that is missing, e.g. libgmime-3.0.so.0.
    if (!handle) fail(::dlerror());
    auto entry = reinterpret_cast<const Table* (*)()>(::dlsym(handle, "tickets_transport_table"));
    if (!entry) fail("the module has no table");
    const Table* table = entry();
    if (table->version != kTableVersion)
        fail(fmt::format("module version {}, expected {}", table->version, kTableVersion));
    return table; // never unloaded: its libraries keep global state
}

} // namespace

const Table& load() {
    static const Table* table = load_table();
    return *table;
}

} // namespace tickets::transport
