// The console's Validation view against a real stack on loopback: one
// node, Debian's Prometheus and Alertmanager with the configuration of
// `export stack`. The view runs the same checks as `unmogrowp-node validate
// --json` in the same state and reaches the same statuses. Needs the
// prometheus and prometheus-alertmanager packages.

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>

#include "stackprocess.h"
#include "validation/validation.h"
#include "validation/validationmodel.h"
#include "validation/validationrunner.h"
#include "validation/validationview.h"

using namespace umg;
using namespace std::chrono_literals;

namespace {

// Check id -> status, in report order.
using Statuses = QList<QPair<QString, QString>>;

Statuses nodeStatuses(const QStringList& arguments, QByteArray* output)
{
    QProcess process;
    process.start(test::nodeBinary(), QStringList{"validate", "--json"} + arguments);
    Statuses statuses;
    if (!process.waitForFinished(120'000))
        return statuses;
    *output = process.readAllStandardOutput();
    for (const QJsonValue& check : QJsonDocument::fromJson(*output).object().value("checks").toArray()) {
        statuses.append({check.toObject().value("id").toString(), check.toObject().value("status").toString()});
    }
    return statuses;
}

Statuses viewStatuses(const validation::ValidationReport& report)
{
    Statuses statuses;
    for (const validation::CheckResult& check : report.checks) {
        statuses.append({QString::fromStdString(check.id),
                         QString::fromUtf8(validation::statusName(check.status).data())});
    }
    return statuses;
}

QString describe(const Statuses& expected, const Statuses& actual)
{
    QStringList lines;
    for (qsizetype i = 0; i < std::max(expected.size(), actual.size()); ++i) {
        const QString left = i < expected.size() ? expected[i].first + "=" + expected[i].second : QString("-");
        const QString right = i < actual.size() ? actual[i].first + "=" + actual[i].second : QString("-");
        if (left != right)
            lines << QStringLiteral("node %1, view %2").arg(left, right);
    }
    return lines.join('\n');
}

} // namespace

class TestValidationView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void viewMatchesNodeValidate();
    void missingPrometheusUrlRejected();
    void invalidNodeUrlReported();

private:
    // Runs the view and waits for its report.
    std::optional<validation::ValidationReport> runView(ValidationView& view);

    QTemporaryDir m_dir;
    test::ServiceProcess m_node{QStringLiteral("node")};
    test::ServiceProcess m_alertmanager{QStringLiteral("alertmanager")};
    test::ServiceProcess m_prometheus{QStringLiteral("prometheus")};
    QUrl m_nodeUrl;
    QUrl m_prometheusUrl;
};

void TestValidationView::initTestCase()
{
    if (test::nodeBinary().isEmpty())
        QSKIP("UMG_NODE_BINARY is not set; run the test through ctest");
    if (test::findProgram(QStringLiteral("prometheus")).isEmpty()
        || test::findProgram(QStringLiteral("prometheus-alertmanager")).isEmpty())
        QFAIL("prometheus or prometheus-alertmanager not found on PATH; install the Debian packages");
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));

    m_nodeUrl = test::startNode(m_node, m_dir.filePath(QStringLiteral("node.db")));
    QVERIFY2(m_nodeUrl.isValid(), qPrintable(m_node.log()));

    const quint16 alertmanagerPort = test::freeLoopbackPort();
    const QString stack = m_dir.filePath(QStringLiteral("stack"));
    QProcess exporter;
    exporter.setProcessChannelMode(QProcess::MergedChannels);
    exporter.start(test::nodeBinary(), {"export", "stack", stack, "--node", m_nodeUrl.toString(), "--alertmanager",
                                        QStringLiteral("127.0.0.1:%1").arg(alertmanagerPort), "--scrape-interval",
                                        "1s", "--evaluation-interval", "1s"});
    QVERIFY(exporter.waitForFinished(60'000));
    QVERIFY2(exporter.exitCode() == 0, exporter.readAll().constData());

    QVERIFY2(test::startAlertmanager(m_alertmanager, stack + "/alertmanager.yml", m_dir.filePath("alertmanager"),
                                     alertmanagerPort)
                 .isValid(),
             qPrintable(m_alertmanager.log()));
    m_prometheusUrl = test::startPrometheus(m_prometheus, stack + "/prometheus.yml", m_dir.filePath("prometheus"));
    QVERIFY2(m_prometheusUrl.isValid(), qPrintable(m_prometheus.log()));

    const test::HttpResult posted = test::httpPost(m_nodeUrl.resolved(QUrl("/v1/events")),
                                                   test::generatedEvents(500, "view", 5), "application/x-ndjson");
    QVERIFY2(posted.status == 200, posted.body.constData());

    // Wait until Prometheus scraped the node and evaluated the rules, so
    // that the state does not change while the two runs are compared.
    QByteArray output;
    const bool ready = test::waitFor(
        [&] {
            const Statuses statuses = nodeStatuses({"--prometheus", m_prometheusUrl.toString(), "--node",
                                                    m_nodeUrl.toString()},
                                                   &output);
            return !statuses.isEmpty() && std::none_of(statuses.begin(), statuses.end(), [](const auto& status) {
                return status.second == QStringLiteral("fail");
            });
        },
        90s);
    QVERIFY2(ready, output.constData());
}

void TestValidationView::cleanupTestCase()
{
    m_prometheus.stop();
    m_alertmanager.stop();
    m_node.stop();
}

std::optional<validation::ValidationReport> TestValidationView::runView(ValidationView& view)
{
    QSignalSpy finished(&view, &ValidationView::runFinished);
    if (!view.run())
        return std::nullopt;
    if (!finished.wait(120'000))
        return std::nullopt;
    return view.lastReport();
}

void TestValidationView::viewMatchesNodeValidate()
{
    ValidationView view(nullptr);
    view.setPrometheusUrl(m_prometheusUrl.toString());
    view.setNodeUrls({m_nodeUrl.toString()});
    view.show();
    const QStringList arguments = {"--prometheus", m_prometheusUrl.toString(), "--node", m_nodeUrl.toString()};

    // A check near a boundary, such as a scrape age or a rule evaluated for
    // the first time, may change between two runs. The view must match the
    // node's report of the same moment, so the comparison is retried.
    Statuses expected;
    Statuses actual;
    std::optional<validation::ValidationReport> report;
    QByteArray output;
    for (int attempt = 0; attempt < 3; ++attempt) {
        expected = nodeStatuses(arguments, &output);
        report = runView(view);
        QVERIFY2(report, "the view's run did not finish within 2 minutes");
        actual = viewStatuses(*report);
        if (actual == expected)
            break;
    }
    QVERIFY(!expected.isEmpty());
    QCOMPARE(actual.size(), qsizetype(validation::checkDefinitions().size()));
    QVERIFY2(actual == expected, qPrintable(describe(expected, actual) + "\n" + output));

    // The table shows each check's status and value; the totals and the
    // time of the run are shown beside the buttons.
    ValidationModel* model = view.model();
    QCOMPARE(model->rowCount(), int(validation::checkDefinitions().size()));
    int warnings = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const validation::CheckResult& check = report->checks[std::size_t(row)];
        QCOMPARE(model->index(row, 0).data(ValidationModel::IdRole).toString(), QString::fromStdString(check.id));
        QCOMPARE(model->index(row, ValidationModel::StatusColumn).data().toString(), checkStatusText(check.status));
        QCOMPARE(model->index(row, ValidationModel::MeasuredColumn).data().toString(),
                 QString::fromStdString(check.measured));
        if (check.status == validation::CheckStatus::Warning) {
            ++warnings;
            QVERIFY2(!model->index(row, ValidationModel::AdviceColumn).data().toString().isEmpty(), check.id.c_str());
        }
    }
    const auto* totals = view.findChild<QLabel*>(QStringLiteral("validation-totals"));
    QVERIFY(totals);
    QVERIFY2(totals->text().contains(QStringLiteral("%1 warnings").arg(warnings)), qPrintable(totals->text()));
    QVERIFY2(totals->text().contains(QStringLiteral("0 failed")), qPrintable(totals->text()));
    const auto* time = view.findChild<QLabel*>(QStringLiteral("validation-time"));
    QVERIFY(time);
    QVERIFY2(time->text().contains(QDateTime::fromMSecsSinceEpoch(report->startedAtMs).toString("yyyy-MM-dd")),
             qPrintable(time->text()));
}

void TestValidationView::missingPrometheusUrlRejected()
{
    ValidationView view(nullptr);
    QVERIFY(!view.run());
    const auto* error = view.findChild<QLabel*>(QStringLiteral("validation-error"));
    QVERIFY(error);
    QVERIFY2(error->text().contains(QStringLiteral("Prometheus")), qPrintable(error->text()));
    QVERIFY(!view.runner()->isRunning());
}

void TestValidationView::invalidNodeUrlReported()
{
    ValidationView view(nullptr);
    view.setPrometheusUrl(m_prometheusUrl.toString());
    view.setNodeUrls({QStringLiteral("127.0.0.1:1")});
    QSignalSpy failed(view.runner(), &ValidationRunner::failed);
    QVERIFY(view.run());
    QVERIFY(failed.wait(30'000));
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains(QStringLiteral("127.0.0.1:1")), qPrintable(message));
    QVERIFY(!view.runner()->isRunning());
}

QTEST_MAIN(TestValidationView)
#include "tst_validationview.moc"
