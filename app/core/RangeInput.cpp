#include "core/RangeInput.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>

namespace tidemark {

Result<RangeBound> parseRangeBound(const QString &input, qint64 nowMs)
{
    const QString text = input.trimmed();
    RangeBound bound;
    if (text.isEmpty())
        return bound;
    bool ok = false;
    const qint64 offset = text.toLongLong(&ok);
    if (ok) {
        if (offset < 0)
            return Error(ErrorCode::InvalidArgument,
                         QCoreApplication::translate("tidemark::RangeInput", "an offset cannot be negative"));
        bound.offset = offset;
        return bound;
    }
    static const QRegularExpression relative(QStringLiteral("^-(\\d+)\\s*(s|m|h|d)$"));
    if (const auto m = relative.match(text); m.hasMatch()) {
        const qint64 n = m.captured(1).toLongLong();
        const QChar unit = m.captured(2).at(0);
        const qint64 ms = unit == QLatin1Char('s')   ? 1000
                          : unit == QLatin1Char('m') ? 60'000
                          : unit == QLatin1Char('h') ? 3'600'000
                                                     : 86'400'000;
        bound.timeMs = nowMs - n * ms;
        return bound;
    }
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs);
    for (const QString &format :
         {QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz"), QStringLiteral("yyyy-MM-dd hh:mm:ss"),
          QStringLiteral("yyyy-MM-dd hh:mm"), QStringLiteral("yyyy-MM-ddThh:mm:ss"), QStringLiteral("yyyy-MM-dd")}) {
        const QDateTime dt = QDateTime::fromString(text, format);
        if (dt.isValid()) {
            bound.timeMs = dt.toMSecsSinceEpoch();
            return bound;
        }
    }
    for (const QString &format : {QStringLiteral("hh:mm:ss.zzz"), QStringLiteral("hh:mm:ss"), QStringLiteral("hh:mm"),
                                  QStringLiteral("h:mm")}) {
        const QTime t = QTime::fromString(text, format);
        if (t.isValid()) {
            bound.timeMs = QDateTime(now.date(), t).toMSecsSinceEpoch();
            return bound;
        }
    }
    return Error(
        ErrorCode::InvalidArgument,
        QCoreApplication::translate("tidemark::RangeInput",
                                    "'%1' is not an offset (120), a time (2024-05-01 12:00, 12:30) or a span (-5m)")
            .arg(text));
}

} // namespace tidemark
