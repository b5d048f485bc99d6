#include "kafkaserver/protocol/Compression.h"

#include "kafkaserver/protocol/Wire.h"

#include <lz4frame.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <memory>

namespace tidemark::kafkaserver::protocol {

namespace {

Error corrupt(Codec codec, const QString &why)
{
    return Error(ErrorCode::Corrupt,
                 QStringLiteral("%1 batch does not decompress: %2").arg(QLatin1String(codecName(codec)), why));
}

Error tooLarge(Codec codec, qsizetype maxOutput)
{
    return Error(ErrorCode::InvalidArgument, QStringLiteral("%1 batch decompresses to more than %2 bytes")
                                                 .arg(QLatin1String(codecName(codec)))
                                                 .arg(maxOutput));
}

Result<QByteArray> gunzip(const char *data, qsizetype size, qsizetype maxOutput)
{
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        return corrupt(Codec::Gzip, QStringLiteral("zlib could not start"));
    QByteArray out;
    out.resize(std::min<qsizetype>(std::max<qsizetype>(size * 4, 4096), maxOutput));
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
    zs.avail_in = static_cast<uInt>(size);
    qsizetype produced = 0;
    int rc = Z_OK;
    while (true) {
        if (produced == out.size()) {
            if (out.size() >= maxOutput) {
                inflateEnd(&zs);
                return tooLarge(Codec::Gzip, maxOutput);
            }
            out.resize(std::min<qsizetype>(out.size() * 2, maxOutput));
        }
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + produced);
        zs.avail_out = static_cast<uInt>(out.size() - produced);
        rc = inflate(&zs, Z_NO_FLUSH);
        produced = out.size() - static_cast<qsizetype>(zs.avail_out);
        if (rc == Z_STREAM_END) {
            // Concatenated gzip members are legal; continue with the next one.
            if (zs.avail_in > 0 && inflateReset(&zs) == Z_OK)
                continue;
            break;
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
            inflateEnd(&zs);
            return corrupt(Codec::Gzip, QStringLiteral("truncated"));
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            const QString why = zs.msg ? QString::fromUtf8(zs.msg) : QStringLiteral("zlib error %1").arg(rc);
            inflateEnd(&zs);
            return corrupt(Codec::Gzip, why);
        }
    }
    inflateEnd(&zs);
    out.truncate(produced);
    return out;
}

Result<QByteArray> unsnappyRaw(const char *data, qsizetype size, qsizetype maxOutput, QByteArray &out)
{
    size_t length = 0;
    if (snappy_uncompressed_length(data, static_cast<size_t>(size), &length) != SNAPPY_OK)
        return corrupt(Codec::Snappy, QStringLiteral("bad length header"));
    if (static_cast<qsizetype>(length) > maxOutput - out.size())
        return tooLarge(Codec::Snappy, maxOutput);
    const qsizetype at = out.size();
    out.resize(at + static_cast<qsizetype>(length));
    size_t produced = length;
    if (snappy_uncompress(data, static_cast<size_t>(size), out.data() + at, &produced) != SNAPPY_OK ||
        produced != length)
        return corrupt(Codec::Snappy, QStringLiteral("bad data"));
    return out;
}

Result<QByteArray> unsnappy(const char *data, qsizetype size, qsizetype maxOutput)
{
    static const char kXerialMagic[8] = {'\x82', 'S', 'N', 'A', 'P', 'P', 'Y', '\0'};
    QByteArray out;
    if (size >= 16 && std::memcmp(data, kXerialMagic, 8) == 0) {
        // xerial framing: magic, version int32, compatible version int32, then blocks of
        // (int32 length, raw snappy).
        qsizetype pos = 16;
        while (pos < size) {
            if (size - pos < 4)
                return corrupt(Codec::Snappy, QStringLiteral("truncated block header"));
            const qint32 length = getInt32(data + pos);
            pos += 4;
            if (length < 0 || length > size - pos)
                return corrupt(Codec::Snappy, QStringLiteral("block of %1 bytes in %2").arg(length).arg(size - pos));
            auto r = unsnappyRaw(data + pos, length, maxOutput, out);
            if (!r)
                return r.error();
            pos += length;
        }
        return out;
    }
    return unsnappyRaw(data, size, maxOutput, out);
}

Result<QByteArray> unlz4(const char *data, qsizetype size, qsizetype maxOutput)
{
    LZ4F_dctx *ctx = nullptr;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&ctx, LZ4F_VERSION)))
        return corrupt(Codec::Lz4, QStringLiteral("lz4 could not start"));
    std::unique_ptr<LZ4F_dctx, decltype(&LZ4F_freeDecompressionContext)> guard(ctx, LZ4F_freeDecompressionContext);
    QByteArray out;
    out.resize(std::min<qsizetype>(std::max<qsizetype>(size * 4, 4096), maxOutput));
    qsizetype produced = 0;
    qsizetype consumed = 0;
    while (true) {
        if (produced == out.size()) {
            if (out.size() >= maxOutput)
                return tooLarge(Codec::Lz4, maxOutput);
            out.resize(std::min<qsizetype>(out.size() * 2, maxOutput));
        }
        size_t dstSize = static_cast<size_t>(out.size() - produced);
        size_t srcSize = static_cast<size_t>(size - consumed);
        const size_t hint = LZ4F_decompress(ctx, out.data() + produced, &dstSize, data + consumed, &srcSize, nullptr);
        if (LZ4F_isError(hint))
            return corrupt(Codec::Lz4, QString::fromUtf8(LZ4F_getErrorName(hint)));
        produced += static_cast<qsizetype>(dstSize);
        consumed += static_cast<qsizetype>(srcSize);
        if (hint == 0)
            break; // frame complete
        if (consumed == size && dstSize == 0)
            return corrupt(Codec::Lz4, QStringLiteral("truncated"));
    }
    out.truncate(produced);
    return out;
}

