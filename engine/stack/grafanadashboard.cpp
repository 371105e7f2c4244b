#include "stack/stackfiles.h"

#include <string_view>

#include "util/jsonwriter.h"

namespace umg::stack {
namespace {

using dashboards::Dashboard;
using dashboards::Panel;
using dashboards::PanelKind;
using dashboards::PanelQuery;
using dashboards::QueryKind;
using dashboards::RecordSource;
using dashboards::Target;
using dashboards::TargetDirection;

// Grafana lays panels out on a grid 24 units wide; the console's grid has 4
// columns.
constexpr int kGridWidth = 24;
constexpr int kColumnWidth = kGridWidth / 4;
constexpr int kPanelHeight = 8;

constexpr int kSchemaVersion = 37;

// Maps a console unit to a Grafana unit id; units without an id become a
// custom suffix.
std::string grafanaUnit(const std::string& unit)
{
    if (unit.empty())
        return "none";
    if (unit == "%")
        return "percent";
    if (unit == "ms")
        return "ms";
    if (unit == "MiB")
        return "mbytes";
    return "suffix: " + unit;
}

void writeDatasource(JsonWriter& json)
{
    json.key("datasource").beginObject();
    json.field("type", "prometheus");
    json.field("uid", "${datasource}");
    json.endObject();
}

void writeStep(JsonWriter& json, std::string_view color, const double* value)
{
    json.beginObject();
    json.field("color", color);
    json.key("value");
    if (value)
        json.value(*value);
    else
        json.null();
    json.endObject();
}

// Writes Grafana threshold steps equivalent to the console's threshold
// colouring: red for a breach, yellow within the near margin, green
// otherwise. Grafana starts a colour at its step value, so a value exactly on
// a lower-is-better target shows red here but meets the target in the console.
void writeThresholdObject(JsonWriter& json, const Target& target)
{
    json.beginObject();
    json.field("mode", "absolute");
    json.key("steps").beginArray();
    switch (target.direction) {
    case TargetDirection::None:
        writeStep(json, "green", nullptr);
        break;
    case TargetDirection::HigherIsBetter: {
        const double ok = target.low + target.nearMargin;
        writeStep(json, "red", nullptr);
        if (target.nearMargin > 0)
            writeStep(json, "yellow", &target.low);
        writeStep(json, "green", target.nearMargin > 0 ? &ok : &target.low);
        break;
    }
    case TargetDirection::LowerIsBetter: {
        const double near = target.low - target.nearMargin;
        writeStep(json, "green", nullptr);
        if (target.nearMargin > 0)
            writeStep(json, "yellow", &near);
        writeStep(json, "red", &target.low);
        break;
    }
    case TargetDirection::WithinRange: {
        const double lowOk = target.low + target.nearMargin;
        const double highNear = target.high - target.nearMargin;
        writeStep(json, "red", nullptr);
        if (target.nearMargin > 0) {
            writeStep(json, "yellow", &target.low);
            writeStep(json, "green", &lowOk);
            writeStep(json, "yellow", &highNear);
        } else {
            writeStep(json, "green", &target.low);
        }
        writeStep(json, "red", &target.high);
        break;
    }
    }
    json.endArray();
    json.endObject();
}

void writeThresholds(JsonWriter& json, const Target& target)
{
    json.key("thresholds");
    writeThresholdObject(json, target);
}

std::string refId(std::size_t index)
{
    return std::string(1, static_cast<char>('A' + index));
}

void writeTargets(JsonWriter& json, const Panel& panel)
{
    json.key("targets").beginArray();
    for (std::size_t i = 0; i < panel.queries.size(); ++i) {
        const PanelQuery& query = panel.queries[i];
        json.beginObject();
        writeDatasource(json);
        json.field("refId", refId(i));
        json.field("expr", query.expression);
        json.field("instant", query.kind == QueryKind::Instant);
        json.field("range", query.kind == QueryKind::Range);
        if (!query.legend.empty())
            json.field("legendFormat", grafanaLegend(query.legend, query.expression));
        // The console draws a stat's sparkline from its second query; Grafana
        // draws it from the displayed query, so only the first is shown.
        if (panel.kind == PanelKind::Stat && i > 0)
            json.field("hide", true);
        json.endObject();
    }
    json.endArray();
}

void writeFieldDefaults(JsonWriter& json, const Panel& panel)
{
    json.key("defaults").beginObject();
    json.field("unit", grafanaUnit(panel.unit));
    json.field("decimals", panel.decimals);
    if (panel.kind == PanelKind::Gauge || panel.fixedScale) {
        json.field("min", panel.minimum);
        json.field("max", panel.maximum);
    }
    json.key("color").beginObject();
    json.field("mode", panel.kind == PanelKind::TimeSeries ? "palette-classic" : "thresholds");
    json.endObject();
    if (panel.kind == PanelKind::TimeSeries && panel.target.isSet()) {
        json.key("custom").beginObject();
        json.key("thresholdsStyle").beginObject();
        json.field("mode", "line");
        json.endObject();
        json.endObject();
    }
    writeThresholds(json, panel.target);
    json.endObject();
}

// Table panels become stat panels with one value per query, each row with
// its own name, unit and target through a field override.
void writeRowOverrides(JsonWriter& json, const Panel& panel)
{
    json.key("overrides").beginArray();
    if (panel.kind == PanelKind::Table) {
        for (std::size_t i = 0; i < panel.queries.size(); ++i) {
            const PanelQuery& query = panel.queries[i];
            json.beginObject();
            json.key("matcher").beginObject();
            json.field("id", "byFrameRefID");
            json.field("options", refId(i));
            json.endObject();
            json.key("properties").beginArray();
            json.beginObject().field("id", "displayName").field("value", query.legend).endObject();
            json.beginObject().field("id", "unit").field("value", grafanaUnit(query.unit)).endObject();
            json.beginObject()
                .field("id", "decimals")
                .field("value", query.decimals >= 0 ? query.decimals : panel.decimals)
                .endObject();
            json.beginObject().field("id", "thresholds");
            json.key("value");
            writeThresholdObject(json, query.target);
            json.endObject();
            json.endArray();
            json.endObject();
        }
    }
    json.endArray();
}

std::string_view reducer(dashboards::Reduction reduction)
{
    switch (reduction) {
    case dashboards::Reduction::Max: return "max";
    case dashboards::Reduction::Mean: return "mean";
    case dashboards::Reduction::Count: return "count";
    case dashboards::Reduction::Last: break;
    }
    return "lastNotNull";
}

void writeOptions(JsonWriter& json, const Panel& panel)
{
    json.key("options").beginObject();
    switch (panel.kind) {
    case PanelKind::Gauge:
        json.field("showThresholdMarkers", true);
        break;
    case PanelKind::Stat:
        json.field("graphMode", "area");
        json.field("colorMode", "value");
        break;
    case PanelKind::Table:
        json.field("graphMode", "none");
        json.field("colorMode", "background");
        json.field("textMode", "value_and_name");
        json.field("orientation", "horizontal");
        break;
    case PanelKind::Bars:
        json.field("orientation", "horizontal");
        json.field("displayMode", "basic");
        json.field("showUnfilled", true);
        break;
    case PanelKind::TimeSeries:
        json.key("legend").beginObject();
        json.field("displayMode", "list");
        json.field("placement", "bottom");
        json.endObject();
        json.key("tooltip").beginObject();
        json.field("mode", "multi");
        json.endObject();
        break;
    case PanelKind::Funnel:
    case PanelKind::Flags:
    case PanelKind::Count:
        break;
    }
    if (panel.kind != PanelKind::TimeSeries) {
        json.key("reduceOptions").beginObject();
        json.key("calcs").beginArray().value(reducer(panel.reduction)).endArray();
        json.field("fields", "");
        json.field("values", false);
        json.endObject();
    }
    json.endObject();
}

std::string_view grafanaPanelType(PanelKind kind)
{
    switch (kind) {
    case PanelKind::Gauge: return "gauge";
    case PanelKind::Stat:
    case PanelKind::Table: return "stat";
    case PanelKind::TimeSeries: return "timeseries";
    case PanelKind::Bars: return "bargauge";
    case PanelKind::Funnel:
    case PanelKind::Flags:
    case PanelKind::Count: break;
    }
    return "text";
}

std::string recordsText(const Panel& panel, const std::string& dashboardTitle)
{
    return "**" + panel.title + "** comes from the pilot-customer records of the UnMoGrowP console, "
        "which Prometheus does not store. Open the console's " + dashboardTitle + " view to see it.\n\n"
        + panel.description;
}

} // namespace

std::string grafanaLegend(const std::string& legend, const std::string& expression)
{
    const std::string customerLabel = expression.find("app_id") != std::string::npos ? "app_id" : "customer_id";
    std::string out;
    for (std::size_t i = 0; i < legend.size(); ++i) {
        const std::size_t close = legend[i] == '{' ? legend.find('}', i) : std::string::npos;
        if (close == std::string::npos) {
            out += legend[i];
            continue;
        }
        std::string label = legend.substr(i + 1, close - i - 1);
        if (label == "customer")
            label = customerLabel;
        out += "{{" + label + "}}";
        i = close;
    }
    return out;
}

std::string renderGrafanaDashboard(const Dashboard& dashboard)
{
    JsonWriter json(true);
    json.beginObject();
    json.field("uid", "unmogrowp-" + dashboard.id);
    json.field("title", "UnMoGrowP " + dashboard.title);
    json.field("description", "Written by `unmogrowp-node export stack`; the same panels and queries as the "
                              "console's " + dashboard.title + " view.");
    json.key("tags").beginArray().value("unmogrowp").endArray();
    json.field("timezone", "utc");
    json.field("schemaVersion", kSchemaVersion);
    json.field("version", 1);
    json.field("editable", true);
    json.field("refresh", "30s");
    json.key("time").beginObject().field("from", "now-1h").field("to", "now").endObject();
    json.key("timepicker").beginObject();
    json.key("refresh_intervals").beginArray();
    for (const char* interval : {"5s", "10s", "30s", "1m", "5m", "15m"})
        json.value(interval);
    json.endArray();
    json.endObject();

    json.key("templating").beginObject();
    json.key("list").beginArray();
    json.beginObject();
    json.field("name", "datasource");
    json.field("label", "Prometheus");
    json.field("type", "datasource");
    json.field("query", "prometheus");
    json.field("hide", 0);
    json.endObject();
    json.endArray();
    json.endObject();
    json.key("annotations").beginObject().key("list").beginArray().endArray().endObject();

    json.key("panels").beginArray();
    int x = 0;
    int y = 0;
    int id = 1;
    for (const Panel& panel : dashboard.panels) {
        const int width = panel.columnSpan * kColumnWidth;
        if (x + width > kGridWidth) {
            x = 0;
            y += kPanelHeight;
        }
        const bool recordsOnly = panel.queries.empty();
        json.beginObject();
        json.field("id", id++);
        json.field("title", panel.title);
        json.field("description", panel.description);
        json.field("type", recordsOnly ? std::string_view("text") : grafanaPanelType(panel.kind));
        json.key("gridPos").beginObject();
        json.field("x", x).field("y", y).field("w", width).field("h", kPanelHeight);
        json.endObject();
        if (recordsOnly) {
            json.key("options").beginObject();
            json.field("mode", "markdown");
            json.field("content", recordsText(panel, dashboard.title));
            json.endObject();
        } else {
            writeDatasource(json);
            writeTargets(json, panel);
            json.key("fieldConfig").beginObject();
            writeFieldDefaults(json, panel);
            writeRowOverrides(json, panel);
            json.endObject();
            writeOptions(json, panel);
        }
        json.endObject();
        x += width;
    }
    json.endArray();
    json.endObject();
    return json.str() + "\n";
}

} // namespace umg::stack
