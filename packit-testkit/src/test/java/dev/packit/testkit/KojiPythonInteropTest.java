package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.core.http.RetryPolicy;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.koji.KojiFaultException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our codec against Python's standard {@code xmlrpc}, in both directions. */
@Tag("integration")
class KojiPythonInteropTest {
  @TempDir
  Path dir;

  private static final String SERVER = String.join("\n",
      "import sys, socketserver, xmlrpc.server, xmlrpc.client",
      // HTTP/1.1 keep-alive like Koji's Apache front end: Python's default HTTP/1.0 closes each connection,
      // and the JDK client sometimes reused one the server had just closed ("header parser received no bytes").
      "class Handler(xmlrpc.server.SimpleXMLRPCRequestHandler): protocol_version = 'HTTP/1.1'",
      "class Server(socketserver.ThreadingMixIn, xmlrpc.server.SimpleXMLRPCServer): daemon_threads = True",
      "srv = Server(('127.0.0.1', 0), requestHandler=Handler, allow_none=True, use_builtin_types=True, logRequests=False)",
      "def echo(x): return x",
      "def describe(x): return type(x).__name__ + ':' + repr(x)",
      "def fail(code, msg): raise xmlrpc.client.Fault(code, msg)",
      "srv.register_function(echo); srv.register_function(describe); srv.register_function(fail)",
      "print(srv.server_address[1], flush=True)",
      "srv.serve_forever()",
      "");

  private static final String CLIENT = String.join("\n",
      "import sys, json, base64, xmlrpc.client as xc",
      "url = sys.argv[1]",
      "p = xc.ServerProxy(url, allow_none=True, use_builtin_types=True)",
      "out = {'hello': p.hello(), 'target': p.getBuildTarget('rawhide'), 'missing': p.getBuild('nope-1-1.fc44')}",
      "try:",
      "    p.build('git+https://src.example.org/rpms/a.git#abcdef1', 'rawhide', {})",
      "except xc.Fault as f:",
      "    out['anonymous_build'] = [f.faultCode, f.faultString]",
      "try:",
      "    p.getBuildTarget('f99-candidate', {'strict': True, '__starstar': True})",
      "except xc.Fault as f:",
      "    out['strict'] = [f.faultCode, f.faultString]",
      "tok = base64.b64encode(b'pyuser@EXAMPLE.ORG').decode()",
      "login = xc.ServerProxy(url + '/ssllogin', allow_none=True, transport=xc.Transport(headers=[('Authorization', 'Negotiate ' + tok)]))",
      "s = login.sslLogin()",
      "out['header_auth'] = s['header-auth']",
      "def session(n):",
      "    t = xc.Transport(headers=[('Koji-Session-Id', str(s['session-id'])), ('Koji-Session-Key', s['session-key']), ('Koji-Session-Callnum', str(n))])",
      "    return xc.ServerProxy(url, allow_none=True, transport=t)",
      "out['user'] = session(0).getLoggedInUser()['name']",
      "out['side'] = session(1).createSideTag('f44-build')['name']",
      "try:",
      "    session(1).getLoggedInUser()",
      "except xc.Fault as f:",
      "    out['retry'] = f.faultCode",
      "out['multicall'] = p.multiCall([{'methodName': 'getBuildTarget', 'params': ['rawhide']},",
      "    {'methodName': 'getBuild', 'params': ['x-1-1']}, {'methodName': 'nosuch', 'params': []}])",
      "print(json.dumps(out))",
      "");

