#include "secrets/KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace tidemark {

namespace {

QString keyFor(const QString &profileName) { return QStringLiteral("kafka-profile:") + profileName; }

// A job's failure as an Error: no keychain (or one that refuses us) is Unavailable, with the
// message the user sees; anything else names the keychain's own words.
Error jobError(const QKeychain::Job &job, const QString &what)
{
    switch (job.error()) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
    case QKeychain::OtherError: return Error(ErrorCode::Unavailable, keychainUnavailableMessage(job.errorString()));
    default: return Error(ErrorCode::Io, QStringLiteral("%1: %2").arg(what, job.errorString()));
    }
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service) : m_service(std::move(service)) {}

void KeychainSecretStore::save(const QString &profileName, const ProfileSecret &secret, Done done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(keyFor(profileName));
    QJsonObject o;
    o.insert(QStringLiteral("password"), secret.password);
    o.insert(QStringLiteral("keyPassword"), secret.keyPassword);
    job->setBinaryData(QJsonDocument(o).toJson(QJsonDocument::Compact));
    QObject::connect(job, &QKeychain::Job::finished, job, [done = std::move(done), profileName](QKeychain::Job *j) {
        if (j->error() == QKeychain::NoError)
            done({});
        else
            done(jobError(*j, QStringLiteral("saving the password of profile '%1'").arg(profileName)));
    });
    job->start();
}

void KeychainSecretStore::load(const QString &profileName, Loaded done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(keyFor(profileName));
    QObject::connect(job, &QKeychain::Job::finished, job, [done = std::move(done), profileName](QKeychain::Job *j) {
        if (j->error() == QKeychain::EntryNotFound) {
            done(std::optional<ProfileSecret>());
            return;
        }
        if (j->error() != QKeychain::NoError) {
            done(jobError(*j, QStringLiteral("reading the password of profile '%1'").arg(profileName)));
            return;
        }
        const QJsonObject o =
            QJsonDocument::fromJson(static_cast<QKeychain::ReadPasswordJob *>(j)->binaryData()).object();
        done(std::optional<ProfileSecret>(ProfileSecret{o.value(QLatin1String("password")).toString(),
                                                        o.value(QLatin1String("keyPassword")).toString()}));
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &profileName, Done done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(keyFor(profileName));
    QObject::connect(job, &QKeychain::Job::finished, job, [done = std::move(done), profileName](QKeychain::Job *j) {
        if (j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound)
            done({});
        else
            done(jobError(*j, QStringLiteral("deleting the password of profile '%1'").arg(profileName)));
    });
    job->start();
}

} // namespace tidemark
