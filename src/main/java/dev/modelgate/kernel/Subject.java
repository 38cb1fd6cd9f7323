package dev.modelgate.kernel;

/** A resolved discussion subject: what it is, its id, and the team whose members may see it. */
public record Subject(SubjectType type, String id, String team) {

  /** The subject as written in {@code ?subject=}: {@code type:id}. */
  public String key() {
    return type.id() + ":" + id;
  }
}
