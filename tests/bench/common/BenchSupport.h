#pragma once

// What the benchmarks share (tests/bench/*): ending a run with a message, reading /proc, CPU
// time of this process and of waited-for children (a pipeline's processes), and a Kafka
// profile for the test cluster. Header-only: each benchmark is one executable.

#include <QFile>
#include <QString>

#include <cstdio>
#include <cstdlib>

#include <sys/resource.h>
#include <time.h>

namespace tidemark::bench {

[[noreturn]] inline void die(const char *bench, const QString &message)
{
    std::fprintf(stderr, "%s: %s\n", bench, qPrintable(message));
    std::exit(1);
}

// A field of /proc/self/<file> ("/proc/self/status", "VmHWM:"), times `unit`; -1 if absent.
inline qint64 procField(const char *file, const char *name, qint64 unit)
{
    QFile f(QString::fromLatin1(file));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(name))
            return line.mid(int(qstrlen(name))).trimmed().split(' ').value(0).toLongLong() * unit;
    }
    return -1;
}

// CPU time of this process, all its threads.
inline double processCpuSeconds()
{
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// CPU time of the children this process has waited for (a pipeline's shell and commands).
inline double childrenCpuSeconds()
{
    rusage u;
    getrusage(RUSAGE_CHILDREN, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

} // namespace tidemark::bench
