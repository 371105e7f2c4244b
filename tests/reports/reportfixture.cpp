#include "reportfixture.h"

#include "history/metrichistory.h"

#include <QLocale>
#include <QProcess>

#include <sqlite3.h>

#include <cmath>

namespace umg::test {
namespace {

// One sample a second, as the console and the node record their history.
constexpr qint64 kSampleSpacingMs = 1'000;
constexpr qint64 kHistoryBeforeMs = 20 * 60'000;
constexpr qint64 kHistoryAfterMs = 10 * 60'000;
constexpr double kHistogramEventsPerSecond = 1'000;

// Histogram bounds in seconds, as the engine exports them.
const std::vector<std::string> kBucketBounds = {"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05",
                                                "0.075",  "0.1",   "0.125",  "0.15",  "0.2",  "0.25",  "0.5",
                                                "1",      "2.5",   "+Inf"};

promql::Series series(promql::Labels labels)
{
    return promql::Series{std::move(labels), {}};
}

} // namespace

void writeKnownHistory(const QString &path, qint64 endMs)
{
    using promql::Labels;
    struct Counter
    {
        promql::Series series;
        double perSecond;
    };
    std::vector<Counter> counters = {
        {series(Labels{{"__name__", "attribution_events_processed_total"}, {"app_id", "com.acmegames.puzzle"},
                       {"event_type", "click"}, {"platform", "android"}, {"status", "accepted"}}),
         kAcceptedClicksPerSecond},
        {series(Labels{{"__name__", "attribution_events_processed_total"}, {"app_id", "com.acmegames.puzzle"},
                       {"event_type", "install"}, {"platform", "android"}, {"status", "accepted"}}),
         kAcceptedInstallsPerSecond},
        {series(Labels{{"__name__", "attribution_events_processed_total"}, {"app_id", "com.acmegames.puzzle"},
                       {"event_type", "click"}, {"platform", "android"}, {"status", "rejected"}}),
         kRejectedPerSecond},
        {series(Labels{{"__name__", "attribution_reference_installs_total"}, {"outcome", "agree"}}), 99.5},
        {series(Labels{{"__name__", "attribution_reference_installs_total"}, {"outcome", "disagree"}}), 0.5},
    };
    for (const std::string &bound : kBucketBounds) {
        // No observation at or below 10 ms, all of them at or below 25 ms.
        const double bucketRate = (bound == "0.0005" || bound == "0.001" || bound == "0.0025" || bound == "0.005"
                                   || bound == "0.01")
            ? 0.0
            : kHistogramEventsPerSecond;
        counters.push_back({series(Labels{{"__name__", "attribution_event_processing_duration_seconds_bucket"},
                                          {"le", bound}}),
                            bucketRate});
    }

    struct Gauge
    {
        promql::Series series;
        double value;
    };
    std::vector<Gauge> gauges = {
        {series(Labels{{"__name__", "up"}, {"job", "unmogrowp"}, {"instance", "embedded"}}), 1},
        {series(Labels{{"__name__", "customer_api_latency_ms"}, {"customer_id", "acme-games"}, {"percentile", "p50"}}),
         kAcmeLatencyP50Ms},
        {series(Labels{{"__name__", "customer_api_latency_ms"}, {"customer_id", "acme-games"}, {"percentile", "p95"}}),
         kAcmeLatencyP95Ms},
        {series(Labels{{"__name__", "customer_api_latency_ms"}, {"customer_id", "acme-games"}, {"percentile", "p99"}}),
         kAcmeLatencyP99Ms},
        {series(Labels{{"__name__", "attribution_memory_usage_bytes"}}), 256.0 * 1024 * 1024},
    };

    const qint64 firstMs = (endMs - kHistoryBeforeMs) / kSampleSpacingMs * kSampleSpacingMs;
    for (qint64 time = firstMs; time <= endMs + kHistoryAfterMs; time += kSampleSpacingMs) {
        const double elapsedSeconds = double(time - firstMs) / 1000.0;
        for (Counter &counter : counters)
            counter.series.samples.push_back({time, 1'000'000 + counter.perSecond * elapsedSeconds});
        for (Gauge &gauge : gauges)
            gauge.series.samples.push_back({time, gauge.value});
    }

    std::vector<promql::Series> all;
    for (const Counter &counter : counters)
        all.push_back(counter.series);
    for (const Gauge &gauge : gauges)
        all.push_back(gauge.series);
    MetricHistory history(path.toStdString());
    history.append(all);
}

LoadTestResult knownRun(qint64 startedAtMs)
{
    LoadTestResult run;
    run.profile.name = "nightly";
    run.profile.target = "embedded";
    run.profile.rate = 1'300'000;
    run.profile.rampUpMs = 10'000;
    run.profile.durationMs = 60'000;
    run.profile.workload.seed = 7;
    run.targetDescription = "embedded engine (4 workers)";
    run.startedAtMs = startedAtMs;
    run.finishedAtMs = startedAtMs + 60'000;
    run.outcome = LoadTestOutcome::Completed;
    run.message = "Sent 75,000,000 events in 60 s.";
    run.latencyMethod = "engine histogram";
    run.figures[Figure::Throughput] = 1'250'000;
    run.figures[Figure::PeakThroughput] = 1'310'000;
    run.figures[Figure::LatencyP50] = 8.5;
    run.figures[Figure::LatencyP95] = 42.5;
    run.figures[Figure::LatencyP99] = 120.25;
    run.figures[Figure::ErrorRate] = 0.02;
    run.figures[Figure::SuccessRate] = 99.98;
    run.figures[Figure::Accuracy] = 99.6;
    run.figures[Figure::Availability] = 100;
    run.figures[Figure::EventsSent] = 75'000'000;
    run.figures[Figure::PeakResidentBytes] = 512.0 * 1024 * 1024;
    run.checks = evaluateChecks(run.figures);
    for (int i = 1; i <= 12; ++i) {
        LoadTestSample sample;
        sample.elapsedSeconds = 5.0 * i;
        sample.scheduledRate = std::min(1'300'000.0, 130'000.0 * sample.elapsedSeconds);
        sample.sentPerSecond = sample.scheduledRate;
        sample.processedPerSecond = std::min(1'250'000.0, sample.scheduledRate);
        sample.latencyP50Ms = 8.5;
        sample.latencyP95Ms = 42.5;
        sample.latencyP99Ms = 120.25;
        sample.queueDepth = 1'000.0 * i;
        sample.targetAvailable = true;
        run.samples.push_back(sample);
    }
    return run;
}

QProcessEnvironment headlessEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    return environment;
}

NodeRun runNode(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(qEnvironmentVariable("UMG_NODE_BINARY"), arguments);
    NodeRun run;
    if (!process.waitForFinished(300'000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

std::optional<QString> pdfText(const QString &path)
{
    const QString program = QStringLiteral(UMG_PDFTOTEXT);
    if (program.isEmpty() || program.endsWith(QStringLiteral("NOTFOUND")))
        return std::nullopt;
    QProcess process;
    process.start(program, {QStringLiteral("-layout"), path, QStringLiteral("-")});
    if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return std::nullopt;
    return QString::fromUtf8(process.readAllStandardOutput());
}

QList<QStringList> parseCsv(const QByteArray &csv)
{
    const QString text = QString::fromUtf8(csv);
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row.append(field);
            field.clear();
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n'))
                ++i;
            row.append(field);
            field.clear();
            rows.append(row);
            row.clear();
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !row.isEmpty()) {
        row.append(field);
        rows.append(row);
    }
    return rows;
}

ReportCsv::ReportCsv(const QByteArray &csv)
    : m_rows(parseCsv(csv))
{
}

bool ReportCsv::hasHeader() const
{
    return !m_rows.isEmpty()
        && m_rows.first()
        == QStringList{QStringLiteral("section"), QStringLiteral("table"), QStringLiteral("row"),
                       QStringLiteral("column"), QStringLiteral("value"), QStringLiteral("unit"),
                       QStringLiteral("text")};
}

const QStringList *ReportCsv::find(const QString &section, const QString &table, const QString &row,
                                   const QString &column) const
{
    for (const QStringList &fields : m_rows) {
        if (fields.size() == 7 && fields[0] == section && fields[1] == table && fields[2] == row
            && fields[3] == column)
            return &fields;
    }
    return nullptr;
}

std::optional<QString> ReportCsv::value(const QString &section, const QString &table, const QString &row,
                                        const QString &column) const
{
    const QStringList *fields = find(section, table, row, column);
    return fields ? std::optional<QString>((*fields)[4]) : std::nullopt;
}

double ReportCsv::number(const QString &section, const QString &table, const QString &row,
                         const QString &column) const
{
    const std::optional<QString> text = value(section, table, row, column);
    bool ok = false;
    const double number = text ? text->toDouble(&ok) : 0.0;
    return ok ? number : std::nan("");
}

std::optional<QString> ReportCsv::text(const QString &section, const QString &table, const QString &row,
                                       const QString &column) const
{
    const QStringList *fields = find(section, table, row, column);
    return fields ? std::optional<QString>((*fields)[6]) : std::nullopt;
}

QStringList ReportCsv::sections() const
{
    QStringList sections;
    for (qsizetype i = 1; i < m_rows.size(); ++i) {
        if (!m_rows[i].isEmpty() && !sections.contains(m_rows[i][0]))
            sections.append(m_rows[i][0]);
    }
    return sections;
}

double sqlNumber(const QString &path, const QString &sql)
{
    sqlite3 *db = nullptr;
    double result = std::nan("");
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &statement, nullptr) == SQLITE_OK
            && sqlite3_step(statement) == SQLITE_ROW)
            result = sqlite3_column_double(statement, 0);
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return result;
}

QString formatted(double value, int decimals)
{
    return QLocale().toString(value, 'f', decimals);
}

} // namespace umg::test
