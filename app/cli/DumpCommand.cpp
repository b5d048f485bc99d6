// tidemark-cli dump --data DIR --topic T --partition P [--hex] [--index]
//
// Prints, for each segment file of the partition, oldest first:
//   segment 00000000000000000000.log  4711 bytes  (index 1 entries, timeindex 1 entries)
//     byte 0  offset 0  243 bytes  crc 5c1d0e3a ok  2024-10-21T11:52:13.000Z  key "00001"  value {...}
//     byte 243  CORRUPT  expected offset 1: CRC mismatch (stored 0x..., computed 0x...)
//   ... and what the partition head says. Exit code 0 if every frame is sound, 1 if any is
// corrupt (or a file cannot be read), 2 for usage errors.

#include "cli/DumpCommand.h"

#include "cli/CliCommon.h"

#ifndef TIDEMARK_HAVE_LOGBROKER

namespace tidemark::cli {

int runDump(const QStringList &)
{
    printErr(QStringLiteral("dump: the built-in broker is not part of this build"));
    return ExitFailure;
}

} // namespace tidemark::cli

#else

#include "core/ConnectionProfile.h"
#include "logbroker/LogStore.h"
#include "logbroker/PartitionHead.h"
#include "logbroker/PartitionLog.h"
#include "logbroker/RecordFormat.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>
#include <QtEndian>

namespace tidemark::cli {

using namespace tidemark::logbroker;

namespace {

QString isoTime(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs); }

// Text as is when it is printable UTF-8, otherwise C-style escapes, so one frame is one line.
QString printable(const char *data, qint64 length)
{
    const QByteArray bytes(data, static_cast<qsizetype>(length));
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    bool clean = !decoder.hasError();
    for (QChar c : text)
        clean = clean && (c.isPrint() || c == QLatin1Char(' '));
    if (clean)
        return text;
    QString out;
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\\')
            out += QStringLiteral("\\\\");
        else if (c >= 0x20 && c < 0x7F)
            out += QLatin1Char(static_cast<char>(c));
        else
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
    }
    return out;
}

QString hexDump(const char *data, qint64 length, qint64 filePosition)
{
    QString out;
    for (qint64 row = 0; row < length; row += 16) {
        out += QStringLiteral("        %1 ").arg(filePosition + row, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qint64 i = row; i < row + 16; ++i) {
            if (i < length) {
                const auto c = static_cast<unsigned char>(data[i]);
                out += QStringLiteral(" %1").arg(c, 2, 16, QLatin1Char('0'));
                ascii += (c >= 0x20 && c < 0x7F) ? QLatin1Char(static_cast<char>(c)) : QLatin1Char('.');
            } else {
                out += QStringLiteral("   ");
            }
        }
        out += QStringLiteral("  |") + ascii + QStringLiteral("|\n");
    }
    return out;
}

QString headLine(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("head: %1 cannot be read (%2)\n").arg(path, f.errorString());
    HeadState h;
    switch (PartitionHead::parse(f.read(4096), h)) {
    case HeadLoad::Uninitialized: return QStringLiteral("head: %1 is empty or not a partition head\n").arg(path);
    case HeadLoad::Corrupt: return QStringLiteral("head: %1 fails its CRC check\n").arg(path);
    case HeadLoad::Busy: return QStringLiteral("head: %1 is being updated (or its writer died mid-update)\n").arg(path);
    case HeadLoad::Ok: break;
    }
    QString line = QStringLiteral("head: log start offset %1, high watermark %2, active segment %3 (%4 bytes visible, "
                                  "%5 written)")
                       .arg(h.logStartOffset)
                       .arg(h.visibleNext)
                       .arg(segmentFileName(h.activeBase, "log"))
                       .arg(h.visibleEnd)
                       .arg(h.writtenEnd);
    if (h.writtenNext != h.visibleNext)
        line += QStringLiteral(", next offset to assign %1 (awaiting fsync)").arg(h.writtenNext);
    if (h.pendingEnd != h.writtenEnd)
        line += QStringLiteral(", an append or roll is in flight (or its writer died)");
    if (h.deleted())
        line += QStringLiteral(", topic marked deleted");
    return line + QLatin1Char('\n');
}

struct DumpTotals {
    qint64 frames = 0;
    qint64 corrupt = 0;
};

// Finds the next position after `from` that holds a whole, CRC-valid frame with an offset
// above `after`; -1 if none.
qint64 resync(const char *data, qint64 size, qint64 from, qint64 after)
{
    for (qint64 p = from; p + kFramePrefixSize + kFrameMinLength <= size; ++p) {
        qint64 offset = 0;
        qint32 length = 0;
        if (peekFrame(data + p, size - p, offset, length) != FrameStatus::Ok || offset <= after)
            continue;
        FrameView frame;
        if (decodeFrame(data + p, size - p, frame) == FrameStatus::Ok)
            return p;
    }
    return -1;
}

