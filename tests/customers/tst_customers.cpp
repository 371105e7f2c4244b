// Tests of the pilot-customer records: validation rules, the health score,
// the SQLite store, CSV export and import (with bad rows), the demo records
// and the values published as customer metrics. Databases and CSV files are
// files in a temporary folder.

#include "customers/customercsv.h"
#include "customers/customerrecord.h"
#include "customers/customerstore.h"
#include "customers/democustomers.h"
#include "customers/healthscore.h"
#include "history/metrichistory.h"
#include "history/sqlitedatabase.h"
#include "storage/store.h"
#include "loadgen/generator.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <limits>

using namespace umg;

namespace {

Date day(const char* text)
{
    return *parseDate(text);
}

const Date kToday = day("2026-11-20");

// A record that passes every rule, dated around kToday.
CustomerRecord validRecord()
{
    CustomerRecord record;
    record.customerId = "acme-games";
    record.companyName = "Acme Games";
    record.plan = "Growth";
    record.monthlyRecurringRevenue = 12'500;
    record.appIds = {"com.acmegames.puzzle", "id1450001001"};
    record.baselineCost = 20'000;
    record.currentCost = 12'000;
    record.surveys = {{day("2026-10-15"), 88}, {day("2026-11-01"), 92}, {day("2026-11-15"), 95}};
    record.stages = {{OnboardingStage::Discovery, day("2026-10-01")},
                     {OnboardingStage::Setup, day("2026-10-03")},
                     {OnboardingStage::Integration, day("2026-10-06")},
                     {OnboardingStage::Launch, day("2026-10-11")}};
    record.tickets = {{"T-7", TicketSeverity::High, day("2026-10-05"), day("2026-10-07")},
                      {"T-9", TicketSeverity::Low, day("2026-11-18"), std::nullopt}};
    record.technicalSuccess = true;
    record.businessSuccess = true;
    return record;
}

QString describeIssues(const std::vector<ValidationIssue>& issues)
{
    QStringList lines;
    for (const ValidationIssue& issue : issues)
        lines << QString::fromStdString(issue.field + ": " + issue.message);
    return lines.join("\n");
}

QString describeErrors(const std::vector<CsvRowError>& errors)
{
    QStringList lines;
    for (const CsvRowError& error : errors)
        lines << QString::fromStdString(error.message);
    return lines.join("\n");
}

const char* const kHeader =
    "customer_id,company,plan,mrr,app_ids,baseline_cost,current_cost,surveys,stages,tickets,"
    "technical_success,business_success\n";

const char* const kGoodRowA =
    "acme-games,Acme Games,Growth,12500,com.acmegames.puzzle;id1450001001,20000,12000,"
    "2026-11-01:92;2026-11-15:95,Discovery:2026-10-01;Setup:2026-10-03,T-7:high:2026-10-05:2026-10-07,true,false\n";

const char* const kGoodRowB =
    "globex-fintech,\"Globex, Fintech\",Starter,9800,com.globex.wallet,15500,10400,2026-11-10:91,"
    "Discovery:2026-11-01,,false,false\n";

} // namespace

class CustomersTest : public QObject {
    Q_OBJECT

private slots:
    void validRecordPasses();
    void validationRules_data();
    void validationRules();
    void lengthLimitCountsCharacters();
    void storeRejectsInvalidStoredRecord_data();
    void storeRejectsInvalidStoredRecord();
    void storeRejectsDuplicateId();
    void storeRejectsUnknownUpdate();

    void healthScore_data();
    void healthScore();
    void healthScoreFormulaText();
    void healthScoreOverTime();

    void storeRoundTrip();
    void storeSharesFileWithHistory();
    void seedOnlyWhenEmpty();

    void csvRoundTrip();
    void csvFileRoundTrip();
    void csvImportKeepsGoodRows_data();
    void csvImportKeepsGoodRows();
    void csvFileProblems_data();
    void csvFileProblems();
    void csvLineNumbersAfterQuotedBreak();

    void demoRecordsCoverPanels();
    void recordMetricsFromRecords();
};

// --- validation ------------------------------------------------------------------

void CustomersTest::validRecordPasses()
{
    const std::vector<ValidationIssue> issues = validateRecord(validRecord());
    QVERIFY2(issues.empty(), qPrintable(describeIssues(issues)));
}