Result<QByteArray> unzstd(const char *data, qsizetype size, qsizetype maxOutput)
{
    std::unique_ptr<ZSTD_DStream, decltype(&ZSTD_freeDStream)> ds(ZSTD_createDStream(), ZSTD_freeDStream);
    if (!ds || ZSTD_isError(ZSTD_initDStream(ds.get())))
        return corrupt(Codec::Zstd, QStringLiteral("zstd could not start"));
    QByteArray out;
    out.resize(std::min<qsizetype>(std::max<qsizetype>(size * 4, 4096), maxOutput));
    ZSTD_inBuffer in{data, static_cast<size_t>(size), 0};
    qsizetype produced = 0;
    size_t rc = 1;
    while (in.pos < in.size || rc != 0) {
        if (produced == out.size()) {
            if (out.size() >= maxOutput)
                return tooLarge(Codec::Zstd, maxOutput);
            out.resize(std::min<qsizetype>(out.size() * 2, maxOutput));
        }
        ZSTD_outBuffer o{out.data() + produced, static_cast<size_t>(out.size() - produced), 0};
        const size_t before = in.pos;
        rc = ZSTD_decompressStream(ds.get(), &o, &in);
        if (ZSTD_isError(rc))
            return corrupt(Codec::Zstd, QString::fromUtf8(ZSTD_getErrorName(rc)));
        produced += static_cast<qsizetype>(o.pos);
        if (rc != 0 && in.pos == in.size && o.pos == 0 && before == in.pos)
            return corrupt(Codec::Zstd, QStringLiteral("truncated"));
    }
    out.truncate(produced);
    return out;
}

} // namespace

const char *codecName(Codec codec)
{
    switch (codec) {
    case Codec::None: return "none";
    case Codec::Gzip: return "gzip";
    case Codec::Snappy: return "snappy";
    case Codec::Lz4: return "lz4";
    case Codec::Zstd: return "zstd";
    }
    return "unknown";
}

Result<QByteArray> decompress(Codec codec, const char *data, qsizetype size, qsizetype maxOutput)
{
    switch (codec) {
    case Codec::None:
        if (size > maxOutput)
            return tooLarge(codec, maxOutput);
        return QByteArray(data, size);
    case Codec::Gzip: return gunzip(data, size, maxOutput);
    case Codec::Snappy: return unsnappy(data, size, maxOutput);
    case Codec::Lz4: return unlz4(data, size, maxOutput);
    case Codec::Zstd: return unzstd(data, size, maxOutput);
    }
    return Error(ErrorCode::InvalidArgument, QStringLiteral("unknown compression codec %1").arg(int(codec)));
}

Result<QByteArray> compress(Codec codec, const QByteArray &data)
{
    switch (codec) {
    case Codec::None: return data;
    case Codec::Gzip: {
        z_stream zs{};
        if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            return Error(ErrorCode::Unknown, QStringLiteral("zlib could not start"));
        QByteArray out(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size()))), Qt::Uninitialized);
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
        zs.avail_in = static_cast<uInt>(data.size());
        zs.next_out = reinterpret_cast<Bytef *>(out.data());
        zs.avail_out = static_cast<uInt>(out.size());
        const int rc = deflate(&zs, Z_FINISH);
        out.truncate(static_cast<qsizetype>(zs.total_out));
        deflateEnd(&zs);
        if (rc != Z_STREAM_END)
            return Error(ErrorCode::Unknown, QStringLiteral("gzip failed"));
        return out;
    }
    case Codec::Snappy: {
        size_t length = snappy_max_compressed_length(static_cast<size_t>(data.size()));
        QByteArray out(static_cast<qsizetype>(length), Qt::Uninitialized);
        if (snappy_compress(data.constData(), static_cast<size_t>(data.size()), out.data(), &length) != SNAPPY_OK)
            return Error(ErrorCode::Unknown, QStringLiteral("snappy failed"));
        out.truncate(static_cast<qsizetype>(length));
        return out;
    }
    case Codec::Lz4: {
        QByteArray out(static_cast<qsizetype>(LZ4F_compressFrameBound(static_cast<size_t>(data.size()), nullptr)),
                       Qt::Uninitialized);
        const size_t n = LZ4F_compressFrame(out.data(), static_cast<size_t>(out.size()), data.constData(),
                                            static_cast<size_t>(data.size()), nullptr);
        if (LZ4F_isError(n))
            return Error(ErrorCode::Unknown, QStringLiteral("lz4 failed"));
        out.truncate(static_cast<qsizetype>(n));
        return out;
    }
    case Codec::Zstd: {
        QByteArray out(static_cast<qsizetype>(ZSTD_compressBound(static_cast<size_t>(data.size()))), Qt::Uninitialized);
        const size_t n = ZSTD_compress(out.data(), static_cast<size_t>(out.size()), data.constData(),
                                       static_cast<size_t>(data.size()), 1);
        if (ZSTD_isError(n))
            return Error(ErrorCode::Unknown, QStringLiteral("zstd failed"));
        out.truncate(static_cast<qsizetype>(n));
        return out;
    }
    }
    return Error(ErrorCode::InvalidArgument, QStringLiteral("unknown codec"));
}

} // namespace tidemark::kafkaserver::protocol
