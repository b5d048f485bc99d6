#include "core/LagHistory.h"

#include "core/Lag.h"
#include "core/Partitioner.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QThreadPool>

#include <algorithm>
#include <cstring>
#include <set>

namespace tidemark {

namespace {

constexpr char kMagic[] = "TMLAGv1\n";
constexpr int kMagicSize = 8;
constexpr quint32 kMaxPayload = 64 * 1024 * 1024;
constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kTenMinutesMs = 600'000;

void putU32(QByteArray &out, quint32 v)
{
    char b[4];
    for (int i = 0; i < 4; ++i)
        b[i] = char((v >> (8 * i)) & 0xff);
    out.append(b, 4);
}

void putI64(QByteArray &out, qint64 v)
{
    char b[8];
    const quint64 u = quint64(v);
    for (int i = 0; i < 8; ++i)
        b[i] = char((u >> (8 * i)) & 0xff);
    out.append(b, 8);
}

void putString(QByteArray &out, const QString &s)
{
    const QByteArray utf8 = s.toUtf8();
    putU32(out, quint32(utf8.size()));
    out.append(utf8);
}

class Reader {
public:
    explicit Reader(const QByteArray &data) : m_data(data) {}
    bool u32(quint32 &v)
    {
        if (m_pos + 4 > m_data.size())
            return false;
        v = 0;
        for (int i = 0; i < 4; ++i)
            v |= quint32(quint8(m_data[m_pos + i])) << (8 * i);
        m_pos += 4;
        return true;
    }
    bool i64(qint64 &v)
    {
        if (m_pos + 8 > m_data.size())
            return false;
        quint64 u = 0;
        for (int i = 0; i < 8; ++i)
            u |= quint64(quint8(m_data[m_pos + i])) << (8 * i);
        v = qint64(u);
        m_pos += 8;
        return true;
    }
    bool string(QString &s)
    {
        quint32 n = 0;
        if (!u32(n) || m_pos + qsizetype(n) > m_data.size())
            return false;
        s = QString::fromUtf8(m_data.constData() + m_pos, qsizetype(n));
        m_pos += qsizetype(n);
        return true;
    }
    bool byte(char &c)
    {
        if (m_pos >= m_data.size())
            return false;
        c = m_data[m_pos++];
        return true;
    }
    bool atEnd() const { return m_pos == m_data.size(); }

private:
    const QByteArray &m_data;
    qsizetype m_pos = 0;
};

QByteArray seriesPayload(int id, const LagSeriesKey &key)
{
    QByteArray p;
    p.append('S');
    putU32(p, quint32(id));
    putString(p, key.group);
    putString(p, key.tp.topic);
    putU32(p, quint32(key.tp.partition));
    return p;
}

QByteArray tickPayload(qint64 timeMs, const std::vector<std::pair<int, LagValue>> &changes)
{
    QByteArray p;
    p.reserve(1 + 8 + 4 + qsizetype(changes.size()) * 20);
    p.append('T');
    putI64(p, timeMs);
    putU32(p, quint32(changes.size()));
    for (const auto &[id, v] : changes) {
        putU32(p, quint32(id));
        putI64(p, v.committed);
        putI64(p, v.logEnd);
    }
    return p;
}

QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')) &&
        !s.contains(QLatin1Char('\r')))
        return s;
    QString q = s;
    q.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

} // namespace

// ---- LagData ----

int LagData::idOf(const LagSeriesKey &key, QByteArray *declare)
{
    const auto it = m_ids.find(key);
    if (it != m_ids.end())
        return it->second;
    const int id = int(m_keys.size());
    m_keys.push_back(key);
    m_ids.emplace(key, id);
    m_points.emplace_back();
    if (declare)
        declare->append(LagFile::record(seriesPayload(id, key)));
    return id;
}

