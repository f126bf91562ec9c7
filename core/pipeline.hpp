#pragma once
// Two stages on two threads: a producer that prepares items (parsing,
// checking hashes, folding: pure work) and a consumer on the calling thread
// that stores them (SQLite, which wants one thread per connection). An
// import or a clone spends about half its time in each, and the machines
// it runs on have at least two cores.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace tickets {

// Calls `produce()` on a second thread until it returns an empty optional,
// and `consume(item)` on this thread for each item, in order, with at most
// `depth` items waiting in between. An exception from either side stops
// both and is rethrown here: the producer's when the consumer reaches the
// point where it happened, so everything before it is consumed first.
//
// Consumed items are destroyed on the producer's thread: memory goes back to
// the allocator arena it came from (with glibc, freeing another thread's
// memory takes that arena's lock and fragments it; it doubled the cost of
// every allocation of an import).
template <class Item, class Produce, class Consume>
void run_pipeline(Produce produce, Consume consume, std::size_t depth = 4) {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Item> queue;
    std::deque<Item> spent; // consumed, to be destroyed by the producer
    bool finished = false;  // the producer is done (or failed)
    bool abandoned = false; // the consumer failed: stop producing
    std::exception_ptr failure;

    std::thread producer([&] {
        for (;;) {
            std::deque<Item> garbage;
            {
                std::lock_guard<std::mutex> lock(mutex);
                garbage.swap(spent);
            }
            garbage.clear();
            std::optional<Item> item;
            std::exception_ptr error;
            try {
                item = produce();
            } catch (...) {
                error = std::current_exception();
            }
            std::unique_lock<std::mutex> lock(mutex);
            if (error || !item) {
                failure = error;
                finished = true;
                changed.notify_all();
                return;
            }
            changed.wait(lock, [&] { return abandoned || queue.size() < depth; });
            if (abandoned) return;
            queue.push_back(std::move(*item));
            changed.notify_all();
        }
    });

    try {
        for (;;) {
            std::optional<Item> item;
            {
                std::unique_lock<std::mutex> lock(mutex);
                changed.wait(lock, [&] { return finished || !queue.empty(); });
                if (queue.empty()) break; // and finished
                item.emplace(std::move(queue.front()));
                queue.pop_front();
                changed.notify_all();
            }
            consume(*item);
            std::lock_guard<std::mutex> lock(mutex);
            spent.push_back(std::move(*item));
        }
    } catch (...) {
        {
            std::lock_guard<std::mutex> lock(mutex);
            abandoned = true;
            changed.notify_all();
        }
        producer.join();
        throw;
    }
    producer.join();
    if (failure) std::rethrow_exception(failure);
}

} // namespace tickets
