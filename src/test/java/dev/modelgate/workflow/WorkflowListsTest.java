package dev.modelgate.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.store.Ids;
import dev.modelgate.store.Store;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workflow, approval and task lists on the embedded store, with pages of 3 ids so that every list
 * crosses bucket pages: cursor continuity, filters after a status change, and that a repeated, concurrent
 * or half-done (crashed) write never lists an item twice and never loses one.
 */
class WorkflowListsTest {

  static final int PAGE = 3;
  static Store store;
  static WorkflowRepository workflows;
  static ApprovalRepository approvals;
  static TaskRepository tasks;

  @BeforeAll
  static void open() throws Exception {
    store = Store.open(Optional.empty(), "lists", Files.createTempDirectory("modelgate-wf-lists-"));
    workflows = new WorkflowRepository(store, PAGE);
    approvals = new ApprovalRepository(store, PAGE);
    tasks = new TaskRepository(store, PAGE);
    workflows.ensureIndexes();
    approvals.ensureIndexes();
    tasks.ensureIndexes();
  }

  @AfterAll
  static void close() {
    store.close();
  }

  static Workflow workflow(String projectId, String versionId) {
    Instant now = Instant.now();
    return new Workflow(Ids.newId(), WorkflowType.REVIEW, "team", projectId, versionId, "m", "1", "sam", "sam",
        Workflow.Status.RUNNING, null, null, List.of(), List.of(), Map.of(), now, null, List.of());
  }

  static WorkflowRepository.ListQuery query(String project, String version, Workflow.Status status) {
    return new WorkflowRepository.ListQuery(project, Optional.ofNullable(version), Optional.ofNullable(status));
  }

  /** Every item of a list, read in pages of {@code limit} by following the cursor. */
  static <T> List<String> readAll(int limit, Function<Optional<String>, Optional<List<T>>> page,
      Function<T, String> id) {
    List<String> out = new ArrayList<>();
    Optional<String> after = Optional.empty();
    for (int guard = 0; guard < 1000; guard++) {
      List<T> items = page.apply(after).orElseThrow(() -> new AssertionError("cursor refused: " + out));
      items.forEach(i -> out.add(id.apply(i)));
      if (items.size() < limit) {
        return out;
      }
      after = Optional.of(id.apply(items.getLast()));
    }
    throw new AssertionError("no end");
  }

  @Test
  void projectListPagesNewestFirstAcrossBucketsAndFollowsStatusChanges() {
    String project = Ids.newId();
    String v1 = Ids.newId();
    String v2 = Ids.newId();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      Workflow w = workflow(project, i % 2 == 0 ? v1 : v2);
      workflows.insert(w);
      ids.add(w.id());
    }
    workflows.insert(workflow(Ids.newId(), v1 + "x")); // another project's workflow stays out
    List<String> newestFirst = ids.reversed();
    for (int limit : new int[] {1, 2, 4, 5, 50}) {
      assertEquals(newestFirst, readAll(limit, a -> workflows.listByProject(query(project, null, null), a, limit),
          Workflow::id), "limit " + limit);
    }
    assertEquals(newestFirst.stream().filter(id -> ids.indexOf(id) % 2 == 0).toList(),
        readAll(2, a -> workflows.listByProject(query(project, v1, null), a, 2), Workflow::id));

    // Finish three, in an order different from the start order: the status list is in finish order.
    workflows.finish(ids.get(4), Workflow.Status.COMPLETED, "approved", Instant.now());
    workflows.finish(ids.get(1), Workflow.Status.COMPLETED, "approved", Instant.now());
    workflows.finish(ids.get(7), Workflow.Status.CANCELED, "canceled", Instant.now());
    assertEquals(List.of(ids.get(1), ids.get(4)),
        readAll(1, a -> workflows.listByProject(query(project, null, Workflow.Status.COMPLETED), a, 1), Workflow::id));
    assertEquals(List.of(ids.get(7)),
        readAll(5, a -> workflows.listByProject(query(project, null, Workflow.Status.CANCELED), a, 5), Workflow::id));
    List<String> running = newestFirst.stream().filter(id -> !java.util.Set.of(ids.get(1), ids.get(4), ids.get(7)).contains(id))
        .toList();
    assertEquals(running,
        readAll(3, a -> workflows.listByProject(query(project, null, Workflow.Status.RUNNING), a, 3), Workflow::id));
    assertEquals(List.of(ids.get(4)),
        readAll(3, a -> workflows.listByProject(query(project, v1, Workflow.Status.COMPLETED), a, 3), Workflow::id));
    // The unfiltered list still has all of them, with their new status.
    List<Workflow> all = workflows.listByProject(query(project, null, null), Optional.empty(), 50).orElseThrow();
    assertEquals(newestFirst, all.stream().map(Workflow::id).toList());
    assertEquals(Workflow.Status.COMPLETED, all.stream().filter(w -> w.id().equals(ids.get(4))).findFirst()
        .orElseThrow().status());

