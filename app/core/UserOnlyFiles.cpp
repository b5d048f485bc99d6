#include "core/UserOnlyFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace tidemark {

Status makeUserOnlyFile(const QString &path)
{
#ifdef Q_OS_UNIX
    const QFileInfo info(path);
    if (!info.isAbsolute())
        return {}; // not a file (a registry path, say)
    const QString dir = info.absolutePath();
    if (!QFileInfo::exists(dir)) {
        if (!QDir().mkpath(dir))
            return Error(ErrorCode::Io, QStringLiteral("cannot create the directory %1").arg(dir));
        QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    const QByteArray name = QFile::encodeName(path);
    // O_CREAT with 0600: the umask can only take bits away; fchmod makes an old file match.
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error(ErrorCode::Io,
                     QStringLiteral("cannot create %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    const int rc = ::fchmod(fd, 0600);
    const int savedErrno = errno;
    ::close(fd);
    if (rc != 0)
        return Error(ErrorCode::Io, QStringLiteral("cannot make %1 private to its owner: %2")
                                        .arg(path, QString::fromLocal8Bit(std::strerror(savedErrno))));
#else
    Q_UNUSED(path);
#endif
    return {};
}

std::unique_ptr<QSettings> openUserOnlySettings(const QString &iniFile)
{
    const QString path = iniFile.isEmpty() ? QSettings().fileName() : iniFile;
    // Best effort: if it fails, QSettings reports its own access error when it writes.
    (void)makeUserOnlyFile(path);
    return iniFile.isEmpty() ? std::make_unique<QSettings>()
                             : std::make_unique<QSettings>(iniFile, QSettings::IniFormat);
}

} // namespace tidemark
