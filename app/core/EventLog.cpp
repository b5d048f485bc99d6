#include "core/EventLog.h"

#include <QCoreApplication>
#include <QStringList>

namespace tidemark {

QString commitLineText(const std::map<TopicPartition, qint64> &committed, int commits, const QString &reason)
{
    QStringList parts;
    for (const auto &[tp, offset] : committed)
        parts << QCoreApplication::translate("tidemark::EventLog", "%1 at %2").arg(tp.toString()).arg(offset);
    const QString offsets = parts.join(QStringLiteral(", "));
    QString text = reason.isEmpty()
                       ? QCoreApplication::translate("tidemark::EventLog", "committed %1").arg(offsets)
                       : QCoreApplication::translate("tidemark::EventLog", "committed %1 (%2)").arg(offsets, reason);
    if (commits > 1)
        text = QCoreApplication::translate("tidemark::EventLog", "%1 · %Ln commits", nullptr, commits).arg(text);
    return text;
}

} // namespace tidemark
