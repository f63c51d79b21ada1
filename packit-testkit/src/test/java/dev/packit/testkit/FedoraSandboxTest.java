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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
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
  void countsRequestsPerServiceAndMethod(FedoraSandbox sandbox) throws Exception {
    sandbox.lookaside();
    sandbox.resetRequestCounts(); // the sandbox is shared by the tests of this class
    HttpClient http = HttpClient.newHttpClient();
    URI missing = sandbox.baseUri().resolve("lookaside/pkgs/rpms/none/a.tar.gz/sha512/00/a.tar.gz");
    for (int i = 0; i < 3; i++) {
      assertEquals(404, http.send(HttpRequest.newBuilder(missing).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }
    http.send(HttpRequest.newBuilder(sandbox.lookaside().uploadCgi()).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
    assertEquals(java.util.Map.of("/lookaside GET", 3L, "/lookaside POST", 1L), sandbox.requestCounts());
    sandbox.resetRequestCounts();
    assertTrue(sandbox.requestCounts().isEmpty());
  }

  @Test
  void scenarioWithMoreBranches(FedoraSandbox sandbox) throws Exception {
    assertEquals(SandboxScenario.BRANCHES, SandboxScenario.branchNames(3));
    java.util.List<String> ten = SandboxScenario.branchNames(10);
    assertEquals(java.util.List.of("rawhide", "f43", "f42", "f41", "f40", "f39", "f38", "f37", "f36", "f35"), ten);
    assertThrows(IllegalArgumentException.class, () -> SandboxScenario.branchNames(0));
    SandboxScenario s = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0", ten);
    assertEquals(ten, s.branches());
    assertEquals(ten, s.releaseRequest().branches());
    assertTrue(s.packitYaml().contains("dist_git_branches: [f43, f42, f41, f40, f39, f38, f37, f36, f35]"), s.packitYaml());
    try (Repository repo = new FileRepositoryBuilder().setGitDir(sandbox.root().resolve("git/rpms/hello.git").toFile()).build()) {
      assertEquals(10, repo.getRefDatabase().getRefsByPrefix("refs/heads/").size());
    }
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
