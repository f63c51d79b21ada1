package dev.packit.testkit.internal.lookaside;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Where an uploaded file goes while it arrives: the caller (the HTTP thread, which also parses the
 * multipart form) fills buffers, a hasher thread digests them, a writer thread writes them to disk.
 * Three stages on three threads, so the digest (the slowest stage) never waits for socket reads or
 * disk writes. {@link #BUFFERS} buffers circulate between the stages: memory stays constant.
 *
 * <pre>{@code
 * try (UploadSink sink = UploadSink.open(tmp, digests)) {
 *   byte[] buf = sink.take();
 *   while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
 *     sink.submit(buf, n);
 *     buf = sink.take();
 *   }
 *   sink.finish();
 * }
 * }</pre>
 *
 * <p>The file is written with {@code O_DIRECT} where the file system allows it: the sandbox never
 * reads an upload back soon, and copying gigabytes into the page cache cost more CPU than hashing
 * them on the benchmark machine (see docs/performance.md). Elsewhere (tmpfs, other platforms) it
 * falls back to ordinary writes.
 */
final class UploadSink implements AutoCloseable {
  /** Size of one buffer: a multiple of every common file system block size. */
  static final int BUFFER = 1 << 20;
  /** Buffers in circulation. */
  static final int BUFFERS = 4;
  private static final Chunk END = new Chunk(new byte[0], 0);
  private static final long STALL_SECONDS = 60;

  private record Chunk(byte[] bytes, int length) {}

  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
  private final BlockingQueue<Chunk> toHash = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final BlockingQueue<Chunk> toWrite = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final MessageDigest[] digests;
  private final Path file;
  private final Thread hasher;
  private final Thread writer;
  private volatile Throwable failure;
  private volatile boolean abandoned;
  private boolean closed;

  private UploadSink(Path file, MessageDigest[] digests) {
    this.file = file;
    this.digests = digests.clone();
    for (int i = 0; i < BUFFERS; i++) {
      free.add(new byte[BUFFER]);
    }
    hasher = new Thread(this::hashLoop, "packit-sandbox-lookaside-hasher");
    writer = new Thread(this::writeLoop, "packit-sandbox-lookaside-writer");
    hasher.setDaemon(true);
    writer.setDaemon(true);
  }

  /**
   * Starts the hasher and writer for an existing, empty file.
   *
   * @param file the file to write
   * @param digests updated with every byte, in order
   * @return the running sink
   */
  static UploadSink open(Path file, MessageDigest... digests) {
    UploadSink sink = new UploadSink(file, digests);
    sink.hasher.start();
    sink.writer.start();
    return sink;
  }

  /** Returns an empty buffer of {@link #BUFFER} bytes to fill, waiting for one to come back. */
  byte[] take() throws IOException {
    check();
    byte[] b = poll(free);
    check();
    return b;
  }

  /** Hands a filled buffer (its first {@code length} bytes) on to the hasher and the writer. */
  void submit(byte[] buffer, int length) throws IOException {
    check();
    put(toHash, new Chunk(buffer, length));
  }

