package dev.modelgate.maturity;

import dev.modelgate.registry.Project;
import java.util.List;

/**
 * Something the server knows about a project that answers a maturity question. Each feature that holds
 * such facts contributes a source; the workflow feature, for example, can add one that sees reviews,
 * sign-offs and promotions running through workflows (question {@code approvals}, {@code model-release}).
 */
@FunctionalInterface
public interface MaturityEvidence {

  List<Suggestion> suggest(Project project);

  /** A suggested answer to one question, and the facts it rests on. */
  record Suggestion(String questionId, String optionId, String evidence) {}
}
