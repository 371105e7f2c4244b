// Models, definitions and data plumbing of the console, without a main window.

#include "app/consoleoptions.h"
#include "customers/csvimportreportdialog.h"
#include "customers/customerdialog.h"
#include "customers/customerrepository.h"
#include "customers/customertablemodel.h"
#include "customers/democustomers.h"
#include "dashboards/dashboardcatalogue.h"
#include "dashboards/recordpanels.h"
#include "dashboards/successflagsmodel.h"
#include "dashboards/timerange.h"
#include "datasource/historydatasource.h"
#include "datasource/queryrunner.h"
#include "history/metrichistory.h"
#include "promql/parser.h"
#include "session/zerostartcollectable.h"

#include <prometheus/metric_family.h>

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <cmath>
#include <memory>

using namespace umg;

namespace {

constexpr int kStoreTimeoutMs = 30'000;

Date testToday()
{
    return std::chrono::sys_days(std::chrono::year{2026} / 11 / 20);
}

// Replaces the dashboard placeholders with sample values, as a data source does.
QString expandPlaceholders(QString expression)
{
    expression = expandRange(expression, 15 * 60 * 1000);
    expression.replace(QStringLiteral("$__rate_interval"), QStringLiteral("1m"));
    expression.replace(QStringLiteral("$__interval"), QStringLiteral("15s"));
    return expression;
}

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(file.errorString()));
    QCOMPARE(file.write(content), content.size());
}

} // namespace

class TestConsoleModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void commandLineRejects_data();
    void commandLineRejects();
    void commandLineCreatesDataFolder();

    void timeRangeKeysRoundTrip();
    void rangeStepKeepsChartsSmall_data();
    void rangeStepKeepsChartsSmall();
    void promqlDurationFormat_data();
    void promqlDurationFormat();

    void cataloguePanelCounts_data();
    void cataloguePanelCounts();
    void catalogueQueriesParse();

    void recordPanelsFromDemoRecords();
    void customerTableModelPassesTester();
    void customerTableHealthTooltip();
    void customerSearchFiltersRows();
    void successFlagsModelPassesTester();
    void csvErrorModelPassesTester();

    void dialogAcceptsValidRecord();
    void dialogRejectsInvalidFields();
    void dialogRejectsTakenId();

    void repositoryRoundTripsRecords();
    void repositoryImportKeepsGoodRows();
    void repositoryReportsInvalidUpdate();

    void historySourceInstantQuery();
    void historySourceRangeQuery();
    void historySourceReportsErrors();
    void queryRunnerReturnsResultsInOrder();
    void zeroStartDelaysNewCounters();

private:
    // Holds the files of the command-line rows until the test ends.
    std::unique_ptr<QTemporaryDir> m_folder;
};

void TestConsoleModels::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}


void TestConsoleModels::commandLineRejects_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    m_folder.reset(new QTemporaryDir);
    const QString file = m_folder->filePath(QStringLiteral("plain-file"));
    QFile plain(file);
    QVERIFY(plain.open(QIODevice::WriteOnly));
    QTest::newRow("demo and no demo") << QStringList{QStringLiteral("--demo"), QStringLiteral("--no-demo")}
                                      << QStringLiteral("exclude each other");
    QTest::newRow("demo rate") << QStringList{QStringLiteral("--demo-rate"), QStringLiteral("fast")}
                               << QStringLiteral("Option --demo-rate is \"fast\"");
    QTest::newRow("data dir is a file") << QStringList{QStringLiteral("--data-dir"), file}
                                        << QStringLiteral("which is a file; give a folder");
    QTest::newRow("data dir below a file")
        << QStringList{QStringLiteral("--data-dir"), file + QStringLiteral("/data")}
        << QStringLiteral("that folder cannot be created");
    QTest::newRow("screenshots without quit")
        << QStringList{QStringLiteral("--screenshot-dir"), m_folder->path()} << QStringLiteral("needs --quit-after");
}

