#include "ui/dialogs/KafkaProfilesDialog.h"

#include "core/ConnectionLifecycle.h"
#include "core/KafkaSecurityFailure.h"
#include "ui/Style.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace tidemark {

KafkaProfilesDialog::KafkaProfilesDialog(std::vector<KafkaProfile> profiles, BackendConnector *connector,
                                         bool secretsPersistent, QWidget *parent)
    : QDialog(parent),
      m_profiles(std::move(profiles)),
      m_connector(connector),
      m_list(new QListWidget(this)),
      m_name(new QLineEdit(this)),
      m_servers(new QLineEdit(this)),
      m_clientId(new QLineEdit(this)),
      m_security(new QComboBox(this)),
      m_mechanism(new QComboBox(this)),
      m_username(new QLineEdit(this)),
      m_password(new QLineEdit(this)),
      m_remember(new QCheckBox(tr("Save the passwords in the system &keychain"), this)),
      m_caFile(new QLineEdit(this)),
      m_certFile(new QLineEdit(this)),
      m_keyFile(new QLineEdit(this)),
      m_keyPassword(new QLineEdit(this)),
      m_verifyHostname(new QCheckBox(tr("&Verify the broker's host name"), this)),
      m_warnings(new QLabel(this)),
      m_timeout(new QSpinBox(this)),
      m_secretNote(new QLabel(this)),
      m_result(new QLabel(this)),
      m_detailsButton(new QToolButton(this)),
      m_details(new QPlainTextEdit(this)),
      m_test(new QPushButton(tr("&Test connection"), this)),
      m_remove(new QPushButton(tr("&Remove"), this)),
      m_ok(nullptr)
{
    setObjectName(QStringLiteral("kafkaProfilesDialog"));
    setWindowTitle(tr("Kafka Profiles"));
    auto *layout = new QVBoxLayout(this);
    auto *body = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    m_list->setObjectName(QStringLiteral("profileList"));
    m_list->setMaximumWidth(200);
    left->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    auto *add = new QPushButton(tr("&Add"), this);
    add->setObjectName(QStringLiteral("addProfileButton"));
    m_remove->setObjectName(QStringLiteral("removeProfileButton"));
    listButtons->addWidget(add);
    listButtons->addWidget(m_remove);
    left->addLayout(listButtons);
    body->addLayout(left);

    auto *form = new QFormLayout;
    m_name->setObjectName(QStringLiteral("profileName"));
    m_servers->setObjectName(QStringLiteral("profileServers"));
    m_servers->setPlaceholderText(tr("host1:9092,host2:9092"));
    m_clientId->setObjectName(QStringLiteral("profileClientId"));
    m_security->setObjectName(QStringLiteral("profileSecurity"));
    m_security->addItems({QStringLiteral("PLAINTEXT"), QStringLiteral("SSL"), QStringLiteral("SASL_PLAINTEXT"),
                          QStringLiteral("SASL_SSL")});
    m_mechanism->setObjectName(QStringLiteral("profileMechanism"));
    m_mechanism->addItems({QStringLiteral("PLAIN"), QStringLiteral("SCRAM-SHA-256"), QStringLiteral("SCRAM-SHA-512")});
    m_username->setObjectName(QStringLiteral("profileUsername"));
    m_password->setObjectName(QStringLiteral("profilePassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_remember->setObjectName(QStringLiteral("profileRemember"));
    m_remember->setVisible(secretsPersistent);
    m_caFile->setObjectName(QStringLiteral("profileCaFile"));
    m_caFile->setPlaceholderText(tr("CA certificate file (SSL)"));
    m_certFile->setObjectName(QStringLiteral("profileCertFile"));
    m_certFile->setPlaceholderText(tr("client certificate, for mutual TLS"));
    m_keyFile->setObjectName(QStringLiteral("profileKeyFile"));
    m_keyFile->setPlaceholderText(tr("its private key"));
    m_keyPassword->setObjectName(QStringLiteral("profileKeyPassword"));
    m_keyPassword->setEchoMode(QLineEdit::Password);
    m_keyPassword->setPlaceholderText(tr("only if the private key is encrypted"));
    m_verifyHostname->setObjectName(QStringLiteral("profileVerifyHostname"));
    m_warnings->setObjectName(QStringLiteral("profileWarnings"));
    m_warnings->setWordWrap(true);
    style::setTone(m_warnings, style::Tone::Bad);
    m_warnings->hide();
    m_timeout->setObjectName(QStringLiteral("profileTimeout"));
    m_timeout->setRange(500, 120000);
    m_timeout->setSingleStep(500);
    m_timeout->setSuffix(tr(" ms"));
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Bootstrap servers:"), m_servers);
    form->addRow(tr("&Client id:"), m_clientId);
    form->addRow(tr("&Security:"), m_security);
    form->addRow(tr("SASL &mechanism:"), m_mechanism);
    form->addRow(tr("&Username:"), m_username);
    form->addRow(tr("&Password:"), m_password);
    m_secretNote->setObjectName(QStringLiteral("secretNote"));
    m_secretNote->setWordWrap(true);
    m_secretNote->setText(secretsPersistent
                              ? tr("Without the box ticked, the passwords are kept for this session only.")
                              : tr("No keychain is available: the password is kept only for this session and "
                                   "never written to disk. You will be asked again after a restart."));
    style::setTone(m_secretNote, style::Tone::Muted);
    form->addRow(QString(), m_remember);
    form->addRow(QString(), m_secretNote);
    form->addRow(tr("C&A file:"), m_caFile);
    form->addRow(tr("Certificate fi&le:"), m_certFile);
    form->addRow(tr("Private ke&y file:"), m_keyFile);
    form->addRow(tr("Key pass&word:"), m_keyPassword);
    form->addRow(QString(), m_verifyHostname);
    form->addRow(QString(), m_warnings);
    form->addRow(tr("Connect &timeout:"), m_timeout);
    auto *testRow = new QHBoxLayout;
    m_test->setObjectName(QStringLiteral("testProfileButton"));
    testRow->addWidget(m_test);
    m_result->setObjectName(QStringLiteral("testResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long failure wraps: its width hint must not widen the dialog (and push Cancel off).
    m_result->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    testRow->addStretch(1);
    m_detailsButton->setObjectName(QStringLiteral("testDetailsButton"));
    m_detailsButton->setText(tr("Details"));
    m_detailsButton->setCheckable(true);
    m_detailsButton->setArrowType(Qt::RightArrow);
    m_detailsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_detailsButton->setAutoRaise(true);
    m_detailsButton->setToolTip(tr("What the Kafka client library reported, word for word"));
    m_detailsButton->hide();
    testRow->addWidget(m_detailsButton, 0, Qt::AlignTop);
    form->addRow(QString(), testRow);
    // Its own row, the form's whole width: a failure's sentence wraps there in full instead
    // of being cut at the bottom of the narrow cell beside the button.
    form->addRow(m_result);
    m_details->setObjectName(QStringLiteral("testDetails"));
    m_details->setReadOnly(true);
    m_details->setFont(style::monospaceFont());
    m_details->setFixedHeight(QFontMetrics(m_details->font()).lineSpacing() * 4 + 12);
    m_details->hide();
    form->addRow(QString(), m_details);
    connect(m_detailsButton, &QToolButton::toggled, this, [this](bool on) {
        m_detailsButton->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        m_details->setVisible(on);
    });
    body->addLayout(form, 1);
    layout->addLayout(body);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        store();
        if (validate())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(add, &QPushButton::clicked, this, &KafkaProfilesDialog::addProfile);
    connect(m_remove, &QPushButton::clicked, this, &KafkaProfilesDialog::removeProfile);
    connect(m_test, &QPushButton::clicked, this, &KafkaProfilesDialog::testProfile);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        store();
        load(row);
    });
    connect(m_security, &QComboBox::currentTextChanged, this, [this](const QString &s) {
        const bool sasl = s.startsWith(QLatin1String("SASL"));
        m_mechanism->setEnabled(sasl);
        m_username->setEnabled(sasl);
        m_password->setEnabled(sasl);
        const bool tls = s.endsWith(QLatin1String("SSL"));
        m_remember->setEnabled(sasl || tls); // the SASL password, the key password, or both
        for (QWidget *w :
             std::initializer_list<QWidget *>{m_caFile, m_certFile, m_keyFile, m_keyPassword, m_verifyHostname})
            w->setEnabled(tls);
        updateWarnings();
    });
    for (QLineEdit *file : {m_caFile, m_certFile, m_keyFile})
        connect(file, &QLineEdit::textChanged, this, &KafkaProfilesDialog::updateWarnings);
    connect(m_verifyHostname, &QCheckBox::toggled, this, &KafkaProfilesDialog::updateWarnings);
    connect(m_name, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (!m_loading && m_row >= 0 && m_list->item(m_row))
            m_list->item(m_row)->setText(text);
    });

    for (const KafkaProfile &p : m_profiles)
        m_list->addItem(shownProfileName(p.name));
    if (!m_profiles.empty())
        m_list->setCurrentRow(0);
    else
        load(-1);
    resize(640, 520);
}

std::vector<KafkaProfile> KafkaProfilesDialog::profiles() const
{
    auto *self = const_cast<KafkaProfilesDialog *>(this);
    self->store();
    return m_profiles;
}

int KafkaProfilesDialog::currentRow() const { return m_row; }

QString KafkaProfilesDialog::testResult() const { return m_result->text(); }
QString KafkaProfilesDialog::testDetails() const
{
    return m_detailsButton->isVisibleTo(this) ? m_details->toPlainText() : QString();
}

void KafkaProfilesDialog::load(int row)
{
    m_loading = true;
    m_row = row;
    const bool valid = row >= 0 && row < int(m_profiles.size());
    const KafkaProfile p = valid ? m_profiles[size_t(row)] : KafkaProfile{};
    for (QWidget *w : std::initializer_list<QWidget *>{m_name, m_servers, m_clientId, m_security, m_mechanism,
                                                       m_username, m_password, m_caFile, m_certFile, m_keyFile,
                                                       m_keyPassword, m_verifyHostname, m_timeout, m_test, m_remove})
        w->setEnabled(valid);
    m_name->setText(valid ? shownProfileName(p.name) : QString());
    m_servers->setText(valid ? p.bootstrapServers : QString());
    m_clientId->setText(valid ? p.clientId : QString());
    m_security->setCurrentText(p.securityProtocol);
    m_mechanism->setCurrentText(p.saslMechanism);
    m_username->setText(p.username);
    m_password->setText(p.password);
    m_remember->setChecked(p.rememberPassword);
    m_caFile->setText(p.caFile);
    m_certFile->setText(p.certFile);
    m_keyFile->setText(p.keyFile);
    m_keyPassword->setText(p.keyPassword);
    m_verifyHostname->setChecked(p.verifyHostname);
    m_timeout->setValue(p.connectTimeoutMs);
    m_result->clear();
    if (valid)
        emit m_security->currentTextChanged(m_security->currentText());
    m_loading = false;
    updateWarnings();
}

void KafkaProfilesDialog::store()
{
    if (m_loading || m_row < 0 || m_row >= int(m_profiles.size()))
        return;
    KafkaProfile &p = m_profiles[size_t(m_row)];
    p.name = savedProfileName(m_name->text().trimmed());
    p.bootstrapServers = m_servers->text().trimmed();
    p.clientId = m_clientId->text().trimmed();
    p.securityProtocol = m_security->currentText();
    p.saslMechanism = m_mechanism->currentText();
    p.username = m_username->text();
    p.password = m_password->text();
    p.rememberPassword = m_remember->isChecked();
    p.caFile = m_caFile->text().trimmed();
    p.certFile = m_certFile->text().trimmed();
    p.keyFile = m_keyFile->text().trimmed();
    p.keyPassword = m_keyPassword->text();
    p.verifyHostname = m_verifyHostname->isChecked();
    p.connectTimeoutMs = m_timeout->value();
}

void KafkaProfilesDialog::updateWarnings()
{
    if (m_loading)
        return;
    // The stored profile for what the form does not edit (its extra librdkafka settings).
    KafkaProfile p = m_row >= 0 && m_row < int(m_profiles.size()) ? m_profiles[size_t(m_row)] : KafkaProfile{};
    p.name = savedProfileName(m_name->text().trimmed());
    p.securityProtocol = m_security->currentText();
    p.caFile = m_caFile->text().trimmed();
    p.certFile = m_certFile->text().trimmed();
    p.keyFile = m_keyFile->text().trimmed();
    p.verifyHostname = m_verifyHostname->isChecked();
    const QStringList warnings = m_row >= 0 ? kafkaProfileWarnings(p) : QStringList();
    m_warnings->setText(warnings.join(QLatin1Char('\n')));
    m_warnings->setVisible(!warnings.isEmpty());
}

bool KafkaProfilesDialog::validate()
{
    QStringList names;
    for (size_t i = 0; i < m_profiles.size(); ++i) {
        const KafkaProfile &p = m_profiles[i];
        QString problem;
        if (p.name.isEmpty())
            problem = tr("Every profile needs a name.");
        else if (names.contains(p.name))
            problem = tr("Two profiles are called '%1'.").arg(shownProfileName(p.name));
        else if (p.bootstrapServers.isEmpty())
            problem = tr("Profile '%1' has no bootstrap servers.").arg(shownProfileName(p.name));
        names << p.name;
        if (!problem.isEmpty()) {
            m_list->setCurrentRow(int(i));
            m_result->setText(problem);
            style::setTone(m_result, style::Tone::Bad);
            fitResult();
            return false;
        }
    }
    return true;
}

void KafkaProfilesDialog::addProfile()
{
    store();
    KafkaProfile p;
    p.name = tr("New profile");
    p.bootstrapServers = QStringLiteral("127.0.0.1:9092");
    m_profiles.push_back(p);
    m_list->addItem(p.name);
    m_list->setCurrentRow(int(m_profiles.size()) - 1);
    m_name->setFocus();
    m_name->selectAll();
}

void KafkaProfilesDialog::removeProfile()
{
    const int row = m_row;
    if (row < 0 || row >= int(m_profiles.size()))
        return;
    m_loading = true; // the row is going away: do not store the form into it
    m_profiles.erase(m_profiles.begin() + row);
    m_row = -1;
    delete m_list->takeItem(row);
    m_loading = false;
    load(m_list->currentRow());
}

void KafkaProfilesDialog::testProfile()
{
    store();
    if (m_row < 0 || !m_connector)
        return;
    ConnectionSpec spec;
    spec.kind = ConnectionSpec::Kind::Kafka;
    spec.kafka = m_profiles[size_t(m_row)];
    m_test->setEnabled(false);
    m_result->setText(tr("Testing %1…").arg(spec.kafka.bootstrapServers));
    style::clearTone(m_result);
    fitResult();
    m_detailsButton->setChecked(false);
    m_detailsButton->hide();
    const int row = m_row;
    m_connector->test(spec, this, [this, row, spec](Result<ClusterInfo> info) {
        m_test->setEnabled(m_row >= 0);
        if (row != m_row)
            return;
        // The tones follow a theme switch (a colour read once kept the old theme's).
        if (!info) {
            const ConnectionFailure failure = explainConnectionFailure(spec, info.error());
            // Unclassified failures are said in the backend's words (the headline would only
            // repeat the profile's name in front of them).
            const bool other = failure.kind == ConnectionFailure::Kind::Other;
            m_result->setText(tr("Failed: %1").arg(other ? info.error().message : failure.headline));
            m_details->setPlainText(failure.details);
            m_detailsButton->setVisible(!other);
            style::setTone(m_result, style::Tone::Bad);
        } else {
            m_result->setText(tr("OK: cluster %1, brokers: %2").arg(info->clusterId).arg(info->brokers.size()));
            style::setTone(m_result, style::Tone::Good);
        }
        fitResult();
    });
}

void KafkaProfilesDialog::fitResult()
{
    // A dialog's layout takes no height-for-width into account for the window itself: a
    // sentence that wraps to more lines than the dialog has room for would be cut at the
    // bottom. Grow the dialog (never its width) until the whole result fits.
    layout()->activate();
    const int need = layout()->totalHeightForWidth(width());
    if (need > height())
        resize(width(), need);
}

} // namespace tidemark