  /** Waits until every submitted byte is hashed and written; reports a failure of either. */
  void finish() throws IOException {
    close();
    check();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (failure != null) {
      abandoned = true;
    }
    try {
      put(toHash, END);
      hasher.join(TimeUnit.SECONDS.toMillis(STALL_SECONDS));
      writer.join(TimeUnit.SECONDS.toMillis(STALL_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandoned = true;
      throw new IOException("interrupted while finishing an upload", e);
    }
    if (hasher.isAlive() || writer.isAlive()) {
      abandoned = true;
      hasher.interrupt();
      writer.interrupt();
      throw new IOException("sandbox lookaside: upload pipeline stalled");
    }
  }

  private void check() throws IOException {
    Throwable f = failure;
    if (f instanceof IOException io) {
      throw io;
    }
    if (f != null) {
      throw new IOException("sandbox lookaside: upload pipeline failed", f);
    }
  }

  private void fail(Throwable t) {
    if (failure == null) {
      failure = t;
    }
    abandoned = true;
  }

  private void hashLoop() {
    try {
      while (true) {
        Chunk c = toHash.take();
        if (c != END && !abandoned) {
          for (MessageDigest md : digests) {
            md.update(c.bytes(), 0, c.length());
          }
        }
        toWrite.put(c);
        if (c == END) {
          return;
        }
      }
    } catch (InterruptedException e) {
      fail(new IOException("interrupted", e));
    } catch (RuntimeException | Error e) {
      fail(e);
      toWrite.offer(END);
    }
  }

  private void writeLoop() {
    try (BlockWriter out = BlockWriter.open(file)) {
      while (true) {
        Chunk c = toWrite.take();
        if (c == END) {
          if (!abandoned) {
            out.finish();
          }
          return;
        }
        if (!abandoned) {
          out.write(c.bytes(), c.length());
        }
        free.put(c.bytes());
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
      drainAfterFailure();
    } catch (InterruptedException e) {
      fail(new IOException("interrupted", e));
    }
  }

  /** Keeps buffers flowing back after a write failure, so the producer sees the failure instead of blocking. */
  private void drainAfterFailure() {
    try {
      while (true) {
        Chunk c = toWrite.poll(STALL_SECONDS, TimeUnit.SECONDS);
        if (c == null || c == END) {
          return;
        }
        free.offer(c.bytes());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private <T> T poll(BlockingQueue<T> queue) throws IOException {
    try {
      T t = queue.poll(STALL_SECONDS, TimeUnit.SECONDS);
      if (t == null) {
        throw new IOException("sandbox lookaside: upload pipeline stalled");
      }
      return t;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private <T> void put(BlockingQueue<T> queue, T item) throws IOException {
    try {
      if (!queue.offer(item, STALL_SECONDS, TimeUnit.SECONDS)) {
        throw new IOException("sandbox lookaside: upload pipeline stalled");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /**
   * Writes whole blocks from an aligned direct buffer with {@code O_DIRECT}; the last partial
   * block is padded and the file truncated to its real size. Falls back to ordinary writes when
   * the file system refuses direct I/O, at open or at the first write.
   */
  static final class BlockWriter implements AutoCloseable {
    private final Path file;
    private FileChannel channel;
    private boolean direct;
    private final int block;
    private final ByteBuffer buffer; // holds a partial block carried over plus one incoming chunk
    private long written;
    private long size;

    private BlockWriter(Path file, FileChannel channel, boolean direct, int block) {
      this.file = file;
      this.channel = channel;
      this.direct = direct;
      this.block = block;
      this.buffer = ByteBuffer.allocateDirect(BUFFER + 2 * block).alignedSlice(block);
    }

    static BlockWriter open(Path file) throws IOException {
      OpenOption directOption = directOption();
      if (directOption != null) {
        try {
          int block = Math.toIntExact(Files.getFileStore(file).getBlockSize());
          if (block > 0 && block <= 64 * 1024 && Integer.bitCount(block) == 1) {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, directOption);
            return new BlockWriter(file, ch, true, block);
          }
        } catch (IOException | UnsupportedOperationException | ArithmeticException e) {
          // no direct I/O here: ordinary writes below
        }
      }
      return new BlockWriter(file, FileChannel.open(file, StandardOpenOption.WRITE), false, 1);
    }

    /** {@code ExtendedOpenOption.DIRECT} when this JDK has it, looked up so no module needs it at compile time. */
    private static OpenOption directOption() {
      try {
        Class<?> c = Class.forName("com.sun.nio.file.ExtendedOpenOption");
        for (Object o : c.getEnumConstants()) {
          if ("DIRECT".equals(((Enum<?>) o).name())) {
            return (OpenOption) o;
          }
        }
      } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
        // not available
      }
      return null;
    }

    void write(byte[] bytes, int length) throws IOException {
      int off = 0;
      while (off < length) {
        int n = Math.min(length - off, buffer.remaining());
        buffer.put(bytes, off, n);
        off += n;
        size += n;
        flushWholeBlocks();
      }
    }

    private void flushWholeBlocks() throws IOException {
      int whole = buffer.position() - buffer.position() % block;
      if (whole == 0) {
        return;
      }
      buffer.flip();
      int end = buffer.limit();
      buffer.limit(whole);
      writeFully();
      buffer.limit(end);
      buffer.compact();
    }

    private void writeFully() throws IOException {
      while (buffer.hasRemaining()) {
        int start = buffer.position();
        try {
          written += channel.write(buffer, written);
        } catch (IOException e) {
          if (!direct) {
            throw e;
          }
          // EINVAL from a file system that accepted O_DIRECT at open: carry on with ordinary writes.
          channel.close();
          channel = FileChannel.open(file, StandardOpenOption.WRITE);
          direct = false;
          buffer.position(start);
        }
      }
    }

    /** Writes the rest (padded to a block for direct I/O) and cuts the file to its real size. */
    void finish() throws IOException {
      int rest = buffer.position();
      if (rest > 0) {
        if (direct) {
          int padded = (rest + block - 1) / block * block;
          while (buffer.position() < padded) {
            buffer.put((byte) 0);
          }
        }
        buffer.flip();
        writeFully();
        buffer.clear();
      }
      if (written != size) {
        channel.truncate(size);
      }
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