void TestConsoleModels::commandLineRejects()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const ConsoleArguments parsed =
        ConsoleCommandLine::parse(QStringList{QStringLiteral("unmogrowp-console")} + arguments);
    QVERIFY(parsed.exit);
    QCOMPARE(parsed.exitCode, 2);
    QVERIFY2(parsed.output.contains(message), qPrintable(parsed.output));
}

void TestConsoleModels::commandLineCreatesDataFolder()
{
    QTemporaryDir parent;
    const QString folder = parent.filePath(QStringLiteral("new/data"));
    const ConsoleArguments parsed = ConsoleCommandLine::parse(
        {QStringLiteral("unmogrowp-console"), QStringLiteral("--data-dir"), folder});
    QVERIFY2(!parsed.exit, qPrintable(parsed.output));
    QCOMPARE(parsed.options.dataDir, folder);
    QVERIFY(QFileInfo(folder).isDir());
}

void TestConsoleModels::timeRangeKeysRoundTrip()
{
    QSet<QString> keys;
    for (int i = 0; i < int(TimeRange::Count); ++i) {
        const auto range = TimeRange(i);
        QCOMPARE(TimeRanges::fromKey(TimeRanges::key(range)), range);
        QVERIFY(!TimeRanges::text(range).isEmpty());
        keys.insert(TimeRanges::key(range));
    }
    QCOMPARE(keys.size(), int(TimeRange::Count));
    for (int i = 0; i < int(RefreshInterval::Count); ++i) {
        const auto interval = RefreshInterval(i);
        QCOMPARE(TimeRanges::refreshFromKey(TimeRanges::key(interval)), interval);
    }
    QCOMPARE(TimeRanges::intervalMs(RefreshInterval::Off), 0);
    QCOMPARE(TimeRanges::durationMs(TimeRange::Last7Days), 7LL * 24 * 3600 * 1000);
    QVERIFY(!TimeRanges::fromKey(QStringLiteral("2w")));
}

void TestConsoleModels::rangeStepKeepsChartsSmall_data()
{
    QTest::addColumn<int>("range");
    for (int i = 0; i < int(TimeRange::Count); ++i)
        QTest::newRow(qPrintable(TimeRanges::key(TimeRange(i)))) << i;
}

void TestConsoleModels::rangeStepKeepsChartsSmall()
{
    QFETCH(int, range);
    const qint64 durationMs = TimeRanges::durationMs(TimeRange(range));
    const qint64 stepMs = TimeRanges::stepMs(durationMs);
    QCOMPARE(stepMs % 1000, 0);
    QVERIFY(stepMs >= 1000);
    QVERIFY2(durationMs / stepMs <= 600, qPrintable(QString::number(durationMs / stepMs)));
    QVERIFY(durationMs / stepMs >= 300);
}

