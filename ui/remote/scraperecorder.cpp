#include "remote/scraperecorder.h"

#include "remote/remotelog.h"

#include "exposition/scrapetarget.h"
#include "history/metrichistory.h"

#include <QThreadPool>

#include <string_view>

namespace umg {
namespace {

class ScrapeMessages
{
    Q_DECLARE_TR_FUNCTIONS(umg::ScrapeRecorder)
};

promql::Labels targetLabels(const QString &instance)
{
    return promql::Labels{{"instance", instance.toStdString()}, {"job", ScrapeRecorder::job().toStdString()}};
}

void addTo(std::optional<double> &total, double value)
{
    total = total.value_or(0) + value;
}

// Sums the series that the fleet view shows.
void summarise(const std::vector<exposition::Sample> &samples, ScrapeSummary &summary)
{
    for (const exposition::Sample &sample : samples) {
        const std::string_view name = sample.labels.get(promql::kMetricNameLabel);
        if (name == "attribution_events_processed_total")
            addTo(summary.eventsProcessed, sample.value);
        else if (name == "attribution_queue_depth")
            addTo(summary.queueDepth, sample.value);
        else if (name == "attribution_kafka_consumer_lag")
            addTo(summary.kafkaLag, sample.value);
    }
}

QString describeProblem(const exposition::LineProblem &problem)
{
    return ScrapeMessages::tr("line %1: %2 (%3)")
        .arg(problem.line)
        .arg(QString::fromUtf8(exposition::problemName(problem.problem).data()),
             QString::fromStdString(problem.excerpt));
}

} // namespace

ScrapeRecorder::ScrapeRecorder(WritableHistoryProvider history, exposition::ParseLimits limits, QObject *parent)
    : QObject(parent)
    , m_history(std::move(history))
    , m_limits(limits)
    , m_pool(new QThreadPool(this))
{
    // One thread keeps the scrapes of a node in order and leaves the other
    // cores to the engine and the dashboards.
    m_pool->setMaxThreadCount(1);
    m_pool->setObjectName(QStringLiteral("umg-remote-scrapes"));
}

ScrapeRecorder::~ScrapeRecorder()
{
    m_pool->waitForDone();
}

QString ScrapeRecorder::job()
{
    return QStringLiteral("unmogrowp");
}

void ScrapeRecorder::waitForDone()
{
    m_pool->waitForDone();
}

void ScrapeRecorder::record(const QString &instance, QByteArray body, double durationSeconds, QObject *context,
                            std::function<void(const ScrapeSummary &)> done)
{
    m_pool->start([this, history = m_history, limits = m_limits, instance, body = std::move(body), durationSeconds,
                   context = QPointer<QObject>(context), done = std::move(done)] {
        ScrapeSummary summary;
        const exposition::ParseResult parsed =
            exposition::parse(std::string_view(body.constData(), size_t(body.size())), limits);
        summary.samples = qint64(parsed.samples.size());
        summary.droppedSamples = parsed.droppedSamples;
        summary.rejectedLines = parsed.rejectedLines();
        if (!parsed.problems.empty())
            summary.firstProblem = describeProblem(parsed.problems.front());
        summarise(parsed.samples, summary);

        const promql::Labels target = targetLabels(instance);
        try {
            const std::shared_ptr<MetricHistory> store = history ? history() : nullptr;
            if (!store) {
                summary.error = ScrapeMessages::tr("The metric history is not open yet; the scrape was not recorded.");
            } else if (parsed.bodyTooLarge) {
                summary.error = ScrapeMessages::tr("The metrics response is larger than %1 bytes and was discarded.")
                                    .arg(limits.maxBodyBytes);
                store->recordScrape(exposition::scrapeHealthFamilies(false, durationSeconds, 0, target),
                                    store->nowMs(), instance.toStdString());
            } else {
                std::vector<prometheus::MetricFamily> families = exposition::toMetricFamilies(parsed.samples, target);
                for (prometheus::MetricFamily &family :
                     exposition::scrapeHealthFamilies(true, durationSeconds, parsed.samples.size(), target))
                    families.push_back(std::move(family));
                store->recordScrape(families, store->nowMs(), instance.toStdString());
                summary.recorded = true;
            }
        } catch (const std::exception &error) {
            qCWarning(lcRemote) << "scrape of" << instance << "not recorded:" << error.what();
            summary.error = ScrapeMessages::tr("The scrape could not be written to the metric history: %1")
                                .arg(QString::fromUtf8(error.what()));
        }

        deliver(context, [done, summary] {
            if (done)
                done(summary);
        });
    });
}

void ScrapeRecorder::recordFailure(const QString &instance, double durationSeconds, QObject *context,
                                   std::function<void()> done)
{
    m_pool->start([this, history = m_history, instance, durationSeconds, context = QPointer<QObject>(context),
                   done = std::move(done)] {
        try {
            if (const std::shared_ptr<MetricHistory> store = history ? history() : nullptr) {
                store->recordScrape(exposition::scrapeHealthFamilies(false, durationSeconds, 0, targetLabels(instance)),
                                    store->nowMs(), instance.toStdString());
            }
        } catch (const std::exception &error) {
            qCWarning(lcRemote) << "failed scrape of" << instance << "not recorded:" << error.what();
        }
        if (done)
            deliver(context, done);
    });
}

void ScrapeRecorder::recordDetached(const QString &instance)
{
    m_pool->start([history = m_history, instance] {
        try {
            if (const std::shared_ptr<MetricHistory> store = history ? history() : nullptr)
                store->recordScrape({}, store->nowMs(), instance.toStdString());
        } catch (const std::exception &error) {
            qCWarning(lcRemote) << "series of detached node" << instance << "not marked stale:" << error.what();
        }
    });
}

void ScrapeRecorder::deliver(QPointer<QObject> context, std::function<void()> callback)
{
    // The recorder outlives its jobs because its destructor waits for them,
    // so the call is queued to the recorder. Only the GUI thread can check
    // safely whether `context` is still alive.
    QMetaObject::invokeMethod(
        this,
        [context = std::move(context), callback = std::move(callback)] {
            if (context)
                callback();
        },
        Qt::QueuedConnection);
}

} // namespace umg
