package dev.modelgate.maturity;

import dev.modelgate.access.Principal;
import dev.modelgate.audit.AuditEvent;
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.registry.Project;
import dev.modelgate.store.Ids;
import dev.modelgate.web.Page;
import dev.modelgate.web.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** MLOps maturity assessments per project: scoring, history, and answers pre-filled from evidence. */
public final class Maturity {

  private static final Logger log = LoggerFactory.getLogger(Maturity.class);

  private final Questionnaire questionnaire;
  private final MaturityScoring scoring;
  private final MaturityRepository repository;
  private final List<MaturityEvidence> evidence;
  private final AuditTrail audit;
  private final Clock clock;

  public Maturity(Questionnaire questionnaire, MaturityRepository repository, List<MaturityEvidence> evidence,
      AuditTrail audit, Clock clock) {
    this.questionnaire = questionnaire;
    this.scoring = new MaturityScoring(questionnaire);
    this.repository = repository;
    this.evidence = List.copyOf(evidence);
    this.audit = audit;
    this.clock = clock;
  }

  public Questionnaire questionnaire() {
    return questionnaire;
  }

  /** An assessment with its scores. */
  public record Scored(MaturityAssessment assessment, MaturityScore score) {}

  public Scored assess(Principal by, Project project, MaturityAnswers answers) {
    MaturityAssessment a = new MaturityAssessment(Ids.newId(), project.id(), questionnaire.version(),
        answers.answers(), answers.note(), by.username(), Instant.now(clock));
    MaturityScore score = scoring.score(a.answers());
    repository.append(a);
    audit.record(new AuditEvent(by.username(), "project.maturity-assessed", project.team(), "project", project.id(),
        Map.of("assessment", a.id(), "google", score.overall().get(Scale.GOOGLE),
            "microsoft", score.overall().get(Scale.MICROSOFT))));
    return new Scored(a, score);
  }

  /** The project's assessments, newest first, each scored (answers to questions since removed are skipped). */
  public List<Scored> history(Project project) {
    List<Scored> out = new ArrayList<>();
    for (MaturityAssessment a : repository.history(project.id())) {
      out.add(scored(a));
    }
    return out;
  }

  /**
   * One page of the history, newest first, after the assessment {@code page.after()} (ids grow with time).
   * The history is one document read by key (bounded to the newest {@value MaturityRepository#MAX_KEPT});
   * only the page's assessments are scored.
   */
  public Page<Scored> history(Project project, PageRequest page) {
    page.requireObjectIdCursor();
    List<MaturityAssessment> fetched = new ArrayList<>();
    for (MaturityAssessment a : repository.history(project.id())) {
      if (page.after().isEmpty() || a.id().compareTo(page.after().get()) < 0) {
        fetched.add(a);
        if (fetched.size() > page.limit()) {
          break;
        }
      }
    }
    return Page.of(fetched.stream().map(this::scored).toList(), page.limit(), s -> s.assessment().id());
  }

  private Scored scored(MaturityAssessment a) {
    boolean complete = questionnaire.questions().stream()
        .allMatch(q -> q.option(a.answers().get(q.id())).isPresent());
    return new Scored(a, complete ? scoring.score(a.answers()) : null);
  }

  /** Answers the server can suggest from what it knows, with the evidence, one per question. */
  public record Prefill(Map<String, String> answers, List<MaturityEvidence.Suggestion> evidence,
      List<String> unanswered) {}

  public Prefill prefill(Project project) {
    Map<String, String> answers = new LinkedHashMap<>();
    List<MaturityEvidence.Suggestion> used = new ArrayList<>();
    for (MaturityEvidence source : evidence) {
      List<MaturityEvidence.Suggestion> suggestions;
      try {
        suggestions = source.suggest(project);
      } catch (RuntimeException e) {
        // one broken source must not hide the others' evidence
        log.warn("maturity evidence source {} failed: {}", source.getClass().getSimpleName(), e.toString());
        continue;
      }
      for (MaturityEvidence.Suggestion s : suggestions) {
        boolean valid = questionnaire.question(s.questionId()).flatMap(q -> q.option(s.optionId())).isPresent();
        if (valid && !answers.containsKey(s.questionId())) {
          answers.put(s.questionId(), s.optionId());
          used.add(s);
        }
      }
    }
    List<String> unanswered = questionnaire.questions().stream().map(Questionnaire.Question::id)
        .filter(id -> !answers.containsKey(id)).toList();
    return new Prefill(answers, used, unanswered);
  }
}
