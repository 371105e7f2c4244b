#include "loadtest/loadtestview.h"

#include "loadtest/consoleloadtestrunner.h"
#include "loadtest/loadtestcomparisonmodel.h"
#include "loadtest/loadtestlog.h"
#include "loadtest/loadtestrunsmodel.h"
#include "loadtest/loadtesttext.h"
#include "widgets/panelframe.h"
#include "widgets/thresholdtable.h"
#include "widgets/timeserieschart.h"
#include "widgets/valueformat.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace umg {
namespace {

constexpr int kMaxDurationSeconds = 7 * 24 * 3600;

QDoubleSpinBox *shareBox(QWidget *parent, const QString &name)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(0.0, 1.0);
    box->setDecimals(3);
    box->setSingleStep(0.01);
    box->setAccessibleName(name);
    return box;
}

QSpinBox *countBox(QWidget *parent, const QString &name, int minimum, int maximum, const QString &suffix = {})
{
    auto *box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setGroupSeparatorShown(true);
    box->setSuffix(suffix);
    box->setAccessibleName(name);
    return box;
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QString secondsText(double seconds)
{
    const qint64 whole = qint64(std::max(0.0, std::round(seconds)));
    if (whole < 60)
        return LoadTestText::tr("%1 s").arg(whole);
    return LoadTestText::tr("%1 min %2 s").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
}

ThresholdRow row(const QString &name, double value, const QString &unit, int decimals,
                 std::optional<ThresholdPolicy> policy = std::nullopt)
{
    ThresholdRow row;
    row.name = name;
    row.measured = value;
    row.unit = unit;
    row.decimals = decimals;
    row.policy = policy;
    return row;
}

} // namespace

