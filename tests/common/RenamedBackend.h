#pragma once

// Forwards every call to another Backend and only changes displayName(), so screenshots of
// a real broker in a temporary directory show the same fixed path on every machine.
//
// It also notes every broker call made on the GUI thread while GuiThreadWatch is armed
// (calls of the Backend and of the Consumers it creates, their destructors included): the
// GUI thread must never wait on disk or network, so a test arms the watch while the app
// works and expects no call. The test's own checks (app.backend() from the test thread,
// which is the GUI thread) belong outside the armed span.
// It counts the calls it forwards (calls(), callsByName()), for tests that count what the app
// asks a real broker (tests/kafka/tst_state_kafka).
// Thread-safety: that of the wrapped backend; GuiThreadWatch and the counts are guarded by mutexes.

#include "core/Backend.h"
#include "core/GroupsInBulk.h"

#include <QCoreApplication>
#include <QStringList>
#include <QThread>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>

namespace tidemark::test {

class GuiThreadWatch {
public:
    static GuiThreadWatch &instance()
    {
        static GuiThreadWatch watch;
        return watch;
    }
    void arm()
    {
        std::lock_guard lock(m_mutex);
        m_calls.clear();
        m_armed = true;
    }
    // Disarms and returns the calls made on the GUI thread meanwhile.
    QStringList disarm()
    {
        std::lock_guard lock(m_mutex);
        m_armed = false;
        return m_calls;
    }
    void note(const char *call)
    {
        if (!m_armed.load() || !QCoreApplication::instance() ||
            QThread::currentThread() != QCoreApplication::instance()->thread())
            return;
        std::lock_guard lock(m_mutex);
        if (m_armed)
            m_calls << QString::fromLatin1(call);
    }

private:
    std::mutex m_mutex;
    std::atomic<bool> m_armed{false};
    QStringList m_calls; // guarded by m_mutex
};

#define TIDEMARK_NOTE_CALL() ::tidemark::test::GuiThreadWatch::instance().note(__func__)

class WatchedConsumer final : public Consumer {
public:
    explicit WatchedConsumer(std::unique_ptr<Consumer> inner) : m_inner(std::move(inner)) {}
    ~WatchedConsumer() override { GuiThreadWatch::instance().note("~Consumer"); }

    Result<PollResult> poll(int timeoutMs) override { return TIDEMARK_NOTE_CALL(), m_inner->poll(timeoutMs); }
    Status commit() override { return TIDEMARK_NOTE_CALL(), m_inner->commit(); }
    Status commit(const std::vector<std::pair<TopicPartition, qint64>> &offsets) override
    {
        return TIDEMARK_NOTE_CALL(), m_inner->commit(offsets);
    }
    std::vector<TopicPartition> assignment() const override { return m_inner->assignment(); }
    std::optional<qint64> position(const TopicPartition &tp) const override { return m_inner->position(tp); }
    Result<std::map<TopicPartition, qint64>> committed() override { return TIDEMARK_NOTE_CALL(), m_inner->committed(); }
    Status seek(const TopicPartition &tp, qint64 offset) override
    {
        return TIDEMARK_NOTE_CALL(), m_inner->seek(tp, offset);
    }
    QString memberId() const override { return m_inner->memberId(); }
    int generation() const override { return m_inner->generation(); }
    void wakeup() override { m_inner->wakeup(); } // non-blocking by contract, any thread
    void close() override { TIDEMARK_NOTE_CALL(), m_inner->close(); }
    void abandon() override { TIDEMARK_NOTE_CALL(), m_inner->abandon(); }

private:
    std::unique_ptr<Consumer> m_inner;
};

class RenamedBackend final : public Backend, public GroupsInBulk {
public:
    RenamedBackend(std::shared_ptr<Backend> inner, QString displayName)
        : m_inner(std::move(inner)), m_displayName(std::move(displayName))
    {}

