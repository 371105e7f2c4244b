#include "reports/reportfiles.h"

#include "reports/report.h"

#include "loadtest/loadteststore.h"
#include "storage/store.h"

#include <QFileInfo>

#include <sqlite3.h>

#include <cmath>

namespace umg::reports {
namespace {

class ReportFilesText
{
    Q_DECLARE_TR_FUNCTIONS(umg::reports::ReportFiles)
};

// Whether the stored decision agrees with the reference attribution: the
// same touch, or no touch when the reference is organic (an empty id).
bool agreesWithReference(const InstallRow &install)
{
    if (install.referenceTouchId.empty())
        return install.touchEventId.empty();
    return install.touchEventId == install.referenceTouchId;
}

QString promqlString(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace

bool databaseHasTable(const QString &path, const QString &table)
{
    if (!QFileInfo(path).isFile())
        return false;
    sqlite3 *db = nullptr;
    const QByteArray file = path.toUtf8();
    if (sqlite3_open_v2(file.constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return false;
    }
    bool found = false;
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", -1, &statement,
                           nullptr)
        == SQLITE_OK) {
        const QByteArray name = table.toUtf8();
        sqlite3_bind_text(statement, 1, name.constData(), int(name.size()), SQLITE_TRANSIENT);
        found = sqlite3_step(statement) == SQLITE_ROW;
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return found;
}

void readEngineCounts(const QString &enginePath, const QString &customerId, CustomerEngineFigures &figures)
{
    Store store(enginePath.toStdString(), Store::Mode::ReadOnly);
    const std::string id = customerId.toStdString();
    store.forEachAggregate([&](const AggregateDelta &row) {
        if (row.key.customerId != id)
            return;
        figures.clicks += row.clicks;
        figures.impressions += row.impressions;
        figures.installs += row.installs;
        figures.inAppEvents += row.inAppEvents;
    });
    store.forEachInstall([&](const InstallRow &install) {
        if (install.customerId != id || !install.hasReference)
            return;
        ++figures.referenceInstalls;
        figures.referenceAgreements += agreesWithReference(install);
    });
    figures.hasEngineData = true;
}

AccuracyCounts readAccuracyCounts(const QString &enginePath)
{
    Store store(enginePath.toStdString(), Store::Mode::ReadOnly);
    AccuracyCounts counts;
    store.forEachInstall([&](const InstallRow &install) {
        if (!install.hasReference)
            return;
        ++counts.referenceInstalls;
        counts.agreements += agreesWithReference(install);
    });
    return counts;
}

void readCustomerLatency(const QueryFunction &query, const QString &customerId, qint64 endMs, qint64 rangeMs,
                         CustomerEngineFigures &figures)
{
    if (!query) {
        figures.latencySource = ReportFilesText::tr("No metric history was given, so the latency is unknown.");
        return;
    }
    ReportQuery request;
    request.expression = QStringLiteral("customer_api_latency_ms{customer_id=%1}").arg(promqlString(customerId));
    request.range = true;
    request.rangeMs = rangeMs;
    request.stepMs = rangeStepMs(rangeMs);
    request.endMs = endMs;
    request.fromMs = endMs - rangeMs;
    const ReportQueryResult result = query(request);
    if (!result.ok()) {
        figures.latencySource = ReportFilesText::tr("The latency could not be read: %1").arg(result.error);
        return;
    }
    bool found = false;
    for (const ResultSeries &series : result.series) {
        double latest = qQNaN();
        for (const QPointF &point : series.points) {
            if (std::isfinite(point.y()))
                latest = point.y();
        }
        const QString percentile = series.labels.value(QStringLiteral("percentile"));
        if (percentile == QLatin1String("p50"))
            figures.latencyP50Ms = latest;
        else if (percentile == QLatin1String("p95"))
            figures.latencyP95Ms = latest;
        else if (percentile == QLatin1String("p99"))
            figures.latencyP99Ms = latest;
        found = found || std::isfinite(latest);
    }
    figures.latencySource = found
        ? ReportFilesText::tr("Latency: the newest customer_api_latency_ms values of the metric history in the %1 up "
                              "to %2.")
              .arg(ReportText::duration(rangeMs), ReportText::time(endMs))
        : ReportFilesText::tr("The metric history has no latency of this customer in the %1 up to %2.")
              .arg(ReportText::duration(rangeMs), ReportText::time(endMs));
}

std::optional<LoadTestResult> newestCompletedRun(const LoadTestStore &store)
{
    for (const LoadTestRunRow &row : store.list()) {
        if (row.outcome == LoadTestOutcome::Completed)
            return store.load(row.id);
    }
    return std::nullopt;
}

} // namespace umg::reports
