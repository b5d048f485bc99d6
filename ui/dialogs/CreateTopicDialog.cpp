#include "ui/dialogs/CreateTopicDialog.h"

#include "ui/Style.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tidemark {

CreateTopicDialog::CreateTopicDialog(bool kafka, QWidget *parent)
    : QDialog(parent),
      m_name(new QLineEdit(this)),
      m_partitions(new QSpinBox(this)),
      m_replication(new QSpinBox(this)),
      m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("createTopicDialog"));
    setWindowTitle(tr("New Topic"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name->setObjectName(QStringLiteral("topicName"));
    m_name->setPlaceholderText(tr("e.g. orders"));
    m_name->setMaxLength(249);
    form->addRow(tr("&Name:"), m_name);
    m_partitions->setObjectName(QStringLiteral("topicPartitions"));
    m_partitions->setRange(1, 1000);
    m_partitions->setValue(3);
    m_partitions->setToolTip(tr("Records with the same key always land in the same partition"));
    form->addRow(tr("&Partitions:"), m_partitions);
    m_replication->setObjectName(QStringLiteral("topicReplication"));
    m_replication->setRange(1, 16);
    m_replication->setValue(kafka ? 3 : 1);
    m_replication->setEnabled(kafka);
    m_replication->setToolTip(kafka ? tr("How many brokers keep a copy of each partition")
                                    : tr("The built-in broker keeps one copy"));
    form->addRow(tr("&Replication factor:"), m_replication);
    layout->addLayout(form);
    m_error->setObjectName(QStringLiteral("createTopicError"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    QPalette p = m_error->palette();
    p.setColor(QPalette::WindowText, style::toneColor(style::Tone::Bad, palette()));
    m_error->setPalette(p);
    layout->addWidget(m_error);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        validate();
        if (!m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
            return;
        m_error->setVisible(false);
        emit submitted(spec());
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &CreateTopicDialog::validate);
    validate();
}

TopicSpec CreateTopicDialog::spec() const
{
    TopicSpec s;
    s.name = m_name->text().trimmed();
    s.partitions = m_partitions->value();
    s.replicationFactor = m_replication->value();
    return s;
}

void CreateTopicDialog::setBusy(bool busy)
{
    m_buttons->setEnabled(!busy);
    m_name->setReadOnly(busy);
}

void CreateTopicDialog::showError(const QString &message)
{
    setBusy(false);
    m_error->setText(message);
    m_error->setVisible(true);
}

void CreateTopicDialog::validate()
{
    static const QRegularExpression legal(QStringLiteral("^[A-Za-z0-9._-]+$"));
    const QString name = m_name->text().trimmed();
    QString problem;
    if (!name.isEmpty() && !legal.match(name).hasMatch())
        problem = tr("Use only letters, digits, '.', '_' and '-'.");
    else if (name == QLatin1String(".") || name == QLatin1String(".."))
        problem = tr("'.' and '..' are not topic names.");
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!name.isEmpty() && problem.isEmpty());
    m_error->setText(problem);
    m_error->setVisible(!problem.isEmpty());
}

} // namespace tidemark
