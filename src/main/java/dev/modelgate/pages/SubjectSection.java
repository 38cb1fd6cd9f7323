package dev.modelgate.pages;

import dev.modelgate.kernel.Subject;
import java.util.Map;

/**
 * A part of a subject's page that another feature contributes (its discussion, a project's running
 * workflows, time spent, cost–benefit, maturity), with that feature's own permission checks.
 */
@FunctionalInterface
public interface SubjectSection {

  /**
   * Puts the section's template variables into {@code vars} for this viewer (null values where the viewer
   * may not see a part). {@code resource} is what the subject page loaded for {@code subject}: the
   * {@code Project}, {@code ModelVersion} or {@code Workflow}, so a section need not load it again.
   */
  void addTo(Map<String, Object> vars, Viewer viewer, PageCall call, Subject subject, Object resource);
}
