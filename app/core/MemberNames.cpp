#include "core/MemberNames.h"

#include <QCoreApplication>

namespace tidemark {

QString consumerClientId(const QString &consumerId, const QString &runToken)
{
    QString id = QStringLiteral("tidemark-");
    for (const QChar c : consumerId)
        id += (c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('_') || c == QLatin1Char('-'))
                  ? c
                  : QLatin1Char('-');
    if (!runToken.isEmpty())
        id += QLatin1Char('.') + runToken;
    return id;
}

QString consumerIdOfMember(const QString &groupId, const QString &memberOrClientId)
{
    // "tidemark-billing--" then the number, then ".<run token>" or not, then the end or "-<uuid>".
    const QString prefix = consumerClientId(groupId + QStringLiteral(" #"));
    if (groupId.isEmpty() || !memberOrClientId.startsWith(prefix))
        return {};
    qsizetype end = prefix.size();
    while (end < memberOrClientId.size() && memberOrClientId.at(end).isDigit() &&
           memberOrClientId.at(end).unicode() < 128)
        ++end;
    const qsizetype digitsEnd = end;
    if (end == prefix.size())
        return {};
    if (end < memberOrClientId.size() && memberOrClientId.at(end) == QLatin1Char('.')) {
        const qsizetype token = ++end;
        while (end < memberOrClientId.size() && memberOrClientId.at(end).unicode() < 128 &&
               memberOrClientId.at(end).isLetterOrNumber())
            ++end;
        if (end == token)
            return {};
    }
    if (end < memberOrClientId.size() && memberOrClientId.at(end) != QLatin1Char('-'))
        return {};
    return groupId + QStringLiteral(" #") + memberOrClientId.mid(prefix.size(), digitsEnd - prefix.size());
}

QString clientIdOfMember(const QString &memberId)
{
    // "-" then 8-4-4-4-12 hex digits at the end, after a client id of at least one character.
    static constexpr qsizetype kUuid = 36;
    if (memberId.size() < kUuid + 2 || memberId.at(memberId.size() - kUuid - 1) != QLatin1Char('-'))
        return {};
    const QStringView uuid = QStringView(memberId).right(kUuid);
    for (qsizetype i = 0; i < kUuid; ++i) {
        const char16_t c = uuid.at(i).unicode();
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        const bool hex = (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
        if (dash ? c != u'-' : !hex)
            return {};
    }
    return memberId.left(memberId.size() - kUuid - 1);
}

QString briefEarlierMemberName(const QString &consumerId)
{
    return QCoreApplication::translate("tidemark::MemberNames", "%1 (old)",
                                       "brief: a membership of the group that is over for the app (before a "
                                       "restart, or from an earlier run of the app)")
        .arg(consumerId);
}

bool isEarlierMembership(const std::vector<ConsumerStatus> &consumers, const QString &memberId)
{
    if (memberId.isEmpty())
        return false;
    for (const ConsumerStatus &c : consumers)
        if (c.memberId != memberId && c.earlierMemberIds.contains(memberId))
            return true;
    return false;
}

QString memberDisplayName(const std::vector<ConsumerStatus> &consumers, const QString &groupId, const QString &memberId,
                          const QString &clientId)
{
    if (!memberId.isEmpty()) {
        for (const ConsumerStatus &c : consumers)
            if (c.groupId == groupId && c.memberId == memberId)
                return c.consumerId;
        for (const ConsumerStatus &c : consumers)
            if (c.groupId == groupId && c.earlierMemberIds.contains(memberId))
                return QCoreApplication::translate("tidemark::MemberNames", "%1 (before its restart)",
                                                   "a consumer's membership of the group before it was started again")
                    .arg(c.consumerId);
    }
    QString id = consumerIdOfMember(groupId, clientId);
    if (id.isEmpty())
        id = consumerIdOfMember(groupId, memberId);
    for (const ConsumerStatus &c : consumers) {
        if (id.isEmpty() || c.consumerId != id || !c.isActive() || !c.memberId.isEmpty())
            continue;
        // It joined; its runner has not reported the new member id yet. Only if it is this
        // very client: an earlier run's "billing #1" has the same number, not the same id.
        const QString own = c.clientId.isEmpty() ? consumerClientId(c.consumerId) : c.clientId;
        if (clientId == own || memberId.startsWith(own + QLatin1Char('-')))
            return id;
    }
    if (!id.isEmpty())
        return QCoreApplication::translate("tidemark::MemberNames", "%1 (from an earlier run)",
                                           "a consumer this app started before it was restarted")
            .arg(id);
    if (!clientId.isEmpty())
        return clientId;
    const QString ofMember = clientIdOfMember(memberId);
    return ofMember.isEmpty() ? memberId : ofMember;
}

} // namespace tidemark
