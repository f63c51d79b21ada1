package dev.packit.fedora.internal.kerberos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MS-KKDCP's KDC-PROXY-MESSAGE (DER) and the krb5.conf rewrite; the real proxy is in RealKerberosTest. */
class KdcProxyBridgeTest {
  @TempDir
  Path dir;

  @Test
  void encodesTheMessageAsMsKkdcpSpecifies() {
    byte[] der = KdcProxyBridge.encode(KdcProxyBridge.framed(new byte[] {1, 2}), "A.B");
    // SEQUENCE { [0] { OCTET STRING 00000002 0102 }, [1] { GeneralString "A.B" } }
    assertEquals("3011a00804060000000201 02a1051b03412e42".replace(" ", ""), HexFormat.of().formatHex(der));
  }

  @Test
  void longMessagesUseLongFormLengthsAndRoundTrip() {
    Random r = new Random(16);
    for (int n : new int[] {0, 1, 120, 127, 128, 255, 256, 4000, 70_000}) {
      byte[] msg = new byte[n];
      r.nextBytes(msg);
      byte[] framed = KdcProxyBridge.framed(msg);
      assertArrayEquals(framed, KdcProxyBridge.decode(KdcProxyBridge.encode(framed, "FEDORAPROJECT.ORG")), "length " + n);
      assertArrayEquals(framed, KdcProxyBridge.decode(KdcProxyBridge.encode(framed, null)), "no target-domain, length " + n);
    }
  }

  @Test
  void aReplyThatIsNotAKdcProxyMessageIsRefused() {
    byte[] good = KdcProxyBridge.encode(KdcProxyBridge.framed(new byte[300]), "A.B");
    for (int cut = 0; cut < good.length; cut += 7) {
      byte[] truncated = java.util.Arrays.copyOf(good, cut);
      assertThrows(IllegalArgumentException.class, () -> KdcProxyBridge.decode(truncated), "cut at " + cut);
    }
    assertThrows(IllegalArgumentException.class, () -> KdcProxyBridge.decode("<html>502</html>".getBytes()));
    // a 4-byte length claiming 2 GiB
    assertThrows(IllegalArgumentException.class, () -> KdcProxyBridge.decode(new byte[] {0x30, (byte) 0x84, 0x7f, 0, 0, 0}));
    // [1] only: no kerb-message
    assertThrows(IllegalArgumentException.class, () -> KdcProxyBridge.decode(HexFormat.of().parseHex("3007a1051b03412e42")));
  }

  @Test
  void krb5ConfWithAKdcProxyIsRewrittenToALoopbackBridge() throws Exception {
    Path conf = dir.resolve("krb5.conf");
    Files.writeString(conf, """
        [libdefaults]
          default_realm = FEDORAPROJECT.ORG
        [realms]
          FEDORAPROJECT.ORG = {
            kdc = https://id.fedoraproject.org/KdcProxy
          }
          EXAMPLE.ORG = {
            kdc = kdc.example.org:88
          }
        """);
    Optional<Path> out = KdcProxyBridge.rewrite(conf);
    assertTrue(out.isPresent());
    String text = Files.readString(out.get());
    assertFalse(text.contains("https://"), text);
    assertTrue(text.contains("kdc = kdc.example.org:88"), text);
    assertTrue(text.contains("udp_preference_limit = 1"), text);
    KdcProxyBridge bridge = KdcProxyBridge.running().stream()
        .filter(b -> b.proxy().toString().equals("https://id.fedoraproject.org/KdcProxy")).findFirst().orElseThrow();
    assertTrue(text.contains("kdc = 127.0.0.1:" + bridge.port()), text);
    assertEquals(out, KdcProxyBridge.rewrite(conf), "one bridge and one copy per file");
    assertEquals(Optional.empty(), KdcProxyBridge.rewrite(out.get()), "the copy names no KdcProxy");
  }
}
