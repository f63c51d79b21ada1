package dev.packit.fedora.distgit;

import dev.packit.core.PackitClientException;
import dev.packit.fedora.lookaside.HashedFile;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.lookaside.SourceEntry;
import dev.packit.fedora.lookaside.SourcesFile;
import dev.packit.fedora.lookaside.UploadResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code fedpkg new-sources}: uploads archives to the lookaside cache (only those it lacks),
 * rewrites {@code sources} to list exactly them and adds them to {@code .gitignore}.
 *
 * <pre>{@code
 * NewSources.Result r = NewSources.run(lookaside, "hello", checkout,
 *     List.of(Path.of("hello-2.0.tar.gz"), Path.of("hello-2.0.tar.gz.asc")));
 * r.uploaded();        // files sent by this run
 * r.changedFiles();    // "sources", ".gitignore": stage these (DistGitCheckout does)
 * }</pre>
 *
 * <p>Order matters for safety: every archive is hashed once, then uploaded (upload.cgi is asked
 * first and only missing files are sent), and only when all uploads succeeded are {@code sources}
 * and {@code .gitignore} written, each atomically. A failed run leaves the checkout untouched, and
 * running again sends only what is still missing. Running twice changes nothing and uploads nothing.
 */
public final class NewSources {
  private NewSources() {}

  /**
   * What a run did.
   *
   * <pre>{@code
   * NewSources.Result r = NewSources.run(lookaside, "hello", checkout, List.of(archive));
   * r.sources().entries();   // what the sources file now lists
   * }</pre>
   *
   * @param uploads one result per archive, in order
   * @param sources the {@code sources} file now in the checkout
   * @param changedFiles the files this run changed, relative to the checkout ({@code sources}, {@code .gitignore})
   */
  public record Result(List<UploadResult> uploads, SourcesFile sources, List<String> changedFiles) {
    /** Copies the lists. */
    public Result {
      uploads = List.copyOf(uploads);
      Objects.requireNonNull(sources, "sources == null");
      changedFiles = List.copyOf(changedFiles);
    }

    /** @return the number of archives sent to the lookaside by this run */
    public int uploaded() {
      return (int) uploads.stream().filter(UploadResult::uploaded).count();
    }

    /** @return whether the checkout changed */
    public boolean changed() {
      return !changedFiles.isEmpty();
    }
  }

  /**
   * Runs new-sources.
   *
   * @param lookaside the lookaside client (its hash type is used)
   * @param pkg the package name, such as {@code hello}
   * @param checkout the package's dist-git working tree
   * @param archives the archives; their file names must be unique and safe
   * @return what was done
   * @throws dev.packit.fedora.lookaside.LookasideException when an upload is refused (nothing in the checkout changed)
   * @throws PackitClientException when an archive cannot be read or the checkout cannot be written
   */
  public static Result run(LookasideClient lookaside, String pkg, Path checkout, List<Path> archives) {
    Objects.requireNonNull(lookaside, "lookaside == null");
    Objects.requireNonNull(checkout, "checkout == null");
    if (archives.isEmpty()) {
      throw new IllegalArgumentException("no archive given");
    }
    Path sourcesPath = checkout.resolve("sources");
    SourcesFile current = SourcesFile.read(sourcesPath); // fail early on a malformed or malicious file
    Set<String> names = new LinkedHashSet<>();
    List<HashedFile> hashed = new ArrayList<>();
    for (Path a : archives) {
      HashedFile h = HashedFile.of(a, lookaside.hashType());
      if (!names.add(h.filename())) {
        throw new IllegalArgumentException("two archives named " + h.filename());
      }
      hashed.add(h);
    }
    List<UploadResult> uploads = new ArrayList<>();
    List<SourceEntry> entries = new ArrayList<>();
    for (HashedFile h : hashed) {
      uploads.add(lookaside.upload(pkg, h));
      entries.add(h.toEntry(lookaside.hashType()));
    }
    List<String> changed = new ArrayList<>();
    SourcesFile updated = current.withEntries(entries);
    if (updated.write(sourcesPath)) {
      changed.add("sources");
    }
    if (updateGitignore(checkout.resolve(".gitignore"), names)) {
      changed.add(".gitignore");
    }
    return new Result(uploads, updated, changed);
  }

  /**
   * Lists archives in a checkout without uploading them ({@code fedpkg upload}'s bookkeeping, for a
   * caller that uploads later, such as the release workflow's plan): {@code sources} keeps its other
   * entries, comments and line format, loses the entries named in {@code dropped} (the previous
   * release's archives) and lists {@code entries}; {@code .gitignore} gets {@code /<name>} for each
   * archive it does not ignore yet. Each file is written atomically and only when it changes; a
   * checkout without {@code sources} gets none when nothing is listed.
   *
   * <pre>{@code
   * List<String> changed = NewSources.list(checkout, List.of(archive.toEntry(HashType.SHA512)), List.of("hello-1.0.tar.gz"));
   * }</pre>
   *
   * @param checkout the package's dist-git working tree
   * @param entries the archives to list, in order
   * @param dropped file names whose entries go (when not listed again)
   * @return the files changed, relative to the checkout ({@code sources}, {@code .gitignore})
   * @throws PackitClientException when {@code sources} is malformed or a file cannot be written
   * @throws IllegalArgumentException when the entries mix checksum types with the ones kept
   * @since 0.2.0
   */
  public static List<String> list(Path checkout, List<SourceEntry> entries, java.util.Collection<String> dropped) {
    Objects.requireNonNull(checkout, "checkout == null");
    Path sourcesPath = checkout.resolve("sources");
    SourcesFile current = SourcesFile.read(sourcesPath);
    Set<String> names = new LinkedHashSet<>();
    entries.forEach(e -> names.add(e.filename()));
    List<SourceEntry> all = new ArrayList<>();
    for (SourceEntry e : current.entries()) {
      if (!dropped.contains(e.filename()) && !names.contains(e.filename())) {
        all.add(e);
      }
    }
    all.addAll(entries);
    List<String> changed = new ArrayList<>();
    SourcesFile updated = current.withEntries(all);
    // A package without remote sources keeps having no sources file.
    boolean write = Files.exists(sourcesPath) || !all.isEmpty();
    if (write && updated.write(sourcesPath)) {
      changed.add("sources");
    }
    if (!names.isEmpty() && updateGitignore(checkout.resolve(".gitignore"), names)) {
      changed.add(".gitignore");
    }
    return changed;
  }

  /** Appends {@code /<name>} for each archive not yet ignored; keeps everything else as it is. */
  static boolean updateGitignore(Path gitignore, Set<String> names) {
    try {
      String text;
      try {
        text = Files.readString(gitignore, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        text = "";
      }
      Set<String> present = new LinkedHashSet<>();
      for (String line : text.split("\r?\n")) {
        present.add(line.strip());
      }
      StringBuilder add = new StringBuilder();
      for (String n : names) {
        if (!present.contains("/" + n) && !present.contains(n)) {
          add.append('/').append(n).append('\n');
        }
      }
      if (add.length() == 0) {
        return false;
      }
      String out = text.isEmpty() || text.endsWith("\n") ? text + add : text + "\n" + add;
      Path tmp = Files.createTempFile(gitignore.toAbsolutePath().getParent(), ".gitignore.", ".tmp");
      try {
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        try {
          Files.move(tmp, gitignore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, gitignore, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      return true;
    } catch (IOException e) {
      throw new PackitClientException("cannot update " + gitignore + ": " + e.getMessage(), e);
    }
  }
}
