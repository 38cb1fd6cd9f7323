package dev.modelgate.registry;

import dev.modelgate.json.JsonFields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A request to register a model version with its metrics, segments and lineage. */
public record NewModelVersion(String model, String version, Map<String, Double> metrics,
    List<ModelVersion.Segment> segments, ModelVersion.Lineage lineage, String baselineVersionId) {

  static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");
  /** Metric names become document field names: no dots, no leading '$'. */
  static final Pattern METRIC = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,99}");
  static final String METRIC_HINT = "metric names must be 1-100 letters, digits, '_' or '-', starting with a letter";
  static final int MAX_METRICS = 200;
  static final int MAX_SEGMENTS = 500;
  static final int MAX_PARAMS = 500;

  public static NewModelVersion parse(JsonObject body) {
    JsonFields f = JsonFields.of(body, Set.of("model", "version", "metrics", "segments", "lineage",
        "baselineVersionId"));
    String model = f.requiredString("model", 128, MODEL,
        "must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
    String version = f.requiredString("version", 64, VERSION,
        "must be 1-64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit");
    Map<String, Double> metrics = f.numberMap("metrics", true, MAX_METRICS, METRIC, METRIC_HINT);
    List<ModelVersion.Segment> segments = segments(f);
    ModelVersion.Lineage lineage = lineage(f);
    String baseline = f.optionalString("baselineVersionId", 64, null, null);
    f.throwIfInvalid();
    return new NewModelVersion(model, version, metrics, segments, lineage, baseline);
  }

  private static List<ModelVersion.Segment> segments(JsonFields f) {
    JsonArray array = f.optionalArray("segments", MAX_SEGMENTS);
    List<ModelVersion.Segment> out = new ArrayList<>();
    if (array == null) {
      return out;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "segments[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject o)) {
        f.error(at, "must be an object with name and metrics");
        continue;
      }
      JsonFields s = f.nested(at, o, Set.of("name", "metrics"));
      String name = s.requiredString("name", 200, null, null);
      Map<String, Double> metrics = s.numberMap("metrics", true, MAX_METRICS, METRIC, METRIC_HINT);
      if (name != null && !names.add(name)) {
        s.error("name", "duplicate segment name '" + name + "'");
      }
      if (name != null && metrics != null) {
        out.add(new ModelVersion.Segment(name, metrics));
      }
    }
    return out;
  }

  private static ModelVersion.Lineage lineage(JsonFields f) {
    JsonObject o = f.optionalObject("lineage");
    if (o == null) {
      return null;
    }
    JsonFields l = f.nested("lineage", o, Set.of("runId", "runUri", "datasetVersion", "commit", "params"));
    String runId = l.optionalString("runId", 200, null, null);
    String runUri = l.optionalString("runUri", 2000, null, null);
    if (runUri != null) {
      try {
        URI uri = new URI(runUri);
        if (uri.getScheme() == null) {
          l.error("runUri", "must be an absolute URI, e.g. https://mlflow.example/#/experiments/1/runs/abc");
        }
      } catch (URISyntaxException e) {
        l.error("runUri", "must be an absolute URI, e.g. https://mlflow.example/#/experiments/1/runs/abc");
      }
    }
    String dataset = l.optionalString("datasetVersion", 200, null, null);
    String commit = l.optionalString("commit", 100, null, null);
    Map<String, Object> params = new LinkedHashMap<>();
    JsonObject p = l.optionalObject("params");
    if (p != null) {
      if (p.size() > MAX_PARAMS) {
        l.error("params", "must have at most " + MAX_PARAMS + " entries");
      }
      for (String key : p.fieldNames()) {
        Object v = p.getValue(key);
        if (key.isEmpty() || key.length() > 200) {
          l.error("params", "parameter names must be 1-200 characters");
        } else if (!l.plainText("params", key)) {
          continue;
        } else if (v instanceof String s && s.length() <= 2000) {
          if (l.plainText("params." + key, s)) {
            params.put(key, s);
          }
        } else if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
          params.put(key, n);
        } else if (v instanceof Boolean b) {
          params.put(key, b);
        } else {
          l.error("params." + key, "must be a string (at most 2000 characters), a number or a boolean");
        }
      }
    }
    return new ModelVersion.Lineage(runId, runUri, dataset, commit, params);
  }
}
