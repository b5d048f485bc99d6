#pragma once

// Files that may hold connection details (the settings: Kafka profiles with hosts, user
// names and certificate paths) are readable and writable by their owner only (0600),
// whatever the umask. Passwords are never in them (ProfileStore); the rest is still nobody
// else's business on a shared machine.
//
// Threads: any; the settings object is then used by one thread (QSettings).

#include "core/Result.h"

#include <QSettings>
#include <QString>

#include <memory>

namespace tidemark {

// Creates `path` (and its directory, 0700 if new) as an empty user-only file if it is
// missing; takes group and other permissions off an existing one. A no-op where files have
// no Unix permissions (Windows: the profile directory is private already).
Status makeUserOnlyFile(const QString &path);

// The app's settings, made user-only before the first write: the platform's settings file
// for the application (QSettings' default), or the INI file `iniFile` when given (tests).
std::unique_ptr<QSettings> openUserOnlySettings(const QString &iniFile = {});

} // namespace tidemark
