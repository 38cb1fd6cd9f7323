package dev.modelgate.workflow.pages;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Gateway;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnLabel;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.di.Waypoint;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The diagrams of the deployed BPMN models ({@code workflows/} on the classpath), parsed once with
 * {@code zeebe-bpmn-model} from their diagram interchange, and which elements a workflow's current steps
 * are: a task's element, a message's catch event, or, for a step inside a called process, the call activity.
 */
public final class BpmnDiagrams {

  private static final int TASK_LINE = 16;
  private static final int LABEL_LINE = 20;
  private static final double LINE_HEIGHT = 13;

  private final Map<String, Diagram> diagrams = new HashMap<>();
  /** Element ids of every process, to find which call activity a nested step belongs to. */
  private final Map<String, Set<String>> elementsByProcess = new HashMap<>();
  /** Call activities of each process: element id → called process id. */
  private final Map<String, Map<String, String>> callsByProcess = new HashMap<>();
  /** Message name → ids of the elements that wait for it. */
  private final Map<String, Set<String>> catchersByMessage = new HashMap<>();

  public BpmnDiagrams(Collection<String> resources) {
    for (String resource : resources) {
      try (InputStream in = BpmnDiagrams.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " missing from the classpath");
        }
        read(Bpmn.readModelFromStream(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  Optional<Diagram> diagram(String processId) {
    return Optional.ofNullable(diagrams.get(processId));
  }

  /**
   * The elements of {@code processId} to highlight for these current steps: each step's element id (a
   * message step names its message), mapped to the call activity when the element is in a called process.
   */
  Set<String> currentElements(String processId, Collection<String> stepElements) {
    Set<String> own = elementsByProcess.getOrDefault(processId, Set.of());
    Set<String> out = new LinkedHashSet<>();
    for (String step : stepElements) {
      Set<String> candidates = new LinkedHashSet<>();
      candidates.add(step);
      candidates.addAll(catchersByMessage.getOrDefault(step, Set.of()));
      for (String c : candidates) {
        if (own.contains(c)) {
          out.add(c);
        } else {
          callsByProcess.getOrDefault(processId, Map.of()).forEach((call, called) -> {
            if (elementsByProcess.getOrDefault(called, Set.of()).contains(c)) {
              out.add(call);
            }
          });
        }
      }
    }
    return out;
  }

  private void read(BpmnModelInstance model) {
    Collection<Process> processes = model.getModelElementsByType(Process.class);
    for (Process p : processes) {
      Set<String> ids = p.getChildElementsByType(FlowElement.class).stream().map(BaseElement::getId)
          .collect(Collectors.toSet());
      elementsByProcess.put(p.getId(), ids);
      Map<String, String> calls = new HashMap<>();
      for (CallActivity call : p.getChildElementsByType(CallActivity.class)) {
        ZeebeCalledElement called = call.getSingleExtensionElement(ZeebeCalledElement.class);
        if (called != null) {
          calls.put(call.getId(), called.getProcessId());
        }
      }
      callsByProcess.put(p.getId(), calls);
    }
    for (CatchEvent e : model.getModelElementsByType(CatchEvent.class)) {
      e.getEventDefinitions().stream().filter(MessageEventDefinition.class::isInstance)
          .map(d -> ((MessageEventDefinition) d).getMessage()).filter(m -> m != null && m.getName() != null)
          .forEach(m -> catchersByMessage.computeIfAbsent(m.getName(), k -> new HashSet<>()).add(e.getId()));
    }
    for (ReceiveTask r : model.getModelElementsByType(ReceiveTask.class)) {
      if (r.getMessage() != null && r.getMessage().getName() != null) {
        catchersByMessage.computeIfAbsent(r.getMessage().getName(), k -> new HashSet<>()).add(r.getId());
      }
    }
    // One process per file here: its diagram is every shape and edge of the file.
    List<Diagram.Shape> shapes = new ArrayList<>();
    List<Diagram.Edge> edges = new ArrayList<>();
    Extent extent = new Extent();
    for (BpmnShape s : model.getModelElementsByType(BpmnShape.class)) {
      if (!(s.getBpmnElement() instanceof FlowElement element) || s.getBounds() == null) {
        continue;
      }
      Bounds b = s.getBounds();
      extent.add(b);
      Diagram.Kind kind = kind(element);
      List<Diagram.Label> labels = new ArrayList<>();
      String name = element.getName() == null ? "" : element.getName();
      if (kind == Diagram.Kind.TASK || kind == Diagram.Kind.CALL) {
        labels.addAll(lines(name, TASK_LINE, b.getX() + b.getWidth() / 2, b.getY() + b.getHeight() / 2));
      } else if (!name.isEmpty()) {
        Bounds lb = labelBounds(s.getBpmnLabel()).orElse(null);
        double cx = lb == null ? b.getX() + b.getWidth() / 2 : lb.getX() + lb.getWidth() / 2;
        double top = lb == null ? b.getY() + b.getHeight() + 12 : lb.getY() + 9;
        List<String> text = wrap(name, LABEL_LINE);
        for (int i = 0; i < text.size(); i++) {
          labels.add(new Diagram.Label(cx, top + i * LINE_HEIGHT, text.get(i)));
        }
        if (lb != null) {
          extent.add(lb);
        }
      }
      shapes.add(new Diagram.Shape(element.getId(), element.getElementType().getTypeName(), kind, b.getX(), b.getY(),
          b.getWidth(), b.getHeight(), marker(element), labels, false));
    }
    // Boundary events are drawn on top of the activity they are attached to.
    shapes.sort((a, b) -> Boolean.compare(a.kind() == Diagram.Kind.BOUNDARY_EVENT,
        b.kind() == Diagram.Kind.BOUNDARY_EVENT));
    for (BpmnEdge e : model.getModelElementsByType(BpmnEdge.class)) {
      if (e.getBpmnElement() == null) {
        continue;
      }
      StringBuilder points = new StringBuilder();
      for (Waypoint w : e.getWaypoints()) {
        extent.add(w.getX(), w.getY());
        points.append(points.isEmpty() ? "" : " ").append(Diagram.fmt(w.getX())).append(',')
            .append(Diagram.fmt(w.getY()));
      }
      List<Diagram.Label> labels = new ArrayList<>();
      String name = e.getBpmnElement() instanceof FlowElement f && f.getName() != null ? f.getName() : "";
      Optional<Bounds> lb = labelBounds(e.getBpmnLabel());
      if (!name.isEmpty() && lb.isPresent()) {
        extent.add(lb.get());
        labels.add(new Diagram.Label(lb.get().getX() + lb.get().getWidth() / 2, lb.get().getY() + 10, name));
      }
      edges.add(new Diagram.Edge(e.getBpmnElement().getId(), points.toString(), labels));
    }
    Process process = processes.iterator().next();
    double margin = 40;
    diagrams.put(process.getId(), new Diagram(process.getId(), extent.minX - margin, extent.minY - margin,
        extent.maxX - extent.minX + 2 * margin, extent.maxY - extent.minY + 2 * margin, List.copyOf(shapes),
        List.copyOf(edges)));
  }

  private static Optional<Bounds> labelBounds(BpmnLabel label) {
    return Optional.ofNullable(label).map(BpmnLabel::getBounds);
  }

  private static Diagram.Kind kind(FlowElement e) {
    if (e instanceof BoundaryEvent) {
      return Diagram.Kind.BOUNDARY_EVENT;
    }
    if (e instanceof EndEvent) {
      return Diagram.Kind.END_EVENT;
    }
    if (e instanceof Event) {
      return Diagram.Kind.EVENT;
    }
    if (e instanceof Gateway) {
      return Diagram.Kind.GATEWAY;
    }
    if (e instanceof CallActivity) {
      return Diagram.Kind.CALL;
    }
    return Diagram.Kind.TASK;
  }

  /** A short symbol drawn inside the shape: gateway type, event trigger, call activity. */
  private static String marker(FlowElement e) {
    if (e instanceof ExclusiveGateway) {
      return "×";
    }
    if (e instanceof ParallelGateway) {
      return "+";
    }
    if (e instanceof InclusiveGateway) {
      return "○";
    }
    if (e instanceof EventBasedGateway) {
      return "⬠";
    }
    if (e instanceof CatchEvent c) {
      if (c.getEventDefinitions().stream().anyMatch(TimerEventDefinition.class::isInstance)) {
        return "⏱";
      }
      if (c.getEventDefinitions().stream().anyMatch(MessageEventDefinition.class::isInstance)) {
        return "✉";
      }
      if (!c.getEventDefinitions().isEmpty()) {
        return "⚡";
      }
    }
    if (e instanceof CallActivity) {
      return "⊞";
    }
    return "";
  }

  private static List<Diagram.Label> lines(String text, int width, double cx, double cy) {
    List<String> lines = wrap(text, width);
    List<Diagram.Label> out = new ArrayList<>();
    double top = cy - (lines.size() - 1) * LINE_HEIGHT / 2 + 4;
    for (int i = 0; i < lines.size(); i++) {
      out.add(new Diagram.Label(cx, top + i * LINE_HEIGHT, lines.get(i)));
    }
    return out;
  }

  /** Greedy word wrap at {@code width} characters. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.isEmpty() ? "" : " ").append(word);
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }

  /** The smallest rectangle around everything drawn. */
  private static final class Extent {
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;

    void add(Bounds b) {
      add(b.getX(), b.getY());
      add(b.getX() + b.getWidth(), b.getY() + b.getHeight());
    }

    void add(double x, double y) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
}
