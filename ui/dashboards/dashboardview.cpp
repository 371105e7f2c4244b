#include "dashboards/dashboardview.h"

#include "dashboards/dashboardslog.h"
#include "dashboards/loadtestrunner.h"
#include "datasource/queryrunner.h"
#include "widgets/valueformat.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPixmap>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace umg {
namespace {

constexpr int kGridColumns = 4;

int minimumPanelHeight(const PanelDefinition &definition)
{
    switch (definition.kind) {
    case PanelKind::Gauge:
    case PanelKind::Stat:
        return 190;
    case PanelKind::TimeSeries:
        return 250;
    case PanelKind::Table: {
        // Every row visible without scrolling: the header, one line per row, the frame.
        const int rows = int(definition.queries.size()) + (definition.records != RecordSource::None ? 1 : 0);
        return std::max(200, 90 + 30 * rows);
    }
    default:
        return 220;
    }
}

} // namespace

DashboardView::DashboardView(const DashboardDefinition &definition, QueryRunner *runner, QWidget *parent)
    : QWidget(parent)
    , m_definition(definition)
    , m_runner(runner)
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("dashboard-") + definition.id);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    buildToolBar();
    buildPanels();

    connect(m_timer, &QTimer::timeout, this, &DashboardView::refresh);
    if (m_runner)
        connect(m_runner, &QueryRunner::finished, this, &DashboardView::onBatchFinished);
    restartTimer();
}

void DashboardView::buildToolBar()
{
    auto *bar = new QHBoxLayout;
    bar->setSpacing(6);

    auto *title = new QLabel(m_definition.title, this);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    title->setFont(font);
    bar->addWidget(title);
    bar->addStretch(1);

    if (m_definition.id == QLatin1String("load-testing")) {
        m_loadTestButton = new QToolButton(this);
        m_loadTestButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        m_loadTestButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
        connect(m_loadTestButton, &QToolButton::clicked, this, [this] {
            if (!m_loadTestRunner)
                return;
            if (m_loadTestRunner->isRunning())
                m_loadTestRunner->stop();
            else
                m_loadTestRunner->start();
        });
        bar->addWidget(m_loadTestButton);
        updateLoadTestControls();
    }

    m_updatedLabel = new QLabel(this);
    m_updatedLabel->setForegroundRole(QPalette::PlaceholderText);
    bar->addWidget(m_updatedLabel);

    m_rangeBox = new QComboBox(this);
    m_rangeBox->setAccessibleName(tr("Time range"));
    m_rangeBox->setToolTip(tr("Time range"));
    for (int i = 0; i < int(TimeRange::Count); ++i)
        m_rangeBox->addItem(TimeRanges::text(TimeRange(i)), i);
    m_rangeBox->setCurrentIndex(int(m_range));
    connect(m_rangeBox, &QComboBox::activated, this, [this](int index) { setTimeRange(TimeRange(index)); });
    bar->addWidget(m_rangeBox);

    m_refreshBox = new QComboBox(this);
    m_refreshBox->setAccessibleName(tr("Refresh interval"));
    m_refreshBox->setToolTip(tr("Refresh interval"));
    for (int i = 0; i < int(RefreshInterval::Count); ++i)
        m_refreshBox->addItem(TimeRanges::text(RefreshInterval(i)), i);
    m_refreshBox->setCurrentIndex(int(m_refresh));
    connect(m_refreshBox, &QComboBox::activated, this,
            [this](int index) { setRefreshInterval(RefreshInterval(index)); });
    bar->addWidget(m_refreshBox);

    m_pauseButton = new QToolButton(this);
    m_pauseButton->setCheckable(true);
    m_pauseButton->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    m_pauseButton->setText(tr("Pause"));
    m_pauseButton->setToolTip(tr("Pause: keep the time range where it is and stop refreshing"));
    m_pauseButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(m_pauseButton, &QToolButton::toggled, this, &DashboardView::setPaused);
    bar->addWidget(m_pauseButton);

    auto *refreshButton = new QToolButton(this);
    refreshButton->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    refreshButton->setToolTip(tr("Refresh now"));
    connect(refreshButton, &QToolButton::clicked, this, [this] {
        m_batchRunning = false; // a manual refresh replaces a slow batch
        refresh();
    });
    bar->addWidget(refreshButton);

    auto *exportButton = new QToolButton(this);
    exportButton->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    exportButton->setToolTip(tr("Export the dashboard as PNG…"));
    connect(exportButton, &QToolButton::clicked, this, &DashboardView::exportWithDialog);
    bar->addWidget(exportButton);

    static_cast<QVBoxLayout *>(layout())->addLayout(bar);
}

