// Rule tests for the attribution shard: one named row per rule and per edge.

#include <QtTest>

#include "../common/enumtext.h"

#include <map>

#include "attribution/routedevent.h"
#include "attribution/shard.h"
#include "metrics/labelregistry.h"
#include "model/timestamp.h"

using namespace umg;
using umg::test::text;

namespace {

constexpr std::int64_t T = 1'790'000'000'000; // install time of most rows
constexpr std::int64_t kSecond = kMillisPerSecond;
constexpr std::int64_t kHour = kMillisPerHour;
constexpr std::int64_t kDay = kMillisPerDay;

// How a test event identifies its device.
enum class Id { Adid, AdidB, Fingerprint, FingerprintIdfv, FingerprintOtherIdfv };

Event makeEvent(const std::string& id, EventType type, std::int64_t time, Id identity,
                const std::string& campaign = "campaign-a")
{
    Event event;
    event.eventId = id;
    event.type = type;
    event.timestampMs = time;
    event.customerId = "customer-1";
    event.appId = "com.example.game";
    event.platform = Platform::Ios;
    switch (identity) {
    case Id::Adid: event.advertisingId = "aaaaaaaa-0000-4000-8000-000000000001"; break;
    case Id::AdidB: event.advertisingId = "bbbbbbbb-0000-4000-8000-000000000002"; break;
    case Id::FingerprintIdfv: event.idfv = "11111111-0000-4000-8000-00000000000f"; [[fallthrough]];
    case Id::Fingerprint:
        event.ip = "203.0.113.7";
        event.userAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)";
        break;
    case Id::FingerprintOtherIdfv:
        event.idfv = "22222222-0000-4000-8000-00000000000f";
        event.ip = "203.0.113.7";
        event.userAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)";
        break;
    }
    if (isTouch(type)) {
        event.mediaSource = "source-" + campaign;
        event.campaign = campaign;
    }
    if (type == EventType::InAppEvent)
        event.eventName = "purchase";
    return event;
}

Event click(const std::string& id, std::int64_t time, Id identity = Id::Adid, const std::string& campaign = "campaign-a")
{
    return makeEvent(id, EventType::Click, time, identity, campaign);
}
Event impression(const std::string& id, std::int64_t time, Id identity = Id::Adid, const std::string& campaign = "campaign-a")
{
    return makeEvent(id, EventType::Impression, time, identity, campaign);
}
Event install(const std::string& id, std::int64_t time, Id identity = Id::Adid)
{
    return makeEvent(id, EventType::Install, time, identity);
}

struct Outcome {
    std::map<std::string, InstallRow> installs; // newest row per install id
    std::map<std::string, AggregateDelta> campaigns; // summed over days, by campaign
    std::map<std::string, double> revenueByCampaign;
    ShardStats stats;
};

// Runs the events through one shard in the given order.
Outcome run(const std::vector<Event>& events, const EngineConfig& config = {})
{
    LabelRegistry labels(config.maxLabelValues);
    AttributionShard shard(config, labels);
    EventBatch batch;
    for (const Event& event : events)
        batch.append(event);
    RoutedBatch routed;
    for (const EventRecord& record : batch.events())
        routeEvent(batch, record, routed);
    Outcome outcome;
    std::int64_t watermark = 0;
    for (const RoutedEvent& event : routed.events()) {
        watermark = std::max(watermark, event.timestampMs);
        shard.process(routed, event, watermark, true);
    }
    ShardOutput output;
    shard.takeOutput(1, output);
    for (const InstallRow& row : output.installs)
        outcome.installs[row.installEventId] = row;
    for (const AggregateDelta& delta : output.aggregates) {
        AggregateDelta& sum = outcome.campaigns[delta.key.mediaSource == "organic" ? "organic" : delta.key.campaign];
        sum.clicks += delta.clicks;
        sum.impressions += delta.impressions;
        sum.installs += delta.installs;
        sum.attributedInstalls += delta.attributedInstalls;
        sum.organicInstalls += delta.organicInstalls;
        sum.inAppEvents += delta.inAppEvents;
        for (std::size_t m = 0; m < kCreditModelCount; ++m)
            sum.credits[m] += delta.credits[m];
    }
    for (const RevenueDelta& delta : output.revenue)
        outcome.revenueByCampaign[delta.key.mediaSource == "organic" ? "organic" : delta.key.campaign] += delta.revenue;
    outcome.stats = shard.stats();
    return outcome;
}

