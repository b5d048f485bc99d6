#pragma once

// Who a consumer group member is, in the words a learner knows. The app's consumers are
// "<group> #<n>" and join with the client id "tidemark-<group>--<n>.<run>" (consumerClientId),
// where <run> is a token of the app's run (ConsumerManager makes one per run): a new run
// numbers its consumers from #1 again, and the group may still list the earlier run's billing
// #1 until its session expires; the token tells the two apart. A member id begins with its
// client id (both brokers make it "<client id>-<uuid>"). So a member is named after the in-app
// consumer it is now, or was before that consumer's restart (its earlier member ids,
// ConsumerStatus::earlierMemberIds), or one this app started in an earlier run (its client id
// says so, with another run's token or none), and by its client id only when it is some other
// program's.
//
// Pure functions of their arguments; any thread.

#include "core/ConsumerStatus.h"

#include <QString>

#include <vector>

namespace tidemark {

// The client id an in-app consumer joins its group with: "tidemark-billing--2.k3x9" for
// "billing #2" of the run "k3x9" ("tidemark-billing--2" without a run token). Kafka client
// ids are best kept to [A-Za-z0-9._-]; `runToken` is letters and digits.
QString consumerClientId(const QString &consumerId, const QString &runToken = {});

// The in-app consumer id ("billing #4") a member of `groupId` was started as, from its member
// id or client id ("tidemark-billing--4.k3x9-<uuid>", "tidemark-billing--4", of any run);
// empty if neither is one of this app's.
QString consumerIdOfMember(const QString &groupId, const QString &memberOrClientId);

// The name to show for a member of `groupId`: the consumer's id if it is one of `consumers`
// now (its member id, or, while it joins, its exact client id: ConsumerStatus::clientId);
// "billing #1 (before its restart)" for a membership one of them had before it was started
// again; "billing #4 (from an earlier run)" for one of this app's consumers of an earlier run
// (another run's token in its client id, whatever its number); else the client id (given, or
// read from the member id: clientIdOfMember), else the member id.
QString memberDisplayName(const std::vector<ConsumerStatus> &consumers, const QString &groupId, const QString &memberId,
                          const QString &clientId = {});

// The client id a member id begins with ("tidemark-cli" of "tidemark-cli-27758c1e-2698-4303-
// 8d30-f8ff609af41e": both brokers make member ids "<client id>-<uuid>"); empty if `memberId`
// does not end with a UUID. Another program's member is named by it, never by its UUID.
QString clientIdOfMember(const QString &memberId);

// The brief form of an earlier membership's name, where the whole one does not fit (a lane's
// header): "billing #2 (old)" for "billing #2 (before its restart)" and for "billing #2
// (from an earlier run)".
QString briefEarlierMemberName(const QString &consumerId);

// Whether `memberId` is an earlier membership of one of `consumers` (it was killed or stopped,
// then started again): that membership is over for the app, even while the group keeps it.
bool isEarlierMembership(const std::vector<ConsumerStatus> &consumers, const QString &memberId);

} // namespace tidemark
