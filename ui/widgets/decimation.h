#pragma once

#include <QList>
#include <QPointF>

namespace umg {

/// Returns the points whose coordinates are both finite, sorted by x with
/// equal x kept in input order. When the input is already clean it is
/// returned as is, which shares its data instead of copying it.
QList<QPointF> finiteSortedPoints(const QList<QPointF> &points);

/// Reduces a line to what can be drawn in `columns` pixel columns spanning
/// x in [xFrom, xTo].
///
/// Each column keeps its first, minimum, maximum and last point, in x order
/// and without duplicates, so spikes survive and the line between columns
/// joins the same points as the full data would. The last point before xFrom
/// and the first point after xTo are kept too, so that the line reaches the
/// edges of the plot. The result therefore has at most 4 * columns + 2
/// points, and all of them are input points.
///
/// Unsorted input is sorted (on a copy) and points with a NaN or infinite
/// coordinate are skipped; clean input costs one extra pass to check.
/// Returns an empty list when columns < 1 or xFrom > xTo.
QList<QPointF> decimateMinMax(const QList<QPointF> &points, double xFrom, double xTo, int columns);

/// Returns the index of the point whose x is nearest to `x` in points sorted
/// by x, or -1 when the list is empty or `x` is NaN. A tie goes to the
/// earlier point.
qsizetype nearestPointIndex(const QList<QPointF> &sortedPoints, double x);

} // namespace umg
