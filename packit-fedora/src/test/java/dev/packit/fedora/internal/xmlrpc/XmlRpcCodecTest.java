package dev.packit.fedora.internal.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.InvalidInputException;
import dev.packit.core.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class XmlRpcCodecTest {
  private final XmlRpcCodec codec = XmlRpcCodec.defaults();

  static List<Path> kojiFixtures() throws IOException {
    try (Stream<Path> s = Files.list(Fixtures.dir("koji"))) {
      return s.filter(p -> p.toString().endsWith(".xml")).sorted().collect(Collectors.toList());
    }
  }

  /** Deep equality that compares byte[] by content. */
  static boolean same(Object a, Object b) {
    if (a instanceof byte[] && b instanceof byte[]) {
      return Arrays.equals((byte[]) a, (byte[]) b);
    }
    if (a instanceof Map && b instanceof Map) {
      Map<?, ?> x = (Map<?, ?>) a;
      Map<?, ?> y = (Map<?, ?>) b;
      return x.size() == y.size() && x.keySet().stream().allMatch(k -> y.containsKey(k) && same(x.get(k), y.get(k)));
    }
    if (a instanceof List && b instanceof List) {
      List<?> x = (List<?>) a;
      List<?> y = (List<?>) b;
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a == null ? b == null : a.equals(b);
  }

  @Test
  void everyKojiFixtureDecodesReencodesByteForByteAndDecodesEqual() throws Exception {
    List<Path> files = kojiFixtures();
    assertTrue(files.size() >= 16, "expected the koji fixture corpus, found " + files);
    for (Path f : files) {
      byte[] original = Files.readAllBytes(f);
      String name = f.getFileName().toString();
      byte[] again;
      if (new String(original, StandardCharsets.UTF_8).contains("<methodCall>")) {
        XmlRpcCall call = codec.decodeCall(original, name);
        again = codec.encodeCall(call.methodName(), call.params());
        XmlRpcCall call2 = codec.decodeCall(again, name);
        assertEquals(call.methodName(), call2.methodName(), name);
        assertTrue(same(call.params(), call2.params()), name);
      } else {
        XmlRpcResponse r = codec.decodeResponse(original, name);
        again = codec.encode(r);
        XmlRpcResponse r2 = codec.decodeResponse(again, name);
        assertEquals(r.fault(), r2.fault(), name);
        assertTrue(same(r.value(), r2.value()), name);
      }
      // The fixtures were written by Python's xmlrpc (or Koji's compatible marshaller): same bytes.
      assertEquals(new String(original, StandardCharsets.UTF_8), new String(again, StandardCharsets.UTF_8), name);
    }
  }

  @Test
  void realListBuildsResponseHasTypedValues() throws Exception {
    XmlRpcResponse r = codec.decodeResponse(Files.readAllBytes(Fixtures.file("koji/listBuilds-python-requre.response.xml")), "listBuilds");
    List<?> builds = (List<?>) r.value();
    assertEquals(30, builds.size());
    Map<?, ?> first = (Map<?, ?>) builds.get(0);
    assertEquals(1672055L, first.get("build_id"));
    assertEquals(1611242222.903082, first.get("completion_ts"));
    assertTrue(first.containsKey("epoch"));
    assertNull(first.get("epoch"));
    assertEquals("python-requre-0.5.0-1.fc33", first.get("nvr"));
    Map<?, ?> source = (Map<?, ?>) ((Map<?, ?>) first.get("extra")).get("source");
    assertTrue(((String) source.get("original_url")).startsWith("git+https://src.fedoraproject.org/rpms/python-requre.git#"));
  }

  @Test
  void faultsAndKeywordArguments() throws Exception {
    XmlRpcResponse f = codec.decodeResponse(Files.readAllBytes(Fixtures.file("koji/fault.AuthExpired.synth.xml")), "f");
    assertTrue(f.isFault());
    assertEquals(new XmlRpcFault(1007, "session \"12345\" has expired"), f.fault());

    XmlRpcCall call = codec.decodeCall(Files.readAllBytes(Fixtures.file("koji/build.request.priority-kwarg.synth.xml")), "b");
    KojiArgs.Decoded d = KojiArgs.decode(call.params());
    assertEquals(3, d.args().size());
    assertEquals(Map.of("scratch", true), d.args().get(2));
    assertTrue(d.kwargs().containsKey("priority"));
    assertNull(d.kwargs().get("priority"));
    assertEquals("f41-candidate", d.arg(1, "target", null));

    Map<String, Object> kw = new LinkedHashMap<>();
    kw.put("priority", null);
    byte[] encoded = codec.encodeCall("build", KojiArgs.encode(d.args(), kw));
    assertEquals(Files.readString(Fixtures.file("koji/build.request.priority-kwarg.synth.xml")), new String(encoded, StandardCharsets.UTF_8));
  }

  @Test
  void everyTypeRoundTrips() {
    Map<String, Object> struct = new LinkedHashMap<>();
    struct.put("nil", null);
    struct.put("int", 42L);
    struct.put("negative", -7L);
    struct.put("i8", 1L << 40);
    struct.put("huge", new BigInteger("123456789012345678901234567890"));
    struct.put("double", 0.1);
    struct.put("bigdouble", 1.0e20);
    struct.put("tiny", 1.5e-7);
    struct.put("true", true);
    struct.put("false", false);
    struct.put("string", "a < b && c > d \"q\" 'x' \r\n\t ünï 🐧");
    struct.put("empty", "");
    struct.put("base64", new byte[] {0, 1, 2, (byte) 0xff, 'x'});
    struct.put("emptybase64", new byte[0]);
    struct.put("date", LocalDateTime.of(2024, 2, 29, 23, 59, 1));
    struct.put("array", List.of(1L, "two", List.of(), Map.of()));
    byte[] body = codec.encodeResponse(struct);
    Object back = codec.decodeResponse(body, "t").value();
    assertTrue(same(struct, back), () -> back + " != " + struct);
    assertEquals(new ArrayList<>(struct.keySet()), new ArrayList<>(((Map<?, ?>) back).keySet()), "member order is kept");
  }

  @Test
  void integersAreLongsAndIntegerInputsEncodeAsIntOrI8() {
    String xml = "<methodResponse><params><param><value><array><data>"
        + "<value><int>1</int></value><value><i4>-2</i4></value><value><i8>9223372036854775807</i8></value>"
        + "<value><ex:i8>9223372036854775808</ex:i8></value><value><ex:nil/></value>"
        + "<value>bare text</value><value></value><value><string/></value>"
        + "<value><dateTime.iso8601>20210121T15:17:02</dateTime.iso8601></value>"
        + "<value><base64>aGVs\nbG8=</base64></value>"
        + "</data></array></value></param></params></methodResponse>";
    List<?> v = (List<?>) codec.decodeResponse(xml.getBytes(StandardCharsets.UTF_8), "ints").value();
    assertEquals(1L, v.get(0));
    assertEquals(-2L, v.get(1));
    assertEquals(Long.MAX_VALUE, v.get(2));
    assertEquals(new BigInteger("9223372036854775808"), v.get(3));
    assertNull(v.get(4));
    assertEquals("bare text", v.get(5));
    assertEquals("", v.get(6));
    assertEquals("", v.get(7));
    assertEquals(LocalDateTime.of(2021, 1, 21, 15, 17, 2), v.get(8));
    assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), (byte[]) v.get(9));

    String out = new String(codec.encodeCall("m", List.of(5, 3_000_000_000L, BigInteger.valueOf(7))), StandardCharsets.UTF_8);
    assertTrue(out.contains("<value><int>5</int></value>"), out);
    assertTrue(out.contains("<value><i8>3000000000</i8></value>"), out);
    assertTrue(out.contains("<value><int>7</int></value>"), out);
  }

  @Test
  void doublesAreWrittenLikePythonRepr() {
    assertEquals("1597303000.0", XmlRpcCodec.formatDouble(1597303000.0, "x"));
    assertEquals("1611242222.903082", XmlRpcCodec.formatDouble(1611242222.903082, "x"));
    assertEquals("0.0001", XmlRpcCodec.formatDouble(1e-4, "x"));
    assertEquals("-2.5", XmlRpcCodec.formatDouble(-2.5, "x"));
    assertThrows(IllegalArgumentException.class, () -> XmlRpcCodec.formatDouble(Double.NaN, "x"));
  }

  @Test
  void unencodableValuesAreRefusedWithTheirPath() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> codec.encodeCall("m", List.of(Map.of("k", List.of("ok", "bell\u0007")))));
    assertTrue(e.getMessage().contains("params[0].k[1]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> codec.encodeCall("m", List.of(new Object())));
    assertThrows(IllegalArgumentException.class, () -> codec.encodeCall("m", List.of(Map.of(1, 2))));
  }

  private InvalidInputException decodeFails(String xml) {
    return assertThrows(InvalidInputException.class,
        () -> codec.decodeResponse(xml.getBytes(StandardCharsets.UTF_8), "hub.xml"));
  }

  @Test
  void parserCrashInsideARefusedDtdIsInvalidInput() {
    // Found by a 600 s fuzz run: the JDK parser throws MissingResourceException ("InvalidCharInDTD") here.
    InvalidInputException e = decodeFails("<!DOCTYPE x[\u0003]");
    assertTrue(e.getMessage().startsWith("hub.xml:1:"), e.getMessage());
    assertTrue(e.getMessage().contains("malformed XML-RPC"), e.getMessage());
  }

  @Test
  void externalEntitiesAreRefused() throws Exception {
    Path secret = Files.createTempFile("xxe", ".txt");
    Files.writeString(secret, "TOP-SECRET");
    try {
      String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
          + "<methodResponse><params><param><value><string>&x;</string></value></param></params></methodResponse>";
      InvalidInputException e = decodeFails(xxe);
      assertTrue(e.getMessage().startsWith("hub.xml:"), e.getMessage());
      assertTrue(e.getMessage().contains("DTDs and entities are not allowed"), e.getMessage());
      assertFalse(e.getMessage().contains("TOP-SECRET"));
      assertTrue(e.location().line() >= 1, e.getMessage());
    } finally {
      Files.delete(secret);
    }
  }

  @Test
  void billionLaughsIsRefused() {
    StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        dtd.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
      }
      dtd.append("\">\n");
    }
    dtd.append("]>\n<methodResponse><params><param><value><string>&lol9;</string></value></param></params></methodResponse>");
    InvalidInputException e = decodeFails(dtd.toString());
    assertTrue(e.getMessage().contains("DTDs and entities are not allowed"), e.getMessage());
  }

  @Test
  void truncatedBodiesNameWhereTheyEnd() throws Exception {
    byte[] full = Files.readAllBytes(Fixtures.file("koji/listBuilds-python-requre.response.xml"));
    for (int cut : new int[] {0, 10, 100, 5000, full.length / 2, full.length - 20}) {
      byte[] part = Arrays.copyOf(full, cut);
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> codec.decodeResponse(part, "listBuilds"));
      assertTrue(e.getMessage().startsWith("listBuilds:"), e.getMessage());
      assertTrue(e.getMessage().contains("truncated") || cut == 0 && e.getMessage().contains("malformed"), cut + ": " + e.getMessage());
      if (cut > 100) {
        assertTrue(e.location().line() > 1, e.getMessage());
        assertTrue(e.location().field().startsWith("methodResponse/params"), e.getMessage());
      }
    }
  }

  @Test
  void malformedValuesNameLineColumnAndPath() {
    InvalidInputException e = decodeFails("<methodResponse><params><param><value><struct>\n"
        + "<member><name>build_id</name>\n<value><int>12x</int></value></member></struct></value></param></params></methodResponse>");
    assertEquals(3, e.location().line(), e.getMessage());
    assertTrue(e.location().column() > 0, e.getMessage());
    assertTrue(e.getMessage().contains("value[build_id]"), e.getMessage());
    assertTrue(e.getMessage().contains("bad integer '12x'"), e.getMessage());

    assertTrue(decodeFails("<methodResponse><params><param><value><foo>1</foo></value></param></params></methodResponse>")
        .getMessage().contains("unknown XML-RPC type <foo>"));
    assertTrue(decodeFails("<methodResponse><fault><value><string>x</string></value></fault></methodResponse>")
        .getMessage().contains("faultCode"));
    assertTrue(decodeFails("<methodResponse><params></params></methodResponse>").getMessage().contains("exactly one"));
    assertTrue(decodeFails("<methodResponse><params><param><value><boolean>2</boolean></value></param></params></methodResponse>")
        .getMessage().contains("bad boolean"));
    assertTrue(decodeFails("<methodResponse><params><param><value><double>1.51e400</double></value></param></params></methodResponse>")
        .getMessage().contains("double '1.51e400' is out of range"));
  }

  @Test
  void bytesInvalidInTheirEncodingFailQuietlyWithAPosition() throws Exception {
    // Latin-1 bytes in a body that says (by default) it is UTF-8.
    byte[] latin1 = ("<?xml version=\"1.0\"?>\n<methodResponse><params><param><value><string>caf\u00e9</string>"
        + "</value></param></params></methodResponse>").getBytes(StandardCharsets.ISO_8859_1);
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    InvalidInputException e;
    System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      e = assertThrows(InvalidInputException.class, () -> codec.decodeResponse(latin1, "getBuild"));
    } finally {
      System.setErr(err);
    }
    assertEquals("", captured.toString(StandardCharsets.UTF_8), "the JDK parser used to print [Fatal Error] here");
    assertTrue(e.getMessage().startsWith("getBuild:2:"), e.getMessage());
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
  }

  @Test
  void theDeclaredEncodingAndAByteOrderMarkAreHonoured() {
    byte[] latin1 = ("<?xml version='1.0' encoding='ISO-8859-1'?><methodResponse><params><param><value><string>caf\u00e9"
        + "</string></value></param></params></methodResponse>").getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("caf\u00e9", codec.decodeResponse(latin1, "latin1").value());
    byte[] utf8 = codec.encodeResponse("na\u00efve \u2713");
    byte[] bom = new byte[utf8.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(utf8, 0, bom, 3, utf8.length);
    assertEquals("na\u00efve \u2713", codec.decodeResponse(bom, "bom").value());
    byte[] unknown = "<?xml version='1.0' encoding='x-no-such-charset'?><methodResponse/>".getBytes(StandardCharsets.US_ASCII);
    assertTrue(assertThrows(InvalidInputException.class, () -> codec.decodeResponse(unknown, "odd")).getMessage()
        .contains("x-no-such-charset"));
  }

  @Test
  void depthAndSizeAreBounded() {
    StringBuilder deep = new StringBuilder("<methodResponse><params><param>");
    for (int i = 0; i < 100; i++) {
      deep.append("<value><array><data>");
    }
    deep.append("<value><int>1</int></value>");
    for (int i = 0; i < 100; i++) {
      deep.append("</data></array></value>");
    }
    deep.append("</param></params></methodResponse>");
    assertTrue(decodeFails(deep.toString()).getMessage().contains("nested deeper than 64"));

    XmlRpcCodec small = XmlRpcCodec.withLimits(1024, 8);
    byte[] big = codec.encodeResponse("x".repeat(4096));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> small.decodeResponse(big, "big"));
    assertTrue(e.getMessage().contains("exceeds the limit of 1024 bytes"), e.getMessage());
    // exactly at the limit is fine
    byte[] fits = small.encodeResponse("y".repeat(900));
    XmlRpcCodec exact = XmlRpcCodec.withLimits(fits.length, 8);
    assertEquals("y".repeat(900), exact.decodeResponse(fits, "fits").value());
  }

  @Test
  void decodesFromAStreamWithoutClosingIt() {
    byte[] body = codec.encodeCall("hello", List.of());
    boolean[] closed = {false};
    InputStream in = new java.io.ByteArrayInputStream(body) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    XmlRpcCall call = codec.decodeCall(in, "hello");
    assertEquals("hello", call.methodName());
    assertEquals(List.of(), call.params());
    assertFalse(closed[0]);
    assertInstanceOf(XmlRpcCall.class, codec.decodeCall("<methodCall><methodName>x</methodName></methodCall>".getBytes(StandardCharsets.UTF_8), "x"));
  }
}
