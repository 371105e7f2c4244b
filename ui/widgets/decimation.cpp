#include "widgets/decimation.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace umg {

namespace {

bool isFinitePoint(const QPointF &point)
{
    return std::isfinite(point.x()) && std::isfinite(point.y());
}

bool lessX(const QPointF &a, const QPointF &b)
{
    return a.x() < b.x();
}

bool isFiniteAndSorted(const QList<QPointF> &points)
{
    for (qsizetype i = 0; i < points.size(); ++i) {
        if (!isFinitePoint(points[i]))
            return false;
        if (i > 0 && points[i].x() < points[i - 1].x())
            return false;
    }
    return true;
}

// Collects the first, minimum, maximum and last point of one pixel column
// and appends them to the output in x order once the column is complete.
class ColumnAccumulator
{
public:
    ColumnAccumulator(const QList<QPointF> &points, QList<QPointF> &output)
        : m_points(points)
        , m_output(output)
    {
    }

    void start(qsizetype index)
    {
        m_first = m_min = m_max = m_last = index;
        m_active = true;
    }

    void add(qsizetype index)
    {
        const double y = m_points[index].y();
        if (y < m_points[m_min].y())
            m_min = index;
        if (y > m_points[m_max].y())
            m_max = index;
        m_last = index;
    }

    void flush()
    {
        if (!m_active)
            return;
        // The input is sorted by x, so sorting the indices puts the points in x order.
        std::array<qsizetype, 4> indices{m_first, m_min, m_max, m_last};
        std::sort(indices.begin(), indices.end());
        const auto end = std::unique(indices.begin(), indices.end());
        for (auto it = indices.begin(); it != end; ++it)
            m_output.append(m_points[*it]);
        m_active = false;
    }

private:
    const QList<QPointF> &m_points;
    QList<QPointF> &m_output;
    qsizetype m_first = 0;
    qsizetype m_min = 0;
    qsizetype m_max = 0;
    qsizetype m_last = 0;
    bool m_active = false;
};

} // namespace

QList<QPointF> finiteSortedPoints(const QList<QPointF> &points)
{
    if (isFiniteAndSorted(points))
        return points;

    QList<QPointF> cleaned;
    cleaned.reserve(points.size());
    std::copy_if(points.cbegin(), points.cend(), std::back_inserter(cleaned), isFinitePoint);
    std::stable_sort(cleaned.begin(), cleaned.end(), lessX);
    return cleaned;
}

QList<QPointF> decimateMinMax(const QList<QPointF> &input, double xFrom, double xTo, int columns)
{
    QList<QPointF> output;
    if (columns < 1 || input.isEmpty() || !(xFrom <= xTo))
        return output;

    const QList<QPointF> points = finiteSortedPoints(input);
    const auto first = std::lower_bound(points.cbegin(), points.cend(), QPointF(xFrom, 0.0), lessX);
    const auto last = std::upper_bound(first, points.cend(), QPointF(xTo, 0.0), lessX);

    output.reserve(std::min<qsizetype>(points.size(), 4 * qsizetype(columns) + 2));
    if (first != points.cbegin())
        output.append(*(first - 1));

    // A zero-width range puts every point into the one column at xFrom.
    const double span = xTo - xFrom;
    const double columnsPerUnit = span > 0.0 ? columns / span : 0.0;
    ColumnAccumulator accumulator(points, output);
    int currentColumn = -1;
    for (auto it = first; it != last; ++it) {
        const qsizetype index = it - points.cbegin();
        const int column = std::min(int((it->x() - xFrom) * columnsPerUnit), columns - 1);
        if (column != currentColumn) {
            accumulator.flush();
            accumulator.start(index);
            currentColumn = column;
        } else {
            accumulator.add(index);
        }
    }
    accumulator.flush();

    if (last != points.cend())
        output.append(*last);
    return output;
}

qsizetype nearestPointIndex(const QList<QPointF> &sortedPoints, double x)
{
    if (sortedPoints.isEmpty() || std::isnan(x))
        return -1;

    const auto after = std::lower_bound(sortedPoints.cbegin(), sortedPoints.cend(), QPointF(x, 0.0), lessX);
    if (after == sortedPoints.cbegin())
        return 0;
    if (after == sortedPoints.cend())
        return sortedPoints.size() - 1;

    const auto before = after - 1;
    const qsizetype afterIndex = after - sortedPoints.cbegin();
    return x - before->x() <= after->x() - x ? afterIndex - 1 : afterIndex;
}

} // namespace umg
