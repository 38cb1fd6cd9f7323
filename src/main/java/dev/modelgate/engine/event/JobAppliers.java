package dev.modelgate.engine.event;

import dev.modelgate.engine.event.EngineEvent.JobActivated;
import dev.modelgate.engine.event.EngineEvent.JobCanceled;
import dev.modelgate.engine.event.EngineEvent.JobCompleted;
import dev.modelgate.engine.event.EngineEvent.JobCreated;
import dev.modelgate.engine.event.EngineEvent.JobErrorThrown;
import dev.modelgate.engine.event.EngineEvent.JobFailed;
import dev.modelgate.engine.event.EngineEvent.JobRecurred;
import dev.modelgate.engine.event.EngineEvent.JobRetriesUpdated;
import dev.modelgate.engine.event.EngineEvent.JobTimedOut;
import dev.modelgate.engine.event.EngineEvent.JobTimeoutUpdated;
import dev.modelgate.engine.model.ListenerEventType;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.Job;
import dev.modelgate.engine.util.Headers;

/** Appliers of job events. */
final class JobAppliers {
  private final EngineState state;

  JobAppliers(EngineState state) {
    this.state = state;
  }

  void created(JobCreated e) {
    Job job = new Job(e.key(), e.type(), e.elementInstanceKey(), e.processInstanceKey(), e.bpmnProcessId(),
        e.processDefinitionVersion(), e.processDefinitionKey(), e.elementId(), Headers.sorted(e.customHeaders()),
        e.retries());
    job.kind = e.kind();
    job.listenerEventType = e.listenerEventType();
    job.userTaskKey = e.userTaskKey();
    job.state = Job.State.FAILED; // nothing scheduled yet
    state.jobs.put(job.key, job);
    ElementInstance instance = state.instances.get(e.elementInstanceKey());
    // canceling listeners run after their element is gone: it waits for none of them
    if (instance != null && e.listenerEventType() != ListenerEventType.CANCELING) {
      instance.jobKey = job.key;
    }
    state.makeActivatable(job);
  }

  void activated(JobActivated e) {
    state.activate(state.jobs.get(e.key()), e.worker(), e.deadline());
  }

  void completed(JobCompleted e) {
    remove(e.key());
  }

  void canceled(JobCanceled e) {
    remove(e.key());
  }

  private void remove(long key) {
    Job job = state.jobs.get(key);
    state.removeJob(job);
    ElementInstance instance = state.instances.get(job.elementInstanceKey);
    if (instance != null && instance.jobKey == key) {
      instance.jobKey = -1;
    }
  }

  void failed(JobFailed e) {
    Job job = state.jobs.get(e.key());
    job.retries = e.retries();
    job.errorMessage = e.errorMessage();
    if (e.retries() > 0 && e.recurAt() > 0) {
      state.backoff(job, e.recurAt());
    } else if (e.retries() > 0) {
      state.makeActivatable(job);
    } else {
      state.setJobState(job, Job.State.FAILED);
    }
  }

  void errorThrown(JobErrorThrown e) {
    Job job = state.jobs.get(e.key());
    state.setJobState(job, Job.State.ERROR_THROWN);
    job.errorMessage = e.errorMessage();
  }

  void retriesUpdated(JobRetriesUpdated e) {
    state.jobs.get(e.key()).retries = e.retries();
  }

  void timeoutUpdated(JobTimeoutUpdated e) {
    state.changeDeadline(state.jobs.get(e.key()), e.deadline());
  }

  void timedOut(JobTimedOut e) {
    state.makeActivatable(state.jobs.get(e.key()));
  }

  void recurred(JobRecurred e) {
    state.makeActivatable(state.jobs.get(e.key()));
  }
}
