/** Implementation of local git: JGit transport configuration. Not API. */
@NullMarked
package dev.packit.forge.internal.git;

import org.jspecify.annotations.NullMarked;
