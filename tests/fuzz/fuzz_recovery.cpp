// Fuzz target: the built-in broker's recovery scan (PartitionRecovery, run by
// PartitionLog::open) and a full read after it (PartitionReader::scan), over a partition
// directory whose files come from the input.
//
// Input layout (every part optional: a short input just ends early, the rest is empty):
//   byte 0      flags
//                 bits 0-1  the head: 0 stored from the fields below (valid CRC), 1 absent,
//                           2 zero-filled (uninitialized), 3 stored, then one field byte
//                           flipped (CRC mismatch)
//                 bit 2     patch the CRC of every frame the harness can walk in each .log
//                           (so mutations reach the checks behind the CRC)
//                 bit 3     a sealed segment before the active one
//                 bit 4     a group commit (the durable floor of the next offset)
//                 bit 5     index files of the active segment from the input
//                 bit 6     no .log for the active segment (only its indexes, if any)
//   13 x int32  head fields in PartitionHead's order (logStartOffset .. lastTimeIndexTimestamp)
//   int32       sealed segment's base offset (bit 3)   int32  group commit offset (bit 4)
//   sections    uint16 length + bytes: the active .log, then with bit 3 the sealed .log, then
//               with bit 5 the active .index and .timeindex; the last one present may be cut.
//
// Properties, beyond "no crash, no sanitizer report, no endless loop":
//   - a read from the log start to the high watermark visits every offset once, in order;
//     each offset is either returned or inside a reported hole (dense otherwise);
//   - every returned record's CRC-32C matches its bytes (recomputed here);
//   - the head recovery leaves is consistent (HeadState::consistent), and its next offset is
//     never below a consistent stored head's writtenNext nor a group's commit (an offset once
//     handed out is never handed out again);
//   - recovery is idempotent: opening the result again changes no file and reads the same.
//
// The partition lives under /dev/shm (tmpfs) when it exists, in `os` durability (no fsync),
// without retention (no clock), so a run is fast and deterministic.

#include "FuzzCheck.h"
#include "logbroker/Crc32c.h"
#include "logbroker/Diagnostics.h"
#include "logbroker/FrameFormat.h"
#include "logbroker/PartitionHead.h"
#include "logbroker/PartitionLog.h"
#include "logbroker/SegmentFiles.h"

#include <QByteArray>
#include <QLoggingCategory>
#include <QString>
#include <QtEndian>

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace tidemark;
using namespace tidemark::logbroker;
namespace fs = std::filesystem;

namespace {

struct Input {
    const uint8_t *data;
    size_t size;
    size_t pos = 0;

