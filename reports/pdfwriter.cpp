#include "reports/pdfwriter.h"

#include "reports/chartcanvas.h"

#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTextLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace umg::reports {
namespace {

// Page geometry and type sizes, in points.
constexpr double kMarginLeft = 42;
constexpr double kMarginRight = 42;
constexpr double kMarginTop = 48;
constexpr double kMarginBottom = 54;
constexpr double kTitleSize = 17;
constexpr double kHeadingSize = 13;
constexpr double kBodySize = 9;
constexpr double kTableSize = 8;
constexpr double kFooterSize = 7;
constexpr double kCellPadding = 3;
constexpr int kResolution = 600; // dots per inch of the PDF's coordinate system
// Longer text is cut after this many lines and ends in an ellipsis, so that
// one huge value cannot push a table row or a paragraph past a page.
constexpr int kMaxCellLines = 20;
constexpr double kMaxParagraphShareOfPage = 0.8;

const QColor kTextColor(0x21, 0x21, 0x21);
const QColor kMutedColor(0x75, 0x75, 0x75);
const QColor kRuleColor(0xe0, 0xe0, 0xe0);
const QColor kHeaderFill(0xf5, 0xf5, 0xf5);

class PdfLayout
{
public:
    PdfLayout(QPdfWriter &writer, QPainter &painter, const QString &title)
        : m_writer(writer)
        , m_painter(painter)
        , m_title(title)
        , m_scale(writer.resolution() / 72.0)
    {
        const QRectF page = writer.pageLayout().fullRectPoints();
        m_pageWidth = page.width();
        m_pageHeight = page.height();
        m_y = kMarginTop;
        drawFooter();
    }

    void title(const QString &text)
    {
        paragraph(text, font(kTitleSize, true), kTextColor, 8);
    }

    /// Starts a section. The heading moves to the next page together with
    /// the start of `firstBlock` rather than stay alone at a page's foot.
    void heading(const QString &text, const Block *firstBlock)
    {
        const double following = firstBlock ? std::min(startHeight(*firstBlock), 300.0) : 0.0;
        ensureSpace(10 + paragraphHeight(text, font(kHeadingSize, true)) + 6 + following);
        m_y += 10;
        paragraph(text, font(kHeadingSize, true), kTextColor, 6);
    }

    void paragraph(const Paragraph &paragraph)
    {
        QFont body = font(kBodySize, false);
        if (paragraph.monospace) {
            body.setFamilies({QStringLiteral("DejaVu Sans Mono"), QStringLiteral("Liberation Mono"),
                              QStringLiteral("monospace")});
            body.setStyleHint(QFont::Monospace);
        }
        this->paragraph(paragraph.text, body, kTextColor, 6);
    }

    void table(const Table &table)
    {
        if (table.columns.isEmpty())
            return;
        const QList<double> widths = columnWidths(table);
        const QFont headerFont = font(kTableSize, true);
        const QFont plainFont = font(kTableSize, false);
        const double headerHeight = rowHeight(headerTexts(table), {}, widths, headerFont);

        const double captionHeight = table.title.isEmpty() ? 0 : paragraphHeight(table.title, font(kBodySize, true)) + 2;
        const double firstRow =
            table.rows.isEmpty() ? 0 : rowHeight(cellTexts(table.rows.first()), table.rows.first().cells, widths, plainFont);
        ensureSpace(captionHeight + headerHeight + firstRow);
        if (!table.title.isEmpty())
            paragraph(table.title, font(kBodySize, true), kTextColor, 2);
        drawRow(headerTexts(table), {}, widths, headerFont, headerHeight, true, table);

        for (const Row &row : table.rows) {
            const QStringList texts = cellTexts(row);
            const double height = rowHeight(texts, row.cells, widths, plainFont);
            if (m_y + height > bottom()) {
                newPage();
                drawRow(headerTexts(table), {}, widths, headerFont, headerHeight, true, table);
            }
            drawRow(texts, row.cells, widths, plainFont, height, false, table);
        }
        m_y += 8;
    }