void TestConsoleModels::promqlDurationFormat_data()
{
    QTest::addColumn<qint64>("milliseconds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("seconds") << qint64(90'000) << QStringLiteral("90s");
    QTest::newRow("minutes") << qint64(15 * 60'000) << QStringLiteral("15m");
    QTest::newRow("hours") << qint64(6 * 3'600'000) << QStringLiteral("6h");
    QTest::newRow("days") << qint64(24 * 3'600'000) << QStringLiteral("1d");
    QTest::newRow("week") << qint64(7LL * 24 * 3'600'000) << QStringLiteral("1w");
    QTest::newRow("milliseconds") << qint64(1500) << QStringLiteral("1500ms");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("0s");
}

void TestConsoleModels::promqlDurationFormat()
{
    QFETCH(qint64, milliseconds);
    QFETCH(QString, expected);
    QCOMPARE(promqlDuration(milliseconds), expected);
}

void TestConsoleModels::cataloguePanelCounts_data()
{
    QTest::addColumn<int>("dashboard");
    QTest::addColumn<int>("panels");
    QTest::newRow("performance") << int(DashboardId::Performance) << 12;
    QTest::newRow("customer success") << int(DashboardId::CustomerSuccess) << 10;
    QTest::newRow("load testing") << int(DashboardId::LoadTesting) << 9;
    QTest::newRow("customer onboarding") << int(DashboardId::CustomerOnboarding) << 11;
}

void TestConsoleModels::cataloguePanelCounts()
{
    QFETCH(int, dashboard);
    QFETCH(int, panels);
    const DashboardDefinition definition = DashboardCatalogue::dashboard(DashboardId(dashboard));
    QCOMPARE(definition.id, DashboardCatalogue::key(DashboardId(dashboard)));
    QCOMPARE(definition.panels.size(), panels);

    QSet<QString> ids;
    for (const PanelDefinition &panel : definition.panels) {
        QVERIFY2(!panel.title.isEmpty(), qPrintable(panel.id));
        QVERIFY2(!panel.description.isEmpty(), qPrintable(panel.id));
        QVERIFY2(!panel.queries.isEmpty() || panel.records != RecordSource::None,
                 qPrintable(panel.id + QStringLiteral(" has neither queries nor records")));
        QVERIFY2(!ids.contains(panel.id), qPrintable(panel.id));
        ids.insert(panel.id);
    }
}

void TestConsoleModels::catalogueQueriesParse()
{
    int queries = 0;
    for (const DashboardDefinition &dashboard : DashboardCatalogue::all()) {
        for (const PanelDefinition &panel : dashboard.panels) {
            for (const PanelQuery &query : panel.queries) {
                const QByteArray text = expandPlaceholders(query.expression).toUtf8();
                try {
                    promql::parseExpression(std::string_view(text.constData(), std::size_t(text.size())));
                } catch (const std::exception &error) {
                    QFAIL(qPrintable(dashboard.id + QLatin1Char('/') + panel.id + QStringLiteral(": ")
                                     + QString::fromUtf8(error.what())));
                }
                ++queries;
            }
        }
    }
    QVERIFY(queries > 40);
}

void TestConsoleModels::recordPanelsFromDemoRecords()
{
    const CustomerRecords records = demoCustomerRecords(testToday());
    QCOMPARE(records.size(), std::size_t(5));

    const QList<FunnelStage> funnel = RecordPanels::funnel(records, testToday());
    QCOMPARE(funnel.size(), int(OnboardingStage::Count));
    QCOMPARE(funnel.first().count, 5);
    for (qsizetype i = 1; i < funnel.size(); ++i)
        QVERIFY(funnel[i].count <= funnel[i - 1].count);

    const double progress = RecordPanels::pilotProgress(records, testToday());
    QVERIFY(progress > 0 && progress <= 100);
    QVERIFY(std::isfinite(RecordPanels::averageTimeToLaunch(records)));
    QVERIFY(std::isnan(RecordPanels::averageTimeToLaunch({})));

    double mrr = 0;
    for (const CustomerRecord &record : records)
        mrr += record.monthlyRecurringRevenue;
    QCOMPARE(RecordPanels::estimatedMrr(records), mrr);

    const QList<TimeSeries> history = RecordPanels::healthHistory(records, testToday(), 30);
    QCOMPARE(history.size(), 5);
    for (const TimeSeries &line : history)
        QCOMPARE(line.points.size(), 30);

    QCOMPARE(RecordPanels::timeToLaunch(records, testToday()).size(), 5);
    QCOMPARE(RecordPanels::openTickets(records, testToday()).size(), 5);
}

void TestConsoleModels::customerTableModelPassesTester()
{
    CustomerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setToday(testToday());

    CustomerRecords records = demoCustomerRecords(testToday());
    model.setRecords(records);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(CustomerTableModel::Column::Count));

    records[0].companyName = "Acme Games International";
    model.setRecords(records);
    QCOMPARE(model.index(0, int(CustomerTableModel::Column::Company)).data().toString(),
             QStringLiteral("Acme Games International"));

    records.pop_back();
    model.setRecords(records);
    QCOMPARE(model.rowCount(), 4);
    model.setRecords({});
    QCOMPARE(model.rowCount(), 0);
}

void TestConsoleModels::customerTableHealthTooltip()
{
    CustomerTableModel model;
    model.setToday(testToday());
    model.setRecords(demoCustomerRecords(testToday()));
    const QModelIndex health = model.index(0, int(CustomerTableModel::Column::HealthScore));
    QVERIFY(!health.data(Qt::ToolTipRole).toString().isEmpty());
    QVERIFY(health.data(Qt::ForegroundRole).isValid());
    bool ok = false;
    const double score = health.data(CustomerTableModel::kSortRole).toDouble(&ok);
    QVERIFY(ok);
    QVERIFY(score >= 0 && score <= 100);
}

void TestConsoleModels::customerSearchFiltersRows()
{
    CustomerTableModel model;
    model.setRecords(demoCustomerRecords(testToday()));
    QSortFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.setFilterKeyColumn(-1);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setSortRole(CustomerTableModel::kSortRole);
    proxy.sort(int(CustomerTableModel::Column::HealthScore), Qt::DescendingOrder);

    proxy.setFilterFixedString(QStringLiteral("NORTHWIND"));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, int(CustomerTableModel::Column::CustomerId)).data().toString(),
             QStringLiteral("northwind-retail"));
    proxy.setFilterFixedString(QString());
    QCOMPARE(proxy.rowCount(), 5);

    const double first = proxy.index(0, int(CustomerTableModel::Column::HealthScore))
                             .data(CustomerTableModel::kSortRole)
                             .toDouble();
    const double last = proxy.index(4, int(CustomerTableModel::Column::HealthScore))
                            .data(CustomerTableModel::kSortRole)
                            .toDouble();
    QVERIFY(first >= last);
}

