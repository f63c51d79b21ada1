package dev.packit.fedora.distgit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MonitoringSettingsTest {

  @Test
  void readsTheFlatFileWithTheNewHotnessDefaults() {
    assertEquals(new MonitoringSettings(false, true, false, false, false), MonitoringSettings.parse("", "m.toml"));
    assertEquals(new MonitoringSettings(true, false, true, false, true), MonitoringSettings.parse(
        "# comment\r\nmonitoring = true\nbugzilla=false # no bugs\n  all_versions = true\nscratch_build = true\n"
            + "future_key = \"x # y\"\nlevel = 3\n", "m.toml"));
  }

  @Test
  void badInputNamesLineAndColumn() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> MonitoringSettings.parse("monitoring = true\n\nbugzilla = \"yes\"\n", "rpms/x/monitoring.toml@rawhide"));
    assertTrue(e.getMessage().contains("rpms/x/monitoring.toml@rawhide:3:"), e.getMessage());
    assertTrue(e.getMessage().contains("bugzilla must be true or false"), e.getMessage());
    assertTrue(assertThrows(InvalidInputException.class, () -> MonitoringSettings.parse("[monitoring]\n", "f"))
        .getMessage().contains("f:1:1"));
    assertTrue(assertThrows(InvalidInputException.class, () -> MonitoringSettings.parse("monitoring = true\nmonitoring = false\n", "f"))
        .getMessage().contains("defined twice"));
    assertTrue(assertThrows(InvalidInputException.class, () -> MonitoringSettings.parse("x = [1, 2]\n", "f"))
        .getMessage().contains("unsupported value"));
    assertTrue(assertThrows(InvalidInputException.class, () -> MonitoringSettings.parse("just words\n", "f"))
        .getMessage().contains("key = value"));
  }

  @Test
  void legacyPagureStatusesMapAsPackitMapsThem() {
    assertEquals(Optional.of(new MonitoringSettings(false, false, false, false, false)), MonitoringSettings.legacyStatus("no-monitoring"));
    assertEquals(Optional.of(new MonitoringSettings(true, true, false, true, true)), MonitoringSettings.legacyStatus("monitoring-stable-scratch"));
    assertEquals(Optional.of(new MonitoringSettings(true, true, true, false, false)), MonitoringSettings.legacyStatus("monitoring-all"));
    assertEquals(Optional.empty(), MonitoringSettings.legacyStatus("sometimes"));
  }
}