    void chart(const Chart &chart)
    {
        PainterCanvas measure(m_painter, QPointF(), m_scale);
        const double width = contentWidth();
        const double height = chartHeight(measure, chart, width);
        const QFont captionFont = font(kBodySize, true);
        ensureSpace(paragraphHeight(chart.title, captionFont) + 4 + height);
        paragraph(chart.title, captionFont, kTextColor, 4);
        PainterCanvas canvas(m_painter, QPointF(kMarginLeft, m_y) * m_scale, m_scale);
        drawChart(canvas, chart, width);
        m_y += height + 10;
    }

private:
    // Height of the part of `block` that must share a page with a heading:
    // a paragraph, a table's caption, header and first row, or a chart.
    double startHeight(const Block &block) const
    {
        if (const auto *paragraph = std::get_if<Paragraph>(&block))
            return paragraphHeight(paragraph->text, font(kBodySize, false));
        if (const auto *chart = std::get_if<Chart>(&block)) {
            PainterCanvas measure(m_painter, QPointF(), m_scale);
            return paragraphHeight(chart->title, font(kBodySize, true)) + 4
                + chartHeight(measure, *chart, contentWidth());
        }
        const Table &table = std::get<Table>(block);
        const QList<double> widths = columnWidths(table);
        double height = rowHeight(headerTexts(table), {}, widths, font(kTableSize, true));
        if (!table.title.isEmpty())
            height += paragraphHeight(table.title, font(kBodySize, true)) + 2;
        if (!table.rows.isEmpty())
            height += rowHeight(cellTexts(table.rows.first()), table.rows.first().cells, widths,
                                font(kTableSize, false));
        return height;
    }

    double contentWidth() const { return m_pageWidth - kMarginLeft - kMarginRight; }
    double bottom() const { return m_pageHeight - kMarginBottom; }

    QFont font(double pointSize, bool bold) const
    {
        // Built from the application's default font every time, because the
        // painter keeps the font that drew last, such as a formula's monospace.
        QFont font;
        font.setStyleHint(QFont::SansSerif);
        font.setPointSizeF(pointSize);
        font.setBold(bold);
        return font;
    }

    QRectF toDevice(const QRectF &points) const
    {
        return QRectF(points.topLeft() * m_scale, points.size() * m_scale);
    }

    // Lays `layout` out in lines of `width` points, broken at word
    // boundaries or, inside a word wider than a line, anywhere. Stops after
    // `maxLines` lines. Returns the height in points of the lines laid out,
    // and in `complete` whether they hold the whole text.
    double layOut(QTextLayout &layout, double width, Qt::Alignment alignment, int maxLines, bool *complete) const
    {
        QTextOption option(alignment);
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        layout.setTextOption(option);
        const double leading = QFontMetricsF(layout.font(), &m_writer).leading();
        const qsizetype length = layout.text().size();
        double height = 0;
        int lines = 0;
        bool done = false;
        layout.beginLayout();
        while (!done && lines < maxLines) {
            QTextLine line = layout.createLine();
            if (!line.isValid()) {
                done = true;
                break;
            }
            line.setLineWidth(width * m_scale);
            if (lines > 0)
                height += leading;
            line.setPosition(QPointF(0, height));
            height += line.height();
            ++lines;
            done = line.textStart() + line.textLength() >= length;
        }
        layout.endLayout();
        if (complete)
            *complete = done;
        return height / m_scale;
    }

    // Returns `text` when it wraps into at most `maxLines` lines of `width`
    // points, otherwise its first lines, the last one cut with an ellipsis.
    // Lays the text out once, so long text costs linear time.
    QString fitText(const QString &text, const QFont &font, double width, int maxLines) const
    {
        QString prepared = text;
        prepared.replace(QLatin1Char('\n'), QChar::LineSeparator);
        QTextLayout layout(prepared, font, &m_writer);
        bool complete = true;
        layOut(layout, width, Qt::AlignLeft, maxLines, &complete);
        if (complete)
            return text;

        const qsizetype lastStart = layout.lineAt(layout.lineCount() - 1).textStart();
        QString rest = prepared.mid(lastStart);
        const qsizetype lineEnd = rest.indexOf(QChar::LineSeparator);
        if (lineEnd >= 0)
            rest.truncate(lineEnd);
        const QFontMetricsF metrics(font, &m_writer);
        QString lastLine = metrics.elidedText(rest + QStringLiteral("…"), Qt::ElideRight, width * m_scale);
        return prepared.left(lastStart) + lastLine;
    }

    double textHeight(const QString &text, const QFont &font, double width) const
    {
        QString prepared = text;
        prepared.replace(QLatin1Char('\n'), QChar::LineSeparator);
        QTextLayout layout(prepared, font, &m_writer);
        return layOut(layout, width, Qt::AlignLeft, std::numeric_limits<int>::max(), nullptr);
    }

    // Height of `text` as paragraph() draws it, cut to paragraphLines().
    double paragraphHeight(const QString &text, const QFont &font) const
    {
        QString prepared = text;
        prepared.replace(QLatin1Char('\n'), QChar::LineSeparator);
        QTextLayout layout(prepared, font, &m_writer);
        return layOut(layout, contentWidth(), Qt::AlignLeft, paragraphLines(font), nullptr);
    }