void CustomersTest::validationRules_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("empty customer id") << "emptyId" << "customer_id" << "is required";
    QTest::newRow("customer id with space") << "spaceInId" << "customer_id" << "only letters";
    QTest::newRow("empty company") << "emptyCompany" << "company" << "is required";
    QTest::newRow("negative revenue") << "negativeMrr" << "mrr" << "0 or more";
    QTest::newRow("negative baseline cost") << "negativeBaseline" << "baseline_cost" << "0 or more";
    QTest::newRow("negative current cost") << "negativeCurrent" << "current_cost" << "0 or more";
    QTest::newRow("score above 100") << "scoreHigh" << "surveys[2].score" << "between 0 and 100";
    QTest::newRow("score below 0") << "scoreLow" << "surveys[1].score" << "between 0 and 100";
    QTest::newRow("score NaN") << "scoreNaN" << "surveys[3].score" << "between 0 and 100";
    QTest::newRow("empty app id") << "emptyApp" << "app_ids[1]" << "must not be empty";
    QTest::newRow("repeated app id") << "repeatedApp" << "app_ids[2]" << "listed twice";
    QTest::newRow("repeated stage") << "repeatedStage" << "stages[5]" << "listed twice";
    QTest::newRow("skipped stage") << "skippedStage" << "stages" << "without Setup";
    QTest::newRow("stages out of order") << "stagesOutOfOrder" << "stages" << "dated before Setup";
    QTest::newRow("unknown stage") << "unknownStage" << "stages[4]" << "unknown";
    QTest::newRow("closed before opened") << "closedEarly" << "tickets[1].closed" << "closed before it was opened";
    QTest::newRow("empty ticket id") << "emptyTicketId" << "tickets[2].id" << "is required";
    QTest::newRow("repeated ticket id") << "repeatedTicket" << "tickets[2].id" << "listed twice";
    QTest::newRow("unknown severity") << "unknownSeverity" << "tickets[1].severity" << "unknown";
    QTest::newRow("long customer id") << "longId" << "customer_id" << "more than the maximum of 64";
    QTest::newRow("long company") << "longCompany" << "company" << "more than the maximum of 200";
    QTest::newRow("long plan") << "longPlan" << "plan" << "more than the maximum of 100";
    QTest::newRow("long app id") << "longApp" << "app_ids[2]" << "more than the maximum of 200";
    QTest::newRow("too many app ids") << "manyApps" << "app_ids" << "at most 100 app ids";
    QTest::newRow("long ticket id") << "longTicketId" << "tickets[1].id" << "more than the maximum of 64";
    QTest::newRow("huge revenue") << "hugeMrr" << "mrr" << "at most 1e+12";
    QTest::newRow("infinite cost") << "infiniteCost" << "current_cost" << "0 or more";
}

