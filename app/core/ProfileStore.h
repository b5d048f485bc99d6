#pragma once

// Connection settings that outlive a session: Kafka profiles, the last connection and
// recent data directories, in QSettings. Secrets (password, key password) are never
// written there.
//
// Secrets: no keychain library is part of the build (see docs), so SessionSecrets keeps
// them in memory for the running session only, and the profile dialog says so. A keychain
// backed implementation can replace it behind the same interface.
//
// Thread: GUI thread (QSettings is used from one thread).

#include "core/ConnectionProfile.h"

#include <QSettings>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace tidemark {

class ProfileStore {
public:
    explicit ProfileStore(QSettings &settings) : m_settings(settings) {}

    std::vector<KafkaProfile> profiles() const; // without secrets; the compose default if none saved
    void saveProfiles(const std::vector<KafkaProfile> &profiles);

    std::optional<ConnectionSpec> lastConnection() const; // Kafka: the profile, without secrets
    void setLastConnection(const ConnectionSpec &spec);

    QStringList recentDataDirectories() const;
    void addRecentDataDirectory(const QString &directory);

private:
    QSettings &m_settings;
};

// Passwords for this session only, by profile name.
class SessionSecrets {
public:
    bool isPersistent() const { return false; }
    void remember(const KafkaProfile &profile);
    void forget(const QString &profileName) { m_secrets.erase(profileName); }
    void rename(const QString &from, const QString &to);
    // Fills profile.password / keyPassword from what was remembered for its name.
    KafkaProfile apply(KafkaProfile profile) const;

private:
    struct Secret {
        QString password;
        QString keyPassword;
    };
    std::map<QString, Secret> m_secrets;
};

} // namespace tidemark