LoadTestView::LoadTestView(ConsoleLoadTestRunner *runner, const QString &profileFolder, QWidget *parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_profiles(profileFolder)
{
    setObjectName(QStringLiteral("load-test-view"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("load-test-message"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setVisible(false);
    layout->addWidget(m_message);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildRunTab(), tr("Run"));
    m_tabs->addTab(buildHistoryTab(), tr("Runs and comparison"));
    layout->addWidget(m_tabs, 1);

    connect(m_runner, &LoadTestRunner::runningChanged, this, &LoadTestView::onRunningChanged);
    connect(m_runner, &ConsoleLoadTestRunner::progressChanged, this, &LoadTestView::onProgress);
    connect(m_runner, &ConsoleLoadTestRunner::finished, this, &LoadTestView::onFinished);
    connect(m_runner, &LoadTestRunner::failed, this, &LoadTestView::showMessage);
    connect(m_runner, &ConsoleLoadTestRunner::runsChanged, this, &LoadTestView::refreshRuns);
    connect(m_runner, &ConsoleLoadTestRunner::runsListed, m_runsModel, &LoadTestRunsModel::setRuns);
    connect(m_runner, &ConsoleLoadTestRunner::runLoaded, this, &LoadTestView::onRunLoaded);

    setFormProfile(m_runner->profile());
    refreshProfileList();
    onRunningChanged(m_runner->isRunning());
    refreshRuns();
}

QWidget *LoadTestView::buildRunTab()
{
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *page = new QWidget;
    auto *columns = new QHBoxLayout(page);
    columns->addWidget(buildForm(), 0);

    auto *right = new QVBoxLayout;
    auto *controls = new QHBoxLayout;
    m_startButton = new QPushButton(page);
    m_startButton->setObjectName(QStringLiteral("load-test-start"));
    connect(m_startButton, &QPushButton::clicked, this, [this] {
        if (m_runner->isRunning()) {
            m_runner->stop();
            return;
        }
        showMessage({});
        m_runner->setProfile(formProfile());
        m_runner->setTokenFile(m_tokenFile->text().trimmed());
        m_runner->start();
    });
    controls->addWidget(m_startButton);
    m_phaseLabel = new QLabel(page);
    m_phaseLabel->setObjectName(QStringLiteral("load-test-phase"));
    controls->addWidget(m_phaseLabel, 1);
    right->addLayout(controls);

    m_progress = new QProgressBar(page);
    m_progress->setObjectName(QStringLiteral("load-test-progress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    right->addWidget(m_progress);
    m_timeLabel = new QLabel(page);
    m_timeLabel->setObjectName(QStringLiteral("load-test-time"));
    right->addWidget(m_timeLabel);

    right->addWidget(heading(tr("Live figures"), page));
    m_liveTable = new ThresholdTable(page);
    m_liveTable->setObjectName(QStringLiteral("load-test-live"));
    m_liveTable->setMinimumHeight(200);
    // Live figures keep the order of the dashboard's panels.
    m_liveTable->setSortingEnabled(false);
    m_liveTable->proxyModel()->sort(-1);
    m_liveTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_liveTable->horizontalHeader()->setSectionResizeMode(int(ThresholdTableModel::Column::Name), QHeaderView::Stretch);
    right->addWidget(m_liveTable, 1);

    m_chart = new TimeSeriesChart(page);
    m_chart->setObjectName(QStringLiteral("load-test-throughput-chart"));
    m_chart->setUnit(tr("events/s"));
    m_chart->setDecimals(0);
    m_chart->setThresholdPolicy(ThresholdPolicy::higherIsBetter(checkInfo(Check::Throughput).target));
    m_chart->setMinimumHeight(180);
    // In a panel frame, like the dashboard's charts, for its PNG export.
    right->addWidget(new PanelFrame(tr("Throughput during the run"), m_chart, page), 1);

    right->addWidget(heading(tr("Validation summary"), page));
    m_outcomeLabel = new QLabel(tr("No load test has run yet."), page);
    m_outcomeLabel->setObjectName(QStringLiteral("load-test-outcome"));
    m_outcomeLabel->setWordWrap(true);
    m_outcomeLabel->setTextFormat(Qt::PlainText);
    right->addWidget(m_outcomeLabel);
    m_summaryTable = new ThresholdTable(page);
    m_summaryTable->setObjectName(QStringLiteral("load-test-summary"));
    m_summaryTable->setMinimumHeight(230);
    m_summaryTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_summaryTable->horizontalHeader()->setSectionResizeMode(int(ThresholdTableModel::Column::Name),
                                                             QHeaderView::Stretch);
    right->addWidget(m_summaryTable, 1);

    columns->addLayout(right, 1);
    scroll->setWidget(page);
    return scroll;
}

QWidget *LoadTestView::buildForm()
{
    auto *box = new QGroupBox(tr("Profile"), this);
    box->setObjectName(QStringLiteral("load-test-form"));
    box->setMaximumWidth(440);
    auto *layout = new QVBoxLayout(box);

    auto *profileRow = new QHBoxLayout;
    m_profileBox = new QComboBox(box);
    m_profileBox->setObjectName(QStringLiteral("load-test-profiles"));
    m_profileBox->setAccessibleName(tr("Saved profiles"));
    m_profileBox->setToolTip(tr("Profiles saved in %1").arg(QDir::toNativeSeparators(m_profiles.folder())));
    connect(m_profileBox, &QComboBox::activated, this, [this](int index) {
        if (index > 0)
            loadProfile(m_profileBox->itemText(index));
    });
    profileRow->addWidget(m_profileBox, 1);
    auto *saveButton = new QPushButton(tr("Save as…"), box);
    saveButton->setToolTip(tr("Save these settings as a named profile"));
    connect(saveButton, &QPushButton::clicked, this, &LoadTestView::saveProfileWithDialog);
    profileRow->addWidget(saveButton);
    auto *deleteButton = new QPushButton(tr("Delete"), box);
    deleteButton->setToolTip(tr("Delete the selected profile"));
    connect(deleteButton, &QPushButton::clicked, this, &LoadTestView::deleteSelectedProfile);
    profileRow->addWidget(deleteButton);
    layout->addLayout(profileRow);

    auto *form = new QFormLayout;
    m_target = new QLineEdit(box);
    m_target->setObjectName(QStringLiteral("load-test-target"));
    m_target->setPlaceholderText(tr("embedded, http://HOST:PORT or kafka://BROKERS/TOPIC"));
    m_target->setToolTip(tr("embedded sends to the console's own engine, which the panels below show"));
    form->addRow(tr("Target"), m_target);

    auto *tokenRow = new QHBoxLayout;
    m_tokenFile = new QLineEdit(box);
    m_tokenFile->setPlaceholderText(tr("none"));
    m_tokenFile->setToolTip(tr("File with the node's bearer token; the token itself is never shown"));
    tokenRow->addWidget(m_tokenFile, 1);
    auto *browse = new QPushButton(tr("Browse…"), box);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Token file of the node"));
        if (!path.isEmpty())
            m_tokenFile->setText(path);
    });
    tokenRow->addWidget(browse);
    form->addRow(tr("Token file"), tokenRow);

    m_statusUrl = new QLineEdit(box);
    m_statusUrl->setPlaceholderText(tr("Kafka only: http://HOST:PORT of the consuming node"));
    form->addRow(tr("Status node"), m_statusUrl);

    m_rate = new QDoubleSpinBox(box);
    m_rate->setObjectName(QStringLiteral("load-test-rate"));
    m_rate->setRange(1, LoadTestProfile::kMaxRate);
    m_rate->setDecimals(0);
    m_rate->setGroupSeparatorShown(true);
    m_rate->setSingleStep(1000);
    m_rate->setSuffix(tr(" events/s"));
    form->addRow(tr("Rate"), m_rate);
    m_rampUp = countBox(box, tr("Ramp-up"), 0, kMaxDurationSeconds - 1, tr(" s"));
    m_rampUp->setObjectName(QStringLiteral("load-test-ramp-up"));
    form->addRow(tr("Ramp-up"), m_rampUp);
    m_duration = countBox(box, tr("Duration"), 1, kMaxDurationSeconds, tr(" s"));
    m_duration->setObjectName(QStringLiteral("load-test-duration"));
    form->addRow(tr("Duration"), m_duration);
    m_batchSize = countBox(box, tr("Batch size"), 1, int(LoadTestProfile::kMaxBatchSize), tr(" events"));
    form->addRow(tr("Batch size"), m_batchSize);
    m_connections = countBox(box, tr("Connections"), 1, int(LoadTestProfile::kMaxConnections));
    m_connections->setToolTip(tr("Parallel senders: HTTP connections, or threads that submit to the engine"));
    form->addRow(tr("Connections"), m_connections);
    m_devices = countBox(box, tr("Devices"), 100, 1 << 24);
    m_devices->setObjectName(QStringLiteral("load-test-devices"));
    form->addRow(tr("Devices"), m_devices);

    m_clicks = shareBox(box, tr("Clicks"));
    m_impressions = shareBox(box, tr("Impressions"));
    m_installs = shareBox(box, tr("Installs"));
    m_inApp = shareBox(box, tr("In-app events"));
    form->addRow(tr("Clicks"), m_clicks);
    form->addRow(tr("Impressions"), m_impressions);
    form->addRow(tr("Installs"), m_installs);
    form->addRow(tr("In-app events"), m_inApp);
    m_organic = shareBox(box, tr("Organic share"));
    m_organic->setToolTip(tr("Share of installs from devices that never saw an ad"));
    form->addRow(tr("Organic share"), m_organic);
    m_fraud = shareBox(box, tr("Fraud share"));
    m_fraud->setObjectName(QStringLiteral("load-test-fraud"));
    m_fraud->setToolTip(tr("Share of installs preceded by injected or flooded clicks"));
    form->addRow(tr("Fraud share"), m_fraud);
    m_outOfOrder = shareBox(box, tr("Out-of-order share"));
    m_outOfOrder->setToolTip(tr("Share of events sent up to 4 s late"));
    form->addRow(tr("Out-of-order share"), m_outOfOrder);
    m_fingerprint = shareBox(box, tr("Fingerprint share"));
    m_fingerprint->setToolTip(tr("Share of devices without an advertising id, matched by IP and user agent"));
    form->addRow(tr("Fingerprint share"), m_fingerprint);
    m_seed = countBox(box, tr("Seed"), 0, std::numeric_limits<int>::max());
    m_seed->setSpecialValueText(tr("new for every run"));
    form->addRow(tr("Seed"), m_seed);
    layout->addLayout(form);

    m_validation = new QLabel(box);
    m_validation->setObjectName(QStringLiteral("load-test-validation"));
    m_validation->setWordWrap(true);
    m_validation->setTextFormat(Qt::PlainText);
    m_validation->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_validation);
    layout->addStretch(1);

    for (QLineEdit *edit : {m_target, m_tokenFile, m_statusUrl})
        connect(edit, &QLineEdit::textChanged, this, &LoadTestView::onFormChanged);
    for (QSpinBox *spin : {m_rampUp, m_duration, m_batchSize, m_connections, m_devices, m_seed})
        connect(spin, &QSpinBox::valueChanged, this, &LoadTestView::onFormChanged);
    for (QDoubleSpinBox *spin : {m_rate, m_clicks, m_impressions, m_installs, m_inApp, m_organic, m_fraud,
                                 m_outOfOrder, m_fingerprint})
        connect(spin, &QDoubleSpinBox::valueChanged, this, &LoadTestView::onFormChanged);
    return box;
}

QWidget *LoadTestView::buildHistoryTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);

    m_runsModel = new LoadTestRunsModel(this);
    m_runsView = new QTableView(page);
    m_runsView->setObjectName(QStringLiteral("load-test-runs"));
    m_runsView->setModel(m_runsModel);
    m_runsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runsView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_runsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_runsView->verticalHeader()->setVisible(false);
    m_runsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_runsView->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_runsView, 1);
    connect(m_runsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LoadTestView::updateHistoryButtons);
    connect(m_runsModel, &QAbstractItemModel::modelReset, this, &LoadTestView::updateHistoryButtons);

    auto *buttons = new QHBoxLayout;
    m_openButton = new QPushButton(tr("Show summary"), page);
    m_openButton->setToolTip(tr("Show the validation summary of the selected run on the Run tab"));
    connect(m_openButton, &QPushButton::clicked, this, [this] {
        const QModelIndexList rows = m_runsView->selectionModel()->selectedRows();
        if (rows.size() != 1)
            return;
        m_pendingOpen = m_runsModel->runIdAt(rows.first().row());
        m_runner->loadRun(m_pendingOpen);
    });
    buttons->addWidget(m_openButton);
    m_compareButton = new QPushButton(tr("Compare"), page);
    m_compareButton->setObjectName(QStringLiteral("load-test-compare"));
    m_compareButton->setToolTip(tr("Select two runs to compare them side by side"));
    connect(m_compareButton, &QPushButton::clicked, this, [this] {
        const QModelIndexList rows = m_runsView->selectionModel()->selectedRows();
        if (rows.size() != 2)
            return;
        const qint64 a = m_runsModel->runIdAt(rows[0].row());
        const qint64 b = m_runsModel->runIdAt(rows[1].row());
        compareRuns(std::min(a, b), std::max(a, b));
    });
    buttons->addWidget(m_compareButton);
    m_deleteButton = new QPushButton(tr("Delete"), page);
    m_deleteButton->setToolTip(tr("Delete the selected runs from the console's database"));
    connect(m_deleteButton, &QPushButton::clicked, this, [this] {
        for (const QModelIndex &index : m_runsView->selectionModel()->selectedRows())
            m_runner->removeRun(m_runsModel->runIdAt(index.row()));
    });
    buttons->addWidget(m_deleteButton);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    layout->addWidget(heading(tr("Comparison"), page));
    m_comparisonModel = new LoadTestComparisonModel(this);
    m_comparisonModel->setColors(ThresholdPalette::forPalette(palette()));
    m_comparisonView = new QTableView(page);
    m_comparisonView->setObjectName(QStringLiteral("load-test-comparison"));
    m_comparisonView->setModel(m_comparisonModel);
    m_comparisonView->setSelectionMode(QAbstractItemView::NoSelection);
    m_comparisonView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_comparisonView->verticalHeader()->setVisible(false);
    m_comparisonView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_comparisonView->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_comparisonView, 2);
    updateHistoryButtons();
    return page;
}

