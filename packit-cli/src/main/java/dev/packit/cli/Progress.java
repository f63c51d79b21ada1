package dev.packit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * Progress of the long steps (git fetches, planning, downloads, uploads, waiting for Koji) on stderr: as text
 * lines on a terminal, as one JSON object per line with {@code -o json}, and nothing when stderr is
 * not a terminal (piped, in CI logs). {@code PACKIT_PROGRESS=always|never|auto} overrides the
 * terminal check.
 *
 * <pre>{@code
 * Progress p = Progress.of(io, environment, false);
 * p.phase("fetching", "https://github.com/o/hello.git");
 * }</pre>
 */
final class Progress {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Redactor io;
  private final boolean enabled;
  private final boolean json;

  private Progress(Redactor io, boolean enabled, boolean json) {
    this.io = io;
    this.enabled = enabled;
    this.json = json;
  }

  /**
   * The progress printer for a command.
   *
   * @param io the redacting printer
   * @param env the environment ({@code PACKIT_PROGRESS})
   * @param json whether the command prints JSON ({@code -o json}): events are JSON lines then
   * @return the printer
   */
  static Progress of(Redactor io, Map<String, String> env, boolean json) {
    String mode = env.getOrDefault("PACKIT_PROGRESS", "auto").toLowerCase(Locale.ROOT);
    boolean on = switch (mode) {
      case "always" -> true;
      case "never" -> false;
      default -> System.console() != null;
    };
    return new Progress(io, on, json);
  }

  /** @return whether anything is printed */
  boolean enabled() {
    return enabled;
  }

  /**
   * A long phase starts.
   *
   * @param what e.g. {@code fetching}
   * @param detail e.g. the URL
   */
  void phase(String what, String detail) {
    if (!enabled) {
      return;
    }
    if (json) {
      event(JSON.createObjectNode().put("event", "phase").put("phase", what).put("detail", detail));
    } else {
      io.err("packit: " + what + " " + detail + " ...");
    }
  }

  /**
   * A file was transferred.
   *
   * @param direction {@code uploaded} or {@code downloaded}
   * @param file the file name
   * @param bytes its size
   * @param nanos how long it took
   */
  void transferred(String direction, String file, long bytes, long nanos) {
    if (!enabled) {
      return;
    }
    double seconds = Math.max(nanos, 1) / 1e9;
    if (json) {
      event(JSON.createObjectNode().put("event", direction).put("file", file).put("bytes", bytes)
          .put("seconds", Math.round(seconds * 1000) / 1000.0).put("bytes_per_second", Math.round(bytes / seconds)));
    } else {
      io.err(String.format(Locale.ROOT, "packit: %s %s: %s in %.1f s (%s/s)", direction, file, size(bytes), seconds,
          size(Math.round(bytes / seconds))));
    }
  }

  /**
   * A Koji task changed state while waiting.
   *
   * @param taskId the task
   * @param state its state
   * @param url its web page
   */
  void kojiTask(long taskId, String state, String url) {
    if (!enabled) {
      return;
    }
    if (json) {
      event(JSON.createObjectNode().put("event", "koji_task").put("task", taskId).put("state", state).put("url", url));
    } else {
      io.err("packit: Koji task " + taskId + " " + state + " (" + url + ")");
    }
  }

  /**
   * A body stream that reports how much of a download has been read, at most once a second, and
   * its size and rate when it ends.
   *
   * @param file the file name
   * @param total the Content-Length, or -1
   * @param body the body
   * @return the counting stream (the body itself when progress is off)
   */
  java.io.InputStream counting(String file, long total, java.io.InputStream body) {
    if (!enabled) {
      return body;
    }
    long t0 = System.nanoTime();
    return new java.io.FilterInputStream(body) {
      private long read;
      private long lastReport = t0;
      private boolean done;

      @Override
      public int read() throws java.io.IOException {
        int b = super.read();
        count(b < 0 ? -1 : 1);
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws java.io.IOException {
        int n = super.read(buf, off, len);
        count(n);
        return n;
      }

      private void count(int n) {
        if (n < 0) {
          finish();
          return;
        }
        read += n;
        long now = System.nanoTime();
        if (now - lastReport >= 1_000_000_000L) {
          lastReport = now;
          double seconds = (now - t0) / 1e9;
          if (json) {
            event(JSON.createObjectNode().put("event", "downloading").put("file", file).put("bytes", read).put("total", total)
                .put("bytes_per_second", Math.round(read / seconds)));
          } else {
            io.err("packit: downloading " + file + ": " + size(read) + (total > 0 ? " of " + size(total) : "") + " ("
                + size(Math.round(read / seconds)) + "/s)");
          }
        }
      }

      private void finish() {
        if (!done) {
          done = true;
          transferred("downloaded", file, read, System.nanoTime() - t0);
        }
      }

      @Override
      public void close() throws java.io.IOException {
        if (total < 0 || read >= total) {
          finish();
        }
        super.close();
      }
    };
  }

  /** When each git task (location and task) last printed, and the tasks whose end was printed. */
  private final Map<String, Long> gitReported = new java.util.HashMap<>();
  private final java.util.Set<String> gitFinished = new java.util.HashSet<>();

  /**
   * A git fetch advanced (JGit's monitor, through {@link dev.packit.forge.git.GitProgress}): one line
   * per task at most once a second after its first second, and one when a task with a known size
   * completes.
   *
   * @param location the repository URL
   * @param task git's task, e.g. {@code Receiving objects}
   * @param done units done
   * @param total units in all, 0 when unknown
   */
  synchronized void git(String location, String task, long done, long total) {
    if (!enabled) {
      return;
    }
    String key = location + "\n" + task;
    boolean complete = total > 0 && done >= total;
    long now = System.nanoTime();
    // A task's first second is quiet: a quick fetch prints only the "done" lines.
    Long last = gitReported.putIfAbsent(key, now);
    if (complete ? !gitFinished.add(key) : last == null || now - last < 1_000_000_000L) {
      return;
    }
    gitReported.put(key, now);
    if (json) {
      event(JSON.createObjectNode().put("event", "git").put("location", location).put("task", task).put("done", done)
          .put("total", total));
    } else {
      io.err("packit: " + location + ": " + task + " " + (total > 0 ? (done * 100 / total) + "% (" + done + "/" + total + ")" : String.valueOf(done))
          + (complete ? ", done" : ""));
    }
  }

  private void event(ObjectNode node) {
    io.err(node.toString());
  }

  /** A size for people: 512 B, 1.5 KiB, 3.2 MiB. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double v = bytes;
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    int i = -1;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
  }
}
