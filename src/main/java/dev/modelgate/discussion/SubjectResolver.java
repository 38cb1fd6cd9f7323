package dev.modelgate.discussion;

import dev.modelgate.registry.Registry;
import dev.modelgate.web.ProblemException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns {@code <type>:<id>} into a {@link Subject} with its team: projects and model versions are
 * looked up in the {@link Registry} (404 when missing). Workflows have no read model yet, so any id is
 * accepted and the team comes from the caller ({@code team} field or query); the workflow feature
 * overrides {@link #workflowTeam} to look the instance up instead.
 */
public class SubjectResolver {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private final Registry registry;

  public SubjectResolver(Registry registry) {
    this.registry = registry;
  }

  /** Resolves {@code raw}; {@code teamHint} is only used for subjects without a read model. */
  public Subject resolve(String raw, Optional<String> teamHint) {
    if (raw == null || raw.isBlank()) {
      throw ProblemException.badRequest("subject", "is required, as <type>:<id> with type project, "
          + "model-version or workflow");
    }
    int colon = raw.indexOf(':');
    Optional<SubjectType> type = colon > 0 ? SubjectType.parse(raw.substring(0, colon)) : Optional.empty();
    if (type.isEmpty()) {
      throw ProblemException.badRequest("subject", "must be <type>:<id> with type project, model-version or "
          + "workflow");
    }
    String id = raw.substring(colon + 1);
    if (!ID.matcher(id).matches()) {
      throw ProblemException.badRequest("subject", "has an invalid id");
    }
    String team = switch (type.get()) {
      case PROJECT -> registry.project(id).team();
      case MODEL_VERSION -> registry.version(id).team();
      case WORKFLOW -> workflowTeam(id, teamHint);
    };
    return new Subject(type.get(), id, team);
  }

  /**
   * The team of a workflow instance. Until workflows have a read model the caller names the team,
   * which must exist; the access check that follows still requires a role in that team.
   */
  protected String workflowTeam(String workflowId, Optional<String> teamHint) {
    String team = teamHint.orElseThrow(() -> ProblemException.badRequest("team",
        "is required for workflow subjects (the team the workflow belongs to)"));
    if (!registry.teamExists(team)) {
      throw ProblemException.notFound("no team '" + team + "'");
    }
    return team;
  }
}
