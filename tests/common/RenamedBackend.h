#pragma once

// Forwards every call to another Backend and only changes displayName(), so screenshots of
// a real broker in a temporary directory show the same fixed path on every machine.
//
// It also notes every broker call made on the GUI thread while GuiThreadWatch is armed
// (calls of the Backend and of the Consumers it creates, their destructors included): the
// GUI thread must never wait on disk or network, so a test arms the watch while the app
// works and expects no call. The test's own checks (app.backend() from the test thread,
// which is the GUI thread) belong outside the armed span.
// Thread-safety: that of the wrapped backend; GuiThreadWatch is guarded by its mutex.

#include "core/Backend.h"
#include "core/GroupsInBulk.h"

#include <QCoreApplication>
#include <QStringList>
#include <QThread>

#include <atomic>
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
    Result<ClusterInfo> clusterInfo() override { return TIDEMARK_NOTE_CALL(), m_inner->clusterInfo(); }
    Result<std::vector<TopicInfo>> listTopics() override { return TIDEMARK_NOTE_CALL(), m_inner->listTopics(); }
    Result<TopicInfo> describeTopic(const QString &topic) override
    {
        return TIDEMARK_NOTE_CALL(), m_inner->describeTopic(topic);
    }
    Status createTopic(const TopicSpec &spec) override { return TIDEMARK_NOTE_CALL(), m_inner->createTopic(spec); }
    Status deleteTopic(const QString &topic) override { return TIDEMARK_NOTE_CALL(), m_inner->deleteTopic(topic); }
    Result<Watermarks> watermarks(const TopicPartition &tp) override
    {
        return TIDEMARK_NOTE_CALL(), m_inner->watermarks(tp);
    }
    Result<std::vector<DeliveryReport>> produce(const QString &topic, const std::vector<OutgoingRecord> &records,
                                                const ProduceOptions &options) override
    {
        return TIDEMARK_NOTE_CALL(), m_inner->produce(topic, records, options);
    }
    Result<std::vector<Record>> fetch(const TopicPartition &tp, qint64 offset, int maxRecords) override
    {
        return TIDEMARK_NOTE_CALL(), m_inner->fetch(tp, offset, maxRecords);
    }
    Result<std::vector<RecordSummary>> fetchSummaries(const TopicPartition &tp, qint64 offset, int maxRecords) override
    {
        return TIDEMARK_NOTE_CALL(), m_inner->fetchSummaries(tp, offset, maxRecords);
    }
    Result<qint64> offsetForTimestamp(const TopicPartition &tp, qint64 timestampMs) override
    {
        return TIDEMARK_NOTE_CALL(), m_inner->offsetForTimestamp(tp, timestampMs);
    }
    Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig &config) override
    {
        TIDEMARK_NOTE_CALL();
        auto consumer = m_inner->createConsumer(config);
        if (!consumer)
            return consumer.error();
        return std::unique_ptr<Consumer>(std::make_unique<WatchedConsumer>(std::move(*consumer)));
    }
    Result<std::vector<GroupInfo>> listGroups() override { return TIDEMARK_NOTE_CALL(), m_inner->listGroups(); }
    Result<GroupInfo> describeGroup(const QString &groupId) override
    {
        return TIDEMARK_NOTE_CALL(), m_inner->describeGroup(groupId);
    }
    // In bulk if the wrapped backend answers in bulk.
    Result<std::vector<GroupInfo>> describeGroups() override
    {
        return TIDEMARK_NOTE_CALL(), describeAllGroups(*m_inner);
    }
    Status resetGroupOffsets(const QString &groupId,
                             const std::vector<std::pair<TopicPartition, qint64>> &offsets) override
    {
        return TIDEMARK_NOTE_CALL(), m_inner->resetGroupOffsets(groupId, offsets);
    }

private:
    std::shared_ptr<Backend> m_inner;
    QString m_displayName;
};

} // namespace tidemark::test