void CustomersTest::validationRules()
{
    QFETCH(QString, rule);
    QFETCH(QString, field);
    QFETCH(QString, messagePart);

    CustomerRecord record = validRecord();
    if (rule == "emptyId")
        record.customerId.clear();
    else if (rule == "spaceInId")
        record.customerId = "acme games";
    else if (rule == "emptyCompany")
        record.companyName.clear();
    else if (rule == "negativeMrr")
        record.monthlyRecurringRevenue = -1;
    else if (rule == "negativeBaseline")
        record.baselineCost = -20'000;
    else if (rule == "negativeCurrent")
        record.currentCost = -5;
    else if (rule == "scoreHigh")
        record.surveys[1].score = 120;
    else if (rule == "scoreLow")
        record.surveys[0].score = -3;
    else if (rule == "scoreNaN")
        record.surveys[2].score = std::nan("");
    else if (rule == "emptyApp")
        record.appIds[0].clear();
    else if (rule == "repeatedApp")
        record.appIds[1] = record.appIds[0];
    else if (rule == "repeatedStage")
        record.stages.push_back({OnboardingStage::Setup, day("2026-10-04")});
    else if (rule == "skippedStage")
        record.stages.erase(record.stages.begin() + 1);
    else if (rule == "stagesOutOfOrder")
        record.stages[2].date = day("2026-10-02");
    else if (rule == "unknownStage")
        record.stages[3].stage = OnboardingStage::Count;
    else if (rule == "closedEarly")
        record.tickets[0].closed = day("2026-10-04");
    else if (rule == "emptyTicketId")
        record.tickets[1].id.clear();
    else if (rule == "repeatedTicket")
        record.tickets[1].id = record.tickets[0].id;
    else if (rule == "unknownSeverity")
        record.tickets[0].severity = TicketSeverity::Count;
    else if (rule == "longId")
        record.customerId = std::string(65, 'a');
    else if (rule == "longCompany")
        record.companyName = std::string(100'000, 'C');
    else if (rule == "longPlan")
        record.plan = std::string(101, 'p');
    else if (rule == "longApp")
        record.appIds[1] = "com." + std::string(197, 'x');
    else if (rule == "manyApps") {
        record.appIds.clear();
        for (int i = 0; i < 101; ++i)
            record.appIds.push_back("com.example.app" + std::to_string(i));
    } else if (rule == "longTicketId")
        record.tickets[0].id = std::string(65, 'T');
    else if (rule == "hugeMrr")
        record.monthlyRecurringRevenue = 1e300;
    else if (rule == "infiniteCost")
        record.currentCost = std::numeric_limits<double>::infinity();
    else
        QFAIL("unknown rule in the test table");

    const std::vector<ValidationIssue> issues = validateRecord(record);
    QVERIFY2(issues.size() == 1, qPrintable(describeIssues(issues)));
    const ValidationIssue& issue = issues.front();
    QCOMPARE(QString::fromStdString(issue.field), field);
    QVERIFY2(QString::fromStdString(issue.message).contains(messagePart), issue.message.c_str());
    // The message names the field, the value and a fix after the semicolon.
    QVERIFY2(QString::fromStdString(issue.message).startsWith(field + " is "), issue.message.c_str());
    if (!issue.value.empty())
        QVERIFY2(issue.message.find(issue.value) != std::string::npos, issue.message.c_str());
    QVERIFY2(issue.message.find("; ") != std::string::npos, issue.message.c_str());
    // A huge value is shown in part, so the message stays short.
    QVERIFY2(issue.message.size() < 400, issue.message.c_str());

    QTemporaryDir dir;
    CustomerStore store(dir.filePath("customers.db").toStdString());
    QVERIFY_THROWS_EXCEPTION(CustomerValidationError, store.add(record));
    QCOMPARE(store.count(), std::size_t{0});
}

void CustomersTest::lengthLimitCountsCharacters()
{
    CustomerRecord record = validRecord();
    std::string company;
    for (std::size_t i = 0; i < kMaxCompanyNameLength; ++i)
        company += "\xc3\xa9"; // U+00E9, two bytes in UTF-8
    record.companyName = company;
    QVERIFY2(validateRecord(record).empty(), qPrintable(describeIssues(validateRecord(record))));

    record.companyName += "e";
    const std::vector<ValidationIssue> issues = validateRecord(record);
    QVERIFY2(issues.size() == 1, qPrintable(describeIssues(issues)));
    QVERIFY2(issues.front().message.find("201 characters") != std::string::npos, issues.front().message.c_str());
}

void CustomersTest::storeRejectsInvalidStoredRecord_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("long company") << "UPDATE customers SET company = printf('%.*c', 100000, 'C')"
                                  << "company is \"CCCC";
    QTest::newRow("long plan") << "UPDATE customers SET plan = printf('%.*c', 5000, 'p')"
                               << "more than the maximum of 100";
    QTest::newRow("long app id") << "UPDATE customer_apps SET app_id = printf('%.*c', 20000, 'a')"
                                 << "more than the maximum of 200";
    QTest::newRow("infinite revenue") << "UPDATE customers SET mrr = 9e999" << "mrr is \"inf\"";
    QTest::newRow("huge negative cost") << "UPDATE customers SET baseline_cost = -1e300"
                                        << "baseline_cost is \"-1e+300\"";
    QTest::newRow("revenue as text") << "UPDATE customers SET mrr = 'NaN'" << "non-numeric value \"NaN\" in column mrr";
    QTest::newRow("score as text") << "UPDATE customer_surveys SET score = 'inf'"
                                   << "non-numeric value \"inf\" in column score";
    QTest::newRow("score above 100") << "UPDATE customer_surveys SET score = 1e300" << "between 0 and 100";
}

void CustomersTest::storeRejectsInvalidStoredRecord()
{
    QFETCH(QString, sql);
    QFETCH(QString, messagePart);

    QTemporaryDir dir;
    const std::string path = dir.filePath("customers.db").toStdString();
    {
        CustomerStore store(path);
        store.add(validRecord());
    }
    {
        // Another program changes the file behind the store's back.
        detail::SqliteDatabase db(path);
        db.execute(sql.toStdString());
    }

    CustomerStore store(path);
    try {
        store.all();
        QFAIL("the invalid stored record was read without an error");
    } catch (const StoreError& error) {
        const QString message = QString::fromUtf8(error.what());
        QVERIFY2(message.contains("customer acme-games"), qPrintable(message));
        QVERIFY2(message.contains(messagePart), qPrintable(message.left(500)));
        QVERIFY2(message.contains("import the customer"), qPrintable(message));
        QVERIFY2(message.size() < 1000, qPrintable(message.left(500)));
    }
    QVERIFY_THROWS_EXCEPTION(StoreError, store.find("acme-games"));
}

