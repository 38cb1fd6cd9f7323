package dev.modelgate.workflow.pages;

import java.util.List;
import java.util.Set;

/**
 * A BPMN process drawn from its diagram interchange (DI): shapes with their labels, edges with their
 * way points, and the canvas. Immutable; {@link #highlighting} marks the elements a workflow waits in.
 * Public because the templates read it.
 */
public record Diagram(String processId, double minX, double minY, double width, double height, List<Shape> shapes,
    List<Edge> edges) {

  /** What a shape is drawn as. */
  public enum Kind { TASK, CALL, EVENT, END_EVENT, BOUNDARY_EVENT, GATEWAY }

  /** One flow node: where, what, its label lines and where they go, and whether the workflow waits there. */
  public record Shape(String elementId, String type, Kind kind, double x, double y, double w, double h,
      String marker, List<Label> labels, boolean current) {

    public double cx() {
      return x + w / 2;
    }

    public double cy() {
      return y + h / 2;
    }

    public double r() {
      return Math.min(w, h) / 2;
    }

    /** The diamond of a gateway as SVG polygon points. */
    public String diamond() {
      return fmt(cx()) + "," + fmt(y) + " " + fmt(x + w) + "," + fmt(cy()) + " " + fmt(cx()) + "," + fmt(y + h) + " "
          + fmt(x) + "," + fmt(cy());
    }

    public String cssClass() {
      return "shape " + kind.name().toLowerCase().replace('_', '-') + (current ? " current" : "");
    }

    Shape current(boolean now) {
      return new Shape(elementId, type, kind, x, y, w, h, marker, labels, now);
    }
  }

  /** One line of a label, centred at (x, y). */
  public record Label(double x, double y, String text) {}

  /** One sequence flow: its way points as SVG polyline points, and its name. */
  public record Edge(String elementId, String points, List<Label> labels) {}

  public String viewBox() {
    return fmt(minX) + " " + fmt(minY) + " " + fmt(width) + " " + fmt(height);
  }

  /** The same diagram with exactly these elements marked current. */
  public Diagram highlighting(Set<String> elementIds) {
    return new Diagram(processId, minX, minY, width, height,
        shapes.stream().map(s -> s.current(elementIds.contains(s.elementId()))).toList(), edges);
  }

  static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : String.format(java.util.Locale.ROOT, "%.1f", d);
  }
}
