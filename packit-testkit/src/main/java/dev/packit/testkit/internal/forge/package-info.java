/** The sandbox's fake GitHub and Pagure, backed by the sandbox's bare git repositories. Not API. */
@NullMarked
package dev.packit.testkit.internal.forge;

import org.jspecify.annotations.NullMarked;
