// The `unmogrowp-node replay` command as a user runs it: exit statuses,
// messages, the summary JSON and the installs report.

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>

#include <unistd.h>

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run node(const QStringList& arguments)
{
    QProcess process;
    process.start(qEnvironmentVariable("UMG_NODE_BINARY"), arguments);
    Run run;
    if (!process.waitForFinished(300000)) {
        process.kill();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

void writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

} // namespace

class NodeReplayTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void talkingDataSample();
    void badLinesAreCountedAndSkipped();
    void csvInput();
    void fileErrors_data();
    void fileErrors();
    void usageErrors_data();
    void usageErrors();
    void metricsPortInUse();
    void quietLogsOnlyWarnings();
    void readOnlyDatabaseRejected();
    void helpAndVersion();
    void commandHelp_data();
    void commandHelp();

private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }
};

void NodeReplayTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo(qEnvironmentVariable("UMG_NODE_BINARY")).isExecutable(), "UMG_NODE_BINARY is not set");
}

void NodeReplayTest::talkingDataSample()
{
    const QString sample = QStringLiteral(UMG_SAMPLE_DATA_DIR "/talkingdata-train-sample.csv");
    if (!QFileInfo::exists(sample))
        QSKIP("talkingdata-train-sample.csv is not in UMG_SAMPLE_DATA_DIR; the public TalkingData sample is needed");
    const Run run = node({"replay", sample, "--summary-json", path("td.json"), "--installs-csv", path("td.csv")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject summary = readJson(path("td.json"));
    QCOMPARE(summary["lines_read"].toInteger(), 100001);
    QCOMPARE(summary["events_read"].toInteger(), 100227);
    QCOMPARE(summary["events_rejected"].toInteger(), 0);
    QCOMPARE(summary["installs"].toInteger(), 227);
    QCOMPARE(summary["reference_installs"].toInteger(), 227);
    QVERIFY(summary["reference_agreement_percent"].toDouble() > 99.0);
    QCOMPARE(summary["fraud_flags"].toObject()["ctit_too_short"].toInteger(), 5);
    QVERIFY(summary["events_per_second"].toDouble() > 0);
    QVERIFY(summary["latency_ms"].toObject().contains("p95"));
    const QString notes = QJsonDocument(summary["notes"].toArray()).toJson();
    QVERIFY2(notes.contains("skipped 2 bytes before the header"), qPrintable(notes));
    QVERIFY(run.out.contains("Reference attribution"));

    QFile csv(path("td.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QCOMPARE(lines.first(), QByteArray("install_event_id,app_id,install_time,kind,attributed_touch_event_id,"
                                       "attributed_touch_type,match_method,media_source,campaign,ctit_seconds,fraud_flags"));
    QCOMPARE(lines.size(), 228);
    for (int i = 1; i < lines.size(); ++i)
        QCOMPARE(lines[i].count(','), 10);
}

void NodeReplayTest::badLinesAreCountedAndSkipped()
{
    const QByteArray good =
        R"({"event_id":"c1","type":"click","timestamp":"2026-11-01T12:00:00Z","customer_id":"acme","app_id":"com.acme","platform":"android","advertising_id":"a1","media_source":"google_ads"})"
        "\n"
        R"({"event_id":"i1","type":"install","timestamp":"2026-11-01T13:00:00Z","customer_id":"acme","app_id":"com.acme","platform":"android","advertising_id":"a1"})"
        "\n";
    QByteArray content = good;
    content += "{broken json\n";                                                                  // line 3
    content += R"({"event_id":"x","type":"click","timestamp":"noon","customer_id":"a","app_id":"b","platform":"ios","idfv":"v","media_source":"m"})" "\n"; // 4
    content += R"({"event_id":"x","type":"nap","timestamp":1793534400000,"customer_id":"a","app_id":"b","platform":"ios","idfv":"v"})" "\n"; // 5
    content += R"({"event_id":"x","type":"in_app_event","event_name":"buy","revenue":-3,"timestamp":1793534400000,"customer_id":"a","app_id":"b","platform":"ios","idfv":"v"})" "\n"; // 6
    content += "{\"event_id\":\"x\xc3\x28\",\"type\":\"install\"}\n";                            // 7
    content += R"({"event_id":7,"type":"install","timestamp":1793534400000,"customer_id":"a","app_id":"b","platform":"ios","idfv":"v"})" "\n"; // 8
    content += "{\"event_id\":\"" + QByteArray(70000, 'x') + "\"}\n";                            // 9
    content += R"({"event_id":"i2","type":"install","timestamp":"2026-11-01T14:00:00Z","customer_id":"acme","app_id":"com.acme","platform":"android","advertising_id":"a2"})" "\n";
    writeFile(path("bad.ndjson"), content);

    const Run run = node({"replay", path("bad.ndjson"), "--summary-json", path("bad.json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject summary = readJson(path("bad.json"));
    QCOMPARE(summary["events_read"].toInteger(), 3);
    QCOMPARE(summary["events_rejected"].toInteger(), 7);
    const QJsonObject reasons = summary["rejected_by_reason"].toObject();
    QCOMPARE(reasons["invalid_json"].toInteger(), 1);
    QCOMPARE(reasons["invalid_timestamp"].toInteger(), 1);
    QCOMPARE(reasons["unknown_event_type"].toInteger(), 1);
    QCOMPARE(reasons["negative_revenue"].toInteger(), 1);
    QCOMPARE(reasons["invalid_utf8"].toInteger(), 1);
    QCOMPARE(reasons["wrong_type"].toInteger(), 1);
    QCOMPARE(reasons["line_too_long"].toInteger(), 1);
    QCOMPARE(summary["installs"].toInteger(), 2);
    QCOMPARE(summary["installs_attributed"].toInteger(), 1);
    const QString examples = QJsonDocument(summary["rejected_examples"].toArray()).toJson();
    for (int line : {3, 4, 5, 6, 7, 8, 9})
        QVERIFY2(examples.contains(QStringLiteral("bad.ndjson:%1:").arg(line)), qPrintable(examples));
    QVERIFY(run.out.contains("bad.ndjson:4: invalid_timestamp"));
}

void NodeReplayTest::csvInput()
{
    writeFile(path("events.csv"),
              "event_id,type,timestamp,customer_id,app_id,platform,advertising_id,media_source,campaign\n"
              "c1,click,2026-11-01T12:00:00Z,acme,com.acme,android,a1,google_ads,summer\n"
              "i1,install,2026-11-01T12:30:00Z,acme,com.acme,android,a1,,\n"
              "i2,install,2026-11-01T12:30:00Z,acme,com.acme,android\n");
    const Run run = node({"replay", path("events.csv"), "--summary-json", path("csv.json"), "--installs-csv", path("csv-installs.csv")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject summary = readJson(path("csv.json"));
    QCOMPARE(summary["installs_attributed"].toInteger(), 1);
    QCOMPARE(summary["rejected_by_reason"].toObject()["wrong_field_count"].toInteger(), 1);
    QFile csv(path("csv-installs.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QByteArray report = csv.readAll();
    QVERIFY2(report.contains("i1,com.acme,2026-11-01T12:30:00.000Z,new,c1,click,device_id,google_ads,summer,1800.000,"),
             report.constData());
}

void NodeReplayTest::fileErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    writeFile(path("empty.ndjson"), "");
    writeFile(path("unknown.txt"), "time,value\n1,2\n");
    writeFile(path("ok.ndjson"), R"({"event_id":"i1","type":"install","timestamp":1793534400000,"customer_id":"a","app_id":"b","platform":"ios","idfv":"v"})" "\n");
    QTest::newRow("missing file") << QStringList{"replay", path("missing.ndjson")} << "missing.ndjson: No such file";
    QTest::newRow("empty file") << QStringList{"replay", path("empty.ndjson")} << "is empty";
    QTest::newRow("unknown format") << QStringList{"replay", path("unknown.txt")} << "--format";
    QTest::newRow("directory") << QStringList{"replay", m_dir.path()} << "directory";
    QTest::newRow("unwritable database") << QStringList{"replay", path("ok.ndjson"), "--db", path("missing-folder/x.db")}
                                         << "cannot open database";

    writeFile(path("header-only.csv"), "event_id,type,timestamp,customer_id,app_id,platform\r\n\n  \n");
    writeFile(path("header-only-td.csv"), "ip,app,device,os,channel,click_time,attributed_time,is_attributed\n");
    QTest::newRow("csv header only") << QStringList{"replay", path("header-only.csv")}
                                     << "header-only.csv has only a header row; pass a file with at least one event";
    QTest::newRow("talkingdata header only") << QStringList{"replay", path("header-only-td.csv")}
                                             << "header-only-td.csv has only a header row";

    writeFile(path("passwd.json"), "root:x:0:0:root:/root:/bin/sh\n");
    writeFile(path("broken.json"), "{\"retention\": \"8d\",\n  , }\n");
    QTest::newRow("config is a directory") << QStringList{"replay", path("ok.ndjson"), "--config", m_dir.path()}
                                           << m_dir.path() + " is a directory; pass a JSON file";
    QTest::newRow("config not an object") << QStringList{"replay", path("ok.ndjson"), "--config", path("passwd.json")}
                                          << "passwd.json is not a JSON object at line 1, column 1";
    QTest::newRow("config syntax error") << QStringList{"replay", path("ok.ndjson"), "--config", path("broken.json")}
                                         << "at line 2, column 3";
}

void NodeReplayTest::fileErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run run = node(arguments);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QCOMPARE(run.err.count(QStringLiteral("unmogrowp-node replay:")), 1);
}

void NodeReplayTest::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no files") << QStringList{"replay"} << "at least one event file";
    QTest::newRow("unknown option") << QStringList{"replay", "x.ndjson", "--colour"} << "unknown option --colour";
    QTest::newRow("bad format") << QStringList{"replay", "x.ndjson", "--format", "xml"} << "ndjson, csv or talkingdata";
    QTest::newRow("bad threads") << QStringList{"replay", "x.ndjson", "--threads", "zero"} << "--threads";
    QTest::newRow("unknown command") << QStringList{"replicate"} << "unknown command";
    QTest::newRow("option instead of value") << QStringList{"replay", "x.ndjson", "--threads", "--no-progress"}
                                             << "option --threads needs a value";
    QTest::newRow("bad metrics address") << QStringList{"replay", "x.ndjson", "--metrics-listen", "127.0.0.1:70000"}
                                         << "option --metrics-listen is \"127.0.0.1:70000\"; use HOST:PORT";
    QTest::newRow("generate start before 2000")
        << QStringList{"generate", "--events", "10", "--out", path("early.ndjson"), "--start", "1970-01-01T00:00:00Z"}
        << "option --start is \"1970-01-01T00:00:00Z\"; event times must fall in the years 2000 to 2099";
    QTest::newRow("generate run past 2099")
        << QStringList{"generate", "--events", "100000", "--out", path("late.ndjson"), "--start", "2099-12-31T23:59:00Z"}
        << "reach past the year 2099";
    QTest::newRow("summary in a missing folder")
        << QStringList{"replay", "x.ndjson", "--summary-json", path("missing/summary.json")}
        << "does not exist; create it or choose another path";
    QTest::newRow("summary path is a folder") << QStringList{"replay", "x.ndjson", "--summary-json", m_dir.path()}
                                              << "a folder; give the path of a file";
    QTest::newRow("installs in a missing folder")
        << QStringList{"replay", "x.ndjson", "--installs-csv", path("missing/installs.csv")} << "does not exist";
    QTest::newRow("load-test summary in a missing folder")
        << QStringList{"loadtest", "--target", "embedded", "--rate", "10", "--duration", "1s", "--summary-json",
                       path("missing/run.json")}
        << "does not exist; create it or choose another path";
}

void NodeReplayTest::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run run = node(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
}

void NodeReplayTest::metricsPortInUse()
{
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost));
    const QString address = QStringLiteral("127.0.0.1:%1").arg(blocker.serverPort());
    const Run run = node({"replay", path("ok.ndjson"), "--metrics-listen", address});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(address), qPrintable(run.err));
    QVERIFY2(run.err.contains("in use"), qPrintable(run.err));
}

void NodeReplayTest::quietLogsOnlyWarnings()
{
    // One valid line and one that is rejected with a warning.
    writeFile(path("quiet.ndjson"),
              R"({"event_id":"i1","type":"install","timestamp":1793534400000,"customer_id":"a","app_id":"b","platform":"ios","idfv":"v"})"
              "\n{broken json\n");
    const Run quiet = node({"replay", path("quiet.ndjson"), "--quiet"});
    QVERIFY2(quiet.exitCode == 0, qPrintable(quiet.err));
    QVERIFY2(quiet.out.isEmpty(), qPrintable(quiet.out));
    QVERIFY2(!quiet.err.contains("level=info"), qPrintable(quiet.err));
    QVERIFY2(quiet.err.contains("level=warning"), qPrintable(quiet.err));

    const Run verbose = node({"replay", path("quiet.ndjson"), "--quiet", "--log-level", "info"});
    QVERIFY2(verbose.exitCode == 0, qPrintable(verbose.err));
    QVERIFY2(verbose.err.contains("level=info"), qPrintable(verbose.err));
}

void NodeReplayTest::readOnlyDatabaseRejected()
{
    // Root may write a file whatever its mode, so as root the node runs as
    // the unprivileged user `nobody` through setpriv.
    QStringList command{qEnvironmentVariable("UMG_NODE_BINARY")};
    if (geteuid() == 0) {
        const QString setpriv = QStandardPaths::findExecutable("setpriv");
        if (setpriv.isEmpty())
            QSKIP("running as root, and setpriv is not installed to run the node as the user nobody");
        command = QStringList{setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"} + command;
    }

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString events = dir.filePath("events.ndjson");
    const QString database = dir.filePath("readonly.db");
    writeFile(events, R"({"event_id":"i1","type":"install","timestamp":1793534400000,"customer_id":"a","app_id":"b","platform":"ios","idfv":"v"})" "\n");
    const Run created = node({"replay", events, "--db", database, "--quiet"});
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    const QFileDevice::Permissions readable = QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    QVERIFY(QFile::setPermissions(dir.path(), readable | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                  | QFileDevice::ExeGroup | QFileDevice::ExeOther));
    QVERIFY(QFile::setPermissions(events, readable));
    QVERIFY(QFile::setPermissions(database, readable));

    QProcess probe;
    probe.start(command.first(), command.mid(1) + QStringList{"--version"});
    if (!probe.waitForFinished(30'000) || probe.exitCode() != 0)
        QSKIP(qPrintable("cannot run the node as another user: " + QString::fromUtf8(probe.readAllStandardError())));

    const QList<QStringList> runs{{"replay", events, "--db", database, "--quiet"},
                                  {"serve", "--listen", "127.0.0.1:0", "--db", database}};
    for (const QStringList& arguments : runs) {
        QProcess process;
        process.start(command.first(), command.mid(1) + arguments);
        const bool finished = process.waitForFinished(60'000);
        if (!finished)
            process.kill();
        QVERIFY2(finished, qPrintable(arguments.first() + " kept running on a read-only database"));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(err.contains("cannot open database " + database + " for writing"), qPrintable(err));
        QVERIFY2(err.contains("write permission"), qPrintable(err));
    }
}

void NodeReplayTest::helpAndVersion()
{
    const Run help = node({"--help"});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("replay FILE"));
    const Run version = node({"--version"});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith("unmogrowp-node "));
}

void NodeReplayTest::commandHelp_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QStringList>("options");
    QTest::newRow("replay") << QStringList{"replay"} << QStringList{"--format", "--metrics-listen", "--quiet"};
    QTest::newRow("generate") << QStringList{"generate"}
                              << QStringList{"--events", "--out", "--seed", "--devices", "--id-prefix", "--organic-share",
                                             "--fraud-share", "--out-of-order-share", "--event-time-rate", "--start"};
    QTest::newRow("serve") << QStringList{"serve"} << QStringList{"--listen", "--kafka-brokers", "--alertmanager-url"};
    QTest::newRow("produce") << QStringList{"produce"} << QStringList{"--kafka-topic", "--batch-events"};
    QTest::newRow("export rules") << QStringList{"export", "rules"} << QStringList{"--threshold", "--list-thresholds"};
    QTest::newRow("export stack") << QStringList{"export", "stack"} << QStringList{"--node", "--node-token-file"};
    QTest::newRow("validate") << QStringList{"validate"} << QStringList{"--prometheus", "--strict-goals"};
    QTest::newRow("loadtest") << QStringList{"loadtest"} << QStringList{"--target", "--compare"};
    QTest::newRow("report") << QStringList{"report"} << QStringList{"--type", "--format"};
}

void NodeReplayTest::commandHelp()
{
    QFETCH(QStringList, command);
    QFETCH(QStringList, options);
    const Run help = node(command + QStringList{"--help"});
    QVERIFY2(help.exitCode == 0, qPrintable(help.err));
    QVERIFY2(help.out.startsWith("usage: unmogrowp-node " + command.join(' ') + " "), qPrintable(help.out));
    for (const QString& option : options)
        QVERIFY2(help.out.contains(option), qPrintable(option));

    // --help after other arguments prints the same text.
    const Run later = node(command + QStringList{"--quiet", "--help"});
    QCOMPARE(later.exitCode, 0);
    QCOMPARE(later.out, help.out);

    // The program's --help contains each command's help unchanged.
    const Run overview = node({"--help"});
    QCOMPARE(overview.exitCode, 0);
    QVERIFY2(overview.out.contains(help.out), qPrintable(command.join(' ')));
}

QTEST_GUILESS_MAIN(NodeReplayTest)
#include "tst_nodereplay.moc"
