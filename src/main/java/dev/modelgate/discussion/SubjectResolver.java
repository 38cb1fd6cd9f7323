package dev.modelgate.discussion;

import dev.modelgate.kernel.Refusal;
import dev.modelgate.kernel.Subject;
import dev.modelgate.kernel.SubjectType;
import dev.modelgate.registry.Registry;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns {@code <type>:<id>} into a {@link Subject} with its team: projects and model versions are
 * looked up in the {@link Registry}, workflows through the workflow feature's lookup (404 when missing).
 * The team always comes from the subject itself, never from the caller.
 */
public final class SubjectResolver {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private final Registry registry;
  private final Function<String, Optional<String>> workflowTeams;

  /** {@code workflowTeams} gives a workflow's team by its id, empty when there is no such workflow. */
  public SubjectResolver(Registry registry, Function<String, Optional<String>> workflowTeams) {
    this.registry = registry;
    this.workflowTeams = workflowTeams;
  }

  public Subject resolve(String raw) {
    if (raw == null || raw.isBlank()) {
      throw Refusal.invalid("subject", "is required, as <type>:<id> with type project, "
          + "model-version or workflow");
    }
    int colon = raw.indexOf(':');
    Optional<SubjectType> type = colon > 0 ? SubjectType.parse(raw.substring(0, colon)) : Optional.empty();
    if (type.isEmpty()) {
      throw Refusal.invalid("subject", "must be <type>:<id> with type project, model-version or "
          + "workflow");
    }
    String id = raw.substring(colon + 1);
    if (!ID.matcher(id).matches()) {
      throw Refusal.invalid("subject", "has an invalid id");
    }
    String team = switch (type.get()) {
      case PROJECT -> registry.project(id).team();
      case MODEL_VERSION -> registry.version(id).team();
      case WORKFLOW -> workflowTeams.apply(id)
          .orElseThrow(() -> Refusal.notFound("no workflow '" + id + "'"));
    };
    return new Subject(type.get(), id, team);
  }
}
