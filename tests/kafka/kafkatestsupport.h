#pragma once

// Shared pieces of the Kafka tests: the results stored in node databases,
// and a small librdkafka client for reading committed offsets and producing
// hand-made messages. The client only ever talks to the loopback mock
// cluster that the tests start.

#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace umg::test {

/// The attribution results of one or more node databases, merged the way a
/// fleet's results combine. Aggregate and revenue rows are summed. An install
/// stored by several nodes (because a later owner revised it) counts once,
/// with its newest revision.
struct StoredResults {
    /// (app id, install event id) -> kind, status, match method, winning touch,
    /// campaign and fraud flags.
    std::map<std::string, std::string> installs;
    /// Installs stored by more than one database with the same revision,
    /// which means an install was counted twice.
    std::vector<std::string> repeatedInstalls;
    /// (customer, app, media source, campaign, day) -> every counter.
    std::map<std::string, std::vector<double>> aggregates;
    /// (customer, app, media source, campaign, day, currency) -> events, revenue.
    std::map<std::string, std::vector<double>> revenue;
    /// Events stored in the journals (state-only re-reads excluded).
    std::int64_t journalEvents = 0;
};

/// Reads and merges the result tables of `databases`. Fails the calling
/// test (QVERIFY) when a database cannot be read.
StoredResults readResults(const QStringList& databases);

/// Rejected lines recorded from `source`: line (a Kafka offset) -> `reason: detail`.
std::map<std::int64_t, std::string> readRejections(const QString& database, const std::string& source);

/// Describes up to `limit` differences between `expected` and `actual`
/// (installs, aggregate rows, revenue rows); empty when they agree.
QString describeDifferences(const StoredResults& expected, const StoredResults& actual, int limit = 8);

/// Committed offsets of a consumer group and the partitions' high watermarks.
struct GroupOffsets {
    std::vector<std::int64_t> committed; ///< -1001 (none) when the group has no offset
    std::vector<std::int64_t> high;
    std::vector<std::string> metadata;
    QString error; ///< set when the offsets could not be read
};

/// Reads the group's committed offsets for partitions 0..partitions-1 of
/// `topic` without joining the group.
GroupOffsets readGroupOffsets(const QString& bootstrap, const QString& group, const QString& topic, int partitions);

/// Produces `messages` to one partition, in order, and waits for their
/// acknowledgement. Returns an error text, empty on success.
QString produceMessages(const QString& bootstrap, const QString& topic, int partition,
                        const std::vector<std::string>& messages);

/// Commits `offset` with `metadata` for one partition as a client outside
/// the group's membership. Returns an error text, empty on success.
QString commitOffset(const QString& bootstrap, const QString& group, const QString& topic, int partition,
                     std::int64_t offset, const std::string& metadata);

} // namespace umg::test
