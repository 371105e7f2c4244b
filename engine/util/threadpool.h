#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <vector>

namespace umg {

/// A fixed set of threads running submitted tasks in submission order of
/// start (not of completion). Thread-safe.
class ThreadPool {
public:
    /// Starts `threads` threads named `name` (at most 15 characters show).
    explicit ThreadPool(unsigned threads, const char* name = "umg-pool")
    {
        for (unsigned i = 0; i < std::max(1u, threads); ++i) {
            m_threads.emplace_back([this, name] {
                pthread_setname_np(pthread_self(), name);
                run();
            });
        }
    }
    ~ThreadPool()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        for (std::thread& thread : m_threads)
            thread.join();
    }
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    /// Queues `task` and returns a future for its result or exception.
    template <typename Task>
    auto submit(Task task) -> std::future<decltype(task())>
    {
        using Result = decltype(task());
        auto packaged = std::make_shared<std::packaged_task<Result()>>(std::move(task));
        std::future<Result> future = packaged->get_future();
        {
            std::lock_guard lock(m_mutex);
            m_tasks.emplace_back([packaged] { (*packaged)(); });
        }
        m_wake.notify_one();
        return future;
    }

private:
    void run()
    {
        while (true) {
            std::function<void()> task;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [&] { return m_stop || !m_tasks.empty(); });
                if (m_tasks.empty())
                    return;
                task = std::move(m_tasks.front());
                m_tasks.pop_front();
            }
            task();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_tasks;
    bool m_stop = false;
    std::vector<std::thread> m_threads;
};

} // namespace umg