    QString kind() const override { return m_inner->kind(); }
    QString displayName() const override { return m_displayName; }
    Result<ClusterInfo> clusterInfo() override { return counted(__func__), m_inner->clusterInfo(); }
    Result<std::vector<TopicInfo>> listTopics() override { return counted(__func__), m_inner->listTopics(); }
    Result<TopicInfo> describeTopic(const QString &topic) override
    {
        return counted(__func__), m_inner->describeTopic(topic);
    }
    Status createTopic(const TopicSpec &spec) override { return counted(__func__), m_inner->createTopic(spec); }
    Status deleteTopic(const QString &topic) override { return counted(__func__), m_inner->deleteTopic(topic); }
    Result<Watermarks> watermarks(const TopicPartition &tp) override
    {
        return counted(__func__), m_inner->watermarks(tp);
    }
    Result<std::vector<DeliveryReport>> produce(const QString &topic, const std::vector<OutgoingRecord> &records,
                                                const ProduceOptions &options) override
    {
        return counted(__func__), m_inner->produce(topic, records, options);
    }
    Result<std::vector<Record>> fetch(const TopicPartition &tp, qint64 offset, int maxRecords) override
    {
        return counted(__func__), m_inner->fetch(tp, offset, maxRecords);
    }
    Result<std::vector<RecordSummary>> fetchSummaries(const TopicPartition &tp, qint64 offset, int maxRecords) override
    {
        return counted(__func__), m_inner->fetchSummaries(tp, offset, maxRecords);
    }
    Result<qint64> offsetForTimestamp(const TopicPartition &tp, qint64 timestampMs) override
    {
        return counted(__func__), m_inner->offsetForTimestamp(tp, timestampMs);
    }
    Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig &config) override
    {
        counted(__func__);
        auto consumer = m_inner->createConsumer(config);
        if (!consumer)
            return consumer.error();
        return std::unique_ptr<Consumer>(std::make_unique<WatchedConsumer>(std::move(*consumer)));
    }
    Result<std::vector<GroupInfo>> listGroups() override { return counted(__func__), m_inner->listGroups(); }
    Result<GroupInfo> describeGroup(const QString &groupId) override
    {
        return counted(__func__), m_inner->describeGroup(groupId);
    }
    // In bulk if the wrapped backend answers in bulk. Counted as the calls it makes of the
    // wrapped backend: one on a backend that answers in bulk, else listGroups() and a
    // describeGroup() per group (a backend without GroupsInBulk).
    Result<std::vector<GroupInfo>> describeGroups() override
    {
        GuiThreadWatch::instance().note(__func__);
        qint64 made = 0;
        auto answer = describeAllGroups(*m_inner, &made);
        count(__func__, made);
        return answer;
    }
    Status resetGroupOffsets(const QString &groupId,
                             const std::vector<std::pair<TopicPartition, qint64>> &offsets) override
    {
        return counted(__func__), m_inner->resetGroupOffsets(groupId, offsets);
    }

    // Calls of the wrapped backend made through this one so far, from any thread (a test's
    // own calls through it included): in all, and by name.
    qint64 calls() const { return m_calls.load(); }
    std::map<QString, qint64> callsByName() const
    {
        std::lock_guard lock(m_countMutex);
        return m_byName;
    }

private:
    // Notes a call for GuiThreadWatch and counts it.
    void counted(const char *call)
    {
        GuiThreadWatch::instance().note(call);
        count(call, 1);
    }
    void count(const char *call, qint64 n)
    {
        m_calls += n;
        std::lock_guard lock(m_countMutex);
        m_byName[QString::fromLatin1(call)] += n;
    }

    std::shared_ptr<Backend> m_inner;
    QString m_displayName;
    std::atomic<qint64> m_calls{0};
    mutable std::mutex m_countMutex;
    std::map<QString, qint64> m_byName; // guarded by m_countMutex
};

} // namespace tidemark::test
