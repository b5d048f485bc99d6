#include "kafkaserver/KafkaListener.h"

#include "kafkaserver/BrokerContext.h"
#include "kafkaserver/Connection.h"
#include "kafkaserver/DataApis.h"
#include "kafkaserver/FetchWaiters.h"
#include "kafkaserver/GroupApis.h"
#include "kafkaserver/GroupCoordinator.h"
#include "kafkaserver/RequestRouter.h"
#include "kafkaserver/TopicApis.h"
#include "logbroker/FileIo.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QTcpServer>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>
#include <unistd.h>

#include <map>

namespace tidemark::kafkaserver {

using namespace logbroker;

namespace {

QString lockPath(const QString &dataDirectory) { return dataDirectory + QStringLiteral("/kafka/listener.lock"); }

// The connections of one network thread. Lives on that thread.
class NetworkWorker final : public QObject {
public:
    NetworkWorker(std::shared_ptr<BrokerContext> context, std::shared_ptr<RequestRouter> router)
        : m_context(std::move(context)), m_router(std::move(router))
    {}

    void adopt(qintptr descriptor, quint64 id)
    {
        auto *c = new Connection(descriptor, id, m_context, m_router, this);
        if (!c->isValid()) {
            delete c;
            ::close(static_cast<int>(descriptor));
            return;
        }
        m_connections[id] = c;
        const int now = m_context->connected.fetch_add(1) + 1;
        m_context->connectionsAccepted.fetch_add(1);
        Q_UNUSED(now);
        m_context->emitEvent(ListenerEvent::Kind::ClientConnected, c->peer(), QString());
        connect(c, &Connection::closed, this, [this](quint64 closedId) {
            auto it = m_connections.find(closedId);
            if (it == m_connections.end())
                return;
            Connection *gone = it->second;
            m_connections.erase(it);
            m_context->connected.fetch_sub(1);
            m_context->emitEvent(ListenerEvent::Kind::ClientDisconnected, gone->peer(), QString());
            gone->deleteLater();
        });
    }

    void closeAll()
    {
        auto connections = m_connections;
        for (auto &[id, c] : connections)
            c->closeWithReason(QString());
        m_connections.clear();
        for (auto &[id, c] : connections)
            delete c;
    }

private:
    std::shared_ptr<BrokerContext> m_context;
    std::shared_ptr<RequestRouter> m_router;
    std::map<quint64, Connection *> m_connections;
};

class Acceptor final : public QTcpServer {
public:
    std::function<void(qintptr)> onIncoming;

protected:
    void incomingConnection(qintptr descriptor) override { onIncoming(descriptor); }
};

} // namespace

struct KafkaListener::Threads {
    UniqueFd lockFd;
    std::shared_ptr<RequestRouter> router;
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<NetworkWorker *> workers; // each on its thread
    Acceptor *acceptor = nullptr;         // on threads[0]
    std::atomic<quint64> nextConnection{1};
    bool stopped = false;
};

void raiseDescriptorLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 65536);
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress a;
    return a.setAddress(host) && a.isLoopback();
}

QString listenerLockHolder(const QString &dataDirectory)
{
    const QString path = lockPath(QDir::cleanPath(QFileInfo(dataDirectory).absoluteFilePath()));
    auto fd = openFile(path, ReadWrite);
    if (!fd)
        return QString();
    auto attempt = tryLockExclusive(fd->get(), path);
    if (!attempt || *attempt == LockAttempt::Acquired)
        return QString();
    auto text = readWholeFile(path, 4096);
    return text ? QString::fromUtf8(text->trimmed()) : QStringLiteral("another process");
}

KafkaListener::KafkaListener() : m_threads(std::make_unique<Threads>()) {}

KafkaListener::~KafkaListener() { stop(); }

