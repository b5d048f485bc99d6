#pragma once

// "New topic": name, partitions and (Kafka only) replication factor. The dialog stays open
// until the broker accepted the topic, so a refused name is explained next to the field
// and nothing typed is lost. Thread: GUI thread.

#include "core/Backend.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QSpinBox;
class QDialogButtonBox;

namespace tidemark {

class CreateTopicDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateTopicDialog)

public:
    explicit CreateTopicDialog(bool kafka, QWidget *parent = nullptr);

    TopicSpec spec() const;
    void setBusy(bool busy);
    void showError(const QString &message);

signals:
    // The user asked to create the topic; the owner answers with accept() or showError().
    void submitted(const tidemark::TopicSpec &spec);

private:
    void validate();

    QLineEdit *m_name;
    QSpinBox *m_partitions;
    QSpinBox *m_replication;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace tidemark
