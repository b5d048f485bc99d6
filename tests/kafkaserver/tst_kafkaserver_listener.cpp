// The listener in-process, driven by raw sockets: the protocol's edges (ApiVersions of a
// version it does not know, APIs and versions it does not serve, Produce v0-2), and
// robustness: a malformed or oversized request closes only that connection, with a logged
// reason; a client that never reads its responses does not hold up others; hundreds of
// connections at once are all answered. Plus codecs: record batches with every compression
// survive a round trip byte for byte.

#include "kafkaserver/Connection.h"
#include "kafkaserver/KafkaListener.h"
#include "kafkaserver/protocol/ErrorCodes.h"
#include "kafkaserver/protocol/Messages.h"
#include "kafkaserver/protocol/RecordBatch.h"
#include "logbroker/LocalBackend.h"
#include "logbroker/LogStore.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <mutex>

using namespace tidemark;
using namespace tidemark::kafkaserver;
using namespace tidemark::kafkaserver::protocol;

namespace {

// A blocking Kafka client of one connection, enough to send any request and read answers.
class RawClient {
public:
    bool connect(quint16 port)
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        return m_socket.waitForConnected(10000);
    }
    QTcpSocket &socket() { return m_socket; }

    // Sends header v1/v2 + body; returns the correlation id.
    qint32 send(qint16 apiKey, qint16 version, const QByteArray &body, bool flexibleHeader)
    {
        WireWriter w;
        w.writeInt16(apiKey);
        w.writeInt16(version);
        const qint32 id = ++m_correlation;
        w.writeInt32(id);
        w.writeNullableString(QStringLiteral("raw-test"), false);
        if (flexibleHeader)
            w.writeUVarint(0);
        w.writeRaw(body);
        sendFrame(w.take());
        return id;
    }
    void sendFrame(const QByteArray &frame)
    {
        char size[4];
        putInt32(size, static_cast<qint32>(frame.size()));
        m_socket.write(size, 4);
        m_socket.write(frame);
        m_socket.flush();
    }
    // The next response frame (without its size), or empty if the connection closed first.
    QByteArray receive()
    {
        while (m_buffer.size() < 4 || m_buffer.size() < 4 + getInt32(m_buffer.constData())) {
            if (!m_socket.waitForReadyRead(10000))
                return {};
            m_buffer += m_socket.readAll();
        }
        const qint32 size = getInt32(m_buffer.constData());
        QByteArray frame = m_buffer.mid(4, size);
        m_buffer.remove(0, 4 + size);
        return frame;
    }
    bool waitClosed()
    {
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            return true;
        while (m_socket.waitForReadyRead(10000))
            m_socket.readAll();
        return m_socket.state() == QAbstractSocket::UnconnectedState ||
               m_socket.error() == QAbstractSocket::RemoteHostClosedError;
    }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
    qint32 m_correlation = 0;
};

QByteArray apiVersionsBody(qint16 version)
{
    ApiVersionsRequest request;
    request.clientSoftwareName = QStringLiteral("raw");
    request.clientSoftwareVersion = QStringLiteral("1");
    WireWriter w;
    request.write(w, version);
    return w.take();
}

} // namespace

class TestKafkaServerListener : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void apiVersionsAdvertisesWhatIsServed();
    void tooNewApiVersionsIsAnsweredAtV0();
    void unservedApisAndVersionsGetAnErrorAnswer();
    void consumerGroupHeartbeatIsRefusedNamingGroupProtocol();
    void malformedRequestClosesOnlyThatConnection_data();
    void malformedRequestClosesOnlyThatConnection();
    void aClientThatNeverReadsDoesNotBlockOthers();
    void aClientThatNeverReadsLargeFetchesCostsBoundedMemory();
    void hundredsOfConnections();
    void secondListenerOnTheSameDirectorySaysWhoHoldsIt();
    void idempotentRetriesAreWrittenOnceAcrossARestart();
    void batchesRoundTripWithEveryCodec();
    void decodingIsBoundedByMemoryNotPerBatch();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<KafkaListener> m_listener;
    std::mutex m_eventsMutex;
    QStringList m_errors; // guarded by m_eventsMutex (listener threads append)
};

