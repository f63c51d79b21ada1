/**
 * The lookaside cache of a dist-git instance: {@code sources} files, streaming checksums, and a
 * client for upload.cgi and the download tree.
 *
 * <pre>{@code
 * SourcesFile sources = SourcesFile.read(checkout.resolve("sources"));
 * HashedFile archive = HashedFile.of(Path.of("hello-1.0.tar.gz"), HashType.SHA512);
 * }</pre>
 */
@NullMarked
package dev.packit.fedora.lookaside;

import org.jspecify.annotations.NullMarked;
