#include "reports/htmlwriter.h"

#include "reports/chartcanvas.h"

#include <QLocale>

namespace umg::reports {
namespace {

constexpr double kChartWidth = 720; // points; the SVG scales down with the page

const char *const kStyle = R"(
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #212121; margin: 2em auto; max-width: 60em; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.3em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #bdbdbd; padding-bottom: 0.2em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3em; }
th, td { border: 1px solid #e0e0e0; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
td.number { text-align: right; white-space: nowrap; }
.pass { color: #2e7d32; font-weight: bold; }
.near { color: #a65f00; font-weight: bold; }
.fail { color: #c62828; font-weight: bold; }
figure { margin: 1em 0; }
figcaption { font-weight: bold; font-size: 0.9em; margin-bottom: 0.3em; }
figure svg { max-width: 100%; height: auto; }
pre { background: #f5f5f5; padding: 0.6em; overflow-x: auto; }
)";

QString stateClass(TargetState state)
{
    switch (state) {
    case TargetState::Pass:
        return QStringLiteral("pass");
    case TargetState::Near:
        return QStringLiteral("near");
    case TargetState::Fail:
        return QStringLiteral("fail");
    case TargetState::None:
    case TargetState::Count:
        break;
    }
    return {};
}

QString tableHtml(const Table &table)
{
    QString html = QStringLiteral("<table>");
    if (!table.title.isEmpty())
        html += QStringLiteral("<caption>%1</caption>").arg(table.title.toHtmlEscaped());
    html += QStringLiteral("<thead><tr>");
    for (const Column &column : table.columns)
        html += QStringLiteral("<th scope=\"col\">%1</th>").arg(column.title.toHtmlEscaped());
    html += QStringLiteral("</tr></thead><tbody>");
    for (const Row &row : table.rows) {
        html += QStringLiteral("<tr>");
        for (qsizetype c = 0; c < row.cells.size(); ++c) {
            const Cell &cell = row.cells[c];
            QStringList classes;
            if (c < table.columns.size() && table.columns[c].numeric)
                classes.append(QStringLiteral("number"));
            const QString state = stateClass(cell.state);
            if (!state.isEmpty())
                classes.append(state);
            const QString attribute = classes.isEmpty()
                ? QString()
                : QStringLiteral(" class=\"%1\"").arg(classes.join(QLatin1Char(' ')));
            QString text = cell.text.toHtmlEscaped();
            text.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
            html += QStringLiteral("<td%1>%2</td>").arg(attribute, text);
        }
        html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</tbody></table>\n");
    return html;
}

QString chartHtml(const Chart &chart)
{
    SvgCanvas canvas;
    drawChart(canvas, chart, kChartWidth);
    const double height = chartHeight(canvas, chart, kChartWidth);
    return QStringLiteral("<figure><figcaption>%1</figcaption>%2</figure>\n")
        .arg(chart.title.toHtmlEscaped(), canvas.toSvg(kChartWidth, height, chart.title));
}

QString paragraphHtml(const Paragraph &paragraph)
{
    if (paragraph.monospace)
        return QStringLiteral("<pre>%1</pre>\n").arg(paragraph.text.toHtmlEscaped());
    return QStringLiteral("<p>%1</p>\n").arg(paragraph.text.toHtmlEscaped());
}

} // namespace

QByteArray toHtml(const Report &report)
{
    QString html;
    const QLocale locale;
    const QString language = locale.language() == QLocale::C ? QStringLiteral("en") : locale.bcp47Name();
    html += QStringLiteral("<!DOCTYPE html>\n<html lang=\"%1\">\n<head>\n<meta charset=\"utf-8\">\n").arg(language);
    html += QStringLiteral("<title>%1</title>\n<style>%2</style>\n</head>\n<body>\n")
                .arg(report.title.toHtmlEscaped(), QString::fromLatin1(kStyle));
    html += QStringLiteral("<h1>%1</h1>\n").arg(report.title.toHtmlEscaped());
    html += tableHtml(report.facts);
    for (const Section &section : report.sections) {
        html += QStringLiteral("<section id=\"%1\">\n<h2>%2</h2>\n")
                    .arg(section.key.toHtmlEscaped(), section.title.toHtmlEscaped());
        for (const Block &block : section.blocks) {
            if (const auto *paragraph = std::get_if<Paragraph>(&block))
                html += paragraphHtml(*paragraph);
            else if (const auto *table = std::get_if<Table>(&block))
                html += tableHtml(*table);
            else if (const auto *chart = std::get_if<Chart>(&block))
                html += chartHtml(*chart);
        }
        html += QStringLiteral("</section>\n");
    }
    html += QStringLiteral("</body>\n</html>\n");
    return html.toUtf8();
}

} // namespace umg::reports
