/** Shared REST plumbing of the forge clients: JSON readers, Link headers, lazy pagination. Not API. */
package dev.packit.forge.internal.rest;