void TestKafkaServerListener::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    ListenerOptions options;
    options.dataDirectory = m_dir->path();
    options.port = 0;
    options.maxRequestBytes = 1 << 20;
    options.onEvent = [this](const ListenerEvent &e) {
        if (e.kind == ListenerEvent::Kind::ClientError) {
            std::lock_guard lock(m_eventsMutex);
            m_errors << e.message;
        }
    };
    auto listener = KafkaListener::start(options);
    QVERIFY2(listener, qPrintable(listener ? QString() : listener.error().message));
    m_listener = std::move(*listener);
    QVERIFY(m_listener->port() != 0);
}

void TestKafkaServerListener::cleanup()
{
    m_listener.reset();
    m_dir.reset();
    std::lock_guard lock(m_eventsMutex);
    m_errors.clear();
}

void TestKafkaServerListener::apiVersionsAdvertisesWhatIsServed()
{
    RawClient c;
    QVERIFY(c.connect(m_listener->port()));
    const qint32 id = c.send(ApiVersionsRequest::kApiKey, 3, apiVersionsBody(3), true);
    const QByteArray frame = c.receive();
    QVERIFY(!frame.isEmpty());
    QCOMPARE(getInt32(frame.constData()), id);
    WireReader r(frame.constData() + 4, frame.size() - 4); // ApiVersions: header v0 always
    ApiVersionsResponse response;
    response.read(r, 3);
    QVERIFY2(r.ok(), qPrintable(r.error()));
    QCOMPARE(response.errorCode, qint16(0));
    std::map<qint16, std::pair<qint16, qint16>> ranges;
    for (const auto &k : response.apiKeys)
        ranges[k.apiKey] = {k.minVersion, k.maxVersion};
    // librdkafka 2.0.2 turns compression and v2 batches on only for these ranges.
    QCOMPARE(ranges.at(ProduceRequest::kApiKey).first, qint16(0));
    QVERIFY(ranges.at(ProduceRequest::kApiKey).second >= 7);
    QVERIFY(ranges.at(FetchRequest::kApiKey).first <= 4 && ranges.at(FetchRequest::kApiKey).second >= 10);
    QCOMPARE(ranges.at(FetchRequest::kApiKey).second, qint16(12));
    QVERIFY(ranges.count(InitProducerIdRequest::kApiKey));
    QVERIFY(ranges.count(FindCoordinatorRequest::kApiKey));
    // Never the KIP-848 keys (ConsumerGroupHeartbeat 68, ConsumerGroupDescribe 69).
    QVERIFY(!ranges.count(68) && !ranges.count(69));
}

void TestKafkaServerListener::tooNewApiVersionsIsAnsweredAtV0()
{
    RawClient c;
    QVERIFY(c.connect(m_listener->port()));
    // A client from the future sends v9, whose body we cannot know.
    c.send(ApiVersionsRequest::kApiKey, 9, QByteArray("\x01\x02\x03", 3), true);
    const QByteArray frame = c.receive();
    QVERIFY(!frame.isEmpty());
    WireReader r(frame.constData() + 4, frame.size() - 4);
    ApiVersionsResponse response;
    response.read(r, 0);
    QVERIFY2(r.ok() && r.remaining() == 0, qPrintable(r.error()));
    QCOMPARE(response.errorCode, code(KafkaError::UnsupportedVersion));
    QVERIFY(response.apiKeys.size() > 5);
}

void TestKafkaServerListener::unservedApisAndVersionsGetAnErrorAnswer()
{
    RawClient c;
    QVERIFY(c.connect(m_listener->port()));
    // Produce v2 (message sets): refused as Kafka 4 does, in Produce's own response.
    ProduceRequest produce;
    produce.acks = 1;
    WireWriter pw;
    produce.write(pw, 2);
    qint32 id = c.send(ProduceRequest::kApiKey, 2, pw.take(), false);
    QByteArray frame = c.receive();
    QVERIFY(!frame.isEmpty());
    QCOMPARE(getInt32(frame.constData()), id);
    // CreateAcls v1 (ACLs are not part of the built-in broker): an answer, not a dropped connection.
    WireWriter aw;
    aw.writeInt32(0); // no creations
    id = c.send(30, 1, aw.take(), false);
    frame = c.receive();
    QVERIFY2(!frame.isEmpty(), "an unsupported API is answered");
    QCOMPARE(getInt32(frame.constData()), id);
    // The connection still serves.
    id = c.send(ApiVersionsRequest::kApiKey, 0, QByteArray(), false);
    frame = c.receive();
    QCOMPARE(getInt32(frame.constData()), id);
    std::lock_guard lock(m_eventsMutex);
    QVERIFY2(m_errors.join(QLatin1Char('\n')).contains(QStringLiteral("CreateAcls")),
             qPrintable(m_errors.join(QLatin1Char('\n'))));
    QVERIFY2(m_errors.join(QLatin1Char('\n')).contains(QStringLiteral("Produce v2")),
             qPrintable(m_errors.join(QLatin1Char('\n'))));
}

