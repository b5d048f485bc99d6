#include "logbroker/ChangeWatcher.h"

#include "logbroker/FileIo.h"

#include <cerrno>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#if defined(__linux__)
#include <sys/eventfd.h>
#include <sys/inotify.h>
#define TIDEMARK_HAVE_INOTIFY 1
#endif

namespace tidemark::logbroker {

ChangeWatcher::ChangeWatcher()
{
#ifdef TIDEMARK_HAVE_INOTIFY
    m_inotify = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    m_wakeRead = m_wakeWrite = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
#else
    int fds[2];
    if (::pipe(fds) == 0) {
        ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
        ::fcntl(fds[1], F_SETFL, O_NONBLOCK);
        ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
        ::fcntl(fds[1], F_SETFD, FD_CLOEXEC);
        m_wakeRead = fds[0];
        m_wakeWrite = fds[1];
    }
#endif
}

ChangeWatcher::~ChangeWatcher()
{
    shutdown();
    if (m_wakeWrite >= 0 && m_wakeWrite != m_wakeRead)
        ::close(m_wakeWrite);
    if (m_wakeRead >= 0)
        ::close(m_wakeRead);
}

void ChangeWatcher::shutdown()
{
    if (m_inotify >= 0)
        ::close(m_inotify);
    m_inotify = -1;
    m_kinds.clear();
    // The wakeup descriptor is closed last, in the destructor's call, so a concurrent
    // wakeup() never writes to a recycled descriptor while the consumer object lives.
}

int ChangeWatcher::watch(const QString &directory, Kind kind)
{
#ifdef TIDEMARK_HAVE_INOTIFY
    if (m_inotify < 0)
        return -1;
    uint32_t mask = IN_ONLYDIR;
    switch (kind) {
    case Data: mask |= IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_MOVED_TO | IN_DELETE_SELF; break;
    case Group: mask |= IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM | IN_CLOSE_WRITE; break;
    case Claims: mask |= IN_CLOSE_WRITE | IN_DELETE; break;
    case Woken: return -1;
    }
    const int wd = ::inotify_add_watch(m_inotify, encodePath(directory).constData(), mask);
    if (wd < 0)
        return -1;
    m_kinds[wd] |= kind;
    return wd;
#else
    Q_UNUSED(directory);
    Q_UNUSED(kind);
    return -1;
#endif
}

void ChangeWatcher::unwatch(int id)
{
#ifdef TIDEMARK_HAVE_INOTIFY
    if (m_inotify >= 0 && id >= 0) {
        ::inotify_rm_watch(m_inotify, id);
        m_kinds.erase(id);
    }
#else
    Q_UNUSED(id);
#endif
}

int ChangeWatcher::wait(int timeoutMs)
{
    pollfd fds[2];
    int n = 0;
    if (m_wakeRead >= 0)
        fds[n++] = {m_wakeRead, POLLIN, 0};
    if (m_inotify >= 0)
        fds[n++] = {m_inotify, POLLIN, 0};
    int rc;
    do {
        rc = ::poll(fds, static_cast<nfds_t>(n), std::max(0, timeoutMs));
    } while (rc < 0 && errno == EINTR);
    if (rc <= 0)
        return 0;
    int kinds = 0;
    for (int i = 0; i < n; ++i) {
        if (!(fds[i].revents & POLLIN))
            continue;
        if (fds[i].fd == m_wakeRead) {
            char drain[64];
            while (::read(m_wakeRead, drain, sizeof drain) > 0) {
            }
            kinds |= Woken;
        }
#ifdef TIDEMARK_HAVE_INOTIFY
        if (fds[i].fd == m_inotify) {
            alignas(inotify_event) char buffer[16384];
            for (;;) {
                const ssize_t len = ::read(m_inotify, buffer, sizeof buffer);
                if (len <= 0)
                    break;
                for (ssize_t at = 0; at < len;) {
                    const auto *event = reinterpret_cast<const inotify_event *>(buffer + at);
                    if (event->mask & IN_Q_OVERFLOW)
                        kinds |= Data | Group | Claims;
                    auto it = m_kinds.find(event->wd);
                    if (it != m_kinds.end())
                        kinds |= it->second;
                    at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
                }
            }
        }
#endif
    }
    return kinds;
}

void ChangeWatcher::wakeup()
{
    if (m_wakeWrite < 0)
        return;
#ifdef TIDEMARK_HAVE_INOTIFY
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t rc = ::write(m_wakeWrite, &one, sizeof one);
#else
    const char one = 1;
    [[maybe_unused]] const ssize_t rc = ::write(m_wakeWrite, &one, 1);
#endif
}

} // namespace tidemark::logbroker
