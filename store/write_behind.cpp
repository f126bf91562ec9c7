#include "store/write_behind.hpp"

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <string>
#include <sys/stat.h>
#include <sys/uio.h>
#include <system_error>
#include <thread>
#include <unistd.h>
#include <vector>

namespace tickets {

namespace {

constexpr std::size_t kQueueLimit = 8 << 20;      // bytes queued at most: the writer waits beyond
constexpr std::size_t kWakeBatch = 512 << 10;     // queued bytes that wake the background thread
constexpr std::size_t kWritebackEvery = 32 << 20; // bytes written between two writeback starts
constexpr int kMaxRun = 64;                       // adjacent writes per pwritev

// All of `iov` at `offset`: 0, or the errno of the failure.
int write_fully(int fd, iovec* iov, int count, off_t offset) {
    while (count > 0) {
        ssize_t done = ::pwritev(fd, iov, count, offset);
        if (done < 0 && errno == EINTR) continue;
        if (done < 0) return errno;
        if (done == 0) return EIO;
        offset += done;
        for (; count > 0 && static_cast<std::size_t>(done) >= iov->iov_len; ++iov, --count)
            done -= static_cast<ssize_t>(iov->iov_len);
        if (count > 0) {
            iov->iov_base = static_cast<char*>(iov->iov_base) + done;
            iov->iov_len -= static_cast<std::size_t>(done);
        }
    }
    return 0;
}

int sqlite_code_of(int error) {
    return error == ENOSPC || error == EDQUOT ? SQLITE_FULL : SQLITE_IOERR_WRITE;
}

struct Pending {
    sqlite3_int64 offset;
    int size;
    std::unique_ptr<char[]> bytes;
};

// The writes of one file waiting for the background thread, which writes
// them in order and removes each only once it is written, so that a read
// finds any write that is not in the file yet.
class Queue {
  public:
    explicit Queue(int fd) : fd_(fd), thread_([this] { run(); }) {}
    ~Queue() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        work_.notify_one();
        thread_.join(); // after writing what is queued
    }
    Queue(const Queue&) = delete;
    Queue& operator=(const Queue&) = delete;

    // False when a background write has failed (see failure()).
    bool push(const void* data, int size, sqlite3_int64 offset) {
        std::unique_lock<std::mutex> lock(mutex_);
        writer_waiting_ = true;
        room_.wait(lock, [&] { return bytes_ < kQueueLimit || error_ != 0; });
        writer_waiting_ = false;
        if (error_ != 0) return false;
        Pending p{offset, size, buffer_of(size)};
        std::memcpy(p.bytes.get(), data, static_cast<std::size_t>(size));
        bytes_ += static_cast<std::size_t>(size);
        queue_.push_back(std::move(p));
        // Woken for a batch, not for each page: a wake-up costs a system call.
        if (sleeping_ && bytes_ >= kWakeBatch) work_.notify_one();
        return true;
    }

    enum class Found { nothing, copied, overlap };
    // The newest queued write of exactly this range is copied to `out`; a
    // queued write that covers part of it is an overlap.
    Found read(void* out, int size, sqlite3_int64 offset) {
        std::lock_guard<std::mutex> lock(mutex_);
        for (auto it = queue_.rbegin(); it != queue_.rend(); ++it) {
            if (it->offset >= offset + size || it->offset + it->size <= offset) continue;
            if (it->offset != offset || it->size != size) return Found::overlap;
            std::memcpy(out, it->bytes.get(), static_cast<std::size_t>(size));
            return Found::copied;
        }
        return Found::nothing;
    }

    // Waits until everything queued is written (or dropped after a failure).
    void drain() {
        std::unique_lock<std::mutex> lock(mutex_);
        if (queue_.empty()) return;
        draining_ = true;
        work_.notify_one();
        idle_.wait(lock, [&] { return queue_.empty(); });
        draining_ = false;
    }

    // SQLite's code for a background write that failed, else SQLITE_OK.
    int failure() {
        std::lock_guard<std::mutex> lock(mutex_);
        return error_ == 0 ? SQLITE_OK : sqlite_code_of(error_);
    }

  private:
    // Written buffers are used again: freeing each on the background thread
    // what the other one allocated kept the allocator returning memory to
    // the system, and each return interrupted both processors.
    std::unique_ptr<char[]> buffer_of(int size) {
        if (spare_size_ == 0) spare_size_ = size; // the page size
        if (size == spare_size_ && !spare_.empty()) {
            std::unique_ptr<char[]> bytes = std::move(spare_.back());
            spare_.pop_back();
            return bytes;
        }
        return std::unique_ptr<char[]>(new char[static_cast<std::size_t>(size)]);
    }

