#pragma once

// Where Kafka profile passwords live between sessions: the system keychain (the Secret
// Service on Linux, the Keychain on macOS, the Credential Store on Windows) through
// app/secrets, never the settings file. A profile's secret is saved when the user ticks
// "remember", read when the profile connects, deleted with the profile. When no keychain is
// reachable the calls fail with ErrorCode::Unavailable and a message saying so; the caller
// then keeps the password for the session only (SessionSecrets).
//
// Threads: the calls start on the caller's thread and their callbacks come back on it, from
// its event loop (the keychain answers over D-Bus or a platform API asynchronously); the
// GUI thread never waits for the keychain.

#include "core/Result.h"

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <optional>

namespace tidemark {

struct ProfileSecret {
    QString password;
    QString keyPassword; // the TLS private key's password, if any

    friend bool operator==(const ProfileSecret &, const ProfileSecret &) = default;
};

class SecretStore {
public:
    virtual ~SecretStore() = default;

    using Done = std::function<void(Status)>;
    using Loaded = std::function<void(Result<std::optional<ProfileSecret>>)>; // nullopt: nothing saved

    virtual void save(const QString &profileName, const ProfileSecret &secret, Done done) = 0;
    virtual void load(const QString &profileName, Loaded done) = 0;
    virtual void remove(const QString &profileName, Done done) = 0; // nothing saved is not an error
};

// "No keychain is reachable (<detail>): the password is kept for this session only.", in the
// application's language.
inline QString keychainUnavailableMessage(const QString &detail)
{
    return QCoreApplication::translate("tidemark::SecretStore",
                                       "No keychain is reachable (%1): the password is kept for this session only.")
        .arg(detail);
}

} // namespace tidemark
