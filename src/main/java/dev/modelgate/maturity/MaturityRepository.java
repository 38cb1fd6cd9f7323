package dev.modelgate.maturity;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.modelgate.store.Store;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A project's assessment history as one bucket document ({@code maturity_assessments}, keyed by project
 * id): assessments are a handful a year, so the history is one read and an assessment one {@code $push}
 * (keeping the newest {@value #MAX_KEPT}).
 */
public final class MaturityRepository {

  static final int MAX_KEPT = 500;

  private final MongoCollection<Document> assessments;

  public MaturityRepository(Store store) {
    this.assessments = store.collection("maturity_assessments");
  }

  public void append(MaturityAssessment a) {
    Document answers = new Document();
    a.answers().forEach(answers::append);
    Document doc = new Document("id", a.id()).append("version", a.questionnaireVersion()).append("answers", answers)
        .append("note", a.note()).append("by", a.assessedBy()).append("at", Date.from(a.at()));
    assessments.updateOne(eq("_id", a.projectId()),
        Updates.pushEach("items", List.of(doc), new PushOptions().slice(-MAX_KEPT)), new UpdateOptions().upsert(true));
  }

  /** The project's assessments, newest first. */
  public List<MaturityAssessment> history(String projectId) {
    Document d = assessments.find(eq("_id", projectId)).first();
    List<MaturityAssessment> out = new ArrayList<>();
    if (d != null) {
      for (Document i : d.getList("items", Document.class, List.of())) {
        Map<String, String> answers = new LinkedHashMap<>();
        i.get("answers", Document.class).forEach((k, v) -> answers.put(k, (String) v));
        out.add(new MaturityAssessment(i.getString("id"), projectId, i.getInteger("version", 1), answers,
            i.getString("note"), i.getString("by"), i.getDate("at").toInstant()));
      }
    }
    return out.reversed();
  }
}
