#pragma once

#include "replay/replaycontroller.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace umg {

/// Progress of a replay: the share of bytes read, events read and rejected,
/// the event rate and a Cancel button. After the replay it shows a summary
/// of what the engine counted. It follows a ReplayController and never
/// blocks it.
class ReplayDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ReplayDialog(ReplayController *controller, QWidget *parent = nullptr);

    QProgressBar *progressBar() const { return m_progress; }
    /// The status text: the current phase, or the summary after the replay.
    QString statusText() const;
    QString rateText() const;

private:
    void onPhaseChanged(ReplayController::Phase phase);
    void onProgress(const ReplayProgress &progress);
    void onFinished(const ReplayResult &result, const EngineSnapshot &snapshot);
    void onFailed(const QString &message);
    void switchToClose();

    ReplayController *m_controller = nullptr;
    QLabel *m_files = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_rate = nullptr;
    QProgressBar *m_progress = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_cancelButton = nullptr;
};

} // namespace umg
