/** Implementation of local git: JGit transport configuration. Not API. */
package dev.packit.forge.internal.git;
