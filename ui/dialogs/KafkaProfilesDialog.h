#pragma once

// Kafka profiles: add, edit, test and remove. Passwords (the SASL password and the password
// of an encrypted TLS private key) are edited here but never written to plain settings: in
// the system keychain when "remember" is ticked, otherwise for this session only, and the
// dialog says so next to the field. "Test" opens the profile off the GUI thread and asks the cluster
// for its brokers. TLS profiles take a CA file, a client certificate and key (mutual TLS)
// and may turn host name verification off, which the dialog warns about in red, as it does
// about a private key other users can read (kafkaProfileWarnings). Thread: GUI thread.

#include "core/BackendConnector.h"
#include "core/ConnectionProfile.h"

#include <QDialog>

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QToolButton;
class QPushButton;
class QSpinBox;

namespace tidemark {

class KafkaProfilesDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KafkaProfilesDialog)

public:
    KafkaProfilesDialog(std::vector<KafkaProfile> profiles, BackendConnector *connector, bool secretsPersistent,
                        QWidget *parent = nullptr);

    std::vector<KafkaProfile> profiles() const; // with the passwords typed in this dialog
    int currentRow() const;
    QString testResult() const;
    QString testDetails() const; // the library's text behind the result's "Details" (empty: none)

public slots:
    void addProfile();
    void removeProfile();
    void testProfile();

private:
    void load(int row);
    void store();
    bool validate();
    void updateWarnings();
    void fitResult();

    std::vector<KafkaProfile> m_profiles;
    BackendConnector *m_connector;
    int m_row = -1;
    bool m_loading = false;
    QListWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_servers;
    QLineEdit *m_clientId;
    QComboBox *m_security;
    QComboBox *m_mechanism;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLineEdit *m_caFile;
    QLineEdit *m_certFile;
    QLineEdit *m_keyFile;
    QLineEdit *m_keyPassword; // ssl.key.password of an encrypted key: a secret, kept like m_password
    QCheckBox *m_verifyHostname;
    QLabel *m_warnings;
    QSpinBox *m_timeout;
    QLabel *m_secretNote;
    QLabel *m_result; // wraps within the dialog's width, never widens it
    QToolButton *m_detailsButton;
    QPlainTextEdit *m_details;
    QPushButton *m_test;
    QPushButton *m_remove;
    QPushButton *m_ok;
};

} // namespace tidemark
