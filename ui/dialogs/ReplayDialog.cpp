#include "ui/dialogs/ReplayDialog.h"

#include "core/PluralCount.h"
#include "ui/Style.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tidemark {

ReplayDialog::ReplayDialog(AsyncBackend *backend, RecordScan::Options source, const QString &describe, QWidget *parent)
    : QDialog(parent),
      m_backend(backend),
      m_source(std::move(source)),
      m_target(new QComboBox(this)),
      m_placement(new QComboBox(this)),
      m_keepTimestamps(new QCheckBox(tr("Keep the original timestamps"), this)),
      m_preview(new QPlainTextEdit(this)),
      m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("replayDialog"));
    setWindowTitle(tr("Produce Records Again"));
    auto *layout = new QVBoxLayout(this);
    auto *what = new QLabel(tr("Produce %1 of <b>%2</b> again, byte for byte (keys, values, headers).")
                                .arg(describe.toHtmlEscaped(), m_source.topic.toHtmlEscaped()),
                            this);
    what->setWordWrap(true);
    layout->addWidget(what);
    auto *form = new QFormLayout;
    m_target->setObjectName(QStringLiteral("replayTarget"));
    m_target->addItem(m_source.topic);
    m_target->setToolTip(tr("The topic the records are produced to"));
    form->addRow(tr("To &topic:"), m_target);
    m_placement->setObjectName(QStringLiteral("replayPlacement"));
    m_placement->addItem(tr("Same partition as the source"), int(ReplayOptions::Placement::SamePartition));
    m_placement->addItem(tr("By key (murmur2, as Kafka's producer)"), int(ReplayOptions::Placement::ByKey));
    form->addRow(tr("&Partition:"), m_placement);
    m_keepTimestamps->setObjectName(QStringLiteral("replayKeepTimestamps"));
    m_keepTimestamps->setChecked(true);
    form->addRow(QString(), m_keepTimestamps);
    layout->addLayout(form);
    m_preview->setObjectName(QStringLiteral("replayPreview"));
    m_preview->setReadOnly(true);
    m_preview->setFont(style::monospaceFont());
    m_preview->setPlaceholderText(tr("Preview shows what goes where before anything is produced."));
    layout->addWidget(m_preview, 1);
    m_status->setObjectName(QStringLiteral("replayStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(this);
    m_previewButton = buttons->addButton(tr("Pre&view"), QDialogButtonBox::ActionRole);
    m_previewButton->setObjectName(QStringLiteral("replayPreviewButton"));
    m_produceButton = buttons->addButton(tr("P&roduce"), QDialogButtonBox::AcceptRole);
    m_produceButton->setObjectName(QStringLiteral("replayProduceButton"));
    m_cancelButton = buttons->addButton(QDialogButtonBox::Close);
    m_cancelButton->setObjectName(QStringLiteral("replayCloseButton"));
    layout->addWidget(buttons);
    connect(m_previewButton, &QPushButton::clicked, this, &ReplayDialog::preview);
    connect(m_produceButton, &QPushButton::clicked, this, &ReplayDialog::produce);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_state)
            m_state->cancel = true; // the answer closes nothing: it says what was done
        else
            reject();
    });
    connect(m_target, &QComboBox::currentIndexChanged, this, &ReplayDialog::optionsChanged);
    connect(m_placement, &QComboBox::currentIndexChanged, this, &ReplayDialog::optionsChanged);
    connect(m_keepTimestamps, &QCheckBox::toggled, this, &ReplayDialog::optionsChanged);
    m_progress.setInterval(200);
    connect(&m_progress, &QTimer::timeout, this, &ReplayDialog::showProgress);
    resize(560, 420);
    optionsChanged();

    // The other topics, asked once (the broker state's list may not be loaded for all).
    if (m_backend)
        m_backend->run(
            this, [](Backend &b) { return b.listTopics(); },
            [this](Result<std::vector<TopicInfo>> topics) {
                if (!topics)
                    return;
                const QSignalBlocker block(m_target);
                for (const TopicInfo &t : *topics)
                    if (t.name != m_source.topic)
                        m_target->addItem(t.name);
            });
}

ReplayDialog::~ReplayDialog()
{
    if (m_state)
        m_state->cancel = true;
}

ReplayOptions ReplayDialog::options() const
{
    ReplayOptions options;
    options.source = m_source;
    options.targetTopic = m_target->currentText();
    options.placement = ReplayOptions::Placement(m_placement->currentData().toInt());
    options.keepTimestamps = m_keepTimestamps->isChecked();
    return options;
}

