#include "replay/replaydialog.h"

#include "widgets/valueformat.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace umg {

ReplayDialog::ReplayDialog(ReplayController *controller, QWidget *parent)
    : QDialog(parent)
    , m_controller(controller)
{
    setWindowTitle(tr("Replay"));
    setMinimumWidth(460);
    auto *layout = new QVBoxLayout(this);

    QStringList names;
    for (const QString &file : controller->files())
        names.append(QFileInfo(file).fileName());
    m_files = new QLabel(tr("Replaying %1 into a fresh engine database. The metric history is kept, so the "
                            "dashboards show the replay as it runs.")
                             .arg(names.join(QStringLiteral(", "))),
                         this);
    m_files->setWordWrap(true);
    layout->addWidget(m_files);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    layout->addWidget(m_progress);

    m_counts = new QLabel(this);
    layout->addWidget(m_counts);
    m_rate = new QLabel(this);
    layout->addWidget(m_rate);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_cancelButton = m_buttons->button(QDialogButtonBox::Cancel);
    connect(m_buttons, &QDialogButtonBox::rejected, this, [this] {
        if (m_controller->isRunning()) {
            m_controller->cancel();
            m_cancelButton->setEnabled(false);
            m_status->setText(tr("Cancelling after the current batch…"));
        } else {
            reject();
        }
    });
    layout->addWidget(m_buttons);

    connect(controller, &ReplayController::phaseChanged, this, &ReplayDialog::onPhaseChanged);
    connect(controller, &ReplayController::progressChanged, this, &ReplayDialog::onProgress);
    connect(controller, &ReplayController::finished, this, &ReplayDialog::onFinished);
    connect(controller, &ReplayController::failed, this, &ReplayDialog::onFailed);
    onPhaseChanged(controller->phase());
}

QString ReplayDialog::statusText() const
{
    return m_status->text();
}

QString ReplayDialog::rateText() const
{
    return m_rate->text();
}

void ReplayDialog::onPhaseChanged(ReplayController::Phase phase)
{
    switch (phase) {
    case ReplayController::Phase::Checking:
        m_status->setText(tr("Checking the files…"));
        m_progress->setRange(0, 0);
        break;
    case ReplayController::Phase::Restarting:
        m_status->setText(tr("Starting a fresh engine database…"));
        m_progress->setRange(0, 0);
        break;
    case ReplayController::Phase::Replaying:
        m_status->setText(tr("Replaying…"));
        m_progress->setRange(0, 1000);
        break;
    case ReplayController::Phase::Idle:
    case ReplayController::Phase::Count:
        break;
    }
}

void ReplayDialog::onProgress(const ReplayProgress &progress)
{
    if (progress.totalBytes > 0)
        m_progress->setValue(int(1000.0 * double(progress.bytesRead) / double(progress.totalBytes)));
    m_status->setText(tr("Replaying %1…").arg(QFileInfo(QString::fromStdString(progress.file)).fileName()));
    m_counts->setText(tr("%1 events read, %2 lines rejected")
                          .arg(formatCount(qint64(progress.eventsRead)), formatCount(qint64(progress.linesRejected))));
    const double rate = progress.elapsedSeconds > 0 ? double(progress.eventsRead) / progress.elapsedSeconds : 0.0;
    m_rate->setText(tr("%1 events/s, %2 s elapsed")
                        .arg(formatCount(qint64(rate)), formatValue(progress.elapsedSeconds, 1, {})));
}

void ReplayDialog::onFinished(const ReplayResult &result, const EngineSnapshot &snapshot)
{
    m_progress->setRange(0, 1000);
    m_progress->setValue(result.cancelled ? m_progress->value() : 1000);
    const std::int64_t installs = snapshot.totals.installsByKind[0] + snapshot.totals.installsByKind[1];
    m_status->setText((result.cancelled ? tr("Replay cancelled.") : tr("Replay finished."))
                      + QLatin1Char(' ')
                      + tr("%1 events read, %2 accepted, %3 duplicates, %4 lines rejected; %5 installs decided.")
                            .arg(formatCount(qint64(result.eventsRead)), formatCount(snapshot.eventsAccepted),
                                 formatCount(snapshot.eventsDuplicate),
                                 formatCount(qint64(result.linesRejected) + snapshot.eventsTooOld),
                                 formatCount(installs)));
    const double rate = result.elapsedSeconds > 0 ? double(result.eventsRead) / result.elapsedSeconds : 0.0;
    m_counts->setText(QString());
    m_rate->setText(tr("%1 events/s over %2 s")
                        .arg(formatCount(qint64(rate)), formatValue(result.elapsedSeconds, 2, {})));
    switchToClose();
}

void ReplayDialog::onFailed(const QString &message)
{
    m_progress->setRange(0, 1000);
    m_status->setText(message);
    switchToClose();
}

void ReplayDialog::switchToClose()
{
    m_buttons->setStandardButtons(QDialogButtonBox::Close);
    m_cancelButton = m_buttons->button(QDialogButtonBox::Close);
}

} // namespace umg
