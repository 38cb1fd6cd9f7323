package dev.modelgate.workflow.engine;

import dev.modelgate.store.DurabilityBarrier;
import dev.modelgate.store.StoreUnavailableException;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import io.grpc.Status;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ProcessEngine} over the Camunda Java client, commands over gRPC ({@code preferRestOverGrpc(false)}), so it
 * works the same against the embedded engine and a Zeebe gateway.
 */
public final class CamundaProcessEngine implements ProcessEngine {

  private static final Logger log = LoggerFactory.getLogger(CamundaProcessEngine.class);
  private static final Duration FAIL_BACKOFF = Duration.ofSeconds(5);
  private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(2);

  private final CamundaClient client;
  private final DurabilityBarrier durability;
  /**
   * Jobs a worker takes at once: few, so that a job never waits long in the client's queue, where its lease
   * is not yet renewed.
   */
  private static final int MAX_JOBS_ACTIVE = 4;

  private final List<JobWorker> workers = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("modelgate-job-lease").daemon(true).factory());

  public CamundaProcessEngine(CamundaClient client, DurabilityBarrier durability) {
    this.client = client;
    this.durability = durability;
  }

  /**
   * A client for the engine at {@code grpcAddress} (e.g. {@code http://127.0.0.1:26500}, plaintext) whose REST
   * API is at {@code restAddress}; commands go over gRPC. A non-blank {@code token} is sent as a bearer token.
   */
  public static CamundaClient newClient(URI grpcAddress, URI restAddress, String token) {
    var builder = CamundaClient.newClientBuilder();
    if (token != null && !token.isBlank()) {
      builder.credentialsProvider(new io.camunda.client.CredentialsProvider() {
        @Override
        public void applyCredentials(CredentialsApplier applier) {
          applier.put("Authorization", "Bearer " + token.strip());
        }

        @Override
        public boolean shouldRetryRequest(StatusCode status) {
          return false;
        }
      });
    }
    return builder
        .grpcAddress(grpcAddress)
        .restAddress(restAddress)
        .preferRestOverGrpc(false)
        // Handlers block on the store and on webhooks: enough threads that an activated job rarely waits for
        // one, since its lease is renewed only once its handler runs.
        .numJobWorkerExecutionThreads(16)
        .defaultRequestTimeout(Duration.ofSeconds(20))
        .defaultJobPollInterval(Duration.ofMillis(100))
        .build();
  }

  public CamundaClient client() {
    return client;
  }

  @Override
  public List<String> deploy(List<Resource> resources) {
    DeployResourceCommandStep1 cmd = client.newDeployResourceCommand();
    DeployResourceCommandStep1.DeployResourceCommandStep2 step = null;
    for (Resource r : resources) {
      step = step == null ? cmd.addResourceBytes(r.content(), r.name()) : step.addResourceBytes(r.content(), r.name());
    }
    if (step == null) {
      return List.of();
    }
    // The first deployment parses and transforms every model (FEEL included): allow a slow, busy machine.
    DeploymentEvent event = step.requestTimeout(DEPLOY_TIMEOUT).send().join();
    List<String> out = new ArrayList<>();
    event.getProcesses().forEach(p -> out.add(p.getBpmnProcessId() + ":" + p.getVersion()));
    return out;
  }

  @Override
  public long startInstance(String bpmnProcessId, Map<String, Object> variables) {
    return client.newCreateInstanceCommand().bpmnProcessId(bpmnProcessId).latestVersion().variables(variables)
        .send().join().getProcessInstanceKey();
  }

  @Override
  public boolean cancelInstance(long processInstanceKey) {
    try {
      client.newCancelInstanceCommand(processInstanceKey).send().join();
      return true;
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public boolean publishMessage(String name, String correlationKey, String messageId, Duration timeToLive,
      Map<String, Object> variables) {
    try {
      client.newPublishMessageCommand().messageName(name).correlationKey(correlationKey).messageId(messageId)
          .timeToLive(timeToLive).variables(variables).send().join();
      return true;
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.ALREADY_EXISTS) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public boolean completeJob(long jobKey, Map<String, Object> variables) {
    try {
      client.newCompleteCommand(jobKey).variables(variables).send().join();
      return true;
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public boolean extendJob(long jobKey, Duration timeout) {
    try {
      client.newUpdateTimeoutCommand(jobKey).timeout(timeout).send().join();
      return true;
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void openWorker(JobHandler handler, Duration lease) {
    workers.add(client.newWorker().jobType(handler.jobType()).handler((jobClient, job) -> {
      try (LeaseRenewal renewal = renew(job.getKey(), lease)) {
        run(handler, jobClient, job);
      }
    }).name("modelgate-" + handler.jobType()).timeout(lease).maxJobsActive(MAX_JOBS_ACTIVE).open());
  }

  @Override
  public void openHoldingWorker(String jobType, Duration lease, Duration hold, Predicate<JobInput> holds) {
    workers.add(client.newWorker().jobType(jobType).handler((jobClient, job) -> {
      boolean held;
      long mark = durability.mark();
      try (LeaseRenewal renewal = renew(job.getKey(), lease)) {
        held = holds.test(input(job));
        durability.awaitDurable(mark);
      } catch (RuntimeException e) {
        if (!(e instanceof StoreUnavailableException) && durability.available()) {
          throw e;
        }
        retryWhenStoreIsBack(jobClient, job);
        return;
      }
      if (held) {
        extendJob(job.getKey(), hold);
      }
    }).name("modelgate-" + jobType.replace(':', '-')).timeout(lease).maxJobsActive(MAX_JOBS_ACTIVE).open());
  }

  /** Renews a job's lease every third of it until closed; a handler that finishes quickly never renews. */
  private LeaseRenewal renew(long jobKey, Duration lease) {
    long every = Math.max(1, lease.toMillis() / 3);
    ScheduledFuture<?> f = renewals.scheduleAtFixedRate(() -> {
      try {
        extendJob(jobKey, lease);
      } catch (RuntimeException e) {
        log.debug("job {}: lease not renewed: {}", jobKey, e.toString());
      }
    }, every, every, TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }

  /** A running lease renewal; closing it stops renewing. */
  private interface LeaseRenewal extends AutoCloseable {
    @Override
    void close();
  }

  private void run(JobHandler handler, JobClient jobClient, ActivatedJob job) {
    try {
      runDurably(handler, jobClient, job);
    } catch (StoreUnavailableException e) {
      retryWhenStoreIsBack(jobClient, job);
    }
  }

  private void runDurably(JobHandler handler, JobClient jobClient, ActivatedJob job) {
    long mark = durability.mark();
    if (!durability.available()) {
      throw new StoreUnavailableException("the store waits to be reopened", null);
    }
    JobInput input = input(job);
    Map<String, Object> variables;
    try {
      variables = handler.handle(input);
    } catch (BpmnError e) {
      durability.awaitDurable(mark);
      log.info("job {} ({}) throws BPMN error {}: {}", job.getKey(), job.getType(), e.code(), e.getMessage());
      jobClient.newThrowErrorCommand(job).errorCode(e.code()).errorMessage(e.getMessage()).send().join();
      return;
    } catch (Exception e) {
      if (!durability.available()) {
        throw new StoreUnavailableException("the store failed while the job ran", e);
      }
      durability.awaitDurable(mark);
      int retries = Math.max(0, job.getRetries() - 1);
      log.warn("job {} ({}) failed, {} retries left: {}", job.getKey(), job.getType(), retries, e.toString());
      jobClient.newFailCommand(job).retries(retries).retryBackoff(FAIL_BACKOFF)
          .errorMessage(String.valueOf(e.getMessage())).send().join();
      return;
    }
    // The read model's writes for this step are durable before the engine moves on.
    durability.awaitDurable(mark);
    jobClient.newCompleteCommand(job).variables(variables).send().join();
  }

  /**
   * The store cannot save (disk full, read-only): not the job's fault, so its retries stay as they were and
   * it runs again after a back-off. If the engine cannot take even that, the job's timeout brings it back.
   */
  private void retryWhenStoreIsBack(JobClient jobClient, ActivatedJob job) {
    log.warn("job {} ({}) waits for the store to be writable again", job.getKey(), job.getType());
    try {
      jobClient.newFailCommand(job).retries(job.getRetries()).retryBackoff(FAIL_BACKOFF)
          .errorMessage("the store cannot save right now; retried").send().join();
    } catch (RuntimeException e) {
      log.debug("job {} left to time out: {}", job.getKey(), e.toString());
    }
  }

  private static JobInput input(ActivatedJob job) {
    return new JobInput(job.getKey(), job.getType(), job.getProcessInstanceKey(), job.getBpmnProcessId(),
        job.getElementId(), job.getRetries(), job.getVariablesAsMap(), job.getCustomHeaders());
  }

  @Override
  public void close() {
    workers.forEach(JobWorker::close);
    renewals.shutdownNow();
    client.close();
  }
}
