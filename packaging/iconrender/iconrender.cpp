// tidemark-iconrender: renders the app icon (one SVG) into the files desktops and installers
// want, so the PNGs, the Windows .ico and the macOS .icns never drift from the SVG.
//
//   tidemark-iconrender png  <svg> <outdir> <name> <size>...   outdir/hicolor/NxN/apps/name.png
//   tidemark-iconrender ico  <svg> <out.ico>                   PNG-compressed ICO (Vista+)
//   tidemark-iconrender icns <svg> <out.icns>                  PNG-based ICNS (macOS 10.7+)
//   tidemark-iconrender check <svg> <file.ico|file.icns>...    fails if a committed icon file
//                                                              is corrupt or stale vs the SVG
//
// Build-time tool: runs on the build machine's main thread only, no event loop, no display
// (QSvgRenderer paints into a QImage with the raster engine).

#include <QBuffer>
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QString>
#include <QStringList>
#include <QSvgRenderer>
#include <QtEndian>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>
#include <vector>

namespace {

void printErr(const QString &text) { std::fprintf(stderr, "tidemark-iconrender: %s\n", qPrintable(text)); }

// One image inside an .ico or .icns: its pixel size and the PNG bytes.
struct IconEntry {
    int size = 0;
    QByteArray png;
};

// ICO sizes Windows uses (Explorer, taskbar, Start, high-DPI) and ICNS slots macOS reads.
// The ICNS OSType names the slot; the same pixel size can appear twice (1x and 2x slots).
const std::vector<int> kIcoSizes{16, 24, 32, 48, 64, 128, 256};
const std::vector<std::pair<const char *, int>> kIcnsSlots{
    {"icp4", 16},   {"icp5", 32}, {"icp6", 64}, {"ic07", 128}, {"ic08", 256}, {"ic09", 512},
    {"ic10", 1024}, {"ic11", 32}, {"ic12", 64}, {"ic13", 256}, {"ic14", 512},
};

std::optional<QImage> render(QSvgRenderer &svg, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    svg.render(&painter, QRectF(0, 0, size, size));
    painter.end();
    if (image.isNull())
        return std::nullopt;
    return image.convertToFormat(QImage::Format_ARGB32);
}

QByteArray toPng(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        printErr(QStringLiteral("cannot create directory %1").arg(info.absolutePath()));
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size() || !file.flush()) {
        printErr(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

void appendLe16(QByteArray &out, quint16 value)
{
    char bytes[2];
    qToLittleEndian(value, bytes);
    out.append(bytes, 2);
}

void appendLe32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

void appendBe32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToBigEndian(value, bytes);
    out.append(bytes, 4);
}

// ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the PNG payloads.
QByteArray encodeIco(const std::vector<IconEntry> &entries)
{
    QByteArray out;
    appendLe16(out, 0); // reserved
    appendLe16(out, 1); // type: icon
    appendLe16(out, quint16(entries.size()));
    quint32 offset = quint32(6 + 16 * entries.size());
    for (const IconEntry &entry : entries) {
        const char dim = entry.size >= 256 ? char(0) : char(entry.size); // 0 means 256
        out.append(dim);
        out.append(dim);
        out.append(char(0)); // no palette
        out.append(char(0)); // reserved
        appendLe16(out, 1);  // colour planes
        appendLe16(out, 32); // bits per pixel
        appendLe32(out, quint32(entry.png.size()));
        appendLe32(out, offset);
        offset += quint32(entry.png.size());
    }
    for (const IconEntry &entry : entries)
        out.append(entry.png);
    return out;
}

// 'icns' + total length, then per slot: OSType + length (including its 8-byte header) + PNG.
QByteArray encodeIcns(const std::vector<std::pair<QByteArray, QByteArray>> &images)
{
    QByteArray body;
    for (const auto &[type, png] : images) {
        body.append(type);
        appendBe32(body, quint32(8 + png.size()));
        body.append(png);
    }
    QByteArray out("icns");
    appendBe32(out, quint32(8 + body.size()));
    out.append(body);
    return out;
}

std::optional<std::vector<IconEntry>> decodeIco(const QByteArray &data, QString *error)
{
    const auto le16 = [&](qsizetype at) { return qFromLittleEndian<quint16>(data.constData() + at); };
    const auto le32 = [&](qsizetype at) { return qFromLittleEndian<quint32>(data.constData() + at); };
    if (data.size() < 6 || le16(0) != 0 || le16(2) != 1) {
        *error = QStringLiteral("not an ICO file (bad header at offset 0)");
        return std::nullopt;
    }
    const int count = le16(4);
    if (data.size() < 6 + 16 * count) {
        *error = QStringLiteral("truncated directory: %1 entries need %2 bytes, file has %3")
                     .arg(count)
                     .arg(6 + 16 * count)
                     .arg(data.size());
        return std::nullopt;
    }
    std::vector<IconEntry> entries;
    for (int i = 0; i < count; ++i) {
        const qsizetype at = 6 + 16 * i;
        const int size = quint8(data[at]) == 0 ? 256 : quint8(data[at]);
        const quint32 length = le32(at + 8);
        const quint32 offset = le32(at + 12);
        if (qsizetype(offset) + qsizetype(length) > data.size()) {
            *error = QStringLiteral("entry %1 (offset %2, %3 bytes) runs past the end of the file")
                         .arg(i)
                         .arg(offset)
                         .arg(length);
            return std::nullopt;
        }
        entries.push_back({size, data.mid(offset, length)});
    }
    return entries;
}

std::optional<std::vector<IconEntry>> decodeIcns(const QByteArray &data, QString *error)
{
    const auto be32 = [&](qsizetype at) { return qFromBigEndian<quint32>(data.constData() + at); };
    if (data.size() < 8 || !data.startsWith("icns") || be32(4) != quint32(data.size())) {
        *error = QStringLiteral("not an ICNS file or wrong total length (header at offset 0)");
        return std::nullopt;
    }
    std::vector<IconEntry> entries;
    qsizetype at = 8;
    while (at < data.size()) {
        if (at + 8 > data.size()) {
            *error = QStringLiteral("truncated entry header at offset %1").arg(at);
            return std::nullopt;
        }
        const QByteArray type = data.mid(at, 4);
        const quint32 length = be32(at + 4);
        if (length < 8 || at + qsizetype(length) > data.size()) {
            *error = QStringLiteral("entry '%1' at offset %2 has bad length %3")
                         .arg(QString::fromLatin1(type))
                         .arg(at)
                         .arg(length);
            return std::nullopt;
        }
        int size = 0;
        for (const auto &[slotType, slotSize] : kIcnsSlots)
            if (type == slotType)
                size = slotSize;
        if (size == 0) {
            *error = QStringLiteral("unexpected entry type '%1' at offset %2").arg(QString::fromLatin1(type)).arg(at);
            return std::nullopt;
        }
        entries.push_back({size, data.mid(at + 8, length - 8)});
        at += length;
    }
    return entries;
}

// Share of pixels where any channel differs by more than 24 (of 255). Renderers of other Qt
// versions antialias edges a little differently; a changed colour or shape moves far more.
double differingShare(const QImage &a, const QImage &b)
{
    qsizetype differing = 0;
    for (int y = 0; y < a.height(); ++y) {
        const auto *rowA = reinterpret_cast<const QRgb *>(a.constScanLine(y));
        const auto *rowB = reinterpret_cast<const QRgb *>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            const QRgb pa = rowA[x];
            const QRgb pb = rowB[x];
            const int delta = std::max({std::abs(qRed(pa) - qRed(pb)), std::abs(qGreen(pa) - qGreen(pb)),
                                        std::abs(qBlue(pa) - qBlue(pb)), std::abs(qAlpha(pa) - qAlpha(pb))});
            if (delta > 24)
                ++differing;
        }
    }
    return double(differing) / double(qsizetype(a.width()) * a.height());
}

int check(QSvgRenderer &svg, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        printErr(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        return 1;
    }
    const QByteArray data = file.readAll();
    QString error;
    const bool isIcns = path.endsWith(QLatin1String(".icns"));
    const auto entries = isIcns ? decodeIcns(data, &error) : decodeIco(data, &error);
    if (!entries) {
        printErr(QStringLiteral("%1: %2").arg(path, error));
        return 1;
    }
    const std::size_t expected = isIcns ? kIcnsSlots.size() : kIcoSizes.size();
    if (entries->size() != expected) {
        printErr(QStringLiteral("%1: %2 images, expected %3").arg(path).arg(entries->size()).arg(expected));
        return 1;
    }
    int failures = 0;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const IconEntry &entry = (*entries)[i];
        const QImage stored = QImage::fromData(entry.png, "PNG").convertToFormat(QImage::Format_ARGB32);
        if (stored.isNull() || stored.width() != entry.size || stored.height() != entry.size) {
            printErr(QStringLiteral("%1: image %2 is not a %3x%3 PNG").arg(path).arg(i).arg(entry.size));
            ++failures;
            continue;
        }
        const auto fresh = render(svg, entry.size);
        const double share = fresh ? differingShare(stored, *fresh) : 1.0;
        if (share > 0.01) {
            printErr(QStringLiteral("%1: the %2x%2 image differs from the SVG in %3% of its pixels; "
                                    "regenerate it (see packaging/README.md)")
                         .arg(path)
                         .arg(entry.size)
                         .arg(share * 100.0, 0, 'f', 1));
            ++failures;
        }
    }
    if (failures == 0)
        std::printf("%s: %zu images match the SVG\n", qPrintable(path), entries->size());
    return failures == 0 ? 0 : 1;
}