LoadTestProfile LoadTestView::formProfile() const
{
    LoadTestProfile profile = m_runner->profile();
    profile.target = m_target->text().trimmed().toStdString();
    profile.statusUrl = m_statusUrl->text().trimmed().toStdString();
    profile.rate = m_rate->value();
    profile.rampUpMs = qint64(m_rampUp->value()) * 1000;
    profile.durationMs = qint64(m_duration->value()) * 1000;
    profile.batchSize = std::uint32_t(m_batchSize->value());
    profile.connections = std::uint32_t(m_connections->value());
    WorkloadProfile &workload = profile.workload;
    workload.devices = std::uint64_t(m_devices->value());
    workload.clickShare = m_clicks->value();
    workload.impressionShare = m_impressions->value();
    workload.installShare = m_installs->value();
    workload.inAppShare = m_inApp->value();
    workload.organicShare = m_organic->value();
    workload.fraudShare = m_fraud->value();
    workload.outOfOrderShare = m_outOfOrder->value();
    workload.fingerprintShare = m_fingerprint->value();
    workload.seed = std::uint64_t(m_seed->value());
    return profile;
}

void LoadTestView::setFormProfile(const LoadTestProfile &profile)
{
    m_fillingForm = true;
    m_target->setText(QString::fromStdString(profile.target));
    m_statusUrl->setText(QString::fromStdString(profile.statusUrl));
    m_rate->setValue(profile.rate);
    m_rampUp->setValue(int(profile.rampUpMs / 1000));
    m_duration->setValue(int(profile.durationMs / 1000));
    m_batchSize->setValue(int(profile.batchSize));
    m_connections->setValue(int(profile.connections));
    const WorkloadProfile &workload = profile.workload;
    m_devices->setValue(int(std::min<std::uint64_t>(workload.devices, std::uint64_t(m_devices->maximum()))));
    m_clicks->setValue(workload.clickShare);
    m_impressions->setValue(workload.impressionShare);
    m_installs->setValue(workload.installShare);
    m_inApp->setValue(workload.inAppShare);
    m_organic->setValue(workload.organicShare);
    m_fraud->setValue(workload.fraudShare);
    m_outOfOrder->setValue(workload.outOfOrderShare);
    m_fingerprint->setValue(workload.fingerprintShare);
    m_seed->setValue(int(std::min<std::uint64_t>(workload.seed, std::uint64_t(m_seed->maximum()))));
    m_fillingForm = false;
    LoadTestProfile named = formProfile();
    named.name = profile.name;
    m_runner->setProfile(named);
    onFormChanged();
}

