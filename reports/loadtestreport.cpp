#include "reports/loadtestreport.h"

#include <QtGlobal>

#include <cmath>

namespace umg::reports {
namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(umg::reports::LoadTestReport)
};

constexpr double kBytesPerMebibyte = 1024.0 * 1024.0;

// Figure names in the order of the Figure enumeration.
constexpr const char *kFigureTitles[] = {
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Sending time"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Offered rate"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Event throughput"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Peak throughput"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "P50 processing latency"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "P75 processing latency"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "P90 processing latency"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "P95 processing latency"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "P99 processing latency"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Success rate"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Error rate"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Attribution accuracy"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Target availability"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "CPU use of the target"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Peak CPU use of the target"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "CPU use of the load test process"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Resident memory at the start"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Peak resident memory"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Resident memory growth"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Tracked devices"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Peak memory per million devices"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Deepest worker queues"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Queue capacity"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Backpressure waits"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Busy responses retried"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Events sent"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Events accepted"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Events repeated within a request"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Events rejected"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Events failed"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Events behind schedule"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Events processed (target's count)"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Events accepted (target's count)"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Events rejected (target's count)"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Installs sent"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Installs decided (target's count)"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Installs with a known source"),
    QT_TRANSLATE_NOOP("umg::reports::LoadTestReport", "Installs credited to their source"),
};
static_assert(std::size(kFigureTitles) == kFigureCount, "one title per Figure");

QString figureTitle(Figure figure)
{
    return Text::tr(kFigureTitles[size_t(figure)]);
}

bool isMemory(Figure figure)
{
    return figureInfo(figure).unit == "bytes";
}

// Translated unit; memory figures are shown in MiB.
QString figureUnit(Figure figure)
{
    const std::string_view unit = figureInfo(figure).unit;
    if (unit == "bytes")
        return Text::tr("MiB");
    if (unit == "events/s")
        return Text::tr("events/s");
    if (unit == "ms")
        return Text::tr("ms");
    if (unit == "%")
        return QStringLiteral("%");
    if (unit == "s")
        return Text::tr("s");
    if (unit == "cores")
        return Text::tr("cores");
    if (unit == "events")
        return Text::tr("events");
    if (unit == "devices")
        return Text::tr("devices");
    if (unit == "installs")
        return Text::tr("installs");
    if (unit == "submissions")
        return Text::tr("submissions");
    if (unit == "responses")
        return Text::tr("responses");
    return QString::fromUtf8(unit.data(), qsizetype(unit.size()));
}

double displayValue(Figure figure, double value)
{
    return isMemory(figure) ? value / kBytesPerMebibyte : value;
}

int displayDecimals(Figure figure)
{
    return isMemory(figure) ? 1 : figureInfo(figure).decimals;
}

QString outcomeText(LoadTestOutcome outcome)
{
    switch (outcome) {
    case LoadTestOutcome::Completed:
        return Text::tr("Completed");
    case LoadTestOutcome::Stopped:
        return Text::tr("Stopped early");
    case LoadTestOutcome::Failed:
        return Text::tr("Failed");
    case LoadTestOutcome::Count:
        break;
    }
    return {};
}

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

Section validationSection(const LoadTestResult &run)
{
    Table checks;
    checks.key = QStringLiteral("checks");
    checks.title = Text::tr("Validation against the platform's targets");
    checks.columns = {Column{QStringLiteral("check"), Text::tr("Target"), false},
                      Column{QStringLiteral("target"), Text::tr("Required"), false},
                      Column{QStringLiteral("measured"), Text::tr("Measured"), true},
                      Column{QStringLiteral("result"), Text::tr("Result"), false}};
    for (const CheckResult &result : run.checks) {
        const CheckInfo &info = checkInfo(result.check);
        const TargetState state = result.passed ? TargetState::Pass : TargetState::Fail;
        checks.rows.append(Row{QString::fromUtf8(info.key.data(), qsizetype(info.key.size())),
                               {textCell(checkTitle(result.check)), textCell(checkTargetText(result.check)),
                                numberCell(result.measured, figureInfo(info.figure).decimals, figureUnit(info.figure),
                                           state),
                                stateCell(state)}});
    }

    Section section;
    section.key = QStringLiteral("validation");
    section.title = Text::tr("Validation summary");
    QString verdict = run.passed() ? Text::tr("The run completed and met every target.")
                                   : Text::tr("The run did not validate: it missed a target or did not complete.");
    if (!run.message.empty())
        verdict += QLatin1Char(' ') + qs(run.message);
    section.blocks = {Paragraph{verdict}, checks};
    return section;
}

