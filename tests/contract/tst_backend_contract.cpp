// The Backend contract (app/core/Backend.h), one body of cases for every backend: topics are
// created, listed, described and deleted alike; produce and fetch keep keys, values and
// headers byte for byte (a null key is not an empty key, a tombstone is not an empty value,
// repeated and binary headers stay in order); offsets are dense and watermarks agree with
// them; keyed records land where the partitioners say; commits are what committed() and
// describeGroup() report, and where the group resumes; a filtered scan (core/FilteredScan.h,
// the backend's own FilteredScanner if it has one) finds exactly the records fetch() and the
// filter find, byte for byte, window by window; and every call on a missing topic,
// partition or group fails with NotFound naming it. Built once per backend (CMakeLists.txt):
// tst_contract_local, tst_contract_fake, tst_contract_kafka and tst_contract_serve.

#include "BackendContract.h"

#include "core/FilteredScan.h"
#include "core/GroupIdListing.h"
#include "core/GroupsInBulk.h"
#include "core/OrderGenerator.h"
#include "core/Partitioner.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <map>
#include <set>

using namespace tidemark;
using namespace tidemark::test;

Q_DECLARE_METATYPE(tidemark::PartitionerKind)

namespace {

QString errorText(const Error &e) { return e.toString(); }

template <typename R>
QString describe(const R &result)
{
    return result.ok() ? QString() : errorText(result.error());
}

// "prefix-<ms>-<random>": unique per run (the Kafka cluster outlives a test run), legal everywhere.
QString uniqueName(const QString &prefix)
{
    return QStringLiteral("%1-%2-%3")
        .arg(prefix)
        .arg(QDateTime::currentMSecsSinceEpoch())
        .arg(QRandomGenerator::global()->bounded(1000000));
}

OutgoingRecord record(std::optional<QByteArray> key, std::optional<QByteArray> value, int partition = -1,
                      std::vector<Header> headers = {}, qint64 timestampMs = 0)
{
    OutgoingRecord r;
    r.key = std::move(key);
    r.value = std::move(value);
    r.partition = partition;
    r.headers = std::move(headers);
    r.timestampMs = timestampMs;
    return r;
}

struct Collected {
    std::vector<Record> records;
    std::vector<ConsumerEvent> events;
    std::optional<Error> error;
    bool has(ConsumerEvent::Kind kind) const
    {
        return std::any_of(events.begin(), events.end(), [kind](const ConsumerEvent &e) { return e.kind == kind; });
    }
};

// Polls until `done` or 30 s (a hang guard: a Kafka group join takes a few seconds).
template <typename Done>
Collected pollUntil(Consumer &consumer, Done done)
{
    Collected out;
    QElapsedTimer clock;
    clock.start();
    while (!done(out) && clock.elapsed() < 30000) {
        auto r = consumer.poll(100);
        if (!r) {
            out.error = r.error();
            break;
        }
        out.records.insert(out.records.end(), r->records.begin(), r->records.end());
        out.events.insert(out.events.end(), r->events.begin(), r->events.end());
    }
    return out;
}

std::set<TopicPartition> asSet(const std::vector<TopicPartition> &v) { return {v.begin(), v.end()}; }

const GroupPartitionState *partitionState(const GroupInfo &group, const TopicPartition &tp)
{
    for (const GroupPartitionState &s : group.partitions)
        if (s.tp == tp)
            return &s;
    return nullptr;
}

} // namespace

class TestBackendContract final : public QObject {
    Q_OBJECT

private:
    ContractTarget m_target;
    std::shared_ptr<Backend> m_backend;
    QString m_scanTopic; // scanTopic()

    bool createTopic(const QString &name, int partitions)
    {
        const Status s = m_backend->createTopic(TopicSpec{name, partitions, 1, {}});
        if (!s)
            qWarning("createTopic %s: %s", qPrintable(name), qPrintable(s.error().toString()));
        return s.ok();
    }

    std::unique_ptr<Consumer> consumer(const ConsumerConfig &config)
    {
        auto c = m_backend->createConsumer(config);
        if (!c)
            qWarning("createConsumer: %s", qPrintable(c.error().toString()));
        return c ? std::move(c).value() : nullptr;
    }

    ConsumerConfig groupConfig(const QString &group, const QString &topic) const
    {
        ConsumerConfig c;
        c.groupId = group;
        c.topics = {topic};
        c.sessionTimeoutMs = m_target.sessionTimeoutMs;
        c.heartbeatIntervalMs = m_target.heartbeatIntervalMs;
        return c;
    }

private slots:
    void initTestCase()
    {
        m_target = contractTarget();
        m_backend = m_target.open();
        QVERIFY2(m_backend, qPrintable(m_target.name));
        auto info = m_backend->clusterInfo();
        QVERIFY2(info.ok(), qPrintable(describe(info)));
        qInfo("contract against %s: %s", qPrintable(m_target.name), qPrintable(m_backend->displayName()));
    }

