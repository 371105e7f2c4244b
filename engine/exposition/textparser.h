#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "promql/labels.h"

/// A parser for the Prometheus text exposition format (version 0.0.4), the
/// body of a `/metrics` endpoint, for bodies from untrusted peers.
namespace umg::exposition {

/// Type of a metric family, from its `# TYPE` line; Untyped without one.
enum class MetricType { Untyped, Counter, Gauge, Histogram, Summary, Count };

/// Reason for rejecting a line. A rejected line is skipped, and the rest of
/// the body is still read.
enum class Problem {
    LineTooLong,         ///< longer than ParseLimits::maxLineBytes
    InvalidCharacter,    ///< a NUL byte
    InvalidMetricName,   ///< not `[a-zA-Z_:][a-zA-Z0-9_:]*`
    InvalidLabelName,    ///< not `[a-zA-Z_][a-zA-Z0-9_]*`, or reserved (`__` prefix)
    InvalidLabelSyntax,  ///< a missing `=`, quote, comma or closing brace
    InvalidEscape,       ///< a backslash not followed by `\`, `"` or `n`
    InvalidUtf8,         ///< a label value that is not valid UTF-8
    DuplicateLabel,      ///< the same label name twice in one sample
    TooManyLabels,       ///< more than ParseLimits::maxLabels labels
    InvalidBoundary,     ///< an `le` or `quantile` value that is not a number
    MissingValue,        ///< no value after the name and labels
    InvalidValue,        ///< a value that is not a number
    InvalidTimestamp,    ///< a timestamp that is not an integer
    TrailingCharacters,  ///< text after the timestamp
    DuplicateSeries,     ///< the same name and labels as an earlier line
    InvalidTypeLine,     ///< `# TYPE` with a bad name or an unknown type
    DuplicateType,       ///< a second `# TYPE` line, or one after the family's samples
    InvalidHelpLine,     ///< `# HELP` without a valid metric name
    Count
};

/// Returns the snake_case name of a problem, such as `invalid_escape`.
std::string_view problemName(Problem problem);

/// Returns the lowercase name of a type as a `# TYPE` line writes it.
std::string_view typeName(MetricType type);

/// Bounds that keep a hostile or broken body from exhausting memory or time.
struct ParseLimits {
    /// Larger bodies are not parsed at all (see ParseResult::bodyTooLarge).
    std::size_t maxBodyBytes = 16 * 1024 * 1024;
    /// Longer lines are rejected with Problem::LineTooLong.
    std::size_t maxLineBytes = 64 * 1024;
    /// Samples beyond this number are dropped and counted in
    /// ParseResult::droppedSamples, so one scrape cannot flood the history.
    std::size_t maxSamples = 10'000;
    /// Label pairs per sample, the metric name not included.
    std::size_t maxLabels = 64;
    /// Rejected lines listed in ParseResult::problems; further ones are only counted.
    std::size_t maxListedProblems = 20;
};

/// One sample line.
struct Sample {
    /// The metric name in `__name__` and the sample's labels. An `le` or
    /// `quantile` value is rewritten in PromQL's number format (`0.5`,
    /// `+Inf`), so equal boundaries compare equal however the peer wrote them.
    promql::Labels labels;
    double value = 0;
    /// The optional timestamp of the line, in milliseconds since the Unix epoch.
    std::optional<std::int64_t> timestampMs;
    /// True for a counter, and for the `_bucket`, `_sum` and `_count`
    /// series of a histogram and the `_sum` and `_count` series of a
    /// summary: series that only grow until their target restarts.
    bool counter = false;
};

/// The `# TYPE` and `# HELP` lines of one metric family.
struct Family {
    std::string name;
    MetricType type = MetricType::Untyped;
    std::string help;
};

/// One rejected line, for a message to the person who attached the target.
struct LineProblem {
    /// Line number, from 1.
    std::size_t line = 0;
    Problem problem = Problem::Count;
    /// The start of the line, at most 80 bytes, with bytes outside printable
    /// ASCII written as `\xNN`.
    std::string excerpt;
};

struct ParseResult {
    /// The accepted samples in the order of the body.
    std::vector<Sample> samples;
    /// Families with a `# TYPE` or `# HELP` line, in the order of the body.
    std::vector<Family> families;
    /// Rejected lines per Problem.
    std::array<std::uint64_t, static_cast<std::size_t>(Problem::Count)> problemCounts{};
    /// The first ParseLimits::maxListedProblems rejected lines.
    std::vector<LineProblem> problems;
    /// Valid samples left out because ParseLimits::maxSamples was reached.
    std::uint64_t droppedSamples = 0;
    /// Lines read, blank and comment lines included.
    std::size_t lines = 0;
    /// True when the body exceeded ParseLimits::maxBodyBytes; nothing was parsed.
    bool bodyTooLarge = false;

    /// Returns the number of rejected lines.
    std::uint64_t rejectedLines() const;
    std::uint64_t count(Problem problem) const { return problemCounts[static_cast<std::size_t>(problem)]; }
};

/// Parses a body in the Prometheus text exposition format.
///
/// Reads the format as the text parser of Prometheus' Go library
/// (prometheus/common, package expfmt) does. That covers `# HELP` and
/// `# TYPE` lines, other comments, blank lines and sample lines
/// `name{label="value",...} value [timestamp]`. Label values may contain the
/// escapes `\\`, `\"` and `\n`, values may be `NaN`, `+Inf` or `-Inf`, and a
/// trailing comma in the label list and CRLF line ends are accepted.
///
/// Every other line is rejected, counted by Problem and skipped, where
/// expfmt would fail the whole body. The time is linear in the body size.
/// Malformed input, binary data included, never throws; only a failed
/// allocation does (std::bad_alloc). Thread-safe: it keeps no state between calls.
ParseResult parse(std::string_view body, const ParseLimits& limits = {});

} // namespace umg::exposition