QString dumpSegment(const QString &path, qint64 base, bool hex, DumpTotals &totals)
{
    QString out;
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ++totals.corrupt;
        return QStringLiteral("segment %1: cannot be read: %2\n").arg(name, file.errorString());
    }
    const qint64 size = file.size();
    const QString indexPath = path.chopped(4) + QStringLiteral(".index");
    const QString timePath = path.chopped(4) + QStringLiteral(".timeindex");
    auto entries = [](const QString &p, qint64 entrySize) {
        const QFileInfo fi(p);
        if (!fi.exists())
            return QStringLiteral("missing");
        QString s = QStringLiteral("%1 entries").arg(fi.size() / entrySize);
        if (fi.size() % entrySize)
            s += QStringLiteral(" + %1 stray bytes").arg(fi.size() % entrySize);
        return s;
    };
    out += QStringLiteral("segment %1  %2 bytes  (index %3, timeindex %4)\n")
               .arg(name)
               .arg(size)
               .arg(entries(indexPath, kIndexEntrySize), entries(timePath, kTimeIndexEntrySize));
    if (size == 0)
        return out;
    const uchar *mapped = file.map(0, size);
    if (!mapped) {
        ++totals.corrupt;
        return out + QStringLiteral("  cannot map %1: %2\n").arg(name, file.errorString());
    }
    const auto *data = reinterpret_cast<const char *>(mapped);
    qint64 pos = 0;
    qint64 expected = base;
    while (pos < size) {
        FrameView frame;
        const FrameStatus status = decodeFrame(data + pos, size - pos, frame);
        if (status == FrameStatus::Ok && frame.offset == expected) {
            ++totals.frames;
            out += QStringLiteral("  byte %1  offset %2  %3 bytes  crc %4 ok  %5  key %6  value %7")
                       .arg(pos)
                       .arg(frame.offset)
                       .arg(frame.frameSize())
                       .arg(frame.storedCrc, 8, 16, QLatin1Char('0'))
                       .arg(isoTime(frame.timestampMs),
                            frame.key ? QLatin1Char('"') + printable(frame.key, frame.keyLength) + QLatin1Char('"')
                                      : QStringLiteral("null"),
                            printable(frame.value, frame.valueLength));
            if (frame.headerCount > 0) {
                QStringList hs;
                for (const Header &h : decodeHeaders(frame))
                    hs << printable(h.key.constData(), h.key.size()) + QLatin1Char('=') +
                              (h.value ? printable(h.value->constData(), h.value->size()) : QStringLiteral("null"));
                out += QStringLiteral("  headers ") + hs.join(QLatin1Char(','));
            }
            out += QLatin1Char('\n');
            if (hex)
                out += hexDump(data + pos, frame.frameSize(), pos);
            pos += frame.frameSize();
            ++expected;
            continue;
        }
        ++totals.corrupt;
        QString reason = frameStatusText(status);
        if (status == FrameStatus::BadCrc)
            reason += QStringLiteral(" (stored %1, computed %2)")
                          .arg(frame.storedCrc, 8, 16, QLatin1Char('0'))
                          .arg(frame.computedCrc, 8, 16, QLatin1Char('0'));
        else if (status == FrameStatus::Ok)
            reason = QStringLiteral("offset field says %1").arg(frame.offset);
        out += QStringLiteral("  byte %1  CORRUPT  expected offset %2: %3\n").arg(pos).arg(expected).arg(reason);
        const qint64 next = resync(data, size, pos + 1, expected - 1);
        if (next < 0) {
            out += QStringLiteral("  byte %1  %2 bytes to the end of the file hold no valid frame (a torn tail is "
                                  "truncated by the next writer)\n")
                       .arg(pos)
                       .arg(size - pos);
            break;
        }
        qint64 resumed = 0;
        qint32 length = 0;
        peekFrame(data + next, size - next, resumed, length);
        out += QStringLiteral("  byte %1  resynchronized: %2 bytes skipped, next valid frame is offset %3\n")
                   .arg(next)
                   .arg(next - pos)
                   .arg(resumed);
        pos = next;
        expected = resumed;
    }
    file.unmap(const_cast<uchar *>(mapped));
    return out;
}

