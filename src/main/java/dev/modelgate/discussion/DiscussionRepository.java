package dev.modelgate.discussion;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import dev.modelgate.kernel.Subject;
import dev.modelgate.kernel.SubjectType;
import dev.modelgate.store.BucketedList;
import dev.modelgate.store.Store;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Threads and their comments. Every read is a lookup by unique key: a thread by id; a subject's
 * threads and a thread's comments with the bucket pattern ({@link BucketedList}: page documents keyed by
 * owner + page number). Comment positions come from an atomic {@code $inc} on the thread document, a
 * subject's thread positions from a counter document per subject. Editing, deleting or hiding a comment
 * is one single-document update of its page.
 */
public final class DiscussionRepository {

  public static final int COMMENTS_PER_PAGE = 50;
  public static final int THREADS_PER_PAGE = 50;

  private final MongoCollection<Document> threads;
  private final MongoCollection<Document> subjects;
  private final BucketedList subjectThreads;
  private final BucketedList comments;

  public DiscussionRepository(Store store) {
    this.threads = store.collection("discussion_threads");
    this.subjects = store.collection("discussion_subjects");
    this.subjectThreads = new BucketedList(store.collection("discussion_subject_pages"), THREADS_PER_PAGE);
    this.comments = new BucketedList(store.collection("discussion_comment_pages"), COMMENTS_PER_PAGE);
  }

  public void ensureIndexes() {
    subjectThreads.ensureIndexes();
    comments.ensureIndexes();
    // For a real MongoDB: threads by subject (the embedded store serves this list from subject pages).
    threads.createIndex(Indexes.ascending("subject", "_id"), new IndexOptions().name("subject_id"));
  }

  public BucketedList commentPages() {
    return comments;
  }

  public MongoCollection<Document> threadCollection() {
    return threads;
  }

  public void insert(DiscussionThread t) {
    threads.insertOne(new Document("_id", t.id())
        .append("subject", t.subject().key())
        .append("subjectType", t.subject().type().id())
        .append("subjectId", t.subject().id())
        .append("team", t.subject().team())
        .append("title", t.title())
        .append("createdBy", t.createdBy())
        .append("createdAt", Date.from(t.createdAt()))
        .append("commentSeq", 0L));
    long pos = BucketedList.allocate(subjects, t.subject().key(), "threadSeq", true).orElseThrow();
    subjectThreads.put(t.subject().key(), pos, new Document("id", t.id()).append("title", t.title())
        .append("createdBy", t.createdBy()).append("createdAt", Date.from(t.createdAt())));
  }

  public Optional<DiscussionThread> find(String id) {
    return Optional.ofNullable(threads.find(new Document("_id", id)).first()).map(DiscussionRepository::thread);
  }

  /** How many thread positions the subject has (so how many pages of threads). */
  public long threadCount(String subjectKey) {
    Document d = subjects.find(new Document("_id", subjectKey)).first();
    return d == null ? 0 : ((Number) d.get("threadSeq")).longValue();
  }

  /** One page of a subject's thread summaries (id, title, createdBy, createdAt). */
  public List<Document> threadSummaries(String subjectKey, long page) {
    return subjectThreads.page(subjectKey, page);
  }

  /** Allocates the next comment position of a thread; empty when the thread does not exist. */
  public Optional<Long> allocateCommentPosition(String threadId) {
    return BucketedList.allocate(threads, threadId, "commentSeq", false);
  }

  public void putComment(Comment c) {
    comments.put(c.id().threadId(), c.id().position(), commentDoc(c));
  }

  public Optional<Comment> findComment(CommentId id) {
    return comments.get(id.threadId(), id.position()).map(d -> comment(id.threadId(), d));
  }

  public List<Comment> commentPage(String threadId, long page) {
    List<Comment> out = new ArrayList<>();
    comments.page(threadId, page).forEach(d -> out.add(comment(threadId, d)));
    return out;
  }

