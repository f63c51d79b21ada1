package dev.packit.cli;

import dev.packit.core.Redaction;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Masks every known token in what the CLI prints: its own lines, errors, and the log lines that
 * slf4j-simple writes to {@code System.err} while a command runs.
 *
 * <pre>{@code
 * Redactor r = new Redactor(out, err);
 * r.addSecrets(userConfig.secrets());
 * r.out("plan: ...");
 * }</pre>
 */
final class Redactor {
  private final PrintWriter out;
  private final PrintWriter err;
  private final List<String> secrets = new CopyOnWriteArrayList<>();

  Redactor(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  void addSecrets(List<String> values) {
    secrets.addAll(values);
  }

  String clean(String text) {
    return Redaction.text(text, secrets);
  }

  void out(String line) {
    synchronized (out) {
      out.println(clean(line));
      out.flush();
    }
  }

  void outRaw(String text) {
    synchronized (out) {
      out.print(clean(text));
      out.flush();
    }
  }

  void err(String line) {
    synchronized (err) {
      err.println(clean(line));
      err.flush();
    }
  }

  static String url(URI url) {
    return Redaction.url(url);
  }

  /**
   * A stream that redacts whole lines before passing them on; for {@code System.err} while a
   * command runs, where the libraries' log lines go.
   *
   * @param target the real stream
   * @return the redacting stream
   */
  PrintStream lineFilter(PrintStream target) {
    return new PrintStream(new OutputStream() {
      private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

      @Override
      public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
          flush();
        }
      }

      @Override
      public synchronized void flush() {
        if (line.size() > 0) {
          target.print(clean(line.toString(StandardCharsets.UTF_8)));
          target.flush();
          line.reset();
        }
      }
    }, true, StandardCharsets.UTF_8);
  }
}
