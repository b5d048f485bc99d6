#include "core/ServeSwitch.h"

#include <QStringList>

namespace tidemark {

QString ServeAddress::toString() const
{
    return (host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2") : QStringLiteral("%1:%2")).arg(host).arg(port);
}

bool ServeAddress::isLoopback() const
{
    // core has no QtNetwork: 127.0.0.0/8, ::1 and "localhost", as QHostAddress::isLoopback().
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 || host == QLatin1String("::1"))
        return true;
    const QStringList parts = host.split(QLatin1Char('.'));
    if (parts.size() != 4)
        return false;
    for (const QString &part : parts) {
        bool ok = false;
        const int n = part.toInt(&ok);
        if (!ok || n < 0 || n > 255)
            return false;
    }
    return parts[0] == QLatin1String("127");
}

std::optional<ServeAddress> ServeAddress::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype colon = trimmed.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return std::nullopt;
    bool ok = false;
    const int port = trimmed.mid(colon + 1).toInt(&ok);
    if (!ok || port < 0 || port > 65535)
        return std::nullopt;
    ServeAddress a;
    a.host = trimmed.left(colon);
    if (a.host.startsWith(QLatin1Char('[')) && a.host.endsWith(QLatin1Char(']')))
        a.host = a.host.mid(1, a.host.size() - 2);
    else if (a.host.contains(QLatin1Char(':')))
        return std::nullopt; // an IPv6 address needs brackets
    if (a.host.isEmpty())
        return std::nullopt;
    a.port = static_cast<quint16>(port);
    return a;
}

ServeSwitch::ServeSwitch(ServeStarter starter, QObject *parent) : QObject(parent), m_starter(std::move(starter))
{
    qRegisterMetaType<ServeEvent>();
    m_worker.setMaxThreadCount(1);
    m_worker.setExpiryTimeout(-1);
}

ServeSwitch::~ServeSwitch()
{
    // The listener calls back into this object from its threads until it is stopped: stop it
    // and wait, before the object goes.
    m_requests.renew();
    m_worker.start([listener = m_listener] { listener->reset(); });
    m_worker.waitForDone();
}

void ServeSwitch::start(const ConnectionSpec &spec, const ServeAddress &address)
{
    if (!m_starter)
        return;
    m_requests.renew(); // the previous listener's answers and events no longer count
    m_address = address.toString();
    m_dataDirectory = spec.dataDirectory;
    if (m_clients != 0) {
        m_clients = 0;
        emit clientsChanged(0);
    }
    setState(State::Starting);
    // A listener being stopped says goodbye to its clients: those events are not news.
    auto event = m_requests.guard([this](const ServeEvent &e) { onEvent(e); });
    auto answer = m_requests.guard([this](const QString &error, const QString &bound) {
        if (!error.isEmpty()) {
            setState(State::Off);
            emit failed(error);
            return;
        }
        m_address = bound;
        setState(State::Serving);
    });
    m_worker.start([this, listener = m_listener, starter = m_starter, spec, address, event, answer] {
        listener->reset(); // one listener at a time
        auto onEvent = [this, event](const ServeEvent &e) {
            QMetaObject::invokeMethod(
                this, [event, e]() mutable { event(e); }, Qt::QueuedConnection);
        };
        auto started = starter(spec, address, onEvent);
        QString error, bound;
        if (started) {
            *listener = std::move(*started);
            bound = (*listener)->address();
        } else {
            error = started.error().message;
        }
        // Dropped if stopped or restarted meanwhile: the next task deals with it.
        QMetaObject::invokeMethod(
            this, [answer, error, bound]() mutable { answer(error, bound); }, Qt::QueuedConnection);
    });
}

void ServeSwitch::stop()
{
    if (m_state == State::Off || m_state == State::Stopping)
        return;
    m_requests.renew();
    setState(State::Stopping);
    auto stopped = m_requests.guard([this] {
        if (m_clients != 0) {
            m_clients = 0;
            emit clientsChanged(0);
        }
        setState(State::Off);
    });
    m_worker.start([this, listener = m_listener, stopped] {
        listener->reset();
        QMetaObject::invokeMethod(
            this, [stopped]() mutable { stopped(); }, Qt::QueuedConnection);
    });
}

bool ServeSwitch::waitForIdle(int msecs) { return m_worker.waitForDone(msecs); }

void ServeSwitch::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void ServeSwitch::onEvent(const ServeEvent &e)
{
    // Counted here, not taken from the event: events of different network threads may
    // arrive in any order, but every connect has its one disconnect after it.
    if (e.kind == ServeEvent::Kind::ClientConnected) {
        ++m_clients;
        emit clientsChanged(m_clients);
    } else if (e.kind == ServeEvent::Kind::ClientDisconnected && m_clients > 0) {
        --m_clients;
        emit clientsChanged(m_clients);
    }
    emit listenerEvent(e);
}

} // namespace tidemark
