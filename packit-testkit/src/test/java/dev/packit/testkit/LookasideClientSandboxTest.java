package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.NotFoundException;
import dev.packit.core.PackitIoException;
import dev.packit.core.Secret;
import dev.packit.core.http.RetryPolicy;
import dev.packit.fedora.lookaside.HashType;
import dev.packit.fedora.lookaside.HashedFile;
import dev.packit.fedora.lookaside.LookasideAuth;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.lookaside.LookasideException;
import dev.packit.fedora.lookaside.Presence;
import dev.packit.fedora.lookaside.SourceEntry;
import dev.packit.fedora.lookaside.UploadResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class LookasideClientSandboxTest {
  private FedoraSandbox sandbox;
  private SandboxLookaside lookaside;
  @TempDir Path work;

  @BeforeEach
  void start() {
    sandbox = FedoraSandbox.start();
    sandbox.createBareRepository("rpms/hello");
    lookaside = sandbox.lookaside();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private LookasideClient.Builder client() {
    return LookasideClient.builder().baseUri(lookaside.baseUri()).retryPolicy(RetryPolicy.none());
  }

  private HashedFile archive(String name, int size) throws Exception {
    byte[] data = new byte[size];
    new Random(name.hashCode()).nextBytes(data);
    Path f = work.resolve(name);
    Files.write(f, data);
    return HashedFile.of(f, HashType.SHA512);
  }

  @Test
  void uploadChecksFirstStoresOnceAndDownloadsVerified() throws Exception {
    LookasideClient c = client().build();
    HashedFile a = archive("hello-1.0.tar.gz", 3 << 20);
    SourceEntry entry = a.toEntry(HashType.SHA512);
    assertEquals(Presence.MISSING, c.check("hello", a));
    assertFalse(c.exists("hello", entry));
    UploadResult first = c.upload("hello", a);
    assertEquals(UploadResult.Outcome.STORED, first.outcome());
    assertTrue(first.uploaded());
    assertEquals(a.size(), first.size());
    assertEquals(UploadResult.Outcome.ALREADY_PRESENT, c.upload("hello", a).outcome());
    assertEquals(UploadResult.Outcome.ALREADY_EXISTS, c.send("hello", a).outcome());
    assertEquals(Presence.AVAILABLE, c.check("hello", a));
    assertTrue(c.exists("hello", entry));
    assertEquals(1, lookaside.uploads("rpms/hello", "hello-1.0.tar.gz"));
    assertEquals(a.mtimeEpochSeconds(), Files.getLastModifiedTime(
        lookaside.pathOf("rpms/hello", a.filename(), HashType.SHA512, entry.hash())).toInstant().getEpochSecond());

    Path checkout = Files.createDirectories(work.resolve("checkout"));
    Path got = c.download("hello", entry, checkout);
    assertEquals(entry.hash(), HashedFile.of(got, HashType.SHA512).digest(HashType.SHA512));
    assertEquals(c.downloadUri("hello", a.filename(), HashType.SHA512, entry.hash()),
        lookaside.baseUri().resolve("rpms/hello/hello-1.0.tar.gz/sha512/" + entry.hash() + "/hello-1.0.tar.gz"));
  }

  @Test
  void corruptDownloadIsDeletedAndReported() throws Exception {
    LookasideClient c = client().build();
    HashedFile a = archive("x-1.tar.gz", 100_000);
    SourceEntry entry = a.toEntry(HashType.SHA512);
    c.upload("hello", a);
    Files.writeString(lookaside.pathOf("rpms/hello", a.filename(), HashType.SHA512, entry.hash()), "tampered");
    Path checkout = Files.createDirectories(work.resolve("co"));
    LookasideException e = assertThrows(LookasideException.class, () -> c.download("hello", entry, checkout));
    assertEquals(LookasideException.Reason.CORRUPT_DOWNLOAD, e.reason());
    assertTrue(e.getMessage().contains("sources says " + entry.hash()), e.getMessage());
    try (Stream<Path> left = Files.list(checkout)) {
      assertEquals(List.of(), left.toList(), "no partial or temporary file kept");
    }
    SourceEntry unknown = new SourceEntry("nope.tar.gz", HashType.SHA512, "0".repeat(128));
    assertThrows(NotFoundException.class, () -> c.download("hello", unknown, checkout));
  }

  @Test
  void oldMd5EntriesDownloadFromTheOldLayouts() throws Exception {
    LookasideClient c = client().build();
    byte[] data = "old tarball".getBytes(StandardCharsets.UTF_8);
    lookaside.putOldLayout("rpms/hello", "old-0.1.tar.gz", data);
    Path f = Files.write(work.resolve("old-0.1.tar.gz"), data);
    SourceEntry entry = HashedFile.of(f, HashType.MD5).toEntry(HashType.MD5);
    Files.delete(f);
    Path got = c.download("hello", entry, work);
    assertEquals("old tarball", Files.readString(got));
  }

  @Test
  void everyRefusalIsTyped() throws Exception {
    HashedFile a = archive("y-1.tar.gz", 1000);
    assertEquals(LookasideException.Reason.MODULE_NOT_FOUND,
        assertThrows(LookasideException.class, () -> client().build().upload("unknown", a)).reason());
    LookasideClient md5 = client().hashType(HashType.MD5).build();
    HashedFile both = HashedFile.of(a.path(), HashType.SHA512, HashType.MD5);
    LookasideException refused = assertThrows(LookasideException.class, () -> md5.upload("hello", both));
    assertEquals(LookasideException.Reason.MD5_REFUSED, refused.reason());
    assertEquals(406, refused.status());
    HashedFile lying = new HashedFile(a.path(), a.size(), a.mtimeEpochSeconds(), Map.of(HashType.SHA512, "ab".repeat(64)));
    LookasideException mismatch = assertThrows(LookasideException.class, () -> client().build().upload("hello", lying));
    assertEquals(LookasideException.Reason.CHECKSUM_MISMATCH, mismatch.reason());
    assertFalse(mismatch.retryable());
    lookaside.failNextUpload(500, "OSError: [Errno 28] No space left on device");
    LookasideException server = assertThrows(LookasideException.class, () -> client().build().upload("hello", a));
    assertEquals(LookasideException.Reason.SERVER_ERROR, server.reason());
    assertTrue(server.retryable());
    assertTrue(server.getMessage().contains("No space left on device"), server.getMessage());
    assertEquals(0, lookaside.uploads());
  }

  @Test
  void authenticationUnauthorizedForbiddenAndNegotiate() throws Exception {
    lookaside.allow("Negotiate dG9rZW4=", "alice").allow("Bearer other", "mallory").packager("mallory", false);
    HashedFile a = archive("z-1.tar.gz", 1000);
    LookasideException none = assertThrows(LookasideException.class, () -> client().build().check("hello", a));
    assertEquals(LookasideException.Reason.UNAUTHORIZED, none.reason());
    LookasideException forbidden = assertThrows(LookasideException.class,
        () -> client().authentication(LookasideAuth.header("Authorization", Secret.of("Bearer other"))).build().upload("hello", a));
    assertEquals(LookasideException.Reason.NOT_PACKAGER, forbidden.reason());
    assertFalse(forbidden.getMessage().contains("Bearer other"));
    LookasideClient alice = client().authentication(LookasideAuth.negotiate(host -> "token".getBytes(StandardCharsets.UTF_8), "fake")).build();
    assertEquals(UploadResult.Outcome.STORED, alice.upload("hello", a).outcome());
    // downloads and HEAD stay anonymous
    assertTrue(client().build().exists("hello", a.toEntry(HashType.SHA512)));
  }

  @Test
  void aDroppedConnectionIsRetriedAndStoresOnce() throws Exception {
    HashedFile a = archive("big-1.tar.gz", 4 << 20);
    lookaside.disconnectNextUpload();
    assertThrows(PackitIoException.class, () -> client().build().upload("hello", a));
    assertEquals(0, lookaside.uploads());
    lookaside.disconnectNextUpload();
    LookasideClient retrying = client().retryPolicy(RetryPolicy.defaults()).sleeper(d -> { }).build();
    assertEquals(UploadResult.Outcome.STORED, retrying.upload("hello", a).outcome());
    assertEquals(1, lookaside.uploads("rpms/hello", a.filename()));
    assertEquals(3, lookaside.uploadAttempts());
  }
}
