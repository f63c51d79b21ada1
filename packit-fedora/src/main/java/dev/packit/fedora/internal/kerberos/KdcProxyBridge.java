package dev.packit.fedora.internal.kerberos;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A KdcProxy (MS-KKDCP) bridge for the JDK's Kerberos, which only speaks to a KDC over UDP/TCP port
 * 88-style sockets: a listener on 127.0.0.1 (TCP and UDP on one ephemeral port) that wraps each
 * request in a {@code KDC-PROXY-MESSAGE} and POSTs it over HTTPS to the proxy (Fedora's
 * {@code https://id.fedoraproject.org/KdcProxy}), then hands the KDC's reply back. The JDK is pointed
 * at it by a generated krb5.conf ({@link #rewrite}) in which each {@code kdc = https://…} line
 * becomes {@code kdc = 127.0.0.1:<port>}.
 *
 * <pre>{@code
 * Optional<Path> conf = KdcProxyBridge.rewrite(Path.of("/etc/krb5.conf"));   // bridges started
 * conf.ifPresent(p -> System.setProperty("java.security.krb5.conf", p.toString()));
 * }</pre>
 *
 * <p>The message is encoded by hand (a few lines of DER for one SEQUENCE): no maintained Java library
 * implements MS-KKDCP, and the JDK's own ASN.1 classes are internal.
 *
 * <p>TLS: the proxy's certificate is checked against the realm's {@code http_anchors} (MIT's
 * setting, {@code FILE:} PEM files), else the JDK's default trust store; host names are verified.
 */
public final class KdcProxyBridge implements AutoCloseable {
  /** Largest KDC message accepted from either side (MIT's KDC limit is 1 MiB for TCP too). */
  static final int MAX_MESSAGE = 1 << 20;
  private static final Map<String, KdcProxyBridge> BRIDGES = new ConcurrentHashMap<>();
  private static final Map<String, Path> REWRITTEN = new ConcurrentHashMap<>();
  private static volatile String lastFailure;

  private final URI proxy;
  private final String realm;
  private final HttpClient http;
  private final Duration timeout;
  private final ServerSocket tcp;
  private final DatagramSocket udp;
  private final ExecutorService threads;
  private final AtomicLong forwarded = new AtomicLong();
  private volatile boolean closed;

  private KdcProxyBridge(URI proxy, String realm, HttpClient http, Duration timeout) throws IOException {
    this.proxy = proxy;
    this.realm = realm;
    this.http = http;
    this.timeout = timeout;
    this.tcp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    DatagramSocket u;
    try {
      u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp.getLocalPort()));
    } catch (SocketException e) {
      u = null; // the UDP port is taken: the JDK falls back to TCP after a UDP failure
    }
    this.udp = u;
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "packit-kdcproxy-bridge");
      t.setDaemon(true);
      return t;
    });
    threads.execute(this::acceptTcp);
    if (udp != null) {
      threads.execute(this::serveUdp);
    }
  }

  /**
   * Starts a bridge to one proxy for one realm.
   *
   * @param proxy the proxy's URL, e.g. {@code https://id.fedoraproject.org/KdcProxy}
   * @param realm the realm sent as {@code target-domain}
   * @param ssl the TLS trust for the proxy, or null for the JDK's default
   * @param timeout how long one KDC exchange through the proxy may take
   * @return the running bridge
   * @throws UncheckedIOException when no loopback port can be bound
   */
  public static KdcProxyBridge start(URI proxy, String realm, SSLContext ssl, Duration timeout) {
    if (!"https".equalsIgnoreCase(proxy.getScheme())) {
      throw new IllegalArgumentException("a KdcProxy URL must be https: " + proxy);
    }
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
    if (ssl != null) {
      b.sslContext(ssl);
    }
    try {
      return new KdcProxyBridge(proxy, realm, b.build(), timeout);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the KdcProxy bridge on 127.0.0.1", e);
    }
  }

  /** @return the loopback port (TCP, and UDP when it could be bound) */
  public int port() {
    return tcp.getLocalPort();
  }

  /** @return the proxy's URL */
  public URI proxy() {
    return proxy;
  }

  /** @return how many KDC exchanges went through the proxy successfully */
  public long forwarded() {
    return forwarded.get();
  }

  /**
   * The last failure of any bridge to reach its proxy, for errors ("cannot reach the KDC").
   *
   * @return e.g. {@code the KdcProxy https://…/KdcProxy answered HTTP 404}
   */
  public static Optional<String> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /**
   * {@link #lastFailure}, when the JDK is reading a krb5.conf this class generated (so the failure
   * is the one the JDK just ran into, not an old one of another configuration).
   *
   * @param krb5conf the JDK's {@code java.security.krb5.conf}, may be null
   * @return the failure
   */
  public static Optional<String> lastFailureFor(String krb5conf) {
    if (krb5conf == null || !REWRITTEN.containsValue(Path.of(krb5conf))) {
      return Optional.empty();
    }
    return lastFailure();
  }

  /**
   * The bridges {@link #rewrite} started in this JVM.
   *
   * @return them, in no order
   */
  public static List<KdcProxyBridge> running() {
    return List.copyOf(BRIDGES.values());
  }

  @Override
  public void close() {
    closed = true;
    try {
      tcp.close();
    } catch (IOException ignored) {
      // closing
    }
    if (udp != null) {
      udp.close();
    }
    threads.shutdownNow();
  }

  // ------------------------------------------------------------------ krb5.conf

  /**
   * TCP only: a bridge that cannot reach its proxy closes the connection, which the JDK reports at
   * once; over UDP it would wait for its timeouts and retries (90 s by default) first.
   */
  private static final String UDP_NEVER = "  udp_preference_limit = 1";
  private static final Pattern REALM_OPEN = Pattern.compile("^\\s*([^=\\s]+)\\s*=\\s*\\{\\s*$");
  private static final Pattern KDC_HTTPS = Pattern.compile("^(\\s*kdc\\s*=\\s*)(https://\\S+)\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern ANCHORS = Pattern.compile("^\\s*http_anchors\\s*=\\s*(\\S+)\\s*$");

  /**
   * If {@code krb5conf} names a KdcProxy ({@code kdc = https://…}) for a realm, starts a bridge for it
   * (once per JVM and proxy) and writes a copy of the file in which that line reads {@code kdc =
   * 127.0.0.1:<port>}.
   *
   * @param krb5conf the krb5.conf to read
   * @return the generated file, or empty when the file names no KdcProxy
   * @throws UncheckedIOException when the file cannot be read or the copy written
   */
  public static Optional<Path> rewrite(Path krb5conf) {
    List<String> lines;
    try {
      lines = Files.readAllLines(krb5conf, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + krb5conf, e);
    }
    if (lines.stream().noneMatch(l -> KDC_HTTPS.matcher(l).matches())) {
      return Optional.empty();
    }
    String key = krb5conf.toAbsolutePath() + "\n" + String.join("\n", lines);
    Path done = REWRITTEN.get(key);
    if (done != null && Files.isRegularFile(done)) {
      return Optional.of(done);
    }
    List<String> out = new ArrayList<>();
    boolean libdefaults = lines.stream().anyMatch(l -> l.trim().equals("[libdefaults]"));
    if (!libdefaults) {
      out.add("[libdefaults]");
      out.add(UDP_NEVER);
    }
    String section = "";
    String realm = null;
    List<String> block = new ArrayList<>();
    for (String line : lines) {
      String t = line.trim();
      if (t.startsWith("[") && t.endsWith("]")) {
        section = t;
        if (t.equals("[libdefaults]")) {
          out.add(line);
          out.add(UDP_NEVER);
          continue;
        }
      }
      if ("[realms]".equals(section) && realm == null) {
        Matcher m = REALM_OPEN.matcher(line);
        if (m.matches()) {
          realm = m.group(1);
          block.clear();
          block.add(line);
          continue;
        }
      }
      if (realm != null) {
        block.add(line);
        if (t.equals("}")) {
          out.addAll(bridgeBlock(realm, block));
          realm = null;
        }
        continue;
      }
      out.add(line);
    }
    out.addAll(block.isEmpty() || realm == null ? List.of() : block);
    try {
      Path generated = Files.createTempFile("packit-krb5-kdcproxy-", ".conf");
      generated.toFile().deleteOnExit();
      Files.write(generated, out, StandardCharsets.UTF_8);
      REWRITTEN.put(key, generated);
      return Optional.of(generated);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bridged krb5.conf", e);
    }
  }

  /** One realm's {@code { … }} block with its https kdc lines replaced by bridges. */
  private static List<String> bridgeBlock(String realm, List<String> block) {
    List<Path> anchors = new ArrayList<>();
    for (String l : block) {
      Matcher a = ANCHORS.matcher(l);
      if (a.matches() && a.group(1).startsWith("FILE:")) {
        anchors.add(Path.of(a.group(1).substring(5)));
      }
    }
    List<String> out = new ArrayList<>();
    for (String l : block) {
      Matcher k = KDC_HTTPS.matcher(l);
      if (k.matches()) {
        URI url = URI.create(k.group(2));
        KdcProxyBridge bridge = BRIDGES.computeIfAbsent(realm + " " + url + " " + anchors,
            x -> start(url, realm, anchors.isEmpty() ? null : trusting(anchors), Duration.ofSeconds(30)));
        out.add(k.group(1) + "127.0.0.1:" + bridge.port());
      } else {
        out.add(l);
      }
    }
    return out;
  }

  /**
   * A TLS context trusting the certificates of these PEM files (MIT's {@code http_anchors}).
   *
   * @param pemFiles the files
   * @return the context
   */
  static SSLContext trusting(List<Path> pemFiles) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      int n = 0;
      for (Path p : pemFiles) {
        try (InputStream in = Files.newInputStream(p)) {
          for (Certificate c : cf.generateCertificates(in)) {
            trust.setCertificateEntry("anchor-" + n++, c);
          }
        }
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the KdcProxy trust anchors " + pemFiles, e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot use the KdcProxy trust anchors " + pemFiles + ": " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ serving

  private void acceptTcp() {
    while (!closed) {
      try {
        Socket s = tcp.accept();
        threads.execute(() -> serveTcp(s));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serveTcp(Socket s) {
    try (s) {
      s.setSoTimeout((int) timeout.toMillis() * 2);
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (!closed) {
        int len;
        try {
          len = in.readInt();
        } catch (EOFException eof) {
          return;
        }
        if (len < 0 || len > MAX_MESSAGE) {
          return; // not a KDC request (or the high bit, reserved by RFC 4120 for extensions)
        }
        byte[] msg = new byte[len];
        in.readFully(msg);
        byte[] reply = forward(framed(msg));
        if (reply == null) {
          return; // the JDK sees the connection close and tries the next KDC, then reports it
        }
        out.write(reply); // already framed: MS-KKDCP carries the TCP length prefix both ways
        out.flush();
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private void serveUdp() {
    byte[] buf = new byte[65535];
    while (!closed) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        udp.receive(p);
        byte[] msg = java.util.Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
        InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
        threads.execute(() -> {
          byte[] reply = forward(framed(msg));
          if (reply != null && reply.length >= 4) {
            try {
              udp.send(new DatagramPacket(reply, 4, reply.length - 4, from));
            } catch (IOException ignored) {
              // the client went away
            }
          }
        });
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  static byte[] framed(byte[] msg) {
    byte[] f = new byte[msg.length + 4];
    f[0] = (byte) (msg.length >>> 24);
    f[1] = (byte) (msg.length >>> 16);
    f[2] = (byte) (msg.length >>> 8);
    f[3] = (byte) msg.length;
    System.arraycopy(msg, 0, f, 4, msg.length);
    return f;
  }

  /** One exchange through the proxy; null (and {@link #lastFailure} set) when it failed. */
  byte[] forward(byte[] framedRequest) {
    try {
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(proxy).timeout(timeout)
          .header("Content-Type", "application/kerberos")
          .POST(HttpRequest.BodyPublishers.ofByteArray(encode(framedRequest, realm))).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        lastFailure = "the KdcProxy " + proxy + " answered HTTP " + r.statusCode() + " for realm " + realm;
        return null;
      }
      byte[] reply = decode(r.body());
      if (reply.length < 4 || ((reply[0] & 0xff) << 24 | (reply[1] & 0xff) << 16 | (reply[2] & 0xff) << 8 | (reply[3] & 0xff))
          != reply.length - 4) {
        lastFailure = "the KdcProxy " + proxy + " answered a KDC reply whose length prefix does not match";
        return null;
      }
      forwarded.incrementAndGet();
      lastFailure = null;
      return reply;
    } catch (IOException e) {
      lastFailure = "cannot reach the KdcProxy " + proxy + ": " + e;
      return null;
    } catch (IllegalArgumentException e) {
      lastFailure = "the KdcProxy " + proxy + " answered something that is not a KDC-PROXY-MESSAGE: " + e.getMessage();
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  // ------------------------------------------------------------------ DER

  /**
   * {@code KDC-PROXY-MESSAGE ::= SEQUENCE { kerb-message [0] OCTET STRING, target-domain [1]
   * KERB-REALM OPTIONAL, dclocator-hint [2] INTEGER OPTIONAL }} (explicit tags; KERB-REALM is a
   * GeneralString).
   *
   * @param framedKerbMessage the KDC request with its 4-byte length prefix
   * @param realm the target domain, or null
   * @return the DER bytes
   */
  static byte[] encode(byte[] framedKerbMessage, String realm) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeTlv(body, 0xA0, tlv(0x04, framedKerbMessage));
    if (realm != null) {
      writeTlv(body, 0xA1, tlv(0x1B, realm.getBytes(StandardCharsets.US_ASCII)));
    }
    return tlv(0x30, body.toByteArray());
  }

  /**
   * The {@code kerb-message} of a {@code KDC-PROXY-MESSAGE}.
   *
   * @param der the message
   * @return the framed KDC reply
   * @throws IllegalArgumentException when it is not one
   */
  static byte[] decode(byte[] der) {
    int[] pos = {0};
    byte[] seq = readTlv(der, pos, 0x30);
    if (pos[0] != der.length) {
      throw new IllegalArgumentException("trailing bytes after the SEQUENCE");
    }
    int[] p = {0};
    while (p[0] < seq.length) {
      int tag = seq[p[0]] & 0xff;
      byte[] field = readTlv(seq, p, tag);
      if (tag == 0xA0) {
        int[] q = {0};
        byte[] octets = readTlv(field, q, 0x04);
        if (q[0] != field.length) {
          throw new IllegalArgumentException("trailing bytes in kerb-message");
        }
        return octets;
      }
    }
    throw new IllegalArgumentException("no kerb-message [0]");
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeTlv(out, tag, value);
    return out.toByteArray();
  }

  private static void writeTlv(ByteArrayOutputStream out, int tag, byte[] value) {
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n <= 0xff ? 1 : n <= 0xffff ? 2 : n <= 0xffffff ? 3 : 4;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(n >>> (8 * i));
      }
    }
    out.write(value, 0, n);
  }

  private static byte[] readTlv(byte[] in, int[] pos, int expectedTag) {
    int p = pos[0];
    if (p + 2 > in.length) {
      throw new IllegalArgumentException("truncated at byte " + p);
    }
    int tag = in[p++] & 0xff;
    if (tag != expectedTag) {
      throw new IllegalArgumentException(String.format("tag 0x%02x at byte %d where 0x%02x was expected", tag, p - 1, expectedTag));
    }
    int first = in[p++] & 0xff;
    long len;
    if (first < 0x80) {
      len = first;
    } else {
      int bytes = first & 0x7f;
      if (bytes == 0 || bytes > 4 || p + bytes > in.length) {
        throw new IllegalArgumentException("bad length at byte " + (p - 1));
      }
      len = 0;
      for (int i = 0; i < bytes; i++) {
        len = (len << 8) | (in[p++] & 0xff);
      }
    }
    if (len > MAX_MESSAGE + 64L || p + len > in.length) {
      throw new IllegalArgumentException("length " + len + " at byte " + p + " runs past the end (" + in.length + " bytes)");
    }
    byte[] value = java.util.Arrays.copyOfRange(in, p, p + (int) len);
    pos[0] = p + (int) len;
    return value;
  }

  @Override
  public String toString() {
    return "KdcProxyBridge[127.0.0.1:" + port() + " -> " + proxy + " for " + realm + "]";
  }
}
