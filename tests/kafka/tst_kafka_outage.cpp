// A broker outage mid-stream on a topic with replication factor 3: one broker (the leader
// of partition 0) is stopped while records are produced and consumed. No acknowledged
// record may be lost, the producer and the consumer group carry on, and the consumer reports
// the outage as error events naming the broker instead of swallowing it. The broker is
// started again at the end so the cluster is whole for the tests after this one.

#include "KafkaTestSupport.h"

#include <QElapsedTimer>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace tidemark;
using namespace tidemark::test;

namespace {
// Joins a thread when the test function returns early (a failed QVERIFY): a joinable
// std::thread would otherwise terminate the process.
struct Joiner {
    std::thread &thread;
    std::function<void()> beforeJoin;
    ~Joiner()
    {
        if (beforeJoin)
            beforeJoin();
        if (thread.joinable())
            thread.join();
    }
};
} // namespace

class TestKafkaOutage final : public QObject {
    Q_OBJECT

private:
    std::shared_ptr<Backend> m_backend;
    int m_stoppedNode = -1;

private slots:
    void initTestCase()
    {
        m_backend = openCluster();
        auto info = m_backend->clusterInfo();
        QVERIFY(info.ok());
        QCOMPARE(info->brokers.size(), size_t(3));
    }

    // After every row, passed or failed: back to three brokers for the next row and test.
    void cleanup()
    {
        if (m_stoppedNode >= 0) {
            const ProcessResult r = cluster({QStringLiteral("start-node"), QString::number(m_stoppedNode)});
            m_stoppedNode = -1;
            QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        }
    }