  /** Replaces text and HTML, keeping the previous text in the history: one update of the page. */
  public void edit(CommentId id, String text, String html, java.util.Set<String> mentions, Comment.Edit edit) {
    long p = id.position();
    Bson update = Updates.combine(
        Updates.set(comments.path(p, "text"), text),
        Updates.set(comments.path(p, "html"), html),
        Updates.set(comments.path(p, "mentions"), List.copyOf(mentions)),
        Updates.set(comments.path(p, "editedAt"), Date.from(edit.at())),
        Updates.push(comments.path(p, "history"), new Document("by", edit.by()).append("at", Date.from(edit.at()))
            .append("text", edit.previousText())));
    comments.update(id.threadId(), p, update);
  }

  /** Leaves a tombstone: who deleted it and when; the text, its HTML and its earlier versions go. */
  public void delete(CommentId id, Comment.Removal removal) {
    long p = id.position();
    comments.update(id.threadId(), p, Updates.combine(
        Updates.set(comments.path(p, "deleted"), removal(removal)),
        Updates.set(comments.path(p, "text"), null),
        Updates.set(comments.path(p, "html"), null),
        Updates.set(comments.path(p, "mentions"), List.of()),
        Updates.set(comments.path(p, "history"), List.of())));
  }

  public void hide(CommentId id, Comment.Removal removal) {
    long p = id.position();
    comments.update(id.threadId(), p, Updates.set(comments.path(p, "hidden"), removal(removal)));
  }

  public void unhide(CommentId id) {
    long p = id.position();
    comments.update(id.threadId(), p, Updates.set(comments.path(p, "hidden"), null));
  }

  static Document commentDoc(Comment c) {
    List<Document> history = new ArrayList<>();
    c.history().forEach(e -> history.add(new Document("by", e.by()).append("at", Date.from(e.at()))
        .append("text", e.previousText())));
    return new Document("parentId", c.parentId())
        .append("author", c.author())
        .append("text", c.text())
        .append("html", c.html())
        .append("mentions", List.copyOf(c.mentions()))
        .append("createdAt", Date.from(c.createdAt()))
        .append("editedAt", c.editedAt() == null ? null : Date.from(c.editedAt()))
        .append("history", history)
        .append("deleted", c.deleted() == null ? null : removal(c.deleted()))
        .append("hidden", c.hidden() == null ? null : removal(c.hidden()));
  }

  private static Document removal(Comment.Removal r) {
    return new Document("by", r.by()).append("at", Date.from(r.at())).append("reason", r.reason());
  }

  private static DiscussionThread thread(Document d) {
    Subject subject = new Subject(SubjectType.parse(d.getString("subjectType")).orElseThrow(),
        d.getString("subjectId"), d.getString("team"));
    return new DiscussionThread(d.getString("_id"), subject, d.getString("title"), d.getString("createdBy"),
        d.getDate("createdAt").toInstant(), ((Number) d.get("commentSeq")).longValue());
  }

  private static Comment comment(String threadId, Document d) {
    List<Comment.Edit> history = new ArrayList<>();
    for (Document e : d.getList("history", Document.class, List.of())) {
      history.add(new Comment.Edit(e.getString("by"), e.getDate("at").toInstant(), e.getString("text")));
    }
    Date edited = d.getDate("editedAt");
    return new Comment(new CommentId(threadId, ((Number) d.get("pos")).longValue()), d.getString("parentId"),
        d.getString("author"), d.getString("text"), d.getString("html"),
        new HashSet<>(d.getList("mentions", String.class, List.of())), d.getDate("createdAt").toInstant(),
        edited == null ? null : edited.toInstant(), history, removal(d.get("deleted", Document.class)),
        removal(d.get("hidden", Document.class)));
  }

  private static Comment.Removal removal(Document d) {
    return d == null ? null : new Comment.Removal(d.getString("by"), d.getDate("at").toInstant(),
        d.getString("reason"));
  }
}
