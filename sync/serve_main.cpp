// tickets-serve: the server of `tickets serve`, a helper program that the
// command replaces itself with (exec), so that only the server links
// cpp-httplib. Its arguments come from cmd/serve.cpp, which has checked
// them and found the store:
//   tickets-serve STORE_DIR HOST PORT [--no-access-log]
#include "core/error.hpp"
#include "helper/allocator.hpp"
#include "store/sqlite_library.hpp"
#include "sync/http_server.hpp"

#include <SQLiteCpp/Exception.h>
#include <cstring>
#include <fmt/format.h>
#include <string>

int main(int argc, char** argv) {
    using namespace tickets;
    keep_freed_memory();
    if (argc < 4 || argc > 5 || (argc == 5 && std::strcmp(argv[4], "--no-access-log") != 0)) {
        fmt::print(stderr, "tickets-serve: run by 'tickets serve', not by hand\n");
        return kUsage;
    }
    try {
        configure_sqlite_library();
        ServeOptions options;
        options.host = argv[2];
        options.port = std::stoi(argv[3]);
        options.access_log = argc == 4;
        serve(argv[1], options);
        return kOk;
    } catch (const Failure& e) {
        fmt::print(stderr, "tickets: {}\n", e.what());
        return e.code();
    } catch (const SQLite::Exception& e) {
        fmt::print(stderr, "tickets: store: {}\n", e.what());
        return kTempFail;
    } catch (const std::exception& e) {
        fmt::print(stderr, "tickets: serve: {}\n", e.what());
        return kTempFail;
    }
}
