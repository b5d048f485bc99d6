#include "ui/ConnectionBar.h"

#include "core/ConnectionLifecycle.h"
#include "ui/Style.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QTextDocument>
#include <QToolButton>

namespace tidemark {

ConnectionBar::ConnectionBar(QWidget *parent)
    : QWidget(parent),
      m_combo(new QComboBox(this)),
      m_state(new QLabel(this)),
      m_openFolder(new QToolButton(this)),
      m_profilesButton(new QToolButton(this))
{
    setObjectName(QStringLiteral("connectionBar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(4);
    auto *label = new QLabel(tr("&Broker:"), this);
    label->setBuddy(m_combo);
    layout->addWidget(label);
    m_combo->setObjectName(QStringLiteral("connectionChoice"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->setMinimumContentsLength(28);
    m_combo->setToolTip(tr("Where topics live: the built-in broker (no server needed) or a Kafka cluster"));
    layout->addWidget(m_combo);
    m_state->setObjectName(QStringLiteral("connectionState"));
    m_state->setTextFormat(Qt::RichText);
    layout->addWidget(m_state);
    m_openFolder->setObjectName(QStringLiteral("openFolderButton"));
    m_openFolder->setIcon(style::icon(QStringLiteral(":/icons/folder.svg")));
    m_openFolder->setText(tr("Open folder…"));
    m_openFolder->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_openFolder->setAutoRaise(true);
    m_openFolder->setToolTip(tr("Use another data directory for the built-in broker (Ctrl+O)"));
    layout->addWidget(m_openFolder);
    m_profilesButton->setObjectName(QStringLiteral("profilesButton"));
    m_profilesButton->setIcon(style::icon(QStringLiteral(":/icons/server.svg")));
    m_profilesButton->setText(tr("Kafka profiles…"));
    m_profilesButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_profilesButton->setAutoRaise(true);
    m_profilesButton->setToolTip(tr("Add, edit, test and remove Kafka cluster profiles (Ctrl+Shift+P)"));
    layout->addWidget(m_profilesButton);

    connect(m_combo, &QComboBox::activated, this, [this](int index) { emit connectRequested(specAt(index)); });
    connect(m_openFolder, &QToolButton::clicked, this, &ConnectionBar::openFolderRequested);
    connect(m_profilesButton, &QToolButton::clicked, this, &ConnectionBar::manageProfilesRequested);
    rebuild();
    showState();
}

void ConnectionBar::observe(const ConnectionLifecycle *lifecycle)
{
    if (m_lifecycle)
        disconnect(m_lifecycle, nullptr, this, nullptr);
    m_lifecycle = lifecycle;
    if (m_lifecycle)
        connect(m_lifecycle, &ConnectionLifecycle::stateChanged, this, &ConnectionBar::showState);
    showState();
}

QString ConnectionBar::stateText() const
{
    QTextDocument html;
    html.setHtml(m_state->text());
    return html.toPlainText();
}

void ConnectionBar::showState()
{
    const ConnectionState state = m_lifecycle ? m_lifecycle->state() : ConnectionState::Disconnected;
    QString text;
    style::Tone tone = style::Tone::Muted;
    QString tip;
    switch (state) {
    case ConnectionState::Disconnected: text = tr("Not connected"); break;
    case ConnectionState::Connecting:
        text = tr("Connecting…");
        tone = style::Tone::Warning;
        tip = m_lifecycle->spec() ? tr("Waiting for %1 to answer").arg(m_lifecycle->spec()->describe()) : QString();
        break;
    case ConnectionState::Connected:
        text = tr("Connected");
        tone = style::Tone::Good;
        break;
    case ConnectionState::Unreachable:
        text = tr("Unreachable");
        tone = style::Tone::Bad;
        tip = m_lifecycle->failure() ? m_lifecycle->failure()->headline : QString();
        break;
    }
    // The dot carries the tone; the word stays in the text colour, readable on any theme.
    m_state->setText(QStringLiteral("<span style=\"color:%1\">●</span> %2")
                         .arg(style::toneColor(tone, palette()).name(), text.toHtmlEscaped()));
    m_state->setToolTip(tip);
}

void ConnectionBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        showState();
}

void ConnectionBar::setLocalDirectory(const QString &directory)
{
    m_localDirectory = directory;
    rebuild();
}

void ConnectionBar::setProfiles(const std::vector<KafkaProfile> &profiles)
{
    m_profiles = profiles;
    rebuild();
}

void ConnectionBar::setCurrent(const ConnectionSpec &spec)
{
    m_current = spec;
    if (spec.kind == ConnectionSpec::Kind::Local) {
        m_localDirectory = spec.dataDirectory;
        rebuild();
        m_combo->setCurrentIndex(0);
        return;
    }
    rebuild();
    for (int i = 0; i < int(m_profiles.size()); ++i)
        if (m_profiles[size_t(i)].name == spec.kafka.name)
            m_combo->setCurrentIndex(i + 1);
}

ConnectionSpec ConnectionBar::specAt(int index) const
{
    ConnectionSpec spec;
    if (index <= 0 || index > int(m_profiles.size())) {
        spec.kind = ConnectionSpec::Kind::Local;
        spec.dataDirectory = m_localDirectory;
        return spec;
    }
    spec.kind = ConnectionSpec::Kind::Kafka;
    spec.kafka = m_profiles[size_t(index - 1)];
    return spec;
}

void ConnectionBar::rebuild()
{
    const QSignalBlocker block(m_combo);
    const int current = m_combo->currentIndex();
    m_combo->clear();
    const QString dir =
        QDir::toNativeSeparators(m_localDirectory.isEmpty() ? defaultDataDirectory() : m_localDirectory);
    m_combo->addItem(style::icon(QStringLiteral(":/icons/database.svg")), tr("Built-in broker: %1").arg(dir));
    m_combo->setItemData(0, dir, Qt::ToolTipRole);
    for (const KafkaProfile &p : m_profiles) {
        m_combo->addItem(style::icon(QStringLiteral(":/icons/server.svg")),
                         tr("Kafka: %1").arg(shownProfileName(p.name)));
        m_combo->setItemData(m_combo->count() - 1, p.bootstrapServers, Qt::ToolTipRole);
    }
    m_combo->setCurrentIndex(std::clamp(current, 0, m_combo->count() - 1));
}

} // namespace tidemark