void DashboardView::buildPanels()
{
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_panelArea = new QWidget;
    m_panelArea->setObjectName(QStringLiteral("panel-area"));
    m_grid = new QGridLayout(m_panelArea);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(8);
    for (int column = 0; column < kGridColumns; ++column)
        m_grid->setColumnStretch(column, 1);

    int row = 0;
    int column = 0;
    for (const PanelDefinition &definition : std::as_const(m_definition.panels)) {
        const int span = std::clamp(definition.columnSpan, 1, kGridColumns);
        if (column + span > kGridColumns) {
            ++row;
            column = 0;
        }
        auto *panel = new PanelView(definition, m_panelArea);
        panel->setMinimumHeight(minimumPanelHeight(definition));
        m_grid->addWidget(panel, row, column, 1, span);
        column += span;

        const int panelIndex = int(m_panels.size());
        m_panels.append(panel);
        for (const PanelQuery &query : definition.queries) {
            QueryRequest request;
            request.expression = query.expression;
            request.kind = query.kind;
            m_requests.append(request);
            m_requestPanel.append(panelIndex);
        }
    }
    m_grid->setRowStretch(row + 1, 1);

    scroll->setWidget(m_panelArea);
    layout()->addWidget(scroll);
}

PanelView *DashboardView::panel(const QString &id) const
{
    for (PanelView *panel : m_panels) {
        if (panel->definition().id == id)
            return panel;
    }
    return nullptr;
}

void DashboardView::setTimeRange(TimeRange range)
{
    if (range == TimeRange::Count)
        return;
    m_range = range;
    m_rangeBox->setCurrentIndex(int(range));
    // The running batch is for the old range; its result will be dropped.
    m_batchRunning = false;
    if (isVisible())
        refresh();
}

void DashboardView::setRefreshInterval(RefreshInterval interval)
{
    if (interval == RefreshInterval::Count)
        return;
    m_refresh = interval;
    m_refreshBox->setCurrentIndex(int(interval));
    restartTimer();
}

void DashboardView::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    m_pausedAtMs = QDateTime::currentMSecsSinceEpoch();
    {
        const QSignalBlocker blocker(m_pauseButton);
        m_pauseButton->setChecked(paused);
    }
    m_pauseButton->setText(paused ? tr("Paused") : tr("Pause"));
    restartTimer();
    if (!paused && isVisible())
        refresh();
}

void DashboardView::restartTimer()
{
    const qint64 interval = TimeRanges::intervalMs(m_refresh);
    if (interval <= 0 || m_paused) {
        m_timer->stop();
        return;
    }
    m_timer->start(int(interval));
}

void DashboardView::setCustomerRecords(const CustomerRecords &records)
{
    m_records = records;
    m_directory = CustomerDirectory::fromRecords(records);
    applyRecords();
}

void DashboardView::applyRecords()
{
    const Date today = todayUtc();
    for (PanelView *panel : std::as_const(m_panels))
        panel->applyRecords(m_records, today);
}

void DashboardView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void DashboardView::refresh()
{
    if (m_batchRunning || !isVisible())
        return;
    submitBatch();
}

void DashboardView::submitBatch()
{
    if (!m_runner)
        return;
    const qint64 rangeMs = TimeRanges::durationMs(m_range);
    const qint64 endMs = m_paused ? m_pausedAtMs : QDateTime::currentMSecsSinceEpoch();
    const qint64 stepMs = TimeRanges::stepMs(rangeMs);
    // Align range queries to the step, so that successive refreshes evaluate
    // the same instants and lines do not shimmer.
    const qint64 alignedEnd = endMs - endMs % stepMs;

    QList<QueryRequest> requests = m_requests;
    for (QueryRequest &request : requests) {
        request.rangeMs = rangeMs;
        request.stepMs = stepMs;
        request.endMs = request.kind == QueryRequest::Kind::Range ? alignedEnd : endMs;
        request.fromMs = request.endMs - rangeMs;
    }
    m_batchFromMs = endMs - rangeMs;
    m_batchToMs = endMs;
    m_batchRunning = true;
    m_latestBatch = m_runner->submit(requests);
    m_submittedBatches.insert(m_latestBatch);
}

