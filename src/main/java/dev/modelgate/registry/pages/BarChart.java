package dev.modelgate.registry.pages;

import dev.modelgate.registry.MetricsComparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One metric of a model version against its baseline, per segment, as an SVG bar chart laid out here (no
 * chart library, no script): a pair of bars per segment, on a scale from zero to a little above the
 * largest value, with the segments whose gate check failed marked. Public because the templates read it.
 */
public record BarChart(String metric, double width, double height, double baselineY, List<Bar> bars,
    List<Tick> ticks, List<Group> groups) {

  static final double HEIGHT = 180;
  static final double TOP = 12;
  static final double BOTTOM = 40;
  static final double LEFT = 48;
  static final double BAR = 22;
  static final double GAP = 4;
  static final double GROUP_GAP = 26;

  /** One bar: which segment and series, where, its value and whether its check failed. */
  public record Bar(String segment, String series, double x, double y, double w, double h, String value,
      boolean failed) {

    public String cssClass() {
      return failed ? "bar-failed" : "bar-" + series;
    }
  }

  /** A value on the vertical axis. */
  public record Tick(double y, String label) {}

  /** A segment's name under its pair of bars. */
  public record Group(double x, String label) {}

  /** One chart per metric, in the comparison's row order. */
  static List<BarChart> of(MetricsComparison comparison) {
    Map<String, List<MetricsComparison.Row>> byMetric = new LinkedHashMap<>();
    comparison.rows().forEach(r -> byMetric.computeIfAbsent(r.metric(), k -> new ArrayList<>()).add(r));
    List<BarChart> charts = new ArrayList<>();
    byMetric.forEach((metric, rows) -> charts.add(chart(metric, rows)));
    return charts;
  }

  private static BarChart chart(String metric, List<MetricsComparison.Row> rows) {
    double max = 0;
    for (MetricsComparison.Row r : rows) {
      max = Math.max(max, Math.max(nonNegative(r.candidate()), nonNegative(r.baseline())));
    }
    double top = niceCeiling(max);
    double plot = HEIGHT - TOP - BOTTOM;
    double axisY = TOP + plot;
    List<Bar> bars = new ArrayList<>();
    List<Group> groups = new ArrayList<>();
    double x = LEFT + GROUP_GAP / 2;
    for (MetricsComparison.Row r : rows) {
      bars.add(bar(r.segment(), "candidate", x, r.candidate(), top, plot, axisY, r.failed()));
      bars.add(bar(r.segment(), "baseline", x + BAR + GAP, r.baseline(), top, plot, axisY, false));
      groups.add(new Group(x + BAR + GAP / 2, r.segment()));
      x += 2 * BAR + GAP + GROUP_GAP;
    }
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; i <= 4; i++) {
      double value = top * i / 4;
      ticks.add(new Tick(axisY - plot * i / 4, label(value)));
    }
    return new BarChart(metric, x - GROUP_GAP / 2 + 10, HEIGHT, axisY, bars, ticks, groups);
  }

  private static Bar bar(String segment, String series, double x, Double value, double top, double plot,
      double axisY, boolean failed) {
    double h = value == null || top == 0 ? 0 : plot * nonNegative(value) / top;
    return new Bar(segment, series, x, axisY - h, BAR, h, value == null ? "—" : label(value), failed);
  }

  private static double nonNegative(Double d) {
    return d == null || d < 0 ? 0 : d;
  }

  /** 1, 2 or 5 times a power of ten, at least the value (and at least something above zero). */
  static double niceCeiling(double v) {
    if (v <= 0) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(v)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * power >= v) {
        return step * power;
      }
    }
    return 10 * power;
  }

  private static String label(double v) {
    return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  public double axisLeft() {
    return LEFT;
  }
}
