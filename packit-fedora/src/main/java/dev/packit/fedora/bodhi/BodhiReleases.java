package dev.packit.fedora.bodhi;

import org.jspecify.annotations.Nullable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import dev.packit.core.PackitException;
import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.FedoraRelease;
import dev.packit.core.config.FedoraReleases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active Fedora and EPEL releases from Bodhi, as Packit's target aliases need them: cached in
 * memory for a TTL, with a last-known-good copy on disk for when Bodhi is down.
 *
 * <pre>{@code
 * BodhiReleases releases = BodhiReleases.builder(BodhiClient.builder().build())
 *     .cacheFile(Path.of(System.getProperty("user.home"), ".cache/packit-java/bodhi-releases.json"))
 *     .build();
 * List<BodhiRelease> active = releases.activeReleases();   // Bodhi at most every 12 hours
 * DistroAliases aliases = releases.aliases();               // fedora-stable, epel-10, ...
 * }</pre>
 *
 * <p>Like Packit (fedora-distro-aliases): {@code GET /releases/?state=current&state=pending&state=frozen},
 * all pages, kept 12 hours by default. After every successful fetch the list is written to the
 * cache file atomically (temporary file, then rename). When Bodhi fails, the last list in memory is
 * used, else the cache file; only when neither exists does the failure propagate. Thread-safe.
 */