QString LoadTestView::validationMessage() const
{
    return m_validation->text();
}

void LoadTestView::onFormChanged()
{
    if (m_fillingForm)
        return;
    const LoadTestProfile profile = formProfile();
    QString message;
    try {
        profile.validate();
    } catch (const ProfileError &error) {
        message = tr("These settings cannot run: %1.").arg(QString::fromStdString(error.what()));
    }
    m_validation->setText(message);
    m_statusUrl->setEnabled(m_target->text().trimmed().startsWith(QLatin1String("kafka://")));
    // The dashboard's own Start button runs what the form shows.
    if (!m_runner->isRunning()) {
        m_runner->setProfile(profile);
        m_runner->setTokenFile(m_tokenFile->text().trimmed());
    }
    if (!m_runner->isRunning())
        m_startButton->setEnabled(message.isEmpty());
}

bool LoadTestView::saveProfileAs(const QString &name)
{
    LoadTestProfile profile = formProfile();
    profile.name = name.trimmed().toStdString();
    QString error;
    if (!m_profiles.save(profile, &error)) {
        showMessage(error);
        return false;
    }
    m_runner->setProfile(profile);
    refreshProfileList(QString::fromStdString(profile.name));
    return true;
}

bool LoadTestView::loadProfile(const QString &name)
{
    QString error;
    const std::optional<LoadTestProfile> profile = m_profiles.load(name, &error);
    if (!profile) {
        showMessage(error);
        return false;
    }
    showMessage({});
    setFormProfile(*profile);
    refreshProfileList(name);
    return true;
}

