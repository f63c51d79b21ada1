/** Shared REST plumbing of the forge clients: JSON readers, Link headers, lazy pagination. Not API. */
@NullMarked
package dev.packit.forge.internal.rest;

import org.jspecify.annotations.NullMarked;
