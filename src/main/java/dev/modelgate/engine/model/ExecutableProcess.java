package dev.modelgate.engine.model;

import java.util.List;
import java.util.Map;

/** A deployed, executable process: its root element and an index of all elements by id. */
public record ExecutableProcess(String bpmnProcessId, Element root, Map<String, Element> elements) {

  public Element element(String id) {
    return elements.get(id);
  }

  public List<Element> startEvents() {
    return root.children().stream().filter(e -> e.kind() == ElementKind.START_EVENT).toList();
  }
}
