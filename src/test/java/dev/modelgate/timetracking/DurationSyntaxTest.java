package dev.modelgate.timetracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The GitLab/Jira duration syntax: every accepted form and the ways to get it wrong. */
class DurationSyntaxTest {

  @ParameterizedTest(name = "''{0}'' = {1} minutes")
  @CsvSource(delimiter = ';', value = {
      "1h30m; 90",
      "45m; 45",
      "2d; 960",
      "1w; 2400",
      "1w 2d 3h 15m; 3555",
      "1w2d3h15m; 3555",
      "1h 30m; 90",
      "1h  30m; 90",
      "' 2h '; 120",
      "1H30M; 90",
      "1d 4h; 720",
      "3h; 180",
      "90m; 90",
      "1.5; 90",
      "2; 120",
      "0.25; 15",
      "1.5h; 90",
      "0.5d; 240",
      "0.5w; 1200",
      "10w; 24000",
      "1m; 1",
  })
  void accepts(String text, long minutes) {
    assertEquals(minutes, DurationSyntax.parseMinutes(text));
  }

  @ParameterizedTest(name = "''{0}'' is refused")
  @ValueSource(strings = {"", "   ", "abc", "h", "1x", "1 h", "1h1h", "30m 1h", "1d 1w", "-1h", "+1h", "0", "0m",
      "0h 0m", "1.5.2h", "1,5", "1h 30", "1h-30m", "1hh", "0.001m", "10w 1m", "11w", "1e3", "h1", "1h,30m",
      "1y", "1s", "1mo", "1234567h", ".5h"})
  void refuses(String text) {
    DurationSyntax.InvalidDuration e = assertThrows(DurationSyntax.InvalidDuration.class,
        () -> DurationSyntax.parseMinutes(text));
    assertTrue(e.getMessage().contains("1h30m") && e.getMessage().contains("1w 2d 3h 15m")
        && e.getMessage().contains("1.5"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} minutes are written ''{1}''")
  @CsvSource(delimiter = ';', value = {"90; 1h 30m", "960; 2d", "3555; 1w 2d 3h 15m", "45; 45m", "2400; 1w"})
  void formats(long minutes, String text) {
    assertEquals(text, DurationSyntax.format(minutes));
    assertEquals(minutes, DurationSyntax.parseMinutes(text));
  }
}
