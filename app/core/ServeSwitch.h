#pragma once

// The app's "Serve Kafka clients" switch: runs a Kafka listener (app/kafkaserver) over the
// data directory the app is connected to, so any Kafka client can produce and fetch there
// while the app draws what it does. core does not know the listener: the mains inject a
// ServeStarter (app/backends/ServeStarter.h binds the real one; tests may wrap it).
//
// Threads: a ServeSwitch lives on the GUI thread; start(), stop() and the getters are called
// there and its signals are emitted there. Starting (opening the directory, taking the
// listener lock, binding) and stopping (closing connections, joining the listener's threads)
// block, so both run on the switch's own worker thread, one after the other in the order
// asked; the GUI thread never waits for them (except in the destructor, which stops a
// running listener and waits for it, bounded by the listener's own stop). The listener's
// events come from its network and handler threads through the starter's callback and are
// queued to the GUI thread. GUI-thread state (m_state, m_clients, ...) is only touched there.

#include "core/ConnectionProfile.h"
#include "core/RequestScope.h"
#include "core/Result.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>

namespace tidemark {

// Where to listen. Loopback only unless allowNonLoopback: the listener has no authentication.
struct ServeAddress {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 9092; // 0: any free port (the bound one is reported)
    bool allowNonLoopback = false;

    QString toString() const; // "127.0.0.1:9092", "[::1]:9092"
    bool isLoopback() const;
    // "HOST:PORT" (IPv6 in brackets); nullopt if it is not one.
    static std::optional<ServeAddress> parse(const QString &text);
};

// What a running listener reports (a copy of kafkaserver::ListenerEvent, as a value type).
struct ServeEvent {
    enum class Kind { Started, Stopped, ClientConnected, ClientDisconnected, ClientError, Info };
    Kind kind = Kind::Info;
    QString client; // the peer, "127.0.0.1:53122"
    QString message;
};

// A running listener; destroying it stops it (blocks until its threads are done).
class ServedListener {
public:
    virtual ~ServedListener() = default;
    virtual QString address() const = 0; // the bound address, "127.0.0.1:9092"
};

// Starts a listener over `spec`'s data directory (a Local spec) at `address`; `onEvent` is
// called from the listener's threads (thread-safe, quick). Blocks; called off the GUI thread.
// A failure says why, e.g. who already serves the directory.
using ServeStarter = std::function<Result<std::unique_ptr<ServedListener>>(
    const ConnectionSpec &spec, const ServeAddress &address, std::function<void(const ServeEvent &)> onEvent)>;

class ServeSwitch final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServeSwitch)

public:
    enum class State { Off, Starting, Serving, Stopping };
    Q_ENUM(State)

    explicit ServeSwitch(ServeStarter starter, QObject *parent = nullptr);
    ~ServeSwitch() override;

    bool isAvailable() const { return bool(m_starter); }
    // Starts serving `spec` (a Local connection) at `address`; a running listener is stopped
    // first. Reports through stateChanged(), and failed() if it cannot start.
    void start(const ConnectionSpec &spec, const ServeAddress &address);
    void stop();

    State state() const { return m_state; }
    bool isServing() const { return m_state == State::Serving; }
    QString address() const { return m_address; } // bound address while serving, else the one asked for
    int connectedClients() const { return m_clients; }
    QString dataDirectory() const { return m_dataDirectory; } // of the listener running or starting

    // For tests and shutdown: waits until every start and stop asked for has finished.
    bool waitForIdle(int msecs);

signals:
    void stateChanged(tidemark::ServeSwitch::State state);
    void clientsChanged(int connectedClients);
    void failed(const QString &message); // could not start (the listener's reason)
    void listenerEvent(const tidemark::ServeEvent &event);

private:
    void setState(State state);
    void onEvent(const ServeEvent &event);

    ServeStarter m_starter;
    QThreadPool m_worker; // one thread: starts and stops in the order asked
    // The running listener: created, used and destroyed on the worker thread only.
    std::shared_ptr<std::unique_ptr<ServedListener>> m_listener = std::make_shared<std::unique_ptr<ServedListener>>();
    State m_state = State::Off;
    RequestScope m_requests; // the current listener's answers and events; renewed by start() and stop()
    QString m_address;
    QString m_dataDirectory;
    int m_clients = 0;
};

} // namespace tidemark

Q_DECLARE_METATYPE(tidemark::ServeEvent)