    void stoppingOneBrokerLosesNoAcknowledgedRecord_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("clean stop") << QStringLiteral("stop-node");
        QTest::newRow("crash (kill -9)") << QStringLiteral("kill-node");
    }

    void stoppingOneBrokerLosesNoAcknowledgedRecord()
    {
        QFETCH(QString, how);
        const QString topic = uniqueName(QStringLiteral("outage"));
        const QString group = uniqueName(QStringLiteral("outage"));
        TopicSpec spec{topic, 3, 3, {{QStringLiteral("min.insync.replicas"), QStringLiteral("2")}}};
        const auto created = m_backend->createTopic(spec);
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().toString()));
        auto described = m_backend->describeTopic(topic);
        QVERIFY(described.ok());
        const int victim = described->partitions.at(0).leader; // partition 0 must fail over
        QVERIFY(victim >= 0 && victim <= 2);
        const QString victimAddress = QStringLiteral("127.0.0.1:%1").arg(9094 + victim);

        // The consumer lives on its own thread, as a Consumer must.
        std::atomic<bool> stopConsumer{false};
        std::mutex consumedMutex;
        std::set<QByteArray> consumed;
        std::vector<ConsumerEvent> errors;
        QString consumerFailure;
        std::thread consumerThread([&] {
            ConsumerConfig config;
            config.groupId = group;
            config.topics = {topic};
            config.sessionTimeoutMs = 6000;
            config.heartbeatIntervalMs = 500;
            auto created = m_backend->createConsumer(config);
            if (!created) {
                consumerFailure = created.error().toString();
                return;
            }
            auto consumer = std::move(created).value();
            while (!stopConsumer.load()) {
                auto r = consumer->poll(200);
                if (!r) {
                    consumerFailure = r.error().toString();
                    return;
                }
                std::lock_guard lock(consumedMutex);
                for (const Record &rec : r->records)
                    consumed.insert(*rec.value);
                for (const ConsumerEvent &e : r->events) {
                    if (e.kind == ConsumerEvent::Kind::Error)
                        errors.push_back(e);
                }
                if (!r->records.empty())
                    (void)consumer->commit();
            }
            consumer->close();
        });
        Joiner consumerJoiner{consumerThread, [&] { stopConsumer.store(true); }};

        // Produce in rounds; the broker stops (cleanly, like `systemctl stop`) after round 3,
        // while the rounds go on.
        std::map<std::pair<int, qint64>, QByteArray> acked; // (partition, offset) -> value
        int failedRecords = 0, sent = 0;
        QStringList failures;
        std::thread stopper;
        Joiner stopperJoiner{stopper, {}};
        QElapsedTimer clock;
        clock.start();
        for (int round = 0; round < 12; ++round) {
            if (round == 3) {
                m_stoppedNode = victim;
                stopper = std::thread([victim, how] { (void)cluster({how, QString::number(victim)}); });
            }
            std::vector<OutgoingRecord> records;
            for (int i = 0; i < 300; ++i) {
                OutgoingRecord r;
                r.key = QByteArray::number(sent + i);
                r.value = "record-" + QByteArray::number(sent + i);
                records.push_back(r);
            }
            sent += 300;
            auto reports = m_backend->produce(topic, records, ProduceOptions{});
            QVERIFY2(reports.ok(), qPrintable(reports.ok() ? QString() : reports.error().toString()));
            for (size_t i = 0; i < records.size(); ++i) {
                const DeliveryReport &d = (*reports)[i];
                if (d.error) {
                    ++failedRecords;
                    if (failures.size() < 3)
                        failures << d.error->toString();
                } else {
                    acked[{d.partition, d.offset}] = *records[i].value;
                }
            }
            QThread::msleep(150);
        }
        stopper.join();
        qInfo("produced %d records in %lld ms, broker %d stopped (%s) after round 3: %zu acknowledged, %d failed %s",
              sent, clock.elapsed(), victim, qPrintable(how), acked.size(), failedRecords,
              qPrintable(failures.join(QStringLiteral("; "))));

        // The client carried on: the rounds after the stop were acknowledged too.
        QVERIFY(acked.size() >= size_t(sent - 900));
        auto after = m_backend->describeTopic(topic);
        QVERIFY(after.ok());
        QVERIFY(after->partitions.at(0).leader != victim);

        // Every acknowledged record is in the log, at its offset, unchanged.
        std::map<int, std::vector<Record>> logs;
        for (int p = 0; p < 3; ++p) {
            auto r = m_backend->fetch({topic, p}, 0, 100000);
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
            logs[p] = std::move(r).value();
        }
        for (const auto &[where, value] : acked) {
            const auto &log = logs[where.first];
            QVERIFY2(where.second < qint64(log.size()), "an acknowledged offset is beyond the log end");
            QCOMPARE(log[size_t(where.second)].value, value);
        }

        // The consumer group saw every acknowledged record and reported the outage.
        std::set<QByteArray> wanted;
        for (const auto &[where, value] : acked)
            wanted.insert(value);
        QElapsedTimer wait;
        wait.start();
        auto consumedAll = [&] {
            std::lock_guard lock(consumedMutex);
            return std::includes(consumed.begin(), consumed.end(), wanted.begin(), wanted.end());
        };
        auto outageReported = [&] {
            std::lock_guard lock(consumedMutex);
            return std::any_of(errors.begin(), errors.end(),
                               [&](const ConsumerEvent &e) { return e.message.contains(victimAddress); });
        };
        // A crash must be reported. A clean stop need not be: Kafka's controlled shutdown moves
        // the victim's leadership away before it closes, and the consumer may never have had a
        // connection to it in use (seen on 4.4.0: no event at all, every record consumed).
        const bool mustReport = how == QStringLiteral("kill-node");
        // Both may take a while on a loaded machine (librdkafka reports a lost broker once its
        // reconnect fails), so wait for both, with one deadline.
        while (!(consumedAll() && (outageReported() || !mustReport)) && wait.elapsed() < 30000 &&
               consumerFailure.isEmpty())
            QThread::msleep(50);
        stopConsumer.store(true);
        consumerThread.join();
        QVERIFY2(consumerFailure.isEmpty(), qPrintable(consumerFailure));
        QVERIFY(consumedAll());
        QVERIFY2(
            outageReported() || !mustReport,
            qPrintable(
                QStringLiteral("no error event names %1 (%2 error events)").arg(victimAddress).arg(errors.size())));
        if (!errors.empty())
            qInfo("first error event: %s", qPrintable(errors.front().message));

        // Back to three brokers for whoever runs next.
        const ProcessResult restarted = cluster({QStringLiteral("start-node"), QString::number(victim)});
        m_stoppedNode = -1;
        QVERIFY2(restarted.exitCode == 0, qPrintable(describe(restarted)));
        QCOMPARE(m_backend->clusterInfo().value().brokers.size(), size_t(3));
    }
};

QTEST_GUILESS_MAIN(TestKafkaOutage)
#include "tst_kafka_outage.moc"