void CustomersTest::storeRejectsDuplicateId()
{
    QTemporaryDir dir;
    CustomerStore store(dir.filePath("customers.db").toStdString());
    store.add(validRecord());
    CustomerRecord again = validRecord();
    again.companyName = "Acme Games Ltd";
    try {
        store.add(again);
        QFAIL("a second customer with the same id was accepted");
    } catch (const CustomerValidationError& error) {
        QCOMPARE(error.issues().size(), std::size_t{1});
        QCOMPARE(error.issues()[0].field, std::string("customer_id"));
        QVERIFY2(std::string(error.what()).find("already stored") != std::string::npos, error.what());
    }
    QCOMPARE(store.find("acme-games")->companyName, std::string("Acme Games"));
}

void CustomersTest::storeRejectsUnknownUpdate()
{
    QTemporaryDir dir;
    CustomerStore store(dir.filePath("customers.db").toStdString());
    QVERIFY_THROWS_EXCEPTION(CustomerValidationError, store.update(validRecord()));
    QCOMPARE(store.count(), std::size_t{0});
}

// --- health score ------------------------------------------------------------------

void CustomersTest::healthScore_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<double>("satisfaction");
    QTest::addColumn<double>("onboarding");
    QTest::addColumn<double>("costSavings");
    QTest::addColumn<double>("support");
    QTest::addColumn<double>("success");
    QTest::addColumn<double>("score");

    QTest::newRow("every target met") << "met" << 30.0 << 25.0 << 20.0 << 15.0 << 10.0 << 100.0;
    QTest::newRow("nothing recorded") << "empty" << 15.0 << 0.0 << 10.0 << 15.0 << 0.0 << 40.0;
    QTest::newRow("launch after 28 days") << "slowLaunch" << 30.0 << 12.5 << 20.0 << 15.0 << 10.0 << 87.5;
    QTest::newRow("setup within target") << "inSetup" << 30.0 << 12.5 << 20.0 << 15.0 << 10.0 << 87.5;
    QTest::newRow("integration overdue") << "overdue" << 30.0 * 88 / 90 << 13.125 << 20.0 << 15.0 << 10.0 << 87.5;
    QTest::newRow("open critical and high tickets") << "openTickets" << 30.0 << 25.0 << 20.0 << 3.75 << 10.0 << 88.8;
    QTest::newRow("three critical tickets") << "manyCritical" << 30.0 << 25.0 << 20.0 << 0.0 << 10.0 << 85.0;
    QTest::newRow("satisfaction 45") << "unhappy" << 15.0 << 25.0 << 20.0 << 15.0 << 10.0 << 85.0;
    QTest::newRow("savings 15 percent") << "lowSavings" << 30.0 << 25.0 << 10.0 << 15.0 << 10.0 << 90.0;
    QTest::newRow("cost went up") << "costIncrease" << 30.0 << 25.0 << 0.0 << 15.0 << 10.0 << 80.0;
    QTest::newRow("only technical success") << "technicalOnly" << 30.0 << 25.0 << 20.0 << 15.0 << 5.0 << 95.0;
    QTest::newRow("later entries ignored") << "future" << 30.0 * 80 / 90 << 18.75 << 20.0 << 15.0 << 10.0 << 90.4;
}

