#include "kafka/KafkaGroups.h"

#include "core/Lag.h"

#include "kafka/KafkaConnection.h"
#include "kafka/KafkaConsumer.h"
#include "kafka/KafkaReader.h"

#include <algorithm>
#include <map>
#include <set>

namespace tidemark::kafka {

Result<std::unique_ptr<Consumer>> KafkaGroups::createConsumer(const ConsumerConfig &config)
{
    // Fail fast and clearly on a missing topic instead of a consumer that waits forever.
    if (!config.topics.isEmpty() || !config.assignment.empty()) {
        auto md = m_connection.metadata(nullptr, QStringLiteral("starting a consumer"));
        if (!md)
            return md.error();
        for (const QString &topic : config.topics) {
            if (topic.startsWith(QLatin1Char('^'))) // a regex subscription
                continue;
            if (auto t = m_connection.findTopic(md->get(), topic); !t)
                return t.error();
        }
        for (const auto &[tp, offset] : config.assignment) {
            if (auto t = m_connection.checkPartition(md->get(), tp); !t)
                return t.error();
        }
    }
    return KafkaConsumer::create(m_connection.profile(), config, m_connection.sharedErrors());
}

namespace {
QString groupState(rd_kafka_consumer_group_state_t state)
{
    return QString::fromUtf8(rd_kafka_consumer_group_state_name(state));
}
} // namespace

Result<std::vector<GroupInfo>> KafkaGroups::describeGroups(const std::vector<QByteArray> &ids, const QString &what)
{
    std::vector<GroupInfo> out;
    if (ids.empty())
        return out;
    std::vector<const char *> names;
    for (const auto &id : ids)
        names.push_back(id.constData());
    auto event = m_connection.runAdmin(RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, what,
                                       [&](rd_kafka_t *rk, const rd_kafka_AdminOptions_t *o, rd_kafka_queue_t *q) {
                                           rd_kafka_DescribeConsumerGroups(rk, names.data(), names.size(), o, q);
                                       });
    if (!event)
        return event.error();
    size_t count = 0;
    const rd_kafka_ConsumerGroupDescription_t **groups = rd_kafka_DescribeConsumerGroups_result_groups(
        rd_kafka_event_DescribeConsumerGroups_result(event->get()), &count);
    for (size_t i = 0; i < count; ++i) {
        const auto *g = groups[i];
        GroupInfo info;
        info.groupId = fromUtf8(rd_kafka_ConsumerGroupDescription_group_id(g));
        if (const rd_kafka_error_t *e = rd_kafka_ConsumerGroupDescription_error(g)) {
            const rd_kafka_resp_err_t code = rd_kafka_error_code(e);
            if (code == RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND) {
                info.state = QStringLiteral("Dead");
                out.push_back(std::move(info));
                continue;
            }
            return Error(mapErrorCode(code),
                         QStringLiteral("%1 on %2: %3")
                             .arg(what, m_connection.clusterName(), fromUtf8(rd_kafka_error_string(e))));
        }
        info.state = groupState(rd_kafka_ConsumerGroupDescription_state(g));
        info.protocol = fromUtf8(rd_kafka_ConsumerGroupDescription_partition_assignor(g));
        const size_t members = rd_kafka_ConsumerGroupDescription_member_count(g);
        for (size_t m = 0; m < members; ++m) {
            const auto *member = rd_kafka_ConsumerGroupDescription_member(g, m);
            GroupMember gm;
            gm.memberId = fromUtf8(rd_kafka_MemberDescription_consumer_id(member));
            gm.clientId = fromUtf8(rd_kafka_MemberDescription_client_id(member));
            gm.host = fromUtf8(rd_kafka_MemberDescription_host(member));
            if (gm.host.startsWith(QLatin1Char('/')))
                gm.host.remove(0, 1);
            if (const auto *assignment = rd_kafka_MemberDescription_assignment(member)) {
                const auto *parts = rd_kafka_MemberAssignment_partitions(assignment);
                for (int p = 0; parts && p < parts->cnt; ++p)
                    gm.assignment.push_back(
                        {fromUtf8(parts->elems[p].topic), static_cast<int>(parts->elems[p].partition)});
                std::sort(gm.assignment.begin(), gm.assignment.end());
            }
            info.members.push_back(std::move(gm));
        }
        std::sort(info.members.begin(), info.members.end(),
                  [](const auto &a, const auto &b) { return a.memberId < b.memberId; });
        out.push_back(std::move(info));
    }
    return out;
}

Result<std::vector<GroupInfo>> KafkaGroups::listGroups()
{
    const QString what = QStringLiteral("listing consumer groups");
    auto event = m_connection.runAdmin(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS, what,
                                       [](rd_kafka_t *rk, const rd_kafka_AdminOptions_t *o, rd_kafka_queue_t *q) {
                                           rd_kafka_ListConsumerGroups(rk, o, q);
                                       });
    if (!event)
        return event.error();
    const auto *result = rd_kafka_event_ListConsumerGroups_result(event->get());
    size_t valid = 0, failed = 0;
    const rd_kafka_ConsumerGroupListing_t **listings = rd_kafka_ListConsumerGroups_result_valid(result, &valid);
    const rd_kafka_error_t **errors = rd_kafka_ListConsumerGroups_result_errors(result, &failed);
    if (valid == 0 && failed > 0)
        return Error(mapErrorCode(rd_kafka_error_code(errors[0])),
                     QStringLiteral("%1 on %2: %3")
                         .arg(what, m_connection.clusterName(), fromUtf8(rd_kafka_error_string(errors[0]))));
    std::vector<QByteArray> ids;
    for (size_t i = 0; i < valid; ++i)
        ids.push_back(QByteArray(rd_kafka_ConsumerGroupListing_group_id(listings[i])));
    std::sort(ids.begin(), ids.end());
    auto groups = describeGroups(ids, what);
    if (!groups)
        return groups.error();
    std::erase_if(*groups, [](const GroupInfo &g) { return g.state == QLatin1String("Dead"); });
    std::sort(groups->begin(), groups->end(), [](const auto &a, const auto &b) { return a.groupId < b.groupId; });
    return groups;
}

Result<std::map<TopicPartition, qint64>> KafkaGroups::committedOffsets(const QByteArray &id, const QString &what)
{
    // ListConsumerGroupOffsets: librdkafka takes one group per request.
    auto event = m_connection.runAdmin(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, what,
                                       [&](rd_kafka_t *rk, const rd_kafka_AdminOptions_t *o, rd_kafka_queue_t *q) {
                                           rd_kafka_ListConsumerGroupOffsets_t *req =
                                               rd_kafka_ListConsumerGroupOffsets_new(id.constData(), nullptr);
                                           rd_kafka_ListConsumerGroupOffsets(rk, &req, 1, o, q);
                                           rd_kafka_ListConsumerGroupOffsets_destroy(req);
                                       });
    if (!event)
        return event.error();
    std::map<TopicPartition, qint64> committed;
    size_t count = 0;
    const rd_kafka_group_result_t **results = rd_kafka_ListConsumerGroupOffsets_result_groups(
        rd_kafka_event_ListConsumerGroupOffsets_result(event->get()), &count);
    for (size_t i = 0; i < count; ++i) {
        if (const rd_kafka_error_t *e = rd_kafka_group_result_error(results[i]))
            return Error(mapErrorCode(rd_kafka_error_code(e)),
                         QStringLiteral("%1 on %2: %3")
                             .arg(what, m_connection.clusterName(), fromUtf8(rd_kafka_error_string(e))));
        const auto *parts = rd_kafka_group_result_partitions(results[i]);
        for (int p = 0; parts && p < parts->cnt; ++p) {
            const auto &e = parts->elems[p];
            if (!e.err && e.offset >= 0)
                committed[{fromUtf8(e.topic), static_cast<int>(e.partition)}] = e.offset;
        }
    }
    return committed;
}

namespace {

// A group the cluster only remembers by name: describeGroup() says it does not exist.
bool isGone(const GroupInfo &info, const std::map<TopicPartition, qint64> &committed)
{
    return info.state == QLatin1String("Dead") || (info.members.empty() && committed.empty() &&
                                                   info.state == QLatin1String("Empty") && info.protocol.isEmpty());
}

// The partitions a group commits to or is assigned (sorted), for its watermarks.
std::set<TopicPartition> partitionsOf(const GroupInfo &info, const std::map<TopicPartition, qint64> &committed)
{
    std::set<TopicPartition> all;
    for (const auto &[tp, offset] : committed)
        all.insert(tp);
    for (const auto &m : info.members)
        all.insert(m.assignment.begin(), m.assignment.end());
    return all;
}

// Fills info.partitions: committed offset, log ends, lag and owner of each partition.
void fillPartitions(GroupInfo &info, const std::map<TopicPartition, qint64> &committed,
                    const std::map<TopicPartition, Watermarks> &marks)
{
    std::map<TopicPartition, QString> owners;
    for (const auto &m : info.members) {
        for (const auto &tp : m.assignment)
            owners[tp] = m.memberId;
    }
    for (const TopicPartition &tp : partitionsOf(info, committed)) {
        GroupPartitionState s;
        s.tp = tp;
        if (const auto c = committed.find(tp); c != committed.end())
            s.committed = c->second;
        if (const auto w = marks.find(tp); w != marks.end()) {
            s.logStartOffset = w->second.low;
            s.highWatermark = w->second.high;
            if (s.committed >= 0)
                s.lag = partitionLag(s.highWatermark, s.committed);
        }
        if (const auto o = owners.find(tp); o != owners.end())
            s.ownerMemberId = o->second;
        info.partitions.push_back(std::move(s));
    }
}

} // namespace

Result<GroupInfo> KafkaGroups::describeGroup(const QString &groupId)
{
    const QString what = QStringLiteral("describing consumer group '%1'").arg(groupId);
    const QByteArray id = utf8(groupId);
    auto groups = describeGroups({id}, what);
    if (!groups)
        return groups.error();
    if (groups->empty())
        return Error(
            ErrorCode::NotFound,
            QStringLiteral("consumer group '%1' does not exist on %2").arg(groupId, m_connection.clusterName()));
    GroupInfo info = std::move(groups->front());
    auto committed = committedOffsets(id, what);
    if (!committed)
        return committed.error();
    if (isGone(info, *committed))
        return Error(
            ErrorCode::NotFound,
            QStringLiteral("consumer group '%1' does not exist on %2").arg(groupId, m_connection.clusterName()));
    const std::set<TopicPartition> all = partitionsOf(info, *committed);
    // Watermarks need the topics in this client's metadata cache.
    (void)m_connection.metadata(nullptr, what);
    const auto marks = m_reader.watermarksOf(std::vector<TopicPartition>(all.begin(), all.end()),
                                             m_connection.profile().requestTimeoutMs);
    fillPartitions(info, *committed, marks);
    return info;
}

Result<std::vector<GroupInfo>> KafkaGroups::describeAll()
{
    const QString what = QStringLiteral("describing every consumer group");
    // One ListConsumerGroups and one DescribeConsumerGroups of them all.
    auto groups = listGroups();
    if (!groups)
        return groups.error();
    // Their committed offsets (one request per group), then one metadata request and the
    // watermarks of every partition they touch, in one go.
    std::vector<std::map<TopicPartition, qint64>> committed;
    committed.reserve(groups->size());
    std::set<TopicPartition> all;
    for (const GroupInfo &g : *groups) {
        auto offsets = committedOffsets(utf8(g.groupId), what);
        if (!offsets) {
            if (offsets.error().code != ErrorCode::NotFound)
                return offsets.error();
            offsets = std::map<TopicPartition, qint64>{}; // gone meanwhile
        }
        const std::set<TopicPartition> touched = partitionsOf(g, *offsets);
        all.insert(touched.begin(), touched.end());
        committed.push_back(std::move(*offsets));
    }
    (void)m_connection.metadata(nullptr, what);
    const auto marks = m_reader.watermarksOf(std::vector<TopicPartition>(all.begin(), all.end()),
                                             m_connection.profile().requestTimeoutMs);
    std::vector<GroupInfo> out;
    out.reserve(groups->size());
    for (size_t i = 0; i < groups->size(); ++i) {
        GroupInfo &g = (*groups)[i];
        if (isGone(g, committed[i]))
            continue; // as describeGroup(): it does not exist
        fillPartitions(g, committed[i], marks);
        out.push_back(std::move(g));
    }
    return out;
}

Status KafkaGroups::resetGroupOffsets(const QString &groupId,
                                      const std::vector<std::pair<TopicPartition, qint64>> &offsets)
{
    const QString what = QStringLiteral("resetting the offsets of consumer group '%1'").arg(groupId);
    if (offsets.empty())
        return {};
    const QByteArray id = utf8(groupId);
    auto groups = describeGroups({id}, what);
    if (!groups)
        return groups.error();
    if (!groups->empty() && !groups->front().members.empty())
        return Error(ErrorCode::Conflict,
                     QStringLiteral("consumer group '%1' has %2 active member(s); Kafka only resets the offsets of an "
                                    "inactive group: stop its consumers first")
                         .arg(groupId)
                         .arg(groups->front().members.size()));
    for (const auto &[tp, offset] : offsets) {
        if (offset < 0)
            return Error(
                ErrorCode::InvalidArgument,
                QStringLiteral("cannot reset %1 to offset %2: offsets are >= 0").arg(tp.toString()).arg(offset));
    }
    ListPtr list = newList(static_cast<int>(offsets.size()));
    for (const auto &[tp, offset] : offsets)
        addOffset(list.get(), tp, offset);
    auto event = m_connection.runAdmin(RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS, what,
                                       [&](rd_kafka_t *rk, const rd_kafka_AdminOptions_t *o, rd_kafka_queue_t *q) {
                                           rd_kafka_AlterConsumerGroupOffsets_t *req =
                                               rd_kafka_AlterConsumerGroupOffsets_new(id.constData(), list.get());
                                           rd_kafka_AlterConsumerGroupOffsets(rk, &req, 1, o, q);
                                           rd_kafka_AlterConsumerGroupOffsets_destroy(req);
                                       });
    if (!event)
        return event.error();
    size_t count = 0;
    const rd_kafka_group_result_t **results = rd_kafka_AlterConsumerGroupOffsets_result_groups(
        rd_kafka_event_AlterConsumerGroupOffsets_result(event->get()), &count);
    QStringList failures;
    rd_kafka_resp_err_t first = RD_KAFKA_RESP_ERR_NO_ERROR;
    for (size_t i = 0; i < count; ++i) {
        if (const rd_kafka_error_t *e = rd_kafka_group_result_error(results[i])) {
            failures << fromUtf8(rd_kafka_error_string(e));
            first = rd_kafka_error_code(e);
        }
        const auto *parts = rd_kafka_group_result_partitions(results[i]);
        for (int p = 0; parts && p < parts->cnt; ++p) {
            const auto &e = parts->elems[p];
            if (e.err) {
                failures << QStringLiteral("%1[%2]: %3").arg(fromUtf8(e.topic)).arg(e.partition).arg(errorText(e.err));
                if (!first)
                    first = e.err;
            }
        }
    }
    if (!failures.isEmpty())
        return Error(mapErrorCode(first),
                     QStringLiteral("%1 on %2 failed: %3")
                         .arg(what, m_connection.clusterName(), failures.join(QStringLiteral("; "))));
    return {};
}

} // namespace tidemark::kafka