    void run() {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            if (queue_.empty()) {
                idle_.notify_all();
                if (stopping_) return;
                sleeping_ = true;
                work_.wait(lock, [&] {
                    return stopping_ || (!queue_.empty() && (draining_ || bytes_ >= kWakeBatch));
                });
                sleeping_ = false;
                continue;
            }
            // A run of adjacent writes from the front, in one system call.
            iovec iov[kMaxRun];
            int count = 0;
            std::size_t total = 0;
            const sqlite3_int64 offset = queue_.front().offset;
            for (; count < kMaxRun && static_cast<std::size_t>(count) < queue_.size(); ++count) {
                const Pending& p = queue_[static_cast<std::size_t>(count)];
                if (p.offset != offset + static_cast<sqlite3_int64>(total)) break;
                iov[count] = {p.bytes.get(), static_cast<std::size_t>(p.size)};
                total += static_cast<std::size_t>(p.size);
            }
            lock.unlock();
            int error = write_fully(fd_, iov, count, offset);
            if (error == 0 && (since_writeback_ += total) >= kWritebackEvery) {
                ::sync_file_range(fd_, 0, 0, SYNC_FILE_RANGE_WRITE);
                since_writeback_ = 0;
            }
            lock.lock();
            if (error != 0) {
                // The transaction cannot commit now; its journal undoes it.
                error_ = error;
                queue_.clear();
                bytes_ = 0;
            } else {
                for (int i = 0; i < count; ++i) {
                    Pending& p = queue_.front();
                    if (p.size == spare_size_) spare_.push_back(std::move(p.bytes));
                    queue_.pop_front();
                }
                bytes_ -= total;
            }
            if (writer_waiting_) room_.notify_one();
        }
    }

    const int fd_;
    std::mutex mutex_;
    std::condition_variable work_; // for the background thread
    std::condition_variable room_; // for a writer waiting for the queue to shrink
    std::condition_variable idle_; // for drain()
    std::deque<Pending> queue_;
    std::size_t bytes_ = 0;
    int error_ = 0; // errno of a failed write
    bool sleeping_ = false;
    bool writer_waiting_ = false;
    bool draining_ = false;
    bool stopping_ = false;
    std::vector<std::unique_ptr<char[]>> spare_; // written buffers of spare_size_ bytes
    int spare_size_ = 0;
    std::size_t since_writeback_ = 0; // the background thread's own
    std::thread thread_;              // last: started once the rest exists
};

// A descriptor of our own for each database file, kept open until the
// process ends: closing any descriptor of a file drops every POSIX lock the
// process holds on it, SQLite's too (SQLite keeps its unused descriptors
// open for the same reason). -1 when `path` is no longer that file.
int descriptor_for(const std::string& path, dev_t device, ino_t inode) {
    static std::mutex mutex;
    static std::vector<int> descriptors;
    std::lock_guard<std::mutex> lock(mutex);
    struct stat st;
    for (int fd : descriptors)
        if (::fstat(fd, &st) == 0 && st.st_dev == device && st.st_ino == inode) return fd;
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    descriptors.push_back(fd); // even if it is another file now: never closed
    if (::fstat(fd, &st) != 0 || st.st_dev != device || st.st_ino != inode) return -1;
    return fd;
}

// What the VFS keeps of a main database file besides SQLite's own.
struct MainFile {
    std::string path;
    dev_t device = 0;
    ino_t inode = 0;
    std::unique_ptr<Queue> queue; // while write-behind is on
};

// The file SQLite holds: ours first, the default VFS's right behind it.
struct ShimFile {
    sqlite3_file base;
    sqlite3_file* real;
    MainFile* main; // null for journals and temporary files
};
constexpr int kShimSize = (sizeof(ShimFile) + 7) & ~7;

ShimFile* shim(sqlite3_file* f) {
    return reinterpret_cast<ShimFile*>(f);
}
sqlite3_file* real(sqlite3_file* f) {
    return shim(f)->real;
}
const sqlite3_io_methods& real_methods(sqlite3_file* f) {
    return *real(f)->pMethods;
}
Queue* queue_of(sqlite3_file* f) {
    MainFile* m = shim(f)->main;
    return m ? m->queue.get() : nullptr;
}

// A background write that failed is reported once; write-behind is off
// from then on (the rollback writes straight to the file).
int take_failure(sqlite3_file* f) {
    Queue* q = queue_of(f);
    if (!q) return SQLITE_OK;
    int rc = q->failure();
    if (rc != SQLITE_OK) shim(f)->main->queue.reset();
    return rc;
}

// For operations that see the file as it is: every queued write first.
int settle(sqlite3_file* f) {
    Queue* q = queue_of(f);
    if (!q) return SQLITE_OK;
    q->drain();
    return take_failure(f);
}

int shim_close(sqlite3_file* f) {
    int rc = settle(f);
    delete shim(f)->main;
    int closed = real_methods(f).xClose(real(f));
    return rc != SQLITE_OK ? rc : closed;
}

