/**
 * Fedora infrastructure clients and the release workflow that composes them.
 */
@NullMarked
package dev.packit.fedora;

import org.jspecify.annotations.NullMarked;
