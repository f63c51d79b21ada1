package dev.packit.benchmarks;

import dev.packit.fedora.internal.xmlrpc.XmlRpcCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * XML-RPC encode/decode throughput on Koji-shaped payloads: the recorded 30-build {@code
 * listBuilds} answer (or a generated one of the same shape when the fixtures are absent) and a
 * 500-call {@code multiCall} request. Baselines in the same run: the JDK's StAX reader pulling every
 * event of the same bytes (decoding), and a plain byte copy of the encoded output (encoding).
 *
 * <pre>{@code
 * ./mvnw -q -pl packit-benchmarks -am package -DskipTests
 * java -cp "packit-benchmarks/target/classes:$(cat cp.txt)" org.openjdk.jmh.Main XmlRpcCodecBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class XmlRpcCodecBenchmark {
  private final XmlRpcCodec codec = XmlRpcCodec.defaults();
  private byte[] listBuilds;
  private Object listBuildsValue;
  private List<Object> multiCallParams;
  private byte[] multiCallBody;

  /** Loads or generates the payloads. */
  @Setup
  public void setup() throws IOException {
    Path fixture = Path.of("..", "shared", "fixtures", "koji", "listBuilds-python-requre.response.xml");
    if (!Files.isRegularFile(fixture)) {
      fixture = Path.of("..", "..", "shared", "fixtures", "koji", "listBuilds-python-requre.response.xml");
    }
    if (Files.isRegularFile(fixture)) {
      listBuilds = Files.readAllBytes(fixture);
    } else {
      List<Object> builds = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("build_id", 1672055L + i);
        b.put("completion_ts", 1611242222.903082 + i);
        b.put("epoch", null);
        b.put("nvr", "python-requre-0.5." + i + "-1.fc33");
        b.put("extra", Map.of("source", Map.of("original_url", "git+https://src.fedoraproject.org/rpms/python-requre.git#c9c8271b")));
        b.put("state", 1L);
        builds.add(b);
      }
      listBuilds = codec.encodeResponse(builds);
    }
    listBuildsValue = codec.decodeResponse(listBuilds, "bench").value();
    List<Object> calls = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("methodName", "getBuild");
      c.put("params", List.of("pkg" + i + "-1.0-1.fc44"));
      calls.add(c);
    }
    multiCallParams = List.of(calls);
    multiCallBody = codec.encodeCall("multiCall", multiCallParams);
  }

  /** Decodes the listBuilds answer. */
  @Benchmark
  public Object decodeListBuilds() {
    return codec.decodeResponse(listBuilds, "bench").value();
  }

  /** Encodes the listBuilds answer. */
  @Benchmark
  public byte[] encodeListBuilds() {
    return codec.encodeResponse(listBuildsValue);
  }

  /** Encodes a 500-call multiCall request. */
  @Benchmark
  public byte[] encodeMultiCall500() {
    return codec.encodeCall("multiCall", multiCallParams);
  }

  /** Decodes a 500-call multiCall request, as the fake hub does. */
  @Benchmark
  public Object decodeMultiCall500() {
    return codec.decodeCall(multiCallBody, "bench");
  }

  private static final javax.xml.stream.XMLInputFactory STAX = javax.xml.stream.XMLInputFactory.newFactory();

  static {
    STAX.setProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD, false);
    STAX.setProperty(javax.xml.stream.XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
  }

  /** Pulls every event of a document with the JDK's StAX reader, keeping only a checksum of the text. */
  private static long staxRead(byte[] xml) throws javax.xml.stream.XMLStreamException {
    javax.xml.stream.XMLStreamReader r = STAX.createXMLStreamReader(new java.io.ByteArrayInputStream(xml));
    long h = 0;
    try {
      while (r.hasNext()) {
        int e = r.next();
        if (e == javax.xml.stream.XMLStreamConstants.CHARACTERS) {
          h = h * 31 + r.getTextLength();
        } else if (e == javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
          h = h * 31 + r.getLocalName().hashCode();
        }
      }
    } finally {
      r.close();
    }
    return h;
  }

  /**
   * Baseline: a plain StAX pass over the listBuilds answer (no values built). decodeListBuilds / this
   * is the cost of the typed XML-RPC decoder over just reading the XML.
   *
   * @return a checksum
   * @throws javax.xml.stream.XMLStreamException never for this input
   */
  @Benchmark
  public long baselineStaxReadListBuilds() throws javax.xml.stream.XMLStreamException {
    return staxRead(listBuilds);
  }

  /**
   * Baseline: a plain StAX pass over the 500-call multiCall request.
   *
   * @return a checksum
   * @throws javax.xml.stream.XMLStreamException never for this input
   */
  @Benchmark
  public long baselineStaxReadMultiCall500() throws javax.xml.stream.XMLStreamException {
    return staxRead(multiCallBody);
  }

  /**
   * Baseline for the encoders: a copy of the already encoded listBuilds bytes into a new array
   * through a stream, the least any encoder producing that output costs.
   *
   * @return the copy
   */
  @Benchmark
  public byte[] baselineCopyListBuilds() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64);
    out.write(listBuilds, 0, listBuilds.length);
    return out.toByteArray();
  }
}