int shim_read(sqlite3_file* f, void* out, int size, sqlite3_int64 offset) {
    if (Queue* q = queue_of(f)) {
        if (int rc = take_failure(f)) return rc;
        switch (q->read(out, size, offset)) {
        case Queue::Found::copied:
            return SQLITE_OK;
        case Queue::Found::overlap:
            if (int rc = settle(f)) return rc;
            break;
        case Queue::Found::nothing:
            break;
        }
    }
    return real_methods(f).xRead(real(f), out, size, offset);
}

int shim_write(sqlite3_file* f, const void* data, int size, sqlite3_int64 offset) {
    if (Queue* q = queue_of(f)) {
        if (int rc = take_failure(f)) return rc;
        return q->push(data, size, offset) ? SQLITE_OK : take_failure(f);
    }
    return real_methods(f).xWrite(real(f), data, size, offset);
}

int shim_truncate(sqlite3_file* f, sqlite3_int64 size) {
    if (int rc = settle(f)) return rc;
    return real_methods(f).xTruncate(real(f), size);
}

int shim_sync(sqlite3_file* f, int flags) {
    if (int rc = settle(f)) return rc;
    return real_methods(f).xSync(real(f), flags);
}

int shim_file_size(sqlite3_file* f, sqlite3_int64* size) {
    if (int rc = settle(f)) return rc;
    return real_methods(f).xFileSize(real(f), size);
}

int shim_lock(sqlite3_file* f, int level) {
    return real_methods(f).xLock(real(f), level);
}

// Another connection may read the file once the lock is gone.
int shim_unlock(sqlite3_file* f, int level) {
    int rc = settle(f);
    int unlocked = real_methods(f).xUnlock(real(f), level);
    return rc != SQLITE_OK ? rc : unlocked;
}

int shim_check_reserved_lock(sqlite3_file* f, int* out) {
    return real_methods(f).xCheckReservedLock(real(f), out);
}

int shim_file_control(sqlite3_file* f, int op, void* arg) {
    // The ones that map, extend or reshape the file look at it as it is.
    if (op == SQLITE_FCNTL_MMAP_SIZE || op == SQLITE_FCNTL_SIZE_HINT ||
        op == SQLITE_FCNTL_CHUNK_SIZE)
        if (int rc = settle(f)) return rc;
    return real_methods(f).xFileControl(real(f), op, arg);
}

int shim_sector_size(sqlite3_file* f) {
    return real_methods(f).xSectorSize(real(f));
}

int shim_device_characteristics(sqlite3_file* f) {
    return real_methods(f).xDeviceCharacteristics(real(f));
}

int shim_shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
    if (real_methods(f).iVersion < 2) return SQLITE_IOERR_SHMMAP;
    return real_methods(f).xShmMap(real(f), region, size, extend, out);
}

int shim_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
    if (real_methods(f).iVersion < 2) return SQLITE_IOERR_SHMLOCK;
    return real_methods(f).xShmLock(real(f), offset, n, flags);
}

void shim_shm_barrier(sqlite3_file* f) {
    if (real_methods(f).iVersion >= 2) real_methods(f).xShmBarrier(real(f));
}

int shim_shm_unmap(sqlite3_file* f, int delete_flag) {
    if (real_methods(f).iVersion < 2) return SQLITE_OK;
    return real_methods(f).xShmUnmap(real(f), delete_flag);
}

int shim_fetch(sqlite3_file* f, sqlite3_int64 offset, int size, void** out) {
    *out = nullptr; // no mapping: SQLite reads instead
    if (int rc = settle(f)) return rc;
    if (real_methods(f).iVersion < 3) return SQLITE_OK;
    return real_methods(f).xFetch(real(f), offset, size, out);
}

int shim_unfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) {
    if (real_methods(f).iVersion < 3) return SQLITE_OK;
    return real_methods(f).xUnfetch(real(f), offset, p);
}

const sqlite3_io_methods kMethods = {
    3,
    shim_close,
    shim_read,
    shim_write,
    shim_truncate,
    shim_sync,
    shim_file_size,
    shim_lock,
    shim_unlock,
    shim_check_reserved_lock,
    shim_file_control,
    shim_sector_size,
    shim_device_characteristics,
    shim_shm_map,
    shim_shm_lock,
    shim_shm_barrier,
    shim_shm_unmap,
    shim_fetch,
    shim_unfetch,
};

sqlite3_vfs* base_of(sqlite3_vfs* vfs) {
    return static_cast<sqlite3_vfs*>(vfs->pAppData);
}