QByteArray LagData::add(qint64 timeMs, const std::map<LagSeriesKey, LagValue> &values)
{
    if (!m_ticks.empty() && timeMs <= m_ticks.back())
        return {};
    QByteArray out;
    std::vector<std::pair<int, LagValue>> changes;
    std::set<int> present;
    for (const auto &[key, value] : values) {
        const int id = idOf(key, &out);
        present.insert(id);
        auto &points = m_points[size_t(id)];
        if (points.empty() ? value == LagValue{} : points.back().value == value)
            continue;
        points.push_back(Point{timeMs, value});
        changes.emplace_back(id, value);
    }
    for (size_t id = 0; id < m_points.size(); ++id) {
        auto &points = m_points[id];
        if (present.count(int(id)) || points.empty() || points.back().value == LagValue{})
            continue;
        points.push_back(Point{timeMs, LagValue{}}); // gone: unknown from now on
        changes.emplace_back(int(id), LagValue{});
    }
    std::sort(changes.begin(), changes.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    m_ticks.push_back(timeMs);
    out.append(LagFile::record(tickPayload(timeMs, changes)));
    return out;
}

int LagData::compact(qint64 nowMs, const LagLimits &limits)
{
    // Which ticks stay: the last of each bucket (the sampling rate, a minute, ten minutes).
    std::vector<qint64> kept;
    kept.reserve(m_ticks.size());
    for (size_t i = 0; i < m_ticks.size(); ++i) {
        const qint64 t = m_ticks[i];
        const qint64 age = nowMs - t;
        if (age > limits.keepMs)
            continue;
        if (age <= limits.rawMs) {
            kept.push_back(t);
            continue;
        }
        const qint64 bucket = age <= limits.minuteMs ? kMinuteMs : kTenMinutesMs;
        const bool lastInBucket =
            i + 1 == m_ticks.size() || m_ticks[i + 1] / bucket != t / bucket || nowMs - m_ticks[i + 1] <= limits.rawMs;
        if (lastInBucket)
            kept.push_back(t);
    }
    int dropped = int(m_ticks.size() - kept.size());
    auto rebuild = [this](const std::vector<qint64> &ticks) {
        // Each series' value at each kept tick (carried forward), as change points again;
        // series with no known value left are forgotten.
        std::vector<LagSeriesKey> keys;
        std::vector<std::vector<Point>> points;
        for (size_t id = 0; id < m_keys.size(); ++id) {
            const auto &old = m_points[id];
            std::vector<Point> next;
            size_t j = 0;
            std::optional<LagValue> current;
            for (const qint64 t : ticks) {
                while (j < old.size() && old[j].timeMs <= t)
                    current = old[j++].value;
                if (!current)
                    continue;
                if (next.empty() ? !(*current == LagValue{}) : !(next.back().value == *current))
                    next.push_back(Point{t, *current});
            }
            const bool anyKnown =
                std::any_of(next.begin(), next.end(), [](const Point &p) { return !(p.value == LagValue{}); });
            if (!anyKnown)
                continue;
            keys.push_back(m_keys[id]);
            points.push_back(std::move(next));
        }
        m_ticks = ticks;
        m_keys = std::move(keys);
        m_points = std::move(points);
        m_ids.clear();
        for (size_t id = 0; id < m_keys.size(); ++id)
            m_ids.emplace(m_keys[id], int(id));
    };
    rebuild(kept);
    // The byte bound: drop the oldest tenth of the ticks until the file fits.
    while (!m_ticks.empty() && encode().size() > limits.maxBytes) {
        const size_t drop = std::max<size_t>(1, m_ticks.size() / 10);
        dropped += int(drop);
        rebuild(std::vector<qint64>(m_ticks.begin() + qsizetype(drop), m_ticks.end()));
    }
    return dropped;
}

QByteArray LagData::encode() const
{
    QByteArray out = LagFile::header();
    for (size_t id = 0; id < m_keys.size(); ++id)
        out.append(LagFile::record(seriesPayload(int(id), m_keys[id])));
    std::vector<size_t> next(m_points.size(), 0);
    for (const qint64 t : m_ticks) {
        std::vector<std::pair<int, LagValue>> changes;
        for (size_t id = 0; id < m_points.size(); ++id) {
            const auto &points = m_points[id];
            if (next[id] < points.size() && points[next[id]].timeMs == t)
                changes.emplace_back(int(id), points[next[id]++].value);
        }
        out.append(LagFile::record(tickPayload(t, changes)));
    }
    return out;
}

bool LagData::applyRecord(const QByteArray &payload)
{
    Reader r(payload);
    char type = 0;
    if (!r.byte(type))
        return false;
    if (type == 'S') {
        quint32 id = 0, partition = 0;
        LagSeriesKey key;
        if (!r.u32(id) || !r.string(key.group) || !r.string(key.tp.topic) || !r.u32(partition) || !r.atEnd())
            return false;
        key.tp.partition = int(partition);
        if (id != m_keys.size() || m_ids.count(key))
            return false;
        idOf(key, nullptr);
        return true;
    }
    if (type == 'T') {
        qint64 t = 0;
        quint32 n = 0;
        if (!r.i64(t) || !r.u32(n) || (!m_ticks.empty() && t <= m_ticks.back()))
            return false;
        std::vector<std::pair<quint32, LagValue>> changes;
        for (quint32 i = 0; i < n; ++i) {
            quint32 id = 0;
            LagValue v;
            if (!r.u32(id) || !r.i64(v.committed) || !r.i64(v.logEnd) || id >= m_keys.size())
                return false;
            changes.emplace_back(id, v);
        }
        if (!r.atEnd())
            return false;
        m_ticks.push_back(t);
        for (const auto &[id, v] : changes)
            m_points[id].push_back(Point{t, v});
        return true;
    }
    return false;
}

std::vector<QString> LagData::groups() const
{
    std::set<QString> out;
    for (const LagSeriesKey &k : m_keys)
        out.insert(k.group);
    return {out.begin(), out.end()};
}

std::optional<LagValue> LagData::valueAt(const LagSeriesKey &key, qint64 timeMs) const
{
    const auto it = m_ids.find(key);
    if (it == m_ids.end())
        return std::nullopt;
    const auto &points = m_points[size_t(it->second)];
    auto p =
        std::upper_bound(points.begin(), points.end(), timeMs, [](qint64 t, const Point &pt) { return t < pt.timeMs; });
    if (p == points.begin())
        return std::nullopt;
    return std::prev(p)->value;
}

std::vector<LagRow> LagData::rows(const QString &group, qint64 fromMs, qint64 toMs) const
{
    std::vector<int> ids;
    for (size_t id = 0; id < m_keys.size(); ++id)
        if (m_keys[id].group == group)
            ids.push_back(int(id));
    std::vector<LagRow> out;
    const auto first = std::lower_bound(m_ticks.begin(), m_ticks.end(), fromMs);
    for (auto t = first; t != m_ticks.end() && *t <= toMs; ++t) {
        LagRow row;
        row.timeMs = *t;
        for (const int id : ids) {
            const auto &points = m_points[size_t(id)];
            auto p = std::upper_bound(points.begin(), points.end(), *t,
                                      [](qint64 time, const Point &pt) { return time < pt.timeMs; });
            if (p == points.begin())
                continue;
            const LagValue v = std::prev(p)->value;
            const qint64 lag = partitionLag(v.logEnd, v.committed);
            if (lag < 0)
                continue;
            ++row.partitions;
            if (lag == 0)
                continue;
            row.lag += lag;
            // The first point whose log end passed the committed offset: the oldest unconsumed
            // record was written by then (log ends only grow, unless the topic was recreated).
            const auto written =
                std::find_if(points.begin(), p, [&](const Point &pt) { return pt.value.logEnd > v.committed; });
            const qint64 age = *t - written->timeMs;
            const bool lowerBound = written == points.begin(); // written before the series was first seen
            if (age > row.ageMs || (age == row.ageMs && lowerBound)) {
                row.ageMs = age;
                row.ageIsLowerBound = lowerBound;
            }
        }
        if (row.partitions > 0)
            out.push_back(row);
    }
    return out;
}

Result<qint64> LagData::exportTo(QIODevice &out, Format format, const QString &group) const
{
    qint64 lines = 0;
    auto put = [&](const QByteArray &line) { return out.write(line) == line.size(); };
    if (format == Format::Csv && !put("time,group,topic,partition,committed,log_end,lag\n"))
        return Error(ErrorCode::Io, out.errorString());
    std::vector<size_t> next(m_points.size(), 0);
    std::vector<std::optional<LagValue>> current(m_points.size());
    for (const qint64 t : m_ticks) {
        const QString time = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODateWithMs);
        for (size_t id = 0; id < m_points.size(); ++id) {
            const auto &points = m_points[id];
            while (next[id] < points.size() && points[next[id]].timeMs <= t)
                current[id] = points[next[id]++].value;
            const LagSeriesKey &key = m_keys[id];
            if (!current[id] || (!group.isEmpty() && key.group != group))
                continue;
            const LagValue v = *current[id];
            if (v.committed < 0 && v.logEnd < 0)
                continue;
            const qint64 lag = partitionLag(v.logEnd, v.committed);
            QByteArray line;
            if (format == Format::Csv) {
                line = QStringList{time,
                                   csvField(key.group),
                                   csvField(key.tp.topic),
                                   QString::number(key.tp.partition),
                                   QString::number(v.committed),
                                   QString::number(v.logEnd),
                                   QString::number(lag)}
                           .join(QLatin1Char(','))
                           .toUtf8();
            } else {
                QJsonObject o;
                o.insert(QStringLiteral("time"), time);
                o.insert(QStringLiteral("timeMs"), double(t));
                o.insert(QStringLiteral("group"), key.group);
                o.insert(QStringLiteral("topic"), key.tp.topic);
                o.insert(QStringLiteral("partition"), key.tp.partition);
                o.insert(QStringLiteral("committed"), double(v.committed));
                o.insert(QStringLiteral("logEnd"), double(v.logEnd));
                o.insert(QStringLiteral("lag"), double(lag));
                line = QJsonDocument(o).toJson(QJsonDocument::Compact);
            }
            line.append('\n');
            if (!put(line))
                return Error(ErrorCode::Io, out.errorString());
            ++lines;
        }
    }
    return lines;
}

