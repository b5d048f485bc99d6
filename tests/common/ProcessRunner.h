#pragma once

// Runs an external program for a test (kcat, tidemark-cli, Kafka's tools) with optional
// standard input and a timeout, and returns its exit code and output.
//
// Threading: test thread only.

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace tidemark::test {

struct ProcessResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool finished = false;
};

inline ProcessResult runProcess(const QString &program, const QStringList &args, const QByteArray &input = {},
                                int timeoutMs = 120000)
{
    QProcess p;
    p.start(program, args);
    ProcessResult r;
    if (!p.waitForStarted(10000)) {
        r.err = "could not start " + program.toUtf8() + ": " + p.errorString().toUtf8();
        return r;
    }
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(5000);
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace tidemark::test
