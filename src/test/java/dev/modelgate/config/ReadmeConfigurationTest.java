package dev.modelgate.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration table names every setting with its flag, so users find all of them. */
class ReadmeConfigurationTest {

  @Test
  void everySettingIsListedWithItsFlag() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    List<String> missing = new ArrayList<>();
    for (Setting s : Setting.values()) {
      if (!readme.contains("| `" + s.env() + "` | `" + s.flag() + "` |")) {
        missing.add(s.env() + " " + s.flag());
      }
    }
    assertTrue(missing.isEmpty(), () -> "README configuration table lacks: " + missing);
  }
}