QStringList LoadTestView::profileNames() const
{
    return m_profiles.names();
}

void LoadTestView::saveProfileWithDialog()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save load-test profile"),
                                               tr("Name (letters, digits, spaces, dots, dashes or underscores):"),
                                               QLineEdit::Normal, QString::fromStdString(m_runner->profile().name), &ok);
    if (ok && !name.trimmed().isEmpty())
        saveProfileAs(name);
}

void LoadTestView::deleteSelectedProfile()
{
    if (m_profileBox->currentIndex() <= 0)
        return;
    QString error;
    if (!m_profiles.remove(m_profileBox->currentText(), &error))
        showMessage(error);
    refreshProfileList();
}

void LoadTestView::refreshProfileList(const QString &select)
{
    const QSignalBlocker blocker(m_profileBox);
    m_profileBox->clear();
    m_profileBox->addItem(tr("(unsaved settings)"));
    m_profileBox->addItems(m_profiles.names());
    const int index = select.isEmpty() ? 0 : m_profileBox->findText(select);
    m_profileBox->setCurrentIndex(std::max(0, index));
}

void LoadTestView::showMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    if (!message.isEmpty())
        qCInfo(lcLoadTest) << "shown to the person:" << message;
}

void LoadTestView::onRunningChanged(bool running)
{
    m_startButton->setText(running ? tr("Stop") : tr("Start"));
    m_startButton->setToolTip(running ? tr("Stop after the batches in flight; the summary covers what ran")
                                      : m_runner->description());
    const QList<QWidget *> form = {m_profileBox, m_target, m_tokenFile, m_statusUrl, m_rate, m_rampUp, m_duration,
                                   m_batchSize, m_connections, m_devices, m_clicks, m_impressions, m_installs,
                                   m_inApp, m_organic, m_fraud, m_outOfOrder, m_fingerprint, m_seed};
    for (QWidget *widget : form)
        widget->setEnabled(!running);
    if (running) {
        m_runStartedMs = QDateTime::currentMSecsSinceEpoch();
        m_startButton->setEnabled(true);
        m_progress->setValue(0);
    } else {
        onFormChanged();
    }
    onProgress();
}

