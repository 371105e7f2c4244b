#pragma once

// Known data for the report tests: a metric history with series of known
// rates, a stored load-test run with known figures, and readers for what
// the reports write (pdftotext, CSV).

#include "loadtest/loadtestresult.h"

#include <QByteArray>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace umg::test {

// The metric history written by writeKnownHistory(): counters that rise at
// these rates, sampled every second from 20 minutes before the end time
// to 10 minutes after it, so that evaluations a few minutes late still see
// whole rate windows.
inline constexpr double kAcceptedClicksPerSecond = 40'000;
inline constexpr double kAcceptedInstallsPerSecond = 9'975;
inline constexpr double kRejectedPerSecond = 25;
inline constexpr double kEventsPerSecond = kAcceptedClicksPerSecond + kAcceptedInstallsPerSecond + kRejectedPerSecond;
inline constexpr double kErrorRatePercent = 100.0 * kRejectedPerSecond / kEventsPerSecond;
// Every observation lies in the (10 ms, 25 ms] bucket, so histogram_quantile
// interpolates P95 to 10 + 15 x 0.95 ms.
inline constexpr double kLatencyP95Ms = 10 + 15 * 0.95;
inline constexpr double kLatencyP99Ms = 10 + 15 * 0.99;
// customer_api_latency_ms of acme-games.
inline constexpr double kAcmeLatencyP50Ms = 3.5;
inline constexpr double kAcmeLatencyP95Ms = 12.25;
inline constexpr double kAcmeLatencyP99Ms = 30.5;

/// Writes the known series into a new metric history at `path`, around `endMs`.
void writeKnownHistory(const QString &path, qint64 endMs);

/// A completed run that met every target: 1,250,000 events/s, P95 42.5 ms,
/// P99 120.25 ms, error rate 0.02 %, accuracy 99.6 %, with 12 samples.
LoadTestResult knownRun(qint64 startedAtMs);

struct NodeRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

/// The environment of a process without a display: no DISPLAY,
/// WAYLAND_DISPLAY or QT_QPA_PLATFORM.
QProcessEnvironment headlessEnvironment();

/// Runs the node program of UMG_NODE_BINARY with `arguments`.
NodeRun runNode(const QStringList &arguments, const QProcessEnvironment &environment = headlessEnvironment());

/// The text of the PDF at `path` as pdftotext prints it with -layout, or
/// nullopt when pdftotext is missing or fails.
std::optional<QString> pdfText(const QString &path);

/// The rows of a CSV document (RFC 4180: quoted fields, doubled quotes,
/// line breaks inside quotes, CRLF or LF).
QList<QStringList> parseCsv(const QByteArray &csv);

/// A report's CSV, looked up by its key columns.
class ReportCsv
{
public:
    explicit ReportCsv(const QByteArray &csv);

    bool hasHeader() const;
    qsizetype rowCount() const { return m_rows.size(); }
    /// The `value` field of the line with these keys, or nullopt.
    std::optional<QString> value(const QString &section, const QString &table, const QString &row,
                                 const QString &column) const;
    /// The `value` field as a number; NaN when missing or empty.
    double number(const QString &section, const QString &table, const QString &row, const QString &column) const;
    /// The `text` field of the line with these keys, or nullopt.
    std::optional<QString> text(const QString &section, const QString &table, const QString &row,
                                const QString &column) const;
    /// Distinct section keys in order.
    QStringList sections() const;

private:
    const QStringList *find(const QString &section, const QString &table, const QString &row,
                            const QString &column) const;

    QList<QStringList> m_rows;
};

/// The number at (row, column) 0 of the first row of `sql` run on the
/// SQLite database at `path`; NaN when the query fails.
double sqlNumber(const QString &path, const QString &sql);

/// `value` formatted as the reports format it in the current locale.
QString formatted(double value, int decimals);

} // namespace umg::test
