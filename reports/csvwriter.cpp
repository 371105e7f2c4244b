#include "reports/csvwriter.h"

#include <QDateTime>
#include <QTimeZone>

#include <cmath>

namespace umg::reports {
namespace {

QString quoted(const QString &field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n'))
        && !field.contains(QLatin1Char('\r')))
        return field;
    QString escaped = field;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString csvNumber(double value)
{
    if (!std::isfinite(value))
        return {};
    // Whole numbers below 2^53 are written without exponent or decimals.
    if (value == std::floor(value) && std::abs(value) < 9.0e15)
        return QString::number(value, 'f', 0);
    return QString::number(value, 'g', 15);
}

QString isoTime(double msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(msSinceEpoch), QTimeZone::utc()).toString(Qt::ISODate);
}

class CsvLines
{
public:
    void add(const QStringList &fields)
    {
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i > 0)
                m_text += QLatin1Char(',');
            m_text += quoted(fields[i]);
        }
        m_text += QStringLiteral("\r\n");
    }

    void addTable(const QString &section, const Table &table)
    {
        for (const Row &row : table.rows) {
            for (qsizetype c = 0; c < row.cells.size() && c < table.columns.size(); ++c) {
                const Cell &cell = row.cells[c];
                add({section, table.key, row.key, table.columns[c].key, csvNumber(cell.number), cell.unit, cell.text});
            }
        }
    }

    void addChart(const QString &section, const Chart &chart)
    {
        // Bars repeat the numbers of the panel's table, which is written
        // already; line charts add every point.
        if (chart.kind != Chart::Kind::Lines)
            return;
        for (const Series &series : chart.series) {
            for (const QPointF &point : series.points)
                add({section, chart.key, series.name, isoTime(point.x()), csvNumber(point.y()), chart.unit, {}});
        }
    }

    QByteArray bytes() const { return m_text.toUtf8(); }

private:
    QString m_text;
};

} // namespace

QByteArray toCsv(const Report &report)
{
    CsvLines lines;
    lines.add({QStringLiteral("section"), QStringLiteral("table"), QStringLiteral("row"), QStringLiteral("column"),
               QStringLiteral("value"), QStringLiteral("unit"), QStringLiteral("text")});
    lines.addTable(QStringLiteral("report"), report.facts);
    for (const Section &section : report.sections) {
        for (const Block &block : section.blocks) {
            if (const auto *table = std::get_if<Table>(&block))
                lines.addTable(section.key, *table);
            else if (const auto *chart = std::get_if<Chart>(&block))
                lines.addChart(section.key, *chart);
        }
    }
    return lines.bytes();
}

} // namespace umg::reports