    // Draws text that fitText() prepared, wrapped like textHeight() measures it.
    void drawWrapped(const QRectF &rect, const QString &text, const QFont &font, const QColor &color,
                     Qt::Alignment alignment)
    {
        QString prepared = text;
        prepared.replace(QLatin1Char('\n'), QChar::LineSeparator);
        QTextLayout layout(prepared, font, &m_writer);
        layOut(layout, rect.width(), alignment, std::numeric_limits<int>::max(), nullptr);
        m_painter.setPen(color);
        layout.draw(&m_painter, rect.topLeft() * m_scale);
    }

    // Lines of `font` that fill kMaxParagraphShareOfPage of a page's text area.
    int paragraphLines(const QFont &font) const
    {
        const double lineSpacing = QFontMetricsF(font, &m_writer).lineSpacing() / m_scale;
        return std::max(1, int((bottom() - kMarginTop) * kMaxParagraphShareOfPage / lineSpacing));
    }

    double lineWidth(const QString &text, const QFont &font) const
    {
        const QFontMetricsF metrics(font, &m_writer);
        double widest = 0;
        for (const QString &line : text.split(QLatin1Char('\n')))
            widest = std::max(widest, metrics.horizontalAdvance(line));
        return widest / m_scale;
    }

    void paragraph(const QString &text, const QFont &font, const QColor &color, double spaceAfter)
    {
        const QString shown = fitText(text, font, contentWidth(), paragraphLines(font));
        const double height = textHeight(shown, font, contentWidth());
        ensureSpace(height);
        drawWrapped(QRectF(kMarginLeft, m_y, contentWidth(), height), shown, font, color, Qt::AlignLeft);
        m_y += height + spaceAfter;
    }

    void ensureSpace(double height)
    {
        if (m_y + height > bottom() && m_y > kMarginTop)
            newPage();
    }

    void newPage()
    {
        m_writer.newPage();
        m_y = kMarginTop;
        ++m_page;
        drawFooter();
    }

    void drawFooter()
    {
        m_painter.setFont(font(kFooterSize, false));
        m_painter.setPen(kMutedColor);
        const QRectF footer(kMarginLeft, m_pageHeight - kMarginBottom + 18, contentWidth(), 12);
        const QString title = QFontMetricsF(m_painter.font(), &m_writer)
                                  .elidedText(m_title, Qt::ElideRight, footer.width() * 0.75 * m_scale);
        m_painter.drawText(toDevice(footer), Qt::AlignLeft | Qt::AlignVCenter, title);
        m_painter.drawText(toDevice(footer), Qt::AlignRight | Qt::AlignVCenter,
                           ReportText::tr("Page %1").arg(m_page));
    }

    static QStringList headerTexts(const Table &table)
    {
        QStringList texts;
        for (const Column &column : table.columns)
            texts.append(column.title);
        return texts;
    }

    static QStringList cellTexts(const Row &row)
    {
        QStringList texts;
        for (const Cell &cell : row.cells)
            texts.append(cell.text);
        return texts;
    }

    // Cells with a threshold state are bold, so they are measured bold too.
    QFont cellFont(const Cell &cell) const
    {
        return font(kTableSize, cell.state != TargetState::None);
    }

    // Natural widths when they fit; otherwise numeric columns keep theirs
    // and text columns share the rest in proportion, wrapping their text.
    QList<double> columnWidths(const Table &table) const
    {
        const QFont headerFont = font(kTableSize, true);
        QList<double> natural;
        for (qsizetype c = 0; c < table.columns.size(); ++c) {
            double width = lineWidth(table.columns[c].title, headerFont);
            for (const Row &row : table.rows) {
                if (c < row.cells.size())
                    width = std::max(width, lineWidth(row.cells[c].text, cellFont(row.cells[c])));
            }
            natural.append(width + 2 * kCellPadding + 2);
        }
        double total = 0;
        for (const double width : natural)
            total += width;
        if (total <= contentWidth())
            return natural;

        // Text columns get at least their longest word, so that wrapping
        // never cuts a word, and share what is left in proportion to the
        // width they would need on one line.
        QList<double> widths = natural;
        double used = 0;
        double extraNeeded = 0;
        for (qsizetype c = 0; c < widths.size(); ++c) {
            if (table.columns[c].numeric) {
                widths[c] = std::min(widths[c], contentWidth() * 0.3);
            } else {
                // A word wider than this wraps inside the word.
                widths[c] = std::min(longestWord(table, c), contentWidth() * 0.4) + 2 * kCellPadding + 2;
                extraNeeded += natural[c] - widths[c];
            }
            used += widths[c];
        }
        const double spare = contentWidth() - used;
        if (spare > 0 && extraNeeded > 0) {
            for (qsizetype c = 0; c < widths.size(); ++c) {
                if (!table.columns[c].numeric)
                    widths[c] += (natural[c] - widths[c]) / extraNeeded * spare;
            }
        }
        return widths;
    }