struct Expected {
    std::string touch; // empty: organic
    MatchMethod method = MatchMethod::None;
    InstallKind kind = InstallKind::New;
    std::uint8_t flags = 0;
    InstallStatus status = InstallStatus::Organic;
};

Expected attributed(const std::string& touch, MatchMethod method = MatchMethod::DeviceId, std::uint8_t flags = 0,
                    InstallKind kind = InstallKind::New)
{
    return {touch, method, kind, flags, InstallStatus::Attributed};
}
Expected organic(InstallKind kind = InstallKind::New) { return {"", MatchMethod::None, kind, 0, InstallStatus::Organic}; }

constexpr auto kCtit = static_cast<std::uint8_t>(FraudFlag::CtitTooShort);
constexpr auto kFlooding = static_cast<std::uint8_t>(FraudFlag::ClickFlooding);

} // namespace

Q_DECLARE_METATYPE(std::vector<Event>)
Q_DECLARE_METATYPE(Expected)

class AttributionTest : public QObject {
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void fraudPolicyRejects();
    void inAppEventsInheritAttribution();
    void multiTouchCredits_data();
    void multiTouchCredits();
    void lateTouchRevisesDecision();
    void lateTouchBeyondLatenessDoesNotRevise();
    void duplicateEventCountedOnce();
    void tooOldEventRejected();
    void touchCapEvictsOldest();
};

