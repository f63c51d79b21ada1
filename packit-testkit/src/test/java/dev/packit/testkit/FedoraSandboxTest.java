package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FedoraSandboxExtension.class)
class FedoraSandboxTest {

  @Test
  void listensOnLoopbackOnlyAndServesItsIndex(FedoraSandbox sandbox) throws Exception {
    URI base = sandbox.baseUri();
    assertTrue(InetAddress.getByName(base.getHost()).isLoopbackAddress(), base.toString());
    sandbox.mount("/echo", "echoes the path", ex -> {
      byte[] b = ex.getRequestURI().getPath().getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    HttpClient http = HttpClient.newHttpClient();
    String index = http.send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(index.contains("/echo\techoes the path"), index);
    String echo = http.send(HttpRequest.newBuilder(base.resolve("echo/x")).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertEquals("/echo/x", echo);
    assertEquals(404, http.send(HttpRequest.newBuilder(base.resolve("nothing")).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
  }

  @Test
  void createsRealBareRepositories(FedoraSandbox sandbox) throws Exception {
    Path dir = sandbox.createBareRepository("rpms/hello");
    try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).build()) {
      assertTrue(repo.isBare());
      assertEquals("rawhide", repo.getBranch());
    }
    assertEquals(dir, sandbox.createBareRepository("rpms/hello"));
    assertThrows(IllegalArgumentException.class, () -> sandbox.createBareRepository("../escape"));
  }

  @Test
  void closeDeletesItsFolder() {
    Path root;
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      root = sandbox.root();
      sandbox.createBareRepository("rpms/x");
      assertTrue(Files.isDirectory(root));
    }
    assertFalse(Files.exists(root));
  }
}