void TestConsoleModels::successFlagsModelPassesTester()
{
    SuccessFlagsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    CustomerRecords records = demoCustomerRecords(testToday());
    model.setRecords(records);
    QCOMPARE(model.rowCount(), 5);

    records[0].technicalSuccess = true;
    records[0].businessSuccess = false;
    model.setRecords(records);
    QCOMPARE(model.index(0, int(SuccessFlagsModel::Column::Successful)).data().toString(), QStringLiteral("No"));
    records[0].businessSuccess = true;
    model.setRecords(records);
    QCOMPARE(model.index(0, int(SuccessFlagsModel::Column::Successful)).data().toString(), QStringLiteral("Yes"));

    records.erase(records.begin());
    model.setRecords(records);
    QCOMPARE(model.rowCount(), 4);
}

void TestConsoleModels::csvErrorModelPassesTester()
{
    std::vector<CsvRowError> errors = {
        {3, "mrr", "-5", "The mrr on line 3 is -5; use a number of 0 or more."},
        {4, "", "", "Line 4 repeats customer id acme-games; remove one of the rows."},
    };
    CsvRowErrorModel model(errors);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, int(CsvRowErrorModel::Column::Line)).data().toInt(), 3);
    QCOMPARE(model.index(1, int(CsvRowErrorModel::Column::Problem)).data().toString(),
             QString::fromStdString(errors[1].message));
}

void TestConsoleModels::dialogAcceptsValidRecord()
{
    CustomerDialog dialog(CustomerDialog::Mode::Add, [](const QString &) { return false; });
    const CustomerRecord original = demoCustomerRecords(testToday()).front();
    dialog.setRecord(original);
    const QStringList problems = dialog.validate();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

    const CustomerRecord record = dialog.record();
    QCOMPARE(record.customerId, original.customerId);
    QCOMPARE(record.companyName, original.companyName);
    QCOMPARE(record.appIds, original.appIds);
    QCOMPARE(record.stages, original.stages);
    QCOMPARE(record.surveys, original.surveys);
    QCOMPARE(record.tickets, original.tickets);
    QCOMPARE(record.technicalSuccess, original.technicalSuccess);
    QCOMPARE(record.businessSuccess, original.businessSuccess);
}

void TestConsoleModels::dialogRejectsInvalidFields()
{
    CustomerDialog dialog(CustomerDialog::Mode::Add, [](const QString &) { return false; });
    dialog.setRecord(demoCustomerRecords(testToday()).front());
    dialog.companyEdit()->clear();
    dialog.surveysEdit()->setText(QStringLiteral("2026-11-01:120"));

    const QStringList problems = dialog.validate();
    QVERIFY(!problems.isEmpty());
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!dialog.messageLabel()->isHidden());
    QVERIFY(!dialog.messageLabel()->text().isEmpty());
}