// A client that sends KIP-848's ConsumerGroupHeartbeat (a consumer with
// group.protocol=consumer that did not check ApiVersions first) gets UNSUPPORTED_VERSION in
// the API's own response, and the listener's log names the setting to change.
void TestKafkaServerListener::consumerGroupHeartbeatIsRefusedNamingGroupProtocol()
{
    RawClient c;
    QVERIFY(c.connect(m_listener->port()));
    WireWriter w;
    w.writeString(QStringLiteral("kip848"), true); // group id; the rest is never read
    const qint32 id = c.send(68, 0, w.take(), true);
    const QByteArray frame = c.receive();
    QVERIFY2(!frame.isEmpty(), "answered, not dropped");
    QCOMPARE(getInt32(frame.constData()), id);
    WireReader r(frame.constData() + 4, frame.size() - 4);
    r.readUVarint(); // the flexible response header's tagged fields
    r.readInt32();   // throttle time
    QCOMPARE(r.readInt16(), code(KafkaError::UnsupportedVersion));
    std::lock_guard lock(m_eventsMutex);
    const QString log = m_errors.join(QLatin1Char('\n'));
    QVERIFY2(log.contains(QStringLiteral("ConsumerGroupHeartbeat")) &&
                 log.contains(QStringLiteral("group.protocol=classic")) &&
                 log.contains(QStringLiteral("group.protocol=consumer")),
             qPrintable(log));
}

void TestKafkaServerListener::malformedRequestClosesOnlyThatConnection_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("reason");
    // A Metadata v12 request whose topic array claims a million entries in 3 bytes.
    QByteArray metadata;
    {
        WireWriter w;
        w.writeInt16(MetadataRequest::kApiKey);
        w.writeInt16(12);
        w.writeInt32(7);
        w.writeNullableString(QStringLiteral("bad"), false);
        w.writeUVarint(0);
        w.writeUVarint(1000001);
        w.writeRaw("abc", 3);
        metadata = w.take();
    }
    QTest::newRow("array longer than the request") << metadata << QStringLiteral("malformed Metadata v12");
    QTest::newRow("truncated header") << QByteArray("\x00\x03", 2) << QStringLiteral("malformed request header");
    char huge[4];
    putInt32(huge, 64 << 20);
    QTest::newRow("oversized") << QByteArray(huge, 4) << QStringLiteral("larger than the limit");
    QTest::newRow("negative size") << QByteArray("\xff\xff\xff\xf0", 4) << QStringLiteral("negative");
    QTest::newRow("TLS handshake") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc", 9) << QStringLiteral("TLS");
}

void TestKafkaServerListener::malformedRequestClosesOnlyThatConnection()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, reason);
    RawClient good;
    QVERIFY(good.connect(m_listener->port()));
    RawClient bad;
    QVERIFY(bad.connect(m_listener->port()));
    const bool raw = reason == QLatin1String("larger than the limit") || reason == QLatin1String("negative") ||
                     reason == QLatin1String("TLS");
    if (raw) {
        bad.socket().write(frame);
        bad.socket().flush();
    } else {
        bad.sendFrame(frame);
    }
    QVERIFY(bad.waitClosed());
    {
        std::lock_guard lock(m_eventsMutex);
        QVERIFY2(m_errors.join(QLatin1Char('\n')).contains(reason), qPrintable(m_errors.join(QLatin1Char('\n'))));
    }
    const qint32 id = good.send(ApiVersionsRequest::kApiKey, 0, QByteArray(), false);
    const QByteArray answer = good.receive();
    QVERIFY(!answer.isEmpty());
    QCOMPARE(getInt32(answer.constData()), id);
}