void CustomersTest::healthScore()
{
    QFETCH(QString, scenario);
    QFETCH(double, satisfaction);
    QFETCH(double, onboarding);
    QFETCH(double, costSavings);
    QFETCH(double, support);
    QFETCH(double, success);
    QFETCH(double, score);

    // The base record meets every target: satisfaction 95, launch 10 days
    // after Discovery, 40 % savings, no open ticket, both flags.
    CustomerRecord record = validRecord();
    record.tickets = {{"T-7", TicketSeverity::High, day("2026-10-05"), day("2026-10-07")}};
    Date asOf = kToday;

    if (scenario == "empty") {
        record = CustomerRecord{};
        record.customerId = "new-customer";
        record.companyName = "New Customer";
    } else if (scenario == "slowLaunch") {
        record.stages[3].date = day("2026-10-29");
    } else if (scenario == "inSetup") {
        record.stages.resize(2);
        asOf = day("2026-10-08");
        record.surveys = {{day("2026-10-05"), 95}};
    } else if (scenario == "overdue") {
        record.stages.resize(3);
        asOf = day("2026-10-21");
    } else if (scenario == "openTickets") {
        record.tickets.push_back({"T-10", TicketSeverity::Critical, day("2026-11-10"), std::nullopt});
        record.tickets.push_back({"T-11", TicketSeverity::High, day("2026-11-12"), std::nullopt});
        record.tickets.push_back({"T-12", TicketSeverity::Critical, day("2026-11-01"), day("2026-11-03")});
    } else if (scenario == "manyCritical") {
        for (const char* id : {"T-20", "T-21", "T-22"})
            record.tickets.push_back({id, TicketSeverity::Critical, day("2026-11-19"), std::nullopt});
    } else if (scenario == "unhappy") {
        record.surveys.push_back({day("2026-11-19"), 45});
    } else if (scenario == "lowSavings") {
        record.currentCost = 17'000;
    } else if (scenario == "costIncrease") {
        record.currentCost = 25'000;
    } else if (scenario == "technicalOnly") {
        record.businessSuccess = false;
    } else if (scenario == "future") {
        // On 2026-10-06 the customer was in Integration (day 5), had one
        // survey of 80, and the ticket opened on 2026-11-05 did not exist yet.
        record.surveys = {{day("2026-10-03"), 80}, {day("2026-11-15"), 95}};
        record.tickets = {{"T-7", TicketSeverity::Low, day("2026-11-05"), std::nullopt}};
        asOf = day("2026-10-06");
    } else if (scenario != "met") {
        QFAIL("unknown scenario in the test table");
    }

    const HealthScore health = computeHealthScore(record, asOf);
    QCOMPARE(health.satisfactionPoints, satisfaction);
    QCOMPARE(health.onboardingPoints, onboarding);
    QCOMPARE(health.costSavingsPoints, costSavings);
    QCOMPARE(health.supportPoints, support);
    QCOMPARE(health.successPoints, success);
    QCOMPARE(health.score, score);
}

void CustomersTest::healthScoreFormulaText()
{
    const HealthScore health = computeHealthScore(validRecord(), kToday);
    const QString formula = QString::fromStdString(health.formula);
    for (const char* part : {"30 x min(1, latest satisfaction / 90)", "14 / days since Discovery",
                             "cost savings %) / 30", "open-ticket penalty", "0.5 per critical", "half the points"})
        QVERIFY2(formula.contains(QLatin1String(part)), part);
}

void CustomersTest::healthScoreOverTime()
{
    CustomerRecord record = validRecord();
    const std::vector<std::pair<Date, double>> history =
        healthScoreHistory(record, day("2026-09-30"), day("2026-10-12"));
    QCOMPARE(history.size(), std::size_t{13});
    QCOMPARE(history.front().first, day("2026-09-30"));
    QCOMPARE(history.back().first, day("2026-10-12"));
    // Before Discovery there are no onboarding points; after launch all 25.
    QCOMPARE(computeHealthScore(record, day("2026-09-30")).onboardingPoints, 0.0);
    QCOMPARE(computeHealthScore(record, day("2026-10-12")).onboardingPoints, 25.0);
    QVERIFY(history.back().second > history.front().second);
    for (const auto& [date, score] : history) {
        QVERIFY(score >= 0);
        QVERIFY(score <= 100);
    }
}

// --- SQLite store -----------------------------------------------------------------

void CustomersTest::storeRoundTrip()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("customers.db").toStdString();
    std::vector<CustomerRecord> expected = demoCustomerRecords(kToday);
    CustomerRecord tricky = validRecord();
    tricky.customerId = "zeta.labs_2";
    tricky.companyName = "Zeta \"Labs\", Inc.";
    tricky.plan = "";
    tricky.monthlyRecurringRevenue = 1234.56;
    tricky.appIds.clear();
    tricky.surveys.clear();
    tricky.stages.clear();
    tricky.tickets = {{"Z-1", TicketSeverity::Critical, day("2026-11-01"), std::nullopt}};
    tricky.technicalSuccess = false;
    expected.push_back(tricky);

    {
        CustomerStore store(path);
        for (const CustomerRecord& record : expected)
            store.add(record);
        QCOMPARE(store.count(), expected.size());
    }

    CustomerStore reopened(path);
    std::sort(expected.begin(), expected.end(),
              [](const auto& a, const auto& b) { return a.customerId < b.customerId; });
    const std::vector<CustomerRecord> stored = reopened.all();
    QCOMPARE(stored.size(), expected.size());
    for (std::size_t i = 0; i < stored.size(); ++i)
        QVERIFY2(stored[i] == expected[i], stored[i].customerId.c_str());

    QVERIFY(reopened.find("zeta.labs_2") == tricky);
    QVERIFY(!reopened.find("nobody"));

    tricky.surveys = {{day("2026-11-19"), 70}};
    reopened.update(tricky);
    QVERIFY(reopened.find("zeta.labs_2")->latestSatisfaction() == std::optional<double>(70));
    QVERIFY(!reopened.addOrUpdate(tricky));

    QVERIFY(reopened.remove("zeta.labs_2"));
    QVERIFY(!reopened.remove("zeta.labs_2"));
    QCOMPARE(reopened.count(), expected.size() - 1);
    reopened.clear();
    QCOMPARE(reopened.count(), std::size_t{0});
}

