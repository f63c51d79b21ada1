package dev.packit.testkit.internal.lookaside;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The upload pipeline writes exactly what it was given (direct I/O pads and truncates) and digests it in order. */
class UploadSinkTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 511, 4095, 4096, 4097, UploadSink.BUFFER, UploadSink.BUFFER + 17, 5 * UploadSink.BUFFER + 4099})
  void writesAndDigestsEveryByte(int size) throws Exception {
    byte[] content = new byte[size];
    new Random(size).nextBytes(content);
    Path file = Files.createFile(dir.resolve("upload.part"));
    MessageDigest sha = MessageDigest.getInstance("SHA-512");
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    // Uneven reads, as from a socket: the sink must not depend on full buffers.
    try (InputStream in = new ByteArrayInputStream(content); UploadSink sink = UploadSink.open(file, sha, md5)) {
      byte[] buf = sink.take();
      int n;
      int round = 0;
      while ((n = in.read(buf, 0, Math.min(buf.length, 1000 + 70_001 * (round++ % 20)))) > 0) {
        sink.submit(buf, n);
        buf = sink.take();
      }
      sink.finish();
    }
    assertEquals(size, Files.size(file));
    assertArrayEquals(content, Files.readAllBytes(file));
    assertArrayEquals(MessageDigest.getInstance("SHA-512").digest(content), sha.digest());
    assertArrayEquals(MessageDigest.getInstance("MD5").digest(content), md5.digest());
  }
}