int shim_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags,
              int* out_flags) {
    ShimFile* f = shim(file);
    f->base.pMethods = nullptr; // until the real file is open
    f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + kShimSize);
    f->main = nullptr;
    sqlite3_vfs* base = base_of(vfs);
    int rc = base->xOpen(base, name, f->real, flags, out_flags);
    if (rc != SQLITE_OK) return rc;
    struct stat st;
    if ((flags & SQLITE_OPEN_MAIN_DB) && name && ::stat(name, &st) == 0) {
        try {
            f->main = new MainFile{name, st.st_dev, st.st_ino, nullptr};
        } catch (const std::bad_alloc&) {
            // without write-behind
        }
    }
    f->base.pMethods = &kMethods;
    return SQLITE_OK;
}

// Everything but opening a file is the default VFS's own.
sqlite3_vfs make_vfs(sqlite3_vfs* base) {
    sqlite3_vfs v{};
    v.iVersion = base->iVersion;
    v.szOsFile = kShimSize + base->szOsFile;
    v.mxPathname = base->mxPathname;
    v.zName = "tickets";
    v.pAppData = base;
    v.xOpen = shim_open;
    v.xDelete = [](sqlite3_vfs* s, const char* name, int sync) {
        return base_of(s)->xDelete(base_of(s), name, sync);
    };
    v.xAccess = [](sqlite3_vfs* s, const char* name, int flags, int* out) {
        return base_of(s)->xAccess(base_of(s), name, flags, out);
    };
    v.xFullPathname = [](sqlite3_vfs* s, const char* name, int size, char* out) {
        return base_of(s)->xFullPathname(base_of(s), name, size, out);
    };
    v.xDlOpen = [](sqlite3_vfs* s, const char* name) {
        return base_of(s)->xDlOpen(base_of(s), name);
    };
    v.xDlError = [](sqlite3_vfs* s, int size, char* out) {
        base_of(s)->xDlError(base_of(s), size, out);
    };
    v.xDlSym = [](sqlite3_vfs* s, void* handle, const char* symbol) {
        return base_of(s)->xDlSym(base_of(s), handle, symbol);
    };
    v.xDlClose = [](sqlite3_vfs* s, void* handle) { base_of(s)->xDlClose(base_of(s), handle); };
    v.xRandomness = [](sqlite3_vfs* s, int size, char* out) {
        return base_of(s)->xRandomness(base_of(s), size, out);
    };
    v.xSleep = [](sqlite3_vfs* s, int micros) { return base_of(s)->xSleep(base_of(s), micros); };
    v.xCurrentTime = [](sqlite3_vfs* s, double* out) {
        return base_of(s)->xCurrentTime(base_of(s), out);
    };
    v.xGetLastError = [](sqlite3_vfs* s, int size, char* out) {
        return base_of(s)->xGetLastError(base_of(s), size, out);
    };
    if (base->iVersion >= 2)
        v.xCurrentTimeInt64 = [](sqlite3_vfs* s, sqlite3_int64* out) {
            return base_of(s)->xCurrentTimeInt64(base_of(s), out);
        };
    if (base->iVersion >= 3) {
        v.xSetSystemCall = [](sqlite3_vfs* s, const char* name, sqlite3_syscall_ptr call) {
            return base_of(s)->xSetSystemCall(base_of(s), name, call);
        };
        v.xGetSystemCall = [](sqlite3_vfs* s, const char* name) {
            return base_of(s)->xGetSystemCall(base_of(s), name);
        };
        v.xNextSystemCall = [](sqlite3_vfs* s, const char* name) {
            return base_of(s)->xNextSystemCall(base_of(s), name);
        };
    }
    return v;
}

// The connection's main database file if it was opened through this VFS.
sqlite3_file* shim_file_of(sqlite3* db) {
    sqlite3_file* file = nullptr;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file ||
        file->pMethods != &kMethods || !shim(file)->main)
        return nullptr;
    return file;
}

} // namespace

const char* write_behind_vfs() {
    static const char* name = [] {
        static sqlite3_vfs vfs = make_vfs(sqlite3_vfs_find(nullptr));
        sqlite3_vfs_register(&vfs, /*makeDflt=*/0);
        return vfs.zName;
    }();
    return name;
}

bool start_write_behind(sqlite3* db) {
    sqlite3_file* file = shim_file_of(db);
    if (!file) return false;
    MainFile& m = *shim(file)->main;
    if (m.queue) return true;
    int fd = descriptor_for(m.path, m.device, m.inode);
    if (fd < 0) return false;
    try {
        m.queue = std::make_unique<Queue>(fd);
    } catch (const std::system_error&) { // no thread to be had: write directly
        return false;
    }
    return true;
}

int stop_write_behind(sqlite3* db) {
    sqlite3_file* file = shim_file_of(db);
    if (!file || !queue_of(file)) return SQLITE_OK;
    int rc = settle(file);
    shim(file)->main->queue.reset();
    return rc;
}

} // namespace tickets