void DashboardView::onBatchFinished(quint64 batchId, const QList<QueryResult> &results)
{
    // The runner serves every view; only batches of this view concern it.
    if (!m_submittedBatches.remove(batchId))
        return;
    if (batchId != m_latestBatch) {
        qCDebug(lcDashboards) << m_definition.id << "dropped the stale result of batch" << batchId;
        return;
    }
    m_batchRunning = false;

    QList<QList<QueryResult>> perPanel(m_panels.size());
    for (qsizetype i = 0; i < results.size() && i < m_requestPanel.size(); ++i)
        perPanel[m_requestPanel[i]].append(results[i]);
    for (qsizetype panel = 0; panel < m_panels.size(); ++panel) {
        if (!m_panels[panel]->definition().queries.isEmpty())
            m_panels[panel]->applyQueryResults(perPanel[panel], m_batchFromMs, m_batchToMs, m_directory);
    }
    // Record panels follow the date, so they are recomputed with each refresh.
    applyRecords();

    ++m_completedRefreshes;
    m_updatedLabel->setText(tr("Updated %1").arg(formatTime(QTime::currentTime())));
    Q_EMIT refreshed();
}

bool DashboardView::exportPng(const QString &filePath, QString *errorMessage)
{
    const QPixmap image = m_panelArea->grab();
    QSaveFile file(filePath);
    const bool written = file.open(QIODevice::WriteOnly) && image.save(&file, "PNG") && file.commit();
    if (!written) {
        const QString message = tr("The dashboard could not be saved to %1: %2. Choose a folder you can write to.")
                                    .arg(QDir::toNativeSeparators(filePath), file.errorString());
        qCWarning(lcDashboards) << "export of" << m_definition.id << "to" << filePath << "failed:" << file.errorString();
        if (errorMessage)
            *errorMessage = message;
        return false;
    }
    return true;
}

void DashboardView::exportWithDialog()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QString suggested = QDir(folder).filePath(m_definition.id + QStringLiteral(".png"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export dashboard"), suggested, tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportPng(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

void DashboardView::setLoadTestRunner(LoadTestRunner *runner)
{
    if (m_loadTestRunner)
        disconnect(m_loadTestRunner, nullptr, this, nullptr);
    m_loadTestRunner = runner;
    if (runner) {
        connect(runner, &LoadTestRunner::runningChanged, this, &DashboardView::updateLoadTestControls);
        // open() instead of exec(): a failure must not stop the event loop
        // and with it the dashboards.
        connect(runner, &LoadTestRunner::failed, this, [this](const QString &message) {
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Load test failed"), message, QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        });
    }
    updateLoadTestControls();
}

void DashboardView::setLoadTestPanel(QWidget *panel)
{
    auto *scroll = findChild<QScrollArea *>(QString(), Qt::FindDirectChildrenOnly);
    if (!panel || !scroll || findChild<QSplitter *>(QStringLiteral("load-test-splitter"), Qt::FindDirectChildrenOnly))
        return;
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("load-test-splitter"));
    layout()->replaceWidget(scroll, splitter);
    splitter->addWidget(panel);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
}

void DashboardView::updateLoadTestControls()
{
    if (!m_loadTestButton)
        return;
    const bool running = m_loadTestRunner && m_loadTestRunner->isRunning();
    m_loadTestButton->setEnabled(m_loadTestRunner != nullptr);
    m_loadTestButton->setText(running ? tr("Stop load test") : tr("Start load test"));
    m_loadTestButton->setIcon(style()->standardIcon(running ? QStyle::SP_MediaStop : QStyle::SP_MediaPlay));
    m_loadTestButton->setToolTip(m_loadTestRunner ? m_loadTestRunner->description()
                                                  : tr("No load-test runner is available in this version."));
}

void DashboardView::saveSettings(QSettings &settings) const
{
    settings.beginGroup(QStringLiteral("dashboards/") + m_definition.id);
    settings.setValue(QStringLiteral("timeRange"), TimeRanges::key(m_range));
    settings.setValue(QStringLiteral("refresh"), TimeRanges::key(m_refresh));
    settings.endGroup();
}

void DashboardView::restoreSettings(QSettings &settings)
{
    settings.beginGroup(QStringLiteral("dashboards/") + m_definition.id);
    if (const auto range = TimeRanges::fromKey(settings.value(QStringLiteral("timeRange")).toString()))
        setTimeRange(*range);
    if (const auto refresh = TimeRanges::refreshFromKey(settings.value(QStringLiteral("refresh")).toString()))
        setRefreshInterval(*refresh);
    settings.endGroup();
}

} // namespace umg
