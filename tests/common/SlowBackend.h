#pragma once

// A Backend for tests of the threading contract: every call sleeps `delayMs` (as a slow
// network would) and then answers with a small fixed topic list, or Unsupported.

#include "core/Backend.h"

#include <QThread>

#include <atomic>

namespace tidemark::test {

class SlowBackend final : public Backend {
public:
    explicit SlowBackend(int delayMs) : m_delayMs(delayMs) {}

    std::atomic<int> calls{0};
    std::atomic<void *> lastThread{nullptr};

    QString kind() const override { return QStringLiteral("fake"); }
    QString displayName() const override { return QStringLiteral("Fake: slow"); }

    Result<ClusterInfo> clusterInfo() override { return wait(ClusterInfo{QStringLiteral("fake"), {}, -1, {}}); }
    Result<std::vector<TopicInfo>> listTopics() override
    {
        TopicInfo t;
        t.name = QStringLiteral("orders");
        t.partitionCount = 3;
        return wait(std::vector<TopicInfo>{t});
    }
    Result<TopicInfo> describeTopic(const QString &) override { return unsupported<TopicInfo>(); }
    Status createTopic(const TopicSpec &) override { return unsupported<void>(); }
    Status deleteTopic(const QString &) override { return unsupported<void>(); }
    Result<Watermarks> watermarks(const TopicPartition &) override { return unsupported<Watermarks>(); }
    Result<std::vector<DeliveryReport>> produce(const QString &, const std::vector<OutgoingRecord> &,
                                                const ProduceOptions &) override
    {
        return unsupported<std::vector<DeliveryReport>>();
    }
    Result<std::vector<Record>> fetch(const TopicPartition &, qint64, int) override
    {
        return unsupported<std::vector<Record>>();
    }
    Result<qint64> offsetForTimestamp(const TopicPartition &, qint64) override { return unsupported<qint64>(); }
    Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig &) override
    {
        return unsupported<std::unique_ptr<Consumer>>();
    }
    Result<std::vector<GroupInfo>> listGroups() override { return unsupported<std::vector<GroupInfo>>(); }
    Result<GroupInfo> describeGroup(const QString &) override { return unsupported<GroupInfo>(); }
    Status resetGroupOffsets(const QString &, const std::vector<std::pair<TopicPartition, qint64>> &) override
    {
        return unsupported<void>();
    }

private:
    template <typename T>
    Result<T> wait(T value)
    {
        touch();
        return value;
    }
    template <typename T>
    Result<T> unsupported()
    {
        touch();
        return Error(ErrorCode::Unsupported, QStringLiteral("fake backend"));
    }
    void touch()
    {
        ++calls;
        lastThread = QThread::currentThread();
        QThread::msleep(static_cast<unsigned long>(m_delayMs));
    }
    int m_delayMs;
};

} // namespace tidemark::test
