package dev.modelgate.maturity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The maturity questionnaire from {@code maturity/questionnaire.json}: dimensions of questions whose
 * answers each map to a level of Google's model (0–2) and of Microsoft's (0–4). Checked when loaded, so
 * a broken data file stops the server at start rather than mis-scoring assessments.
 */
public record Questionnaire(String id, int version, JsonObject raw, List<Dimension> dimensions,
    Map<Scale, List<Level>> levels) {

  public static final String RESOURCE = "maturity/questionnaire.json";

  public record Dimension(String id, String name, List<Question> questions) {}

  public record Question(String id, String text, List<Option> options) {
    public Optional<Option> option(String optionId) {
      return options.stream().filter(o -> o.id().equals(optionId)).findFirst();
    }
  }

  public record Option(String id, String text, Map<Scale, Integer> levels) {
    public int level(Scale scale) {
      return levels.get(scale);
    }
  }

  public record Level(int level, String name, String summary) {}

  public static Questionnaire load() {
    try (InputStream in = Questionnaire.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the classpath");
      }
      return parse(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Questionnaire parse(JsonObject json) {
    Map<Scale, List<Level>> levels = new LinkedHashMap<>();
    for (Scale scale : Scale.values()) {
      List<Level> list = new ArrayList<>();
      JsonArray raw = json.getJsonObject("scales").getJsonObject(scale.id()).getJsonArray("levels");
      for (int i = 0; i < raw.size(); i++) {
        JsonObject l = raw.getJsonObject(i);
        if (l.getInteger("level") != i) {
          throw new IllegalStateException(RESOURCE + ": " + scale.id() + " levels must be listed 0.." + scale.max());
        }
        list.add(new Level(i, l.getString("name"), l.getString("summary")));
      }
      if (list.size() != scale.max() + 1) {
        throw new IllegalStateException(RESOURCE + ": " + scale.id() + " needs levels 0.." + scale.max());
      }
      levels.put(scale, List.copyOf(list));
    }
    Set<String> questionIds = new HashSet<>();
    List<Dimension> dimensions = new ArrayList<>();
    JsonArray dims = json.getJsonArray("dimensions");
    for (int d = 0; d < dims.size(); d++) {
      JsonObject dim = dims.getJsonObject(d);
      List<Question> questions = new ArrayList<>();
      JsonArray qs = dim.getJsonArray("questions");
      for (int q = 0; q < qs.size(); q++) {
        JsonObject question = qs.getJsonObject(q);
        String qid = question.getString("id");
        if (!questionIds.add(qid)) {
          throw new IllegalStateException(RESOURCE + ": question id '" + qid + "' is used twice");
        }
        List<Option> options = new ArrayList<>();
        JsonArray os = question.getJsonArray("options");
        for (int o = 0; o < os.size(); o++) {
          JsonObject option = os.getJsonObject(o);
          Map<Scale, Integer> optionLevels = new LinkedHashMap<>();
          for (Scale scale : Scale.values()) {
            Integer level = option.getInteger(scale.id());
            if (level == null || level < 0 || level > scale.max()) {
              throw new IllegalStateException(RESOURCE + ": option '" + qid + "/" + option.getString("id")
                  + "' needs a " + scale.id() + " level 0.." + scale.max());
            }
            optionLevels.put(scale, level);
          }
          options.add(new Option(option.getString("id"), option.getString("text"), Map.copyOf(optionLevels)));
        }
        questions.add(new Question(qid, question.getString("text"), List.copyOf(options)));
      }
      dimensions.add(new Dimension(dim.getString("id"), dim.getString("name"), List.copyOf(questions)));
    }
    return new Questionnaire(json.getString("id"), json.getInteger("version"), json, List.copyOf(dimensions),
        Map.copyOf(levels));
  }

  public Optional<Question> question(String id) {
    return dimensions.stream().flatMap(d -> d.questions().stream()).filter(q -> q.id().equals(id)).findFirst();
  }

  public List<Question> questions() {
    return dimensions.stream().flatMap(d -> d.questions().stream()).toList();
  }

  public Level level(Scale scale, int level) {
    return levels.get(scale).get(level);
  }
}
