package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.InvalidInputException;
import dev.packit.core.http.RetryPolicy;
import dev.packit.fedora.distgit.NewSources;
import dev.packit.fedora.lookaside.HashType;
import dev.packit.fedora.lookaside.HashedFile;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.lookaside.LookasideException;
import dev.packit.fedora.lookaside.SourcesFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class NewSourcesSandboxTest {
  private FedoraSandbox sandbox;
  private SandboxLookaside lookaside;
  private LookasideClient client;
  @TempDir Path work;

  @BeforeEach
  void start() {
    sandbox = FedoraSandbox.start();
    sandbox.createBareRepository("rpms/hello");
    lookaside = sandbox.lookaside();
    client = LookasideClient.builder().baseUri(lookaside.baseUri()).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private Path archive(String name, int size) throws Exception {
    byte[] data = new byte[size];
    new Random(name.hashCode()).nextBytes(data);
    return Files.write(work.resolve(name), data);
  }

  @Test
  void resumedRunAfterAFailedUploadSendsOnlyWhatIsMissingAndLosesNothing() throws Exception {
    Path checkout = Files.createDirectories(work.resolve("hello"));
    Files.writeString(checkout.resolve(".gitignore"), "/hello-1.0.tar.gz\n");
    Path a = archive("hello-2.0.tar.gz", 200_000);
    Path b = archive("hello-2.0-vendor.tar.xz", 300_000);
    String sourcesBefore = "SHA512 (hello-1.0.tar.gz) = " + "c".repeat(128) + "\n";
    Files.writeString(checkout.resolve("sources"), sourcesBefore);

    // first run: the first archive is stored, then the server fails on the second (out of space)
    java.util.concurrent.atomic.AtomicBoolean injected = new java.util.concurrent.atomic.AtomicBoolean();
    LookasideClient failingSecond = LookasideClient.builder().baseUri(lookaside.baseUri()).retryPolicy(RetryPolicy.none())
        .authentication(chain -> {
          if (lookaside.uploads() == 1 && injected.compareAndSet(false, true)) {
            lookaside.failNextUpload(500, "OSError: [Errno 28] No space left on device");
          }
          return chain.proceed(chain.request());
        }).build();
    LookasideException failed = assertThrows(LookasideException.class,
        () -> NewSources.run(failingSecond, "hello", checkout, List.of(a, b)));
    assertEquals(LookasideException.Reason.SERVER_ERROR, failed.reason());
    assertEquals(1, lookaside.uploads("rpms/hello", "hello-2.0.tar.gz"));
    assertEquals(0, lookaside.uploads("rpms/hello", "hello-2.0-vendor.tar.xz"));
    assertEquals(sourcesBefore, Files.readString(checkout.resolve("sources")), "sources untouched by a failed run");
    assertEquals("/hello-1.0.tar.gz\n", Files.readString(checkout.resolve(".gitignore")));

    // resumed run: only the missing archive is sent
    NewSources.Result resumed = NewSources.run(client, "hello", checkout, List.of(a, b));
    assertEquals(1, resumed.uploaded());
    assertEquals(1, lookaside.uploads("rpms/hello", "hello-2.0.tar.gz"), "nothing uploaded twice");
    assertEquals(1, lookaside.uploads("rpms/hello", "hello-2.0-vendor.tar.xz"));
    assertEquals(List.of("sources", ".gitignore"), resumed.changedFiles());
    String sha = HashedFile.of(a, HashType.SHA512).digest(HashType.SHA512);
    String shaB = HashedFile.of(b, HashType.SHA512).digest(HashType.SHA512);
    assertEquals("SHA512 (hello-2.0.tar.gz) = " + sha + "\nSHA512 (hello-2.0-vendor.tar.xz) = " + shaB + "\n",
        Files.readString(checkout.resolve("sources")));
    assertEquals("/hello-1.0.tar.gz\n/hello-2.0.tar.gz\n/hello-2.0-vendor.tar.xz\n", Files.readString(checkout.resolve(".gitignore")));
    // nothing lost: both are downloadable and verified
    Path elsewhere = Files.createDirectories(work.resolve("fresh"));
    for (var e : SourcesFile.read(checkout.resolve("sources")).entries()) {
      assertTrue(client.exists("hello", e));
      client.download("hello", e, elsewhere);
    }
    assertEquals(Files.size(b), Files.size(elsewhere.resolve("hello-2.0-vendor.tar.xz")));

    // a second run changes nothing and uploads nothing
    int attempts = lookaside.uploadAttempts();
    NewSources.Result again = NewSources.run(client, "hello", checkout, List.of(a, b));
    assertFalse(again.changed());
    assertEquals(0, again.uploaded());
    assertEquals(attempts, lookaside.uploadAttempts());
  }

  @Test
  void maliciousSourcesFileIsRejectedBeforeAnyUpload() throws Exception {
    Path checkout = Files.createDirectories(work.resolve("evil"));
    Files.writeString(checkout.resolve("sources"), "SHA512 (../../../../home/user/.bashrc) = " + "a".repeat(128) + "\n");
    Path a = archive("hello-3.0.tar.gz", 1000);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> NewSources.run(client, "hello", checkout, List.of(a)));
    assertEquals(1, e.location().line());
    assertEquals(0, lookaside.uploadAttempts());
    assertEquals(0, lookaside.checks());
  }
}
