#pragma once

// The first lesson's "next step" strip: one line under the toolbar that says what to do
// next and follows what the user actually did (core/Lesson.h observes the broker state and
// the consumers). On a fresh data directory (no topics) it offers the lesson: one click
// creates the topic "orders" with 3 partitions and sends a first order keyed by its user id
// (through the topic browser and the producer panel, as the user would). It can be
// dismissed for good (QSettings "lesson/dismissed"); Help > Show the Lesson brings it back.
//
// For tests and the window: objectName "lessonStrip"; text() is what the line says,
// isWanted()/wantedChanged() whether it should be shown (the window hides its row
// otherwise); children "lessonText", "lessonStartButton", "lessonDismissButton".
//
// Thread: GUI thread.

#include "core/Lesson.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QSettings;
class QToolButton;

namespace tidemark {

class AsyncBackend;
class ConsumerManager;
class ProducerPanel;
class TopicBrowser;

class LessonStrip final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LessonStrip)

public:
    LessonStrip(QSettings &settings, ConsumerManager *consumers, TopicBrowser *topics, ProducerPanel *producer,
                QWidget *parent = nullptr);

    Lesson *lesson() const { return m_lesson; }
    QString text() const;
    bool isWanted() const;
    bool isDismissed() const;

public slots:
    void setBackend(tidemark::AsyncBackend *backend);
    // Creates "orders" (3 partitions), then sends the producer's order (keyed by user_id).
    void start();
    void dismiss();
    void showAgain();

signals:
    void wantedChanged(bool wanted);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void onTopicSelected(const QString &topic);

    QSettings &m_settings;
    ConsumerManager *m_consumers;
    bool m_othersRun = true; // as the last refresh saw it
    bool othersRun() const;  // a member of the lesson's group other than the killed one runs
    TopicBrowser *m_topics;
    ProducerPanel *m_producer;
    Lesson *m_lesson;
    QPointer<AsyncBackend> m_backend;
    bool m_asked = false;    // Help > Show the Lesson, this session: shown even if not offered
    bool m_starting = false; // start() is creating the topic
    bool m_wanted = false;
    bool m_groupListed = false; // the lesson's group was in the consumer list at the last refresh
    QString m_error;            // why start() did not get through, until the next step
    QLabel *m_title;
    QLabel *m_text;
    QPushButton *m_start;
    QToolButton *m_dismiss;
};

} // namespace tidemark
