package dev.modelgate.timetracking;

import com.mongodb.client.MongoCollection;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.Store;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.bson.Document;

/**
 * Elapsed time of workflow steps, recorded by the workflows themselves: one record per step instance in
 * {@code workflow_step_times} (the idempotency key is the id, so a retried call records nothing twice),
 * summed into weekly counters ({@code time_step_counters}, cells {@code <step>|<role>|<day>}, where the
 * counters' minute field holds seconds).
 */
public final class WorkflowStepTimes {

  private final MongoCollection<Document> records;
  private final WeeklyCounters counters;

  public WorkflowStepTimes(Store store) {
    this.records = store.collection("workflow_step_times");
    this.counters = new WeeklyCounters(store, "time_step_counters");
  }

  public void ensureIndexes() {
    counters.ensureIndexes();
  }

  public WeeklyCounters counters() {
    return counters;
  }

  /**
   * Records the step once per key; the counter update is idempotent too, so a caller that failed half-way
   * simply calls again with the same key.
   */
  public void record(String key, String projectId, String team, String workflowId, String step, String role,
      long seconds, LocalDate day, Instant at) {
    try {
      records.insertOne(new Document("_id", key).append("projectId", projectId).append("team", team)
          .append("workflowId", workflowId).append("step", step).append("role", role).append("seconds", seconds)
          .append("day", day.toString()).append("at", Date.from(at)));
    } catch (RuntimeException e) {
      if (!Duplicates.isDuplicateKey(e)) {
        throw e;
      }
      Document existing = records.find(com.mongodb.client.model.Filters.eq("_id", key)).first();
      if (existing != null) {
        day = LocalDate.parse(existing.getString("day"));
        seconds = ((Number) existing.get("seconds")).longValue();
        step = existing.getString("step");
        role = existing.getString("role");
      }
    }
    String cell = Cells.of(step, role == null ? "" : role, Integer.toString(day.getDayOfWeek().getValue()));
    counters.apply(projectId, team, day, "step:" + key, new WeeklyCounters.Delta(cell, seconds, 0, 1));
  }
}
