// The Qt-free dashboard list (engine/dashboards), which the Grafana export
// and the stack validation use, must describe the same panels as the
// console's DashboardCatalogue: identifiers, kinds, titles, queries,
// legends, units and targets.

#include <QtTest>

#include "dashboards/dashboardcatalogue.h"
#include "dashboards/dashboardpanels.h"

using namespace umg;

namespace {

dashboards::Target targetOf(const std::optional<ThresholdPolicy>& policy)
{
    if (!policy)
        return {};
    switch (policy->direction()) {
    case ThresholdDirection::HigherIsBetter:
        return dashboards::Target::higherIsBetter(policy->low(), policy->nearMargin());
    case ThresholdDirection::LowerIsBetter:
        return dashboards::Target::lowerIsBetter(policy->low(), policy->nearMargin());
    case ThresholdDirection::WithinRange:
        return dashboards::Target::withinRange(policy->low(), policy->high(), policy->nearMargin());
    case ThresholdDirection::Count:
        break;
    }
    return {};
}

QString text(const std::string& value)
{
    return QString::fromStdString(value);
}

} // namespace

class TestDashboardParity : public QObject {
    Q_OBJECT

private slots:
    void dashboardsMatch_data();
    void dashboardsMatch();
};

void TestDashboardParity::dashboardsMatch_data()
{
    QTest::addColumn<int>("index");
    const QList<DashboardDefinition> console = DashboardCatalogue::all();
    QCOMPARE(static_cast<std::size_t>(console.size()), dashboards::allDashboards().size());
    for (int i = 0; i < console.size(); ++i)
        QTest::newRow(qPrintable(console[i].id)) << i;
}

void TestDashboardParity::dashboardsMatch()
{
    QFETCH(int, index);
    const DashboardDefinition console = DashboardCatalogue::all().at(index);
    const dashboards::Dashboard& shared = dashboards::allDashboards().at(static_cast<std::size_t>(index));
    QCOMPARE(console.id, text(shared.id));
    QCOMPARE(console.title, text(shared.title));
    QCOMPARE(static_cast<std::size_t>(console.panels.size()), shared.panels.size());

    for (int p = 0; p < console.panels.size(); ++p) {
        const PanelDefinition& panel = console.panels[p];
        const dashboards::Panel& expected = shared.panels[static_cast<std::size_t>(p)];
        const QByteArray where = (console.id + "/" + panel.id).toUtf8();
        QVERIFY2(panel.id == text(expected.id), where.constData());
        QVERIFY2(panel.title == text(expected.title), where.constData());
        QVERIFY2(static_cast<int>(panel.kind) == static_cast<int>(expected.kind), where.constData());
        QVERIFY2(static_cast<int>(panel.records) == static_cast<int>(expected.records), where.constData());
        QVERIFY2(static_cast<int>(panel.reduction) == static_cast<int>(expected.reduction), where.constData());
        QVERIFY2(panel.unit == text(expected.unit), where.constData());
        QVERIFY2(panel.decimals == expected.decimals, where.constData());
        QVERIFY2(targetOf(panel.policy) == expected.target, where.constData());
        QVERIFY2(panel.minimum == expected.minimum && panel.maximum == expected.maximum, where.constData());
        QVERIFY2(panel.fixedScale == expected.fixedScale, where.constData());
        QVERIFY2(panel.columnSpan == expected.columnSpan, where.constData());
        QCOMPARE(static_cast<std::size_t>(panel.queries.size()), expected.queries.size());

        for (int q = 0; q < panel.queries.size(); ++q) {
            const PanelQuery& query = panel.queries[q];
            const dashboards::PanelQuery& expectedQuery = expected.queries[static_cast<std::size_t>(q)];
            const QByteArray row = where + " query " + QByteArray::number(q);
            QCOMPARE(query.expression, text(expectedQuery.expression));
            QVERIFY2(static_cast<int>(query.kind) == static_cast<int>(expectedQuery.kind), row.constData());
            QVERIFY2(query.legend == text(expectedQuery.legend), row.constData());
            QVERIFY2(targetOf(query.policy) == expectedQuery.target, row.constData());
            QVERIFY2(query.unit == text(expectedQuery.unit), row.constData());
            QVERIFY2(query.decimals == expectedQuery.decimals, row.constData());
            QVERIFY2(query.hideWhenEmpty == expectedQuery.hideWhenEmpty, row.constData());
        }
    }
}

QTEST_GUILESS_MAIN(TestDashboardParity)
#include "tst_dashboardparity.moc"
