#pragma once

#include <QMainWindow>

namespace tidemark {

// The application window. For now: the frame the panels will live in.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace tidemark
