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

#include "backends/LocalInspection.h"
#include "core/ConnectionProfile.h"

#include <QDateTime>
#include <QStringDecoder>

namespace tidemark::cli {

namespace {

QString isoTime(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs); }

// Text as is when it is printable UTF-8, otherwise C-style escapes, so one frame is one line.
QString printable(QByteArrayView bytes)
{
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

QString hexDump(QByteArrayView data, qint64 filePosition)
{
    const qint64 length = data.size();
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

QString headLine(const InspectedHead &h)
{
    switch (h.state) {
    case InspectedHead::State::Unreadable: return QStringLiteral("head: %1 cannot be read (%2)\n").arg(h.path, h.error);
    case InspectedHead::State::Uninitialized:
        return QStringLiteral("head: %1 is empty or not a partition head\n").arg(h.path);
    case InspectedHead::State::Corrupt: return QStringLiteral("head: %1 fails its CRC check\n").arg(h.path);
    case InspectedHead::State::Busy:
        return QStringLiteral("head: %1 is being updated (or its writer died mid-update)\n").arg(h.path);
    case InspectedHead::State::Ok: break;
    }
    QString line = QStringLiteral("head: log start offset %1, high watermark %2, active segment %3 (%4 bytes visible, "
                                  "%5 written)")
                       .arg(h.logStartOffset)
                       .arg(h.highWatermark)
                       .arg(h.activeSegment)
                       .arg(h.visibleEnd)
                       .arg(h.writtenEnd);
    if (h.nextOffset != h.highWatermark)
        line += QStringLiteral(", next offset to assign %1 (awaiting fsync)").arg(h.nextOffset);
    if (h.appendInFlight)
        line += QStringLiteral(", an append or roll is in flight (or its writer died)");
    if (h.deleted)
        line += QStringLiteral(", topic marked deleted");
    return line + QLatin1Char('\n');
}

struct DumpTotals {
    qint64 frames = 0;
    qint64 corrupt = 0;
};

QString entriesText(qint64 entries, qint64 stray)
{
    if (entries < 0)
        return QStringLiteral("missing");
    QString s = QStringLiteral("%1 entries").arg(entries);
    if (stray)
        s += QStringLiteral(" + %1 stray bytes").arg(stray);
    return s;
}

QString frameLine(const InspectedFrame &frame, bool hex)
{
    if (frame.newerFormat) {
        return QStringLiteral("  byte %1  NEWER FORMAT  offset %2, %3 bytes: %4\n")
            .arg(frame.position)
            .arg(frame.expectedOffset)
            .arg(frame.bytes.size())
            .arg(frame.problem);
    }
    if (!frame.sound) {
        QString out = QStringLiteral("  byte %1  CORRUPT  expected offset %2: %3\n")
                          .arg(frame.position)
                          .arg(frame.expectedOffset)
                          .arg(frame.problem);
        if (frame.resumedAt < 0)
            return out + QStringLiteral("  byte %1  %2 bytes to the end of the file hold no valid frame (a torn tail "
                                        "is truncated by the next writer)\n")
                             .arg(frame.position)
                             .arg(frame.bytes.size());
        return out + QStringLiteral("  byte %1  resynchronized: %2 bytes skipped, next valid frame is offset %3\n")
                         .arg(frame.resumedAt)
                         .arg(frame.bytes.size())
                         .arg(frame.resumedOffset);
    }
    QString out =
        QStringLiteral("  byte %1  offset %2  %3 bytes  crc %4 ok  %5  key %6  value %7")
            .arg(frame.position)
            .arg(frame.offset)
            .arg(frame.size)
            .arg(frame.crc, 8, 16, QLatin1Char('0'))
            .arg(isoTime(frame.timestampMs),
                 frame.key ? QLatin1Char('"') + printable(*frame.key) + QLatin1Char('"') : QStringLiteral("null"),
                 frame.value ? printable(*frame.value) : QStringLiteral("null (tombstone)"));
    if (!frame.headers.empty()) {
        QStringList hs;
        for (const Header &h : frame.headers)
            hs << printable(h.key) + QLatin1Char('=') + (h.value ? printable(*h.value) : QStringLiteral("null"));
        out += QStringLiteral("  headers ") + hs.join(QLatin1Char(','));
    }
    out += QLatin1Char('\n');
    if (hex)
        out += hexDump(frame.bytes, frame.position);
    return out;
}

QString dumpIndexes(const PartitionInspector &inspector, const InspectedSegment &segment)
{
    QString out;
    const auto index = inspector.indexEntries(segment);
    for (size_t i = 0; i < index.size(); ++i)
        out += QStringLiteral("    index entry %1: offset %2 at byte %3\n")
                   .arg(i)
                   .arg(index[i].offset)
                   .arg(index[i].position);
    const auto time = inspector.timeIndexEntries(segment);
    for (size_t i = 0; i < time.size(); ++i)
        out += QStringLiteral("    timeindex entry %1: records before offset %2 are at or before %3\n")
                   .arg(i)
                   .arg(time[i].offset)
                   .arg(isoTime(time[i].timestampMs));
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
    const auto data = dataDirectoryOption(parser);
    if (!data)
        return ExitUsage;
    auto inspector = inspectLocalPartition(*data, parser.value(QStringLiteral("topic")), static_cast<int>(*partition));
    if (!inspector) {
        printErr(QStringLiteral("dump: %1").arg(inspector.error().message));
        return inspector.error().code == ErrorCode::InvalidArgument ? ExitUsage : ExitFailure;
    }
    printOut(QStringLiteral("partition %1[%2] in %3\n")
                 .arg(parser.value(QStringLiteral("topic")))
                 .arg(*partition)
                 .arg(inspector->directory()));
    printOut(headLine(inspector->head()));
    const std::vector<InspectedSegment> segments = inspector->segments();
    DumpTotals totals;
    const bool hex = parser.isSet(QStringLiteral("hex"));
    const bool withIndex = parser.isSet(QStringLiteral("index"));
    for (const InspectedSegment &segment : segments) {
        QString out = QStringLiteral("segment %1  %2 bytes  (index %3, timeindex %4)\n")
                          .arg(segment.fileName)
                          .arg(segment.size)
                          .arg(entriesText(segment.indexEntries, segment.indexStrayBytes),
                               entriesText(segment.timeIndexEntries, segment.timeIndexStrayBytes));
        const Status scanned = inspector->scan(segment, [&](const InspectedFrame &frame) {
            ++(frame.sound ? totals.frames : totals.corrupt);
            out += frameLine(frame, hex);
        });
        if (!scanned) {
            ++totals.corrupt;
            out += QStringLiteral("  %1: %2\n").arg(segment.fileName, scanned.error().message);
        }
        printOut(out);
        if (withIndex)
            printOut(dumpIndexes(*inspector, segment));
    }
    for (const QString &orphan : inspector->indexesWithoutSegment()) {
        ++totals.corrupt;
        printOut(QStringLiteral("segment %1.log  MISSING (its index %1.index is there)\n").arg(orphan));
    }
    printOut(QStringLiteral("%1 records, %2 problems, %3 segment files\n")
                 .arg(totals.frames)
                 .arg(totals.corrupt)
                 .arg(segments.size()));
    return totals.corrupt == 0 ? ExitOk : ExitFailure;
}

} // namespace tidemark::cli

#endif // TIDEMARK_HAVE_LOGBROKER