void CustomersTest::storeSharesFileWithHistory()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("console.db").toStdString();
    {
        CustomerStore store(path);
        MetricHistory history(path);
        store.add(validRecord());
        history.append({promql::Series{promql::Labels{{"__name__", "up"}}, {{history.nowMs(), 1}}}});
    }
    CustomerStore store(path);
    MetricHistory history(path);
    QCOMPARE(store.count(), std::size_t{1});
    QCOMPARE(history.stats().series, std::size_t{1});
}

void CustomersTest::seedOnlyWhenEmpty()
{
    QTemporaryDir dir;
    CustomerStore store(dir.filePath("customers.db").toStdString());
    QVERIFY(store.seedDemoCustomers(kToday));
    QCOMPARE(store.count(), std::size_t{5});
    QVERIFY(!store.seedDemoCustomers(kToday));
    QCOMPARE(store.count(), std::size_t{5});
}

// --- CSV ---------------------------------------------------------------------------

void CustomersTest::csvRoundTrip()
{
    std::vector<CustomerRecord> records = demoCustomerRecords(kToday);
    CustomerRecord tricky = validRecord();
    tricky.customerId = "zeta";
    tricky.companyName = "Zeta \"Labs\", Inc.";
    tricky.plan = "Pilot\nextended";
    tricky.monthlyRecurringRevenue = 0.1;
    tricky.surveys = {{day("2026-11-01"), 92.5}};
    records.push_back(tricky);

    const std::string text = formatCustomersCsv(records);
    const CsvParseResult parsed = parseCustomersCsv(text);
    QVERIFY2(parsed.errors.empty(), qPrintable(describeErrors(parsed.errors)));
    QCOMPARE(parsed.dataRows, static_cast<int>(records.size()));
    QCOMPARE(parsed.records.size(), records.size());
    for (std::size_t i = 0; i < records.size(); ++i)
        QVERIFY2(parsed.records[i] == records[i], records[i].customerId.c_str());

    QVERIFY(text.starts_with("customer_id,company,plan,mrr,app_ids,baseline_cost,current_cost,surveys,stages,"
                             "tickets,technical_success,business_success\r\n"));
    QVERIFY(text.find("\"Zeta \"\"Labs\"\", Inc.\"") != std::string::npos);
}

void CustomersTest::csvFileRoundTrip()
{
    QTemporaryDir dir;
    const std::string csvPath = dir.filePath("customers.csv").toStdString();
    CustomerStore source(dir.filePath("a.db").toStdString());
    source.seedDemoCustomers(kToday);
    source.exportCsvFile(csvPath);

    CustomerStore target(dir.filePath("b.db").toStdString());
    const CsvImportReport report = target.importCsvFile(csvPath);
    QVERIFY2(report.errors.empty(), qPrintable(describeErrors(report.errors)));
    QCOMPARE(report.added, 5);
    QCOMPARE(report.updated, 0);
    QVERIFY(target.all() == source.all());

    // Importing the same file again updates every customer.
    const CsvImportReport again = target.importCsvFile(csvPath);
    QCOMPARE(again.added, 0);
    QCOMPARE(again.updated, 5);

    QVERIFY_THROWS_EXCEPTION(std::runtime_error, target.importCsvFile(dir.filePath("missing.csv").toStdString()));
}

