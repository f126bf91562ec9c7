// Loads the module embedded in the binary (see store/transport.hpp
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

// The modules' bytes, placed in .rodata by the assembler at build time
// (TICKETS_*_MODULE are the modules' paths, set by CMakeLists.txt).
#define TICKETS_EMBED(name, path)                                                                  \
    extern "C" const unsigned char name##_begin[];                                                 \
    extern "C" const unsigned char name##_end[];                                                   \
    __asm__(".pushsection .rodata\n.balign 64\n.hidden " #name "_begin\n.globl " #name             \
            "_begin\n" #name "_begin:\n.incbin \"" path "\"\n.hidden " #name "_end\n.globl " #name \
            "_end\n" #name "_end:\n.popsection\n");
TICKETS_EMBED(tickets_net_module, TICKETS_NET_MODULE)
TICKETS_EMBED(tickets_smtp_module, TICKETS_SMTP_MODULE)
TICKETS_EMBED(tickets_mail_module, TICKETS_MAIL_MODULE)
TICKETS_EMBED(tickets_json_module, TICKETS_JSON_MODULE)

namespace tickets::transport {

namespace {

[[noreturn]] void fail(const std::string& why) {
    throw Failure(kUnavailable, fmt::format("cannot load a transport module: {}", why));
}

const Table* load_table(const char* name, const unsigned char* begin, const unsigned char* end) {
    int fd = ::memfd_create(name, MFD_CLOEXEC);
    if (fd < 0) fail(fmt::format("memfd_create: {}", std::strerror(errno)));
    const unsigned char* p = begin;
    while (p < end) {
        ssize_t n = ::write(fd, p, static_cast<size_t>(end - p));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ::close(fd);
            fail(fmt::format("writing the module: {}", std::strerror(errno)));
        }
        p += n;
    }
    std::string path = fmt::format("/proc/self/fd/{}", fd);
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    // The descriptor stays open (the loader has its own mapping): the
    // loader knows a module by its path, and a second module loaded from a
    // reused descriptor number would be taken for the first one (a pull
    // loads net, then json).
    // dlerror names the library that is missing, e.g. libgmime-3.0.so.0.
    if (!handle) {
        ::close(fd);
        fail(::dlerror());
    }
    auto entry = reinterpret_cast<const Table* (*)()>(::dlsym(handle, "tickets_transport_table"));
    if (!entry) fail("the module has no table");
    const Table* table = entry();
    if (table->version != kTableVersion)
        fail(fmt::format("module version {}, expected {}", table->version, kTableVersion));
    return table; // never unloaded: its libraries keep global state
}

} // namespace

void throw_on(const Error& error) {
    if (error.code != 0) throw Failure(error.code, error.message);
}

const Table& load(Module module) {
    switch (module) {
    case Module::net: {
        static const Table* net =
            load_table("tickets-net", tickets_net_module_begin, tickets_net_module_end);
        return *net;
    }
    case Module::smtp: {
        static const Table* smtp =
            load_table("tickets-smtp", tickets_smtp_module_begin, tickets_smtp_module_end);
        return *smtp;
    }
    case Module::mail: {
        static const Table* mail =
            load_table("tickets-mail", tickets_mail_module_begin, tickets_mail_module_end);
        return *mail;
    }
    case Module::json: {
        static const Table* json =
            load_table("tickets-json", tickets_json_module_begin, tickets_json_module_end);
        return *json;
    }
    }
    fail("unknown module");
}

} // namespace tickets::transport
