#pragma once

// The answers that still matter. An object that asks asynchronous questions about one subject
// at a time (a topic, a filter, a listener) asks them all with `context()` as their context
// object. When the subject changes, `renew()` destroys that context: every answer still on its
// way for the old subject is then dropped before its callback runs, because AsyncBackend::run
// and QTimer::singleShot skip callbacks whose context is gone. No callback compares counters.
//
// For answers that come back another way (a worker thread posting to the owner), `guard(fn)`
// wraps fn so it runs only if no renew() came in between.
//
// Thread: the owner's thread (the GUI thread) only; context() and renew() are never called
// from workers, and a guarded callback is only ever invoked on the owner's thread.

#include <QObject>
#include <QPointer>

#include <memory>
#include <utility>

namespace tidemark {

class RequestScope final {
public:
    RequestScope() = default;
    RequestScope(const RequestScope &) = delete;
    RequestScope &operator=(const RequestScope &) = delete;

    // The context object of the current subject's requests (made on first use).
    QObject *context()
    {
        if (!m_context)
            m_context = std::make_unique<QObject>();
        return m_context.get();
    }

    // Drops every answer of the requests made so far. Safe inside one of their callbacks.
    void renew() { m_context.reset(); }

    template <typename F>
    auto guard(F fn)
    {
        return [alive = QPointer<QObject>(context()), fn = std::move(fn)](auto &&...args) mutable {
            if (alive)
                fn(std::forward<decltype(args)>(args)...);
        };
    }

private:
    std::unique_ptr<QObject> m_context;
};

} // namespace tidemark
