#include "core/ProfileStore.h"

namespace tidemark {

namespace {

void writeProfile(QSettings &s, const KafkaProfile &p)
{
    s.setValue(QStringLiteral("name"), p.name);
    s.setValue(QStringLiteral("bootstrapServers"), p.bootstrapServers);
    s.setValue(QStringLiteral("clientId"), p.clientId);
    s.setValue(QStringLiteral("securityProtocol"), p.securityProtocol);
    s.setValue(QStringLiteral("saslMechanism"), p.saslMechanism);
    s.setValue(QStringLiteral("username"), p.username);
    s.setValue(QStringLiteral("caFile"), p.caFile);
    s.setValue(QStringLiteral("certFile"), p.certFile);
    s.setValue(QStringLiteral("keyFile"), p.keyFile);
    s.setValue(QStringLiteral("verifyHostname"), p.verifyHostname);
    s.setValue(QStringLiteral("rememberPassword"), p.rememberPassword);
    s.setValue(QStringLiteral("connectTimeoutMs"), p.connectTimeoutMs);
    s.setValue(QStringLiteral("requestTimeoutMs"), p.requestTimeoutMs);
    QStringList extra;
    for (auto it = p.extraConfig.begin(); it != p.extraConfig.end(); ++it)
        extra << it.key() + QLatin1Char('=') + it.value();
    s.setValue(QStringLiteral("extraConfig"), extra);
    // Deliberately no password and no keyPassword.
}

KafkaProfile readProfile(const QSettings &s)
{
    KafkaProfile p;
    p.name = s.value(QStringLiteral("name"), p.name).toString();
    p.bootstrapServers = s.value(QStringLiteral("bootstrapServers"), p.bootstrapServers).toString();
    p.clientId = s.value(QStringLiteral("clientId"), p.clientId).toString();
    p.securityProtocol = s.value(QStringLiteral("securityProtocol"), p.securityProtocol).toString();
    p.saslMechanism = s.value(QStringLiteral("saslMechanism"), p.saslMechanism).toString();
    p.username = s.value(QStringLiteral("username")).toString();
    p.caFile = s.value(QStringLiteral("caFile")).toString();
    p.certFile = s.value(QStringLiteral("certFile")).toString();
    p.keyFile = s.value(QStringLiteral("keyFile")).toString();
    p.verifyHostname = s.value(QStringLiteral("verifyHostname"), true).toBool();
    p.rememberPassword = s.value(QStringLiteral("rememberPassword"), false).toBool();
    p.connectTimeoutMs = s.value(QStringLiteral("connectTimeoutMs"), p.connectTimeoutMs).toInt();
    p.requestTimeoutMs = s.value(QStringLiteral("requestTimeoutMs"), p.requestTimeoutMs).toInt();
    const QStringList extra = s.value(QStringLiteral("extraConfig")).toStringList();
    for (const QString &line : extra) {
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq > 0)
            p.extraConfig.insert(line.left(eq), line.mid(eq + 1));
    }
    return p;
}

} // namespace

std::vector<KafkaProfile> ProfileStore::profiles() const
{
    std::vector<KafkaProfile> out;
    const int n = m_settings.beginReadArray(QStringLiteral("kafkaProfiles"));
    for (int i = 0; i < n; ++i) {
        m_settings.setArrayIndex(i);
        out.push_back(readProfile(m_settings));
    }
    m_settings.endArray();
    if (out.empty() && !m_settings.contains(QStringLiteral("kafkaProfiles/size")))
        out.push_back(KafkaProfile{}); // the compose cluster, until the user saves a list
    return out;
}

void ProfileStore::saveProfiles(const std::vector<KafkaProfile> &profiles)
{
    m_settings.remove(QStringLiteral("kafkaProfiles"));
    m_settings.beginWriteArray(QStringLiteral("kafkaProfiles"), int(profiles.size()));
    for (int i = 0; i < int(profiles.size()); ++i) {
        m_settings.setArrayIndex(i);
        writeProfile(m_settings, profiles[size_t(i)]);
    }
    m_settings.endArray();
}

std::optional<ConnectionSpec> ProfileStore::lastConnection() const
{
    const QString kind = m_settings.value(QStringLiteral("connection/kind")).toString();
    ConnectionSpec spec;
    if (kind == QLatin1String("local")) {
        spec.kind = ConnectionSpec::Kind::Local;
        spec.dataDirectory = m_settings.value(QStringLiteral("connection/dataDirectory")).toString();
        return spec;
    }
    if (kind == QLatin1String("kafka")) {
        const QString name = m_settings.value(QStringLiteral("connection/profile")).toString();
        for (const KafkaProfile &p : profiles()) {
            if (p.name == name) {
                spec.kind = ConnectionSpec::Kind::Kafka;
                spec.kafka = p;
                return spec;
            }
        }
    }
    return std::nullopt;
}

void ProfileStore::setLastConnection(const ConnectionSpec &spec)
{
    if (spec.kind == ConnectionSpec::Kind::Local) {
        m_settings.setValue(QStringLiteral("connection/kind"), QStringLiteral("local"));
        m_settings.setValue(QStringLiteral("connection/dataDirectory"), spec.dataDirectory);
    } else {
        m_settings.setValue(QStringLiteral("connection/kind"), QStringLiteral("kafka"));
        m_settings.setValue(QStringLiteral("connection/profile"), spec.kafka.name);
    }
}

QStringList ProfileStore::recentDataDirectories() const
{
    return m_settings.value(QStringLiteral("connection/recentDataDirectories")).toStringList();
}

void ProfileStore::addRecentDataDirectory(const QString &directory)
{
    if (directory.isEmpty())
        return;
    QStringList list = recentDataDirectories();
    list.removeAll(directory);
    list.prepend(directory);
    while (list.size() > 8)
        list.removeLast();
    m_settings.setValue(QStringLiteral("connection/recentDataDirectories"), list);
}

void SessionSecrets::remember(const KafkaProfile &profile)
{
    if (profile.password.isEmpty() && profile.keyPassword.isEmpty())
        m_secrets.erase(profile.name);
    else
        m_secrets[profile.name] = Secret{profile.password, profile.keyPassword};
}

void SessionSecrets::rename(const QString &from, const QString &to)
{
    auto it = m_secrets.find(from);
    if (it == m_secrets.end() || from == to)
        return;
    m_secrets[to] = it->second;
    m_secrets.erase(from);
}

KafkaProfile SessionSecrets::apply(KafkaProfile profile) const
{
    auto it = m_secrets.find(profile.name);
    if (it != m_secrets.end()) {
        profile.password = it->second.password;
        profile.keyPassword = it->second.keyPassword;
    }
    return profile;
}

} // namespace tidemark