void TestConsoleModels::dialogRejectsTakenId()
{
    CustomerDialog dialog(CustomerDialog::Mode::Add,
                          [](const QString &id) { return id == QLatin1String("acme-games"); });
    dialog.setRecord(demoCustomerRecords(testToday()).front());
    const QStringList problems = dialog.validate();
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().contains(QStringLiteral("acme-games")), qPrintable(problems.first()));
}

void TestConsoleModels::repositoryRoundTripsRecords()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(QStringLiteral("customers.db"));
    CustomerRecord added = demoCustomerRecords(testToday()).front();
    added.customerId = "wayne-media";
    added.companyName = "Wayne Media";
    added.appIds = {"com.wayne.news"};

    {
        CustomerRepository repository;
        QSignalSpy changed(&repository, &CustomerRepository::recordsChanged);
        QSignalSpy failed(&repository, &CustomerRepository::operationFailed);
        repository.open(path, true);
        QTRY_VERIFY_WITH_TIMEOUT(repository.isLoaded(), kStoreTimeoutMs);
        QCOMPARE(repository.records().size(), std::size_t(5));

        CustomerTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(&repository, &CustomerRepository::recordsChanged, &model,
                [&] { model.setRecords(repository.records()); });
        model.setRecords(repository.records());

        const int changesBefore = int(changed.size());
        repository.add(added);
        QTRY_VERIFY_WITH_TIMEOUT(changed.size() > changesBefore, kStoreTimeoutMs);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(model.rowCount(), 6);
        QVERIFY(repository.find(QStringLiteral("wayne-media")));

        const int changesBeforeRemove = int(changed.size());
        repository.remove(QStringLiteral("globex-fintech"));
        QTRY_VERIFY_WITH_TIMEOUT(changed.size() > changesBeforeRemove, kStoreTimeoutMs);
        QCOMPARE(model.rowCount(), 5);
    }

    CustomerRepository reopened;
    reopened.open(path, true);
    QTRY_VERIFY_WITH_TIMEOUT(reopened.isLoaded(), kStoreTimeoutMs);
    QCOMPARE(reopened.records().size(), std::size_t(5));
    const CustomerRecord *stored = reopened.find(QStringLiteral("wayne-media"));
    QVERIFY(stored);
    QCOMPARE(*stored, added);
    QVERIFY(!reopened.find(QStringLiteral("globex-fintech")));
}

void TestConsoleModels::repositoryImportKeepsGoodRows()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString csv = folder.filePath(QStringLiteral("import.csv"));
    writeFile(csv, "customer_id,company,mrr,surveys\n"
                   "stark-energy,Stark Energy,9000,2026-11-01:93\n"
                   "bad id!,Broken Row,100,\n"
                   "oscorp,Oscorp,-20,\n"
                   "tyrell,Tyrell,2500,2026-11-02:88\n");

    CustomerRepository repository;
    repository.open(folder.filePath(QStringLiteral("customers.db")), false);
    QTRY_VERIFY_WITH_TIMEOUT(repository.isLoaded(), kStoreTimeoutMs);
    QCOMPARE(repository.records().size(), std::size_t(0));

    QSignalSpy imported(&repository, &CustomerRepository::importFinished);
    repository.importCsv(csv);
    QTRY_COMPARE_WITH_TIMEOUT(imported.size(), 1, kStoreTimeoutMs);
    const auto report = imported.first().at(1).value<CsvImportReport>();
    QCOMPARE(report.added, 2);
    QCOMPARE(report.dataRows, 4);
    QVERIFY(report.errors.size() >= 2);
    QTRY_COMPARE_WITH_TIMEOUT(repository.records().size(), std::size_t(2), kStoreTimeoutMs);

    CsvImportReportDialog dialog(csv, report);
    QAbstractItemModelTester tester(dialog.errorModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(dialog.errorModel()->rowCount(), int(report.errors.size()));
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("customers added: 2,")), qPrintable(dialog.summaryText()));

    const QString exported = folder.filePath(QStringLiteral("export.csv"));
    QSignalSpy exportedSpy(&repository, &CustomerRepository::exportFinished);
    repository.exportCsv(exported);
    QTRY_COMPARE_WITH_TIMEOUT(exportedSpy.size(), 1, kStoreTimeoutMs);
    QFile file(exported);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY(content.contains("stark-energy"));
    QVERIFY(content.contains("tyrell"));
    QVERIFY(!content.contains("oscorp"));
}