    void cleanupTestCase() { m_backend.reset(); }

    void topicLifecycle()
    {
        const QString name = uniqueName(QStringLiteral("lifecycle"));
        QVERIFY(createTopic(name, 3));

        auto topic = m_backend->describeTopic(name);
        QVERIFY2(topic.ok(), qPrintable(describe(topic)));
        QCOMPARE(topic->name, name);
        QCOMPARE(topic->partitionCount, 3);
        QCOMPARE(topic->recordCount, qint64(0));
        QCOMPARE(topic->partitions.size(), size_t(3));
        for (int p = 0; p < 3; ++p) {
            const PartitionInfo &info = topic->partitions[size_t(p)];
            QCOMPARE(info.partition, p);
            QCOMPARE(info.logStartOffset, qint64(0));
            QCOMPARE(info.highWatermark, qint64(0));
            QVERIFY2(info.error.isEmpty(), qPrintable(info.error));
        }

        auto topics = m_backend->listTopics();
        QVERIFY2(topics.ok(), qPrintable(describe(topics)));
        const auto it =
            std::find_if(topics->begin(), topics->end(), [&](const TopicInfo &t) { return t.name == name; });
        QVERIFY(it != topics->end());
        QCOMPARE(it->partitionCount, 3);
        QCOMPARE(it->recordCount, qint64(0));
        for (const TopicInfo &t : *topics) // internal topics (__consumer_offsets) are not shown
            QVERIFY2(!t.name.startsWith(QLatin1String("__")), qPrintable(t.name));

        auto again = m_backend->createTopic(TopicSpec{name, 3, 1, {}});
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::AlreadyExists);
        QVERIFY2(again.error().message.contains(name), qPrintable(again.error().message));