public final class BodhiReleases implements FedoraReleases {
  private static final Logger LOG = LoggerFactory.getLogger(BodhiReleases.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final BodhiClient client;
  private final Duration ttl;
  private final Clock clock;
  private final Path cacheFile;
  private List<BodhiRelease> cached;
  private Instant fetchedAt = Instant.MIN;

  private BodhiReleases(Builder b) {
    this.client = b.client;
    this.ttl = b.ttl;
    this.clock = b.clock;
    this.cacheFile = b.cacheFile;
  }

  /**
   * Returns a builder.
   *
   * @param client the Bodhi client to fetch from
   * @return a new builder (TTL 12 hours, no cache file)
   */
  public static Builder builder(BodhiClient client) {
    return new Builder(client);
  }

  /**
   * Returns the active releases (current, pending, frozen), from memory while fresh.
   *
   * @return the releases in Bodhi's order
   * @throws PackitException when Bodhi fails and no earlier list is available
   */
  public synchronized List<BodhiRelease> activeReleases() {
    Instant now = clock.instant();
    if (cached != null && now.isBefore(fetchedAt.plus(ttl))) {
      return cached;
    }
    try {
      List<BodhiRelease> fresh = List.copyOf(client.releases(BodhiClient.ACTIVE_STATES));
      cached = fresh;
      fetchedAt = now;
      if (cacheFile != null) {
        write(fresh, now);
      }
      return fresh;
    } catch (PackitException e) {
      if (cached != null) {
        LOG.warn("Bodhi releases unavailable, using the list fetched at {}: {}", fetchedAt, e.getMessage());
        return cached;
      }
      Optional<Stored> stored = readStored();
      if (stored.isPresent()) {
        LOG.warn("Bodhi releases unavailable, using {} (saved {}): {}", cacheFile, stored.get().savedAt(), e.getMessage());
        cached = stored.get().releases();
        // retry Bodhi on the next call rather than holding a stale list for a whole TTL
        fetchedAt = Instant.MIN;
        return cached;
      }
      throw e;
    }
  }

  /**
   * Returns the active releases for the alias resolver in {@code dev.packit.core.config}.
   *
   * @return the releases, converted
   * @throws PackitException when Bodhi fails and no earlier list is available
   */
  @Override
  public List<FedoraRelease> releases() {
    List<FedoraRelease> out = new ArrayList<>();
    for (BodhiRelease r : activeReleases()) {
      out.add(new FedoraRelease(r.name(), r.longName(), r.version(), r.idPrefix(), r.state(), r.branch(), r.distTag(),
          r.candidateTag()));
    }
    return List.copyOf(out);
  }

  /**
   * Resolves Packit's target aliases ({@code fedora-stable}, {@code fedora-branched}, {@code epel-10},
   * ...) from the active releases.
   *
   * <pre>{@code
   * Set<String> branches = releases.aliases().branches(List.of("fedora-all", "epel-10"), "rawhide");
   * }</pre>
   *
   * @return the alias resolver
   */
  public DistroAliases aliases() {
    return DistroAliases.from(this);
  }

  /**
   * Asks Bodhi now, whatever the TTL says; when Bodhi fails the last list stays in use.
   *
   * <pre>{@code
   * releases.refresh();   // e.g. on a bodhi release message or an admin command
   * }</pre>
   *
   * @return the releases
   * @throws PackitException when Bodhi fails and no earlier list is available
   * @since 0.2.0
   */
  public synchronized List<BodhiRelease> refresh() {
    fetchedAt = Instant.MIN;
    return activeReleases();
  }

  /** Forgets the in-memory list; the next call asks Bodhi. */
  public synchronized void invalidate() {
    cached = null;
    fetchedAt = Instant.MIN;
  }

  /**
   * Returns when the in-memory list was fetched from Bodhi.
   *
   * @return the time, or empty when it came from the cache file or nothing was fetched yet
   */
  public synchronized Optional<Instant> fetchedAt() {
    return fetchedAt.equals(Instant.MIN) ? Optional.empty() : Optional.of(fetchedAt);
  }

  private record Stored(Instant savedAt, List<BodhiRelease> releases) {}

  private void write(List<BodhiRelease> releases, Instant now) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("saved_at", now.toString());
    ArrayNode arr = root.putArray("releases");
    for (BodhiRelease r : releases) {
      ObjectNode o = arr.addObject();
      o.put("name", r.name());
      o.put("long_name", r.longName());
      o.put("version", r.version());
      o.put("id_prefix", r.idPrefix());
      o.put("branch", r.branch());
      o.put("dist_tag", r.distTag());
      o.put("stable_tag", r.stableTag());
      o.put("testing_tag", r.testingTag());
      o.put("candidate_tag", r.candidateTag());
      o.put("override_tag", r.overrideTag());
      o.put("state", r.state());
      o.put("composed_by_bodhi", r.composedByBodhi());
      o.put("create_automatic_updates", r.createAutomaticUpdates());
      if (r.eol().isEmpty()) {
        o.putNull("eol");
      } else {
        o.put("eol", r.eol());
      }
    }
    try {
      Path dir = cacheFile.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, cacheFile.getFileName().toString(), ".tmp");
      try {
        Files.write(tmp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        try {
          Files.move(tmp, cacheFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      // the cache is a convenience: a read-only home must not break alias resolution
      LOG.warn("cannot write the Bodhi release cache {}: {}", cacheFile, e.toString());
    }
  }

  private Optional<Stored> readStored() {
    if (cacheFile == null || !Files.isRegularFile(cacheFile)) {
      return Optional.empty();
    }
    String text;
    try {
      text = Files.readString(cacheFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Bodhi release cache " + cacheFile, e);
    }
    try {
      JsonNode root = MAPPER.readTree(text);
      JsonNode list = root.path("releases");
      if (!list.isArray() || list.isEmpty()) {
        throw new InvalidInputException(InputLocation.of(cacheFile.toString()).field("releases"), "no releases in the cache file");
      }
      List<BodhiRelease> out = new ArrayList<>();
      for (JsonNode r : list) {
        out.add(BodhiClient.release(r));
      }
      Instant saved = Instant.parse(root.path("saved_at").asText());
      return Optional.of(new Stored(saved, List.copyOf(out)));
    } catch (JsonProcessingException e) {
      InputLocation at = InputLocation.of(cacheFile.toString());
      if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
        at = at.at(e.getLocation().getLineNr(), Math.max(0, e.getLocation().getColumnNr()));
      }
      throw new InvalidInputException(at, "corrupt Bodhi release cache: " + e.getOriginalMessage(), e);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(InputLocation.of(cacheFile.toString()).field("saved_at"), "not an ISO instant", e);
    }
  }

  @Override
  public String toString() {
    return "BodhiReleases[" + client.baseUri() + ", ttl=" + ttl + (cacheFile == null ? "" : ", cache=" + cacheFile) + "]";
  }

  /** Configures {@link BodhiReleases}. */
  public static final class Builder {
    private final BodhiClient client;
    private Duration ttl = Duration.ofHours(12);
    private Clock clock = Clock.systemUTC();
    private Path cacheFile;

    Builder(BodhiClient client) {
      this.client = Objects.requireNonNull(client, "client == null");
    }

    /**
     * @param ttl how long a fetched list is used before Bodhi is asked again (default 12 hours)
     * @return this builder
     */
    public Builder ttl(Duration ttl) {
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("ttl must not be negative: " + ttl);
      }
      this.ttl = ttl;
      return this;
    }

    /**
     * @param clock the clock deciding freshness
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * @param file where the last-known-good list is kept (written atomically)
     * @return this builder
     */
    public Builder cacheFile(Path file) {
      this.cacheFile = Objects.requireNonNull(file, "file == null");
      return this;
    }

    /** @return the release source */
    public BodhiReleases build() {
      return new BodhiReleases(this);
    }
  }

  private static final Pattern FEDORA_BRANCH = Pattern.compile("^f(\\d+)$");
  private static final Pattern EPEL_BRANCH = Pattern.compile("^epel(\\d+)");

  /**
   * The dist tag rpm gives a dist-git branch, for {@code %{?dist}}: the branch name tells it for
   * Fedora and EPEL branches, Bodhi's releases for the others (rawhide, {@code main}).
   *
   * <pre>{@code
   * BodhiReleases.distTag("f43", bodhi);      // ".fc43"
   * BodhiReleases.distTag("epel10", null);    // ".el10"
   * BodhiReleases.distTag("rawhide", bodhi);  // ".fc44", from Bodhi's rawhide release
   * }</pre>
   *
   * @param branch the dist-git branch
   * @param bodhi asked only when the name does not tell; may be null (then such branches get "")
   * @return the dist tag with its leading dot, or "" when unknown
   * @throws PackitException when Bodhi cannot be asked
   */
  public static String distTag(String branch, @Nullable BodhiClient bodhi) {
    Matcher f = FEDORA_BRANCH.matcher(branch);
    if (f.matches()) {
      return ".fc" + f.group(1);
    }
    Matcher e = EPEL_BRANCH.matcher(branch);
    if (e.find()) {
      return ".el" + e.group(1);
    }
    if (bodhi == null) {
      return "";
    }
    return bodhi.releases(BodhiClient.ACTIVE_STATES).stream()
        .filter(r -> r.branch().equals(branch) || (branch.equals("main") && r.branch().equals("rawhide")))
        .map(r -> r.distTag().isEmpty() ? "" : "." + r.distTag().replaceFirst("^f", "fc"))
        .findFirst().orElse("");
  }
}
