#include "kafkatestsupport.h"

#include <QtTest>

#include <librdkafka/rdkafka.h>
#include <sqlite3.h>

#include <cstring>
#include <memory>

#include "storage/journal.h"

namespace umg::test {
namespace {

struct Row {
    std::string key;
    std::vector<std::string> texts;
    std::vector<double> numbers;
};

// Runs `sql` on the database at `path`; the first `keyColumns` columns form
// the key, then `textColumns` text columns, then numeric columns.
bool queryRows(const QString& path, const char* sql, int keyColumns, int textColumns, std::vector<Row>& rows,
               QString& error)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        error = path + ": " + QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        return false;
    }
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
        error = path + ": " + QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        return false;
    }
    const int columns = sqlite3_column_count(statement);
    while (sqlite3_step(statement) == SQLITE_ROW) {
        Row row;
        for (int c = 0; c < columns; ++c) {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
            const std::string value = text ? text : "";
            if (c < keyColumns)
                row.key += (c > 0 ? "|" : "") + value;
            else if (c < keyColumns + textColumns)
                row.texts.push_back(value);
            else
                row.numbers.push_back(sqlite3_column_double(statement, c));
        }
        rows.push_back(std::move(row));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return true;
}

void addInto(std::vector<double>& sum, const std::vector<double>& values)
{
    if (sum.size() < values.size())
        sum.resize(values.size(), 0.0);
    for (std::size_t i = 0; i < values.size(); ++i)
        sum[i] += values[i];
}

// Rows whose counters are all zero carry no result (a revision moved
// everything away), so they are left out before comparing.
void dropZeroRows(std::map<std::string, std::vector<double>>& rows)
{
    for (auto it = rows.begin(); it != rows.end();) {
        bool zero = true;
        for (double value : it->second)
            zero = zero && std::abs(value) < 1e-9;
        it = zero ? rows.erase(it) : std::next(it);
    }
}

QString describe(const std::vector<double>* values)
{
    if (!values)
        return "absent";
    QStringList parts;
    for (double value : *values)
        parts << QString::number(value, 'g', 10);
    return parts.join(',');
}

struct HandleDeleter {
    void operator()(rd_kafka_t* handle) const { rd_kafka_destroy(handle); }
};
using Handle = std::unique_ptr<rd_kafka_t, HandleDeleter>;

Handle makeClient(rd_kafka_type_t type, const QString& bootstrap, const QString& group, QString& error)
{
    char reason[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toUtf8().constData(), reason, sizeof reason);
    if (!group.isEmpty())
        rd_kafka_conf_set(conf, "group.id", group.toUtf8().constData(), reason, sizeof reason);
    rd_kafka_t* handle = rd_kafka_new(type, conf, reason, sizeof reason);
    if (!handle)
        error = QString::fromUtf8(reason);
    return Handle(handle);
}

} // namespace

