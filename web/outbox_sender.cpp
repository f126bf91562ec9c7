#include "web/outbox_sender.hpp"

#include "mail/notify_settings.hpp"
#include "mail/outbox.hpp"
#include "store/config.hpp"

#include <condition_variable>
#include <fmt/format.h>
#include <mutex>
#include <thread>

namespace tickets {

namespace {

struct Sender {
    std::mutex mutex;
    std::condition_variable wake;
    bool pending = false;
    std::filesystem::path dir;

    void run() {
        for (;;) {
            std::filesystem::path repo_dir;
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [this] { return pending; });
                pending = false;
                repo_dir = dir;
            }
            try {
                auto smtp = smtp_settings(Config::load(repo_dir));
                if (!smtp) continue;
                FlushResult r = flush_outbox(repo_dir, *smtp);
                for (const auto& failure : r.failures)
                    fmt::print(stderr, "tickets-serve: outbox: {}\n", failure);
            } catch (const std::exception& e) {
                fmt::print(stderr, "tickets-serve: outbox: {}\n", e.what());
            }
        }
    }
};

} // namespace

void send_outbox_soon(const std::filesystem::path& repo_dir) {
    // Lives as long as the process; its thread ends with it (a flush cut off
    // leaves the message in the outbox, not sent twice: mail/outbox.hpp).
    static Sender* sender = [] {
        auto* s = new Sender;
        std::thread([s] { s->run(); }).detach();
        return s;
    }();
    std::lock_guard lock(sender->mutex);
    sender->dir = repo_dir;
    sender->pending = true;
    sender->wake.notify_one();
}

} // namespace tickets
