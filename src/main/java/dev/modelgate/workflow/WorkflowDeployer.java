package dev.modelgate.workflow;

import dev.modelgate.workflow.engine.ProcessEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the BPMN models of {@code workflows/} (copied onto the classpath by the build) at start-up,
 * in one deployment. Idempotent: the engine (embedded or Zeebe) keeps the existing version of an
 * unchanged resource and only versions a changed one.
 */
public final class WorkflowDeployer {

  private static final Logger log = LoggerFactory.getLogger(WorkflowDeployer.class);

  /** Called processes first, so a reader of the list sees dependencies before their callers. */
  public static final List<String> MODELS = List.of("model-review.bpmn", "compliance-signoff.bpmn",
      "model-promotion.bpmn", "retraining.bpmn");

  private final ProcessEngine engine;

  public WorkflowDeployer(ProcessEngine engine) {
    this.engine = engine;
  }

  public List<String> deploy() {
    List<ProcessEngine.Resource> resources = new ArrayList<>();
    for (String name : MODELS) {
      resources.add(new ProcessEngine.Resource(name, read("workflows/" + name)));
    }
    long started = System.nanoTime();
    List<String> deployed = engine.deploy(resources);
    log.info("workflows deployed in {} ms: {}", (System.nanoTime() - started) / 1_000_000, deployed);
    return deployed;
  }

  static byte[] read(String resource) {
    try (InputStream in = WorkflowDeployer.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