Result<std::unique_ptr<KafkaListener>> KafkaListener::start(const ListenerOptions &options)
{
    if (!options.allowNonLoopback && !isLoopbackHost(options.host))
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("%1 is not a loopback address: the listener has no authentication, so any "
                                    "machine that reaches it could read and write every topic; allow it explicitly "
                                    "to serve it anyway")
                         .arg(options.host));
    QHostAddress address;
    if (options.host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(options.host))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("'%1' is not an IP address").arg(options.host));
    auto store = LogStore::open(options.dataDirectory);
    if (!store)
        return store.error();
    std::unique_ptr<KafkaListener> listener(new KafkaListener());
    Threads &t = *listener->m_threads;
    // One listener per data directory.
    const QString kafkaDir = (*store)->dataDirectory() + QStringLiteral("/kafka");
    if (auto s = makeDirectories(kafkaDir); !s)
        return s.error();
    const QString path = lockPath((*store)->dataDirectory());
    auto fd = openFile(path, ReadWriteCreate);
    if (!fd)
        return fd.error();
    auto attempt = tryLockExclusive(fd->get(), path);
    if (!attempt)
        return attempt.error();
    if (*attempt == LockAttempt::Busy) {
        auto text = readWholeFile(path, 4096);
        return Error(
            ErrorCode::Unavailable,
            QStringLiteral("another Kafka listener already serves %1 (%2); stop it first")
                .arg((*store)->dataDirectory(), text ? QString::fromUtf8(text->trimmed()) : QStringLiteral("?")));
    }
    t.lockFd = std::move(*fd);

    auto context = std::make_shared<BrokerContext>(options, *store);
    listener->m_context = context;
    t.router = std::make_shared<RequestRouter>(context, options.handlerThreads);
    registerTopicApis(*t.router, context);
    registerDataApis(*t.router, context);
    registerGroupApis(*t.router, context);

    const int networkThreads = std::max(1, options.networkThreads);
    for (int i = 0; i < networkThreads; ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("kafka-net-%1").arg(i));
        auto *worker = new NetworkWorker(context, t.router);
        worker->moveToThread(thread.get());
        QObject::connect(thread.get(), &QThread::finished, worker, &QObject::deleteLater);
        thread->start();
        t.workers.push_back(worker);
        t.threads.push_back(std::move(thread));
    }
    // The group coordinator's session and rebalance timers, on the first network thread.
    auto *groupTimer = new QTimer();
    groupTimer->setInterval(GroupCoordinator::kTickMs);
    groupTimer->moveToThread(t.threads[0].get());
    QObject::connect(groupTimer, &QTimer::timeout, groupTimer, [context] { context->groupCoordinator().tick(); });
    QObject::connect(t.threads[0].get(), &QThread::finished, groupTimer, &QObject::deleteLater);
    QMetaObject::invokeMethod(
        groupTimer, [groupTimer] { groupTimer->start(); }, Qt::QueuedConnection);
    t.acceptor = new Acceptor();
    t.acceptor->moveToThread(t.threads[0].get());
    QObject::connect(t.threads[0].get(), &QThread::finished, t.acceptor, &QObject::deleteLater);
    Threads *tp = &t;
    t.acceptor->onIncoming = [tp](qintptr descriptor) {
        const quint64 id = tp->nextConnection.fetch_add(1);
        NetworkWorker *worker = tp->workers[id % tp->workers.size()];
        QMetaObject::invokeMethod(
            worker, [worker, descriptor, id] { worker->adopt(descriptor, id); }, Qt::QueuedConnection);
    };
    QString bindError;
    quint16 boundPort = 0;
    QMetaObject::invokeMethod(
        t.acceptor,
        [&] {
            t.acceptor->setMaxPendingConnections(1024);
            if (!t.acceptor->listen(address, options.port))
                bindError = t.acceptor->errorString();
            else
                boundPort = t.acceptor->serverPort();
        },
        Qt::BlockingQueuedConnection);
    if (!bindError.isEmpty()) {
        listener->stop();
        return Error(ErrorCode::Unavailable,
                     QStringLiteral("cannot listen on %1:%2: %3").arg(options.host).arg(options.port).arg(bindError));
    }
    context->setBoundAddress(options.host == QLatin1String("0.0.0.0") ? QStringLiteral("127.0.0.1") : options.host,
                             boundPort);
    const QByteArray holder = QStringLiteral("pid %1, %2:%3, since %4\n")
                                  .arg(QCoreApplication::applicationPid())
                                  .arg(options.host)
                                  .arg(boundPort)
                                  .arg(QDateTime::currentDateTime().toString(Qt::ISODate))
                                  .toUtf8();
    bestEffort(truncateFile(t.lockFd.get(), 0, path));
    bestEffort(writeAt(t.lockFd.get(), holder.constData(), holder.size(), 0, path));
    context->emitEvent(ListenerEvent::Kind::Started, QString(), listener->address());
    return listener;
}

void KafkaListener::stop()
{
    Threads &t = *m_threads;
    if (t.stopped || t.threads.empty())
        return;
    t.stopped = true;
    QMetaObject::invokeMethod(
        t.acceptor, [a = t.acceptor] { a->close(); }, Qt::BlockingQueuedConnection);
    m_context->fetchWaiters().stop();
    for (NetworkWorker *w : t.workers)
        QMetaObject::invokeMethod(
            w, [w] { w->closeAll(); }, Qt::BlockingQueuedConnection);
    t.router->drain();
    for (auto &thread : t.threads) {
        thread->quit();
        thread->wait();
    }
    t.threads.clear();
    t.workers.clear();
    t.lockFd.reset();
    m_context->emitEvent(ListenerEvent::Kind::Stopped, QString(), address());
}

QString KafkaListener::host() const { return m_context->advertisedHost(); }
quint16 KafkaListener::port() const { return m_context->advertisedPort(); }
QString KafkaListener::address() const { return QStringLiteral("%1:%2").arg(host()).arg(port()); }
int KafkaListener::connectedClients() const { return m_context->connected.load(); }

ListenerStats KafkaListener::stats() const
{
    ListenerStats s;
    s.connectionsAccepted = m_context->connectionsAccepted.load();
    s.requests = m_context->requests.load();
    s.producedRecords = m_context->producedRecords.load();
    s.fetchedRecords = m_context->fetchedRecords.load();
    for (size_t i = 0; i < s.batchesByCodec.size(); ++i)
        s.batchesByCodec[i] = m_context->batchesByCodec[i].load();
    s.largestUnsentBytes = m_context->largestUnsentBytes.load();
    return s;
}

} // namespace tidemark::kafkaserver
