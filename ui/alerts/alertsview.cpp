#include "alerts/alertsview.h"

#include "alerts/alerthistorymodel.h"
#include "alerts/alertmonitor.h"
#include "alerts/alertrulesmodel.h"
#include "alerts/alertslog.h"
#include "alerts/alertthresholdsettings.h"
#include "alerts/catalogue.h"
#include "alerts/thresholdsdialog.h"

#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <stdexcept>

namespace umg {
namespace {

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QTableView *createTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

} // namespace

AlertsView::AlertsView(AlertMonitor *monitor, QWidget *parent)
    : QWidget(parent)
    , m_monitor(monitor)
    , m_rules(new AlertRulesModel(this))
    , m_filter(new AlertFilterModel(this))
    , m_history(new AlertHistoryModel(this))
{
    setObjectName(QStringLiteral("alerts-view"));
    m_filter->setSourceModel(m_rules);

    auto *layout = new QVBoxLayout(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(buildRulesPanel());
    splitter->addWidget(buildHistoryPanel());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter);

    connect(m_monitor, &AlertMonitor::evaluated, this, &AlertsView::onEvaluated);
    connect(m_monitor, &AlertMonitor::historyChanged, this, &AlertsView::refreshHistory);
    connect(m_monitor, &AlertMonitor::historyRead, this,
            [this](const QList<AlertTransition> &transitions, qint64 fromMs, qint64 toMs) {
                m_history->setTransitions(transitions);
                m_historyStatus->setText(tr("%n state change(s) from %1 to %2.", nullptr, int(transitions.size()))
                                             .arg(timeText(fromMs), timeText(toMs)));
            });

    QStringList problems;
    m_thresholds = AlertThresholdSettings::load(&problems);
    // Reported once the window has connected to messageRaised().
    QTimer::singleShot(0, this, [this, problems] {
        for (const QString &problem : problems)
            Q_EMIT messageRaised(problem);
    });
    applyRules();
    refreshHistory();
}

QWidget *AlertsView::buildRulesPanel()
{
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *top = new QHBoxLayout;
    m_status = new QLabel(tr("Waiting for the first evaluation…"), panel);
    m_status->setObjectName(QStringLiteral("alerts-status"));
    m_status->setWordWrap(true);
    top->addWidget(m_status, 1);
    auto *evaluate = new QPushButton(tr("&Evaluate Now"), panel);
    connect(evaluate, &QPushButton::clicked, m_monitor, &AlertMonitor::evaluateNow);
    top->addWidget(evaluate);
    auto *edit = new QPushButton(tr("&Thresholds…"), panel);
    edit->setToolTip(tr("Edit the values the alert rules compare with"));
    connect(edit, &QPushButton::clicked, this, &AlertsView::editThresholds);
    top->addWidget(edit);
    auto *load = new QPushButton(tr("&Load Thresholds File…"), panel);
    load->setToolTip(tr("Read NAME=VALUE lines, as unmogrowp-node --thresholds-file does"));
    connect(load, &QPushButton::clicked, this, &AlertsView::loadThresholdsWithDialog);
    top->addWidget(load);
    layout->addLayout(top);

    m_thresholdStatus = new QLabel(panel);
    m_thresholdStatus->setWordWrap(true);
    layout->addWidget(m_thresholdStatus);

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("State:"), panel));
    m_stateFilter = new QComboBox(panel);
    m_stateFilter->setObjectName(QStringLiteral("alerts-state-filter"));
    m_stateFilter->setAccessibleName(tr("State filter"));
    m_stateFilter->addItem(tr("All states"), -1);
    for (const alerts::AlertState state :
         {alerts::AlertState::Firing, alerts::AlertState::Pending, alerts::AlertState::Inactive})
        m_stateFilter->addItem(alertStateText(state), int(state));
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, [this] {
        const int state = m_stateFilter->currentData().toInt();
        m_filter->setStateFilter(state < 0 ? std::nullopt : std::optional(alerts::AlertState(state)));
    });
    filters->addWidget(m_stateFilter);

    filters->addWidget(new QLabel(tr("Severity:"), panel));
    m_severityFilter = new QComboBox(panel);
    m_severityFilter->setObjectName(QStringLiteral("alerts-severity-filter"));
    m_severityFilter->setAccessibleName(tr("Severity filter"));
    m_severityFilter->addItem(tr("All severities"), QString());
    m_severityFilter->addItem(tr("Critical"), QStringLiteral("critical"));
    m_severityFilter->addItem(tr("Warning"), QStringLiteral("warning"));
    m_severityFilter->addItem(tr("Info"), QStringLiteral("info"));
    connect(m_severityFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setSeverityFilter(m_severityFilter->currentData().toString()); });
    filters->addWidget(m_severityFilter);

    m_search = new QLineEdit(panel);
    m_search->setObjectName(QStringLiteral("alerts-search"));
    m_search->setPlaceholderText(tr("Search rules, labels and summaries"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &AlertFilterModel::setSearchText);
    filters->addWidget(m_search, 1);
    layout->addLayout(filters);

    m_rulesTable = createTable(m_filter, panel);
    m_rulesTable->setObjectName(QStringLiteral("alerts-table"));
    m_rulesTable->setSortingEnabled(true);
    m_rulesTable->sortByColumn(-1, Qt::AscendingOrder);
    connect(m_rulesTable, &QTableView::clicked, this, &AlertsView::openRunbook);
    layout->addWidget(m_rulesTable, 1);
    return panel;
}

