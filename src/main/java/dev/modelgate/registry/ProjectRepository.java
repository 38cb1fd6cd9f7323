package dev.modelgate.registry;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import dev.modelgate.store.Duplicates;
import dev.modelgate.store.Store;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Projects, keyed by id; a project's slug is unique within its team. */
public final class ProjectRepository {

  private final MongoCollection<Document> projects;

  public ProjectRepository(Store store) {
    this.projects = store.collection("projects");
  }

  public void ensureIndexes() {
    projects.createIndex(Indexes.ascending("team", "slug"), new IndexOptions().unique(true).name("team_slug"));
  }

  /** False when the team already has a project with this slug. */
  public boolean insert(Project p) {
    try {
      projects.insertOne(new Document("_id", p.id())
          .append("team", p.team())
          .append("slug", p.slug())
          .append("name", p.name())
          .append("description", p.description())
          .append("expectedBenefitPerMonth", p.expectedBenefitPerMonth())
          .append("budget", p.budget())
          .append("currency", p.currency())
          .append("createdBy", p.createdBy())
          .append("createdAt", Date.from(p.createdAt())));
      return true;
    } catch (RuntimeException e) {
      if (Duplicates.isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }

  public Optional<Project> find(String id) {
    return Optional.ofNullable(projects.find(eq("_id", id)).first()).map(ProjectRepository::toProject);
  }

  public Optional<Project> findBySlug(String team, String slug) {
    return Optional.ofNullable(projects.find(new Document("team", team).append("slug", slug)).first())
        .map(ProjectRepository::toProject);
  }

  public List<Project> listByTeam(String team, Optional<String> after, int limit) {
    List<Bson> filters = new ArrayList<>(List.of(eq("team", team)));
    after.ifPresent(a -> filters.add(gt("_id", a)));
    List<Project> out = new ArrayList<>();
    projects.find(and(filters)).sort(Sorts.ascending("_id")).limit(limit).forEach(d -> out.add(toProject(d)));
    return out;
  }

  private static Project toProject(Document d) {
    return new Project(d.getString("_id"), d.getString("team"), d.getString("slug"), d.getString("name"),
        d.getString("description"), number(d, "expectedBenefitPerMonth"), number(d, "budget"),
        d.getString("currency"), d.getString("createdBy"), d.getDate("createdAt").toInstant());
  }

  private static Double number(Document d, String key) {
    Object v = d.get(key);
    return v instanceof Number n ? n.doubleValue() : null;
  }
}
