#include "remote/nodestatus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace umg {
namespace {

const QString kNodeService = QStringLiteral("unmogrowp-node");

QStringList stringsOf(const QJsonValue &value)
{
    QStringList strings;
    for (const QJsonValue &item : value.toArray()) {
        if (item.isString())
            strings.append(item.toString());
    }
    return strings;
}

std::optional<double> numberOf(const QJsonObject &object, std::initializer_list<QLatin1String> keys)
{
    for (const QLatin1String key : keys) {
        const QJsonValue value = object.value(key);
        if (value.isDouble())
            return value.toDouble();
    }
    return std::nullopt;
}

// Reads the `kafka` section of a node that consumes from Kafka: its
// `total_lag`, or the sum of the partitions' `lag` where the total is
// missing. Negative lags (not known yet) count as 0, as in the total.
std::optional<double> kafkaLagOf(const QJsonObject &kafka)
{
    if (kafka.isEmpty())
        return std::nullopt;
    if (const std::optional<double> total = numberOf(kafka, {QLatin1String("total_lag")}))
        return total;
    std::optional<double> sum;
    for (const QJsonValue &partition : kafka.value(QLatin1String("partitions")).toArray()) {
        if (const std::optional<double> lag = numberOf(partition.toObject(), {QLatin1String("lag")}))
            sum = sum.value_or(0) + std::max(0.0, *lag);
    }
    return sum;
}

} // namespace

std::optional<NodeStatusReport> NodeStatusParser::parse(const QByteArray &body, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (error)
            *error = tr("The status response is not JSON, so the server is not an UnMoGrowP node. Check the URL.");
        return std::nullopt;
    }
    const QJsonObject status = document.object();
    NodeStatusReport report;
    report.service = status.value(QLatin1String("service")).toString();
    if (report.service != kNodeService) {
        if (error) {
            *error = report.service.isEmpty()
                         ? tr("The server is not an UnMoGrowP node: its status response has no service name. Check "
                              "the URL.")
                         : tr("The server is not an UnMoGrowP node but \"%1\". Check the URL.")
                               .arg(report.service.left(80));
        }
        return std::nullopt;
    }

    report.version = status.value(QLatin1String("version")).toString();
    report.uptimeSeconds = status.value(QLatin1String("uptime_seconds")).toDouble();
    const QJsonObject health = status.value(QLatin1String("health")).toObject();
    report.health = health.value(QLatin1String("status")).toString();
    report.problems = stringsOf(health.value(QLatin1String("problems")));
    report.warnings = stringsOf(health.value(QLatin1String("warnings")));
    report.queuedEvents = numberOf(health, {QLatin1String("queued_events")});
    const QJsonObject kafka = status.value(QLatin1String("kafka")).toObject();
    report.kafkaLag = kafkaLagOf(kafka);
    report.kafkaError = kafka.value(QLatin1String("last_error")).toString().left(300);
    return report;
}

} // namespace umg
