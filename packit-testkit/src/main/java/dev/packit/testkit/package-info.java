/**
 * An in-process Fedora sandbox for tests: fake forges, dist-git, lookaside, Koji and Bodhi on loopback.
 */
package dev.packit.testkit;
