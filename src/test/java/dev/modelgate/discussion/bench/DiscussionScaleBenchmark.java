package dev.modelgate.discussion.bench;

import dev.modelgate.discussion.DiscussionRepository;
import dev.modelgate.store.BucketedList;
import dev.modelgate.store.Store;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.bson.Document;

/**
 * Data-scale benchmark (run by hand, not a test): loads N comments (default 1,000,000) into T threads of
 * one project through the repository layer in bulk (insertMany of bucket page documents), then measures
 * over HTTP the latency of reading random thread pages, listing the project's threads, and posting and
 * editing comments in the loaded threads. Prints p50/p95/p99 per endpoint.
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx3g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   dev.modelgate.discussion.bench.DiscussionScaleBenchmark [comments] [threads] [requests]
 * </pre>
 */
public final class DiscussionScaleBenchmark {

  private DiscussionScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int comments = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int requests = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    int perThread = comments / threads;
    Path dir = Files.createTempDirectory("modelgate-bench-");
    try (TestServer server = TestServer.start(dir, java.util.Map.of())) {
      server.createTeam("bench");
      ApiClient lead = server.createUser("bench-lead", "bench", List.of("lead", "engineer"));
      server.createUser("bench-viewer", "bench", List.of("viewer"));
      ApiClient viewer = server.as("bench-viewer");
      ApiResponse p = lead.post("/teams/bench/projects", new JsonObject().put("slug", "big").put("name", "Big"));
      String projectId = p.json().getString("id");
      String subject = "project:" + projectId;
      // One thread through the API so the subject's documents have their real shape.
      String firstThread = lead.post("/threads?subject=" + subject, new JsonObject().put("title", "seed")).json()
          .getString("id");

      long t0 = System.nanoTime();
      List<String> threadIds = load(server.server().store(), projectId, threads - 1, perThread);
      threadIds.add(firstThread);
      server.server().store().durability().awaitDurable(server.server().store().durability().mark());
      double loadSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("loaded %,d comments in %,d threads (%d per thread, %d pages each) in %.1f s%n",
          (long) perThread * (threads - 1), threads, perThread,
          (perThread + DiscussionRepository.COMMENTS_PER_PAGE - 1) / DiscussionRepository.COMMENTS_PER_PAGE,
          loadSeconds);

      Random random = new Random(42);
      int pages = (perThread + DiscussionRepository.COMMENTS_PER_PAGE - 1) / DiscussionRepository.COMMENTS_PER_PAGE;
      int subjectPages = (threads + DiscussionRepository.THREADS_PER_PAGE - 1) / DiscussionRepository.THREADS_PER_PAGE;
      measure("GET /threads/{id}?after={page}   (50 comments)", requests, viewer, i -> {
        String t = threadIds.get(random.nextInt(threadIds.size() - 1));
        int page = random.nextInt(pages);
        return "/threads/" + t + (page == 0 ? "" : "?after=" + page);
      });
      measure("GET /threads?subject=&after={page} (50 threads)", requests, viewer, i -> {
        int page = random.nextInt(subjectPages);
        return "/threads?subject=" + subject + (page == 0 ? "" : "&after=" + page);
      });
      List<Long> posts = new ArrayList<>();
      List<String> created = new ArrayList<>();
      for (int i = 0; i < Math.min(requests, 500); i++) {
        String t = threadIds.get(random.nextInt(threadIds.size() - 1));
        long s = System.nanoTime();
        ApiResponse r = lead.post("/threads/" + t + "/comments", new JsonObject().put("text", "bench comment " + i));
        posts.add(System.nanoTime() - s);
        check(r, 201);
        created.add(r.json().getString("id"));
      }
      report("POST /threads/{id}/comments", posts);
      List<Long> edits = new ArrayList<>();
      for (String id : created) {
        long s = System.nanoTime();
        ApiResponse r = lead.patch("/comments/" + id, new JsonObject().put("text", "edited"));
        edits.add(System.nanoTime() - s);
        check(r, 200);
      }
      report("PATCH /comments/{id}", edits);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** Bulk load: thread documents, subject pages and comment pages, each with insertMany in batches. */
  public static List<String> load(Store store, String projectId, int threads, int perThread) {
    String subject = "project:" + projectId;
    BucketedList comments = new BucketedList(store.collection("discussion_comment_pages"),
        DiscussionRepository.COMMENTS_PER_PAGE);
    BucketedList subjectPages = new BucketedList(store.collection("discussion_subject_pages"),
        DiscussionRepository.THREADS_PER_PAGE);
    Date now = new Date();
    List<String> ids = new ArrayList<>();
    List<Document> threadDocs = new ArrayList<>();
    List<Document> summaries = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      String id = new org.bson.types.ObjectId().toHexString();
      ids.add(id);
      threadDocs.add(new Document("_id", id).append("subject", subject).append("subjectType", "project")
          .append("subjectId", projectId).append("team", "bench").append("title", "Thread " + i)
          .append("createdBy", "bench-lead").append("createdAt", now).append("commentSeq", (long) perThread));
      summaries.add(new Document("id", id).append("title", "Thread " + i).append("createdBy", "bench-lead")
          .append("createdAt", now).append("pos", (long) i + 2));
    }
    insertInBatches(store.collection("discussion_threads"), threadDocs, 1000);
    // Position 1 of the subject is the seed thread created through the API; loaded threads follow it.
    List<Document> subjectDocs = new ArrayList<>();
    for (int from = 0; from < summaries.size(); ) {
      long page = subjectPages.pageOf(((Number) summaries.get(from).get("pos")).longValue());
      List<Document> items = new ArrayList<>();
      while (from < summaries.size() && subjectPages.pageOf(((Number) summaries.get(from).get("pos")).longValue())
          == page) {
        items.add(summaries.get(from++));
      }
      if (page == 0) {
        // page 0 already exists (the seed thread): add the loaded summaries to it one by one.
        for (Document d : items) {
          subjectPages.put(subject, ((Number) d.get("pos")).longValue(), d);
        }
      } else {
        subjectDocs.add(subjectPages.pageDocument(subject, page, items));
      }
    }
    insertInBatches(store.collection("discussion_subject_pages"), subjectDocs, 200);
    store.collection("discussion_subjects").updateOne(new Document("_id", subject),
        new Document("$set", new Document("threadSeq", (long) threads + 1)));

    String text = "A comment of ordinary length about the model's AUC in the EU segment, mentioning nobody. ";
    String html = "<p>" + text.strip() + "</p>";
    List<Document> batch = new ArrayList<>();
    long loaded = 0;
    long started = System.nanoTime();
    for (String threadId : ids) {
      for (int page = 0; page * DiscussionRepository.COMMENTS_PER_PAGE < perThread; page++) {
        List<Document> items = new ArrayList<>();
        for (int k = 0; k < DiscussionRepository.COMMENTS_PER_PAGE; k++) {
          long pos = (long) page * DiscussionRepository.COMMENTS_PER_PAGE + k + 1;
          if (pos > perThread) {
            break;
          }
          items.add(new Document("parentId", null).append("author", "bench-lead").append("text", text)
              .append("html", html).append("mentions", List.of()).append("createdAt", now)
              .append("editedAt", null).append("history", List.of()).append("deleted", null)
              .append("hidden", null).append("pos", pos));
        }
        batch.add(comments.pageDocument(threadId, page, items));
        loaded += items.size();
        if (batch.size() == 100) {
          store.collection("discussion_comment_pages").insertMany(batch);
          batch.clear();
        }
      }
      if (loaded % 100_000 < perThread) {
        System.out.printf("  %,d comments loaded (%.0f/s)%n", loaded, loaded / ((System.nanoTime() - started) / 1e9));
      }
    }
    if (!batch.isEmpty()) {
      store.collection("discussion_comment_pages").insertMany(batch);
    }
    return ids;
  }

  private static void insertInBatches(com.mongodb.client.MongoCollection<Document> c, List<Document> docs, int n) {
    for (int i = 0; i < docs.size(); i += n) {
      c.insertMany(docs.subList(i, Math.min(docs.size(), i + n)));
    }
  }

  private static void measure(String name, int requests, ApiClient client, IntFunction<String> path) {
    for (int i = 0; i < Math.min(200, requests / 5); i++) {
      check(client.get(path.apply(i)), 200);
    }
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      String p = path.apply(i);
      long s = System.nanoTime();
      ApiResponse r = client.get(p);
      nanos.add(System.nanoTime() - s);
      check(r, 200);
    }
    report(name, nanos);
  }

  private static void check(ApiResponse r, int status) {
    if (r.status() != status) {
      throw new IllegalStateException("unexpected " + r);
    }
  }

  private static void report(String name, List<Long> nanos) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("%-50s n=%5d  p50=%6.2f ms  p95=%6.2f ms  p99=%6.2f ms  max=%7.2f ms%n", name, sorted.length,
        pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    Arrays.fill(sorted, 0);
  }

  private static double pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }
}