  static String python() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import xmlrpc.server, sys; assert sys.version_info >= (3, 8)")
          .redirectErrorStream(true).start();
      if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return "python3";
      }
    } catch (IOException e) {
      // absent
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String msg = "python3 (>= 3.8, with xmlrpc) is not installed: skipping the XML-RPC interoperability test";
    if ("true".equalsIgnoreCase(System.getenv("PACKIT_CI"))) {
      fail(msg);
    }
    Assumptions.abort(msg);
    return null;
  }

  @Test
  void ourClientTalksToPythonsSimpleXmlRpcServerWithEveryType() throws Exception {
    String python = python();
    Path script = dir.resolve("server.py");
    Files.writeString(script, SERVER);
    Process server = new ProcessBuilder(python, script.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String port = out.readLine();
      assertTrue(port != null && port.matches("\\d+"), "python server did not print its port: " + port);
      KojiClient py = KojiClient.builder().hub(URI.create("http://127.0.0.1:" + port + "/RPC2"))
          .retryPolicy(RetryPolicy.none()).build();

      Map<String, Object> struct = new LinkedHashMap<>();
      struct.put("nil", null);
      struct.put("int", 42L);
      struct.put("negative", -2147483648L);
      struct.put("double", 1611242222.903082);
      struct.put("small", 1.5e-7);
      struct.put("bool", true);
      struct.put("text", "<&> \"quotes\" 'single' \n\t ünïcödé 🐧 ]]>");
      struct.put("empty", "");
      struct.put("date", LocalDateTime.of(2021, 1, 21, 15, 17, 2));
      struct.put("list", List.of(1L, "two", List.of(), Map.of("nested", List.of(false))));
      Object back = py.call("echo", List.of(struct), Map.of());
      assertEquals(struct, back);

      byte[] bytes = new byte[300];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) i;
      }
      assertArrayEquals(bytes, (byte[]) py.call("echo", List.of((Object) bytes), Map.of()));
      assertNull(py.call("echo", java.util.Arrays.asList((Object) null), Map.of()));

      // Python reads our i8 and big integers (its standard marshaller refuses to send them back).
      assertEquals("int:3000000000", py.call("describe", List.of(3_000_000_000L), Map.of()));
      assertEquals("int:123456789012345678901234567890",
          py.call("describe", List.of(new BigInteger("123456789012345678901234567890")), Map.of()));
      // We send CR as &#13; so it survives; Python writes it raw, so it would not survive the trip back.
      assertEquals("str:'a\\rb'", py.call("describe", List.of("a\rb"), Map.of()));
      assertEquals("float:1597303000.0", py.call("describe", List.of(1597303000.0), Map.of()));
      assertEquals("bytes:b'\\x00\\xff'", py.call("describe", List.of((Object) new byte[] {0, (byte) 0xff}), Map.of()));
      assertEquals("datetime:datetime.datetime(2024, 2, 29, 23, 59, 1)",
          py.call("describe", List.of(LocalDateTime.of(2024, 2, 29, 23, 59, 1)), Map.of()));
      assertEquals("dict:{'strict': True, '__starstar': True}", py.call("describe", List.of(), Map.of("strict", true)),
          "keyword arguments travel as Koji's __starstar struct");

      KojiFaultException e = assertThrows(KojiFaultException.class, () -> py.call("fail", List.of(1004, "only admins"), Map.of()));
      assertEquals(1004, e.faultCode());
      assertEquals("only admins", e.faultString());
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void pythonsXmlRpcClientTalksToTheFakeHub() throws Exception {
    String python = python();
    Path script = dir.resolve("client.py");
    Files.writeString(script, CLIENT);
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      sandbox.koji();
      Process client = new ProcessBuilder(python, script.toString(), sandbox.baseUri().resolve("kojihub").toString())
          .redirectErrorStream(true).start();
      String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(client.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, client.exitValue(), output);
      JsonNode r = new ObjectMapper().readTree(output);
      assertEquals("Hello World!", r.get("hello").asText());
      assertEquals("rawhide", r.get("target").get("name").asText());
      assertEquals("f44-build", r.get("target").get("build_tag_name").asText());
      assertTrue(r.get("missing").isNull());
      assertEquals(1004, r.get("anonymous_build").get(0).asInt());
      assertEquals(1000, r.get("strict").get(0).asInt());
      assertEquals("No such build target: f99-candidate", r.get("strict").get(1).asText());
      assertTrue(r.get("header_auth").asBoolean());
      assertEquals("pyuser", r.get("user").asText());
      assertTrue(r.get("side").asText().startsWith("f44-build-side-"));
      assertEquals(1009, r.get("retry").asInt());
      JsonNode mc = r.get("multicall");
      assertEquals("rawhide", mc.get(0).get(0).get("name").asText());
      assertTrue(mc.get(1).get(0).isNull());
      assertEquals(1000, mc.get(2).get("faultCode").asInt());
    }
  }
}
