#include "store/writeback.hpp"

#include <fcntl.h>
#include <unistd.h>

namespace tickets {

Writeback::Writeback(const std::filesystem::path& file) {
#ifdef __linux__
    // The page cache belongs to the file, not to a descriptor: one opened
    // for reading reaches the pages SQLite's own descriptor wrote.
    fd_ = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
#else
    (void)file;
#endif
}

Writeback::~Writeback() {
    if (fd_ >= 0) ::close(fd_);
}

void Writeback::start() {
#ifdef __linux__
    if (fd_ >= 0) ::sync_file_range(fd_, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
}

} // namespace tickets
