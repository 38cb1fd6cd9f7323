package dev.modelgate.engine.history;

/**
 * The search filters: every field is optional (null matches anything); keys are longs as the engine
 * gives them (the REST layer turns Camunda's string keys into them).
 */
public final class HistoryFilter {
  private HistoryFilter() {}

  public record ProcessInstanceFilter(Long processInstanceKey, String bpmnProcessId, Long processDefinitionKey,
      String state, Long parentElementInstanceKey, Boolean hasIncident) {
    public static ProcessInstanceFilter any() {
      return new ProcessInstanceFilter(null, null, null, null, null, null);
    }
  }

  public record ElementInstanceFilter(Long processInstanceKey, String elementId, String type, String state,
      Long elementInstanceKey) {}

  public record VariableFilter(Long processInstanceKey, Long scopeKey, String name) {}

  public record IncidentFilter(Long processInstanceKey, String state, String errorType, Long elementInstanceKey) {}

  public record JobFilter(Long processInstanceKey, String type, String state, Long elementInstanceKey) {}

  public record UserTaskFilter(String state, String assignee, String candidateGroup, String candidateUser,
      String bpmnProcessId, Long processInstanceKey, String elementId) {
    public static UserTaskFilter any() {
      return new UserTaskFilter(null, null, null, null, null, null, null);
    }
  }

  static boolean matches(Object wanted, Object actual) {
    return wanted == null || wanted.equals(actual);
  }
}