void LoadTestView::onProgress()
{
    const LoadTestProgress &progress = m_runner->progress();
    m_phaseLabel->setText(LoadTestText::phaseText(m_runner->isRunning() ? progress.phase : LoadTestPhase::Idle));
    if (progress.durationSeconds > 0)
        m_progress->setValue(int(1000.0 * progress.elapsedSeconds / progress.durationSeconds));
    if (m_runner->isRunning() || progress.phase == LoadTestPhase::Finished) {
        m_timeLabel->setText(tr("%1 elapsed, %2 remaining; %3 events sent, %4 failed")
                                 .arg(secondsText(progress.elapsedSeconds), secondsText(progress.remainingSeconds),
                                      formatCount(qint64(progress.eventsSent)),
                                      formatCount(qint64(progress.eventsRejected + progress.eventsFailed))));
    }
    updateLiveTable();
    updateChart();
}

void LoadTestView::updateLiveTable()
{
    const LoadTestSample &s = m_runner->progress().latest;
    const QString eventsPerSecond = tr("events/s");
    const QString ms = tr("ms");
    QList<ThresholdRow> rows = {
        row(tr("Current throughput"), s.processedPerSecond, eventsPerSecond, 0,
            LoadTestText::checkPolicy(Check::Throughput)),
        row(tr("Events sent per second"), s.sentPerSecond, eventsPerSecond, 0),
        row(tr("P50 latency"), s.latencyP50Ms, ms, 2),
        row(tr("P75 latency"), s.latencyP75Ms, ms, 2),
        row(tr("P90 latency"), s.latencyP90Ms, ms, 2),
        row(tr("P95 latency"), s.latencyP95Ms, ms, 2, LoadTestText::checkPolicy(Check::LatencyP95)),
        row(tr("P99 latency"), s.latencyP99Ms, ms, 2, LoadTestText::checkPolicy(Check::LatencyP99)),
        row(tr("Success rate"), s.successRatePercent, QStringLiteral("%"), 3,
            LoadTestText::checkPolicy(Check::SuccessRate)),
        row(tr("Error rate"), s.errorRatePercent, QStringLiteral("%"), 3, LoadTestText::checkPolicy(Check::ErrorRate)),
        row(tr("CPU use of the target"), s.cpuCores, tr("cores"), 2),
        row(tr("Resident memory of the target"), s.residentBytes / 1048576.0, tr("MiB"), 1),
        row(tr("Queue depth"), s.queueDepth, tr("events"), 0),
        row(tr("Backpressure per second"), s.backpressurePerSecond, tr("waits/s"), 1),
    };
    m_liveTable->setRows(rows);
}