StoredResults readResults(const QStringList& databases)
{
    StoredResults results;
    std::map<std::string, std::pair<std::int64_t, int>> newestRevision; // install -> revision, databases
    for (const QString& path : databases) {
        QString error;
        std::vector<Row> installs;
        const bool installsRead = queryRows(
            path,
            "SELECT app_id, install_event_id, kind, status, match_method, IFNULL(touch_event_id, ''), "
            "IFNULL(media_source, ''), IFNULL(campaign, ''), fraud_flags, revision FROM installs",
            2, 7, installs, error);
        [&] { QVERIFY2(installsRead, qPrintable(error)); }();
        for (const Row& row : installs) {
            const auto revision = static_cast<std::int64_t>(row.numbers.at(0));
            std::string summary;
            for (const std::string& text : row.texts)
                summary += text + ";";
            auto [it, inserted] = newestRevision.try_emplace(row.key, revision, 1);
            if (!inserted) {
                if (revision == it->second.first)
                    results.repeatedInstalls.push_back(row.key + " (revision " + std::to_string(revision) + ")");
                if (revision < it->second.first)
                    continue;
                it->second.first = revision;
            }
            results.installs[row.key] = summary;
        }

        std::vector<Row> aggregates;
        const bool aggregatesRead = queryRows(
            path,
            "SELECT customer_id, app_id, media_source, campaign, day, clicks, impressions, installs, reinstalls, "
            "organic_installs, attributed_installs, fraud_flagged_installs, fraud_rejected_installs, in_app_events, "
            "credit_last_touch, credit_first_touch, credit_linear, credit_time_decay, credit_position_based "
            "FROM aggregates",
            5, 0, aggregates, error);
        [&] { QVERIFY2(aggregatesRead, qPrintable(error)); }();
        for (const Row& row : aggregates)
            addInto(results.aggregates[row.key], row.numbers);

        std::vector<Row> revenue;
        const bool revenueRead = queryRows(
            path, "SELECT customer_id, app_id, media_source, campaign, day, currency, events, revenue FROM revenue", 6,
            0, revenue, error);
        [&] { QVERIFY2(revenueRead, qPrintable(error)); }();
        for (const Row& row : revenue)
            addInto(results.revenue[row.key], row.numbers);

        // Journal blobs are binary, so they are read here rather than through queryRows().
        sqlite3* db = nullptr;
        sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
        sqlite3_stmt* statement = nullptr;
        sqlite3_prepare_v2(db, "SELECT data, events FROM journal", -1, &statement, nullptr);
        while (statement && sqlite3_step(statement) == SQLITE_ROW) {
            const std::string_view blob(static_cast<const char*>(sqlite3_column_blob(statement, 0)),
                                        static_cast<std::size_t>(sqlite3_column_bytes(statement, 0)));
            if (!readJournalBatchInfo(blob).stateOnly)
                results.journalEvents += sqlite3_column_int64(statement, 1);
        }
        sqlite3_finalize(statement);
        sqlite3_close(db);
    }
    dropZeroRows(results.aggregates);
    dropZeroRows(results.revenue);
    return results;
}

std::map<std::int64_t, std::string> readRejections(const QString& database, const std::string& source)
{
    std::map<std::int64_t, std::string> rejections;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(database.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return rejections;
    }
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "SELECT line, reason, detail FROM rejected_events WHERE source = ?", -1, &statement, nullptr);
    sqlite3_bind_text(statement, 1, source.data(), static_cast<int>(source.size()), SQLITE_TRANSIENT);
    while (sqlite3_step(statement) == SQLITE_ROW) {
        rejections[sqlite3_column_int64(statement, 0)] = std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 1)))
            + ": " + reinterpret_cast<const char*>(sqlite3_column_text(statement, 2));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return rejections;
}

QString describeDifferences(const StoredResults& expected, const StoredResults& actual, int limit)
{
    QStringList lines;
    auto note = [&](const QString& line) {
        if (lines.size() < limit)
            lines << line;
    };
    if (expected.installs.size() != actual.installs.size())
        note(QString("installs: %1 expected, %2 stored").arg(expected.installs.size()).arg(actual.installs.size()));
    for (const auto& [key, summary] : expected.installs) {
        const auto found = actual.installs.find(key);
        if (found == actual.installs.end())
            note(QString("install %1 missing").arg(QString::fromStdString(key)));
        else if (found->second != summary)
            note(QString("install %1: expected %2, stored %3")
                     .arg(QString::fromStdString(key), QString::fromStdString(summary),
                          QString::fromStdString(found->second)));
    }
    for (const auto& [key, summary] : actual.installs) {
        if (!expected.installs.count(key))
            note(QString("install %1 not expected").arg(QString::fromStdString(key)));
    }
    auto compareRows = [&](const char* table, const std::map<std::string, std::vector<double>>& want,
                           const std::map<std::string, std::vector<double>>& have) {
        std::map<std::string, bool> keys;
        for (const auto& [key, values] : want)
            keys[key] = true;
        for (const auto& [key, values] : have)
            keys[key] = true;
        for (const auto& [key, unused] : keys) {
            const auto a = want.find(key);
            const auto b = have.find(key);
            const std::vector<double>* left = a == want.end() ? nullptr : &a->second;
            const std::vector<double>* right = b == have.end() ? nullptr : &b->second;
            bool same = left && right && left->size() == right->size();
            for (std::size_t i = 0; same && i < left->size(); ++i)
                same = std::abs((*left)[i] - (*right)[i]) <= 1e-6 * std::max(1.0, std::abs((*left)[i]));
            if (!same)
                note(QString("%1 %2: expected %3, stored %4")
                         .arg(table, QString::fromStdString(key), describe(left), describe(right)));
        }
    };
    compareRows("aggregate", expected.aggregates, actual.aggregates);
    compareRows("revenue", expected.revenue, actual.revenue);
    return lines.join('\n');
}