void AttributionTest::rules_data()
{
    QTest::addColumn<std::vector<Event>>("events");
    QTest::addColumn<QString>("installId");
    QTest::addColumn<Expected>("expected");

    auto row = [](const char* name, std::vector<Event> events, const char* installId, Expected expected) {
        QTest::newRow(name) << std::move(events) << QString(installId) << expected;
    };

    row("no touch is organic", {install("i", T)}, "i", organic());
    row("click inside lookback", {click("c", T - 3 * kDay), install("i", T)}, "i", attributed("c"));
    row("click at lookback boundary", {click("c", T - 7 * kDay), install("i", T)}, "i", attributed("c"));
    row("click 1 ms beyond lookback", {click("c", T - 7 * kDay - 1), install("i", T)}, "i", organic());
    row("impression inside lookback", {impression("v", T - 2 * kHour), install("i", T)}, "i", attributed("v"));
    row("impression at 24 h boundary", {impression("v", T - 24 * kHour), install("i", T)}, "i", attributed("v"));
    row("impression 1 ms beyond 24 h", {impression("v", T - 24 * kHour - 1), install("i", T)}, "i", organic());
    row("click beats later impression", {click("c", T - 2 * kDay), impression("v", T - kHour), install("i", T)}, "i",
        attributed("c"));
    row("latest click wins", {click("c1", T - 3 * kHour), click("c2", T - kHour), install("i", T)}, "i", attributed("c2"));
    row("latest click wins out of arrival order", {click("c2", T - kHour), click("c1", T - 3 * kHour), install("i", T)},
        "i", attributed("c2"));
    row("latest impression wins without click",
        {impression("v1", T - 3 * kHour), impression("v2", T - kHour), install("i", T)}, "i", attributed("v2"));
    row("touch after install ignored", {install("i", T), click("c", T + 1)}, "i", organic());
    row("touch at install time counts", {click("c", T), install("i", T)}, "i", attributed("c", MatchMethod::DeviceId, kCtit));
    row("equal times: greater event id wins",
        {click("c-b", T - kHour), click("c-a", T - kHour), install("i", T)}, "i", attributed("c-b"));
    row("other device does not match", {click("c", T - kHour, Id::AdidB), install("i", T)}, "i", organic());
    row("fingerprint match", {click("c", T - 2 * kHour, Id::Fingerprint), install("i", T, Id::Fingerprint)}, "i",
        attributed("c", MatchMethod::Fingerprint));
    row("fingerprint at 24 h boundary",
        {click("c", T - 24 * kHour, Id::Fingerprint), install("i", T, Id::Fingerprint)}, "i",
        attributed("c", MatchMethod::Fingerprint));
    row("fingerprint beyond 24 h", {click("c", T - 24 * kHour - 1, Id::Fingerprint), install("i", T, Id::Fingerprint)},
        "i", organic());
    row("IDFV before fingerprint",
        {click("c-idfv", T - 3 * kHour, Id::FingerprintIdfv), click("c-fp", T - kHour, Id::Fingerprint),
         install("i", T, Id::FingerprintIdfv)},
        "i", attributed("c-idfv", MatchMethod::DeviceId));
    row("other IDFV falls back to fingerprint",
        {click("c-other", T - 3 * kHour, Id::FingerprintOtherIdfv), install("i", T, Id::FingerprintIdfv)}, "i",
        attributed("c-other", MatchMethod::Fingerprint));
    row("IDFV match keeps the 7 day lookback",
        {click("c-idfv", T - 3 * kDay, Id::FingerprintIdfv), install("i", T, Id::FingerprintIdfv)}, "i",
        attributed("c-idfv", MatchMethod::DeviceId));
    row("reinstall credited to touch after first install",
        {click("c1", T - 3 * kDay), install("i1", T - 2 * kDay), click("c2", T - kDay), install("i2", T)}, "i2",
        attributed("c2", MatchMethod::DeviceId, 0, InstallKind::Reinstall));
    row("reinstall without new touch is organic", {click("c1", T - 3 * kDay), install("i1", T - 2 * kDay), install("i2", T)},
        "i2", organic(InstallKind::Reinstall));
    row("first install is new", {click("c1", T - 3 * kDay), install("i1", T - 2 * kDay), install("i2", T)}, "i1",
        attributed("c1"));
    row("reinstall at 90 day boundary", {install("i1", T - 90 * kDay), install("i2", T)}, "i2", organic(InstallKind::Reinstall));
    row("repeat install after 90 days is new",
        {install("i1", T - 90 * kDay - 1), click("c", T - kHour), install("i2", T)}, "i2", attributed("c"));
    row("touch at previous install time not eligible",
        {install("i1", T - kDay), click("c", T - kDay), install("i2", T)}, "i2", organic(InstallKind::Reinstall));
    row("CTIT below 10 s flagged", {click("c", T - 10 * kSecond + 1), install("i", T)}, "i",
        attributed("c", MatchMethod::DeviceId, kCtit));
    row("CTIT of 10 s not flagged", {click("c", T - 10 * kSecond), install("i", T)}, "i", attributed("c"));
    row("impression winner has no CTIT flag", {impression("v", T - 1), install("i", T)}, "i", attributed("v"));

    std::vector<Event> flood;
    for (int i = 0; i < 51; ++i)
        flood.push_back(click("f" + std::to_string(100 + i), T - 20 * kHour + i * kMillisPerMinute));
    flood.push_back(install("i", T));
    row("51 clicks in 24 h flag flooding", flood, "i", attributed("f150", MatchMethod::DeviceId, kFlooding));
    flood.erase(flood.begin());
    row("50 clicks in 24 h do not", flood, "i", attributed("f150"));
    std::vector<Event> spread;
    for (int i = 0; i < 51; ++i)
        spread.push_back(click("s" + std::to_string(100 + i), T - 3 * kDay + i * kMillisPerMinute));
    spread.push_back(install("i", T));
    row("51 clicks older than 24 h do not", spread, "i", attributed("s150"));
}

