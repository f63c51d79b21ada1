package dev.packit.bot.status;

import dev.packit.bot.history.JobHistory;
import dev.packit.bot.status.internal.StatusHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;

/**
 * The bot's status page as a Jetty {@link Handler}, to mount at {@code /} of the bot's server.
 *
 * <pre>{@code
 * JobHistory history = new InMemoryJobHistory();
 * Handler status = StatusPage.handler(history, Clock.systemUTC(), StatusPage.Options.defaults().withTitle("acme bot"));
 * Server server = new Server();
 * server.setHandler(status);
 * }</pre>
 *
 * <p>It answers {@code GET} and {@code HEAD} on {@code /}, {@code /jobs}, {@code /jobs/{id}},
 * {@code /packages/{name}} and {@code /static/status.css} (other methods: 405), and declines every
 * other path (returns {@code false}), so it can sit in a {@code Handler.Sequence} after the webhook
 * and metrics handlers. Every page carries {@link #CONTENT_SECURITY_POLICY}; no page has a script.
 * Package names, triggers, details and links are shown as text (links only when {@code http} or
 * {@code https}); a job's request JSON is never shown (it may carry configuration).
 */
public final class StatusPage {
  /**
   * The {@code Content-Security-Policy} of every answer: nothing from anywhere but the bot itself, and
   * from the bot only its stylesheet; no script at all, no frames, forms only back to the bot.
   */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
      + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private StatusPage() {}

  /**
   * The status page over a history.
   *
   * @param history where jobs and decisions are read from (read only)
   * @param clock the clock for "3 minutes ago"
   * @param options title and page-size bounds
   * @return a handler that serves the pages and declines other paths
   */
  public static Handler handler(JobHistory history, Clock clock, Options options) {
    return new StatusHandler(Objects.requireNonNull(history, "history"), Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(options, "options"));
  }

  /**
   * What else is waiting, from parts of the bot the history does not see: the queue itself, the
   * reconciler's next pass, a rate limit. Called on every overview request, on a request thread;
   * keep it cheap. A source that throws is shown as "could not be asked", not as an error page.
   *
   * <pre>{@code
   * StatusPage.WaitingSource next = () -> List.of(new StatusPage.Waiting("", "", "reconciliation",
   *     "next pass in 4 minutes", Optional.empty()));
   * }</pre>
   */
  @FunctionalInterface
  public interface WaitingSource {
    /**
     * What is waiting now.
     *
     * @return the entries, at most the page's row bound of them is shown
     */
    List<Waiting> waiting();
  }

  /**
   * One thing waiting, shown (escaped) in the overview's "Waiting" section after the history's open jobs.
   *
   * <pre>{@code
   * StatusPage.WaitingSource koji = () -> List.of(new StatusPage.Waiting("hello", "f43", "koji_build",
   *     "Koji has 40 tasks queued", Optional.of(clock.instant())));
   * }</pre>
   *
   * @param packageName the package, empty when it is not about one
   * @param branch the branch, empty when it is not about one
   * @param what what waits ("koji_build", "reconciliation")
   * @param why why, for people ("Koji has 40 tasks queued")
   * @param since since when, if known
   */
  public record Waiting(String packageName, String branch, String what, String why, Optional<Instant> since) {
    /** Validates the components. */
    public Waiting {
      packageName = packageName == null ? "" : packageName;
      branch = branch == null ? "" : branch;
      Objects.requireNonNull(what, "what");
      why = why == null ? "" : why;
      Objects.requireNonNull(since, "since");
    }
  }

  /**
   * How the pages look and how much they show at most.
   *
   * <pre>{@code
   * StatusPage.Options.defaults().withTitle("acme release bot").withMaxRows(200);
   * }</pre>
   *
   * @param title the page title, shown as text
   * @param maxRows at most this many jobs on a list, decisions on a package page, and jobs read per
   *     package for the overview (1..1000)
   * @param maxPackages at most this many packages on the overview (1..1000)
   * @param maxTextChars a trigger, cause or detail longer than this is cut, saying how much was cut (80..100000)
   * @param waiting extra sources for the overview's "Waiting" section
   */
  public record Options(String title, int maxRows, int maxPackages, int maxTextChars, List<WaitingSource> waiting) {
    /** Validates the components. */
    public Options {
      Objects.requireNonNull(title, "title");
      if (maxRows < 1 || maxRows > 1000) {
        throw new IllegalArgumentException("maxRows must be 1..1000, got " + maxRows);
      }
      if (maxPackages < 1 || maxPackages > 1000) {
        throw new IllegalArgumentException("maxPackages must be 1..1000, got " + maxPackages);
      }
      if (maxTextChars < 80 || maxTextChars > 100_000) {
        throw new IllegalArgumentException("maxTextChars must be 80..100000, got " + maxTextChars);
      }
      waiting = List.copyOf(waiting);
    }

    /**
     * Title "packit bot", 100 rows, 100 packages, 4000 characters of text, no extra waiting sources.
     *
     * @return the defaults
     */
    public static Options defaults() {
      return new Options("packit bot", 100, 100, 4000, List.of());
    }

    /**
     * Another title.
     *
     * @param t the title
     * @return a copy
     */
    public Options withTitle(String t) {
      return new Options(t, maxRows, maxPackages, maxTextChars, waiting);
    }

    /**
     * Another row bound.
     *
     * @param n at most this many rows (1..1000)
     * @return a copy
     */
    public Options withMaxRows(int n) {
      return new Options(title, n, maxPackages, maxTextChars, waiting);
    }

    /**
     * Another package bound for the overview.
     *
     * @param n at most this many packages (1..1000)
     * @return a copy
     */
    public Options withMaxPackages(int n) {
      return new Options(title, maxRows, n, maxTextChars, waiting);
    }

    /**
     * Another text bound.
     *
     * @param n at most this many characters per text (80..100000)
     * @return a copy
     */
    public Options withMaxTextChars(int n) {
      return new Options(title, maxRows, maxPackages, n, waiting);
    }

    /**
     * One more source for the "Waiting" section.
     *
     * @param source the source
     * @return a copy
     */
    public Options withWaiting(WaitingSource source) {
      List<WaitingSource> more = new java.util.ArrayList<>(waiting);
      more.add(Objects.requireNonNull(source, "source"));
      return new Options(title, maxRows, maxPackages, maxTextChars, more);
    }
  }
}