void TestKafkaServerListener::aClientThatNeverReadsDoesNotBlockOthers()
{
    RawClient greedy;
    QVERIFY(greedy.connect(m_listener->port()));
    greedy.socket().setReadBufferSize(1); // Qt reads (almost) nothing for it
    // Thousands of pipelined Metadata requests, none of whose answers are read.
    MetadataRequest all;
    all.topics = std::nullopt;
    WireWriter body;
    all.write(body, 12);
    for (int i = 0; i < 3000; ++i)
        greedy.send(MetadataRequest::kApiKey, 12, body.bytes(), true);
    RawClient polite;
    QVERIFY(polite.connect(m_listener->port()));
    for (int i = 0; i < 20; ++i) {
        const qint32 id = polite.send(ApiVersionsRequest::kApiKey, 0, QByteArray(), false);
        const QByteArray answer = polite.receive();
        QVERIFY(!answer.isEmpty());
        QCOMPARE(getInt32(answer.constData()), id);
    }
}

namespace {

// This process's resident memory (VmRSS), in bytes; -1 if unknown.
qint64 residentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').front().toLongLong() * 1024;
    }
    return -1;
}

// kcat against the listener, run asynchronously (the test's event loop keeps running).
struct Kcat {
    QProcess process;
    Kcat(quint16 port, const QStringList &args, const QByteArray &input = {})
    {
        process.start(QStringLiteral("kcat"),
                      QStringList{QStringLiteral("-b"), QStringLiteral("127.0.0.1:%1").arg(port)} + args);
        if (process.waitForStarted(10000)) {
            process.write(input);
            process.closeWriteChannel();
        }
    }
    bool finishedOk() const
    {
        return process.state() == QProcess::NotRunning && process.exitStatus() == QProcess::NormalExit &&
               process.exitCode() == 0;
    }
};

} // namespace

// Issue 11: a client that sends Fetch requests for megabytes and never reads the answers. The
// listener writes its responses until Connection::kMaxUnsentBytes wait unsent, then takes no
// more of its requests: its memory stays bounded (counted by the listener, and VmRSS), while
// kcat produces and consumes on another connection as usual.
void TestKafkaServerListener::aClientThatNeverReadsLargeFetchesCostsBoundedMemory()
{
    if (QStandardPaths::findExecutable(QStringLiteral("kcat")).isEmpty())
        QSKIP("kcat is not installed");
    // 4 MiB in one partition: 64 records of 64 KiB.
    auto store = logbroker::LogStore::open(m_dir->path());
    QVERIFY(store);
    LocalBackend backend(*store);
    QVERIFY(backend.createTopic({QStringLiteral("big"), 1, 1, {}}));
    std::vector<OutgoingRecord> records(64);
    for (size_t i = 0; i < records.size(); ++i)
        records[i].value = QByteArray(64 << 10, char('a' + i % 26));
    QVERIFY(backend.produce(QStringLiteral("big"), records, {}));
    constexpr qint64 kTopicBytes = 64LL * (64 << 10);

    const qint64 rssBefore = residentBytes();
    RawClient greedy;
    QVERIFY(greedy.connect(m_listener->port()));
    greedy.socket().setReadBufferSize(1); // Qt reads (almost) nothing for it
    FetchRequest fetch;
    fetch.maxWaitMs = 0;
    fetch.minBytes = 1;
    fetch.maxBytes = 8 << 20;
    FetchRequest::FetchTopic topic;
    topic.topic = QStringLiteral("big");
    FetchRequest::FetchPartition partition;
    partition.fetchOffset = 0;
    partition.partitionMaxBytes = 8 << 20;
    topic.partitions.push_back(partition);
    fetch.topics.push_back(topic);
    WireWriter body;
    fetch.write(body, 11);
    // 40 x 4 MiB of answers: more than twice what the listener may keep for one connection
    // (plus what the kernel's socket buffers take).
    constexpr int kFetches = 40;
    const qint64 fetchedBefore = m_listener->stats().fetchedRecords;
    for (int i = 0; i < kFetches; ++i)
        greedy.send(FetchRequest::kApiKey, 11, body.bytes(), false);

    // Meanwhile kcat produces and consumes with no trouble.
    QByteArray lines;
    for (int i = 0; i < 20; ++i)
        lines += "key-" + QByteArray::number(i) + ":value " + QByteArray::number(i) + '\n';
    Kcat producer(m_listener->port(),
                  {QStringLiteral("-P"), QStringLiteral("-t"), QStringLiteral("small"), QStringLiteral("-K:")}, lines);
    QVERIFY2(QTest::qWaitFor([&] { return producer.process.state() == QProcess::NotRunning; }, 30000),
             "kcat's produce did not finish within 30 s");
    QVERIFY2(producer.finishedOk(), producer.process.readAllStandardError().constData());
    Kcat consumer(m_listener->port(),
                  {QStringLiteral("-C"), QStringLiteral("-t"), QStringLiteral("small"), QStringLiteral("-o"),
                   QStringLiteral("beginning"), QStringLiteral("-e"), QStringLiteral("-c"), QStringLiteral("20"),
                   QStringLiteral("-f"), QStringLiteral("%k=%s\\n")});
    QVERIFY2(QTest::qWaitFor([&] { return consumer.process.state() == QProcess::NotRunning; }, 30000),
             "kcat's consume did not finish within 30 s");
    QVERIFY2(consumer.finishedOk(), consumer.process.readAllStandardError().constData());
    const QList<QByteArray> got = consumer.process.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(got.size(), 20);
    QCOMPARE(got.front(), QByteArray("key-0=value 0"));
    QCOMPARE(got.back(), QByteArray("key-19=value 19"));

    // The listener fills the greedy connection's send buffer up to its limit, then holds the
    // rest of its requests: it never handles them all.
    QVERIFY(
        QTest::qWaitFor([&] { return m_listener->stats().largestUnsentBytes > Connection::kMaxUnsentBytes; }, 30000));
    const ListenerStats stats = m_listener->stats();
    const qint64 rssAfter = residentBytes();
    // Records fetched: 64 per greedy fetch handled, and kcat's 20.
    const qint64 greedyFetches = (stats.fetchedRecords - fetchedBefore - 20) / 64;
    qInfo("largest unsent bytes of one connection: %lld (limit %lld + one response of ~%lld); VmRSS grew by %lld "
          "bytes; about %lld of the %d fetches handled",
          stats.largestUnsentBytes, Connection::kMaxUnsentBytes, kTopicBytes, rssAfter - rssBefore, greedyFetches,
          kFetches);
    QVERIFY(stats.largestUnsentBytes <= Connection::kMaxUnsentBytes + kTopicBytes + (1 << 20));
    QVERIFY(stats.fetchedRecords - fetchedBefore < qint64(kFetches) * 64); // the rest wait
    // The process as a whole: the limit plus a few responses in flight, with generous slack
    // (without the limit the listener would hold kFetches x 4 MiB = 160 MiB more). Not under
    // AddressSanitizer, whose quarantine keeps up to 256 MiB of freed memory resident.
#if !defined(__SANITIZE_ADDRESS__)
    if (rssBefore > 0)
        QVERIFY2(rssAfter - rssBefore < Connection::kMaxUnsentBytes + 48 * (1 << 20),
                 qPrintable(QString::number(rssAfter - rssBefore)));
#endif
    QCOMPARE(greedy.socket().state(), QAbstractSocket::ConnectedState); // never dropped for being slow
    QVERIFY(m_listener->connectedClients() >= 1);
}

