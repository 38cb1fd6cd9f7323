package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Job;

/** Finds the job a job command is about, in one of the states the command allows. */
final class JobLookup {
  private JobLookup() {}

  /** The incident of a job out of retries: Camunda tells listener jobs apart. */
  static IncidentType noRetries(Job job) {
    return switch (job.kind) {
      case BPMN_ELEMENT -> IncidentType.JOB_NO_RETRIES;
      case EXECUTION_LISTENER -> IncidentType.EXECUTION_LISTENER_NO_RETRIES;
      case TASK_LISTENER -> IncidentType.TASK_LISTENER_NO_RETRIES;
    };
  }

  /** The job, or the rejection (NOT_FOUND, FAILED_PRECONDITION) saying why not. */
  static Object inState(EngineState state, long key, String action, Job.State... states) {
    Job job = state.jobs.get(key);
    if (job == null) {
      return Rejection.notFound("Expected to " + action + " job with key '" + key + "', but no such job was found");
    }
    for (Job.State s : states) {
      if (job.state == s) {
        return job;
      }
    }
    return Rejection.precondition("Expected to " + action + " job with key '" + key + "', but it is in state '"
        + job.state + "'");
  }
}
