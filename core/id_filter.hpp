#pragma once
// A set of ids that answers "certainly not seen" or "maybe seen": it keeps
// 64 bits of each id, so two ids may share an entry, never one go missing.
// A bulk load uses it in place of the unique indexes it has not built yet,
// and builds them as soon as the answer is "maybe" (see Repository).
//
// Open addressing in one array at most three quarters full: 8 to 16 bytes
// an id, where a std::unordered_set of strings took about 100.
#include <cstdint>
#include <string_view>
#include <vector>

namespace tickets {

class IdFilter {
  public:
    // True when `id` was not in the set (it is now).
    bool insert(std::string_view id) {
        if ((count_ + 1) * 4 > slots_.size() * 3) grow();
        return place(key_of(id));
    }
    bool maybe_contains(std::string_view id) const {
        if (slots_.empty()) return false;
        std::uint64_t key = key_of(id);
        for (std::size_t i = key & mask(); slots_[i] != 0; i = (i + 1) & mask())
            if (slots_[i] == key) return true;
        return false;
    }
    std::size_t size() const { return count_; }
    // Starts loading the slot where `id` goes into the processor's cache:
    // the table is megabytes large, and each lookup missed the cache.
    void prefetch(std::string_view id) const {
        if (!slots_.empty()) __builtin_prefetch(&slots_[key_of(id) & mask()]);
    }

    // Ids are SHA-256 hex: their first 16 digits are already uniformly
    // spread. Anything else is hashed (FNV-1a) so that it spreads too.
    static std::uint64_t key_of(std::string_view id) {
        std::uint64_t key = 0;
        bool hex = id.size() >= 16;
        for (std::size_t i = 0; hex && i < 16; ++i) {
            char c = id[i];
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            hex = digit >= 0;
            key = key << 4 | static_cast<std::uint64_t>(digit < 0 ? 0 : digit);
        }
        if (!hex) {
            key = 14695981039346656037ull;
            for (unsigned char c : id) key = (key ^ c) * 1099511628211ull;
        }
        return key == 0 ? 1 : key; // 0 marks an empty slot
    }

  private:
    std::size_t mask() const { return slots_.size() - 1; }
    bool place(std::uint64_t key) {
        std::size_t i = key & mask();
        for (; slots_[i] != 0; i = (i + 1) & mask())
            if (slots_[i] == key) return false;
        slots_[i] = key;
        ++count_;
        return true;
    }
    void grow() {
        std::vector<std::uint64_t> old = std::move(slots_);
        slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
        count_ = 0;
        for (std::uint64_t key : old)
            if (key != 0) place(key);
    }

    std::vector<std::uint64_t> slots_;
    std::size_t count_ = 0;
};

} // namespace tickets
