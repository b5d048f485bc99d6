#pragma once

// SecretStore over QtKeychain: one keychain entry per Kafka profile (service "Tidemark",
// key "kafka-profile:<name>"), holding the password and the key password as a small JSON
// object. QtKeychain's insecure fallback (plain QSettings) stays off.
//
// Threads: the thread that calls (it needs an event loop: each call is a QtKeychain job whose
// finished signal brings the callback back to it). Holds no state of its own.

#include "core/SecretStore.h"

#include <QString>

namespace tidemark {

class KeychainSecretStore final : public SecretStore {
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("Tidemark"));

    void save(const QString &profileName, const ProfileSecret &secret, Done done) override;
    void load(const QString &profileName, Loaded done) override;
    void remove(const QString &profileName, Done done) override;

private:
    const QString m_service;
};

} // namespace tidemark