void AttributionTest::rules()
{
    QFETCH(std::vector<Event>, events);
    QFETCH(QString, installId);
    QFETCH(Expected, expected);

    const Outcome outcome = run(events);
    const auto it = outcome.installs.find(installId.toStdString());
    QVERIFY2(it != outcome.installs.end(), "the install produced no row");
    const InstallRow& row = it->second;
    QCOMPARE(row.touchEventId, expected.touch);
    QCOMPARE(text(row.matchMethod), text(expected.method));
    QCOMPARE(text(row.kind), text(expected.kind));
    QCOMPARE(text(row.status), text(expected.status));
    QCOMPARE(int(row.fraudFlags), int(expected.flags));
    if (!expected.touch.empty()) {
        const auto touch = std::find_if(events.begin(), events.end(), [&](const Event& e) { return e.eventId == expected.touch; });
        QCOMPARE(row.ctitMs, row.installTimeMs - touch->timestampMs);
    }
}

void AttributionTest::fraudPolicyRejects()
{
    EngineConfig config;
    config.appRules["com.example.game"].fraudPolicy = FraudPolicy::Reject;
    const Outcome outcome = run({click("c", T - 2 * kSecond), install("i", T)}, config);
    const InstallRow& row = outcome.installs.at("i");
    QCOMPARE(text(row.status), text(InstallStatus::FraudRejected));
    QCOMPARE(row.touchEventId, std::string("c"));
    QCOMPARE(int(row.fraudFlags), int(kCtit));
    QCOMPARE(outcome.campaigns.at("campaign-a").attributedInstalls, 0);
    QCOMPARE(outcome.campaigns.at("campaign-a").installs, 1);
}

void AttributionTest::inAppEventsInheritAttribution()
{
    Event purchase = makeEvent("p1", EventType::InAppEvent, T + kHour, Id::Adid);
    purchase.revenue = 4.99;
    purchase.currency = "USD";
    Event organicPurchase = makeEvent("p2", EventType::InAppEvent, T + kHour, Id::AdidB);
    organicPurchase.revenue = 2.5;
    organicPurchase.currency = "USD";
    const Outcome outcome = run({click("c", T - kHour, Id::Adid, "summer"), install("i", T), purchase,
                                 install("i-b", T, Id::AdidB), organicPurchase});
    QCOMPARE(outcome.campaigns.at("summer").inAppEvents, 1);
    QCOMPARE(outcome.revenueByCampaign.at("summer"), 4.99);
    QCOMPARE(outcome.campaigns.at("organic").inAppEvents, 1);
    QCOMPARE(outcome.revenueByCampaign.at("organic"), 2.5);
}

void AttributionTest::multiTouchCredits_data()
{
    QTest::addColumn<std::vector<Event>>("events");
    // Credit per campaign for last, first, linear, time decay, position.
    QTest::addColumn<QList<QList<double>>>("expected");

    const double decayA = std::exp2(-3.0 / 7.0); // 3 days before the install
    const double decayB = std::exp2(-1.0 / 7.0);
    QTest::newRow("one touch") << std::vector<Event>{click("a", T - kDay, Id::Adid, "a"), install("i", T)}
                               << QList<QList<double>>{{1, 1, 1, 1, 1}};
    QTest::newRow("two touches")
        << std::vector<Event>{click("a", T - 3 * kDay, Id::Adid, "a"), click("b", T - kDay, Id::Adid, "b"), install("i", T)}
        << QList<QList<double>>{{0, 1, 0.5, decayA / (decayA + decayB), 0.5}, {1, 0, 0.5, decayB / (decayA + decayB), 0.5}};
    QTest::newRow("three touches")
        << std::vector<Event>{click("a", T - 3 * kDay, Id::Adid, "a"), impression("b", T - 2 * kHour, Id::Adid, "b"),
                              click("c", T - 2 * kDay, Id::Adid, "c"), install("i", T)}
        // Time order a, c, b: the click c wins last touch although b is later.
        << QList<QList<double>>{{0, 1, 1.0 / 3, -1, 0.4}, {0, 0, 1.0 / 3, -1, 0.4}, {1, 0, 1.0 / 3, -1, 0.2}};
    QTest::newRow("four touches")
        << std::vector<Event>{click("a", T - 4 * kDay, Id::Adid, "a"), click("b", T - 3 * kDay, Id::Adid, "b"),
                              click("c", T - 2 * kDay, Id::Adid, "c"), click("d", T - kDay, Id::Adid, "d"), install("i", T)}
        << QList<QList<double>>{{0, 1, 0.25, -1, 0.4}, {0, 0, 0.25, -1, 0.1}, {0, 0, 0.25, -1, 0.1}, {1, 0, 0.25, -1, 0.4}};
}

