package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.behavior.ActivatedJobData;
import dev.modelgate.engine.processing.Command.ActivateJobs;
import dev.modelgate.engine.processing.JobDispatcher;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import java.util.List;

/** ActivateJobs: the activatable jobs of a type now, or a long poll until some come or the request times out. */
public final class ActivateJobsProcessor implements TypedCommandProcessor<ActivateJobs> {
  private static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 10_000;
  private final JobDispatcher dispatcher;

  public ActivateJobsProcessor(JobDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public Object process(ActivateJobs c, Responder responder) {
    if (c.type() == null || c.type().isBlank()) {
      return Rejection.invalid("Expected to activate jobs with a non-empty type");
    }
    if (c.maxJobs() < 1) {
      return Rejection.invalid("Expected to activate at least 1 job, but maxJobsToActivate was " + c.maxJobs());
    }
    if (c.timeout() < 1) {
      return Rejection.invalid("Expected a job timeout of at least 1 ms, but it was " + c.timeout());
    }
    List<ActivatedJobData> jobs = dispatcher.activate(c.type(), c.worker(), c.timeout(), c.maxJobs(),
        c.fetchVariables());
    if (!jobs.isEmpty() || c.requestTimeoutMillis() < 0) {
      return new Results.ActivatedJobs(jobs);
    }
    dispatcher.poll(c, responder, c.requestTimeoutMillis() == 0 ? DEFAULT_REQUEST_TIMEOUT_MILLIS
        : c.requestTimeoutMillis());
    return null;
  }
}