GroupOffsets readGroupOffsets(const QString& bootstrap, const QString& group, const QString& topic, int partitions)
{
    GroupOffsets offsets;
    Handle consumer = makeClient(RD_KAFKA_CONSUMER, bootstrap, group, offsets.error);
    if (!consumer)
        return offsets;
    const QByteArray topicName = topic.toUtf8();
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(partitions);
    for (int p = 0; p < partitions; ++p)
        rd_kafka_topic_partition_list_add(list, topicName.constData(), p);
    const rd_kafka_resp_err_t error = rd_kafka_committed(consumer.get(), list, 10'000);
    if (error != RD_KAFKA_RESP_ERR_NO_ERROR)
        offsets.error = QString("committed offsets: ") + rd_kafka_err2str(error);
    for (int p = 0; p < list->cnt && offsets.error.isEmpty(); ++p) {
        const rd_kafka_topic_partition_t& element = list->elems[p];
        offsets.committed.push_back(element.offset);
        offsets.metadata.emplace_back(element.metadata ? static_cast<const char*>(element.metadata) : "",
                                      element.metadata ? element.metadata_size : 0);
        std::int64_t low = 0;
        std::int64_t high = 0;
        const rd_kafka_resp_err_t watermarkError =
            rd_kafka_query_watermark_offsets(consumer.get(), topicName.constData(), p, &low, &high, 10'000);
        if (watermarkError != RD_KAFKA_RESP_ERR_NO_ERROR)
            offsets.error = QString("watermarks: ") + rd_kafka_err2str(watermarkError);
        offsets.high.push_back(high);
    }
    rd_kafka_topic_partition_list_destroy(list);
    return offsets;
}

QString produceMessages(const QString& bootstrap, const QString& topic, int partition,
                        const std::vector<std::string>& messages)
{
    QString error;
    Handle producer = makeClient(RD_KAFKA_PRODUCER, bootstrap, QString(), error);
    if (!producer)
        return error;
    const QByteArray topicName = topic.toUtf8();
    for (const std::string& message : messages) {
        const rd_kafka_resp_err_t produced = rd_kafka_producev(
            producer.get(), RD_KAFKA_V_TOPIC(topicName.constData()), RD_KAFKA_V_PARTITION(partition),
            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
            RD_KAFKA_V_VALUE(const_cast<char*>(message.data()), message.size()), RD_KAFKA_V_END);
        if (produced != RD_KAFKA_RESP_ERR_NO_ERROR)
            return QString("produce: ") + rd_kafka_err2str(produced);
        // One message at a time keeps their order within the partition.
        if (rd_kafka_flush(producer.get(), 10'000) != RD_KAFKA_RESP_ERR_NO_ERROR)
            return "produce: a message was not acknowledged within 10 s";
    }
    return {};
}

QString commitOffset(const QString& bootstrap, const QString& group, const QString& topic, int partition,
                     std::int64_t offset, const std::string& metadata)
{
    QString error;
    Handle consumer = makeClient(RD_KAFKA_CONSUMER, bootstrap, group, error);
    if (!consumer)
        return error;
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_t* element = rd_kafka_topic_partition_list_add(list, topic.toUtf8().constData(), partition);
    element->offset = offset;
    element->metadata = std::malloc(metadata.size());
    std::memcpy(element->metadata, metadata.data(), metadata.size());
    element->metadata_size = metadata.size();
    const rd_kafka_resp_err_t committed = rd_kafka_commit(consumer.get(), list, 0);
    if (committed != RD_KAFKA_RESP_ERR_NO_ERROR)
        error = QString("commit: ") + rd_kafka_err2str(committed);
    else if (list->elems[0].err != RD_KAFKA_RESP_ERR_NO_ERROR)
        error = QString("commit: ") + rd_kafka_err2str(list->elems[0].err);
    rd_kafka_topic_partition_list_destroy(list);
    return error;
}

} // namespace umg::test