    // A cursor from another list (or another project) is refused, not misread.
    assertTrue(workflows.listByProject(query(project, null, Workflow.Status.COMPLETED), Optional.of(ids.get(7)), 5)
        .isEmpty());
    assertTrue(workflows.listByProject(query(Ids.newId(), null, null), Optional.of(ids.get(0)), 5).isEmpty());
  }

  @Test
  void repeatedConcurrentAndHalfDoneFinishesListAWorkflowOnce() throws Exception {
    String project = Ids.newId();
    Workflow w = workflow(project, Ids.newId());
    workflows.insert(w);
    // A crash after the list entry but before the finishing update: the entry alone shows nothing.
    workflows.lists().append(WorkflowRepository.finishedList(project, Workflow.Status.COMPLETED), w.id());
    assertEquals(List.of(), workflows.listByProject(query(project, null, Workflow.Status.COMPLETED),
        Optional.empty(), 10).orElseThrow());
    // The retried finish, raced by a duplicate, and repeated afterwards.
    int winners = 0;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> workflows.finish(w.id(), Workflow.Status.COMPLETED, "approved", Instant.now())));
      }
      for (Future<Boolean> f : results) {
        winners += f.get() ? 1 : 0;
      }
    }
    assertEquals(1, winners);
    assertFalse(workflows.finish(w.id(), Workflow.Status.COMPLETED, "approved", Instant.now()));
    assertEquals(List.of(w.id()), readAll(1, a -> workflows.listByProject(query(project, null,
        Workflow.Status.COMPLETED), a, 1), Workflow::id));
    assertEquals(List.of(), workflows.listByProject(query(project, null, Workflow.Status.RUNNING), Optional.empty(),
        10).orElseThrow());
    // A start that crashed after its list entries: never listed.
    workflows.lists().append(WorkflowRepository.projectList(project), Ids.newId());
    assertEquals(List.of(w.id()), readAll(2, a -> workflows.listByProject(query(project, null, null), a, 2),
        Workflow::id));
  }

  static Approval approval(Workflow w, String taskId, String step) {
    return new Approval(Ids.newId(), taskId, w.id(), "review", "team", w.projectId(), w.modelVersionId(), "m", "1",
        step, "pete", "engineer", "approve", null, Map.of("gateReport", Map.of("passed", true)), Instant.now());
  }

  @Test
  void approvalsListOnceInDecisionOrderAndLiveInTheirWorkflow() {
    String project = Ids.newId();
    Workflow w1 = workflow(project, Ids.newId());
    Workflow w2 = workflow(project, Ids.newId());
    workflows.insert(w1);
    workflows.insert(w2);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Workflow w = i % 2 == 0 ? w1 : w2;
      Approval a = approval(w, Ids.newId(), "peer-review");
      assertTrue(approvals.insert(a));
      workflows.embedApproval(a);
      ids.add(a.id());
      // A retried write of the same decision (same task): neither listed nor embedded twice.
      assertFalse(approvals.insert(approval(w, a.taskId(), "peer-review")));
      assertFalse(approvals.insert(a));
      workflows.embedApproval(a);
    }
    assertEquals(ids, readAll(3, a -> approvals.listByProject(project, Optional.empty(), a, 3), Approval::id));
    List<String> ofW1 = List.of(ids.get(0), ids.get(2), ids.get(4), ids.get(6));
    assertEquals(ofW1, readAll(2, a -> approvals.listByProject(project, Optional.of(w1.modelVersionId()), a, 2),
        Approval::id));
    assertEquals(ofW1, approvals.listByModelVersion(w1.modelVersionId()).stream().map(Approval::id).toList());
    Workflow stored = workflows.find(w1.id()).orElseThrow();
    assertEquals(ofW1, stored.approvals().stream().map(Approval::id).toList());
    assertEquals(true, ((Map<?, ?>) stored.approvals().getFirst().evidence().get("gateReport")).get("passed"));
    // Another version's cursor is refused.
    assertTrue(approvals.listByProject(project, Optional.of(w1.modelVersionId()), Optional.of(ids.get(1)), 3)
        .isEmpty());
  }

  static Task task(Workflow w, String team, String role) {
    return new Task(Ids.newId(), System.nanoTime(), w.id(), "review", 1L, "peer-review", "Peer review", team, role,
        null, null, w.projectId(), w.modelVersionId(), "m", "1", "sam", Task.Status.OPEN, null, null, null, null, null,
        null, false, 0, Map.of(), Instant.now());
  }

  @Test
  void closedTasksListOnceAcrossTeamRolesWithContinuousCursors() throws Exception {
    String team = "t" + Ids.newId();
    Workflow w = workflow(Ids.newId(), Ids.newId());
    workflows.insert(w);
    List<Task> created = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      Task t = task(w, team, i % 3 == 0 ? "product" : "engineer");
      assertTrue(tasks.insert(t));
      created.add(t);
    }
    assertFalse(tasks.insert(new Task(Ids.newId(), created.getFirst().jobKey(), w.id(), "review", 1L, "peer-review",
        "Peer review", team, "engineer", null, null, w.projectId(), w.modelVersionId(), "m", "1", "sam",
        Task.Status.OPEN, null, null, null, null, null, null, false, 0, Map.of(), Instant.now())));
    assertEquals(9, tasks.listByWorkflow(w.id()).size(), "a second task for the same job is not listed");
    assertEquals(9, tasks.open().stream().filter(t -> t.team().equals(team)).count());
    // Pete claims one and decides it; everything else is decided concurrently, each twice.
    Task claimed = created.get(1);
    assertTrue(tasks.claim(claimed.id(), "pete"));
    assertFalse(tasks.claim(claimed.id(), "eli"));
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (Task t : created.subList(0, 7)) {
        for (String who : List.of("pete", "eli")) {
          results.add(pool.submit(() -> tasks.decide(t.id(), who, "approve", null, Instant.now(), null, Ids.newId())));
        }
      }
      int decided = 0;
      for (Future<Boolean> f : results) {
        decided += f.get() ? 1 : 0;
      }
      assertEquals(7, decided, "each task decided exactly once");
    }
    assertEquals("pete", tasks.find(claimed.id()).orElseThrow().decidedBy(), "only its holder decides a claimed task");
    tasks.cancelOpen(w.id());
    tasks.cancelOpen(w.id());
    List<String> roles = List.of(TaskRepository.inboxKey(team, "engineer"), TaskRepository.inboxKey(team, "product"));
    List<String> decided = readAll(2, a -> tasks.closed(new TaskRepository.ClosedQuery(Task.Status.DECIDED, roles,
        Optional.empty()), a, 2, t -> true), Task::id);
    assertEquals(7, decided.size());
    assertEquals(7, new HashSet<>(decided).size(), "no task twice");
    // Team-role order: all engineer tasks before the product ones.
    List<String> rolesInOrder = decided.stream().map(id -> tasks.find(id).orElseThrow().role()).toList();
    assertEquals(rolesInOrder.stream().sorted().toList(), rolesInOrder);
    List<String> canceled = readAll(1, a -> tasks.closed(new TaskRepository.ClosedQuery(Task.Status.CANCELED, roles,
        Optional.empty()), a, 1, t -> true), Task::id);
    assertEquals(List.of(created.get(7).id(), created.get(8).id()), canceled.stream().sorted().toList());
    assertEquals(List.of(claimed.id()), readAll(5, a -> tasks.closed(new TaskRepository.ClosedQuery(
        Task.Status.DECIDED, roles, Optional.of("pete")), a, 5, t -> true), Task::id));
    assertEquals(0, tasks.open().stream().filter(t -> t.team().equals(team)).count());
    // Decided tasks wait in the pending set until their follow-up is settled.
    assertTrue(tasks.pending().stream().map(Task::id).toList().containsAll(decided));
    decided.forEach(tasks::settled);
    assertTrue(tasks.pending().stream().noneMatch(t -> decided.contains(t.id())));
  }

  @Test
  void factsCountEachLaunchEndAndDecisionOnceAndAreBuiltOnceForAnOlderStore() throws Exception {
    String project = Ids.newId();
    Workflow review = workflow(project, Ids.newId());
    Workflow promotion = new Workflow(Ids.newId(), WorkflowType.PROMOTION, "team", project, Ids.newId(), "m", "2",
        "sam", "sam", Workflow.Status.RUNNING, null, null, List.of(), List.of(), Map.of(), Instant.now(), null,
        List.of());
    workflows.insert(review);
    workflows.insert(promotion);
    // The finishing step raced by duplicates and retried afterwards (as after a crash): one end.
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 6; i++) {
        pool.submit(() -> workflows.finish(promotion.id(), Workflow.Status.COMPLETED, "promoted", Instant.now()));
      }
    }
    assertFalse(workflows.finish(promotion.id(), Workflow.Status.COMPLETED, "promoted", Instant.now()));
    assertTrue(workflows.finish(review.id(), Workflow.Status.CANCELED, "canceled", Instant.now()));
    // A late, different finish of an ended workflow changes nothing and counts nothing.
    assertFalse(workflows.finish(review.id(), Workflow.Status.COMPLETED, "approved", Instant.now()));
    Approval peer = approval(review, Ids.newId(), "peer-review");
    Approval signoff = approval(promotion, Ids.newId(), "officer-signoff");
    for (Approval a : List.of(peer, signoff, peer, signoff)) {
      approvals.insert(a);
    }
    WorkflowFacts facts = new WorkflowFacts(store);
    Map<String, Long> expected = Map.of("launched|review", 1L, "launched|promotion", 1L,
        "ended|promotion|completed|promoted", 1L, "ended|review|canceled|canceled", 1L,
        "decided|peer-review", 1L, "decided|officer-signoff", 1L);
    assertEquals(expected, facts.of(project).byName());
    WorkflowFacts.Counts counts = facts.of(project);
    assertEquals(2, counts.decisions());
    assertEquals(1, counts.ended(WorkflowType.PROMOTION, Workflow.Status.COMPLETED, "promoted"));
    assertEquals(0, counts.launched(WorkflowType.RETRAINING));

    // A store written before the counts existed: built once from the workflows and approvals.
    store.collection("workflow_facts").deleteMany(new org.bson.Document());
    store.collection("schema_marks").deleteMany(new org.bson.Document("_id", WorkflowFacts.MARKER));
    assertEquals(Map.of(), facts.of(project).byName());
    facts.buildOnce();
    assertEquals(expected, facts.of(project).byName());
    // Counting goes on from there, and the build is not repeated.
    Workflow retraining = new Workflow(Ids.newId(), WorkflowType.RETRAINING, "team", project, Ids.newId(), "m", "3",
        "sam", "sam", Workflow.Status.RUNNING, null, null, List.of(), List.of(), Map.of(), Instant.now(), null,
        List.of());
    workflows.insert(retraining);
    facts.buildOnce();
    assertEquals(1, facts.of(project).launched(WorkflowType.RETRAINING));
    assertEquals(3, facts.of(project).byName().entrySet().stream().filter(e -> e.getKey().startsWith("launched|"))
        .mapToLong(Map.Entry::getValue).sum());
  }

  @Test
  void aLockLeftBehindByACrashIsTakenOverButALiveOneIsNot() throws Exception {
    String project = Ids.newId();
    // Held by a running workflow: refused.
    Workflow live = workflow(project, Ids.newId());
    assertTrue(workflows.lock(live.lockKey(), live.id()));
    workflows.insert(live);
    assertFalse(workflows.lock(live.lockKey(), Ids.newId()));
    assertEquals(Optional.of(live.id()), workflows.lockHolder(live.lockKey()));
    // Its holder ended but a crash came before the unlock: taken over.
    workflows.finish(live.id(), Workflow.Status.COMPLETED, "approved", Instant.now());
    String next = Ids.newId();
    assertTrue(workflows.lock(live.lockKey(), next));
    assertEquals(Optional.of(next), workflows.lockHolder(live.lockKey()));
    // Held by an id that was never written: a launch still on its way keeps it, a crashed one loses it.
    Workflow inFlight = workflow(project, Ids.newId());
    assertTrue(workflows.lock(inFlight.lockKey(), inFlight.id()));
    assertFalse(workflows.lock(inFlight.lockKey(), Ids.newId()));
    String crashed = new org.bson.types.ObjectId(java.util.Date.from(Instant.now().minusSeconds(5 * 60))).toHexString();
    Workflow orphaned = workflow(project, Ids.newId());
    assertTrue(workflows.lock(orphaned.lockKey(), crashed));
    // Two launchers race for the orphaned lock: exactly one gets it.
    int winners = 0;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        results.add(pool.submit(() -> workflows.lock(orphaned.lockKey(), Ids.newId())));
      }
      for (Future<Boolean> f : results) {
        winners += f.get() ? 1 : 0;
      }
    }
    assertEquals(1, winners);
    assertFalse(workflows.lockHolder(orphaned.lockKey()).orElseThrow().equals(crashed));
  }

  @Test
  void backfillListsItemsStoredBeforeTheListsExistedOnce() throws Exception {
    try (Store old = Store.open(Optional.empty(), "old", Files.createTempDirectory("modelgate-wf-backfill-"))) {
      WorkflowRepository wf = new WorkflowRepository(old, PAGE);
      ApprovalRepository ap = new ApprovalRepository(old, PAGE);
      TaskRepository tk = new TaskRepository(old, PAGE);
      String project = Ids.newId();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        Workflow w = workflow(project, Ids.newId());
        org.bson.Document d = WorkflowRepository.toDocument(w);
        if (i < 2) {
          d.put("status", "completed");
        }
        old.collection("workflows").insertOne(d); // as written before the lists: no listPos
        ids.add(w.id());
      }
      Workflow first = wf.find(ids.getFirst()).orElseThrow();
      Approval a = approval(first, Ids.newId(), "peer-review");
      old.collection("approvals").insertOne(ApprovalRepository.toDocument(a));
      Task t = task(first, "team", "engineer");
      org.bson.Document td = TaskRepository.toDocument(t);
      td.put("status", "decided");
      old.collection("tasks").insertOne(td);

      ListBackfill backfill = new ListBackfill(old, wf, ap, tk);
      backfill.run();
      backfill.run(); // done: the marker makes it a no-op
      old.collection("schema_marks").deleteMany(new org.bson.Document()); // as if it crashed before the marker
      backfill.run();

      assertEquals(ids.reversed(), readAll(2, c -> wf.listByProject(query(project, null, null), c, 2), Workflow::id));
      assertEquals(List.of(ids.get(1), ids.get(0)), readAll(5, c -> wf.listByProject(query(project, null,
          Workflow.Status.COMPLETED), c, 5), Workflow::id));
      assertEquals(ids.subList(2, 7).reversed(), readAll(5, c -> wf.listByProject(query(project, null,
          Workflow.Status.RUNNING), c, 5), Workflow::id));
      assertEquals(List.of(a.id()), readAll(5, c -> ap.listByProject(project, Optional.empty(), c, 5), Approval::id));
      assertEquals(List.of(a.id()), wf.find(first.id()).orElseThrow().approvals().stream().map(Approval::id).toList());
      assertEquals(List.of(t.id()), readAll(5, c -> tk.closed(new TaskRepository.ClosedQuery(Task.Status.DECIDED,
          List.of(TaskRepository.inboxKey("team", "engineer")), Optional.empty()), c, 5, x -> true), Task::id));
      assertEquals(List.of(t.id()), tk.pending().stream().map(Task::id).toList(), "its job completion is resumed");
      assertEquals(List.of(t.id()), tk.listByWorkflow(first.id()).stream().map(Task::id).toList());
    }
  }
}