QWidget *AlertsView::buildHistoryPanel()
{
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *top = new QHBoxLayout;
    auto *title = new QLabel(tr("<b>Alert history</b>"), panel);
    top->addWidget(title);
    m_historyStatus = new QLabel(panel);
    top->addWidget(m_historyStatus, 1);
    m_rangeBox = new QComboBox(panel);
    m_rangeBox->setObjectName(QStringLiteral("alerts-history-range"));
    m_rangeBox->setAccessibleName(tr("Alert history time range"));
    for (int i = 0; i < int(TimeRange::Count); ++i)
        m_rangeBox->addItem(TimeRanges::text(TimeRange(i)), i);
    m_rangeBox->setCurrentIndex(int(m_historyRange));
    connect(m_rangeBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setHistoryRange(TimeRange(m_rangeBox->itemData(index).toInt())); });
    top->addWidget(m_rangeBox);
    auto *refresh = new QPushButton(tr("&Refresh"), panel);
    connect(refresh, &QPushButton::clicked, this, &AlertsView::refreshHistory);
    top->addWidget(refresh);
    layout->addLayout(top);

    m_historyTable = createTable(m_history, panel);
    m_historyTable->setObjectName(QStringLiteral("alerts-history-table"));
    layout->addWidget(m_historyTable, 1);
    return panel;
}

bool AlertsView::setThresholds(const alerts::Thresholds &thresholds)
{
    const alerts::Thresholds previous = m_thresholds;
    m_thresholds = thresholds;
    try {
        applyRules();
    } catch (const std::exception &error) {
        m_thresholds = previous;
        Q_EMIT messageRaised(tr("The alert thresholds were not applied: %1").arg(QString::fromUtf8(error.what())));
        return false;
    }
    AlertThresholdSettings::save(m_thresholds);
    return true;
}

bool AlertsView::loadThresholdsFile(const QString &path)
{
    alerts::Thresholds loaded;
    try {
        loaded.loadFile(path.toStdString());
    } catch (const std::exception &error) {
        Q_EMIT messageRaised(tr("The thresholds file was not loaded: %1").arg(QString::fromUtf8(error.what())));
        return false;
    }
    return setThresholds(loaded);
}

void AlertsView::applyRules()
{
    m_monitor->setRules(alerts::buildAlertRules(m_thresholds));
    const std::map<std::string, double> overrides = m_thresholds.overrides();
    QStringList changed;
    for (const auto &[name, value] : overrides)
        changed.append(QStringLiteral("%1 = %2").arg(QString::fromStdString(name)).arg(value));
    m_thresholdStatus->setText(changed.isEmpty()
                                   ? tr("Thresholds: the catalogue's defaults.")
                                   : tr("Thresholds changed from the defaults: %1.").arg(changed.join(QStringLiteral(", "))));
}

void AlertsView::editThresholds()
{
    auto *dialog = new ThresholdsDialog(m_thresholds, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { setThresholds(dialog->thresholds()); });
    dialog->open();
}

void AlertsView::loadThresholdsWithDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load Alert Thresholds"), {},
                                                      tr("Threshold files (*.conf *.txt *.env);;All files (*)"));
    if (!path.isEmpty())
        loadThresholdsFile(path);
}

void AlertsView::setHistoryRange(TimeRange range)
{
    m_historyRange = range;
    if (m_rangeBox->currentIndex() != int(range))
        m_rangeBox->setCurrentIndex(int(range));
    refreshHistory();
}

void AlertsView::refreshHistory()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_monitor->requestHistory(now - TimeRanges::durationMs(m_historyRange), now);
}

void AlertsView::onEvaluated(const AlertSnapshot &snapshot)
{
    if (snapshot.evaluatedAtMs > 0)
        m_rules->setRows(snapshot.rows);
    if (!snapshot.error.isEmpty() || !snapshot.notice.isEmpty()) {
        m_status->setText(snapshot.error.isEmpty() ? snapshot.notice : snapshot.error);
        return;
    }
    m_status->setText(tr("Evaluated %1 rules at %2: %3 firing, %4 pending. Next evaluation in %5 s.")
                          .arg(m_monitor->rules().size())
                          .arg(timeText(snapshot.evaluatedAtMs))
                          .arg(snapshot.firing)
                          .arg(snapshot.pending)
                          .arg(m_monitor->interval().count() / 1000.0));
}

void AlertsView::openRunbook(const QModelIndex &index)
{
    if (!index.isValid() || index.column() != AlertRulesModel::RunbookColumn)
        return;
    const QUrl url = index.data(AlertRulesModel::RunbookRole).toUrl();
    if (!url.isValid() || url.isEmpty())
        return;
    qCInfo(lcAlerts) << "opening runbook" << url;
    if (!QDesktopServices::openUrl(url))
        Q_EMIT messageRaised(tr("The runbook %1 could not be opened; no browser is set up for web links.")
                                 .arg(url.toString()));
}

} // namespace umg
