#include "loadtest/loadtesttext.h"

namespace umg {

QString LoadTestText::figureTitle(Figure figure)
{
    switch (figure) {
    case Figure::SendSeconds:
        return tr("Sending time");
    case Figure::OfferedRate:
        return tr("Offered rate");
    case Figure::Throughput:
        return tr("Event throughput");
    case Figure::PeakThroughput:
        return tr("Peak throughput");
    case Figure::LatencyP50:
        return tr("P50 processing latency");
    case Figure::LatencyP75:
        return tr("P75 processing latency");
    case Figure::LatencyP90:
        return tr("P90 processing latency");
    case Figure::LatencyP95:
        return tr("P95 processing latency");
    case Figure::LatencyP99:
        return tr("P99 processing latency");
    case Figure::SuccessRate:
        return tr("Success rate");
    case Figure::ErrorRate:
        return tr("Error rate");
    case Figure::Accuracy:
        return tr("Attribution accuracy");
    case Figure::Availability:
        return tr("Target availability");
    case Figure::CpuCores:
        return tr("CPU use of the target");
    case Figure::PeakCpuCores:
        return tr("Peak CPU use of the target");
    case Figure::TesterCpuCores:
        return tr("CPU use of the load test");
    case Figure::BaselineResidentBytes:
        return tr("Resident memory at the start");
    case Figure::PeakResidentBytes:
        return tr("Peak resident memory");
    case Figure::ResidentGrowthBytes:
        return tr("Resident memory growth");
    case Figure::TrackedDevices:
        return tr("Tracked devices");
    case Figure::PeakBytesPerMillionDevices:
        return tr("Peak memory per million devices");
    case Figure::MaxQueueDepth:
        return tr("Deepest worker queues");
    case Figure::QueueCapacity:
        return tr("Queue capacity");
    case Figure::BackpressureWaits:
        return tr("Backpressure waits");
    case Figure::BusyResponses:
        return tr("Busy responses retried");
    case Figure::EventsSent:
        return tr("Events sent");
    case Figure::EventsAccepted:
        return tr("Events accepted");
    case Figure::EventsDuplicate:
        return tr("Events repeated within a request");
    case Figure::EventsRejected:
        return tr("Events rejected");
    case Figure::EventsFailed:
        return tr("Events failed");
    case Figure::EventsBehindSchedule:
        return tr("Events behind schedule");
    case Figure::TargetEventsProcessed:
        return tr("Events processed (target's count)");
    case Figure::TargetEventsAccepted:
        return tr("Events accepted (target's count)");
    case Figure::TargetEventsRejected:
        return tr("Events rejected (target's count)");
    case Figure::InstallsSent:
        return tr("Installs sent");
    case Figure::TargetInstalls:
        return tr("Installs decided (target's count)");
    case Figure::ReferenceInstalls:
        return tr("Installs with a known source");
    case Figure::ReferenceAgreements:
        return tr("Installs credited to their source");
    case Figure::Count:
        break;
    }
    return {};
}

QString LoadTestText::figureUnit(Figure figure)
{
    const std::string_view unit = figureInfo(figure).unit;
    if (unit == "events/s")
        return tr("events/s");
    if (unit == "ms")
        return tr("ms");
    if (unit == "%")
        return QStringLiteral("%");
    if (unit == "s")
        return tr("s");
    if (unit == "cores")
        return tr("cores");
    if (unit == "bytes")
        return tr("MiB");
    if (unit == "events")
        return tr("events");
    if (unit == "installs")
        return tr("installs");
    if (unit == "devices")
        return tr("devices");
    if (unit == "submissions")
        return tr("submissions");
    if (unit == "responses")
        return tr("responses");
    return QString::fromUtf8(unit.data(), qsizetype(unit.size()));
}

double LoadTestText::displayValue(Figure figure, double value)
{
    return figureInfo(figure).unit == "bytes" ? value / 1048576.0 : value;
}

QString LoadTestText::checkTitle(Check check)
{
    return figureTitle(checkInfo(check).figure);
}

QString LoadTestText::phaseText(LoadTestPhase phase)
{
    switch (phase) {
    case LoadTestPhase::Idle:
        return tr("Not running");
    case LoadTestPhase::Starting:
        return tr("Connecting to the target");
    case LoadTestPhase::RampingUp:
        return tr("Ramping up");
    case LoadTestPhase::Steady:
        return tr("Running at the full rate");
    case LoadTestPhase::Draining:
        return tr("Waiting for the target to process the rest");
    case LoadTestPhase::Finished:
        return tr("Finished");
    case LoadTestPhase::Count:
        break;
    }
    return {};
}

QString LoadTestText::outcomeText(LoadTestOutcome outcome)
{
    switch (outcome) {
    case LoadTestOutcome::Completed:
        return tr("Completed");
    case LoadTestOutcome::Stopped:
        return tr("Stopped");
    case LoadTestOutcome::Failed:
        return tr("Failed");
    case LoadTestOutcome::Count:
        break;
    }
    return {};
}

ThresholdPolicy LoadTestText::checkPolicy(Check check)
{
    const CheckInfo &info = checkInfo(check);
    return info.comparison == Comparison::Below ? ThresholdPolicy::lowerIsBetter(info.target)
                                                : ThresholdPolicy::higherIsBetter(info.target);
}

} // namespace umg
