#pragma once
#include <filesystem>

namespace tickets {

// Starts writing a file's dirty pages to disk in the background, so that
// the fsync at the end of a long transaction finds most of them written:
// a bulk load writes its whole store before one commit, which then waited
// a tenth of the load's time for the disk. Only a head start: the kernel
// may write those pages whenever it likes anyway, and the commit's fsync
// stays the guarantee. Does nothing where the system cannot (not Linux, or
// the file cannot be opened).
class Writeback {
  public:
    explicit Writeback(const std::filesystem::path& file);
    ~Writeback();
    Writeback(const Writeback&) = delete;
    Writeback& operator=(const Writeback&) = delete;
    // Returns at once; the writing goes on in the kernel.
    void start();

  private:
    int fd_ = -1;
};

} // namespace tickets