void AttributionTest::multiTouchCredits()
{
    QFETCH(std::vector<Event>, events);
    QFETCH(QList<QList<double>>, expected);
    const Outcome outcome = run(events);
    const char* names[] = {"a", "b", "c", "d"};
    double decaySum = 0;
    for (int i = 0; i < expected.size(); ++i) {
        const AggregateDelta& campaign = outcome.campaigns.at(names[i]);
        for (std::size_t model = 0; model < kCreditModelCount; ++model) {
            const double want = expected[i][static_cast<int>(model)];
            if (want < 0)
                continue; // not given for this row; the sum is checked below
            QVERIFY2(std::abs(campaign.credits[model] - want) < 1e-6,
                     qPrintable(QStringLiteral("campaign %1, model %2: %3 != %4")
                                    .arg(names[i]).arg(QString::fromUtf8(toString(static_cast<CreditModel>(model)).data()))
                                    .arg(campaign.credits[model]).arg(want)));
        }
        decaySum += campaign.credits[static_cast<std::size_t>(CreditModel::TimeDecay)];
    }
    QVERIFY(std::abs(decaySum - 1.0) < 1e-6);
}

void AttributionTest::lateTouchRevisesDecision()
{
    // The install arrives first and is organic; a click 2 s older arrives
    // within the 5 s allowed lateness and wins on revision.
    const Outcome outcome = run({click("old", T - kHour), install("i", T), click("late", T - 2 * kSecond + 0)});
    const InstallRow& row = outcome.installs.at("i");
    QCOMPARE(row.touchEventId, std::string("late"));
    QCOMPARE(row.revision, 1u);
    QCOMPARE(outcome.stats.revisions, 1);
    QCOMPARE(outcome.campaigns.at("campaign-a").attributedInstalls, 1);
}

void AttributionTest::lateTouchBeyondLatenessDoesNotRevise()
{
    const Outcome outcome = run({click("old", T - kHour), install("i", T), click("late", T - 6 * kSecond)});
    QCOMPARE(outcome.installs.at("i").touchEventId, std::string("old"));
    QCOMPARE(outcome.stats.lateEvents, 1);
    QCOMPARE(outcome.stats.revisions, 0);
}

void AttributionTest::duplicateEventCountedOnce()
{
    const Outcome outcome = run({click("c", T - kHour), click("c", T - kHour), install("i", T), install("i", T)});
    QCOMPARE(outcome.campaigns.at("campaign-a").clicks, 1);
    QCOMPARE(outcome.campaigns.at("campaign-a").installs, 1);
    QCOMPARE(outcome.stats.events[0][static_cast<std::size_t>(EventStatus::Duplicate)], 1);
    QCOMPARE(outcome.stats.events[2][static_cast<std::size_t>(EventStatus::Duplicate)], 1);
}

void AttributionTest::tooOldEventRejected()
{
    const Outcome outcome = run({install("new", T), click("ancient", T - 9 * kDay)});
    QCOMPARE(outcome.stats.events[0][static_cast<std::size_t>(EventStatus::Rejected)], 1);
    QCOMPARE(outcome.campaigns.count("campaign-a"), std::size_t(0));
}

void AttributionTest::touchCapEvictsOldest()
{
    EngineConfig config;
    config.maxTouchesPerDevice = 3;
    const Outcome outcome = run({click("c1", T - 4 * kHour), click("c2", T - 3 * kHour), click("c3", T - 2 * kHour),
                                 click("c4", T - kHour), install("i", T)},
                                config);
    QCOMPARE(outcome.stats.touchEvictions, 1);
    QCOMPARE(outcome.stats.storedTouches, 3);
    QCOMPARE(outcome.installs.at("i").touchEventId, std::string("c4"));
}

QTEST_GUILESS_MAIN(AttributionTest)
#include "tst_attribution.moc"