void CustomersTest::csvImportKeepsGoodRows_data()
{
    QTest::addColumn<QString>("row");
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("score above 100") << "bad-co,Bad Co,Starter,100,,10,5,2026-11-01:120,,,false,false"
                                     << "surveys" << "120" << "between 0 and 100";
    QTest::newRow("invalid survey date") << "bad-co,Bad Co,Starter,100,,10,5,2026-13-01:90,,,false,false"
                                         << "surveys" << "2026-13-01:90" << "YYYY-MM-DD";
    QTest::newRow("survey without score") << "bad-co,Bad Co,Starter,100,,10,5,2026-11-01,,,false,false"
                                          << "surveys" << "2026-11-01" << "date:score";
    QTest::newRow("negative cost") << "bad-co,Bad Co,Starter,100,,-10,5,,,,false,false"
                                   << "baseline_cost" << "-10" << "0 or more";
    QTest::newRow("revenue not a number") << "bad-co,Bad Co,Starter,12k,,10,5,,,,false,false"
                                          << "mrr" << "12k" << "not a number";
    QTest::newRow("closed before opened")
        << "bad-co,Bad Co,Starter,100,,10,5,,,T-1:high:2026-11-05:2026-11-01,false,false"
        << "tickets" << "2026-11-01" << "closed before it was opened";
    QTest::newRow("unknown stage") << "bad-co,Bad Co,Starter,100,,10,5,,Kickoff:2026-10-01,,false,false"
                                   << "stages" << "Kickoff:2026-10-01" << "Discovery, Setup, Integration or Launch";
    QTest::newRow("unknown severity") << "bad-co,Bad Co,Starter,100,,10,5,,,T-1:urgent:2026-11-01,false,false"
                                      << "tickets" << "T-1:urgent:2026-11-01" << "low, medium, high or critical";
    QTest::newRow("stages out of order")
        << "bad-co,Bad Co,Starter,100,,10,5,,Discovery:2026-10-05;Setup:2026-10-01,,false,false"
        << "stages" << "Setup:2026-10-01" << "dated before Discovery";
    QTest::newRow("empty company") << "bad-co,,Starter,100,,10,5,,,,false,false"
                                   << "company" << "" << "is required";
    QTest::newRow("duplicate customer id") << "acme-games,Acme Again,Starter,100,,10,5,,,,false,false"
                                           << "customer_id" << "acme-games" << "already appears on line 2";
    QTest::newRow("invalid flag") << "bad-co,Bad Co,Starter,100,,10,5,,,,maybe,false"
                                  << "technical_success" << "maybe" << "true or false";
    QTest::newRow("long company") << ("bad-co," + QString(201, 'C') + ",Starter,100,,10,5,,,,false,false")
                                  << "company" << (QString(40, 'C') + "... (201 characters)")
                                  << "more than the maximum of 200";
    QTest::newRow("too many cells") << "bad-co,Bad, Co,Starter,100,,10,5,,,,false,false"
                                    << "" << "" << "13 cells but the header has 12";
}

void CustomersTest::csvImportKeepsGoodRows()
{
    QFETCH(QString, row);
    QFETCH(QString, column);
    QFETCH(QString, value);
    QFETCH(QString, messagePart);

    // Line 1 header, line 2 good, line 3 bad, line 4 good.
    const std::string text = std::string(kHeader) + kGoodRowA + row.toStdString() + "\n" + kGoodRowB;
    QTemporaryDir dir;
    CustomerStore store(dir.filePath("customers.db").toStdString());
    const CsvImportReport report = store.importCsv(text);

    QCOMPARE(report.dataRows, 3);
    QCOMPARE(report.added, 2);
    QVERIFY2(report.errors.size() == 1, qPrintable(describeErrors(report.errors)));
    const CsvRowError& error = report.errors.front();
    QCOMPARE(error.line, 3);
    QCOMPARE(QString::fromStdString(error.column), column);
    QCOMPARE(QString::fromStdString(error.value), value);
    const QString message = QString::fromStdString(error.message);
    QVERIFY2(message.startsWith("line 3"), qPrintable(message));
    QVERIFY2(message.contains(messagePart), qPrintable(message));
    if (!column.isEmpty())
        QVERIFY2(message.contains("column " + column), qPrintable(message));

    QCOMPARE(store.count(), std::size_t{2});
    QCOMPARE(store.find("acme-games")->companyName, std::string("Acme Games"));
    QCOMPARE(store.find("globex-fintech")->companyName, std::string("Globex, Fintech"));
    QVERIFY(!store.find("bad-co"));
}

void CustomersTest::csvFileProblems_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("records");
    QTest::addColumn<int>("errorLine");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("missing required column") << "customer_id,plan\nacme,Growth\n" << 0 << 1 << "\"company\" is missing";
    QTest::newRow("repeated column") << "customer_id,company,company\nacme,A,A\n" << 0 << 1 << "appears twice";
    QTest::newRow("unterminated quote") << "customer_id,company\nacme,\"Acme\nglobex,Globex\n"
                                        << 0 << 0 << "starts on line 2 has no closing quote";
    QTest::newRow("empty file") << "" << 0 << 1 << "no header line";
    QTest::newRow("unknown column is ignored") << "customer_id,company,region\nacme,Acme,EU\n"
                                               << 1 << 1 << "\"region\" is unknown";
}

void CustomersTest::csvFileProblems()
{
    QFETCH(QString, text);
    QFETCH(int, records);
    QFETCH(int, errorLine);
    QFETCH(QString, messagePart);

    const CsvParseResult parsed = parseCustomersCsv(text.toStdString());
    QCOMPARE(static_cast<int>(parsed.records.size()), records);
    QVERIFY2(parsed.errors.size() == 1, qPrintable(describeErrors(parsed.errors)));
    QCOMPARE(parsed.errors[0].line, errorLine);
    QVERIFY2(QString::fromStdString(parsed.errors[0].message).contains(messagePart),
             parsed.errors[0].message.c_str());
}