Section figuresSection(const LoadTestResult &run)
{
    Table figures;
    figures.key = QStringLiteral("figures");
    figures.title = Text::tr("Measured figures");
    figures.columns = {Column{QStringLiteral("figure"), Text::tr("Figure"), false},
                       Column{QStringLiteral("value"), Text::tr("Value"), true}};
    for (size_t i = 0; i < kFigureCount; ++i) {
        const auto figure = Figure(i);
        const FigureInfo &info = figureInfo(figure);
        figures.rows.append(Row{QString::fromUtf8(info.key.data(), qsizetype(info.key.size())),
                                {textCell(figureTitle(figure)),
                                 numberCell(displayValue(figure, run.figures[figure]), displayDecimals(figure),
                                            figureUnit(figure))}});
    }
    Section section;
    section.key = QStringLiteral("figures");
    section.title = Text::tr("Figures");
    section.blocks = {figures};
    if (!run.latencyMethod.empty()) {
        section.blocks.append(Paragraph{Text::tr("Latency percentiles come from the %1.")
                                            .arg(run.latencyMethod == "engine histogram"
                                                     ? Text::tr("engine's histogram of this run's events")
                                                     : Text::tr("interpolated histogram buckets"))});
    }
    return section;
}

Section settingsSection(const LoadTestResult &run)
{
    const LoadTestProfile &profile = run.profile;
    const WorkloadProfile &workload = profile.workload;
    Table settings;
    settings.key = QStringLiteral("settings");
    settings.title = Text::tr("Settings as run");
    settings.columns = {Column{QStringLiteral("setting"), Text::tr("Setting"), false},
                        Column{QStringLiteral("value"), Text::tr("Value"), true}};
    auto add = [&settings](const QString &key, const QString &title, const Cell &value) {
        settings.rows.append(Row{key, {textCell(title), value}});
    };
    add(QStringLiteral("target"), Text::tr("Target"), textCell(qs(profile.target)));
    add(QStringLiteral("rate"), Text::tr("Rate after the ramp-up"), numberCell(profile.rate, 0, Text::tr("events/s")));
    add(QStringLiteral("ramp_up"), Text::tr("Ramp-up"), numberCell(double(profile.rampUpMs) / 1000.0, 0, Text::tr("s")));
    add(QStringLiteral("duration"), Text::tr("Duration"),
        numberCell(double(profile.durationMs) / 1000.0, 0, Text::tr("s")));
    add(QStringLiteral("batch_size"), Text::tr("Events per batch"), numberCell(profile.batchSize, 0));
    add(QStringLiteral("connections"), Text::tr("Parallel senders"), numberCell(profile.connections, 0));
    add(QStringLiteral("devices"), Text::tr("Device population"), numberCell(double(workload.devices), 0));
    add(QStringLiteral("mix"), Text::tr("Mix: clicks, impressions, installs, in-app events"),
        textCell(QStringLiteral("%1, %2, %3, %4")
                     .arg(ReportText::number(workload.clickShare, 2), ReportText::number(workload.impressionShare, 2),
                          ReportText::number(workload.installShare, 2), ReportText::number(workload.inAppShare, 2))));
    add(QStringLiteral("organic_share"), Text::tr("Organic share of installs"),
        numberCell(workload.organicShare, 2));
    add(QStringLiteral("fraud_share"), Text::tr("Fraud share of installs"), numberCell(workload.fraudShare, 2));
    add(QStringLiteral("seed"), Text::tr("Workload seed"), numberCell(double(workload.seed), 0));

    Section section;
    section.key = QStringLiteral("settings");
    section.title = Text::tr("Settings");
    section.blocks = {settings};
    return section;
}

Series sampleSeries(const LoadTestResult &run, const QString &name, double LoadTestSample::*field)
{
    Series series;
    series.name = name;
    for (const LoadTestSample &sample : run.samples)
        series.points.append(QPointF(double(run.startedAtMs) + sample.elapsedSeconds * 1000.0, sample.*field));
    return series;
}