    double longestWord(const Table &table, qsizetype column) const
    {
        double widest = 0;
        for (const QString &word : table.columns[column].title.split(QLatin1Char(' ')))
            widest = std::max(widest, lineWidth(word, font(kTableSize, true)));
        for (const Row &row : table.rows) {
            if (column >= row.cells.size())
                continue;
            const Cell &cell = row.cells[column];
            for (const QString &word : cell.text.split(QRegularExpression(QStringLiteral("\\s+"))))
                widest = std::max(widest, lineWidth(word, cellFont(cell)));
        }
        return widest;
    }

    double rowHeight(const QStringList &texts, const QList<Cell> &cells, const QList<double> &widths,
                     const QFont &font) const
    {
        double height = 0;
        for (qsizetype c = 0; c < texts.size() && c < widths.size(); ++c) {
            const QFont measured = c < cells.size() ? cellFont(cells[c]) : font;
            const double width = widths[c] - 2 * kCellPadding;
            height = std::max(height, textHeight(fitText(texts[c], measured, width, kMaxCellLines), measured, width));
        }
        return height + 2 * kCellPadding;
    }

    void drawRow(const QStringList &texts, const QList<Cell> &cells, const QList<double> &widths, const QFont &font,
                 double height, bool header, const Table &table)
    {
        double x = kMarginLeft;
        double rowWidth = 0;
        for (const double width : widths)
            rowWidth += width;
        if (header)
            m_painter.fillRect(toDevice(QRectF(x, m_y, rowWidth, height)), kHeaderFill);

        for (qsizetype c = 0; c < texts.size() && c < widths.size(); ++c) {
            QFont textFont = font;
            QColor color = kTextColor;
            if (!header && c < cells.size() && cells[c].state != TargetState::None) {
                color = stateColor(cells[c].state);
                textFont = cellFont(cells[c]);
            }
            const QRectF cell(x + kCellPadding, m_y + kCellPadding, widths[c] - 2 * kCellPadding,
                              height - 2 * kCellPadding);
            const Qt::Alignment alignment = table.columns[c].numeric && !header ? Qt::AlignRight : Qt::AlignLeft;
            drawWrapped(cell, fitText(texts[c], textFont, cell.width(), kMaxCellLines), textFont, color, alignment);
            x += widths[c];
        }
        m_painter.setPen(QPen(kRuleColor, 0.5 * m_scale));
        m_painter.drawLine(QPointF(kMarginLeft, m_y + height) * m_scale,
                           QPointF(kMarginLeft + rowWidth, m_y + height) * m_scale);
        m_y += height;
    }

    QPdfWriter &m_writer;
    QPainter &m_painter;
    QString m_title;
    double m_scale = 1;
    double m_pageWidth = 595;
    double m_pageHeight = 842;
    double m_y = 0;
    int m_page = 1;
};

} // namespace

bool writePdf(const Report &report, QIODevice *device, QString *errorMessage)
{
    QPdfWriter writer(device);
    writer.setResolution(kResolution);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF()));
    writer.setTitle(report.title);
    writer.setCreator(QStringLiteral("UnMoGrowP"));

    QPainter painter;
    if (!painter.begin(&writer)) {
        if (errorMessage)
            *errorMessage = ReportText::tr("The PDF writer could not start painting.");
        return false;
    }
    painter.setRenderHint(QPainter::Antialiasing);

    PdfLayout layout(writer, painter, report.title);
    layout.title(report.title);
    layout.table(report.facts);
    for (const Section &section : report.sections) {
        layout.heading(section.title, section.blocks.isEmpty() ? nullptr : &section.blocks.first());
        for (const Block &block : section.blocks) {
            if (const auto *paragraph = std::get_if<Paragraph>(&block))
                layout.paragraph(*paragraph);
            else if (const auto *table = std::get_if<Table>(&block))
                layout.table(*table);
            else if (const auto *chart = std::get_if<Chart>(&block))
                layout.chart(*chart);
        }
    }
    return painter.end();
}

} // namespace umg::reports