void CustomersTest::csvLineNumbersAfterQuotedBreak()
{
    // A byte-order mark, CRLF line ends, a blank line and a quoted cell
    // with a line break: the bad row on physical line 6 is reported as line 6.
    const std::string text = "\xEF\xBB\xBF"
                             "customer_id,company,plan\r\n"
                             "acme,\"Acme\r\nGames\",Growth\r\n"
                             "\r\n"
                             "globex,Globex,Starter\r\n"
                             "bad co,Bad,Starter\r\n";
    const CsvParseResult parsed = parseCustomersCsv(text);
    QCOMPARE(parsed.records.size(), std::size_t{2});
    QVERIFY(parsed.recordLines == (std::vector<int>{2, 5}));
    QCOMPARE(parsed.records[0].companyName, std::string("Acme\r\nGames"));
    QVERIFY2(parsed.errors.size() == 1, qPrintable(describeErrors(parsed.errors)));
    QCOMPARE(parsed.errors[0].line, 6);
    QCOMPARE(parsed.errors[0].column, std::string("customer_id"));
}

// --- demo records and metrics -------------------------------------------------------

void CustomersTest::demoRecordsCoverPanels()
{
    const std::vector<CustomerRecord> records = demoCustomerRecords(kToday);
    const std::vector<PilotCustomer>& pilots = demoCustomers();
    QCOMPARE(records.size(), pilots.size());

    int launched = 0;
    int onboarding = 0;
    int openTickets = 0;
    int successful = 0;
    bool satisfactionBelowTarget = false;
    bool savingsBelowTarget = false;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const CustomerRecord& record = records[i];
        QCOMPARE(record.customerId, pilots[i].customerId);
        QCOMPARE(record.companyName, pilots[i].companyName);
        QVERIFY(record.appIds == pilots[i].appIds);
        const std::vector<ValidationIssue> issues = validateRecord(record);
        QVERIFY2(issues.empty(), qPrintable(describeIssues(issues)));
        QVERIFY(record.monthlyRecurringRevenue > 0);
        QVERIFY(!record.surveys.empty());

        const std::optional<OnboardingStage> stage = record.currentStage(kToday);
        QVERIFY(stage.has_value());
        if (*stage == OnboardingStage::Launch)
            ++launched;
        else
            ++onboarding;
        openTickets += record.openTickets(kToday);
        successful += record.successful() ? 1 : 0;
        satisfactionBelowTarget = satisfactionBelowTarget || *record.latestSatisfaction() < 90;
        savingsBelowTarget = savingsBelowTarget || *record.costSavingsPercent() < 30;

        const HealthScore health = computeHealthScore(record, kToday);
        QVERIFY(health.score > 0);
        QVERIFY(health.score <= 100);
    }
    QVERIFY(launched >= 2);
    QVERIFY(onboarding >= 2);
    QVERIFY(openTickets >= 2);
    QCOMPARE(successful, 3);
    QVERIFY(satisfactionBelowTarget);
    QVERIFY(savingsBelowTarget);
}

void CustomersTest::recordMetricsFromRecords()
{
    std::vector<CustomerRecord> records = demoCustomerRecords(kToday);
    CustomerRecord unknown;
    unknown.customerId = "fresh";
    unknown.companyName = "Fresh";
    records.push_back(unknown);

    const std::vector<CustomerRecordMetrics> metrics = toRecordMetrics(records);
    QCOMPARE(metrics.size(), records.size());
    const CustomerRecordMetrics& acme = metrics[0];
    QCOMPARE(acme.customerId, std::string("acme-games"));
    QCOMPARE(acme.companyName, std::string("Acme Games"));
    QVERIFY(acme.hasSatisfaction);
    QCOMPARE(acme.satisfactionScore, *records[0].latestSatisfaction());
    QVERIFY(acme.hasCostSavings);
    QCOMPARE(acme.costSavingsPercent, (records[0].baselineCost - records[0].currentCost) / records[0].baselineCost * 100);
    QVERIFY(acme.successful);

    const CustomerRecordMetrics& fresh = metrics.back();
    QVERIFY(!fresh.hasSatisfaction);
    QVERIFY(!fresh.hasCostSavings);
    QVERIFY(!fresh.successful);
}

QTEST_GUILESS_MAIN(CustomersTest)
#include "tst_customers.moc"