void ReplayDialog::optionsChanged()
{
    m_previewed = -1; // a preview of other options says nothing about these
    m_produceButton->setText(tr("P&roduce"));
    m_produceButton->setEnabled(false);
    m_previewButton->setEnabled(!m_state);
    if (!m_state)
        m_status->setText(tr("Preview first: it reads the records and says where each would go."));
}

void ReplayDialog::preview() { start(true); }

void ReplayDialog::produce()
{
    if (m_previewed <= 0)
        return;
    start(false);
}

void ReplayDialog::start(bool dryRun)
{
    if (m_state || !m_backend)
        return;
    auto state = std::make_shared<ReplayState>();
    m_state = state;
    ReplayOptions options = this->options();
    options.dryRun = dryRun;
    m_previewButton->setEnabled(false);
    m_produceButton->setEnabled(false);
    m_target->setEnabled(false);
    m_placement->setEnabled(false);
    m_keepTimestamps->setEnabled(false);
    m_cancelButton->setText(tr("Cancel"));
    m_progress.start();
    showProgress();
    m_backend->run(
        this, [state, options](Backend &backend) { return replayScan(backend, options, *state); },
        [this, dryRun](Result<ReplayReport> report) { finish(dryRun, report); });
}

void ReplayDialog::showProgress()
{
    if (!m_state)
        return;
    const QLocale locale;
    m_status->setText(tr("Scanned %1 of %2 records, %3 produced")
                          .arg(locale.toString(m_state->scanned.load()), locale.toString(m_state->total.load()),
                               locale.toString(m_state->produced.load())));
}

QString ReplayDialog::describeReport(const ReplayReport &report) const
{
    const QLocale locale;
    QStringList lines;
    lines << tr("%1 records (%2) of %3 scanned. Partitions in %4: %5.", nullptr, pluralCount(report.selected))
                 .arg(locale.toString(report.selected), locale.formattedDataSize(report.bytes),
                      locale.toString(report.scanned), m_target->currentText())
                 .arg(report.targetPartitions);
    for (const auto &[route, counts] : report.routes)
        lines << tr("  partition %1 → partition %2: %3 records (%4)", nullptr, pluralCount(counts.records))
                     .arg(route.first)
                     .arg(route.second)
                     .arg(locale.toString(counts.records), locale.formattedDataSize(counts.bytes));
    if (!report.samples.empty())
        lines << tr("The first records (partition@offset):");
    for (const ReplayReport::Sample &s : report.samples)
        lines << (s.targetOffset >= 0
                      ? tr("  %1@%2 → %3@%4")
                            .arg(s.sourcePartition)
                            .arg(s.sourceOffset)
                            .arg(s.targetPartition)
                            .arg(s.targetOffset)
                      : tr("  %1@%2 → partition %3").arg(s.sourcePartition).arg(s.sourceOffset).arg(s.targetPartition));
    return lines.join(QLatin1Char('\n'));
}

void ReplayDialog::finish(bool dryRun, const Result<ReplayReport> &report)
{
    m_state.reset();
    m_progress.stop();
    m_target->setEnabled(true);
    m_placement->setEnabled(true);
    m_keepTimestamps->setEnabled(true);
    m_previewButton->setEnabled(true);
    m_cancelButton->setText(tr("Close"));
    const QLocale locale;
    if (!report) {
        m_status->setText(tr("Not done: %1").arg(report.error().message));
        if (!dryRun)
            emit produced(m_target->currentText(), 0, report.error().message);
        m_produceButton->setEnabled(m_previewed > 0);
        return;
    }
    m_preview->setPlainText(describeReport(*report));
    if (dryRun) {
        m_previewed = report->selected;
        m_produceButton->setText(
            tr("P&roduce %1 records", nullptr, pluralCount(report->selected)).arg(locale.toString(report->selected)));
        m_produceButton->setEnabled(report->selected > 0);
        m_status->setText(report->selected > 0 ? tr("Nothing produced yet. Produce does exactly this.")
                                               : tr("No records to produce."));
        return;
    }
    m_previewed = -1;
    m_produceButton->setText(tr("P&roduce"));
    QString text = tr("Produced %1 records to %2.", nullptr, pluralCount(report->produced))
                       .arg(locale.toString(report->produced), m_target->currentText());
    if (report->failed > 0)
        text += QLatin1Char(' ') +
                tr("%1 were refused, the first: %2").arg(locale.toString(report->failed), report->firstFailure);
    m_status->setText(text);
    emit produced(m_target->currentText(), report->produced, report->failed > 0 ? report->firstFailure : QString());
}

void ReplayDialog::reject()
{
    if (m_state)
        m_state->cancel = true;
    QDialog::reject();
}

} // namespace tidemark
