#include "logbroker/TopicConfig.h"

namespace tidemark::logbroker {

QMap<QString, QString> TopicConfig::toMap() const
{
    QMap<QString, QString> m;
    m.insert(QStringLiteral("durability"), fsync ? QStringLiteral("fsync") : QStringLiteral("os"));
    m.insert(QStringLiteral("segment.bytes"), QString::number(segmentBytes));
    m.insert(QStringLiteral("retention.bytes"), QString::number(retentionBytes));
    m.insert(QStringLiteral("retention.ms"), QString::number(retentionMs));
    return m;
}

Result<TopicConfig> TopicConfig::fromMap(const QMap<QString, QString> &configs)
{
    TopicConfig c;
    for (auto it = configs.begin(); it != configs.end(); ++it) {
        const QString &name = it.key();
        const QString value = it.value().trimmed();
        auto number = [&](qint64 min, qint64 max, qint64 &out) -> Status {
            bool ok = false;
            const qint64 v = value.toLongLong(&ok);
            if (!ok || v < min || v > max)
                return Error(ErrorCode::InvalidArgument,
                             QStringLiteral("config '%1' must be an integer from %2 to %3, not '%4'")
                                 .arg(name)
                                 .arg(min)
                                 .arg(max)
                                 .arg(value));
            out = v;
            return {};
        };
        Status s;
        if (name == QLatin1String("durability")) {
            if (value == QLatin1String("fsync"))
                c.fsync = true;
            else if (value == QLatin1String("os"))
                c.fsync = false;
            else
                s = Error(ErrorCode::InvalidArgument,
                          QStringLiteral("config 'durability' must be 'fsync' or 'os', not '%1'").arg(value));
        } else if (name == QLatin1String("segment.bytes")) {
            s = number(kMinSegmentBytes, kMaxSegmentBytes, c.segmentBytes);
        } else if (name == QLatin1String("retention.bytes")) {
            s = number(-1, std::numeric_limits<qint64>::max(), c.retentionBytes);
        } else if (name == QLatin1String("retention.ms")) {
            s = number(-1, std::numeric_limits<qint64>::max(), c.retentionMs);
        } else {
            s = Error(ErrorCode::InvalidArgument,
                      QStringLiteral("unknown topic config '%1' (the local broker knows durability, segment.bytes, "
                                     "retention.bytes, retention.ms)")
                          .arg(name));
        }
        if (!s)
            return s.error();
    }
    return c;
}

} // namespace tidemark::logbroker
