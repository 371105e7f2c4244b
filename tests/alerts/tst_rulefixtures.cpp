// Drives every catalogue rule through its fixtures with the native rule
// evaluator: the rule must fire with the expected labels exactly `for` after
// its expression first returns them, and stay quiet in the quiet cases.

#include "rulefixtures.h"

#include "alerts/catalogue.h"
#include "alerts/thresholds.h"
#include "promql/duration.h"

#include <QtTest>

#include <set>

using namespace umg;

namespace {

QString labelSetsText(const std::vector<promql::Labels>& sets)
{
    QStringList parts;
    for (const promql::Labels& labels : sets)
        parts << QString::fromStdString(labels.toString());
    return parts.isEmpty() ? QStringLiteral("(none)") : parts.join(QStringLiteral(", "));
}

std::vector<promql::Labels> labelsOf(const std::vector<alerts::Alert>& alerts)
{
    std::vector<promql::Labels> sets;
    for (const alerts::Alert& alert : alerts)
        sets.push_back(alert.labels);
    std::sort(sets.begin(), sets.end());
    return sets;
}

QString at(std::int64_t timeMs)
{
    return QString::fromStdString(promql::formatDuration(timeMs));
}

} // namespace

class RuleFixturesTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void everyRuleHasFixture();
    void fixturesNameCatalogueRules();
    void ruleFiresAfterFor_data();
    void ruleFiresAfterFor();
    void ruleStaysQuiet_data();
    void ruleStaysQuiet();

private:
    const alerts::AlertRule& rule(const std::string& name) const;

    std::vector<alerts::AlertRule> m_rules;
    std::vector<test::RuleFixture> m_fixtures;
};

void RuleFixturesTest::initTestCase()
{
    m_rules = alerts::buildAlertRules(alerts::Thresholds{});
    m_fixtures = test::loadRuleFixtures(UMG_SOURCE_DIR "/tests/alerts/fixtures");
    QVERIFY(!m_fixtures.empty());
}

const alerts::AlertRule& RuleFixturesTest::rule(const std::string& name) const
{
    auto it = std::find_if(m_rules.begin(), m_rules.end(), [&name](const alerts::AlertRule& r) { return r.name == name; });
    if (it == m_rules.end())
        throw std::runtime_error("no catalogue rule " + name);
    return *it;
}

void RuleFixturesTest::everyRuleHasFixture()
{
    std::set<std::string> covered;
    for (const test::RuleFixture& fixture : m_fixtures)
        covered.insert(fixture.ruleName);

    QStringList missing;
    for (const alerts::AlertRule& rule : m_rules) {
        if (!covered.count(rule.name))
            missing << QString::fromStdString(rule.name);
    }
    QVERIFY2(missing.isEmpty(), qPrintable("rules without a fixture: " + missing.join(", ")));
}

void RuleFixturesTest::fixturesNameCatalogueRules()
{
    std::set<std::string> seen;
    for (const test::RuleFixture& fixture : m_fixtures) {
        const std::string where = fixture.file + ":" + std::to_string(fixture.line);
        bool known = std::any_of(m_rules.begin(), m_rules.end(),
                                 [&fixture](const alerts::AlertRule& r) { return r.name == fixture.ruleName; });
        QVERIFY2(known, qPrintable(QString::fromStdString(where + ": no catalogue rule " + fixture.ruleName)));
        QVERIFY2(seen.insert(fixture.ruleName).second,
                 qPrintable(QString::fromStdString(where + ": second fixture for " + fixture.ruleName)));
    }
}

void RuleFixturesTest::ruleFiresAfterFor_data()
{
    QTest::addColumn<int>("fixtureIndex");
    for (std::size_t i = 0; i < m_fixtures.size(); ++i)
        QTest::newRow(m_fixtures[i].ruleName.c_str()) << static_cast<int>(i);
}