LagTrend lagTrend(const std::vector<LagRow> &rows, qint64 windowMs)
{
    LagTrend trend;
    if (rows.empty())
        return trend;
    trend.lag = rows.back().lag;
    const qint64 end = rows.back().timeMs;
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (auto it = rows.rbegin(); it != rows.rend() && end - it->timeMs <= windowMs; ++it) {
        const double x = double(it->timeMs - end) / 1000.0;
        const double y = double(it->lag);
        n += 1;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    const double d = n * sxx - sx * sx;
    if (n < 2 || d <= 0)
        return trend;
    trend.known = true;
    trend.recordsPerSecond = (n * sxy - sx * sy) / d;
    if (trend.lag == 0)
        trend.catchUpAtMs = end;
    else if (trend.recordsPerSecond < 0)
        trend.catchUpAtMs = end + qint64(double(trend.lag) / -trend.recordsPerSecond * 1000.0);
    return trend;
}

// ---- LagFile ----

QByteArray LagFile::header() { return QByteArray(kMagic, kMagicSize); }

QByteArray LagFile::record(const QByteArray &payload)
{
    QByteArray out;
    out.reserve(8 + payload.size());
    putU32(out, quint32(payload.size()));
    putU32(out, crc32(payload.constData(), size_t(payload.size())));
    out.append(payload);
    return out;
}

LagLoad LagFile::load(const QString &path)
{
    LagLoad result;
    QFile file(path);
    if (!file.exists())
        return result;
    if (!file.open(QIODevice::ReadOnly)) {
        result.error =
            Error(ErrorCode::Io, QStringLiteral("cannot read the lag history %1: %2").arg(path, file.errorString()));
        return result;
    }
    const QByteArray all = file.readAll();
    if (all.size() < kMagicSize || std::memcmp(all.constData(), kMagic, kMagicSize) != 0) {
        if (all.isEmpty())
            return result;
        result.error =
            Error(ErrorCode::Corrupt, QStringLiteral("%1 is not a Tidemark lag history (no TMLAGv1 header)").arg(path));
        return result;
    }
    qsizetype pos = kMagicSize;
    while (pos < all.size()) {
        auto u32At = [&](qsizetype at) {
            quint32 v = 0;
            for (int i = 0; i < 4; ++i)
                v |= quint32(quint8(all[at + i])) << (8 * i);
            return v;
        };
        QString why;
        if (pos + 8 > all.size()) {
            why = QStringLiteral("a record header cut short");
        } else {
            const quint32 length = u32At(pos);
            const quint32 crc = u32At(pos + 4);
            if (length > kMaxPayload || pos + 8 + qsizetype(length) > all.size()) {
                why = QStringLiteral("a record cut short");
            } else {
                const QByteArray payload = all.mid(pos + 8, qsizetype(length));
                if (crc32(payload.constData(), size_t(payload.size())) != crc)
                    why = QStringLiteral("a checksum mismatch");
                else if (!result.data.applyRecord(payload))
                    why = QStringLiteral("a record that does not make sense");
                else {
                    pos += 8 + qsizetype(length);
                    continue;
                }
            }
        }
        result.report = QStringLiteral("lag history %1: %2 at byte %3; the last %4 bytes were dropped")
                            .arg(path, why)
                            .arg(pos)
                            .arg(all.size() - pos);
        break;
    }
    return result;
}

Status LagFile::append(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return Error(ErrorCode::Io,
                     QStringLiteral("cannot write the lag history %1: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.flush())
        return Error(ErrorCode::Io,
                     QStringLiteral("cannot write the lag history %1: %2").arg(path, file.errorString()));
    return {};
}

Status LagFile::rewrite(const QString &path, const QByteArray &bytes)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error(ErrorCode::Io, QStringLiteral("cannot create the folder of the lag history %1").arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error(ErrorCode::Io,
                     QStringLiteral("cannot write the lag history %1: %2").arg(path, file.errorString()));
    return {};
}

QString lagHistoryPath(const QString &directory, const ConnectionSpec &spec)
{
    QString kind;
    QString identity;
    if (spec.kind == ConnectionSpec::Kind::Local) {
        kind = QStringLiteral("local");
        const QString dir = spec.dataDirectory.isEmpty() ? defaultDataDirectory() : spec.dataDirectory;
        identity = QFileInfo(dir).absoluteFilePath();
    } else {
        kind = QStringLiteral("kafka");
        QStringList servers = spec.kafka.bootstrapServers.split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (QString &s : servers)
            s = s.trimmed();
        servers.sort();
        identity = servers.join(QLatin1Char(','));
    }
    const QByteArray hash = QCryptographicHash::hash(identity.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return QDir(directory).filePath(kind + QLatin1Char('-') + QString::fromLatin1(hash) + QStringLiteral(".lag"));
}

std::map<LagSeriesKey, LagValue> lagValuesOf(const std::vector<GroupInfo> &groups)
{
    std::map<LagSeriesKey, LagValue> out;
    for (const GroupInfo &g : groups)
        for (const GroupPartitionState &p : g.partitions)
            if (p.committed >= 0 || p.highWatermark >= 0)
                out[LagSeriesKey{g.groupId, p.tp}] = LagValue{p.committed, p.highWatermark};
    return out;
}

// ---- LagHistory ----

LagHistory::LagHistory(QString path, Clock clock, LagLimits limits, QObject *parent)
    : QObject(parent),
      m_path(std::move(path)),
      m_clock(std::move(clock)),
      m_limits(limits),
      m_worker(std::make_unique<QThreadPool>())
{
    m_worker->setMaxThreadCount(1);
    m_worker->setExpiryTimeout(-1);
    m_worker->start([this, path = m_path] {
        LagLoad load = LagFile::load(path);
        QMetaObject::invokeMethod(
            this, [this, load = std::move(load)]() mutable { onLoaded(std::move(load)); }, Qt::QueuedConnection);
    });
}

LagHistory::~LagHistory() { m_worker->waitForDone(); }

void LagHistory::flush() { m_worker->waitForDone(); }

void LagHistory::write(std::function<Status()> op)
{
    m_worker->start([this, op = std::move(op)] {
        const Status s = op();
        if (!s) {
            const QString message = s.error().message;
            QMetaObject::invokeMethod(
                this,
                [this, message] {
                    m_lastError = message;
                    emit problem(message);
                },
                Qt::QueuedConnection);
        }
    });
}

void LagHistory::onLoaded(LagLoad load)
{
    if (load.error) {
        // Unreadable or not ours: kept aside, never overwritten; a new history starts.
        m_loadReport = load.error->message;
        const QString aside = m_path + QStringLiteral(".unreadable");
        write([path = m_path, aside] {
            QFile::remove(aside);
            QFile::rename(path, aside);
            return Status{};
        });
    } else {
        m_loadReport = load.report;
        m_data = std::move(load.data);
    }
    m_loaded = true;
    for (auto &[t, values] : m_pending)
        m_data.add(t, values);
    m_pending.clear();
    compactAndRewrite(); // also cuts a torn tail off the file
    if (!m_loadReport.isEmpty())
        emit problem(m_loadReport);
    emit loaded();
    emit changed();
}

void LagHistory::record(const std::vector<GroupInfo> &groups)
{
    const qint64 now = m_clock();
    auto values = lagValuesOf(groups);
    if (!m_loaded) {
        if (m_pending.empty() || now > m_pending.back().first)
            m_pending.emplace_back(now, std::move(values));
        return;
    }
    addNow(now, values);
}

void LagHistory::addNow(qint64 timeMs, const std::map<LagSeriesKey, LagValue> &values)
{
    const QByteArray bytes = m_data.add(timeMs, values);
    if (bytes.isEmpty())
        return;
    m_appendedBytes += bytes.size();
    if (timeMs - m_lastCompactMs >= m_limits.compactEveryMs || m_appendedBytes > m_limits.maxBytes / 8)
        compactAndRewrite();
    else
        write([path = m_path, bytes] { return LagFile::append(path, bytes); });
    emit changed();
}

void LagHistory::compactAndRewrite()
{
    const qint64 now = m_clock();
    m_data.compact(now, m_limits);
    m_lastCompactMs = now;
    m_appendedBytes = 0;
    write([path = m_path, bytes = m_data.encode()] { return LagFile::rewrite(path, bytes); });
}

} // namespace tidemark