    bool has(size_t n) const { return pos + n <= size; }
    uint8_t byte() { return pos < size ? data[pos++] : 0; }
    qint32 int32()
    {
        if (!has(4)) {
            pos = size;
            return 0;
        }
        const qint32 v = qFromBigEndian<qint32>(data + pos);
        pos += 4;
        return v;
    }
    std::string section()
    {
        const size_t length = size_t(byte()) << 8 | byte();
        const size_t n = std::min(length, size - pos);
        std::string out(reinterpret_cast<const char *>(data + pos), n);
        pos += n;
        return out;
    }
};

// Fixes the crc field of each frame that can be walked from the start by its length field.
void patchCrcs(std::string &log)
{
    size_t pos = 0;
    while (pos + size_t(kFrameBodyStart) <= log.size()) {
        const qint32 length = qFromBigEndian<qint32>(log.data() + pos + 8);
        if (length < 4 || size_t(length) > log.size() - pos - size_t(kFramePrefixSize))
            break;
        const quint32 crc = crc32c(log.data() + pos + kFrameBodyStart, size_t(length) - 4);
        qToBigEndian(crc, log.data() + pos + kFrameCrcStart);
        pos += size_t(kFramePrefixSize) + size_t(length);
    }
}

void writeFile(const fs::path &path, const std::string &bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    FUZZ_CHECK(out.good());
}

// Every file of the partition: name -> bytes (the head's seq counter and lockWantedAt left
// out: each store bumps the one, a wait for the lock the other; neither is state).
std::map<std::string, std::string> snapshot(const fs::path &dir)
{
    std::map<std::string, std::string> out;
    for (const auto &entry : fs::directory_iterator(dir)) {
        std::ifstream in(entry.path(), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (entry.path().filename() == "partition.head" && bytes.size() >= 128)
            bytes = bytes.substr(0, 8) + bytes.substr(16, 112);
        out[entry.path().filename().string()] = std::move(bytes);
    }
    return out;
}

// The CRC-32C of a visited frame's bytes (magic .. end of headers), recomputed from the
// view's pointers into the reader's buffer, independently of the decoder's own check.
quint32 recomputedCrc(const FrameView &frame)
{
    const char *body = frame.headers - 4 - std::max<qint32>(frame.valueLength, 0) - 4 -
                       std::max<qint32>(frame.keyLength, 0) - 4 - 8 - 2;
    return crc32c(body, size_t(frame.length) - 4);
}

struct ReadOutcome {
    qint64 logStart = 0;
    qint64 highWatermark = 0;
    std::vector<qint64> offsets;                  // returned, in order
    std::vector<std::pair<qint64, qint64>> holes; // reported [from, to)
    qint64 newerFrameAt = -1;                     // reads stopped at a frame of a newer format (never skipped)
    friend bool operator==(const ReadOutcome &, const ReadOutcome &) = default;
};

// Reads everything from the log start to the high watermark, checking the properties above.
ReadOutcome readAll(PartitionLog &log)
{
    ReadOutcome out;
    auto marks = log.watermarks();
    FUZZ_CHECK(marks.ok());
    out.logStart = marks->low;
    out.highWatermark = marks->high;
    FUZZ_CHECK(out.logStart <= out.highWatermark);
    qint64 offset = out.logStart;
    ReadHint hint;
    for (int round = 0; offset < out.highWatermark; ++round) {
        FUZZ_CHECK(round < 100000); // each round makes progress (checked below); this bounds it
        qint64 expected = offset;
        auto scanned = log.scan(offset, 64, 1 << 20, &hint, [&](const FrameView &frame) {
            FUZZ_CHECK(frame.offset == expected); // in order, none twice, none skipped silently
            FUZZ_CHECK(frame.storedCrc == frame.computedCrc);
            if (frame.magic == kFrameMagic)
                FUZZ_CHECK(recomputedCrc(frame) == frame.storedCrc);
            out.offsets.push_back(frame.offset);
            ++expected;
            return true;
        });
        if (!scanned.ok() && scanned.error().code == ErrorCode::Unsupported) {
            // A frame of a newer format (the fuzzer can give one a valid CRC, e.g. magic 12 in a
            // sealed segment, which recovery does not scan): reads stop exactly there, with an
            // error, as documented; it is neither skipped nor reported as a hole.
            FUZZ_CHECK(scanned.error().message.contains(QLatin1String("newer Tidemark")));
            out.newerFrameAt = expected;
            return out;
        }
        FUZZ_CHECK(scanned.ok()); // no I/O errors on tmpfs: a read error is a bug here
        if (scanned->corruption) {
            const Corruption &c = *scanned->corruption;
            // The hole starts where the records stopped and ends further on.
            FUZZ_CHECK(c.offset == expected);
            FUZZ_CHECK(c.resumeOffset > c.offset);
            FUZZ_CHECK(c.resumeOffset <= out.highWatermark);
            FUZZ_CHECK(scanned->nextOffset == c.resumeOffset);
            out.holes.emplace_back(c.offset, c.resumeOffset);
        } else {
            FUZZ_CHECK(scanned->nextOffset == expected);
            FUZZ_CHECK(scanned->frames > 0);
        }
        FUZZ_CHECK(scanned->nextOffset > offset);
        offset = scanned->nextOffset;
    }
    FUZZ_CHECK(offset == out.highWatermark);
    return out;
}

const fs::path &workDirectory()
{
    // Never destroyed: the exit handler that removes it runs after static destructors would.
    static const fs::path *dir = [] {
        const fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
        auto *d = new fs::path(base / ("tidemark-fuzz-recovery-" + std::to_string(::getpid())));
        std::atexit([] {
            std::error_code ec;
            fs::remove_all(workDirectory(), ec);
        });
        // Recovery reports every repair as a warning: thousands of lines per second otherwise
        // (TIDEMARK_FUZZ_VERBOSE=1 shows them, to see what happened to one input).
        if (!qEnvironmentVariableIsSet("TIDEMARK_FUZZ_VERBOSE"))
            QLoggingCategory::setFilterRules(QStringLiteral("tidemark.logbroker.warning=false"));
        return d;
    }();
    return *dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    Input in{bytes, size};
    const uint8_t flags = in.byte();
    const int headMode = flags & 3;
    const bool patch = flags & 4;
    const bool sealed = flags & 8;
    const bool commit = flags & 16;
    const bool indexes = flags & 32;
    const bool noActiveLog = flags & 64;
    qint32 f[13];
    for (qint32 &v : f)
        v = in.int32();
    HeadState head{f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12]};
    head.flags &= ~HeadState::kDeleted; // a deleted topic is not opened at all
    const qint64 sealedBase = sealed ? in.int32() : 0;
    const qint64 committed = commit ? in.int32() : -1;
    std::string activeLog = in.section();
    std::string sealedLog = sealed ? in.section() : std::string();
    const std::string index = indexes ? in.section() : std::string();
    const std::string timeIndex = indexes ? in.section() : std::string();
    if (patch) {
        patchCrcs(activeLog);
        patchCrcs(sealedLog);
    }

    const fs::path root = workDirectory();
    std::error_code ec;
    fs::remove_all(root, ec);
    const fs::path dir = root / "topics" / "t" / "t-0";
    const fs::path groups = root / "groups";
    fs::create_directories(dir);
    fs::create_directories(groups);
    const QString qdir = QString::fromStdString(dir.string());

    // The active segment is named by the head's field (also when the head is not stored).
    const qint64 activeBase = std::max<qint64>(0, head.activeBase);
    if (sealed && sealedBase >= 0 && sealedBase < activeBase)
        writeFile(segmentPath(qdir, sealedBase, "log").toStdString(), sealedLog);
    if (!noActiveLog)
        writeFile(segmentPath(qdir, activeBase, "log").toStdString(), activeLog);
    if (indexes) {
        writeFile(segmentPath(qdir, activeBase, "index").toStdString(), index);
        writeFile(segmentPath(qdir, activeBase, "timeindex").toStdString(), timeIndex);
    }
    if (commit && committed >= 0) {
        fs::create_directories(groups / "g" / "offsets");
        writeFile(groups / "g" / "offsets" / "t-0.offset",
                  "{\"offset\":" + std::to_string(committed) + ",\"committedAtMs\":1}");
    }
    const QString headPath = qdir + QStringLiteral("/partition.head");
    if (headMode != 1) {
        auto h = PartitionHead::open(headPath); // zero-filled: uninitialized
        FUZZ_CHECK(h.ok());
        if (headMode == 0 || headMode == 3)
            h->store(head);
    }
    if (headMode == 3) {
        std::fstream file(dir / "partition.head", std::ios::binary | std::ios::in | std::ios::out);
        file.seekp(16 + (f[0] & 63));
        file.put(char(0x5a ^ f[1]));
    }

    PartitionOptions options;
    options.topic = QStringLiteral("t");
    options.partition = 0;
    options.directory = qdir;
    options.config.fsync = false;
    options.config.retentionMs = -1;
    options.config.retentionBytes = -1;
    options.config.segmentBytes = TopicConfig::kMinSegmentBytes;
    options.groupsDirectory = QString::fromStdString(groups.string());
    options.diagnostics = std::make_shared<Diagnostics>();

    ReadOutcome first;
    {
        auto log = PartitionLog::open(options, std::chrono::milliseconds(1000));
        if (!log)
            return 0; // refused with an error (e.g. no head could be made): nothing to check
        auto h = (*log)->head();
        FUZZ_CHECK(h.ok());
        if (headMode == 0 && head.consistent())
            FUZZ_CHECK(h->writtenNext >= head.writtenNext);
        FUZZ_CHECK(h->consistent());
        if (commit && committed >= 0)
            FUZZ_CHECK(h->writtenNext >= committed);
        first = readAll(**log);
    }
    const auto files = snapshot(dir);
    {
        options.diagnostics = std::make_shared<Diagnostics>();
        auto log = PartitionLog::open(options, std::chrono::milliseconds(1000));
        FUZZ_CHECK(log.ok()); // what recovery made opens again
        const ReadOutcome second = readAll(**log);
        FUZZ_CHECK(second == first);
    }
    const auto again = snapshot(dir);
    if (again != files) {
        for (const auto &[name, bytes] : files) {
            auto it = again.find(name);
            if (it == again.end())
                std::fprintf(stderr, "second recovery removed %s\n", name.c_str());
            else if (it->second != bytes)
                std::fprintf(stderr, "second recovery changed %s (%zu -> %zu bytes)\n", name.c_str(), bytes.size(),
                             it->second.size());
        }
        for (const auto &[name, bytes] : again)
            if (!files.count(name))
                std::fprintf(stderr, "second recovery created %s\n", name.c_str());
    }
    FUZZ_CHECK(again == files);
    return 0;
}
