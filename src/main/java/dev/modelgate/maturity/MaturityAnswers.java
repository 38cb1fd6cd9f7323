package dev.modelgate.maturity;

import dev.modelgate.json.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** An assessment request: an answer (option id) for every question, and an optional note. */
public record MaturityAnswers(Map<String, String> answers, String note) {

  public static MaturityAnswers parse(JsonObject body, Questionnaire questionnaire) {
    JsonFields f = JsonFields.of(body, Set.of("answers", "note"));
    JsonObject raw = f.optionalObject("answers");
    if (raw == null && f.valid()) {
      f.error("answers", "is required: an object of question id to option id");
    }
    String note = f.optionalString("note", 5000, null, null);
    Map<String, String> answers = new LinkedHashMap<>();
    if (raw != null) {
      for (String key : raw.fieldNames()) {
        if (questionnaire.question(key).isEmpty()) {
          f.error("answers." + key, "is not a question of the questionnaire");
        }
      }
      for (Questionnaire.Question q : questionnaire.questions()) {
        Object v = raw.getValue(q.id());
        String options = q.options().stream().map(Questionnaire.Option::id).collect(Collectors.joining(", "));
        if (v == null) {
          f.error("answers." + q.id(), "is required; one of " + options);
        } else if (!(v instanceof String s) || q.option(s).isEmpty()) {
          f.error("answers." + q.id(), "must be one of " + options);
        } else {
          answers.put(q.id(), s);
        }
      }
    }
    f.throwIfInvalid();
    return new MaturityAnswers(answers, note);
  }
}
