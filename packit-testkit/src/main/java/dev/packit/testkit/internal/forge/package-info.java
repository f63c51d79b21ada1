/** The sandbox's fake GitHub and Pagure, backed by the sandbox's bare git repositories. Not API. */
package dev.packit.testkit.internal.forge;
