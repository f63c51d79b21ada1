/**
 * Fedora infrastructure clients and the release workflow that composes them.
 */
package dev.packit.fedora;
