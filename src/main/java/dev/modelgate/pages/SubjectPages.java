package dev.modelgate.pages;

import dev.modelgate.kernel.Subject;
import dev.modelgate.kernel.SubjectType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where features' pages meet without importing each other: the feature that owns a kind of subject
 * registers its page ({@link SubjectPage}), other features contribute sections to it ({@link SubjectSection})
 * and find it to come back to after their forms. So registry and workflow pages never import discussion,
 * and discussion never imports their pages. Filled while the features mount (before the server listens),
 * only read afterwards.
 */
public final class SubjectPages {

  private final Map<SubjectType, SubjectPage> pages = new EnumMap<>(SubjectType.class);
  private final Map<SubjectType, List<SubjectSection>> sections = new EnumMap<>(SubjectType.class);

  /** The page of {@code page.type()} subjects; one per type. */
  public void register(SubjectPage page) {
    if (pages.putIfAbsent(page.type(), page) != null) {
      throw new IllegalStateException("a page for " + page.type().id() + " subjects is registered already");
    }
  }

  /** Adds a section to every page of {@code type} subjects. */
  public void contribute(SubjectType type, SubjectSection section) {
    sections.computeIfAbsent(type, t -> new ArrayList<>()).add(section);
  }

  public Optional<SubjectPage> page(SubjectType type) {
    return Optional.ofNullable(pages.get(type));
  }

  /** The contributed sections' variables for a subject page this viewer sees. */
  public void addSections(Map<String, Object> vars, Viewer viewer, PageCall call, Subject subject,
      Object resource) {
    for (SubjectSection s : sections.getOrDefault(subject.type(), List.of())) {
      s.addTo(vars, viewer, call, subject, resource);
    }
  }
}