void TestConsoleModels::repositoryReportsInvalidUpdate()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    CustomerRepository repository;
    repository.open(folder.filePath(QStringLiteral("customers.db")), true);
    QTRY_VERIFY_WITH_TIMEOUT(repository.isLoaded(), kStoreTimeoutMs);

    QSignalSpy failed(&repository, &CustomerRepository::operationFailed);
    CustomerRecord unknown = repository.records().front();
    unknown.customerId = "not-stored";
    repository.update(unknown);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kStoreTimeoutMs);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("not-stored")), qPrintable(message));
    QCOMPARE(repository.records().size(), std::size_t(5));
}

namespace {

// A history with one counter that grows by 10 per second, sampled every
// second over the last two minutes.
std::shared_ptr<MetricHistory> counterHistory(const QString &path, qint64 nowMs)
{
    auto history = std::make_shared<MetricHistory>(path.toStdString());
    promql::Series series;
    series.labels = promql::Labels{{"__name__", "test_events_total"}, {"job", "test"}};
    for (int i = 120; i >= 0; --i)
        series.samples.push_back(promql::Sample{nowMs - i * 1000, double(120 - i) * 10.0});
    history->append({series});
    return history;
}

} // namespace

void TestConsoleModels::historySourceInstantQuery()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::shared_ptr<const MetricHistory> history = counterHistory(folder.filePath(QStringLiteral("h.db")), now);
    HistoryDataSource source([history] { return history; });

    QueryRequest request;
    request.expression = QStringLiteral("sum(rate(test_events_total[1m]))");
    request.endMs = now;
    request.rangeMs = 60'000;
    const QueryResult result = source.evaluate(request);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.series.size(), 1);
    QCOMPARE(result.series.first().points.size(), 1);
    QVERIFY(qAbs(result.series.first().points.first().y() - 10.0) < 0.5);

    request.expression = QStringLiteral("increase(test_events_total[$__range])");
    const QueryResult increase = source.evaluate(request);
    QVERIFY2(increase.ok(), qPrintable(increase.error));
    QCOMPARE(increase.series.size(), 1);
    QCOMPARE(increase.series.first().labels.value(QStringLiteral("job")), QStringLiteral("test"));
    QVERIFY(qAbs(increase.series.first().points.first().y() - 600.0) < 30.0);
}

void TestConsoleModels::historySourceRangeQuery()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const qint64 now = QDateTime::currentMSecsSinceEpoch() / 1000 * 1000;
    std::shared_ptr<const MetricHistory> history = counterHistory(folder.filePath(QStringLiteral("h.db")), now);
    HistoryDataSource source([history] { return history; });

    QueryRequest request;
    request.kind = QueryRequest::Kind::Range;
    request.expression = QStringLiteral("rate(test_events_total[$__rate_interval])");
    request.fromMs = now - 60'000;
    request.endMs = now;
    request.stepMs = 5'000;
    request.rangeMs = 60'000;
    const QueryResult result = source.evaluate(request);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.series.size(), 1);
    QCOMPARE(result.series.first().points.size(), 13);
    for (const QPointF &point : result.series.first().points)
        QVERIFY2(qAbs(point.y() - 10.0) < 0.5, qPrintable(QString::number(point.y())));
}

