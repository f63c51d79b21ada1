package dev.packit.forge.forgejo;

import java.net.URI;
import java.util.Objects;

/**
 * A file attached to a Forgejo release.
 *
 * <pre>{@code
 * for (ReleaseAsset a : forgejo.releaseAssets(RepoId.of("packit/ogr"), "0.2.0")) {
 *   System.out.println(a.name() + " " + a.size() + " " + a.downloadUrl());
 * }
 * }</pre>
 *
 * @param id the attachment id
 * @param name the file name
 * @param size the size in bytes
 * @param downloadUrl where to download it ({@code browser_download_url})
 */
public record ReleaseAsset(long id, String name, long size, URI downloadUrl) {
  /** Validates the name. */
  public ReleaseAsset {
    Objects.requireNonNull(name, "name == null");
  }
}
