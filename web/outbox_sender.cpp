#include "web/outbox_sender.hpp"

#include "mail/notify_settings.hpp"
#include "mail/outbox.hpp"
#include "store/config.hpp"

#include <condition_variable>
#include <deque>
#include <fmt/format.h>
#include <mutex>
#include <thread>

namespace tickets {

namespace {

namespace fs = std::filesystem;

struct Job {
    fs::path dir;
    std::function<void(Repository&)> run;
};

void forget_sent_sign_in_mail(const fs::path& repo_dir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(repo_dir / "outbox" / "sent", ec))
        if (entry.path().filename().string().rfind("signin-", 0) == 0) fs::remove(entry.path(), ec);
}

struct Sender {
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<Job> jobs;

    void run() {
        std::unique_ptr<Repository> repo;
        for (;;) {
            Job job;
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [this] { return !jobs.empty(); });
                job = std::move(jobs.front());
                jobs.pop_front();
            }
            try {
                if (!repo || repo->dir() != job.dir) repo = Repository::open(job.dir);
                if (job.run) job.run(*repo);
                settle_outbox(*repo);
                auto smtp = smtp_settings(Config::load(job.dir));
                if (!smtp) continue;
                FlushResult r = flush_outbox(job.dir, *smtp);
                for (const auto& failure : r.failures)
                    fmt::print(stderr, "tickets-serve: outbox: {}\n", failure);
                forget_sent_sign_in_mail(job.dir);
            } catch (const std::exception& e) {
                fmt::print(stderr, "tickets-serve: outbox: {}\n", e.what());
            }
        }
    }
};

} // namespace

void send_soon(const fs::path& repo_dir, std::function<void(Repository&)> job) {
    // Lives as long as the process; its thread ends with it (a flush cut off
    // leaves the message in the outbox, not sent twice: mail/outbox.hpp).
    static Sender* sender = [] {
        auto* s = new Sender;
        std::thread([s] { s->run(); }).detach();
        return s;
    }();
    std::lock_guard lock(sender->mutex);
    sender->jobs.push_back({repo_dir, std::move(job)});
    sender->wake.notify_one();
}

} // namespace tickets
