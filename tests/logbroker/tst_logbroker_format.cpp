// The bytes on disk: CRC-32C against its standard check value, frames encoded big-endian at
// the documented positions, and every kind of damaged frame refused by the decoder.

#include "logbroker/Crc32c.h"
#include "logbroker/FrameFormat.h"

#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

using namespace tidemark;
using namespace tidemark::logbroker;

class TestLogbrokerFormat final : public QObject {
    Q_OBJECT

private slots:
    void crcCheckValue_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<quint32>("expected");
        QTest::newRow("check value") << QByteArray("123456789") << 0xE3069283u;
        QTest::newRow("empty") << QByteArray() << 0x00000000u;
        // RFC 3720 (iSCSI) B.4 test vectors.
        QTest::newRow("32 zeros") << QByteArray(32, '\0') << 0x8A9136AAu;
        QTest::newRow("32 ones") << QByteArray(32, '\xFF') << 0x62A8AB43u;
        QByteArray inc(32, '\0');
        for (int i = 0; i < 32; ++i)
            inc[i] = static_cast<char>(i);
        QTest::newRow("incrementing") << inc << 0x46DD794Eu;
    }
    void crcCheckValue()
    {
        QFETCH(QByteArray, input);
        QFETCH(quint32, expected);
        QCOMPARE(crc32c(input.constData(), static_cast<size_t>(input.size())), expected);
        QCOMPARE(crc32cExtendSoftware(0, input.constData(), static_cast<size_t>(input.size())), expected);
        QCOMPARE(crc32cExtendHardware(0, input.constData(), static_cast<size_t>(input.size())), expected);
    }

    void crcImplementationsAgreeAndExtend()
    {
        QRandomGenerator rng(42);
        for (int round = 0; round < 200; ++round) {
            QByteArray data(static_cast<qsizetype>(rng.bounded(0, 3000)), Qt::Uninitialized);
            for (char &c : data)
                c = static_cast<char>(rng.bounded(256));
            const auto n = static_cast<size_t>(data.size());
            const quint32 whole = crc32cExtendSoftware(0, data.constData(), n);
            QCOMPARE(crc32cExtendHardware(0, data.constData(), n), whole);
            const size_t split = n ? static_cast<size_t>(rng.bounded(static_cast<quint32>(n))) : 0;
            QCOMPARE(crc32cExtend(crc32c(data.constData(), split), data.constData() + split, n - split), whole);
        }
        if (!crc32cHardwareAvailable())
            qInfo("SSE4.2 not available: only the table implementation was exercised");
    }

    void crcOfBigEndianWordsMatchesTheBytes()
    {
        QRandomGenerator rng(5);
        for (size_t count : {0, 1, 2, 13, 40}) {
            std::vector<quint64> words(count);
            QByteArray bytes;
            for (quint64 &w : words) {
                w = rng.generate64();
                char be[8];
                qToBigEndian(w, be);
                bytes.append(be, 8);
            }
            QCOMPARE(crc32cOfBigEndianWords(words.data(), count),
                     crc32cExtendSoftware(0, bytes.constData(), size_t(bytes.size())));
        }
    }

    void crcOfManyBuffersMatchesOneByOne()
    {
        QRandomGenerator rng(9);
        for (size_t count : {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 47, 48, 100}) {
            std::vector<QByteArray> buffers;
            std::vector<const char *> data;
            std::vector<size_t> lengths;
            for (size_t i = 0; i < count; ++i) {
                // Mostly record-sized buffers, some tiny (the lanes' tails), some long.
                const int length = i % 7 == 0    ? rng.bounded(0, 16)
                                   : i % 11 == 0 ? rng.bounded(600, 5000)
                                                 : rng.bounded(80, 420);
                QByteArray b(static_cast<qsizetype>(length), Qt::Uninitialized);
                for (char &c : b)
                    c = static_cast<char>(rng.bounded(256));
                buffers.push_back(b);
            }
            for (const QByteArray &b : buffers) {
                data.push_back(b.constData());
                lengths.push_back(static_cast<size_t>(b.size()));
            }
            std::vector<quint32> crcs(count);
            crc32cMany(data.data(), lengths.data(), crcs.data(), count);
            for (size_t i = 0; i < count; ++i)
                QCOMPARE(crcs[i], crc32cExtendSoftware(0, data[i], lengths[i]));
        }
    }

    void sealedFramesEqualFramesEncodedOneByOne()
    {
        std::vector<OutgoingRecord> records;
        for (int i = 0; i < 100; ++i) {
            OutgoingRecord r;
            r.key = QByteArray::number(i * 7);
            r.value = QByteArray(i * 3 % 250, char('a' + i % 26));
            records.push_back(r);
        }
        QByteArray one;
        std::vector<qint64> starts{0};
        for (size_t i = 0; i < records.size(); ++i) {
            appendFrame(one, qint64(i), 1000 + qint64(i), records[i]);
            starts.push_back(one.size());
        }
        QByteArray sealed(one.size(), '\0');
        for (size_t i = 0; i < records.size(); ++i)
            encodeFrame(sealed.data() + starts[i], starts[i + 1] - starts[i], qint64(i), 1000 + qint64(i), records[i],
                        false);
        sealFrames(sealed.data(), starts.data(), records.size());
        QCOMPARE(sealed, one);
    }

    void frameLayoutIsBigEndianAtDocumentedPositions()
    {
        OutgoingRecord r;
        r.key = QByteArray("00042");
        r.value = QByteArray("{\"order_id\":\"0001\"}");
        r.headers = {{"trace", QByteArray("abc")}, {"nullable", std::nullopt}};
        QByteArray out;
        appendFrame(out, 0x0102030405060708LL, 1700000000123LL, r);
        QCOMPARE(out.size(), encodedFrameSize(r));
        QCOMPARE(out.left(8), QByteArray::fromHex("0102030405060708"));
        QCOMPARE(qFromBigEndian<qint32>(out.constData() + 8), out.size() - 12);
        const quint32 crc = qFromBigEndian<quint32>(out.constData() + 12);
        QCOMPARE(crc, crc32c(out.constData() + 16, static_cast<size_t>(out.size() - 16)));
        QCOMPARE(out.at(16), char(1)); // magic
        QCOMPARE(out.at(17), char(0)); // attributes
        QCOMPARE(qFromBigEndian<qint64>(out.constData() + 18), 1700000000123LL);
        QCOMPARE(qFromBigEndian<qint32>(out.constData() + 26), 5);
        QCOMPARE(out.mid(30, 5), QByteArray("00042"));
        QCOMPARE(qFromBigEndian<qint32>(out.constData() + 35), r.value->size());
        QCOMPARE(out.mid(39, r.value->size()), r.value);

        FrameView f;
        QCOMPARE(decodeFrame(out.constData(), out.size(), f), FrameStatus::Ok);
        const Record rec = toRecord(f, QStringLiteral("orders"), 2);
        QCOMPARE(rec.offset, 0x0102030405060708LL);
        QCOMPARE(rec.timestampMs, 1700000000123LL);
        QCOMPARE(rec.key, r.key);
        QCOMPARE(rec.value, r.value);
        QCOMPARE(rec.headers, r.headers);
        QCOMPARE(rec.partition, 2);
    }

    void roundTrip_data()
    {
        QTest::addColumn<std::optional<QByteArray>>("key");
        QTest::addColumn<std::optional<QByteArray>>("value");
        using B = std::optional<QByteArray>;
        QTest::newRow("null key") << B() << B(QByteArray("v"));
        QTest::newRow("empty key") << B(QByteArray("")) << B(QByteArray("v"));
        QTest::newRow("empty value") << B(QByteArray("k")) << B(QByteArray());
        QTest::newRow("null value") << B(QByteArray("k")) << B();
        QTest::newRow("null key and value") << B() << B();
        QTest::newRow("binary") << B(QByteArray("\0\1\2", 3)) << B(QByteArray(70000, '\xAB'));
    }
    void roundTrip()
    {
        QFETCH(std::optional<QByteArray>, key);
        QFETCH(std::optional<QByteArray>, value);
        OutgoingRecord r;
        r.key = key;
        r.value = value;
        QByteArray out;
        appendFrame(out, 7, 9, r);
        patchFrameOffset(out.data(), 123456);
        FrameView f;
        QCOMPARE(decodeFrame(out.constData(), out.size(), f), FrameStatus::Ok);
        const Record rec = toRecord(f, QStringLiteral("t"), 0);
        QCOMPARE(rec.offset, 123456); // the CRC does not cover the offset: patching keeps it valid
        QCOMPARE(rec.key, key);
        QCOMPARE(rec.value, value);
        QVERIFY(rec.headers.empty());
    }

    void damagedFramesAreRefused()
    {
        OutgoingRecord r;
        r.key = QByteArray("key");
        r.value = QByteArray("a value long enough to flip bytes in");
        QByteArray good;
        appendFrame(good, 3, 1000, r);
        FrameView f;

        for (qsizetype cut = 0; cut < good.size(); ++cut)
            QCOMPARE(decodeFrame(good.constData(), cut, f), FrameStatus::Incomplete);

        for (qsizetype at = 12; at < good.size(); ++at) { // every byte the CRC covers (and the CRC)
            QByteArray bad = good;
            bad[at] = static_cast<char>(bad[at] ^ 0x10);
            QCOMPARE(decodeFrame(bad.constData(), bad.size(), f), FrameStatus::BadCrc);
        }

        QByteArray badLength = good;
        qToBigEndian<qint32>(5, badLength.data() + 8);
        QCOMPARE(decodeFrame(badLength.constData(), badLength.size(), f), FrameStatus::BadLength);
        qToBigEndian<qint32>(kFrameMaxLength + 1, badLength.data() + 8);
        QCOMPARE(decodeFrame(badLength.constData(), badLength.size(), f), FrameStatus::BadLength);

        // Valid CRC over inconsistent content: a key length running past the frame.
        QByteArray layout = good;
        qToBigEndian<qint32>(1000, layout.data() + 26);
        qToBigEndian<quint32>(crc32c(layout.constData() + 16, static_cast<size_t>(layout.size() - 16)),
                              layout.data() + 12);
        QCOMPARE(decodeFrame(layout.constData(), layout.size(), f), FrameStatus::BadLayout);

        QByteArray zeros(64, '\0');
        QVERIFY(decodeFrame(zeros.constData(), zeros.size(), f) != FrameStatus::Ok);
    }

    // Frame format 2: a null value (a tombstone) is value length -1 under magic 02; every frame
    // with a value, empty included, stays magic 01 byte for byte.
    void tombstoneIsFormat2WithValueLengthMinusOne()
    {
        OutgoingRecord r;
        r.key = QByteArray("00042");
        r.value = std::nullopt;
        r.headers = {{"h", QByteArray("x")}};
        QByteArray out;
        appendFrame(out, 5, 1700000000123LL, r);
        QCOMPARE(out.size(), encodedFrameSize(r));
        QCOMPARE(out.at(16), char(2)); // magic
        QCOMPARE(qFromBigEndian<qint32>(out.constData() + 35), -1);
        QCOMPARE(qFromBigEndian<qint32>(out.constData() + 39), 1); // header count right after
        QCOMPARE(qFromBigEndian<qint32>(out.constData() + 8), out.size() - 12);
        FrameView f;
        QCOMPARE(decodeFrame(out.constData(), out.size(), f), FrameStatus::Ok);
        QCOMPARE(f.magic, qint8(2));
        QVERIFY(f.value == nullptr);
        QCOMPARE(f.valueLength, -1);
        const Record rec = toRecord(f, QStringLiteral("t"), 0);
        QVERIFY(rec.isTombstone());
        QCOMPARE(rec.key, r.key);
        QCOMPARE(rec.headers, r.headers);

        // An empty value is not null: magic 01, value length 0, decoded as empty.
        OutgoingRecord empty = r;
        empty.value = QByteArray();
        QByteArray emptyOut;
        appendFrame(emptyOut, 5, 1700000000123LL, empty);
        QCOMPARE(emptyOut.at(16), char(1));
        QCOMPARE(qFromBigEndian<qint32>(emptyOut.constData() + 35), 0);
        QCOMPARE(emptyOut.size(), out.size());
        QCOMPARE(decodeFrame(emptyOut.constData(), emptyOut.size(), f), FrameStatus::Ok);
        QCOMPARE(toRecord(f, QStringLiteral("t"), 0).value, std::optional<QByteArray>(QByteArray()));

        // Sealing a batch with tombstones gives the same bytes as one at a time.
        const std::vector<OutgoingRecord> records{r, empty, r};
        QByteArray one;
        std::vector<qint64> starts{0};
        for (size_t i = 0; i < records.size(); ++i) {
            appendFrame(one, qint64(i), 9, records[i]);
            starts.push_back(one.size());
        }
        QByteArray sealed(one.size(), '\0');
        for (size_t i = 0; i < records.size(); ++i)
            encodeFrame(sealed.data() + starts[i], starts[i + 1] - starts[i], qint64(i), 9, records[i], false);
        sealFrames(sealed.data(), starts.data(), records.size());
        QCOMPARE(sealed, one);
    }

    // Format 1 has no null value: a magic-01 frame with value length -1 is still a bad layout.
    // (A reader from before format 2 says "bad layout" about every magic-02 frame.)
    void valueLengthMinusOneUnderMagic1IsBadLayout()
    {
        OutgoingRecord r;
        r.key = QByteArray("k");
        r.value = std::nullopt;
        QByteArray frame;
        appendFrame(frame, 0, 1, r);
        frame[16] = char(1);
        qToBigEndian<quint32>(crc32c(frame.constData() + 16, static_cast<size_t>(frame.size() - 16)),
                              frame.data() + 12);
        FrameView f;
        QCOMPARE(decodeFrame(frame.constData(), frame.size(), f), FrameStatus::BadLayout);

        // And format 2 is a null value only: one encoding per record.
        r.value = QByteArray("v");
        QByteArray withValue;
        appendFrame(withValue, 0, 1, r);
        withValue[16] = char(2);
        qToBigEndian<quint32>(crc32c(withValue.constData() + 16, static_cast<size_t>(withValue.size() - 16)),
                              withValue.data() + 12);
        QCOMPARE(decodeFrame(withValue.constData(), withValue.size(), f), FrameStatus::BadLayout);
    }

    // A CRC-valid frame of an unknown, higher format is not damage: NewerFormat, with its
    // offset, length and magic known, and a message that says to upgrade.
    void newerFormatIsReportedNotCorrupt_data()
    {
        QTest::addColumn<int>("magic");
        QTest::newRow("3") << 3;
        QTest::newRow("127") << 127;
    }
    void newerFormatIsReportedNotCorrupt()
    {
        QFETCH(int, magic);
        OutgoingRecord r;
        r.key = QByteArray("k");
        r.value = QByteArray("v");
        QByteArray frame;
        appendFrame(frame, 77, 1, r);
        frame[16] = char(magic);
        qToBigEndian<qint32>(-7, frame.data() + 31); // a layout this reader would refuse
        qToBigEndian<quint32>(crc32c(frame.constData() + 16, static_cast<size_t>(frame.size() - 16)),
                              frame.data() + 12);
        FrameView f;
        QCOMPARE(decodeFrame(frame.constData(), frame.size(), f), FrameStatus::NewerFormat);
        QCOMPARE(f.offset, qint64(77));
        QCOMPARE(f.magic, qint8(magic));
        QCOMPARE(f.frameSize(), frame.size());
        QVERIFY(newerFrameFormatText(f.magic).contains(
            QStringLiteral("written by a newer Tidemark (frame format %1").arg(magic)));
        // A damaged one is still damage.
        frame[frame.size() - 1] = char(frame.at(frame.size() - 1) ^ 1);
        QCOMPARE(decodeFrame(frame.constData(), frame.size(), f), FrameStatus::BadCrc);
        // Magic 0 is not a format at all.
        QByteArray zero;
        appendFrame(zero, 0, 1, r);
        zero[16] = char(0);
        qToBigEndian<quint32>(crc32c(zero.constData() + 16, static_cast<size_t>(zero.size() - 16)), zero.data() + 12);
        QCOMPARE(decodeFrame(zero.constData(), zero.size(), f), FrameStatus::BadLayout);
    }

    // The first frame of the example topic in docs/on-disk-format.md, byte for byte: old
    // data reads unchanged and a record with a value still encodes to exactly these bytes.
    void documentedMagic1FrameIsUnchanged()
    {
        OutgoingRecord r;
        r.key = QByteArray("22465");
        r.value = QByteArray(315, 'x');
        QByteArray out;
        appendFrame(out, 0, 1795629003935LL, r);
        QCOMPARE(out.size(), 358);
        const QByteArray fixed =
            QByteArray("00000000000000000000015a") + out.mid(12, 4).toHex() + "0100000001a213d4349f";
        QCOMPARE(out.left(26).toHex(), fixed);
        QCOMPARE(out.mid(26, 13).toHex(), QByteArray("00000005323234363500000") + QByteArray("13b"));
        FrameView f;
        QCOMPARE(decodeFrame(out.constData(), out.size(), f), FrameStatus::Ok);
        QCOMPARE(f.magic, qint8(1));
        QCOMPARE(toRecord(f, QStringLiteral("orders"), 0).value, r.value);
    }
};

QTEST_GUILESS_MAIN(TestLogbrokerFormat)
#include "tst_logbroker_format.moc"