QString dumpIndexes(const QString &logPath, qint64 base)
{
    QString out;
    QFile index(logPath.chopped(4) + QStringLiteral(".index"));
    if (index.open(QIODevice::ReadOnly)) {
        const QByteArray bytes = index.readAll();
        for (qsizetype i = 0; i + 8 <= bytes.size(); i += 8)
            out += QStringLiteral("    index entry %1: offset %2 at byte %3\n")
                       .arg(i / 8)
                       .arg(base + qFromBigEndian<quint32>(bytes.constData() + i))
                       .arg(qFromBigEndian<quint32>(bytes.constData() + i + 4));
    }
    QFile time(logPath.chopped(4) + QStringLiteral(".timeindex"));
    if (time.open(QIODevice::ReadOnly)) {
        const QByteArray bytes = time.readAll();
        for (qsizetype i = 0; i + 12 <= bytes.size(); i += 12)
            out += QStringLiteral("    timeindex entry %1: records before offset %2 are at or before %3\n")
                       .arg(i / 12)
                       .arg(base + qFromBigEndian<quint32>(bytes.constData() + i + 8))
                       .arg(isoTime(qFromBigEndian<qint64>(bytes.constData() + i)));
    }
    return out;
}

} // namespace

int runDump(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Print every record of one partition of the built-in broker with its segment file and byte "
                       "position, straight from the files (read-only). See docs/on-disk-format.md."));
    parser.addOption(
        {QStringLiteral("data"),
         QStringLiteral("Data directory of the built-in broker (default: %1).").arg(defaultDataDirectory()),
         QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("topic"), QStringLiteral("Topic name."), QStringLiteral("T")});
    parser.addOption({QStringLiteral("partition"), QStringLiteral("Partition number."), QStringLiteral("P")});
    parser.addOption({QStringLiteral("hex"), QStringLiteral("Also print each frame as a hex dump.")});
    parser.addOption({QStringLiteral("index"), QStringLiteral("Also print the .index and .timeindex entries.")});
    if (!parseOrFail(parser, args, QStringLiteral("dump")))
        return ExitUsage;
    if (!parser.isSet(QStringLiteral("topic")) || !parser.isSet(QStringLiteral("partition"))) {
        printErr(QStringLiteral("dump: --topic T and --partition P are required"));
        return ExitUsage;
    }
    const auto partition = intOption(parser, QStringLiteral("partition"), 0, 0, 1'000'000);
    if (!partition)
        return ExitUsage;
    const QString topic = parser.value(QStringLiteral("topic"));
    if (auto s = LogStore::validateTopicName(topic); !s) {
        printError(s.error());
        return ExitUsage;
    }
    const QString data =
        parser.isSet(QStringLiteral("data")) ? parser.value(QStringLiteral("data")) : defaultDataDirectory();
    const QString dir = QDir(data).absoluteFilePath(QStringLiteral("topics/%1/%1-%2").arg(topic).arg(*partition));
    if (!QFileInfo(dir).isDir()) {
        printErr(QStringLiteral("dump: %1 does not exist (no partition %2 of topic '%3' in %4)")
                     .arg(dir)
                     .arg(*partition)
                     .arg(topic, data));
        return ExitFailure;
    }
    printOut(QStringLiteral("partition %1[%2] in %3\n").arg(topic).arg(*partition).arg(dir));
    printOut(headLine(dir + QStringLiteral("/partition.head")));
    std::vector<qint64> bases = listSegmentBases(dir);
    DumpTotals totals;
    const bool hex = parser.isSet(QStringLiteral("hex"));
    const bool withIndex = parser.isSet(QStringLiteral("index"));
    for (size_t i = 0; i < bases.size(); ++i) {
        const QString path = dir + QLatin1Char('/') + segmentFileName(bases[i], "log");
        printOut(dumpSegment(path, bases[i], hex, totals));
        if (withIndex)
            printOut(dumpIndexes(path, bases[i]));
    }
    for (const QString &orphan : QDir(dir).entryList({QStringLiteral("*.index")}, QDir::Files)) {
        if (!QFileInfo::exists(dir + QLatin1Char('/') + orphan.chopped(6) + QStringLiteral(".log"))) {
            ++totals.corrupt;
            printOut(
                QStringLiteral("segment %1.log  MISSING (its index %2 is there)\n").arg(orphan.chopped(6), orphan));
        }
    }
    printOut(QStringLiteral("%1 records, %2 problems, %3 segment files\n")
                 .arg(totals.frames)
                 .arg(totals.corrupt)
                 .arg(bases.size()));
    return totals.corrupt == 0 ? ExitOk : ExitFailure;
}

} // namespace tidemark::cli

#endif // TIDEMARK_HAVE_LOGBROKER
