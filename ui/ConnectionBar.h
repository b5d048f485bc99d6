#pragma once

// The toolbar's connection switcher: the built-in broker (its data directory) or one of the
// Kafka profiles, plus "Open folder…" (another data directory) and "Profiles…" (add, edit,
// test, remove Kafka profiles). Emits what the user picked; MainWindow connects. Beside the
// choice, the connection's state in a word ("Connecting…", "Connected", "Unreachable"),
// from the ConnectionLifecycle it observes: never "Connected" before the broker answered.
// Thread: GUI thread.

#include "core/ConnectionProfile.h"

#include <QPointer>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QToolButton;

namespace tidemark {

class ConnectionLifecycle;

class ConnectionBar final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionBar)

public:
    explicit ConnectionBar(QWidget *parent = nullptr);

    void setLocalDirectory(const QString &directory); // shown for the built-in broker entry
    void setProfiles(const std::vector<KafkaProfile> &profiles);
    // Shows `spec` as the current choice without emitting connectRequested().
    void setCurrent(const ConnectionSpec &spec);
    QComboBox *combo() const { return m_combo; }
    // Shows `lifecycle`'s state from now on (it must outlive this bar).
    void observe(const ConnectionLifecycle *lifecycle);
    QString stateText() const;

signals:
    void connectRequested(const tidemark::ConnectionSpec &spec); // secrets not applied
    void openFolderRequested();
    void manageProfilesRequested();

protected:
    // A palette change (a theme switch) colours the state's dot for the new theme.
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void showState();
    ConnectionSpec specAt(int index) const;

    QComboBox *m_combo;
    QLabel *m_state;
    // Guarded: the main window deletes its lifecycle before its tool bar, whose teardown still
    // sends this bar a palette change (ASan saw showState() read the freed lifecycle).
    QPointer<const ConnectionLifecycle> m_lifecycle;
    QToolButton *m_openFolder;
    QToolButton *m_profilesButton;
    QString m_localDirectory;
    std::vector<KafkaProfile> m_profiles;
    ConnectionSpec m_current;
};

} // namespace tidemark