Section chartsSection(const LoadTestResult &run)
{
    const qint64 endMs = std::max(run.finishedAtMs, run.startedAtMs + 1000);
    Chart throughput;
    throughput.key = QStringLiteral("throughput");
    throughput.title = Text::tr("Throughput during the run");
    throughput.unit = Text::tr("events/s");
    throughput.decimals = 0;
    throughput.fromMs = run.startedAtMs;
    throughput.toMs = endMs;
    throughput.series = {sampleSeries(run, Text::tr("Scheduled"), &LoadTestSample::scheduledRate),
                         sampleSeries(run, Text::tr("Sent"), &LoadTestSample::sentPerSecond),
                         sampleSeries(run, Text::tr("Processed"), &LoadTestSample::processedPerSecond)};
    throughput.targetLow = checkInfo(Check::Throughput).target;

    Chart latency = throughput;
    latency.key = QStringLiteral("latency");
    latency.title = Text::tr("Processing latency during the run");
    latency.unit = Text::tr("ms");
    latency.decimals = 2;
    latency.series = {sampleSeries(run, QStringLiteral("P50"), &LoadTestSample::latencyP50Ms),
                      sampleSeries(run, QStringLiteral("P95"), &LoadTestSample::latencyP95Ms),
                      sampleSeries(run, QStringLiteral("P99"), &LoadTestSample::latencyP99Ms)};
    latency.targetLow = checkInfo(Check::LatencyP95).target;

    Chart queue = throughput;
    queue.key = QStringLiteral("queue_depth");
    queue.title = Text::tr("Queued events and backpressure during the run");
    queue.unit = QString();
    queue.decimals = 0;
    queue.series = {sampleSeries(run, Text::tr("Events in worker queues"), &LoadTestSample::queueDepth),
                    sampleSeries(run, Text::tr("Backpressure waits and busy responses per second"),
                                 &LoadTestSample::backpressurePerSecond)};
    queue.targetLow = qQNaN();

    Section section;
    section.key = QStringLiteral("charts");
    section.title = Text::tr("During the run");
    if (run.samples.empty())
        section.blocks = {Paragraph{Text::tr("The run stored no samples.")}};
    else
        section.blocks = {throughput, latency, queue};
    return section;
}

} // namespace

QString checkTitle(Check check)
{
    switch (check) {
    case Check::Throughput:
        return Text::tr("Event throughput");
    case Check::LatencyP95:
        return Text::tr("P95 processing latency");
    case Check::LatencyP99:
        return Text::tr("P99 processing latency");
    case Check::ErrorRate:
        return Text::tr("Error rate");
    case Check::SuccessRate:
        return Text::tr("Success rate");
    case Check::Accuracy:
        return Text::tr("Attribution accuracy");
    case Check::Availability:
        return Text::tr("Target availability");
    case Check::Count:
        break;
    }
    return {};
}

QString checkTargetText(Check check)
{
    const CheckInfo &info = checkInfo(check);
    const int decimals = info.target == std::floor(info.target) ? 0 : 1;
    const QString value = ReportText::value(info.target, decimals, figureUnit(info.figure));
    switch (info.comparison) {
    case Comparison::AtLeast:
        return Text::tr("≥ %1").arg(value);
    case Comparison::Below:
        return Text::tr("< %1").arg(value);
    case Comparison::Above:
        return Text::tr("> %1").arg(value);
    }
    return value;
}

Report buildLoadTestReport(const LoadTestResult &run, qint64 generatedAtMs, const QString &sourceName)
{
    Report report;
    report.kind = QStringLiteral("loadtest");
    report.title = Text::tr("Load-test run %1: %2").arg(run.id).arg(qs(run.profile.name));
    report.addFact(QStringLiteral("generated"), Text::tr("Generated"), ReportText::time(generatedAtMs),
                   double(generatedAtMs));
    report.addFact(QStringLiteral("source"), Text::tr("Runs read from"), sourceName);
    report.addFact(QStringLiteral("run"), Text::tr("Run"), QString::number(run.id), double(run.id));
    report.addFact(QStringLiteral("target"), Text::tr("Target"), qs(run.targetDescription));
    report.addFact(QStringLiteral("started"), Text::tr("Started"), ReportText::time(run.startedAtMs),
                   double(run.startedAtMs));
    report.addFact(QStringLiteral("finished"), Text::tr("Finished"), ReportText::time(run.finishedAtMs),
                   double(run.finishedAtMs));
    report.addFact(QStringLiteral("outcome"), Text::tr("Outcome"), outcomeText(run.outcome));
    report.addFact(QStringLiteral("passed"), Text::tr("Validated"), ReportText::yesNo(run.passed()),
                   run.passed() ? 1.0 : 0.0);

    report.sections = {validationSection(run), figuresSection(run), settingsSection(run), chartsSection(run)};
    return report;
}

} // namespace umg::reports