        const Status deleted = m_backend->deleteTopic(name);
        QVERIFY2(deleted.ok(), qPrintable(describe(deleted)));
        auto gone = m_backend->describeTopic(name);
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
        QVERIFY2(gone.error().message.contains(name), qPrintable(gone.error().message));
        auto listed = m_backend->listTopics();
        QVERIFY(listed.ok());
        QVERIFY(std::none_of(listed->begin(), listed->end(), [&](const TopicInfo &t) { return t.name == name; }));
        auto deletedAgain = m_backend->deleteTopic(name);
        QVERIFY(!deletedAgain.ok());
        QCOMPARE(deletedAgain.error().code, ErrorCode::NotFound);
    }

    void badTopicSpecsAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("partitions");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("illegal name") << QStringLiteral("orders and more!") << 1 << QStringLiteral("orders and more!");
        QTest::newRow("no partitions") << uniqueName(QStringLiteral("bad")) << 0 << QStringLiteral("partition");
    }
    void badTopicSpecsAreRefused()
    {
        QFETCH(QString, name);
        QFETCH(int, partitions);
        QFETCH(QString, mentions);
        const Status s = m_backend->createTopic(TopicSpec{name, partitions, 1, {}});
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(s.error().message.contains(mentions, Qt::CaseInsensitive), qPrintable(s.error().message));
        QCOMPARE(m_backend->describeTopic(name).ok(), false);
    }

    // Bytes are bytes: whatever goes in comes out, with null and empty kept apart.
    void produceAndFetchKeepEveryByte()
    {
        const QString topic = uniqueName(QStringLiteral("bytes"));
        QVERIFY(createTopic(topic, 3));

        std::vector<OutgoingRecord> records;
        OrderGenerator orders(42);
        for (int i = 0; i < 12; ++i) {
            const Order o = orders.next();
            records.push_back(record(o.userId.toUtf8(), orderToJson(o)));
        }
        records.push_back(record(std::nullopt, QByteArray("null key")));
        records.push_back(record(QByteArray(""), QByteArray("empty key")));
        records.push_back(record(QByteArray("\x00\xff\xfe k", 5), QByteArray("\xc3\x28\x00\xff not UTF-8", 15)));
        records.push_back(record(QByteArray("gone"), std::nullopt));    // a tombstone
        records.push_back(record(QByteArray("blank"), QByteArray(""))); // an empty value, not a tombstone
        records.push_back(record(std::nullopt, std::nullopt));          // null key and null value
        records.push_back(record(QByteArray("headers"), QByteArray("v"), -1,
                                 {{"trace", QByteArray("abc")},
                                  {"null-header", std::nullopt},
                                  {"trace", QByteArray("2")},
                                  {"empty", QByteArray("")},
                                  // A NUL in a header key is refused on Kafka (librdkafka takes C strings).
                                  {QByteArray("bin\xffkey"), QByteArray("\x00\x01\xff", 3)}}));
        records.push_back(record(QByteArray("pinned"), QByteArray("to partition 2"), 2));
        records.push_back(record(QByteArray("stamped"), QByteArray("old"), -1, {}, 1'600'000'000'000));

        auto reports = m_backend->produce(topic, records, ProduceOptions{});
        QVERIFY2(reports.ok(), qPrintable(describe(reports)));
        QCOMPARE(reports->size(), records.size());
        std::map<int, std::vector<size_t>> byPartition; // partition -> record indexes, in offset order
        for (size_t i = 0; i < records.size(); ++i) {
            const DeliveryReport &d = (*reports)[i];
            QVERIFY2(!d.error, qPrintable(d.error ? d.error->toString() : QString()));
            QVERIFY(d.partition >= 0 && d.partition < 3);
            QVERIFY(d.timestampMs > 0);
            if (records[i].partition >= 0)
                QCOMPARE(d.partition, records[i].partition);
            else if (records[i].key)
                QCOMPARE(d.partition, *hashPartition(PartitionerKind::Murmur2, records[i].key, 3));
            QCOMPARE(d.offset, qint64(byPartition[d.partition].size())); // dense, in input order
            byPartition[d.partition].push_back(i);
        }

        qint64 total = 0;
        for (int p = 0; p < 3; ++p) {
            const TopicPartition tp{topic, p};
            auto marks = m_backend->watermarks(tp);
            QVERIFY2(marks.ok(), qPrintable(describe(marks)));
            QCOMPARE(marks->low, qint64(0));
            QCOMPARE(marks->high, qint64(byPartition[p].size()));
            total += marks->high;
            auto read = m_backend->fetch(tp, 0, 1000);
            QVERIFY2(read.ok(), qPrintable(describe(read)));
            QCOMPARE(read->size(), byPartition[p].size());
            auto summaries = m_backend->fetchSummaries(tp, 0, 1000);
            QVERIFY2(summaries.ok(), qPrintable(describe(summaries)));
            QCOMPARE(summaries->size(), read->size());
            for (size_t k = 0; k < read->size(); ++k) {
                const Record &r = (*read)[k];
                const size_t i = byPartition[p][k];
                const OutgoingRecord &sent = records[i];
                QCOMPARE(r.topic, topic);
                QCOMPARE(r.partition, p);
                QCOMPARE(r.offset, qint64(k));
                QCOMPARE(r.key.has_value(), sent.key.has_value());
                QCOMPARE(r.key, sent.key);
                QCOMPARE(r.value.has_value(), sent.value.has_value());
                QCOMPARE(r.isTombstone(), !sent.value.has_value());
                QCOMPARE(r.value, sent.value);
                QCOMPARE(r.headers.size(), sent.headers.size());
                for (size_t h = 0; h < r.headers.size(); ++h) {
                    QCOMPARE(r.headers[h].key, sent.headers[h].key);
                    QCOMPARE(r.headers[h].value.has_value(), sent.headers[h].value.has_value());
                    QCOMPARE(r.headers[h].value, sent.headers[h].value);
                }
                QCOMPARE(r.timestampMs, (*reports)[i].timestampMs);
                if (sent.timestampMs)
                    QCOMPARE(r.timestampMs, sent.timestampMs);
                const RecordSummary &s = (*summaries)[k];
                QCOMPARE(s.offset, r.offset);
                QCOMPARE(s.timestampMs, r.timestampMs);
                QCOMPARE(s.keyIsNull, !sent.key.has_value());
                QCOMPARE(s.valueIsNull, !sent.value.has_value());
                QCOMPARE(s.size, quint32(payloadSize(sent.key) + payloadSize(sent.value)));
            }
        }
        QCOMPARE(total, qint64(records.size()));
        auto described = m_backend->describeTopic(topic);
        QVERIFY(described.ok());
        QCOMPARE(described->recordCount, total);
        auto topics = m_backend->listTopics();
        QVERIFY(topics.ok());
        const auto listed =
            std::find_if(topics->begin(), topics->end(), [&](const TopicInfo &t) { return t.name == topic; });
        QVERIFY(listed != topics->end());
        QCOMPARE(listed->recordCount, total);
    }

    // The records scanFilteredIsFetchAndTest reads: orders and every edge of the bytes (null
    // and empty keys and values, binary keys, repeated and null headers), made once.
    QString scanTopic()
    {
        if (!m_scanTopic.isEmpty())
            return m_scanTopic;
        const QString topic = uniqueName(QStringLiteral("scan"));
        if (!createTopic(topic, 3))
            return {};
        std::vector<OutgoingRecord> records;
        OrderGenerator orders(15);
        for (int i = 0; i < 60; ++i) {
            const Order o = orders.next();
            records.push_back(record(o.orderId.toUtf8(), orderToJson(o), -1,
                                     i % 4 ? std::vector<Header>{} : std::vector<Header>{{"trace", QByteArray("a")}}));
            if (i % 10 == 3) {
                const int p = i % 3;
                records.push_back(record(std::nullopt, QByteArray("null key 00"), p));
                records.push_back(record(QByteArray(""), QByteArray("empty key"), p));
                records.push_back(record(QByteArray("\x00\xff\xfe k", 5), QByteArray("\xc3\x28\x00\xff 00", 7), p));
                records.push_back(record(QByteArray("gone"), std::nullopt, p));    // a tombstone
                records.push_back(record(QByteArray("blank"), QByteArray(""), p)); // an empty value
                records.push_back(record(std::nullopt, std::nullopt, p));
                records.push_back(record(QByteArray("headers"), QByteArray("{\"user_id\":\"00042\"}"), p,
                                         {{"trace", QByteArray("abc")},
                                          {"null-header", std::nullopt},
                                          {"trace", QByteArray("2")},
                                          {"empty", QByteArray("")},
                                          {QByteArray("bin\xffkey"), QByteArray("\x00\x01\xff", 3)}}));
            }
        }
        auto reports = m_backend->produce(topic, records, ProduceOptions{});
        if (!reports) {
            qWarning("produce: %s", qPrintable(reports.error().toString()));
            return {};
        }
        for (const DeliveryReport &d : *reports)
            if (d.error)
                return {};
        m_scanTopic = topic;
        return topic;
    }

    // Every backend's scanFiltered() (the built-in broker's pushdown, Kafka's streaming
    // reader) against fetch() and the filter: the same records, byte for byte, and the same
    // count read, over whole partitions and over small windows read one after the other,
    // backwards, and one that starts elsewhere.
    void scanFilteredIsFetchAndTest_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<qint64>("window");
        QTest::newRow("everything, whole partitions") << QString() << qint64(1000);
        QTest::newRow("everything, windows of 7") << QString() << qint64(7);
        QTest::newRow("substring") << QStringLiteral("\"00\"") << qint64(1000);
        QTest::newRow("tombstones") << QStringLiteral("value is null") << qint64(1000);
        QTest::newRow("empty values") << QStringLiteral("value is empty") << qint64(1000);
        QTest::newRow("null keys") << QStringLiteral("key is null") << qint64(1000);
        QTest::newRow("binary key") << QStringLiteral("key contains \"\\xfe k\"") << qint64(1000);
        QTest::newRow("repeated header") << QStringLiteral("header.trace == \"2\"") << qint64(11);
        QTest::newRow("header exists") << QStringLiteral("header.trace exists") << qint64(1000);
        QTest::newRow("json field") << QStringLiteral("value.user_id == \"00042\" or value.total_price > 1000")
                                    << qint64(1000);
    }
    void scanFilteredIsFetchAndTest()
    {
        QFETCH(QString, filter);
        QFETCH(qint64, window);
        const QString topic = scanTopic();
        QVERIFY(!topic.isEmpty());
        ScanPredicate predicate;
        predicate.filter = RecordFilter::parse(filter);
        QVERIFY2(predicate.filter.isValid(),
                 qPrintable(predicate.filter.isValid() ? QString() : predicate.filter.error()->toString()));
        qint64 total = 0, totalMatches = 0;
        for (int p = 0; p < 3; ++p) {
            const TopicPartition tp{topic, p};
            const auto marks = m_backend->watermarks(tp);
            QVERIFY2(marks.ok(), qPrintable(describe(marks)));
            // Oldest first, then newest first, then a window that starts in the middle.
            std::vector<std::pair<qint64, qint64>> windows;
            for (qint64 at = marks->low; at < marks->high; at += window)
                windows.emplace_back(at, std::min(marks->high, at + window));
            const size_t forward = windows.size();
            for (size_t i = forward; i-- > 0;) {
                const auto w = windows[i];
                windows.push_back(w);
            }
            windows.emplace_back(marks->high / 2, marks->high);
            for (size_t i = 0; i < windows.size(); ++i) {
                const auto [from, until] = windows[i];
                std::vector<Record> scanned{Record{}}, fetched{Record{}}; // appended to, not replaced
                const auto a = scanFiltered(*m_backend, tp, from, until, predicate, scanned);
                QVERIFY2(a.ok(), qPrintable(describe(a)));
                const auto b = fetchAndFilter(*m_backend, tp, from, until, predicate, fetched);
                QVERIFY2(b.ok(), qPrintable(describe(b)));
                QCOMPARE(a->scanned, b->scanned);
                QCOMPARE(a->scanned, until - from); // no gaps in these partitions
                QCOMPARE(a->next, until);
                QCOMPARE(scanned.size(), fetched.size());
                for (size_t k = 0; k < scanned.size(); ++k)
                    QVERIFY2(scanned[k] == fetched[k], qPrintable(QStringLiteral("%1 window [%2, %3) match %4 differs")
                                                                      .arg(tp.toString())
                                                                      .arg(from)
                                                                      .arg(until)
                                                                      .arg(k)));
                if (i < forward) {
                    total += a->scanned;
                    totalMatches += qint64(scanned.size()) - 1;
                }
            }
            // Past the end: an error, and the matches as they were.
            std::vector<Record> kept{Record{}};
            const auto beyond = scanFiltered(*m_backend, tp, marks->high + 5, marks->high + 10, predicate, kept);
            QVERIFY(!beyond.ok());
            QCOMPARE(kept.size(), size_t(1));
        }
        QVERIFY(total > 60);
        if (filter.isEmpty())
            QCOMPARE(totalMatches, total);
        else
            QVERIFY2(totalMatches > 0 && totalMatches < total, qPrintable(QString::number(totalMatches)));
    }

    // Keyed records go where our partitioners say, on every backend (on Kafka that is
    // librdkafka's placement: the check that ours match it).
    void keyedRecordsLandWhereThePartitionerSays_data()
    {
        QTest::addColumn<PartitionerKind>("kind");
        for (const PartitionerKind kind :
             {PartitionerKind::Murmur2, PartitionerKind::Murmur2Random, PartitionerKind::Consistent,
              PartitionerKind::ConsistentRandom, PartitionerKind::Fnv1a, PartitionerKind::Fnv1aRandom})
            QTest::newRow(qPrintable(partitionerName(kind))) << kind;
    }
    void keyedRecordsLandWhereThePartitionerSays()
    {
        QFETCH(PartitionerKind, kind);
        static const QString topic = uniqueName(QStringLiteral("partitioner"));
        if (!m_backend->describeTopic(topic).ok())
            QVERIFY(createTopic(topic, 7));
        std::vector<OutgoingRecord> records;
        for (int i = 0; i < 40; ++i)
            records.push_back(record(QByteArray::number(10000 + i * 37), QByteArray("v")));
        ProduceOptions options;
        options.partitioner = kind;
        auto reports = m_backend->produce(topic, records, options);
        QVERIFY2(reports.ok(), qPrintable(describe(reports)));
        std::set<int> used;
        for (size_t i = 0; i < records.size(); ++i) {
            QVERIFY(!(*reports)[i].error);
            QCOMPARE((*reports)[i].partition, *hashPartition(kind, records[i].key, 7));
            used.insert((*reports)[i].partition);
        }
        QVERIFY(used.size() > 3);
    }

    void offsetsAndWatermarks()
    {
        const QString topic = uniqueName(QStringLiteral("offsets"));
        QVERIFY(createTopic(topic, 2));
        const TopicPartition tp{topic, 1};
        std::vector<OutgoingRecord> records;
        for (int i = 0; i < 5; ++i)
            records.push_back(record(QByteArray("k"), QByteArray::number(i), 1, {}, 1'700'000'001'000LL + i * 1000));
        QVERIFY(m_backend->produce(topic, records, ProduceOptions{}).ok());

        auto empty = m_backend->watermarks({topic, 0});
        QVERIFY(empty.ok());
        QCOMPARE(empty->low, qint64(0));
        QCOMPARE(empty->high, qint64(0));
        auto marks = m_backend->watermarks(tp);
        QVERIFY(marks.ok());
        QCOMPARE(marks->low, qint64(0));
        QCOMPARE(marks->high, qint64(5));

        auto middle = m_backend->fetch(tp, 2, 2);
        QVERIFY2(middle.ok(), qPrintable(describe(middle)));
        QCOMPARE(middle->size(), size_t(2));
        QCOMPARE(middle->front().offset, qint64(2));
        QCOMPARE(middle->front().value, std::optional<QByteArray>("2"));
        QCOMPARE(middle->back().offset, qint64(3));
        auto end = m_backend->fetch(tp, 5, 10);
        QVERIFY2(end.ok(), qPrintable(describe(end)));
        QVERIFY(end->empty());
        auto emptyPartition = m_backend->fetch({topic, 0}, 0, 10);
        QVERIFY2(emptyPartition.ok(), qPrintable(describe(emptyPartition)));
        QVERIFY(emptyPartition->empty());
        auto beyond = m_backend->fetch(tp, 6, 10);
        QVERIFY(!beyond.ok());
        QCOMPARE(beyond.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(beyond.error().message.contains(QStringLiteral("beyond the high watermark 5")),
                 qPrintable(beyond.error().message));
        auto negative = m_backend->fetch(tp, -1, 10);
        QVERIFY(!negative.ok());
        QCOMPARE(negative.error().code, ErrorCode::InvalidArgument);

        QCOMPARE(m_backend->offsetForTimestamp(tp, 0).valueOr(-1), qint64(0));
        QCOMPARE(m_backend->offsetForTimestamp(tp, 1'700'000'002'500LL).valueOr(-1), qint64(2));
        QCOMPARE(m_backend->offsetForTimestamp(tp, 1'700'000'003'000LL).valueOr(-1), qint64(2));
        QCOMPARE(m_backend->offsetForTimestamp(tp, 1'800'000'000'000LL).valueOr(-1), qint64(5)); // none: the end
    }

    // A record for a partition the topic does not have fails the whole call; nothing is written.
    void explicitPartitionOutOfRangeFailsTheWholeCall_data()
    {
        QTest::addColumn<int>("partition");
        QTest::newRow("beyond the last") << 5;
        QTest::newRow("negative") << -5;
    }
    void explicitPartitionOutOfRangeFailsTheWholeCall()
    {
        QFETCH(int, partition);
        const QString topic = uniqueName(QStringLiteral("nopart"));
        QVERIFY(createTopic(topic, 2));
        auto reports = m_backend->produce(
            topic,
            {record(QByteArray("a"), QByteArray("fine"), 1), record(QByteArray("b"), QByteArray("x"), partition)},
            ProduceOptions{});
        QVERIFY(!reports.ok());
        QCOMPARE(reports.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(reports.error().message.contains(QStringLiteral("has no partition %1").arg(partition)),
                 qPrintable(reports.error().message));
        QCOMPARE(m_backend->watermarks({topic, 0}).value().high, qint64(0));
        QCOMPARE(m_backend->watermarks({topic, 1}).value().high, qint64(0));
    }

    void missingTopicOrPartition_data()
    {
        QTest::addColumn<QString>("call");
        QTest::addColumn<bool>("topicExists"); // then partition 7 of a 2-partition topic is asked for
        for (const char *call : {"describeTopic", "produce", "fetch", "watermarks", "offsetForTimestamp", "deleteTopic",
                                 "subscribe", "assign"})
            QTest::addRow("%s of a missing topic", call) << QString::fromLatin1(call) << false;
        for (const char *call : {"fetch", "watermarks", "offsetForTimestamp", "assign"})
            QTest::addRow("%s of a missing partition", call) << QString::fromLatin1(call) << true;
    }
    void missingTopicOrPartition()
    {
        QFETCH(QString, call);
        QFETCH(bool, topicExists);
        const QString topic = uniqueName(QStringLiteral("missing"));
        if (topicExists)
            QVERIFY(createTopic(topic, 2));
        const TopicPartition tp{topic, topicExists ? 7 : 0};
        std::optional<Error> error;
        auto take = [&](const auto &result) {
            if (!result.ok())
                error = result.error();
        };
        if (call == QLatin1String("describeTopic"))
            take(m_backend->describeTopic(topic));
        else if (call == QLatin1String("produce"))
            take(m_backend->produce(topic, {record(QByteArray("k"), QByteArray("v"))}, ProduceOptions{}));
        else if (call == QLatin1String("fetch"))
            take(m_backend->fetch(tp, 0, 10));
        else if (call == QLatin1String("watermarks"))
            take(m_backend->watermarks(tp));
        else if (call == QLatin1String("offsetForTimestamp"))
            take(m_backend->offsetForTimestamp(tp, 0));
        else if (call == QLatin1String("deleteTopic"))
            take(m_backend->deleteTopic(topic));
        else if (call == QLatin1String("subscribe"))
            take(m_backend->createConsumer(groupConfig(uniqueName(QStringLiteral("g")), topic)));
        else if (call == QLatin1String("assign")) {
            ConsumerConfig c;
            c.assignment.push_back({tp, 0});
            take(m_backend->createConsumer(c));
        }
        QVERIFY2(error.has_value(), "a missing topic or partition must be an error");
        QCOMPARE(error->code, ErrorCode::NotFound);
        QVERIFY2(error->message.contains(QStringLiteral("'%1'").arg(topic)), qPrintable(error->message));
        if (topicExists) // "topic 'x' has no partition 7 (it has 2)" or "partition 7 of topic 'x' ... (it has 2)"
            QVERIFY2(error->message.contains(QStringLiteral("partition 7")) &&
                         error->message.contains(QStringLiteral("(it has 2)")),
                     qPrintable(error->message));
    }

    void missingGroupIsNotFound()
    {
        const QString group = uniqueName(QStringLiteral("nobody"));
        auto described = m_backend->describeGroup(group);
        QVERIFY(!described.ok());
        QCOMPARE(described.error().code, ErrorCode::NotFound);
        QVERIFY2(described.error().message.contains(group), qPrintable(described.error().message));
        auto groups = m_backend->listGroups();
        QVERIFY2(groups.ok(), qPrintable(describe(groups)));
        QVERIFY(std::none_of(groups->begin(), groups->end(), [&](const GroupInfo &g) { return g.groupId == group; }));
    }

    // Commits of a manually assigned consumer: what committed() and describeGroup() report,
    // the lag against the high watermark, and where the next consumer of the group starts.
    void commitsAreWhatTheGroupReportsAndResumesFrom()
    {
        const QString topic = uniqueName(QStringLiteral("commits"));
        const QString group = uniqueName(QStringLiteral("billing"));
        QVERIFY(createTopic(topic, 2));
        const TopicPartition p0{topic, 0}, p1{topic, 1};
        std::vector<OutgoingRecord> records;
        for (int i = 0; i < 10; ++i)
            records.push_back(record(QByteArray("k"), QByteArray::number(i), i < 6 ? 0 : 1));
        QVERIFY(m_backend->produce(topic, records, ProduceOptions{}).ok()); // p0: 6, p1: 4

        ConsumerConfig assigned;
        assigned.groupId = group;
        assigned.assignment = {{p0, 0}, {p1, 0}};
        auto c = consumer(assigned);
        QVERIFY(c);
        QCOMPARE(asSet(c->assignment()), (std::set<TopicPartition>{p0, p1}));
        Collected got = pollUntil(*c, [](const Collected &o) { return o.records.size() >= 10; });
        QVERIFY2(!got.error, qPrintable(got.error ? got.error->toString() : QString()));
        QCOMPARE(got.records.size(), size_t(10));
        QCOMPARE(c->position(p0).value_or(-1), qint64(6));
        QCOMPARE(c->position(p1).value_or(-1), qint64(4));

        const Status explicitCommit = c->commit({{p0, 2}});
        QVERIFY2(explicitCommit.ok(), qPrintable(describe(explicitCommit)));
        auto committed = c->committed();
        QVERIFY2(committed.ok(), qPrintable(describe(committed)));
        QCOMPARE(committed->count(p0) ? committed->at(p0) : -2, qint64(2));
        QVERIFY(!committed->count(p1) || committed->at(p1) < 0); // nothing committed there yet

        const Status positions = c->commit(); // the positions: 6 and 4
        QVERIFY2(positions.ok(), qPrintable(describe(positions)));
        committed = c->committed();
        QVERIFY(committed.ok());
        QCOMPARE(committed->at(p0), qint64(6));
        QCOMPARE(committed->at(p1), qint64(4));
        c->close();

        QVERIFY(m_backend->produce(topic, {record(QByteArray("k"), QByteArray("late"), 0)}, ProduceOptions{}).ok());
        auto described = m_backend->describeGroup(group);
        QVERIFY2(described.ok(), qPrintable(describe(described)));
        QCOMPARE(described->groupId, group);
        QVERIFY(described->members.empty());
        const GroupPartitionState *s0 = partitionState(*described, p0);
        const GroupPartitionState *s1 = partitionState(*described, p1);
        QVERIFY(s0 && s1);
        QCOMPARE(s0->committed, qint64(6));
        QCOMPARE(s0->highWatermark, qint64(7));
        QCOMPARE(s0->lag, qint64(1));
        QCOMPARE(s1->committed, qint64(4));
        QCOMPARE(s1->lag, qint64(0));
        auto groups = m_backend->listGroups();
        QVERIFY(groups.ok());
        QVERIFY(std::any_of(groups->begin(), groups->end(), [&](const GroupInfo &g) { return g.groupId == group; }));
        // groupIdsOf() names the same groups (the state model's poll lists them so).
        auto ids = groupIdsOf(*m_backend);
        QVERIFY2(ids.ok(), qPrintable(describe(ids)));
        QVERIFY(std::find(ids->begin(), ids->end(), group) != ids->end());
        // Every group in one call (the lag history's sample, core/GroupsInBulk.h): this one as
        // describeGroup() describes it. Every backend answers it in bulk: one Backend call.
        qint64 calls = 0;
        auto all = describeAllGroups(*m_backend, &calls);
        QVERIFY2(all.ok(), qPrintable(describe(all)));
        QCOMPARE(calls, qint64(1));
        const auto inBulk =
            std::find_if(all->begin(), all->end(), [&](const GroupInfo &g) { return g.groupId == group; });
        QVERIFY(inBulk != all->end());
        QCOMPARE(inBulk->state, described->state);
        QVERIFY(inBulk->members.empty());
        QVERIFY(partitionState(*inBulk, p0) && partitionState(*inBulk, p1));
        QCOMPARE(partitionState(*inBulk, p0)->committed, qint64(6));
        QCOMPARE(partitionState(*inBulk, p0)->highWatermark, qint64(7));
        QCOMPARE(partitionState(*inBulk, p0)->lag, qint64(1));
        QCOMPARE(partitionState(*inBulk, p1)->committed, qint64(4));
        QCOMPARE(partitionState(*inBulk, p1)->lag, qint64(0));
        QVERIFY(std::none_of(all->begin(), all->end(), [](const GroupInfo &g) { return g.groupId.isEmpty(); }));

        // An inactive group's offsets may be reset; the next consumer starts there.
        const Status reset = m_backend->resetGroupOffsets(group, {{p0, 3}});
        QVERIFY2(reset.ok(), qPrintable(describe(reset)));
        described = m_backend->describeGroup(group);
        QVERIFY(described.ok());
        QCOMPARE(partitionState(*described, p0)->committed, qint64(3));
        QCOMPARE(partitionState(*described, p0)->lag, qint64(4));
        ConsumerConfig resume;
        resume.groupId = group;
        resume.assignment = {{p0, -1}};
        auto next = consumer(resume);
        QVERIFY(next);
        got = pollUntil(*next, [](const Collected &o) { return !o.records.empty(); });
        QVERIFY(!got.records.empty());
        QCOMPARE(got.records.front().offset, qint64(3));
        next->close();
    }

    // A subscribed member: assignment with a generation, commits of its positions, the group
    // Stable with it and Empty after it left, resets refused while it is there.
    void subscribedMemberCommitsItsPositions()
    {
        const QString topic = uniqueName(QStringLiteral("member"));
        const QString group = uniqueName(QStringLiteral("member"));
        QVERIFY(createTopic(topic, 2));
        std::vector<OutgoingRecord> records;
        for (int i = 0; i < 8; ++i)
            records.push_back(record(QByteArray::number(i), QByteArray::number(i), i % 2));
        QVERIFY(m_backend->produce(topic, records, ProduceOptions{}).ok());

        auto c = consumer(groupConfig(group, topic));
        QVERIFY(c);
        Collected got = pollUntil(*c, [](const Collected &o) { return o.records.size() >= 8; });
        QVERIFY2(!got.error, qPrintable(got.error ? got.error->toString() : QString()));
        QCOMPARE(got.records.size(), size_t(8));
        QVERIFY(got.has(ConsumerEvent::Kind::Assigned));
        QCOMPARE(asSet(c->assignment()), (std::set<TopicPartition>{{topic, 0}, {topic, 1}}));
        QVERIFY2(c->generation() >= 1, qPrintable(QString::number(c->generation())));
        QVERIFY(!c->memberId().isEmpty());
        // The story as data, not as a sentence: the brokers' layers are not translated, the app
        // words what happened (ConsumerManager::eventText) in the user's language.
        std::set<TopicPartition> assignedByEvents;
        for (const ConsumerEvent &e : got.events) {
            if (e.kind != ConsumerEvent::Kind::Assigned)
                continue;
            QCOMPARE(int(e.reason), int(ConsumerEvent::Reason::Rebalance));
            QVERIFY2(e.message.isEmpty(), qPrintable(e.message));
            QCOMPARE(e.groupId, group);
            QCOMPARE(e.memberId, c->memberId());
            QVERIFY2(e.generation >= 1, qPrintable(QString::number(e.generation)));
            assignedByEvents.insert(e.partitions.begin(), e.partitions.end());
        }
        QCOMPARE(assignedByEvents, (std::set<TopicPartition>{{topic, 0}, {topic, 1}}));
        const Status committedNow = c->commit();
        QVERIFY2(committedNow.ok(), qPrintable(describe(committedNow)));
        auto committed = c->committed();
        QVERIFY(committed.ok());
        QCOMPARE(committed->at({topic, 0}), qint64(4));
        QCOMPARE(committed->at({topic, 1}), qint64(4));

        auto described = m_backend->describeGroup(group);
        QVERIFY2(described.ok(), qPrintable(describe(described)));
        QCOMPARE(described->state, QStringLiteral("Stable"));
        QCOMPARE(described->members.size(), size_t(1));
        QCOMPARE(described->members.front().memberId, c->memberId());
        QCOMPARE(asSet(described->members.front().assignment), asSet(c->assignment()));
        for (const GroupPartitionState &s : described->partitions)
            QCOMPARE(s.ownerMemberId, c->memberId());
        auto refused = m_backend->resetGroupOffsets(group, {{{topic, 0}, 0}});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Conflict);

        c->close();
        described = m_backend->describeGroup(group);
        QVERIFY(described.ok());
        QCOMPARE(described->state, QStringLiteral("Empty"));
        QVERIFY(described->members.empty());
        QCOMPARE(partitionState(*described, {topic, 1})->committed, qint64(4));
    }
};

QTEST_GUILESS_MAIN(TestBackendContract)
#include "tst_backend_contract.moc"
