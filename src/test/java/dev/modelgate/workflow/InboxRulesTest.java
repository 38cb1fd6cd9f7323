package dev.modelgate.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modelgate.kernel.Refusal;
import dev.modelgate.workflow.engine.JobInput;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inbox's pure rules: candidate groups from headers, decision parsing, variable names. */
class InboxRulesTest {

  static JobInput job(String groups) {
    return new JobInput(1, Inbox.USER_TASK_JOB_TYPE, 2, "model-review", "peer-review", 3, Map.of(),
        Map.of(Inbox.HEADER_CANDIDATE_GROUPS, groups));
  }

  @Test
  void candidateGroupWithTeamOrRoleOnly() {
    assertArrayEquals(new String[] {"risk", "engineer"}, Inbox.candidate(job("[\"risk:engineer\"]"), "other"));
    assertArrayEquals(new String[] {"other", "product"}, Inbox.candidate(job("[\"product\"]"), "other"));
    assertArrayEquals(new String[] {"other", "compliance"}, Inbox.candidate(job("compliance"), "other"));
    assertThrows(IllegalStateException.class, () -> Inbox.candidate(job("[\"risk:admins\"]"), "risk"));
  }

  @Test
  void decisionNeedsACommentUnlessApproving() {
    assertEquals("approve", Inbox.DecisionRequest.parse(new JsonObject().put("decision", "approve")).decision());
    Refusal e = assertThrows(Refusal.class,
        () -> Inbox.DecisionRequest.parse(new JsonObject().put("decision", "reject")));
    assertEquals("comment", e.field().orElseThrow());
    Refusal bad = assertThrows(Refusal.class,
        () -> Inbox.DecisionRequest.parse(new JsonObject().put("decision", "maybe")));
    assertEquals("decision", bad.field().orElseThrow());
  }

  @Test
  void decisionVariableIsNamedAfterTheStep() {
    assertEquals("peerReview", Inbox.camel("peer-review"));
    assertEquals("officerSignoff", Inbox.camel("officer-signoff"));
  }
}
