#pragma once

// The app's connection to a broker as a small state machine, so every view tells the same,
// honest story (the connection bar, the status bar, the events pane, the window title):
//
//   Disconnected --begin--> Connecting --succeeded--> Connected
//                              |   ^                     |
//                           failed  `------begin---------'
//                              v
//                          Unreachable --begin--> Connecting ...
//   any --disconnect--> Disconnected
//
// "Connected" means the broker answered (a cluster description came back), never merely
// that a client object was created: librdkafka creates its handle without contacting
// anyone. Results arrive for the attempt they belong to: succeeded()/failed() for an
// attempt that is no longer the current one (superseded by another begin() or a
// disconnect()) are ignored, so a late answer cannot flip the state.
//
// When an attempt fails, failure() leads with one sentence a person can act on ("Nothing
// is listening on 127.0.0.1:9099. Is Kafka running there? ...") and keeps the library's own
// text as details, for a disclosure control.
//
// Threads: GUI thread (any one thread); no blocking. The explain function is pure.

#include "core/Backend.h"
#include "core/ConnectionProfile.h"

#include <QObject>

#include <optional>

namespace tidemark {

enum class ConnectionState { Disconnected, Connecting, Connected, Unreachable };

QString connectionStateName(ConnectionState state); // "Connecting", ...: for logs and tests

struct ConnectionFailure {
    enum class Kind {
        Refused,      // every bootstrap server refused the TCP connection: nothing listens there
        HostNotFound, // a host name does not resolve
        NoAnswer,     // connected (or tried) but no broker answered in time
        Other,        // anything else (security, a locked data directory, ...): its own message
    };
    Kind kind = Kind::Other;
    QString headline; // one sentence, in the UI language
    QString details;  // the library's text, as is (English)
};

// Kafka errors that mean "nothing is listening": app/kafka builds them with this marker
// (after a TCP probe of every bootstrap server was refused), explainConnectionFailure()
// recognizes it. Untranslated on purpose: it is part of the error's details.
inline constexpr QLatin1String kNothingListeningMarker("nothing is listening on");
inline constexpr QLatin1String kHostNotFoundMarker("host not found");

// Turns the error of a failed attempt on `spec` into a headline and details.
ConnectionFailure explainConnectionFailure(const ConnectionSpec &spec, const Error &error);

class ConnectionLifecycle final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionLifecycle)

public:
    explicit ConnectionLifecycle(QObject *parent = nullptr);

    ConnectionState state() const { return m_state; }
    // The connection being tried, in use, or that failed; none when Disconnected at start.
    std::optional<ConnectionSpec> spec() const { return m_spec; }
    quint64 attempt() const { return m_attempt; }
    // Connected: how the backend names itself ("Kafka: 127.0.0.1:9094,...") and what the
    // broker answered.
    QString where() const { return m_where; }
    ClusterInfo clusterInfo() const { return m_info; }
    // Unreachable: why (also kept after a disconnect, for diagnostics, until the next begin()).
    std::optional<ConnectionFailure> failure() const { return m_failure; }
    const Error &lastError() const { return m_lastError; }

    // Starts an attempt on `spec` (from any state); returns its id for the results.
    quint64 begin(const ConnectionSpec &spec);
    // The broker of attempt `attempt` answered. Ignored unless it is the current attempt
    // and the state is Connecting.
    void succeeded(quint64 attempt, const QString &where, const ClusterInfo &info);
    // Attempt `attempt` failed. Ignored unless it is the current attempt and Connecting.
    void failed(quint64 attempt, const Error &error);
    // Connected -> Unreachable: the broker stopped answering after it had (not used for
    // single failed calls; the caller decides when a connection is lost).
    void lost(const Error &error);
    // Back to Disconnected from any state; a pending attempt's result will be ignored.
    void disconnect();

signals:
    // Emitted on every change of state, after the members are updated, and for every
    // begin() (a new attempt, possibly from Connecting).
    void stateChanged(tidemark::ConnectionState state, tidemark::ConnectionState previous);

private:
    void setState(ConnectionState state, bool always = false);

    ConnectionState m_state = ConnectionState::Disconnected;
    std::optional<ConnectionSpec> m_spec;
    quint64 m_attempt = 0;
    QString m_where;
    ClusterInfo m_info;
    std::optional<ConnectionFailure> m_failure;
    Error m_lastError;
};

} // namespace tidemark

Q_DECLARE_METATYPE(tidemark::ConnectionState)
