#include "ui/MainWindow.h"

#include <QLabel>
#include <QStatusBar>

namespace tidemark {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Tidemark"));
    auto *placeholder = new QLabel(tr("Tidemark"), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    statusBar()->showMessage(tr("Ready"));
    resize(1280, 800);
}

} // namespace tidemark