void LoadTestView::updateChart()
{
    const LoadTestProgress &progress = m_runner->progress();
    if (progress.samples.empty())
        return;
    TimeSeries processed;
    processed.name = tr("Processed by the target");
    TimeSeries sent;
    sent.name = tr("Sent");
    for (const LoadTestSample &sample : progress.samples) {
        const double x = double(m_runStartedMs) + sample.elapsedSeconds * 1000.0;
        processed.points.append(QPointF(x, sample.processedPerSecond));
        sent.points.append(QPointF(x, sample.sentPerSecond));
    }
    const qint64 endMs = m_runStartedMs + qint64(std::max(progress.durationSeconds, 1.0) * 1000.0);
    m_chart->setTimeRange(m_runStartedMs, endMs);
    m_chart->setSeries({processed, sent});
}

void LoadTestView::onFinished(const LoadTestResult &result)
{
    showResult(result);
    if (result.outcome == LoadTestOutcome::Failed)
        showMessage(tr("The load test failed: %1").arg(QString::fromStdString(result.message)));
}

void LoadTestView::showResult(const LoadTestResult &result)
{
    QList<ThresholdRow> rows;
    for (const CheckResult &check : result.checks) {
        const CheckInfo &info = checkInfo(check.check);
        rows.append(row(LoadTestText::checkTitle(check.check), LoadTestText::displayValue(info.figure, check.measured),
                        LoadTestText::figureUnit(info.figure), figureInfo(info.figure).decimals,
                        LoadTestText::checkPolicy(check.check)));
    }
    m_summaryTable->setRows(rows);
    const QString started = formatDateTime(QDateTime::fromMSecsSinceEpoch(result.startedAtMs));
    const QString verdict = result.passed() ? tr("Every target was met.") : tr("At least one target was missed.");
    m_outcomeLabel->setText(tr("%1 \"%2\" against %3, started %4: %5 %6")
                                .arg(LoadTestText::outcomeText(result.outcome),
                                     QString::fromStdString(result.profile.name),
                                     QString::fromStdString(result.targetDescription), started,
                                     QString::fromStdString(result.message), verdict));
}

void LoadTestView::refreshRuns()
{
    m_runner->listRuns();
}

void LoadTestView::updateHistoryButtons()
{
    const int selected = int(m_runsView->selectionModel()->selectedRows().size());
    m_openButton->setEnabled(selected == 1);
    m_compareButton->setEnabled(selected == 2);
    m_deleteButton->setEnabled(selected > 0);
}

void LoadTestView::compareRuns(qint64 first, qint64 second)
{
    m_pendingFirst = first;
    m_pendingSecond = second;
    m_loadedFirst.reset();
    m_loadedSecond.reset();
    m_runner->loadRun(first);
    m_runner->loadRun(second);
}

void LoadTestView::onRunLoaded(const LoadTestResult &result)
{
    if (result.id == m_pendingOpen) {
        m_pendingOpen = 0;
        showResult(result);
        m_tabs->setCurrentIndex(0);
    }
    if (result.id == m_pendingFirst)
        m_loadedFirst = result;
    if (result.id == m_pendingSecond)
        m_loadedSecond = result;
    if (m_loadedFirst && m_loadedSecond) {
        m_comparisonModel->setRuns(*m_loadedFirst, *m_loadedSecond);
        m_pendingFirst = 0;
        m_pendingSecond = 0;
        m_loadedFirst.reset();
        m_loadedSecond.reset();
        Q_EMIT comparisonShown();
    }
}

} // namespace umg
