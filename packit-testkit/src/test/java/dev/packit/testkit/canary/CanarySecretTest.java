package dev.packit.testkit.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.packit.core.Secret;
import dev.packit.testkit.FedoraSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary secret: every client of a bot process ({@link CanaryClient}, a child JVM with every
 * logger at TRACE) is configured with one secret and driven into every failure a hostile server
 * can produce: 401/403/404/409/429/500/503, a connection reset, a response slower than the
 * timeout, an invalid body, a redirect to another host, a Koji session that fails after login.
 * The server echoes every request header and the full request URI back in its error bodies and
 * headers, as careless servers do. Nothing the process prints (exceptions, causes, stack traces,
 * {@code toString()}, logs) may contain the secret, raw, URL-encoded or base64-encoded.
 */
@Tag("integration")
class CanarySecretTest {
  static final String CANARY = "Cn4ry+Xq/7Zt=Lw9Qp";
  static final String SESSION_CANARY = "Ks3ss+Key/9Zz=Qv";

  /** Every form in which a secret could show up. */
  static List<String> forms(String secret) {
    List<String> forms = new ArrayList<>(List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8),
        URLEncoder.encode(secret, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT),
        Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
        Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8))));
    for (String user : List.of("packit", "guest", "x-access-token", "oauth2", "token")) {
      forms.add(Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    }
    return forms;
  }

  static void assertNoCanary(String output, String what) {
    for (String secret : List.of(CANARY, SESSION_CANARY)) {
      for (String form : forms(secret)) {
        int at = output.indexOf(form);
        if (at >= 0) {
          fail("the canary (" + form + ") leaked into " + what + ": ..."
              + output.substring(Math.max(0, at - 600), Math.min(output.length(), at + 200)) + "...");
        }
      }
    }
  }

  private static boolean carries(String text) {
    return forms(CANARY).stream().anyMatch(text::contains) || forms(SESSION_CANARY).stream().anyMatch(text::contains);
  }

  @Test
  void theCanaryNeverAppearsInAnythingABotPrintsOrLogs(@TempDir Path tmp) throws Exception {
    AtomicInteger sawCanary = new AtomicInteger();
    HttpServer evil = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    evil.setExecutor(Executors.newFixedThreadPool(8));
    int port = evil.getAddress().getPort();
    evil.createContext("/", ex -> hostile(ex, port, sawCanary));
    evil.start();
    ServerSocket reset = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread resetter = new Thread(() -> resetAll(reset), "canary-reset");
    resetter.setDaemon(true);
    resetter.start();
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      sandbox.createBareRepository("rpms/hello");
      seed(sandbox, tmp);
      sandbox.requireGitPushToken("packit", Secret.of("another-token"));

      // Kept in target/ for reading after a failure.
      Path out = Files.createDirectories(Path.of("target")).resolve("canary-client.log");
      List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace", "-Dorg.slf4j.simpleLogger.logFile=System.out",
          "-cp", classPath(), CanaryClient.class.getName(),
          "http://127.0.0.1:" + port + "/", Integer.toString(reset.getLocalPort()),
          sandbox.gitUri("rpms/hello").toString(), CANARY);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(240, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        fail("the client process hung:\n" + Files.readString(out));
      }
      String output = Files.readString(out);
      assertEquals(0, p.exitValue(), output);
      assertTrue(output.contains("CANARY CASES "), output);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("CANARY CASES (\\d+)").matcher(output);
      assertTrue(m.find(), "the client finished");
      int cases = Integer.parseInt(m.group(1));
      System.out.printf("canary: %d cases, %d requests carried the canary to the server, %d bytes of output searched%n",
          cases, sawCanary.get(), output.length());
      assertTrue(cases >= 150, "cases run: " + cases);
      assertTrue(sawCanary.get() >= 100, "the secret went on the wire: " + sawCanary.get());
      assertTrue(output.contains("TRACE") || output.contains("DEBUG"), "logging was on");
      assertNoCanary(output, "the output of the client process");
      assertEquals(0, leakedToOtherHost.get(), "requests that carried the secret to the host a redirect pointed at: " + leaks);
    } finally {
      evil.stop(0);
      reset.close();
    }
  }

  private static void seed(FedoraSandbox sandbox, Path tmp) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("seed"));
    try (dev.packit.forge.git.LocalRepository repo = dev.packit.forge.git.LocalRepository.init(dir, "rawhide",
        java.time.Clock.systemUTC())) {
      Files.writeString(dir.resolve("hello.spec"), "Name: hello\n");
      repo.addAll();
      repo.commit("import", dev.packit.forge.git.GitIdentity.of("Jane", "jane@example.org"));
      repo.setRemote("origin", sandbox.gitUri("rpms/hello"));
      repo.push(dev.packit.forge.git.PushRequest.builder("origin").refSpec("refs/heads/rawhide:refs/heads/rawhide").build());
    }
  }

  private static void resetAll(ServerSocket server) {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(500);
        try {
          s.getInputStream().read(new byte[4096]);
        } catch (IOException ignored) {
          // reset anyway
        }
        s.setSoLinger(true, 0);
      } catch (IOException e) {
        return;
      }
    }
  }

  /** {@code /m/<mode>/...}: fails as the mode says, echoing everything the client sent. */
  private static final AtomicInteger leakedToOtherHost = new AtomicInteger();
  private static final List<String> leaks = new java.util.concurrent.CopyOnWriteArrayList<>();

  private static void hostile(HttpExchange ex, int port, AtomicInteger sawCanary) throws IOException {
    try (ex) {
      byte[] requestBody;
      try (InputStream in = ex.getRequestBody()) {
        requestBody = in.readAllBytes();
      }
      StringBuilder echo = new StringBuilder(ex.getRequestMethod() + " " + ex.getRequestURI());
      for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
        echo.append(" | ").append(h.getKey()).append(": ").append(String.join(", ", h.getValue()));
      }
      echo.append(" | body: ").append(new String(requestBody, StandardCharsets.UTF_8).replaceAll("[\\r\\n]", " "));
      if (carries(echo.toString())) {
        sawCanary.incrementAndGet();
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host != null && host.startsWith("localhost")) {
          leakedToOtherHost.incrementAndGet();
          String shown = echo.toString();
          for (String f : forms(CANARY)) {
            shown = shown.replace(f, "<CANARY>");
          }
          leaks.add(shown);
        }
      }
      String path = ex.getRequestURI().getPath();
      String[] parts = path.split("/");
      String mode = parts.length > 2 ? parts[2] : "404";
      String e = echo.toString().replace("\\", "\\\\").replace("\"", "\\\"");
      String json = "{\"error\": \"" + e + "\", \"message\": \"" + e + "\", \"errors\": [{\"name\": \"x\", \"description\": \"" + e
          + "\"}], \"error_description\": \"" + e + "\"}";
      ex.getResponseHeaders().set("X-Echo", echo.toString().replaceAll("[^\\x20-\\x7e]", "?"));
      ex.getResponseHeaders().set("Content-Type", "application/json");
      if (mode.startsWith("kojisession")) {
        if (path.endsWith("/ssllogin")) {
          send(ex, 200, "text/xml", "<?xml version='1.0'?><methodResponse><params><param><value><struct>"
              + "<member><name>session-id</name><value><int>42</int></value></member>"
              + "<member><name>session-key</name><value><string>" + SESSION_CANARY + "</string></value></member>"
              + "</struct></value></param></params></methodResponse>");
        } else if (mode.endsWith("fault")) {
          send(ex, 200, "text/xml", "<?xml version='1.0'?><methodResponse><fault><value><struct>"
              + "<member><name>faultCode</name><value><int>1000</int></value></member>"
              + "<member><name>faultString</name><value><string>" + xml(echo.toString()) + "</string></value></member>"
              + "</struct></value></fault></methodResponse>");
        } else {
          send(ex, 500, "text/plain", echo.toString());
        }
        return;
      }
      switch (mode) {
        case "401" -> {
          ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"x\", error_description=\""
              + echo.toString().replaceAll("[^\\x20-\\x7e]", "?").replace("\"", "'") + "\"");
          send(ex, 401, "application/json", json);
        }
        case "403", "404", "409", "500", "503" -> send(ex, Integer.parseInt(mode), "application/json", json);
        case "429" -> {
          ex.getResponseHeaders().set("Retry-After", "0");
          send(ex, 429, "application/json", json);
        }
        case "badbody" -> send(ex, 200, "application/json", json.substring(0, json.length() / 2));
        case "redirect" -> {
          String rest = path.substring("/m/redirect".length());
          // Not the query: a secret the server itself puts into the new URL is the server's doing.
          ex.getResponseHeaders().set("Location", "http://localhost:" + port + "/m/401" + rest);
          send(ex, 302, "text/plain", "moved");
        }
        case "slow" -> {
          try {
            Thread.sleep(1500);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
          }
          send(ex, 200, "application/json", json);
        }
        default -> send(ex, 404, "application/json", json);
      }
    } catch (IOException ignored) {
      // the client gave up (timeouts): nothing to answer
    }
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  private static String classPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }
}
