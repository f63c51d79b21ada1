package dev.packit.core.rpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpmVersionTest {

  @ParameterizedTest(name = "{0} vs {1} = {2}")
  @CsvSource(delimiter = '|', value = {
    "1.0|1.0|0",
    "1.0|2.0|-1",
    "2.0.1|2.0|1",
    "2.0|2.0.1|-1",
    "1.01|1.1|0",
    "1.0010|1.9|1",
    "5.5p1|5.5p2|-1",
    "5.5p10|5.5p1|1",
    "10xyz|10.1xyz|-1",
    "xyz10|xyz10.1|-1",
    "1.0a|1.0|1",
    "1.0|1.0a|-1",
    "a|1|-1",
    "1|a|1",
    "1.0~rc1|1.0|-1",
    "1.0~rc1|1.0~rc2|-1",
    "1.0~rc1~git123|1.0~rc1|-1",
    "1.0^|1.0|1",
    "1.0^git1|1.0|1",
    "1.0^git1|1.01|-1",
    "1.0^20160101|1.0.1|-1",
    "1.0^20160102|1.0^20160101^git1|1",
    "1.0~rc1^git1|1.0~rc1|1",
    "1.0~rc1^git1|1.0|-1",
    "1.0^git1~pre|1.0^git1|-1",
    "2_0|2_0|0",
    "2.0|2_0|0",
    "1.0.|1.0|0",
  })
  void rpmvercmpMatchesRpm(String a, String b, int want) {
    assertEquals(want, Integer.signum(RpmVersion.rpmvercmp(a, b)));
    assertEquals(-want, Integer.signum(RpmVersion.rpmvercmp(b, a)));
  }

  @Test
  void epochWinsAndMissingEpochIsZero() {
    assertTrue(RpmVersion.parse("1:1.0-1").compareTo(RpmVersion.parse("2.0-1")) > 0);
    assertEquals(0, RpmVersion.parse("0:1.0-1").compareTo(RpmVersion.parse("1.0-1")));
    assertTrue(RpmVersion.parse("1.0-2").compareTo(RpmVersion.parse("1.0-10")) < 0);
    // no release on one side: below any release in the total order, ignored by the dependency rule
    assertEquals(-1, RpmVersion.parse("1.0").compareTo(RpmVersion.parse("1.0-5")));
    assertEquals(0, RpmVersion.parse("1.0").compareIgnoringMissingRelease(RpmVersion.parse("1.0-5")));
  }

  @Test
  void parsesAndRendersEvr() {
    RpmVersion v = RpmVersion.parse("2:1.2~rc1-3.fc42");
    assertEquals(2, v.epoch());
    assertTrue(v.hasEpoch());
    assertEquals("1.2~rc1", v.version());
    assertEquals("3.fc42", v.release());
    assertEquals("2:1.2~rc1-3.fc42", v.toString());
    RpmVersion w = RpmVersion.parse("1.0");
    assertFalse(w.hasEpoch());
    assertEquals("", w.release());
    assertEquals("1.0", w.toString());
    assertThrows(IllegalArgumentException.class, () -> RpmVersion.parse("x:1.0"));
    assertThrows(IllegalArgumentException.class, () -> RpmVersion.parse(""));
  }
}
