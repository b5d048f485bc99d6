// tidemark-cli's broker-free commands and both --version flags, run as real processes.

#include "TestPaths.h"
#include "core/Order.h"
#include "core/Partitioner.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace tidemark;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return {};
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

Run cli(const QStringList &args, const QByteArray &input = {})
{
    return run(tidemark::test::paths::cli(), args, input);
}

QString guiPath() { return tidemark::test::paths::gui(); }

} // namespace

class TestCliBasic final : public QObject {
    Q_OBJECT

private slots:
    void versions()
    {
        const Run c = cli({QStringLiteral("--version")});
        QCOMPARE(c.exitCode, 0);
        QVERIFY2(c.out.startsWith("Tidemark " TIDEMARK_VERSION), c.out.constData());
        QVERIFY(c.out.contains("librdkafka"));
        const Run g = run(guiPath(), {QStringLiteral("--version")});
        QCOMPARE(g.exitCode, 0);
        QVERIFY2(g.out.startsWith("Tidemark " TIDEMARK_VERSION), g.out.constData());
    }

    // `tidemark --help` prints its usage and exits, like --version: it opens no window and
    // writes no settings or data (it started the app on the user's data folder).
    void guiHelp()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("TIDEMARK_DATA"), home.filePath(QStringLiteral("tidemark-data")));
        p.setProcessEnvironment(env);
        for (const QString &flag : {QStringLiteral("--help"), QStringLiteral("-h")}) {
            p.start(guiPath(), {flag});
            QVERIFY(p.waitForStarted(10000));
            const bool finished = p.waitForFinished(20000);
            if (!finished) {
                p.kill();
                p.waitForFinished();
            }
            QVERIFY2(finished, "tidemark --help did not exit (it started the app)");
            QCOMPARE(p.exitCode(), 0);
            const QByteArray out = p.readAllStandardOutput();
            QVERIFY2(out.startsWith("Usage: tidemark"), out.constData());
            QVERIFY(out.contains("TIDEMARK_DATA"));
            QVERIFY(out.contains("--version"));
        }
        QCOMPARE(QDir(home.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{});
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no command") << QStringList{} << QByteArray();
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                         << QByteArray("unknown command 'frobnicate'");
        QTest::newRow("generate without count")
            << QStringList{QStringLiteral("generate")} << QByteArray("--count N is required");
        QTest::newRow("generate bad count")
            << QStringList{QStringLiteral("generate"), QStringLiteral("--count"), QStringLiteral("ten")}
            << QByteArray("--count must be a whole number");
        QTest::newRow("partition bad name") << QStringList{QStringLiteral("partition"), QStringLiteral("--partitioner"),
                                                           QStringLiteral("crc64"),     QStringLiteral("--partitions"),
                                                           QStringLiteral("3"),         QStringLiteral("k")}
                                            << QByteArray("unknown partitioner 'crc64'");
        QTest::newRow("partition zero partitions")
            << QStringList{QStringLiteral("partition"), QStringLiteral("--partitions"), QStringLiteral("0"),
                           QStringLiteral("k")}
            << QByteArray("--partitions must be a whole number between 1");
        QTest::newRow("partition no key")
            << QStringList{QStringLiteral("partition"), QStringLiteral("--partitions"), QStringLiteral("3")}
            << QByteArray("at least one KEY");
        // A bare word was silently dropped, then "--topic is required" said nothing of it.
        QTest::newRow("consume with a bare topic")
            << QStringList{QStringLiteral("consume"), QStringLiteral("--group"), QStringLiteral("billing"),
                           QStringLiteral("orders")}
            << QByteArray("consume: --topic is required (did you mean --topic orders?)");
        QTest::newRow("consume with a stray word") << QStringList{QStringLiteral("consume"), QStringLiteral("--topic"),
                                                                  QStringLiteral("orders"), QStringLiteral("billing")}
                                                   << QByteArray("consume: unexpected argument 'billing'");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("generate"), QStringLiteral("--bogus")}
                                        << QByteArray("bogus");
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
    }

    void generateIsDeterministicAndValid()
    {
        const QStringList args{QStringLiteral("generate"), QStringLiteral("--count"), QStringLiteral("500"),
                               QStringLiteral("--seed"),   QStringLiteral("9"),       QStringLiteral("--start-id"),
                               QStringLiteral("100")};
        const Run a = cli(args);
        const Run b = cli(args);
        QCOMPARE(a.exitCode, 0);
        QCOMPARE(a.out, b.out);
        const QList<QByteArray> lines = a.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 500);
        QVERIFY(lines.first().startsWith("{\"order_id\":\"0100\",\"user_id\":\""));
        for (const QByteArray &line : lines)
            QVERIFY2(parseOrder(line).ok(), line.constData());
        // And validate agrees.
        const Run v = cli({QStringLiteral("validate")}, a.out);
        QCOMPARE(v.exitCode, 0);
        QCOMPARE(v.out, QByteArray("500 valid, 0 invalid, 0 blank lines\n"));
        QVERIFY(v.err.isEmpty());
    }

    void validateReportsEachBadLine()
    {
        const QByteArray input =
            R"({"order_id":"1","user_id":"2","items":[{"product_id":"5","quantity":1,"price":2}],"total_price":2})"
            "\n"
            "{broken\n"
            "\n"
            R"({"order_id":"1","user_id":"2","items":[{"product_id":"5","quantity":-1,"price":2}],"total_price":-2})"
            "\n"
            R"({"order_id":"1","user_id":"2","items":[{"product_id":"5","quantity":2,"price":2}],"total_price":5})"
            "\n"
            // Printed by the seed tutorial's Go generator (refused before: items were rounded to
            // cents one by one and drifted two cents from its exact float64 total).
            R"({"order_id":"0193","user_id":"11230","items":[{"product_id":"489","quantity":8,)"
            R"("price":107.93748423680337},{"product_id":"948","quantity":7,"price":890.7535526256926},)"
            R"({"product_id":"221","quantity":10,"price":761.1804933046111},{"product_id":"718",)"
            R"("quantity":6,"price":474.6437077766669},{"product_id":"669","quantity":5,)"
            R"("price":757.8489483914295}],"total_price":21347.686663937537})";
        const Run v = cli({QStringLiteral("validate")}, input);
        QCOMPARE(v.exitCode, 1);
        QCOMPARE(v.out, QByteArray("2 valid, 3 invalid, 1 blank lines\n"));
        QVERIFY2(v.err.contains("line 2: malformed JSON"), v.err.constData());
        QVERIFY2(v.err.contains("line 4: item 1: quantity must be at least 1, got -1"), v.err.constData());
        QVERIFY2(v.err.contains("line 5: total_price 5 does not match the items: the sum of price x quantity is 4\n"),
                 v.err.constData());
        QVERIFY(!v.err.contains("line 1:"));
        QVERIFY(!v.err.contains("line 3:"));
        QVERIFY(!v.err.contains("line 6:"));
    }

    void partitionPrintsKeyTabPartition()
    {
        const Run r = cli({QStringLiteral("partition"), QStringLiteral("--partitions"), QStringLiteral("3"),
                           QStringLiteral("foobar"), QStringLiteral("00042"), QStringLiteral("заказ")});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        // Java client: toPositive(murmur2("foobar")) % 3 with murmur2("foobar") = -790332482.
        QCOMPARE(lines[0], QByteArray("foobar\t") + QByteArray::number((-790332482 & 0x7fffffff) % 3));
        QCOMPARE(lines[1], QByteArray("00042\t") +
                               QByteArray::number(*hashPartition(PartitionerKind::Murmur2, QByteArray("00042"), 3)));
        QCOMPARE(lines[2],
                 QStringLiteral("заказ").toUtf8() + '\t' +
                     QByteArray::number(*hashPartition(PartitionerKind::Murmur2, QStringLiteral("заказ").toUtf8(), 3)));

        const Run c = cli({QStringLiteral("partition"), QStringLiteral("--partitioner"), QStringLiteral("consistent"),
                           QStringLiteral("--partitions"), QStringLiteral("7"), QStringLiteral("123456789")});
        QCOMPARE(c.out, QByteArray("123456789\t") + QByteArray::number(0xCBF43926u % 7) + '\n');
    }

    // Keys are bytes: a leading BOM was dropped and invalid UTF-8 became U+FFFD, so the
    // partition printed was not the one a client sending those bytes gets. The shell passes
    // the bytes (QProcess arguments are text); `--` ends the options; hex and base64 give NUL.
    void partitionKeepsKeyBytes()
    {
        const QByteArray script =
            "exec \"$0\" partition --partitions 7 --key-hex 00ff \"$(printf '\\357\\273\\277bom')\" "
            "\"$(printf '\\377\\376x')\" --key-base64 AP8= -- -dash --partitions";
        const Run r = run(QStringLiteral("/bin/sh"),
                          {QStringLiteral("-c"), QString::fromLatin1(script), tidemark::test::paths::cli()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto line = [](const QByteArray &shown, const QByteArray &bytes) {
            return shown + '\t' + QByteArray::number(*hashPartition(PartitionerKind::Murmur2, bytes, 7)) + '\n';
        };
        const QByteArray nulFf("\x00\xff", 2);
        QCOMPARE(r.out, line("00ff", nulFf) +
                            line("\xef\xbb\xbf"
                                 "bom",
                                 "\xef\xbb\xbf"
                                 "bom") +
                            line("\xff\xfex", "\xff\xfex") + line("AP8=", nulFf) + line("-dash", "-dash") +
                            line("--partitions", "--partitions"));

        const Run bad = cli({QStringLiteral("partition"), QStringLiteral("--partitions"), QStringLiteral("3"),
                             QStringLiteral("--key-hex"), QStringLiteral("0g")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--key-hex wants pairs of hex digits, got '0g'"), bad.err.constData());
        const Run help = cli({QStringLiteral("partition"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains("Put -- before keys that start with '-'"), help.out.constData());
    }

    // -X sasl.password=... is a secret on the command line: warned about, and the help says to
    // use --password-env; a malformed -X never prints its text.
    void kafkaSecretsOnTheCommandLine()
    {
        const QStringList kafka{QStringLiteral("topic"),
                                QStringLiteral("list"),
                                QStringLiteral("--bootstrap"),
                                QStringLiteral("127.0.0.1:9"),
                                QStringLiteral("--connect-timeout-ms"),
                                QStringLiteral("100")};
        const Run warned = cli(kafka + QStringList{QStringLiteral("-X"), QStringLiteral("sasl.password=hunter2")});
        QCOMPARE(warned.exitCode, 1); // nothing listens on port 9
        QVERIFY2(warned.err.contains("Warning: -X sasl.password=... puts a secret on the command line"),
                 warned.err.constData());
        QVERIFY2(warned.err.contains("--password-env"), warned.err.constData());
        QVERIFY2(!warned.err.contains("hunter2") && !warned.out.contains("hunter2"), warned.err.constData());

        const Run keyPassword =
            cli(kafka + QStringList{QStringLiteral("-X"), QStringLiteral("ssl.key.password=hunter3")});
        QVERIFY2(keyPassword.err.contains("Warning: -X ssl.key.password=... puts a secret on the command line"),
                 keyPassword.err.constData());
        QVERIFY2(keyPassword.err.contains("--key-password-env"), keyPassword.err.constData());
        QVERIFY2(!keyPassword.err.contains("hunter3"), keyPassword.err.constData());

        const Run malformed = cli(kafka + QStringList{QStringLiteral("-X"), QStringLiteral("sasl.password:hunter2")});
        QCOMPARE(malformed.exitCode, 1);
        QVERIFY2(malformed.err.contains("-X expects KEY=VALUE"), malformed.err.constData());
        QVERIFY2(!malformed.err.contains("hunter2"), malformed.err.constData());

        const Run help = cli({QStringLiteral("consume"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        const QByteArray text = help.out.simplified();
        QVERIFY2(text.contains("Not for secrets: -X sasl.password=... shows in the process list"), text.constData());
        QVERIFY2(text.contains("Use this, not -X sasl.password=...: a secret on the command line"), text.constData());
    }

    // The profile dialog's warnings (core's kafkaProfileWarnings), printed on stderr before
    // connecting: a private key others can read, host name or certificate verification turned
    // off through -X; nothing for a key readable by its owner only with verification on.
    void kafkaProfileWarningsOnStderr()
    {
        QTemporaryDir dir;
        const QString key = dir.filePath(QStringLiteral("client.key"));
        {
            QFile f(key);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("-----BEGIN PRIVATE KEY-----\n");
        }
        QVERIFY(QFile::setPermissions(key, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        const QStringList tls{QStringLiteral("topic"),
                              QStringLiteral("list"),
                              QStringLiteral("--bootstrap"),
                              QStringLiteral("127.0.0.1:9"),
                              QStringLiteral("--connect-timeout-ms"),
                              QStringLiteral("100"),
                              QStringLiteral("--security-protocol"),
                              QStringLiteral("SSL"),
                              QStringLiteral("--key-file"),
                              key};
        const Run risky =
            cli(tls + QStringList{QStringLiteral("-X"), QStringLiteral("ssl.endpoint.identification.algorithm=none")});
        QCOMPARE(risky.exitCode, 1); // nothing listens on port 9
        QVERIFY2(risky.err.contains("can be read by every user of this computer") && risky.err.contains(key.toUtf8()),
                 risky.err.constData());
        QVERIFY2(risky.err.contains("does not check that the broker's certificate names the broker's host"),
                 risky.err.constData());
        QCOMPARE(risky.err.count("Warning:"), 2);

        const Run unverified =
            cli(tls + QStringList{QStringLiteral("-X"), QStringLiteral("enable.ssl.certificate.verification=false")});
        QVERIFY2(unverified.err.contains("does not verify the broker's certificate at all"),
                 unverified.err.constData());

        QVERIFY(QFile::setPermissions(key, QFile::ReadOwner | QFile::WriteOwner));
        const Run quiet = cli(tls);
        QCOMPARE(quiet.exitCode, 1);
        QVERIFY2(!quiet.err.contains("Warning"), quiet.err.constData());
        // Plaintext: no certificate to verify, so -X ssl.* settings warn about nothing.
        const Run plaintext =
            cli(tls.mid(0, 6) +
                QStringList{QStringLiteral("-X"), QStringLiteral("ssl.endpoint.identification.algorithm=none")});
        QVERIFY2(!plaintext.err.contains("Warning"), plaintext.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliBasic)
#include "tst_cli_basic.moc"
