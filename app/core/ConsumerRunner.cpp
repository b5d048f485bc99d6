#include "core/ConsumerRunner.h"

#include "core/ConsumerSession.h"

namespace tidemark {

ConsumerRunner::ConsumerRunner(std::shared_ptr<Backend> backend, ConsumerStatus initial, ConsumerOptions options,
                               QObject *parent)
    : QThread(parent), m_backend(std::move(backend)), m_initial(std::move(initial)), m_options(std::move(options))
{
    setObjectName(QStringLiteral("consumer ") + m_initial.consumerId);
}

ConsumerRunner::~ConsumerRunner()
{
    requestStop(StopMode::Kill);
    wait();
}

void ConsumerRunner::requestStop(StopMode mode)
{
    markStop(mode);
    wake();
}

void ConsumerRunner::markStop(StopMode mode)
{
    StopMode current = m_stop.load();
    while (static_cast<int>(mode) > static_cast<int>(current) && !m_stop.compare_exchange_weak(current, mode)) {
    }
}

void ConsumerRunner::wake()
{
    QMutexLocker lock(&m_consumerMutex);
    if (m_consumer)
        m_consumer->wakeup();
}

void ConsumerRunner::setConsumer(std::unique_ptr<Consumer> consumer)
{
    std::unique_ptr<Consumer> old;
    {
        QMutexLocker lock(&m_consumerMutex);
        old = std::exchange(m_consumer, std::move(consumer));
    }
    // `old` is destroyed here, outside the lock: a destructor may block on the network.
}

void ConsumerRunner::run()
{
    ConsumerSession session(m_initial, m_options, [this](const ConsumerUpdate &u) { emit updated(u); });
    auto created = m_backend->createConsumer(session.consumerConfig());
    if (!created) {
        session.failedToStart(created.error());
        m_backend.reset();
        session.publish(true);
        return;
    }
    setConsumer(std::move(created.value()));
    Consumer &consumer = *m_consumer; // only this thread replaces the pointer
    if (m_stop.load() == StopMode::None)
        session.publish(false);

    const auto stopRequested = [this] { return m_stop.load() != StopMode::None; };
    if (session.consume(consumer, stopRequested)) {
        if (m_stop.load() == StopMode::Kill)
            session.kill(consumer);
        else
            session.stopCleanly(consumer);
    } // else the poll failed and the session abandoned the consumer
    setConsumer(nullptr);
    // If this is the last reference (the connection was switched meanwhile), the Backend's
    // destructor runs here, before the final update, and never on the GUI thread.
    m_backend.reset();
    session.publish(true);
}

} // namespace tidemark
