package dev.modelgate.workflow.engine;

/**
 * Thrown by a worker for a business failure the model handles (an error boundary event with this
 * code); anything else a worker throws fails the job, which is retried and then becomes an incident.
 */
public final class BpmnError extends RuntimeException {

  private final String code;

  public BpmnError(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
