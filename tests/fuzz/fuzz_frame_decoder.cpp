// Fuzz target: the built-in broker's record frame decoder (app/logbroker/FrameFormat.h),
// what every read of a segment file goes through. Properties: decoding never reads outside
// the given bytes (ASan), and a frame that decodes Ok re-encodes to the very same bytes
// (but for the reserved attributes byte, which the decoder accepts unchecked).
//
// Random bytes almost never carry a matching CRC-32C, so the input's crc field is also
// patched to match and decoded again: that exercises the layout checks behind the CRC.

#include "FuzzCheck.h"
#include "logbroker/Crc32c.h"
#include "logbroker/FrameFormat.h"

#include <QtEndian>

#include <cstdint>
#include <cstring>
#include <vector>

using namespace tidemark;
using namespace tidemark::logbroker;

namespace {

void checkDecoded(const char *data, size_t size)
{
    FrameView frame;
    const FrameStatus status = decodeFrame(data, qint64(size), frame);
    (void)frameStatusText(status);
    if (status != FrameStatus::Ok)
        return;
    FUZZ_CHECK(frame.frameSize() <= qint64(size));
    const Record record = toRecord(frame, QStringLiteral("t"), 0);
    OutgoingRecord again;
    again.key = record.key;
    again.value = record.value;
    again.headers = record.headers;
    QByteArray encoded;
    appendFrame(encoded, record.offset, record.timestampMs, again);
    FUZZ_CHECK(encoded.size() == frame.frameSize());
    // The same bytes, except the reserved attributes byte (the encoder writes 0) and so the
    // crc covering it: offset and length, then magic, then timestamp .. end of headers.
    constexpr qint64 kAttributes = kFrameBodyStart + 1;
    FUZZ_CHECK(std::memcmp(encoded.constData(), data, size_t(kFrameCrcStart)) == 0);
    FUZZ_CHECK(encoded[kFrameBodyStart] == data[kFrameBodyStart]);
    FUZZ_CHECK(std::memcmp(encoded.constData() + kAttributes + 1, data + kAttributes + 1,
                           size_t(encoded.size() - kAttributes - 1)) == 0);
    if (frame.attributes == 0)
        FUZZ_CHECK(std::memcmp(encoded.constData(), data, size_t(encoded.size())) == 0);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const auto *data = reinterpret_cast<const char *>(bytes);
    qint64 offset = 0;
    qint32 length = 0;
    (void)peekFrame(data, qint64(size), offset, length);
    FrameView unchecked;
    (void)decodeFrame(data, qint64(size), unchecked, false);
    checkDecoded(data, size);

    if (size >= size_t(kFrameBodyStart)) {
        std::vector<char> patched(data, data + size);
        const qint32 declared = qFromBigEndian<qint32>(patched.data() + 8);
        const qint64 end = std::min<qint64>(qint64(size), kFramePrefixSize + std::max<qint32>(declared, 4));
        const quint32 crc =
            crc32c(patched.data() + kFrameBodyStart, size_t(std::max<qint64>(0, end - kFrameBodyStart)));
        qToBigEndian(crc, patched.data() + kFrameCrcStart);
        checkDecoded(patched.data(), patched.size());
    }
    return 0;
}
