/**
 * Internal: the file and process work of the release workflow — {@code files_to_sync} copies that
 * never leave either repository, working-tree snapshots and writes, action processes and
 * HTTPS-only archive downloads.
 */
@NullMarked
package dev.packit.fedora.internal.workflow;

import org.jspecify.annotations.NullMarked;