int usage()
{
    std::fprintf(stderr, "usage: tidemark-iconrender png <svg> <outdir> <name> <size>...\n"
                         "       tidemark-iconrender ico <svg> <out.ico>\n"
                         "       tidemark-iconrender icns <svg> <out.icns>\n"
                         "       tidemark-iconrender check <svg> <file.ico|file.icns>...\n");
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    if (args.size() < 3)
        return usage();
    const QString command = args.takeFirst();
    const QString svgPath = args.takeFirst();

    QSvgRenderer svg(svgPath);
    if (!svg.isValid()) {
        printErr(QStringLiteral("%1: not a readable SVG file").arg(svgPath));
        return 1;
    }

    if (command == QLatin1String("png")) {
        if (args.size() < 3)
            return usage();
        const QString outDir = args.takeFirst();
        const QString name = args.takeFirst();
        for (const QString &sizeText : std::as_const(args)) {
            bool ok = false;
            const int size = sizeText.toInt(&ok);
            if (!ok || size < 8 || size > 4096) {
                printErr(QStringLiteral("bad size '%1' (want 8..4096)").arg(sizeText));
                return 2;
            }
            const auto image = render(svg, size);
            const QString path = QStringLiteral("%1/hicolor/%2x%2/apps/%3.png").arg(outDir).arg(size).arg(name);
            if (!image || !writeFile(path, toPng(*image)))
                return 1;
        }
        return 0;
    }
    if (command == QLatin1String("ico") || command == QLatin1String("icns")) {
        if (args.size() != 1)
            return usage();
        QByteArray out;
        if (command == QLatin1String("ico")) {
            std::vector<IconEntry> entries;
            for (const int size : kIcoSizes)
                entries.push_back({size, toPng(render(svg, size).value_or(QImage()))});
            out = encodeIco(entries);
        } else {
            std::vector<std::pair<QByteArray, QByteArray>> images;
            for (const auto &[type, size] : kIcnsSlots)
                images.emplace_back(QByteArray(type), toPng(render(svg, size).value_or(QImage())));
            out = encodeIcns(images);
        }
        return writeFile(args.first(), out) ? 0 : 1;
    }
    if (command == QLatin1String("check")) {
        int rc = 0;
        for (const QString &path : std::as_const(args))
            rc |= check(svg, path);
        return rc;
    }
    return usage();
}
