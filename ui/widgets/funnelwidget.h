#pragma once

#include <QList>
#include <QString>
#include <QWidget>

namespace umg {

/// One stage of a FunnelWidget, such as "Integration" and the number of
/// customers that reached it.
struct FunnelStage
{
    QString name;
    qint64 count = 0;

    bool operator==(const FunnelStage &other) const = default;
};

/// Share of a stage's count in the previous and the first stage's count.
struct FunnelConversion
{
    /// Ratio count / previous count. It is 1 for the first stage and NaN when
    /// the previous count is 0.
    double fromPrevious = qQNaN();
    /// Ratio count / first count, or NaN when the first count is 0.
    double fromFirst = qQNaN();
};

/// Returns one conversion per stage, in order. Negative counts count as zero.
/// A stage may exceed the one before it, which gives a ratio above 1.
QList<FunnelConversion> funnelConversions(const QList<FunnelStage> &stages);

/// Stages drawn top to bottom as centred bars whose widths follow the counts,
/// each with its name, its count and its conversion from the previous and
/// from the first stage.
class FunnelWidget : public QWidget
{
    Q_OBJECT

public:
    explicit FunnelWidget(QWidget *parent = nullptr);

    /// Replaces all stages, first stage first.
    void setStages(const QList<FunnelStage> &stages);
    QList<FunnelStage> stages() const { return m_stages; }
    QList<FunnelConversion> conversions() const { return m_conversions; }

    /// Returns the rectangle of stage `index`'s bar in widget coordinates, or
    /// an empty rectangle when the index is out of range or the count is 0.
    QRectF stageRect(qsizetype index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Geometry
    {
        QRectF bars;          // middle column that the bars are centred in
        double nameWidth = 0.0;
        double rowHeight = 0.0;
        double barHeight = 0.0;
        qint64 largest = 0;
    };

    Geometry computeGeometry() const;
    QRectF stageRect(const Geometry &geometry, qsizetype index) const;
    QString conversionText(qsizetype index) const;

    QList<FunnelStage> m_stages;
    QList<FunnelConversion> m_conversions;
};

} // namespace umg
