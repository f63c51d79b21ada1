package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.packit.core.Secret;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.koji.KojiLogin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One logged-in {@link KojiClient} used from many threads (the workflow builds branches in
 * parallel): the hub refuses a callnum lower than one it has seen, so calls on a session must
 * reach it in callnum order. Found by {@code packit build-in-koji} on three branches.
 */
@Tag("integration")
class KojiSessionConcurrencyTest {

  @Test
  void parallelCallsOnOneSessionAreNotRefused() throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      sandbox.koji();
      String token = Base64.getEncoder().encodeToString("packit@FEDORAPROJECT.ORG".getBytes(StandardCharsets.UTF_8));
      KojiClient koji = KojiClient.builder().hub(sandbox.baseUri().resolve("kojihub"))
          .login(KojiLogin.negotiate(() -> Secret.of(token))).build();
      koji.login();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          calls.add(pool.submit(() -> koji.call("getLoggedInUser", List.of(), java.util.Map.of())));
        }
        int ok = 0;
        for (Future<Object> f : calls) {
          f.get();
          ok++;
        }
        assertEquals(200, ok);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
