#pragma once

// A Kafka consumer over librdkafka's high-level KafkaConsumer: subscribe with group
// management (rebalances surface as ConsumerEvents) or manual assignment, explicit
// synchronous commits (auto-commit is off), seek, committed offsets.
//
// Thread: one thread at a time, as core/Backend.h says. librdkafka serves this handle's
// callbacks (rebalance, error) inside rd_kafka_consumer_poll(), i.e. on the polling
// thread, so m_pendingEvents, m_positions, m_assignment and the rest need no lock.
// wakeup() may be called from any thread: it sets the atomic m_wakeup and yields the
// consumer queue (rd_kafka_queue_yield is thread-safe); m_queueMutex keeps close() from
// destroying the queue under it. The log callback runs on
// librdkafka's internal threads and touches only the thread-safe BrokerErrorLog.

#include "core/Backend.h"
#include "kafka/KafkaCommon.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace tidemark::kafka {

class KafkaConsumer final : public Consumer {
public:
    // Creates the handle, then subscribes or assigns. Does not wait for the group join:
    // the first poll()s report the assignment as an Assigned event.
    static Result<std::unique_ptr<Consumer>> create(const KafkaProfile &profile, const ConsumerConfig &config,
                                                    std::shared_ptr<BrokerErrorLog> errors);
    ~KafkaConsumer() override;

    KafkaConsumer(const KafkaConsumer &) = delete;
    KafkaConsumer &operator=(const KafkaConsumer &) = delete;

    Result<PollResult> poll(int timeoutMs) override;
    Status commit() override;
    Status commit(const std::vector<std::pair<TopicPartition, qint64>> &offsets) override;
    std::vector<TopicPartition> assignment() const override;
    std::optional<qint64> position(const TopicPartition &tp) const override;
    Result<std::map<TopicPartition, qint64>> committed() override;
    Status seek(const TopicPartition &tp, qint64 offset) override;
    QString memberId() const override;
    int generation() const override;
    void wakeup() override;
    void close() override;
    void abandon() override;

private:
    KafkaConsumer(const KafkaProfile &profile, const ConsumerConfig &config, std::shared_ptr<BrokerErrorLog> errors);

    static void rebalanceCallback(rd_kafka_t *rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *partitions,
                                  void *opaque);
    static void errorCallback(rd_kafka_t *rk, int err, const char *reason, void *opaque);
    static void logCallback(const rd_kafka_t *rk, int level, const char *facility, const char *message);

    void onRebalance(rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *partitions);
    void onError(int err, const char *reason);
    // `message`: the text of an event without a reason (errors); story events (a reason) carry
    // data only, the app words them.
    void addEvent(ConsumerEvent::Kind kind, std::vector<TopicPartition> partitions, const QString &message,
                  ConsumerEvent::Reason reason = ConsumerEvent::Reason::None);
    Status commitList(rd_kafka_topic_partition_list_t *list, const std::map<TopicPartition, qint64> &offsets);
    Status usable() const;
    QString describe() const;
    const QString &topicName(rd_kafka_topic_t *rkt);
    void destroy(bool leaveGroup);

    KafkaProfile m_profile;
    ConsumerConfig m_config;
    std::shared_ptr<BrokerErrorLog> m_errors;
    rd_kafka_t *m_rk = nullptr;          // owned; destroyed by destroy()
    std::mutex m_queueMutex;             // guards m_queue against wakeup() from other threads
    rd_kafka_queue_t *m_queue = nullptr; // the consumer queue, for rd_kafka_queue_yield()
    std::atomic<bool> m_wakeup{false};
    bool m_closed = false;

    std::vector<ConsumerEvent> m_pendingEvents;
    std::vector<TopicPartition> m_assignment;
    std::map<TopicPartition, qint64> m_positions;     // next offset to read
    std::map<TopicPartition, qint64> m_lastCommitted; // what this member last committed
    std::vector<std::pair<const rd_kafka_topic_t *, QString>> m_topicNames;
};

// librdkafka keeps the group generation private; its serialized group metadata carries it.
// Returns -1 when not in a group or if the format is not the one we know.
int groupGeneration(rd_kafka_t *rk);

} // namespace tidemark::kafka
