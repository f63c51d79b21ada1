/**
 * Koji hub client: builds, tasks, targets, tags and side tags over Koji's XML-RPC.
 *
 * <pre>{@code
 * KojiClient koji = KojiClient.builder().hub(URI.create("https://koji.fedoraproject.org/kojihub")).build();
 * KojiBuild b = koji.getBuild("python-ogr-0.34.0-1.fc40").orElseThrow();
 * }</pre>
 */
@NullMarked
package dev.packit.fedora.koji;

import org.jspecify.annotations.NullMarked;