void TestConsoleModels::historySourceReportsErrors()
{
    HistoryDataSource closed([] { return std::shared_ptr<const MetricHistory>(); });
    QueryRequest request;
    request.expression = QStringLiteral("up");
    request.endMs = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(!closed.evaluate(request).ok());

    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    std::shared_ptr<const MetricHistory> history =
        std::make_shared<MetricHistory>(folder.filePath(QStringLiteral("h.db")).toStdString());
    HistoryDataSource source([history] { return history; });
    request.expression = QStringLiteral("sum(rate(up[1m])");
    const QueryResult invalid = source.evaluate(request);
    QVERIFY(!invalid.ok());
    QVERIFY2(invalid.error.contains(QStringLiteral("PromQL")), qPrintable(invalid.error));

    request.expression = QStringLiteral("up[5m]");
    QVERIFY(!source.evaluate(request).ok());

    request.expression = QStringLiteral("up");
    const QueryResult empty = source.evaluate(request);
    QVERIFY2(empty.ok(), qPrintable(empty.error));
    QVERIFY(empty.series.isEmpty());
}

void TestConsoleModels::queryRunnerReturnsResultsInOrder()
{
    class FixedSource final : public DashboardDataSource
    {
    public:
        QString displayName() const override { return QStringLiteral("fixed"); }
        QueryResult evaluate(const QueryRequest &request) const override
        {
            QueryResult result;
            result.series.append(QuerySeries{{}, {QPointF(double(request.endMs), request.expression.toDouble())}});
            return result;
        }
    };

    QueryRunner runner;
    QSignalSpy finished(&runner, &QueryRunner::finished);
    QList<QueryRequest> requests;
    for (int i = 0; i < 5; ++i) {
        QueryRequest request;
        request.expression = QString::number(i);
        requests.append(request);
    }

    const quint64 withoutSource = runner.submit(requests);
    runner.setDataSource(std::make_shared<FixedSource>());
    const quint64 withSource = runner.submit(requests);
    QVERIFY(withSource > withoutSource);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10'000);
    QCOMPARE(runner.pendingBatches(), 0);

    for (const QList<QVariant> &arguments : std::as_const(finished)) {
        const quint64 batch = arguments.at(0).toULongLong();
        const auto results = arguments.at(1).value<QList<QueryResult>>();
        QCOMPARE(results.size(), 5);
        for (int i = 0; i < 5; ++i) {
            if (batch == withoutSource) {
                QVERIFY(!results[i].ok());
            } else {
                QVERIFY(results[i].ok());
                QCOMPARE(results[i].series.first().points.first().y(), double(i));
            }
        }
    }
}

void TestConsoleModels::zeroStartDelaysNewCounters()
{
    class Registry final : public prometheus::Collectable
    {
    public:
        std::vector<prometheus::MetricFamily> Collect() const override { return families; }
        std::vector<prometheus::MetricFamily> families;
    };

    const auto metric = [](const std::string &label, double value) {
        prometheus::ClientMetric client;
        client.label = {{"app_id", label}};
        client.counter.value = value;
        client.gauge.value = value;
        return client;
    };
    auto registry = std::make_shared<Registry>();
    registry->families = {
        {"events_total", "", prometheus::MetricType::Counter, {metric("a", 5)}},
        {"queue_depth", "", prometheus::MetricType::Gauge, {metric("a", 3)}},
        {"process_cpu_seconds_total", "", prometheus::MetricType::Counter, {metric("a", 7)}},
    };
    ZeroStartCollectable collectable(registry);

    std::vector<prometheus::MetricFamily> first = collectable.Collect();
    QCOMPARE(first[0].metric[0].counter.value, 0.0);
    QCOMPARE(first[1].metric[0].gauge.value, 3.0);
    QCOMPARE(first[2].metric[0].counter.value, 7.0);

    registry->families[0].metric.push_back(metric("b", 9));
    std::vector<prometheus::MetricFamily> second = collectable.Collect();
    QCOMPARE(second[0].metric[0].counter.value, 5.0);
    QCOMPARE(second[0].metric[1].counter.value, 0.0);

    std::vector<prometheus::MetricFamily> third = collectable.Collect();
    QCOMPARE(third[0].metric[1].counter.value, 9.0);
}

QTEST_MAIN(TestConsoleModels)

#include "tst_consolemodels.moc"