void TestKafkaServerListener::hundredsOfConnections()
{
    constexpr int kClients = 300;
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < kClients; ++i) {
        clients.push_back(std::make_unique<RawClient>());
        QVERIFY(clients.back()->connect(m_listener->port()));
    }
    std::vector<qint32> ids;
    for (auto &c : clients)
        ids.push_back(c->send(ApiVersionsRequest::kApiKey, 0, QByteArray(), false));
    for (int i = 0; i < kClients; ++i) {
        const QByteArray answer = clients[size_t(i)]->receive();
        QVERIFY2(!answer.isEmpty(), qPrintable(QString::number(i)));
        QCOMPARE(getInt32(answer.constData()), ids[size_t(i)]);
    }
    QTRY_COMPARE(m_listener->connectedClients(), kClients);
    clients.clear();
    QTRY_COMPARE(m_listener->connectedClients(), 0);
}

void TestKafkaServerListener::secondListenerOnTheSameDirectorySaysWhoHoldsIt()
{
    ListenerOptions options;
    options.dataDirectory = m_dir->path();
    options.port = 0;
    auto second = KafkaListener::start(options);
    QVERIFY(!second);
    QCOMPARE(second.error().code, ErrorCode::Unavailable);
    QVERIFY2(second.error().message.contains(QStringLiteral("pid %1").arg(QCoreApplication::applicationPid())),
             qPrintable(second.error().message));
    QVERIFY2(second.error().message.contains(m_listener->address()), qPrintable(second.error().message));
    QVERIFY(listenerLockHolder(m_dir->path()).contains(m_listener->address()));
    m_listener->stop();
    QVERIFY(listenerLockHolder(m_dir->path()).isEmpty());
    auto third = KafkaListener::start(options);
    QVERIFY2(third, "once the first stopped, the directory is free");
}

