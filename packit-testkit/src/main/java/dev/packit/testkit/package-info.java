/**
 * An in-process Fedora sandbox for tests: fake forges, dist-git, lookaside, Koji and Bodhi on loopback.
 */
@NullMarked
package dev.packit.testkit;

import org.jspecify.annotations.NullMarked;