void RuleFixturesTest::ruleFiresAfterFor()
{
    QFETCH(int, fixtureIndex);
    const test::RuleFixture& fixture = m_fixtures[static_cast<std::size_t>(fixtureIndex)];
    const test::FixtureCase& firing = fixture.firingCase();
    const alerts::AlertRule& alertRule = rule(fixture.ruleName);

    std::vector<promql::Labels> expected;
    for (const promql::Labels& seriesLabels : firing.expectedAlerts)
        expected.push_back(test::expectedAlertLabels(alertRule, seriesLabels));
    std::sort(expected.begin(), expected.end());

    promql::MemorySeriesSource source;
    test::loadCaseSeries(fixture, firing, source);
    std::int64_t firesAt = firing.activeMs + alertRule.forMs;
    std::int64_t end = test::caseEndMs(fixture, firing, alertRule.forMs);
    QVERIFY2(end >= firesAt, "the firing case ends before the rule can fire");

    for (const test::NativeStep& step : test::runNativeGrid(m_rules, source, fixture.intervalMs, end)) {
        for (const alerts::RuleStatus& status : step.statuses)
            QVERIFY2(status.healthy, qPrintable(QString::fromStdString(status.ruleName + " failed at ")
                                                + at(step.timeMs) + ": " + QString::fromStdString(status.lastError)));

        std::vector<alerts::Alert> active = test::alertsOfRule(step.active, fixture.ruleName);
        std::vector<alerts::Alert> firingNow = test::alertsOfRule(step.firing, fixture.ruleName);
        QString context = QStringLiteral("at %1: active %2; firing %3")
                              .arg(at(step.timeMs), labelSetsText(labelsOf(active)), labelSetsText(labelsOf(firingNow)));

        if (step.timeMs < firing.activeMs) {
            QVERIFY2(active.empty(), qPrintable("no alert expected before `active`, " + context));
        } else if (step.timeMs < firesAt) {
            QVERIFY2(firingNow.empty(), qPrintable("nothing may fire before active + for, " + context));
            QVERIFY2(labelsOf(active) == expected,
                     qPrintable("expected pending " + labelSetsText(expected) + ", " + context));
        } else {
            QVERIFY2(labelsOf(firingNow) == expected,
                     qPrintable("expected firing " + labelSetsText(expected) + ", " + context));
            for (const alerts::Alert& alert : firingNow)
                QCOMPARE(alert.activeAtMs, firing.activeMs);
        }
    }
}

void RuleFixturesTest::ruleStaysQuiet_data()
{
    QTest::addColumn<int>("fixtureIndex");
    QTest::addColumn<int>("caseIndex");
    for (std::size_t i = 0; i < m_fixtures.size(); ++i) {
        for (std::size_t c = 1; c < m_fixtures[i].cases.size(); ++c) {
            std::string name = m_fixtures[i].ruleName + "/quiet" + (c > 1 ? std::to_string(c) : std::string());
            QTest::newRow(name.c_str()) << static_cast<int>(i) << static_cast<int>(c);
        }
    }
}

void RuleFixturesTest::ruleStaysQuiet()
{
    QFETCH(int, fixtureIndex);
    QFETCH(int, caseIndex);
    const test::RuleFixture& fixture = m_fixtures[static_cast<std::size_t>(fixtureIndex)];
    const test::FixtureCase& quiet = fixture.cases[static_cast<std::size_t>(caseIndex)];
    const alerts::AlertRule& alertRule = rule(fixture.ruleName);

    promql::MemorySeriesSource source;
    test::loadCaseSeries(fixture, quiet, source);
    std::int64_t end = test::caseEndMs(fixture, quiet, alertRule.forMs);
    QVERIFY2(end - quiet.fromMs >= alertRule.forMs, "the quiet case is shorter than the rule's `for`");

    for (const test::NativeStep& step : test::runNativeGrid(m_rules, source, fixture.intervalMs, end)) {
        for (const alerts::RuleStatus& status : step.statuses)
            QVERIFY2(status.healthy, qPrintable(QString::fromStdString(status.ruleName + " failed at ")
                                                + at(step.timeMs) + ": " + QString::fromStdString(status.lastError)));
        if (step.timeMs < quiet.fromMs)
            continue;
        std::vector<alerts::Alert> firingNow = test::alertsOfRule(step.firing, fixture.ruleName);
        QVERIFY2(firingNow.empty(), qPrintable("fires at " + at(step.timeMs) + ": " + labelSetsText(labelsOf(firingNow))));
    }
}

QTEST_GUILESS_MAIN(RuleFixturesTest)
#include "tst_rulefixtures.moc"