namespace {

qint64 initProducerId(RawClient &c)
{
    InitProducerIdRequest request;
    request.transactionalId = std::nullopt;
    request.transactionTimeoutMs = 60000;
    WireWriter w;
    request.write(w, 4);
    c.send(InitProducerIdRequest::kApiKey, 4, w.take(), true);
    const QByteArray frame = c.receive();
    WireReader r(frame.constData() + 5, frame.size() - 5); // header v1: correlation id + tags
    InitProducerIdResponse response;
    response.read(r, 4);
    return r.ok() && response.errorCode == 0 ? response.producerId : -2;
}

// Produces one idempotent batch of `count` records at `sequence`; returns (error, base offset).
std::pair<qint16, qint64> produceIdempotent(RawClient &c, const QString &topic, qint64 producerId, qint32 sequence,
                                            int count)
{
    std::vector<OutgoingRecord> records(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
        records[size_t(i)].value = QByteArray("seq ") + QByteArray::number(sequence + i);
    ProduceRequest request;
    request.acks = -1;
    request.timeoutMs = 10000;
    ProduceRequest::TopicProduceData t;
    t.name = topic;
    ProduceRequest::PartitionProduceData p;
    p.index = 0;
    p.records = encodeBatch(records, 0, Codec::None, producerId, 0, sequence);
    t.partitionData.push_back(p);
    request.topicData.push_back(t);
    WireWriter w;
    request.write(w, 9);
    c.send(ProduceRequest::kApiKey, 9, w.take(), true);
    const QByteArray frame = c.receive();
    WireReader r(frame.constData() + 5, frame.size() - 5);
    ProduceResponse response;
    response.read(r, 9);
    if (!r.ok() || response.responses.empty() || response.responses[0].partitionResponses.empty())
        return {-100, -1};
    const auto &pr = response.responses[0].partitionResponses[0];
    return {pr.errorCode, pr.baseOffset};
}

} // namespace

void TestKafkaServerListener::idempotentRetriesAreWrittenOnceAcrossARestart()
{
    TopicSpec spec;
    spec.name = QStringLiteral("idem");
    auto store = logbroker::LogStore::open(m_dir->path());
    QVERIFY(store);
    QVERIFY((*store)->createTopic(spec));
    qint64 producerId = -1;
    {
        RawClient c;
        QVERIFY(c.connect(m_listener->port()));
        producerId = initProducerId(c);
        QVERIFY(producerId >= 0);
        QCOMPARE(produceIdempotent(c, spec.name, producerId, 0, 3), std::make_pair(qint16(0), qint64(0)));
        QCOMPARE(produceIdempotent(c, spec.name, producerId, 3, 2), std::make_pair(qint16(0), qint64(3)));
        // A retry of the first batch: acknowledged with its original offset, not written again.
        QCOMPARE(produceIdempotent(c, spec.name, producerId, 0, 3), std::make_pair(qint16(0), qint64(0)));
        // A gap in the sequence.
        QCOMPARE(produceIdempotent(c, spec.name, producerId, 9, 1).first, code(KafkaError::OutOfOrderSequenceNumber));
    }
    // The listener restarts: the sequence state survives, producer ids never repeat.
    m_listener.reset();
    ListenerOptions options;
    options.dataDirectory = m_dir->path();
    options.port = 0;
    auto restarted = KafkaListener::start(options);
    QVERIFY(restarted);
    m_listener = std::move(*restarted);
    RawClient c;
    QVERIFY(c.connect(m_listener->port()));
    QCOMPARE(produceIdempotent(c, spec.name, producerId, 3, 2), std::make_pair(qint16(0), qint64(3)));
    QCOMPARE(produceIdempotent(c, spec.name, producerId, 5, 1), std::make_pair(qint16(0), qint64(5)));
    const qint64 another = initProducerId(c);
    QVERIFY(another >= 0 && another != producerId);
    auto log = (*store)->partition({spec.name, 0});
    QVERIFY(log);
    QCOMPARE((*log)->watermarks()->high, qint64(6)); // 3 + 2 + 1: no retry was written twice
}

void TestKafkaServerListener::batchesRoundTripWithEveryCodec()
{
    std::vector<OutgoingRecord> records(4);
    records[0].key = QByteArray("\x00\xff key", 6);
    records[0].value = QByteArray(300, 'x');
    records[0].headers = {
        {QByteArray("h"), QByteArray("1")}, {QByteArray("h"), std::nullopt}, {QByteArray(""), QByteArray("")}};
    records[0].timestampMs = 1700000000000;
    records[1].key = std::nullopt;
    records[1].value = QByteArray("\x00\x01\x02", 3);
    records[1].timestampMs = 1699999999000; // earlier than the batch's base
    records[2].key = QByteArray("");
    records[2].timestampMs = 1700000005000;
    records[3].key = QByteArray("k");
    records[3].value = QByteArray(5000, 'y');
    records[3].timestampMs = 1700000005000;
    for (int codec = 0; codec < kCodecCount; ++codec) {
        const QByteArray batch = encodeBatch(records, 0, static_cast<Codec>(codec), 7, 1, 40);
        DecodeOutcome decoded = decodeBatches(batch.constData(), batch.size(), 1 << 20);
        QVERIFY2(!decoded.error, qPrintable(decoded.error ? decoded.error->message : QString()));
        QCOMPARE(decoded.batches.size(), size_t(1));
        const DecodedBatch &b = decoded.batches.front();
        QCOMPARE(int(b.header.codec()), codec);
        QCOMPARE(b.header.producerId, qint64(7));
        QCOMPARE(b.header.baseSequence, 40);
        QCOMPARE(b.records.size(), records.size());
        for (size_t i = 0; i < records.size(); ++i) {
            QCOMPARE(b.records[i].key, records[i].key);
            QCOMPARE(b.records[i].value, records[i].value);
            QCOMPARE(b.records[i].headers, records[i].headers);
            QCOMPARE(b.records[i].timestampMs, records[i].timestampMs);
        }
        // One flipped byte anywhere after the CRC field is caught.
        QByteArray damaged = batch;
        damaged[damaged.size() / 2] = char(damaged[damaged.size() / 2] ^ 0x40);
        QVERIFY(decodeBatches(damaged.constData(), damaged.size(), 1 << 20).error.has_value());
    }
    // A zip bomb stops at the limit.
    std::vector<OutgoingRecord> big(1);
    big[0].value = QByteArray(4 << 20, 'z');
    const QByteArray bomb = encodeBatch(big, 0, Codec::Zstd);
    QVERIFY(bomb.size() < 4096);
    DecodeOutcome refused = decodeBatches(bomb.constData(), bomb.size(), 1 << 20);
    QVERIFY(refused.error);
    QCOMPARE(refused.error->errorCode, code(KafkaError::RecordListTooLarge));
}

// The limit is on the memory of everything a produce decodes, not on each batch's bytes: a
// few hundred KiB of zstd can stand for 100,000 empty records (each an OutgoingRecord in memory)
// whose bytes are well under the limit, and batches under the limit add up.
void TestKafkaServerListener::decodingIsBoundedByMemoryNotPerBatch()
{
    std::vector<OutgoingRecord> empty(100000);
    for (OutgoingRecord &r : empty)
        r.timestampMs = 1700000000000;
    const QByteArray many = encodeBatch(empty, 0, Codec::Zstd);
    QVERIFY2(many.size() < 256 << 10, qPrintable(QString::number(many.size())));
    DecodeOutcome refused = decodeBatches(many.constData(), many.size(), 1 << 20);
    QVERIFY(refused.error);
    QCOMPARE(refused.error->errorCode, code(KafkaError::RecordListTooLarge));
    QVERIFY2(refused.error->message.contains(QStringLiteral("more records than")), qPrintable(refused.error->message));
    QVERIFY(!decodeBatches(many.constData(), many.size(), 64 << 20).error); // fine with room for them

    std::vector<OutgoingRecord> big(1);
    big[0].value = QByteArray(600 << 10, 'z');
    const QByteArray one = encodeBatch(big, 0, Codec::Zstd);
    QVERIFY(!decodeBatches(one.constData(), one.size(), 1 << 20).error);
    const QByteArray two = one + one;
    DecodeOutcome twice = decodeBatches(two.constData(), two.size(), 1 << 20);
    QVERIFY(twice.error);
    QCOMPARE(twice.error->errorCode, code(KafkaError::RecordListTooLarge));
}

QTEST_GUILESS_MAIN(TestKafkaServerListener)
#include "tst_kafkaserver_listener.moc"
