#pragma once

// The classic Kafka group coordinator (the protocol before KIP-848), for every group of one
// listener: JoinGroup, SyncGroup, Heartbeat, LeaveGroup with generations, session and
// rebalance timeouts, static members (group.instance.id), and the client-side assignors
// relayed as Kafka relays them (the broker picks the protocol every member supports, the
// leader computes the assignment, the broker hands each member its part). Committed offsets
// go to the built-in broker's group storage through GroupStorage, and so do the members
// (lease files) and every stable generation's assignment (state.json): see GroupStorage.h
// for what that gives and what it excludes (a group is either the Kafka clients' or the
// built-in broker's own consumers', never both).
//
// A group's life, as in Kafka's GroupCoordinator:
//   Empty -> PreparingRebalance (a member joins, leaves, changes its protocols or expires)
//   PreparingRebalance -> CompletingRebalance (every known member sent JoinGroup, or the
//       rebalance timeout passed: the silent ones are removed; generation + 1; the leader
//       gets the members' metadata)
//   CompletingRebalance -> Stable (the leader's SyncGroup brought the assignment)
//   any -> Empty (the last member left or expired)
// A member expires when no heartbeat (or other request of its own) came within its session
// timeout, unless it waits for its JoinGroup or SyncGroup answer.
//
// Threading: request methods run on the listener's handler threads and answer through their
// ReplyFn, at once or later (a JoinGroup waits for the rebalance; its reply then comes from
// another request's handler thread or from tick()). tick() runs on the listener's first
// network thread every kTickMs (a QTimer there). m_mutex guards all group state; storage I/O
// (commits, offset reads, entering a group) happens outside it, on the handler threads;
// state.json is written by m_writer (one thread, so generations are written in order).
// ReplyFns and events are called under m_mutex: both only queue. Lease files are touched
// and deleted under it (single system calls).

#include "kafkaserver/GroupStorage.h"
#include "kafkaserver/RequestContext.h"

#include <QString>
#include <QThreadPool>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>

namespace tidemark::kafkaserver {

namespace protocol {
struct JoinGroupRequest;
struct SyncGroupRequest;
struct HeartbeatRequest;
struct LeaveGroupRequest;
struct OffsetCommitRequest;
struct OffsetFetchRequest;
struct ListGroupsRequest;
struct DescribeGroupsRequest;
struct DeleteGroupsRequest;
struct OffsetDeleteRequest;
} // namespace protocol

class BrokerContext;

struct CoordinatorOptions {
    // Kafka's group.min/max.session.timeout.ms (Kafka: 6000 and 1800000). Low by default: a
    // learner's demo and the tests see a dead member go within a second or two.
    int minSessionTimeoutMs = 200;
    int maxSessionTimeoutMs = 1800000;
};

class GroupCoordinator {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr int kTickMs = 50;

    GroupCoordinator(BrokerContext &context, GroupStorage storage, CoordinatorOptions options);
    ~GroupCoordinator();
    GroupCoordinator(const GroupCoordinator &) = delete;
    GroupCoordinator &operator=(const GroupCoordinator &) = delete;

    void joinGroup(const RequestContext &rc, const protocol::JoinGroupRequest &request, ReplyFn reply);
    void syncGroup(const RequestContext &rc, const protocol::SyncGroupRequest &request, ReplyFn reply);
    void heartbeat(const RequestContext &rc, const protocol::HeartbeatRequest &request, ReplyFn reply);
    void leaveGroup(const RequestContext &rc, const protocol::LeaveGroupRequest &request, ReplyFn reply);
    void offsetCommit(const RequestContext &rc, const protocol::OffsetCommitRequest &request, ReplyFn reply);
    void offsetFetch(const RequestContext &rc, const protocol::OffsetFetchRequest &request, ReplyFn reply);
    void listGroups(const RequestContext &rc, const protocol::ListGroupsRequest &request, ReplyFn reply);
    void describeGroups(const RequestContext &rc, const protocol::DescribeGroupsRequest &request, ReplyFn reply);
    void deleteGroups(const RequestContext &rc, const protocol::DeleteGroupsRequest &request, ReplyFn reply);
    void offsetDelete(const RequestContext &rc, const protocol::OffsetDeleteRequest &request, ReplyFn reply);

    // Expires members and finishes rebalances whose timeout passed. Listener thread.
    void tick();

    // For tests and the app: members of a group in memory (0 if unknown).
    int memberCount(const QString &groupId) const;

private:
    struct Member;
    struct Group;
    enum class State { Empty, PreparingRebalance, CompletingRebalance, Stable };
    static QString stateName(State s);

    Group &groupLocked(const QString &groupId);
    void prepareRebalanceLocked(Group &g, const QString &reason);
    void maybeCompleteJoinLocked(Group &g, bool deadlinePassed);
    void removeMemberLocked(Group &g, const QString &memberId, const QString &why);
    void membersChangedLocked(Group &g, const QString &reason);
    void event(const QString &client, const QString &message);
    void publishLocked(const Group &g);
    bool isMember(const QString &groupId, const QString &memberId) const;
    QString coordinatorName() const;

    BrokerContext &m_context;
    GroupStorage m_storage;
    CoordinatorOptions m_options;
    mutable std::mutex m_mutex;
    std::map<QString, std::unique_ptr<Group>> m_groups; // guarded by m_mutex
    Clock::time_point m_lastTouch;                      // tick()'s lease heartbeat; m_mutex
    QThreadPool m_writer;                               // one thread: state.json writes, in order
};

} // namespace tidemark::kafkaserver
