package dev.packit.fedora.workflow;

import dev.packit.core.PackitClientException;
import dev.packit.core.Redaction;
import dev.packit.core.http.HttpService;
import dev.packit.fedora.internal.workflow.ArchiveCache;
import dev.packit.fedora.internal.workflow.SecureDownload;
import dev.packit.fedora.lookaside.HashType;
import dev.packit.fedora.lookaside.HashedFile;
import dev.packit.fedora.lookaside.SourceEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Release archives: downloaded once per package and URL into a content-addressed cache, hashed
 * once per workflow, and one lock per archive shared with the lookaside upload.
 */
final class Archives {
  private final HttpService downloads;
  private final Path cacheRoot;
  private final Workspace workspace;
  private final boolean insecure;
  private final Set<String> insecureHosts;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  // Archives are hashed once per workflow and reused by every branch's plan and upload.
  private final Map<Path, HashedFile> hashes = new ConcurrentHashMap<>();

  Archives(HttpService downloads, Path workDir, Workspace workspace, boolean insecure, Set<String> insecureHosts) {
    this.downloads = downloads;
    this.cacheRoot = workDir.resolve("archives");
    this.workspace = workspace;
    this.insecure = insecure;
    this.insecureHosts = Set.copyOf(insecureHosts);
  }

  /** One lock per key (an archive's path or a package's hash), so two branches never do the same work at once. */
  Object lock(String key) {
    return locks.computeIfAbsent(key, k -> new Object());
  }

  /** The archive of a Source URL, from the cache when it holds exactly what it downloaded, else downloaded. */
  HashedFile fetch(String pkg, String url) {
    if (downloads == null) {
      throw new PackitClientException("no HTTP service configured for archive downloads");
    }
    String name = TagVersions.fileNameOf(url);
    if (SourceEntry.nameProblem(name).isPresent()) {
      throw new PackitClientException("refusing archive name from " + Redaction.url(url) + ": " + SourceEntry.nameProblem(name).get());
    }
    // Content-addressed per package (SHA-256 of package and URL): no other package's run reaches it.
    Path dir = ArchiveCache.folder(cacheRoot, pkg, url);
    Path target = dir.resolve(name);
    synchronized (lock(target.toString())) {
      try {
        if (Files.isRegularFile(target)) {
          HashedFile cached = hashOnce(target);
          if (ArchiveCache.recorded(dir).equals(Optional.of(cached.digest(HashType.SHA512)))) {
            return cached;
          }
          hashes.remove(target); // bytes this cache did not download whole: fetch them again
        }
        ArchiveCache.forget(dir);
        Files.createDirectories(dir);
        Path parts = Files.createDirectories(workspace.scratch().resolve("downloads"));
        String fetchUrl = url.contains("#/") ? url.substring(0, url.lastIndexOf("#/")) : url;
        // HTTPS only unless allowed; every redirect hop is checked.
        new SecureDownload(downloads, insecure, insecureHosts).fetch(URI.create(fetchUrl), target, parts);
        HashedFile fresh = hashOnce(target);
        ArchiveCache.record(dir, fresh.digest(HashType.SHA512));
        return fresh;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot download " + Redaction.url(url), e);
      }
    }
  }

  /** Hashes an archive unless it was hashed before and has not changed on disk since. */
  private HashedFile hashOnce(Path file) {
    HashedFile known = hashes.get(file);
    if (known != null) {
      try {
        known.requireUnchanged();
        return known;
      } catch (PackitClientException changed) {
        hashes.remove(file, known);
      }
    }
    HashedFile fresh = HashedFile.of(file, HashType.SHA512);
    hashes.put(file, fresh);
    return fresh;
  }

  /** Forgets a file's hash: the next plan hashes it again (and fetches it again). */
  void forget(Path file) {
    hashes.remove(file);
  }
}
