#pragma once

// `tidemark-cli serve` as a child process for tests: started on a port the system picks
// (--listen 127.0.0.1:0), its address read back from its first line of output; stop() sends
// SIGTERM (what Ctrl-C does) and returns the summary it prints on the way out. Also runs kcat
// against it. The child is sent SIGTERM by the kernel when the test process ends in any way
// (an abort, a sanitizer's report, kill -9), so no server outlives its test: a static
// ServeProcess's destructor does not run when a test aborts.
//
// Threading: test thread only.

#include "ProcessRunner.h"
#include "TestPaths.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace tidemark::test {

class ServeProcess {
public:
    ~ServeProcess() { stop(); }

    // Starts serving `dataDirectory`; false (with the reason in error()) if it did not come up.
    bool start(const QString &dataDirectory, const QStringList &extra = {})
    {
        m_process.setProgram(tidemark::test::paths::cli());
        m_process.setArguments(QStringList{QStringLiteral("serve"), QStringLiteral("--data"), dataDirectory,
                                           QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")} +
                               extra);
        m_process.setChildProcessModifier([parent = ::getpid()] {
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (::getppid() != parent) // the test ended before the line above
                ::_exit(1);
        });
        m_process.start();
        if (!m_process.waitForStarted(10000)) {
            m_error = m_process.errorString();
            return false;
        }
        while (!m_process.canReadLine()) {
            if (!m_process.waitForReadyRead(20000)) {
                m_error = QString::fromUtf8(m_process.readAllStandardError());
                return false;
            }
        }
        const QByteArray line = m_process.readLine().trimmed();
        if (!line.startsWith("listening on ")) {
            m_error = QString::fromUtf8(line);
            return false;
        }
        m_bootstrap = QString::fromUtf8(line.mid(13));
        return true;
    }

    QString bootstrap() const { return m_bootstrap; }
    QString error() const { return m_error; }

    // SIGTERM, then the summary line ("served ... batches by compression: none=.. gzip=..").
    QByteArray stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return m_summary;
        ::kill(static_cast<pid_t>(m_process.processId()), SIGTERM);
        if (!m_process.waitForFinished(30000)) {
            m_process.kill();
            m_process.waitForFinished();
        }
        m_summary = m_process.readAllStandardOutput();
        m_stderr = m_process.readAllStandardError();
        m_exitCode = m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
        return m_summary;
    }
    int exitCode() const { return m_exitCode; }
    QByteArray stderrText() const { return m_stderr; }

    ProcessResult kcat(const QStringList &args, const QByteArray &input = {}) const
    {
        return runProcess(QStringLiteral("kcat"), QStringList{QStringLiteral("-b"), m_bootstrap} + args, input);
    }

private:
    QProcess m_process;
    QString m_bootstrap;
    QString m_error;
    QByteArray m_summary;
    QByteArray m_stderr;
    int m_exitCode = -1;
};

} // namespace tidemark::test
